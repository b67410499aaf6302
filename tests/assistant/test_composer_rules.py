"""The extractive composer's rules for reading as one answer, on small hand-made passages (no server,
no model): which section answers, tables, yes/no in a table cell, links to other pages."""

from __future__ import annotations

from dataclasses import replace

from assistant.composers import ComposeRequest, ExtractiveComposer
from assistant.composers.yes_no import cell_answer, polarity
from knowledge import Passage
from knowledge.passages import navigation_heading
from tests.assistant.handmade_passages import compose as _compose
from tests.assistant.handmade_passages import passage as _passage


def test_a_list_of_links_to_other_pages_is_never_quoted() -> None:
    links = _passage(
        "ansok-lankar",
        "Ansök › Läs också",
        "# Läs också\n- Bli god man eller förvaltare\n- Arvode till god man\n- Byta god man",
    )
    answer_text = _passage(
        "ansok-vem",
        "Ansök › Vem får ansöka?",
        "# Vem får ansöka?\nPersonen själv och närmaste släktingar får ansöka om god man hos tingsrätten.",
    )
    answer = _compose("Hur blir man god man och vad får man i arvode?", [links, answer_text])
    assert "Läs också" not in answer, answer
    assert "tingsrätten" in answer, answer


def test_navigation_headings_are_told_from_headings_that_answer() -> None:
    assert navigation_heading("Ansök om god man › Läs också")
    assert navigation_heading("Related pages")
    assert navigation_heading("Se även")
    assert not navigation_heading("Ansök om god man › Så läser vi din ansökan")
    assert not navigation_heading("Läsa handlingar")


def test_the_section_closer_to_the_question_as_a_whole_answers() -> None:
    # The two sections match the question's words alike; retrieval found the second much closer in
    # meaning (its passage with its headings), so it answers although it ranked second.
    first = _passage("a", "Arvode › Så begär du", "Du begär arvode i redogörelsen varje år.", dense=0.8)
    second = _passage("b", "Arvode › Vem betalar arvodet?", "Kommunen betalar arvodet om man har lite.")
    second = replace(second, dense=0.86)
    answer = _compose("Vem betalar arvodet?", [first, second])
    assert answer.startswith("Kommunen betalar"), answer
    assert "redogörelsen" not in answer, answer


def test_a_section_without_anything_to_quote_is_never_chosen() -> None:
    example = _passage("ex", "Uttag › Exempel: Maj, 79", "Exempel: Maj har pengar på spärrat konto.")
    example = replace(example, dense=0.9)
    rule = _passage("rule", "Uttag › Så ansöker du", "Du ansöker om uttag från spärrat konto.", dense=0.7)
    answer = _compose("Hur tar jag ut pengar från spärrat konto?", [example, rule])
    assert answer.startswith("Du ansöker om uttag"), answer


TABLE = (
    "# Åtgärder som kräver samtycke\n"
    "Köpa eller sälja fastighet – Samtycke krävs?: Ja; Kommentar: Köpekontraktet villkoras av samtycket.\n"
    "Köpa aktier – Samtycke krävs?: Ja; Kommentar: Fonder kräver inte samtycke.\n"
    "Sälja aktier – Samtycke krävs?: Nej; Kommentar: Pengarna sätts in på spärrat konto.\n"
    "Ge bort pengar – Samtycke krävs?: Får inte ske; Kommentar: Presenter av normalt värde går bra."
)


def test_a_yes_no_question_about_one_table_row_leads_with_that_rows_answer() -> None:
    passage = _passage("samtycke", "Uttag › Åtgärder som kräver samtycke", TABLE)
    answer = _compose("Behöver jag samtycke för att sälja aktier?", [passage])
    assert answer.startswith("Nej. Sälja aktier"), answer
    assert "fastighet" not in answer, answer


def test_a_question_about_the_table_as_a_whole_gets_every_row() -> None:
    passage = _passage("samtycke", "Uttag › Åtgärder som kräver samtycke", TABLE)
    answer = _compose("Vilka åtgärder kräver samtycke?", [passage])
    for row in ("fastighet", "Köpa aktier", "Sälja aktier", "Ge bort"):
        assert row in answer, answer


