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
