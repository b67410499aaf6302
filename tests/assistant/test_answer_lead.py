"""The sentence that answers leads, and rows of another table are not added beside the answer
(hand-made passages, no server, no model)."""

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


def test_a_row_of_another_table_on_the_page_is_not_added_beside_the_answer() -> None:
    answer_text = _passage(
        "pbb-vad",
        "Prisbasbelopp › Vad är prisbasbeloppet?",
        "Regeringen fastställer prisbasbeloppet varje år. Prisbasbeloppet för 2025 är 58 800 kronor.",
        doc_id="pbb",
    )
    table = _passage(
        "pbb-tabell",
        "Prisbasbelopp › Belopp som bygger på prisbasbeloppet",
        "Högsta schablon för kostnadsersättning – Uträkning: 2 procent av prisbasbeloppet; "
        "Belopp 2025: 1 176 kr.\n"
        "Barns tillgångar – Uträkning: 4 prisbasbelopp; Belopp 2025: 235 200 kr.",
        doc_id="pbb",
    )
    answer = _compose("Vad är prisbasbeloppet 2025?", [answer_text, table])
    assert "Prisbasbeloppet för 2025 är 58 800 kronor" in answer, answer
    assert "1 176" not in answer and "235 200" not in answer, answer
