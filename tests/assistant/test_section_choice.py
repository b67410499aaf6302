"""Which section answers, on small hand-made passages (no server, no model): the one with the form
of answer the question asks for, the one that names the office's words for what it describes, and a
list that runs over two passages cited part by part."""

from __future__ import annotations

from dataclasses import replace

from assistant.composers import ComposeRequest, ExtractiveComposer
from knowledge import Passage
from tests.assistant.handmade_passages import passage as _passage


def _compose(question: str, passages: list[Passage], sections: dict[str, list[Passage]] | None = None):
    request = ComposeRequest(question=question, query=question, passages=passages, language="sv")
    whole = (lambda p: sections.get(p.section, [p])) if sections else None
    return ExtractiveComposer(None, sections=whole).compose(request)


def test_a_question_that_asks_for_several_things_is_answered_by_the_section_with_the_list() -> None:
    prose = _passage(
        "ansokan-om",
        "Ansökan › Om ansökan",
        "# Om ansökan\nHandlingarna i ansökan behöver vara i original.",
    )
    listed = _passage(
        "ansokan-bilagor",
        "Ansökan › Bilagor",
        "# Bilagor\nAnsökan behöver de här handlingarna:\n- läkarintyg\n- personbevis\n- samtycke",
    )
    answer = _compose("Vilka handlingar behöver ansökan?", [prose, listed]).text
    assert "läkarintyg" in answer and "personbevis" in answer, answer
    assert "original" not in answer, answer


def test_a_who_question_is_answered_by_the_section_that_names_who() -> None:
    about = _passage(
        "arvode-om",
        "Arvode › Om arvodet",
        "# Om arvodet\nArvodet betalas ut en gång om året.",
    )
    payer = _passage(
        "arvode-betalning",
        "Arvode › Mer om arvodet",
        "# Mer om arvodet\nArvodet betalas av kommunen när huvudmannen har små inkomster.",
    )
    answer = _compose("Vem betalar arvodet?", [about, payer]).text
    assert answer.startswith("Arvodet betalas av kommunen"), answer


def test_the_section_that_names_the_office_word_for_what_was_asked_answers() -> None:
    # "får man betalt?" is, in the office's words (its vocabulary, matched by retrieval), "arvode".
    words = ("arvode, kostnadsersättning",)
    change = _passage(
        "byte",
        "Byte › Om du vill byta",
        "# Om du vill byta\nDu som vill byta får skriva till oss.",
    )
    fee = _passage(
        "arvode",
        "Arvode › Extra arvode",
        "# Extra arvode\nSom god man kan du få extra arvode för uppdraget.",
    )
    passages = [replace(change, terms=words), replace(fee, terms=words)]
    answer = _compose("vill bli god man, får man betalt för uppdraget?", passages).text
    assert answer.startswith("Som god man kan du få extra arvode"), answer


def test_a_list_over_two_passages_cites_each_part_by_its_own_passage() -> None:
    section = "Bli god man › Så går det till"
    first = _passage(
        "steg-1",
        section,
        "# Så går det till\n- Anmäl intresse i e-tjänsten.\n- Vi kontrollerar dig mot registren.",
        doc_id="bli",
    )
    second = _passage(
        "steg-2",
        section,
        "# Så går det till\n- Du går en grundutbildning.\n- Tingsrätten förordnar dig.",
        doc_id="bli",
    )
    composed = _compose("Hur går det till att bli god man?", [first], {section: [first, second]})
    cited = [p.id for p in composed.cited]
    assert cited == ["steg-1", "steg-2"], composed.text
    # Each item stands beside the number of the passage it is in.
    assert "Vi kontrollerar dig mot registren [1]." in composed.text, composed.text
    assert "Tingsrätten förordnar dig [2]." in composed.text, composed.text
    assert composed.text.count("Så går det till") == 1, composed.text


DEADLINES = (
    "# Tidsfrister\n"
    "Förteckning – Vem lämnar?: Ny god man; När?: Inom två månader.\n"
    "Årsräkning – Vem lämnar?: God man och förvaltare; När?: Före den 1 mars.\n"
    "Omprövningsblankett – Vem lämnar?: Förvaltare; När?: Tillsammans med årsräkningen.\n"
    "Sluträkning – Vem lämnar?: Alla; När?: Inom en månad."
)


def test_a_table_row_that_names_more_of_the_question_in_its_other_cells_is_quoted_too() -> None:
    passage = _passage("frister", "Redovisning › Tidsfrister", DEADLINES)
    answer = _compose("Vad ska en förvaltare skicka in tillsammans med årsräkningen?", [passage]).text
    # The first cell names "årsräkning"; the omprövningsblankett row names the rest of the question.
    assert "Omprövningsblankett" in answer, answer
    assert "Förteckning" not in answer and "Sluträkning" not in answer, answer


def test_a_question_that_asks_for_a_list_gets_a_longer_list_whole() -> None:
    items = [
        "Polisens belastningsregister där alla brott som lett till en dom står med",
        "Kronofogdens register över skulder och betalningsanmärkningar som inte är betalda",
        "socialtjänstens register i den kommun där du är folkbokförd just nu",
        "överförmyndarens eget register över tidigare uppdrag som god man eller förvaltare",
        "Försäkringskassans register över utbetalningar av ersättning till dig själv",
        "Skatteverkets register över folkbokföring och dina adresser de senaste åren",
    ]
    tail = ", och det gör vi både när du anmäler intresse och sedan varje år"
    text = "# Registerkontroller\n" + "\n".join(f"- {i}{tail}." for i in items)
    filler = "Kontrollerna görs om varje år så länge du har ett uppdrag hos oss och vi sparar dem."
    passage = _passage("kontroller", "Bli god man › Registerkontroller", text + "\n" + filler)
    answer = _compose("Vilka register kontrollerar ni?", [passage]).text
    for item in items:
        assert item.split()[0] in answer, answer


def test_a_question_of_which_time_leads_with_the_time() -> None:
    page = _passage(
        "bouppteckning",
        "Dödsfall › Bouppteckning",
        "# Bouppteckning\nAtt ordna bouppteckningen ingår inte i ditt uppdrag, det gör dödsbodelägarna. "
        "Bouppteckningen ska göras inom tre månader från dödsfallet. "
        "Räcker tillgångarna bara till begravningen görs i stället en dödsboanmälan hos kommunen.",
    )
    answer = _compose("Inom vilken tid ska bouppteckningen göras?", [page]).text
    assert answer.startswith("Bouppteckningen ska göras inom tre månader"), answer
