"""A yes/no question's answer leads with the sentence that states the rule asked about (hand-made
passages, no server, no model): no "Ja."/"Nej." from a sentence about something else, and when no
plain yes or no can be given, the rule sentence first rather than what surrounds it."""

from __future__ import annotations

from assistant.composers.yes_no import asked_predicate
from tests.assistant.handmade_passages import compose, passage

# Made-up passages and questions (not the evaluation sets' texts).
DUTIES = (
    "En förvaltare för en vuxen son har samma ansvar som en god man för räkningar och bostad. "
    "En förvaltare har ingen redovisningsplikt mot släktingarna."
)
REPORTING = (
    "Det finns ingen skyldighet i lag för oss att orosanmäla, men vi gör det när vi misstänker vanvård. "
    "Misstänker du vanvård kan du själv göra en orosanmälan."
)


def test_a_question_opened_by_a_plain_verb_asks_about_what_it_says_of_its_subject() -> None:
    assert asked_predicate("Är förvaltarskapet avslutat då?") == "avslutat"
    assert asked_predicate("Har förvaltaren för en vuxen son någon redovisningsplikt?") == "redovisningsplikt"
    # What it ends in says where or by whom; what is said of the subject comes before it.
    assert asked_predicate("Does a trustee for a parent also get chosen by the tribunal?") == "chosen"
    assert asked_predicate("Är ersättningen avdragsgill i deklarationen?") == "avdragsgill"
    # A modal tells the rule by its verb, or its subject is a noun whose last word may be any object.
    assert asked_predicate("Får jag ta ut mitt arvode?") is None
    assert asked_predicate("Kan förvaltaren bestämma var min syster ska bo?") is None
    assert asked_predicate("Hur lång tid tar det?") is None


def test_no_yes_from_a_sentence_that_does_not_name_what_was_asked_of_the_subject() -> None:
    answer = compose(
        "Har förvaltaren för en vuxen son någon redovisningsplikt?",
        [passage("b", "Förvaltare för vuxna › Ansvar", DUTIES)],
    )
    assert not answer.startswith("Ja."), answer
    assert answer.startswith("En förvaltare har ingen redovisningsplikt"), answer


def test_the_sentence_that_states_the_asked_rule_comes_before_one_that_does_not() -> None:
    answer = compose(
        "Kan man orosanmäla en förvaltare som har slutat betala hyran?",
        [passage("c", "Oro för någon › Anmälan", REPORTING)],
    )
    assert answer.startswith("Misstänker du vanvård kan du själv göra en orosanmälan"), answer
    assert not answer.startswith("Nej."), answer


def test_a_sentence_that_states_the_asked_rule_answers_yes_first() -> None:
    text = (
        "Du skickar ansökan till tingsrätten med de bilagor som behövs. "
        "En ansökan om förvaltare är avgiftsfri för den sökande."
    )
    answer = compose("Är en ansökan om förvaltare avgiftsfri?", [passage("d", "Ansökan › Avgift", text)])
    assert answer.startswith("Ja. En ansökan om förvaltare är avgiftsfri"), answer


def test_a_question_in_another_language_keeps_the_order_of_the_swedish_text() -> None:
    from assistant.composers import ComposeRequest, ExtractiveComposer

    request = ComposeRequest(
        question="Does a trustee for an adult son have to report to the relatives?",
        query="Does a trustee for an adult son have to report to the relatives?",
        passages=[passage("e", "Förvaltare för vuxna › Ansvar", DUTIES)],
        language="sv",
        asker_language="en",
    )
    answer = ExtractiveComposer(None).compose(request).text
    assert answer.startswith("En förvaltare för en vuxen son har samma ansvar"), answer


def test_a_short_verb_matched_by_a_preposition_moves_nothing() -> None:
    # "föra" is matched by its first three letters, which "för" (for) shares.
    text = "För en lista över kvittona hela året. Du ska kunna visa listan för oss när vi ber om den."
    answer = compose("Ska jag föra en lista över kvitton?", [passage("f", "Årsräkning › Kvitton", text)])
    assert answer.startswith("För en lista"), answer