def test_a_table_cell_answers_yes_or_no() -> None:
    assert cell_answer("Sälja aktier – Samtycke krävs?: Nej; Kommentar: Pengarna sätts in.") == "no"
    assert cell_answer("Köpa aktier – Samtycke krävs?: Ja; Kommentar: Fonder kräver inte samtycke.") == "yes"
    assert cell_answer("Köpa aktier – Belopp: 200 kr.") is None
    # The cell decides, not a negation in the comment.
    assert polarity("Köpa aktier – Samtycke krävs?: Ja; Kommentar: Fonder kräver inte samtycke.") == "yes"
    assert polarity("Du behöver inte vårt samtycke.") == "no"


def test_dense_closeness_is_kept_on_passages_by_default_zero() -> None:
    passage = _passage("x", "A › B", "Text.")
    assert passage.dense == 0.0
    assert replace(passage, dense=0.5).dense == 0.5


def test_a_yes_no_question_in_any_verb_is_told_by_its_word_order() -> None:
    from assistant.composers.yes_no import asks_yes_no

    assert asks_yes_no("svarar ni i telefon på onsdagar??")
    assert asks_yes_no("Räknas det som inlämnat i tid?")
    assert not asks_yes_no("Efter det är klart, vad gör jag?")
    assert not asks_yes_no("Vilka telefontider har ni?")


def test_talk_about_the_leaflet_and_its_date_stamp_are_never_quoted() -> None:
    page = _passage(
        "dodsfall",
        "Dödsfall › Om gode mannen dör",
        "Det här bladet handlar om tre situationer: huvudmannen dör, byte och upphörande. "
        "Dör gode mannen upphör inte godmanskapet, tingsrätten utser en ny god man. "
        "Senast uppdaterad 2026-03-16.",
    )
    answer = _compose("Om gode mannen dör, upphör godmanskapet då?", [page])
    assert "bladet" not in answer
    assert "uppdaterad" not in answer
    assert "upphör inte godmanskapet" in answer


def test_a_sentence_between_two_quoted_sentences_of_a_paragraph_is_quoted_too() -> None:
    page = _passage(
        "bli-god-man",
        "Bli god man › Rekrytering",
        "Vi rekryterar för närvarande inga nya gode män för ensamkommande barn. "
        "Behovet är litet och listan räcker. "
        "Du kan ändå anmäla intresse som god man för ensamkommande barn så sparar vi anmälan ett år.",
    )
    answer = _compose("Rekryterar ni gode män för ensamkommande barn?", [page])
    assert "Vi rekryterar" in answer and "anmäla intresse" in answer
    assert "Behovet är litet och listan räcker" in answer  # shares no word with the question


def test_a_list_whose_lead_points_ahead_answers_on_its_own() -> None:
    page = _passage(
        "dodsfall",
        "Dödsfall › När huvudmannen dör",
        "Det här ska du göra:\n- Meddela oss att huvudmannen har dött.\n"
        "- Lämna sluträkning inom en månad.\n\n"
        "Det här ingår inte i ditt uppdrag:\n- att ordna begravningen\n- att göra bouppteckningen",
    )
    answer = _compose("Ingår det i gode mannens uppdrag att ordna begravningen?", [page])
    # "Det här ingår inte …:" is about its own items, not the list before it: it leads.
    assert answer.startswith("Det här ingår inte i ditt uppdrag")


def test_a_time_clause_after_the_opening_verb_still_asks_yes_or_no() -> None:
    from assistant.composers.yes_no import asks_yes_no

    # "när" and "when" start a time clause here, not a question of when.
    assert asks_yes_no("Får jag ringa det numret när jag inte hinner ringa på er telefontid?")
    assert asks_yes_no("Kan jag sköta barnens del när vi gör arvskiftet?")
    assert asks_yes_no("Can I call you when the office is closed?")
    # After a verb of telling or knowing they ask when; a question that opens with "när" asks when.
    assert not asks_yes_no("Kan du säga när årsräkningen ska vara inne?")
    assert not asks_yes_no("När ska jag ringa er?")
    assert not asks_yes_no("Vad gäller när jag flyttar?")


