"""The extractive composer picks the sentence that answers, not only the ones that share the topic."""

from __future__ import annotations

from assistant.composers import ComposeRequest, ExtractiveComposer
from assistant.composers.answer_types import cue_strength, question_types
from knowledge import Passage

SLUTRAKNING = (
    "När ditt uppdrag tar slut ska du lämna en sluträkning till oss. "
    "Sluträkningen visar vad som har hänt med huvudmannens pengar under perioden. "
    "Sluträkningen fylls i på samma sätt som en årsräkning och skrivs under på heder och samvete. "
    "Sluträkningen ska ha kommit in till oss senast en månad efter den dag uppdraget upphörde. "
    "Du kan begära arvode i sluträkningen för tiden fram till att uppdraget upphörde."
)
ARVODE = (
    "Du begär arvode i redogörelsen som du lämnar med årsräkningen. "
    "Arvodet bestäms av överförmyndaren efter granskningen av redovisningen. "
    "Schablonersättningen för kostnader är högst 1 176 kr för 2025."
)


def _passage(doc_id: str, section: str, text: str) -> Passage:
    return Passage(
        id=doc_id,
        doc_id=doc_id,
        version="1",
        title=doc_id,
        section=section,
        source_url=f"https://example.invalid/{doc_id}",
        language="sv",
        text=text,
    )


def _compose(question: str, passages: list[Passage]) -> str:
    request = ComposeRequest(question=question, query=question, passages=passages, language="sv")
    return ExtractiveComposer(None).compose(request).text


def test_time_question_leads_with_the_sentence_that_gives_the_time() -> None:
    passages = [_passage("slutrakning", "Sluträkning › När ska du lämna sluträkning?", SLUTRAKNING)]
    answer = _compose("uppdraget är slut, hur lång tid har jag på mig med sluträkningen", passages)
    first = answer.split(" [1].")[0]
    assert "en månad" in first, answer


def test_amount_question_prefers_the_sentence_with_an_amount() -> None:
    passages = [
        _passage("arvode", "Arvode › Så begär du arvode", ARVODE),
        _passage("slutrakning", "Sluträkning › Arvode för sista perioden", SLUTRAKNING),
    ]
    answer = _compose("hur mycket får jag i ersättning för kostnader", passages)
    assert answer.startswith("Schablonersättningen"), answer
    assert "[1]" in answer


def test_question_types_read_typed_without_diacritics() -> None:
    assert [t.name for t in question_types("nar ska arsrakningen in??")] == ["time"]
    assert "amount" in [t.name for t in question_types("Vad kostar det?")]
    assert "howto" in [t.name for t in question_types("Hur gör jag för att ansöka?")]
    assert question_types("Är det frivilligt att ha god man?") == ()


def test_cue_strength_tells_strong_weak_and_none() -> None:
    time = question_types("hur lång tid har jag på mig")
    assert cue_strength("Skicka in den inom en månad.", time) == 1.0
    assert cue_strength("Skicka in den senast i tid.", time) == 0.5
    assert cue_strength("Du skriver under på heder och samvete.", time) == 0.0


def test_a_sentence_that_points_back_is_quoted_after_the_one_it_points_to() -> None:
    text = (
        "Tingsrätten beslutar om godmanskap efter en ansökan. "
        "Ibland räcker inte en god man. "
        "Då kan tingsrätten besluta om förvaltare i stället."
    )
    answer = _compose("När kan tingsrätten besluta om förvaltare?", [_passage("forvaltare", "A › B", text)])
    assert "Ibland räcker inte en god man [1]. Då kan tingsrätten besluta om förvaltare" in answer, answer


def test_a_short_sentence_that_finishes_the_one_before_is_kept_with_it() -> None:
    text = (
        "En ställföreträdare får inte företräda huvudmannen när de har motstridiga intressen. "
        "Det kallas jäv. "
        "Vi utser då en tillfällig god man."
    )
    answer = _compose("Vad gäller vid motstridiga intressen?", [_passage("jav", "A › Jäv", text)])
    assert "motstridiga intressen. Det kallas jäv [1]." in answer, answer


