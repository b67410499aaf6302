"""The sentence that answers leads (hand-made passages, no server, no model)."""

from __future__ import annotations

from assistant.composers import ComposeRequest, ExtractiveComposer
from knowledge import Passage
from tests.assistant.handmade_passages import passage as _passage


def _compose(question: str, passages: list[Passage]) -> str:
    request = ComposeRequest(question=question, query=question, passages=passages, language="sv")
    return ExtractiveComposer(None).compose(request).text


APPEAL = (
    "Överförmyndaren granskar redovisningen varje vår och skickar sedan ett beslut. Beslutet skickas med "
    "post. Ett arvodesbeslut överklagar du skriftligt till tingsrätten inom tre veckor."
)


def test_the_sentence_that_answers_leads_and_the_rest_follows_in_document_order() -> None:
    answer = _compose("Hur överklagar jag ett arvodesbeslut?", [_passage("a", "Arvode › Överklaga", APPEAL)])
    assert answer.startswith("Ett arvodesbeslut överklagar du"), answer
    assert answer.index("Överförmyndaren granskar") < answer.index("Beslutet skickas"), answer


def test_a_first_sentence_about_as_relevant_as_the_best_keeps_the_lead() -> None:
    text = (
        "Ett arvodesbeslut kan överklagas av dig eller huvudmannen. "
        "Du överklagar arvodesbeslutet skriftligt till tingsrätten."
    )
    answer = _compose("Hur överklagar jag ett arvodesbeslut?", [_passage("b", "Arvode › Överklaga", text)])
    assert answer.startswith("Ett arvodesbeslut kan överklagas"), answer