def test_a_yes_no_answer_leads_with_the_sentence_that_names_what_was_asked() -> None:
    text = (
        "# Telefontider\n"
        "Vi svarar i telefon måndag, tisdag och torsdag klockan 9 till 11.\n"
        "Du kan också skicka e-post när som helst.\n"
        "På onsdagar svarar vi inte i telefon."
    )
    passage = _passage("kontakt", "Kontakt › Telefontider", text)
    answer = _compose("svarar ni i telefon på onsdagar?", [passage])
    assert answer.startswith("Nej. På onsdagar svarar vi inte i telefon"), answer


def test_a_list_under_a_heading_is_quoted_whole_with_its_short_items() -> None:
    text = (
        "# Detta ska finnas med\n"
        "- Ansökningsblanketten, ifylld och underskriven.\n"
        "- Läkarintyg eller en likvärdig social utredning.\n"
        "- Personbevis.\n"
        "- Förslag på god man, om du har ett."
    )
    passage = _passage("ansokan", "Ansökan › Detta ska finnas med", text)
    answer = _compose("Vilka papper ska finnas med i ansökan?", [passage])
    for item in ("Ansökningsblanketten", "Läkarintyg", "Personbevis", "Förslag på god man"):
        assert item in answer, answer


def test_a_section_about_another_situation_gives_way_to_the_one_asked_about() -> None:
    # The first section shares the question's words and is a little closer, but its heading names
    # a situation the question does not ("Om gode mannen dör"): the section asked about answers.
    text = "Uppdraget för huvudmannen fortsätter och vi utser en ny god man."
    other = replace(_passage("a", "Uppdraget › Om gode mannen dör", text), dense=0.86)
    asked = _passage("b", "Uppdraget › Flytt", "Uppdraget fortsätter när huvudmannen flyttar.")
    asked = replace(asked, dense=0.85)
    answer = _compose("Vad händer med uppdraget när huvudmannen flyttar?", [other, asked])
    assert answer == "Uppdraget fortsätter när huvudmannen flyttar [1].", answer


def test_worked_examples_are_told_from_headings_that_answer() -> None:
    from knowledge.passages import example_heading

    assert example_heading("Uttag › Exempel: [NAMN_1], 79")
    assert example_heading("Fees › Example: a full assignment")
    assert not example_heading("What happens in case of death")
    assert not example_heading("Uttag › Så ansöker du")


def _compose_in(question: str, passages: list[Passage], asker: str) -> str:
    request = ComposeRequest(
        question=question, query=question, passages=passages, language="sv", asker_language=asker
    )
    return ExtractiveComposer(None).compose(request).text


def test_across_languages_a_section_for_another_situation_gives_way() -> None:
    # No word of an English question can tell whether it is about the situation a heading names
    # ("Om gode mannen dör"); a little closer and ranked first, that section still gives way to the
    # general one when the question comes in another language.
    situation = replace(
        _passage("a", "Uppdraget › Om gode mannen dör", "Vi utser en ny god man och uppdraget fortsätter."),
        dense=0.80,
    )
    general = replace(
        _passage("b", "Uppdraget › Andra lösningar", "En framtidsfullmakt kan räcka i stället för god man."),
        dense=0.81,
    )
    answer = _compose_in("Is there an alternative to a god man?", [situation, general], "en")
    assert answer.startswith("En framtidsfullmakt"), answer
    # In Swedish the question's words decide: it names the situation, so that section answers.
    answer = _compose("Vad händer när gode mannen dör?", [situation, general])
    assert answer.startswith("Vi utser en ny god man"), answer


def test_the_list_item_that_answers_leads_and_is_not_quoted_twice() -> None:
    text = (
        "# Så ansöker du om uttag\n"
        "- Ansök i e-tjänsten eller på blanketten för uttag.\n"
        "- Ange belopp, bank och kontonummer.\n"
        "- Skicka kvitto till oss inom 30 dagar efter köpet."
    )
    passage = _passage("uttag", "Uttag › Så ansöker du om uttag", text)
    answer = _compose("Hur snart måste jag skicka kvittot efter köpet?", [passage])
    first_line = answer.split("\n", 1)[0]
    assert "inom 30 dagar" in first_line, answer
    assert answer.count("inom 30 dagar") == 1, answer
    # The rest of the list follows under the heading said once, with the answering item.
    assert "Ange belopp" in answer and "Ansök i e-tjänsten" in answer, answer
    assert answer.count("Så ansöker du om uttag") == 1, answer


