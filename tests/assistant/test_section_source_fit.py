"""Which section answers and which second source joins it, on small hand-made passages (no server,
no model): a heading that asks a question is not a heading for another situation, and a sentence of
another page that shares only the words asking for the form of answer ("hur lång tid") is not
spliced in."""

from __future__ import annotations

from assistant.composers import ComposeRequest, ExtractiveComposer
from assistant.composers.answer_types import question_types
from assistant.composers.extractive import asked_form_stems
from knowledge import Passage
from tests.assistant.handmade_passages import passage


def _request(question: str, passages: list[Passage]) -> ComposeRequest:
    return ComposeRequest(question=question, query=question, passages=passages, language="sv")


def _situation(question: str, passages: list[Passage]) -> dict[str, float]:
    ranked = ExtractiveComposer(None).ranked_sections(_request(question, passages))
    return {s.section: s.features["situation"] for s in ranked}


def test_a_heading_that_asks_a_question_names_no_other_situation() -> None:
    asks = passage(
        "forvaltare",
        "Förvaltarskap › När kan någon få förvaltare?",
        "Tingsrätten kan besluta om förvaltare när en god man inte räcker.",
    )
    situation = passage(
        "dor",
        "Uppdraget › När gode mannen dör",
        "Vi utser en ny god man när den förra har dött.",
    )
    features = _situation("Kan tingsrätten besluta om förvaltare i stället för god man?", [asks, situation])
    assert features["Förvaltarskap › När kan någon få förvaltare?"] == 0.0
    # A heading that names a situation the question does not still counts against its section.
    assert features["Uppdraget › När gode mannen dör"] == 1.0


def test_the_words_asking_for_a_time_or_an_amount_are_the_form_not_the_subject() -> None:
    question = "Hur lång tid har jag på mig att överklaga?"
    form = asked_form_stems(question, question_types(question), "sv")
    assert form and "overklag" not in form
    question = "Vad kostar det att ansöka om god man?"
    form = asked_form_stems(question, question_types(question), "sv")
    assert form and not form & {"ansok", "god"}
    assert asked_form_stems("Får jag ge bort pengar?", (), "sv") == set()


def test_another_page_sharing_only_the_asked_form_is_not_spliced_in() -> None:
    # The answer's page says how long one has to appeal; another page, ranked next, shares only
    # "lång tid" with the question (how long a review takes). It adds nothing the question needs.
    appeal = passage(
        "overklaga",
        "Klagomål › Överklaga ett beslut",
        "Skicka ditt överklagande till oss. "
        "Det ska ha kommit in inom tre veckor från den dag du fick beslutet.",
    )
    review = passage(
        "granskning",
        "Granskning › Hur lång tid tar det?",
        "Det kan ta lång tid innan granskningen är klar om många redovisningar kommer samtidigt.",
    )
    composed = ExtractiveComposer(None).compose(
        _request("Hur lång tid har jag på mig att överklaga beslutet?", [appeal, review])
    )
    assert "tre veckor" in composed.text, composed.text
    assert {p.doc_id for p in composed.cited} == {"overklaga"}, composed.text
