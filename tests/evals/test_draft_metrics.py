"""Drafts scored part by part (evals.metrics.drafts): which section of a draft a part is judged on."""

from __future__ import annotations

from evals import CaseResult, CitationView, DraftView, ScoringContext, score_case
from evals.dataset import Case, parse_case

TEXT = (
    "Du frågar: ”Hur mycket arvode får jag?”\nArvodet bestäms i ett beslut [1].\n\n"
    "Du frågar: ”När betalas det ut?”\nDet betalas efter den 1 mars [1].\n\n"
    "Du frågar: ”Vad kostar en kopia av akten?”\nEn kopia kostar 50 kr [1].\n\n"
    "Källor:\n[1] Arvode: https://example.se/a\n"
)
QUESTIONS = ["Hur mycket arvode får jag?", "När betalas det ut?", "Vad kostar en kopia av akten?"]


def _case(ask: str, facts: list[str]) -> Case:
    problems: list[str] = []
    raw = {
        "id": "dr-1",
        "kind": "draft",
        "language": "sv",
        "question": ask,
        "parts": [{"ask": ask, "expected_doc_ids": ["arvode"], "must_include": facts}],
    }
    case = parse_case(raw, "test:1", problems)
    assert case is not None, problems
    return case


def _part(case: Case) -> dict[str, object]:
    draft = DraftView(TEXT, [CitationView(1, "arvode")], QUESTIONS)
    (part,) = score_case(CaseResult(case, draft=draft), ScoringContext()).details["parts"]
    return part


def test_a_part_the_draft_asked_in_pieces_is_judged_on_the_pieces_together() -> None:
    part = _part(_case("Hur mycket arvode får jag och när betalas det ut?", ["beslut", "1 mars"]))
    assert part["facts"] == 1.0 and part["answered"]


def test_a_section_whose_question_asks_something_else_is_not_added() -> None:
    # The fact stands in the section about copies, a question with words this ask does not have.
    part = _part(_case("Hur mycket arvode får jag?", ["50 kr"]))
    assert part["facts"] == 0.0 and not part["answered"]


def test_one_piece_alone_does_not_carry_the_other_pieces_facts() -> None:
    part = _part(_case("När betalas det ut?", ["beslut"]))
    assert part["facts"] == 0.0


def test_words_of_a_staff_line_are_never_the_parts_facts() -> None:
    text = (
        "Du frågar: ”Får jag ta ut arvode nu?”\nArvodet betalas efter granskningen [1].\n"
        "[Fyll i: skribenten ber om ett beslut i sitt ärende – skriv vad som gäller.]\n\n"
        "Källor:\n[1] Arvode: https://example.se/a\n"
    )
    case = _case("Får jag ta ut arvode nu?", ["beslut"])
    draft = DraftView(text, [CitationView(1, "arvode")], ["Får jag ta ut arvode nu?"])
    (part,) = score_case(CaseResult(case, draft=draft), ScoringContext()).details["parts"]
    assert part["facts"] == 0.0 and part["flagged"]