def test_a_list_is_quoted_whole_one_item_per_line() -> None:
    items = [
        "ett intyg om vilka konton som är spärrade hos banken",
        "kontoutdrag för alla konton för hela året från banken",
        "årsbesked per den 31 december för alla värdepapper",
        "kvitton på större utgifter under året som gått",
        "en körjournal om du begär bilersättning för resor",
        "beslut om pension och bidrag från myndigheterna",
        "slutskattebesked för huvudmannen från Skatteverket",
    ]
    text = "Skicka med kopior av:\n" + "\n".join(f"- {item}" for item in items)
    answer = _compose("Måste jag skicka med körjournal?", [_passage("underlag", "A › Bilagor", text)])
    assert answer.startswith("Skicka med kopior av:\n- ett intyg"), answer
    # A list cut to some of its items reads as if it had no more: every item, no "…".
    assert all(f"- {item}" in answer for item in items), answer
    assert "…" not in answer


def test_list_items_under_a_heading_are_quoted_with_it_as_one_list() -> None:
    text = (
        "- Meddela oss att huvudmannen har dött.\n"
        "- Ta hand om huvudmannens egendom tills den kan lämnas över.\n"
        "- Lämna sluträkning till oss senast en månad efter dödsdagen."
    )
    passages = [_passage("dod", "När huvudmannen dör › Det här ska du göra", text)]
    answer = _compose("Min huvudman har dött, vad ska jag göra med egendom och sluträkning?", passages)
    assert answer.startswith("Det här ska du göra:\n- Meddela oss"), answer
    assert answer.count("[1]") == 1 and "- Lämna sluträkning till oss" in answer, answer


def test_an_faq_answer_is_quoted_with_its_question() -> None:
    text = "Vill du träffa en handläggare? Boka tid först. Receptionen har öppet på vardagar."
    answer = _compose(
        "Måste jag boka tid för att träffa en handläggare?", [_passage("besok", "A › Besök", text)]
    )
    assert "Vill du träffa en handläggare? Boka tid först [1]." in answer, answer


def test_a_question_for_a_value_gets_the_sentence_that_holds_it() -> None:
    text = (
        "Du kan ringa till oss om du har frågor om ditt uppdrag. "
        "Du kan ringa oss på måndagar och torsdagar om uppdraget. "
        "Du kan också ringa oss om årsräkningen och om arvodet. "
        "Du kan ringa oss om sluträkningen och om förteckningen. "
        "Du kan ringa oss om spärrade konton och om uttag. "
        "Numret är 08-123 456 78."
    )
    answer = _compose("Hur ringer jag er?", [_passage("kontakt", "Kontakt › Ring oss", text)])
    assert "08-123 456 78" in answer, answer


def test_the_section_weights_come_from_the_weights_file() -> None:
    from assistant.composers.extractive import SECTION_WEIGHTS_FILE, load_section_weights

    assert ExtractiveComposer(None).section_weights == load_section_weights(SECTION_WEIGHTS_FILE)


def test_the_section_that_names_the_whole_question_wins_when_its_coverage_weighs() -> None:
    # The neighbour, retrieved first, echoes the question in one sentence; the answering section
    # names what the question asks about (the fee, its amount, who pays) across its sentences.
    neighbour = _passage(
        "ansokan",
        "Ansökan › Om ansökan",
        "Ansökan om god man kostar ingenting att skicka in till tingsrätten. "
        "Tingsrätten beslutar om ansökan efter utredning.",
    )
    answering = _passage(
        "arvode",
        "Arvode › Arvodet",
        "Den gode mannen får ett arvode för uppdraget. "
        "Arvodet är ofta mellan 10 000 och 20 000 kronor per år. "
        "Huvudmannen betalar arvodet, kommunen när inkomsterna är låga.",
    )
    question = "Vad kostar det att ha god man och vem betalar arvodet?"
    request = ComposeRequest(
        question=question, query=question, passages=[neighbour, answering], language="sv"
    )
    # By its best sentence alone the neighbour is chosen.
    by_sentence = ExtractiveComposer(None, section_weights={"top": 1.0})
    assert by_sentence.ranked_sections(request)[0].doc_id == "ansokan"
    by_coverage = ExtractiveComposer(None, section_weights={"top": 1.0, "coverage": 1.0})
    ranked = by_coverage.ranked_sections(request)
    assert ranked[0].doc_id == "arvode", [(s.doc_id, s.features) for s in ranked]
    composed = by_coverage.compose(request)
    assert composed.cited[0].doc_id == "arvode", composed.text
    assert composed.text.startswith("Arvodet är ofta mellan 10 000 och 20 000 kronor"), composed.text
    assert "Arvodet är ofta" in ranked[0].quote
