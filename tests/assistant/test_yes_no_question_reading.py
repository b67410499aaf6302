"""How a yes/no question is read (English "do" questions, relative clauses) and which quoted
sentence leads its answer: one that states the rule asked about is not displaced by one that
states another kind of rule (hand-made passages, no server, no model)."""

from __future__ import annotations

from assistant.composers.yes_no import asked_rule, asked_verb, asks_yes_no
from tests.assistant.handmade_passages import compose, passage


def test_an_english_do_question_is_read_by_the_verb_after_its_subject() -> None:
    assert asked_rule("Does it cost anything to apply for a god man?") == "cost"
    assert asked_verb("Does it cost anything to apply for a god man?") == "apply"
    assert asked_rule("Do I have to send receipts?") == "obligation"
    assert asked_verb("Do I have to send receipts?") == "send"
    assert asked_rule("Do I need to come in person?") == "obligation"
    # "do" with a subject that is no pronoun names no verb of the asker's.
    assert asked_verb("Does a god man for a child get appointed by the court?") is None
    assert asked_rule("Do I send the application to you?") is None


def test_a_relative_clause_does_not_turn_a_yes_no_question_into_a_wh_question() -> None:
    assert asks_yes_no("Do relatives who are god man also have to submit an annual report?")
    assert asks_yes_no("Is it the court which decides?")
    # After a verb of telling, knowing or asking, "who"/"which" asks for a person or a thing.
    assert not asks_yes_no("Can you tell me who my god man is?")
    assert not asks_yes_no("Do you know which form I need?")
    assert not asks_yes_no("Can I ask who is responsible?")
    assert not asks_yes_no("Får jag fråga när ni har öppet?")
    assert asks_yes_no("Får jag ringa när ni har stängt?")


def test_the_sentence_stating_the_asked_rule_is_not_displaced_by_one_stating_another_kind() -> None:
    # "Kan man …" asks whether one may: "Du kan själv göra en polisanmälan" states that; the more
    # wordy "Det finns ingen skyldighet …" states a duty (of someone else), and must not lead.
    text = (
        "# Polisanmälan\nDu kan själv göra en polisanmälan mot en god man.\n"
        "Det finns ingen skyldighet för oss att polisanmäla en god man som har tagit pengar av sin huvudman."
    )
    question = "Kan man polisanmäla en god man som har tagit pengar av sin huvudman?"
    answer = compose(question, [passage("p", "Klagomål › Polisanmälan", text)])
    assert answer.startswith(("Du kan själv", "Ja. Du kan själv")), answer
