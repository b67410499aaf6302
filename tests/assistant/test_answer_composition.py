"""The extractive composer's rules for an answer that reads as one answer, on small hand-made
passages (no index, no server, no model): one answering section in document order, whole lists
and table rows, a second source only when it adds what the question needs, never an example or a
case description as the rule, never the same sentence twice, no markup inside sentences, yes/no
first, the value first, and a low confidence when nothing answers."""

from __future__ import annotations

from collections.abc import Callable

from assistant.composers import ComposeRequest, ExtractiveComposer
from assistant.composers.yes_no import asks_yes_no, polarity
from knowledge import Passage


def _passage(doc_id: str, section: str, text: str, n: int = 0, title: str = "") -> Passage:
    heading = section.split(" › ")[-1]
    return Passage(
        id=f"{doc_id}-{section}-{n}",
        doc_id=doc_id,
        version="1",
        title=title or section.split(" › ")[0],
        section=section,
        source_url=f"https://example.invalid/{doc_id}",
        language="sv",
        text=f"# {heading}\n{text}",
    )


def _answer(
    question: str, passages: list[Passage], sections: Callable[[Passage], list[Passage]] | None = None
) -> tuple[str, list[Passage], float]:
    request = ComposeRequest(question=question, query=question, passages=passages, language="sv")
    composed = ExtractiveComposer(None, sections=sections).compose(request)
    return composed.text, composed.cited, composed.confidence


ARSRAKNING = (
    "Årsräkningen ska ha kommit in till oss före den 1 mars. "
    "Den gäller förra kalenderåret. "
    "Du skriver under årsräkningen på heder och samvete."
)
VITE = (
    "Kommer årsräkningen inte in trots påminnelse kan vi förelägga vite. "
    "Vitet är ofta 5 000 kronor och bestäms av tingsrätten."
)
HUND = "Hunden ska vara kopplad i parken före den 1 mars. Årsräkningen för hundklubben lämnas till styrelsen."


def test_the_answer_is_one_section_in_document_order() -> None:
    text, cited, _ = _answer(
        "När ska årsräkningen vara inne?",
        [
            _passage("arsrakning", "Årsräkning › Sista dag", ARSRAKNING),
            _passage("hund", "Hundar › Regler", HUND),
        ],
    )
    assert text.startswith("Årsräkningen ska ha kommit in till oss före den 1 mars [1]."), text
    assert "Den gäller förra kalenderåret [1]." in text
    # The page about something else that shares the words is not stitched in.
    assert [p.doc_id for p in cited] == ["arsrakning"]
    assert "Hunden" not in text


def test_a_second_source_only_for_the_other_half_of_the_question() -> None:
    passages = [
        _passage("arsrakning", "Årsräkning › Sista dag", ARSRAKNING),
        _passage("vite", "Anstånd och vite › Om årsräkningen inte kommer in", VITE),
    ]
    text, cited, _ = _answer("När ska årsräkningen vara inne och vad händer om den inte kommer in?", passages)
    assert "1 mars" in text and "vite" in text, text
    assert [p.doc_id for p in cited] == ["arsrakning", "vite"]
    text, cited, _ = _answer("När ska årsräkningen vara inne?", passages)
    assert [p.doc_id for p in cited] == ["arsrakning"], text


def test_a_worked_example_is_never_quoted_as_the_rule() -> None:
    text = (
        "Sluträkningen ska vara inne senast en månad efter att uppdraget upphörde. "
        "Den gäller från den 1 januari till den dag uppdraget upphörde.\n"
        "Exempel: Uppdraget upphör den 15 maj. Sluträkningen gäller då från den 1 januari till den 15 maj."
    )
    answer, _, _ = _answer(
        "Hur lång tid har jag på mig med sluträkningen?", [_passage("s", "Sluträkning › Tid", text)]
    )
    assert "15 maj" not in answer and "Exempel" not in answer, answer
    assert "en månad" in answer


def test_a_case_description_about_a_person_is_left_out() -> None:
    text = (
        "Vid godmanskap kan huvudmannen själv ta ut pengar från sina konton. "
        "[NAMN_1], 84 år, har demens och hennes son [NAMN_2] sköter räkningarna."
    )
    answer, _, _ = _answer(
        "Kan huvudmannen själv ta ut pengar?", [_passage("u", "Uttag › Spärrade konton", text)]
    )
    assert "[NAMN" not in answer, answer


def test_the_same_sentence_is_never_quoted_twice() -> None:
    shared = "Förteckningen ska lämnas inom två månader från beslutet."
    first = _passage("f", "Förteckning › Tid", f"Du ska lämna en förteckning över tillgångarna. {shared}", 0)
    second = _passage("f", "Förteckning › Tid", f"{shared} Den skrivs under på heder och samvete.", 1)
    whole = {first.id: [first, second], second.id: [first, second]}
    answer, _, _ = _answer("När ska förteckningen lämnas?", [first, second], lambda p: whole[p.id])
    assert answer.count("inom två månader") == 1, answer