def test_no_yes_or_no_word_before_a_sentence_that_lacks_what_sets_the_question_apart() -> None:
    # The leading sentence holds half the question's words, but the common ones (lämna, årsräkningen)
    # and not those that set the question apart (mobilen, BankID): it states a rule about something
    # else, so no "Ja." leads.
    text = (
        "# Lämna digitalt\n"
        "Du kan lämna årsräkningen i e-tjänsten.\n"
        "Årsräkningen kan du också lämna på papper.\n"
        "I e-tjänsten ser du dina ärenden.\n"
        "Tjänsten fungerar i dator och surfplatta."
    )
    passage = _passage("digitalt", "Årsräkning › Lämna digitalt", text)
    answer = _compose("Kan jag lämna årsräkningen från mobilen med BankID?", [passage])
    assert not answer.startswith(("Ja.", "Nej.")), answer
    # Asked without them, the same sentence states the rule asked about: "Ja." leads.
    answer = _compose("Kan jag lämna årsräkningen i e-tjänsten?", [passage])
    assert answer.startswith("Ja. Du kan lämna årsräkningen"), answer


def test_a_list_items_label_is_quoted_once_before_what_it_names() -> None:
    text = (
        "# Så går det till\n"
        "- Intresseanmälan. Fyll i e-tjänsten med BankID.\n"
        "- Grundutbildning. Efter utbildningen gör du ett test med 20 frågor.\n"
        "- Samtal. En handläggare träffar dig."
    )
    passage = _passage("bli", "Bli god man › Så går det till", text)
    answer = _compose("Hur går det till att bli god man?", [passage])
    assert "Intresseanmälan. Fyll i" in answer, answer
    for label in ("Intresseanmälan.", "Grundutbildning.", "Samtal."):
        assert answer.count(label) == 1, answer


def test_across_languages_the_office_words_retrieval_matched_choose_the_row() -> None:
    # A question in Finnish shares no word with the Swedish page. Retrieval matched office-vocabulary
    # entries (calling, Monday) and hands their terms on with the passages: the row for Monday
    # answers, the other days' rows are not the answer.
    rows = (
        "Måndag – Telefontid: 09.00–11.30.\n"
        "Tisdag – Telefontid: 13.00–15.00.\n"
        "Torsdag – Telefontid: 09.00–11.30.\n"
        "Fredag – Telefontid: 09.00–10.30."
    )
    terms = ("telefontid, telefon, ringa", "måndag")
    phone = replace(_passage("tel", "Kontakt › Telefontider", rows), terms=terms)
    visit = replace(
        _passage("besok", "Kontakt › Besök", "Du kan lämna handlingar i receptionen vardagar 08.00–16.30."),
        terms=terms,
    )
    answer = _compose_in("Mihin aikaan voin soittaa teille maanantaina?", [visit, phone], "fi")
    assert answer.startswith("Måndag – Telefontid: 09.00–11.30"), answer
    assert "Fredag" not in answer and "receptionen" not in answer, answer


def test_a_yes_no_question_is_answered_by_the_section_that_states_the_rule_asked_about() -> None:
    # The second section is much closer in meaning and shares the question's words ("huvudmannens
    # pengar", "får"), but no sentence of it says whether one may buy ("köpa") anything: the section
    # stating that rule answers.
    rule = _passage("b", "Samtycke › Placeringar", "Du får köpa fonder med låg risk utan vårt samtycke.")
    rule = replace(rule, dense=0.85)
    text = "Huvudmannens pengar får aldrig sättas in på ditt eget konto. Blanda inte ihop pengarna."
    near = replace(_passage("a", "Ekonomi › Vanliga misstag", text), dense=0.866)
    answer = _compose("Får man köpa fonder för huvudmannens pengar?", [rule, near])
    assert answer.startswith("Ja. Du får köpa fonder"), answer


def test_a_sentence_adverb_after_the_subject_is_not_the_verb_asked_about() -> None:
    from assistant.composers.yes_no import asked_verb

    assert asked_verb("Kan jag ändå bli god man?") == "bli"
    assert asked_verb("Behöver jag alltid lämna årsräkning?") == "lamna"
