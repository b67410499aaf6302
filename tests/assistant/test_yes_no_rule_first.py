"""A yes/no question's answer leads with the sentence that states the rule asked about (hand-made
passages, no server, no model): no "Ja."/"Nej." from a sentence about something else, and when no
plain yes or no can be given, the rule sentence first rather than what surrounds it."""

from __future__ import annotations

from assistant.composers.yes_no import asked_predicate
from tests.assistant.handmade_passages import compose, passage

DUTIES = (
    "En god man för ett ensamkommande barn har samma ansvar som en förälder för boende och skola. "
    "En god man har ingen försörjningsplikt för barnet."
)
REPORTING = (
    "Det finns ingen skyldighet i lag för oss att polisanmäla, men vi gör det när vi misstänker brott. "
    "Misstänker du ett brott kan du själv göra en polisanmälan."
)


def test_a_question_opened_by_a_plain_verb_asks_about_what_it_says_of_its_subject() -> None:
    assert asked_predicate("Är godmanskapet slut då?") == "slut"
    assert (
        asked_predicate("Har gode mannen för ett ensamkommande barn försörjningsplikt?")
        == "forsorjningsplikt"
    )
    # What it ends in says where or by whom; what is said of the subject comes before it.
    assert asked_predicate("Does a god man for a child also get appointed by the court?") == "appointed"
    assert asked_predicate("Är arvodet skattepliktigt i Sverige?") == "skattepliktigt"
    # A modal tells the rule by its verb, or its subject is a noun whose last word may be any object.
    assert asked_predicate("Får jag ta ut mitt arvode?") is None
    assert asked_predicate("Kan förvaltaren bestämma var min syster ska bo?") is None
    assert asked_predicate("Hur lång tid tar det?") is None


def test_no_yes_from_a_sentence_that_does_not_name_what_was_asked_of_the_subject() -> None:
    answer = compose(
        "Har gode mannen för ett ensamkommande barn försörjningsplikt?",
        [passage("b", "God man för ensamkommande barn › Ansvar", DUTIES)],
    )
    assert not answer.startswith("Ja."), answer
    assert answer.startswith("En god man har ingen försörjningsplikt"), answer


def test_the_sentence_that_states_the_asked_rule_comes_before_one_that_does_not() -> None:
    answer = compose(
        "Kan man polisanmäla en god man som har tagit pengar?",
        [passage("c", "Klagomål › Brott", REPORTING)],
    )
    assert answer.startswith("Misstänker du ett brott kan du själv göra en polisanmälan"), answer
    assert not answer.startswith("Nej."), answer


def test_a_sentence_that_states_the_asked_rule_answers_yes_first() -> None:
    text = (
        "Huvudmannen behåller rätten att själv bestämma över sina pengar. "
        "Ett godmanskap är frivilligt för huvudmannen."
    )
    answer = compose("Är ett godmanskap frivilligt?", [passage("d", "God man › Frivilligt", text)])
    assert answer.startswith("Ja. Ett godmanskap är frivilligt"), answer


def test_a_question_in_another_language_keeps_the_order_of_the_swedish_text() -> None:
    from assistant.composers import ComposeRequest, ExtractiveComposer

    request = ComposeRequest(
        question="Does a guardian for an unaccompanied child have to support the child?",
        query="Does a guardian for an unaccompanied child have to support the child?",
        passages=[passage("e", "God man för ensamkommande barn › Ansvar", DUTIES)],
        language="sv",
        asker_language="en",
    )
    answer = ExtractiveComposer(None).compose(request).text
    assert answer.startswith("En god man för ett ensamkommande barn har samma ansvar"), answer


def test_a_short_verb_matched_by_a_preposition_moves_nothing() -> None:
    # "föra" is matched by its first three letters, which "för" (for) shares.
    text = "För en kassabok under hela året. Du ska kunna visa kvittona för oss när vi ber om dem."
    answer = compose("Ska jag föra kassabok under året?", [passage("f", "Årsräkning › Under året", text)])
    assert answer.startswith("För en kassabok"), answer
