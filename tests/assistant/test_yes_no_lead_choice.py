"""Which quoted sentence gives a yes/no question its "Ja."/"Nej.": the one that states the rule
asked about, also when another sentence comes first or the rule is on the same page's next
section; a table row's exception cell; a rule that allows only from a point in time, asked about
doing it ahead of that time (hand-made passages, no server, no model)."""

from __future__ import annotations

from assistant.composers.yes_no import asks_by_object, main_clause, rule_polarity
from tests.assistant.handmade_passages import compose as _compose
from tests.assistant.handmade_passages import passage


def test_a_dash_ends_a_prepositional_om_so_the_no_after_it_counts() -> None:
    question = "Får jag ta ut mitt arvode i förskott?"
    sentence = "Nämnden beslutar om arvodet – du får aldrig ta ut arvodet i förskott."
    assert rule_polarity(sentence, question) == "no"
    # A real condition still does not say no.
    condition = "Om du inte hinner kan du ta ut arvodet senare."
    assert rule_polarity(condition, "Kan jag ta ut arvodet senare?") == "yes"


def test_a_rule_from_a_point_in_time_says_no_to_doing_it_ahead_of_that_time() -> None:
    sentence = "Arvodet får tas ut först när du har fått nämndens beslut."
    assert rule_polarity(sentence, "Får jag ta ut arvodet innan ni har beslutat?") == "no"
    assert rule_polarity(sentence, "Får jag ta ut arvodet i förskott?") == "no"
    # Asked without a time, it is still neither yes nor no.
    assert rule_polarity(sentence, "Får jag ta ut arvodet?") is None
    # "bara" restricts something else than a time: no answer to a question about before.
    only = "Du får bara ta ut arvodet från transaktionskontot."
    assert rule_polarity(only, "Får jag ta ut arvodet innan?") is None


def test_a_table_row_answers_in_its_cell_unless_another_cell_states_the_asked_exception() -> None:
    row = "Ta lån åt huvudmannen – Samtycke krävs?: Ja; Att tänka på: CSN-lån kräver inget samtycke."
    assert rule_polarity(row, "Behövs samtycke om huvudmannen vill ta studielån från CSN?") == "no"
    # Asked about the row's general case, the answer cell decides.
    assert rule_polarity(row, "Behövs samtycke för att ta lån åt huvudmannen?") == "yes"
    # A comment that names nothing of the question does not turn the cell.
    row = "Sälja aktier – Samtycke krävs?: Nej; Kommentar: Pengarna ska sättas in på spärrat konto."
    assert rule_polarity(row, "Behöver jag samtycke för att sälja huvudmannens aktier?") == "no"


def test_the_sentence_with_the_asked_modal_leads_when_the_first_names_the_verb_without_it() -> None:
    text = (
        "# Klagomål på en god man\n"
        "Det finns ingen skyldighet för oss att polisanmäla en god man som har tagit pengar.\n"
        "Du kan själv polisanmäla en god man som har tagit pengar av sin huvudman."
    )
    question = "Kan man polisanmäla en god man som har tagit pengar?"
    answer = _compose(question, [passage("p", "Klagomål", text)])
    assert answer.startswith("Ja. Du kan själv polisanmäla"), answer


def _pages(second_doc: str) -> list:
    first = passage(
        "a",
        "Arvode › Så går det till",
        "# Så går det till\nFörst när beslutet har kommit får du ta ut arvodet från huvudmannens konto.\n"
        "Du begär arvode i redogörelsen.",
        doc_id="arvode",
    )
    second = passage(
        "b",
        "Arvode › Vem beslutar",
        "# Vem beslutar\nNämnden bestämmer arvodets storlek – du får aldrig ta ut arvodet själv utan "
        "vår granskning.",
        doc_id=second_doc,
    )
    return [first, second]


def test_the_rule_on_the_same_page_leads_when_the_first_quote_gives_no_plain_answer() -> None:
    question = "Får jag ta ut arvodet från huvudmannens konto själv utan granskning?"
    answer = _compose(question, _pages("arvode"))
    assert answer.startswith("Nej. Nämnden bestämmer"), answer
    # Another page's rule may be another situation's: it does not lead.
    answer = _compose(question, _pages("annat"))
    assert not answer.startswith(("Ja.", "Nej.")), answer


def test_a_question_asked_with_a_light_verb_is_about_its_object() -> None:
    # "Måste jag ha god man?" asks about the asker having one: a sentence naming "god man" with a
    # modal ("En god man ska …") may state the god man's duty, so it is not taken as the rule.
    assert asks_by_object("Måste jag ha god man?")
    assert asks_by_object("Ska jag göra en förteckning?")
    assert not asks_by_object("Får jag ta ut arvodet i förskott?")
    assert not asks_by_object("Är det frivilligt att ha god man?")


def test_a_condition_in_inverted_order_is_not_the_rule() -> None:
    # "Kan du inte lämna i tid ska du begära anstånd": the "inte" is the condition's, and the rule
    # is about asking for more time, not about handing in.
    sentence = "Kan du inte lämna årsräkningen i tid ska du begära anstånd skriftligt."
    assert main_clause(sentence) == "ska du begara anstand skriftligt."
    assert rule_polarity(sentence, "Kan jag begära anstånd?") == "yes"
    assert main_clause("Skicka den inte med e-post.") == "skicka den inte med e-post."
    first = passage(
        "a",
        "Årsräkning › Anstånd",
        "# Anstånd\nVi beviljar anstånd bara om det finns särskilda skäl.",
        doc_id="arsrakning",
    )
    second = passage(
        "b",
        "Årsräkning › Sent",
        "# Sent\nKan du inte lämna årsräkningen före 1 mars ska du begära anstånd skriftligt.",
        doc_id="arsrakning",
    )
    answer = _compose("Ska jag också lämna årsräkningen före 1 mars?", [first, second])
    assert not answer.startswith(("Ja.", "Nej.")), answer


def test_a_condition_whose_end_cannot_be_told_leaves_the_sentence_whole() -> None:
    # The comma ends the main clause here, not the condition: the rule "kan tingsrätten" stays.
    sentence = (
        "Om det är bråttom kan tingsrätten fatta ett tillfälligt beslut, ett så kallat interimistiskt beslut."
    )
    assert main_clause(sentence).startswith("om det ar brattom kan tingsratten")
    assert main_clause("Om du inte hinner kan du begära anstånd.") == "kan du begara anstand."
    assert main_clause("Om hen vill att du slutar ska du ansöka.") == "ska du ansoka."
