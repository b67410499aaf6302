"""The answerability check: does the quote state what the question asks for? Its signals on small
hand-made texts, its fitted model file, and the composer's confidence through `compose`."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.composers import ComposeRequest, ExtractiveComposer, answerability
from assistant.composers.answerability import Evidence, Model, Words, judge, load_model, signals
from assistant.composers.sentences import content_stems, folded_words
from knowledge import Passage


def _words(text: str) -> Words:
    return Words(frozenset(content_stems(text)), frozenset(folded_words(text)))


def _evidence(question: str, quote: str, pool: list[str], form: float | None = None) -> Evidence:
    return Evidence(
        concepts=answerability.concepts_of([{s} for s in sorted(content_stems(question))]),
        quote=_words(quote),
        pool=tuple(_words(t) for t in [quote, *pool]),
        form=form,
        cosine=0.5,
        over_heading=0.0,
        confidence=0.5,
    )


POOL = [
    "Årsräkningen ska ha kommit in till oss före den 1 mars.",
    "Du skriver under årsräkningen på heder och samvete.",
    "Årsräkningen gäller förra kalenderåret.",
]


def test_a_quote_that_names_what_sets_the_question_apart_has_its_rarest_concept() -> None:
    values = signals(_evidence("Hur skriver jag under årsräkningen?", POOL[1], [POOL[0], POOL[2]]))
    assert values["rarest"] == 1.0
    assert values["absent"] == 0.0


def test_a_question_about_something_no_retrieved_text_names_is_absent_and_not_named() -> None:
    # A plan for a new e-service: no approved text mentions the portal, so the nearest passage
    # about the annual report does not answer.
    values = signals(_evidence("När öppnar portalen Kassaboken för årsräkningar?", POOL[0], POOL[1:]))
    assert values["rarest"] == 0.0
    assert values["absent"] >= 0.25
    named = signals(_evidence("Hur skriver jag under årsräkningen?", POOL[1], [POOL[0], POOL[2]]))["named"]
    assert values["named"] < named


def test_a_year_the_texts_do_not_give_is_an_absent_concept() -> None:
    values = signals(_evidence("Vad var gränsen år 2019?", "Gränsen är 5 000 kronor år 2026.", POOL))
    assert values["absent"] > 0.0


def test_no_form_asked_counts_as_present() -> None:
    assert signals(_evidence("Årsräkning", POOL[0], POOL[1:]))["form"] == 1.0
    assert signals(_evidence("Årsräkning", POOL[0], POOL[1:], form=0.0))["form"] == 0.0


def test_without_weights_every_quote_passes() -> None:
    verdict = judge(_evidence("När öppnar portalen Kassaboken?", POOL[0], POOL[1:]), Model({}, 0.0, 0.0))
    assert verdict.answers and verdict.probability == 1.0


def test_the_model_decides_by_its_floor() -> None:
    model = Model({"rarest": 4.0, "absent": -4.0}, -1.0, 0.5)
    assert judge(_evidence("Hur skriver jag under årsräkningen?", POOL[1], [POOL[0], POOL[2]]), model).answers
    assert not judge(_evidence("När öppnar portalen Kassaboken?", POOL[0], POOL[1:]), model).answers


def test_the_shipped_model_file_names_only_known_signals_and_a_floor(tmp_path: Path) -> None:
    model = load_model()
    assert set(model.weights) <= set(answerability.SIGNALS)
    assert 0.0 <= model.floor < 1.0
    bad = tmp_path / "model.yaml"
    bad.write_text("weights: {shoe_size: 1.0}\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_model(bad)
    assert not load_model(tmp_path / "missing.yaml").active


def _passage(doc_id: str, section: str, text: str) -> Passage:
    return Passage(
        id=f"{doc_id}-1",
        doc_id=doc_id,
        version="1",
        title=section.split(" › ")[0],
        section=section,
        source_url=f"https://example.invalid/{doc_id}",
        language="sv",
        text=f"# {section.split(' › ')[-1]}\n{text}",
    )


def _confidence(question: str, passages: list[Passage]) -> float:
    request = ComposeRequest(question=question, query=question, passages=passages, language="sv")
    return ExtractiveComposer(None).compose(request).confidence


ARSRAKNING = [
    _passage("arsrakning", "Årsräkning › Sista dag", " ".join(POOL)),
    _passage("arvode", "Arvode › Belopp", "Arvodet är 1 200 kronor per månad. Huvudmannen betalar arvodet."),
]


# A model that asks for the question's rarest concept in the quote (weights set here, not fitted).
RAREST = Model({"rarest": 4.0, "absent": -2.0}, -1.0, 0.5)


def test_the_composer_answers_what_its_quote_states(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answerability, "MODEL", RAREST)
    assert _confidence("Hur skriver jag under årsräkningen?", ARSRAKNING) >= 0.3


def test_the_composer_gives_no_confidence_to_a_quote_that_does_not_state_the_asked_thing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = "När öppnar den nya portalen Kassaboken för årsräkningar?"
    unchecked = _confidence(question, ARSRAKNING)
    monkeypatch.setattr(answerability, "MODEL", RAREST)
    # Nothing retrieved names the portal: the nearest passage is not an answer.
    assert unchecked > 0.0
    assert _confidence(question, ARSRAKNING) == 0.0


def test_the_shipped_check_leaves_the_confidence_of_the_nearest_passage_alone_when_inactive() -> None:
    if load_model().active:
        pytest.skip("a fitted model is shipped")
    assert _confidence("När öppnar den nya portalen Kassaboken för årsräkningar?", ARSRAKNING) > 0.0


PRISBASBELOPP = [
    _passage(
        "belopp",
        "Belopp › Arvode",
        "Huvudmannen betalar arvodet om tillgångarna är över två prisbasbelopp, 117 600 kronor för 2025. "
        "Annars betalar kommunen.",
    )
]


def test_a_year_the_quote_does_not_give_is_not_answered_by_another_years_figures() -> None:
    assert _confidence("Vad var gränsen för när huvudmannen betalar arvodet år 2023?", PRISBASBELOPP) == 0.0
    assert _confidence("Vad är gränsen för när huvudmannen betalar arvodet 2025?", PRISBASBELOPP) > 0.0
    # An amount is no year.
    assert _confidence("Betalar huvudmannen arvodet om hon har 2000 kr?", PRISBASBELOPP) > 0.0


def test_years_are_read_as_years_not_amounts() -> None:
    assert answerability.years_in("Vad var gränsen 2024, i kronor?") == {"2024"}
    assert answerability.years_in("senast 2025-03-01") == {"2025"}
    assert not answerability.years_in("Får jag ta ut 2000 kr? Han har 1 950 kronor och 20 000 kr.")
