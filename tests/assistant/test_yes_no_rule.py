"""The yes/no lead states the rule asked about: a sentence with a modal of the question's kind,
read in the clause that answers, no lead when the rule holds only under a condition (hand-made
passages, no server, no model)."""

from __future__ import annotations

from assistant.composers import ComposeRequest, ExtractiveComposer
from assistant.composers.yes_no import asked_rule, negated_question, rule_polarity, states_rule
from tests.assistant.handmade_passages import passage


def _compose(question: str, text: str, language: str = "sv") -> str:
    p = passage("p", "Arvode › Ta ut arvodet", text)
    request = ComposeRequest(question=question, query=question, passages=[p], language=language)
    return ExtractiveComposer(None).compose(request).text


def test_the_kind_of_rule_is_read_from_the_opening_modal() -> None:
    assert asked_rule("Får jag ta ut arvodet i förskott?") == "permission"
    assert asked_rule("Måste jag skicka med kvitton?") == "obligation"
    assert asked_rule("Kostar det något att ansöka?") == "cost"
    assert asked_rule("Can I email you?") == "permission"
    assert asked_rule("Är det frivilligt att ha god man?") is None
    assert states_rule("permission", "Du får aldrig ta ut arvodet i förskott.")
    assert not states_rule("permission", "Vänta tills du har fått beslutet.")


def test_a_negation_in_a_clause_under_the_question_does_not_turn_it() -> None:
    assert not negated_question("Får jag ringa numret när jag inte hinner ringa på telefontiden?")
    assert not negated_question("Kan hon bestämma att jag ska flytta fast jag inte vill?")
    assert negated_question("Behöver jag inte skicka med kvitton?")


def test_the_clause_that_names_the_question_decides_and_a_condition_is_no_plain_yes() -> None:
    question = "Får jag ta ut arvodet i förskott?"
    assert rule_polarity("Du får aldrig ta ut arvodet i förskott.", question) == "no"
    only_after = "Först när beslutet har kommit får du ta ut arvodet."
    assert rule_polarity(only_after, "Får jag ta ut arvodet?") is None
    assert rule_polarity("Enbart en diagnos räcker inte.", "Räcker det med en diagnos?") == "no"
    sentence = "Vi har ingen skyldighet att ringa dig, men du kan själv ansöka om anstånd."
    assert rule_polarity(sentence, "Kan jag ansöka om anstånd?") == "yes"


def test_the_sentence_with_the_modal_asked_about_leads_with_its_answer() -> None:
    text = (
        "# Ta ut arvodet\n"
        "Vänta tills du har fått vårt skriftliga beslut om arvodet.\n"
        "Du får aldrig ta ut arvodet i förskott från huvudmannens konto."
    )
    answer = _compose("Får jag ta ut arvodet i förskott från huvudmannens konto?", text)
    assert answer.startswith("Nej. Du får aldrig ta ut arvodet"), answer


def test_no_lead_when_the_rule_holds_only_under_a_condition() -> None:
    text = "# Ta ut arvodet\nFörst när beslutet har kommit får du ta ut arvodet från huvudmannens konto."
    answer = _compose("Får jag ta ut arvodet från huvudmannens konto?", text)
    assert not answer.startswith(("Ja.", "Nej.")), answer


def test_no_lead_from_a_sentence_that_states_another_kind_of_rule() -> None:
    # "Får jag …" asks whether it is allowed; "Du ska …" says what must be done, not whether it may.
    text = "# Ta ut arvodet\nDu ska göra skatteavdrag när du tar ut arvodet från huvudmannens konto."
    answer = _compose("Får jag ta ut arvodet från huvudmannens konto?", text)
    assert not answer.startswith(("Ja.", "Nej.")), answer


def test_the_verb_asked_about_follows_the_modal_and_its_pronoun() -> None:
    from assistant.composers.yes_no import asked_verb

    assert asked_verb("Får man köpa fonder för huvudmannens pengar?") == "kopa"
    assert asked_verb("Kostar det något att ansöka?") == "ansoka"
    assert asked_verb("Can I take my fee before the decision?") == "take"
    assert asked_verb("Får en förvaltare högre arvode?") is None


def test_a_sentence_with_the_modal_but_another_verb_does_not_lead() -> None:
    # "får aldrig sättas in" is a rule about putting money in, not about buying funds.
    text = (
        "# Placera pengar\n"
        "Välj fonder med låg risk.\n"
        "Huvudmannens pengar får aldrig sättas in på ditt eget konto."
    )
    answer = _compose("Får man köpa fonder för huvudmannens pengar?", text)
    assert not answer.startswith(("Ja.", "Nej.")), answer
