"""Where an answer's first gold fact stands, and how long answers are (answers.fact_first_rate)."""

from __future__ import annotations

from evals import CaseResult, CitationView, HandoffView, Reply, ScoringContext, score_case, summarise
from evals.dataset import parse_case
from evals.metrics.answers import answer_words, opening_words, words_before_fact


def _case(**fields):  # type: ignore[no-untyped-def]
    problems: list[str] = []
    raw = {
        "id": fields.pop("id", "c-1"),
        "language": "sv",
        "kind": "answerable",
        "question": "När?",
        "expected_doc_ids": ["arsrakning"],
        **fields,
    }
    case = parse_case(raw, "test:1", problems)
    assert case is not None, problems
    return case


def _result(case, answer, cited=("arsrakning",), handoff=None):  # type: ignore[no-untyped-def]
    reply = Reply(
        answer=answer,
        citations=[CitationView(n=i + 1, doc_id=d) for i, d in enumerate(cited)],
        handoff=HandoffView(reason=handoff) if handoff else None,
        language="sv",
        latency_s=0.1,
    )
    return score_case(CaseResult(case, [reply]), ScoringContext())


def test_an_answer_that_opens_with_the_fact_has_no_words_before_it() -> None:
    assert words_before_fact("Den 1 mars ska årsräkningen vara inne [1].", ["1 mars"]) == 1
    assert words_before_fact("1 mars är sista dag [1].", ["1 mars"]) == 0


def test_words_before_count_the_preamble_and_skip_markers_and_bullets() -> None:
    answer = "Du som är god man redovisar varje år [1].\n- Årsräkningen ska vara inne senast 1 mars [2]."
    # "Du som är god man redovisar varje år" is 8 words, "Årsräkningen ska vara inne senast" 5 more.
    assert words_before_fact(answer, ["1 mars"]) == 13


def test_the_first_fact_is_the_one_that_comes_first_whatever_its_order_in_the_list() -> None:
    answer = "Arvodet betalas av kommunen. Årsräkningen lämnas senast 1 mars."
    assert words_before_fact(answer, ["1 mars", "kommunen"]) == 3
    assert words_before_fact(answer, [["saknas", "kommunen"]]) == 3  # alternatives: any one


def test_no_fact_in_the_answer_gives_none() -> None:
    assert words_before_fact("Kontakta oss.", ["1 mars"]) is None
    assert words_before_fact("", ["1 mars"]) is None
    assert words_before_fact("1 mars.", []) is None


def test_a_short_yes_or_no_lead_reads_with_the_sentence_after_it() -> None:
    assert opening_words("Ja. Du får ta ut ränta utan samtycke [1]. Mer text här.") == 8
    assert opening_words("Årsräkningen ska vara inne senast 1 mars [1]. Sedan granskar vi den.") == 7
    assert answer_words("- Ja [1].\n- Nej.") == ["Ja.", "Nej."]


def test_scoring_marks_fact_first_only_when_the_fact_is_in_the_opening_sentence() -> None:
    case = _case(must_include=["1 mars"])
    first = _result(case, "Årsräkningen ska vara inne senast 1 mars [1]. Du kan lämna den digitalt.")
    buried = _result(case, "Du kan lämna den digitalt eller på papper [1]. Den ska vara inne senast 1 mars.")
    missing = _result(case, "Du kan lämna den digitalt [1].")
    assert first.scores["fact_first"] == 1.0 and first.scores["words_before_fact"] == 5.0
    assert buried.scores["fact_first"] == 0.0 and buried.scores["words_before_fact"] == 13.0
    assert missing.scores["fact_first"] == 0.0 and "words_before_fact" not in missing.scores
    assert first.scores["answer_words"] == 12.0
    metrics = summarise([first, buried, missing])
    assert metrics["answers.fact_first_rate"] == round(1 / 3, 4)
    assert metrics["answers.words_before_fact_median"] == 9.0
    assert metrics["answers.mean_words"] == round((12 + 15 + 5) / 3, 4)


def test_unanswered_and_wrong_polarity_cases_do_not_count_as_leading_with_the_fact() -> None:
    handed = _result(
        _case(must_include=["1 mars"]), "Jag skickar frågan vidare.", cited=(), handoff="unknown"
    )
    assert "fact_first" not in handed.scores and "answer_words" not in handed.scores
    yes_no = _case(
        question="Kräver uttag av ränta samtycke?", must_include=["inget samtycke"], expect_answer="no"
    )
    wrong = _result(yes_no, "Ja, det kräver samtycke, inte inget samtycke [1].")
    assert wrong.scores["fact_first"] == 0.0 and "words_before_fact" not in wrong.scores
    right = _result(yes_no, "Nej. Uttag av förra årets ränta kräver inget samtycke [1].")
    assert right.scores["fact_first"] == 1.0 and right.scores["words_before_fact"] == 7.0
    # Facts never found: the median is left out, the share is 0.
    assert summarise([wrong])["answers.fact_first_rate"] == 0.0
    assert "answers.words_before_fact_median" not in summarise([wrong])