def test_no_heading_or_markup_inside_sentences() -> None:
    rows = "Årsräkning – Sista dag: 1 mars.\nSluträkning – Sista dag: en månad efter upphörandet."
    answer, _, _ = _answer(
        "När ska sluträkningen vara inne?", [_passage("t", "Redovisning › Sista dagar", rows)]
    )
    assert "#" not in answer and "|" not in answer, answer
    assert "Sluträkning – Sista dag: en månad efter upphörandet" in answer


def test_a_table_answers_with_the_row_asked_about_not_competing_ones() -> None:
    rows = (
        "Årsräkning – Sista dag: före 1 mars.\n"
        "Sluträkning – Sista dag: en månad efter upphörandet.\n"
        "Förteckning – Sista dag: två månader efter beslutet."
    )
    answer, _, _ = _answer(
        "När ska sluträkningen vara inne?", [_passage("t", "Redovisning › Sista dagar", rows)]
    )
    assert "Sluträkning – Sista dag: en månad efter upphörandet" in answer, answer
    assert "1 mars" not in answer and "två månader" not in answer, answer
    answer, _, _ = _answer(
        "Vilka sista dagar gäller för redovisningen?", [_passage("t", "Redovisning › Sista dagar", rows)]
    )
    assert "1 mars" in answer and "två månader" in answer, answer


def test_a_table_row_answers_with_its_column_header() -> None:
    rows = (
        "Måndag – Telefontid: 9.00–11.00; Besök: stängt.\n"
        "Tisdag – Telefontid: 13.00–15.00; Besök: 10.00–12.00.\n"
        "Fredag – Telefontid: stängt; Besök: stängt."
    )
    answer, _, _ = _answer(
        "Vilken telefontid har ni på tisdag?", [_passage("k", "Kontakt › Öppettider", rows)]
    )
    assert "Tisdag – Telefontid: 13.00–15.00" in answer, answer


def test_whole_section_list_under_its_heading() -> None:
    text = (
        "- Köpa eller sälja fastighet.\n- Köpa eller sälja bostadsrätt.\n- Låna ut huvudmannens pengar.\n"
        "- Ta emot ett arv genom arvskifte."
    )
    answer, _, _ = _answer(
        "Vad kräver samtycke?", [_passage("s", "Samtycke › Detta kräver alltid vårt samtycke", text)]
    )
    assert answer.startswith("Detta kräver alltid vårt samtycke:\n- Köpa eller sälja fastighet."), answer
    assert "- Ta emot ett arv genom arvskifte" in answer


def test_yes_no_question_gets_the_no_first_when_the_document_says_no() -> None:
    text = "Du behöver inte komma hit personligen för att få ut en handling. Skicka din begäran med e-post."
    answer, _, _ = _answer(
        "Måste jag komma dit personligen för att få ut en handling?",
        [_passage("h", "Handlingar › Begär ut", text)],
    )
    assert answer.startswith("Nej. Du behöver inte komma hit personligen"), answer


def test_yes_no_question_gets_the_yes_first_when_the_document_says_yes() -> None:
    text = (
        "Du kan begära anstånd med årsräkningen om du har särskilda skäl. Begär det skriftligt före 1 mars."
    )
    answer, _, _ = _answer(
        "Kan jag begära anstånd med årsräkningen?", [_passage("a", "Anstånd › Regler", text)]
    )
    assert answer.startswith("Ja. Du kan begära anstånd"), answer


def test_yes_no_reading() -> None:
    assert asks_yes_no("Jag är god man åt mamma, behöver jag ändå lämna årsräkning?")
    assert asks_yes_no("Can I email you?")
    assert not asks_yes_no("Hur ansöker jag om god man?")
    assert not asks_yes_no("Kan du berätta hur jag ansöker?")
    assert polarity("Det kostar inget att ansöka.") == "no"
    assert polarity("Om du inte hinner kan du begära anstånd.") == "yes"  # a condition, not a no


def test_a_value_question_leads_with_the_value() -> None:
    text = (
        "Varje år redovisar du vad som har hänt med huvudmannens pengar i en årsräkning. "
        "Du skriver under den på heder och samvete. "
        "Årsräkningen ska vara inne före den 1 mars."
    )
    answer, _, _ = _answer(
        "Vilket datum ska årsräkningen vara inne?", [_passage("a", "Årsräkning › Om", text)]
    )
    assert answer.startswith("Årsräkningen ska vara inne före den 1 mars [1]."), answer


def test_nothing_that_answers_gives_a_low_confidence() -> None:
    _, _, confidence = _answer(
        "Hur byter jag däck på bilen?", [_passage("a", "Årsräkning › Sista dag", ARSRAKNING)]
    )
    assert confidence < 0.3
