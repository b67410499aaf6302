"""Asks in a message the writer passes on (forwarded or quoted) and statements that lead into a
question in the same sentence (assistant.pipeline.asks, passed_on): hand-written redacted e-mails,
no index, no server."""

from __future__ import annotations

from assistant.pipeline.asks import find_asks, find_questions
from assistant.pipeline.passed_on import own_lines

FORWARDED_ON_TOP = (
    "---------- Vidarebefordrat meddelande ----------\n"
    "Från: [NAMN_1]\nTill: [NAMN_2]\nÄmne: Re: Huset\n\n"
    "[NAMN_2], kan du fråga dem hur vi gör med försäkringen?\n/[NAMN_1]\n"
    "----------------------------------------------\n\n"
    "Hej,\n\nJag skickar mejlet ovan vidare. Jag är god man för min syster. "
    "När ska förteckningen vara inne?\n\nHälsningar\n[NAMN_2]"
)


def test_a_forwarded_question_on_top_is_not_the_writers() -> None:
    assert find_questions(FORWARDED_ON_TOP) == ["När ska förteckningen vara inne?"]


def test_a_forwarded_message_below_the_writers_text_is_not_asked() -> None:
    message = (
        "Hej!\n\nJag är god man för min bror. Hur lämnar jag in årsräkningen?\n\nMvh [NAMN_1]\n\n"
        "-----Original Message-----\nFrom: [NAMN_2]\nSent: den 2 mars\n\n"
        "Can you ask them whether we may sell the car?"
    )
    assert find_questions(message) == ["Hur lämnar jag in årsräkningen?"]


def test_a_quoted_reply_introduced_by_wrote_is_not_asked() -> None:
    message = (
        "Tack, men vad händer om den kommer in för sent?\n\n"
        "Den 3 mars 2026 skrev [NAMN_1]:\nNär ska årsräkningen vara inne? Behöver jag bifoga kvitton?"
    )
    assert find_questions(message) == ["Tack, men vad händer om den kommer in för sent?"]


def test_a_header_block_pasted_under_the_text_opens_a_passed_on_message() -> None:
    own, passed = own_lines(
        ["Hej!", "Vem betalar arvodet?", "", "Från: [NAMN_1]", "Till: [NAMN_2]", "Får jag sälja bilen?"]
    )
    assert "Vem betalar arvodet?" in own
    assert passed == ["Till: [NAMN_2]", "Får jag sälja bilen?"]


def test_when_the_writer_asks_nothing_the_passed_on_questions_are_answered() -> None:
    message = (
        "Hej, se mejlet nedan från min mamma.\n\n"
        "---------- Forwarded message ---------\nFrom: [NAMN_1]\n\n"
        "När betalas arvodet ut?\n"
    )
    assert find_questions(message) == ["När betalas arvodet ut?"]


def test_headers_at_the_very_top_do_not_hide_the_message() -> None:
    message = "Från: [NAMN_1]\nÄmne: Arvode\n\nHej!\nNär betalas arvodet ut?\n\nMvh [NAMN_1]"
    assert find_questions(message) == ["När betalas arvodet ut?"]


def test_a_statement_with_a_noun_subject_leads_into_the_question_after_it() -> None:
    # One ask: what the writer tells first is what "det" in the question is about.
    (asked,) = find_asks("Hej!\nFlytten kommer att ta många timmar – kan jag få extra arvode för det?")
    assert asked.text.startswith("Flytten kommer att ta många timmar")
    assert "Flytten" in asked.question


def test_two_questions_in_one_sentence_are_still_two() -> None:
    asks = find_questions("Hur mycket får jag i arvode, och när betalas det ut?")
    assert len(asks) == 2, asks
