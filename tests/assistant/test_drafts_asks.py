"""Finding the questions of a real e-mail (assistant.pipeline.asks), on hand-written messages in
redacted form: what a staff draft must answer, with the context each question is searched with,
and which parts only a case officer can answer. No index, no server."""

from __future__ import annotations

import pytest

from assistant.pipeline.asks import (
    asks_for_value,
    direct,
    find_asks,
    find_questions,
    needs_person,
    states_value,
    unasked_paragraphs,
)


def test_a_thank_you_at_the_start_is_no_signature() -> None:
    message = (
        "Tack så mycket för svaret i går.\nNu har jag en ny fråga: när betalas arvodet ut?\n\n"
        "Mvh\n[NAMN_1]\n[TELEFON_1]\n[ADRESS_1]"
    )
    assert find_questions(message) == ["Nu har jag en ny fråga: när betalas arvodet ut?"]


def test_the_signature_block_holds_no_question() -> None:
    message = "Hej!\n\nVem betalar arvodet?\n\nMed vänliga hälsningar\n[NAMN_1]\nGod man\n[TELEFON_1]"
    assert find_questions(message) == ["Vem betalar arvodet?"]


def test_a_greeting_without_punctuation_keeps_the_question_after_it() -> None:
    assert find_questions("hej jag undrar när årsräkningen ska in") == ["jag undrar när årsräkningen ska in"]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("مرحبا\nمتى يجب تقديم التقرير السنوي؟ كم تبلغ الأتعاب؟\nشكرا\n[NAMN_1]", 2),
        ("Dzień dobry,\nKiedy złożyć sprawozdanie? Ile wynosi wynagrodzenie?\nPozdrawiam\n[NAMN_1]", 2),
        ("Hello,\nThank you for your help.\nWhen is the annual report due?\n\nKind regards\n[NAMN_1]", 1),
    ],
)
def test_questions_in_other_languages_and_scripts(message: str, expected: int) -> None:
    asks = find_questions(message)
    assert len(asks) == expected, asks
    assert not any("[NAMN_1]" in a or "Pozdrawiam" in a for a in asks)


def test_implicit_questions_are_searched_as_direct_ones() -> None:
    message = (
        "Jag blev god man i augusti. Nu undrar jag vilken period årsräkningen ska täcka. "
        "Jag undrar också om jag får ta ut arvode i förskott."
    )
    period, advance = find_asks(message)
    assert period.text == "Nu undrar jag vilken period årsräkningen ska täcka."
    assert period.query.startswith("Jag blev god man i augusti. vilken period årsräkningen ska täcka?")
    # "om jag får …" asked directly is "får jag …": a yes/no question the composer recognises.
    assert advance.query.endswith("får jag ta ut arvode i förskott?")


def test_direct_leaves_ordinary_questions_alone() -> None:
    assert direct("När ska förteckningen vara inne?") == "När ska förteckningen vara inne?"
    assert direct("Jag skulle vilja veta när arvodet betalas ut.") == "när arvodet betalas ut?"


def test_a_request_is_an_ask_and_a_short_question_after_it_belongs_to_it() -> None:
    message = "Min mamma har förvaltare. Jag vill dessutom att ni byter ut honom. Kan ni göra det?"
    (asked,) = find_asks(message)
    assert asked.text == "Jag vill dessutom att ni byter ut honom. Kan ni göra det?"
    assert needs_person(asked.judged)


def test_a_question_after_a_question_stays_apart() -> None:
    message = "När ska förteckningen vara inne? Och vad händer om den kommer in för sent?"
    assert len(find_asks(message)) == 2


def test_listed_questions_under_an_announcing_line() -> None:
    message = (
        "Hej!\nJag är ny god man och har några frågor:\n- arvode för första året\n"
        "- när förteckningen ska vara inne\n- Måste jag spara alla kvitton?\n\nMvh\n[NAMN_1]"
    )
    asks = find_asks(message)
    assert [a.text for a in asks] == [
        "arvode för första året?",
        "när förteckningen ska vara inne?",
        "Måste jag spara alla kvitton?",
    ]
    assert all(a.query.startswith("Jag är ny god man") for a in asks)


def test_hard_wrapped_lines_are_one_sentence() -> None:
    message = "Hej,\njag är god man för min\nmamma och undrar hur man\nansöker om arvode.\nTack\n[NAMN_1]"
    assert find_questions(message) == ["jag är god man för min mamma och undrar hur man ansöker om arvode."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # What the writer tells first stays with the question it leads into.
        (
            "Jag är god man för min pappa, behöver jag redovisa varje år?",
            ["Jag är god man för min pappa, behöver jag redovisa varje år?"],
        ),
        # A condition leads into the first question; the second is a question of its own.
        (
            "Och om det blir god man, hur ansöker man och vad behöver vi skicka in?",
            ["Och om det blir god man, hur ansöker man?", "vad behöver vi skicka in?"],
        ),
        # A verb first with its subject opens a second question, whatever the verb.
        (
            "Jag har inte hört något, betyder det att den är godkänd, och behöver jag skicka den igen?",
            [
                "Jag har inte hört något, betyder det att den är godkänd?",
                "behöver jag skicka den igen?",
            ],
        ),
        # "när och var" asks one thing; a short yes/no tail asks the same question again.
        ("Vet ni när och var jag ska lämna den?", ["Vet ni när och var jag ska lämna den?"]),
        (
            "Vad händer om jag inte lämnar in den alls, blir det böter?",
            ["Vad händer om jag inte lämnar in den alls, blir det böter?"],
        ),
    ],
)
def test_one_sentence_split_where_it_asks_again(sentence: str, expected: list[str]) -> None:
    assert find_questions(sentence) == expected


def test_the_story_goes_with_every_question_of_its_paragraph_but_a_thank_you_does_not() -> None:
    message = (
        "Tack för hjälpen senast! Vår dotter har fått 200 000 kr i försäkringspengar. "
        "Måste pengarna sättas in på ett spärrat konto? Behöver vi båda skriva under vid uttag?"
    )
    first, second = find_asks(message)
    assert first.query.startswith("Vår dotter har fått 200 000 kr")
    assert second.query.startswith("Vår dotter har fått 200 000 kr")
    assert "Tack" not in first.query


def test_a_question_is_judged_on_its_own_words_not_on_the_story() -> None:
    # The story tells about the writer's own papers; the question asks about the rules.
    message = "Jag skickade in min årsräkning i februari. Hur lång tid brukar granskningen ta?"
    (asked,) = find_asks(message)
    assert not needs_person(asked.judged)


@pytest.mark.parametrize(
    "question",
    [
        "Kan ni också skicka blanketten för sluträkning till min adress?",
        "Hinner ni granska förteckningen före sommaren?",
        "Vem är min handläggare?",
        "Vi fick ett föreläggande från er i veckan, vad betyder det?",
        "Jag lämnade in kvittona i tisdags, har de kommit fram?",
        "Kan jag få lite mer tid med redovisningen?",
        "Could you confirm that you received my annual report?",
    ],
)
def test_own_case_parts_need_a_person(question: str) -> None:
    assert needs_person(question)


@pytest.mark.parametrize(
    "question",
    [
        "Hur lång tid tar granskningen av en årsräkning?",
        "Vad kostar det att ansöka om god man?",
        "Får en god man ta ut arvode i förskott?",
        "How do I apply for an extension?",
    ],
)
def test_general_questions_need_no_person(question: str) -> None:
    assert not needs_person(question)


def test_a_question_after_a_comma_without_its_mark_is_found() -> None:
    message = (
        "Hej\n\nJag skickade in en ansökan om uttag förra veckan, kan ni godkänna den så snart som "
        "möjligt, optikern väntar.\n\nMvh\n[NAMN_1]"
    )
    (asked,) = find_asks(message)
    assert asked.text.startswith("Jag skickade in en ansökan")
    assert needs_person(asked.judged)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # A time clause tells; a time word followed by a verb asks.
        (
            "När min pappa dog fick jag ett brev från banken. När ska sluträkningen vara inne?",
            ["När ska sluträkningen vara inne?"],
        ),
        # A time clause first leads into the question of its main clause.
        (
            "Och när sängen är köpt, behöver jag skicka något mer till er efteråt?",
            ["Och när sängen är köpt, behöver jag skicka något mer till er efteråt?"],
        ),
        # A clause after a condition is its main clause, not a question.
        ("Eftersom hon är sjuk, kan jag inte åka dit. Vem kan hjälpa henne?", ["Vem kan hjälpa henne?"]),
        # A piece that announces the question leads into it.
        (
            "Sen har jag en fråga om arvodet, när får jag det?",
            ["Sen har jag en fråga om arvodet, när får jag det?"],
        ),
        # An implicit question is no statement that leads in: two questions.
        (
            "Jag undrar vad som gäller för anstånd och vad som händer om jag inte hinner i tid?",
            ["Jag undrar vad som gäller för anstånd?", "vad som händer om jag inte hinner i tid?"],
        ),
    ],
)
def test_clauses_that_tell_and_clauses_that_ask(message: str, expected: list[str]) -> None:
    assert find_questions(message) == expected


def test_an_indirect_yes_no_question_after_an_indirect_question_is_a_second_one() -> None:
    message = "Jag skulle vilja veta när förteckningen ska vara inne, och om jag ska ta med hyran i den."
    first, second = find_asks(message)
    assert first.question == "när förteckningen ska vara inne?"
    assert second.question == "ska jag ta med hyran i den?"
    # Both halves keep the writer's sentence, which the draft quotes once.
    assert first.sentence == second.sentence == message


def test_a_bare_thank_you_for_an_answer_closes_the_letter() -> None:
    message = "Hej!\n\nVem betalar arvodet?\n\nTacksam för svar\n[NAMN_1]"
    assert find_questions(message) == ["Vem betalar arvodet?"]
    assert find_questions("Jag vore tacksam för besked om när arvodet betalas ut.")


def test_the_situation_told_first_goes_with_questions_in_later_paragraphs() -> None:
    message = (
        "Hi,\n\nI was appointed god man for an unaccompanied boy in January. I'm a bit confused.\n\n"
        "What is the monthly fee?\n\nBest,\n[NAMN_1]"
    )
    (asked,) = find_asks(message)
    assert asked.query.startswith("I was appointed god man for an unaccompanied boy")
    assert asked.query.endswith("What is the monthly fee?")
    assert asked.question == "What is the monthly fee?"  # what the composer answers


def test_a_short_follow_up_right_after_a_question_is_searched_with_it() -> None:
    message = "Jag undrar vilket datum saldona i förteckningen ska gälla? Och när ska den vara inne?"
    _, follow_up = find_asks(message)
    assert "förteckningen" in follow_up.query
    assert follow_up.question == "Och när ska den vara inne?"


def test_an_elliptic_second_half_is_searched_with_the_first() -> None:
    _, attachments = find_asks("Hur mycket får man i bilersättning och vad ska bifogas?")
    assert "bilersättning" in attachments.query


def test_a_message_without_a_recognised_question_is_answered_paragraph_by_paragraph() -> None:
    message = (
        "Hola,\n\nMi hermano vive en Estocolmo y tiene un god man. Quisiera saber su número de "
        "teléfono.\n\nGracias,\n[NAMN_1]"
    )
    (asked,) = find_asks(message)
    assert asked.guessed and asked.text.startswith("Mi hermano")
    # A thank-you alone is no question at all.
    assert find_asks("Tack för hjälpen i går!\n\nHälsningar\n[NAMN_1]") == []


@pytest.mark.parametrize(
    "question",
    [
        "Jag ber härmed om anstånd till den 31 mars.",
        "Varför blev mitt arvode i fjol så lågt?",
    ],
)
def test_asking_the_office_to_decide_or_explain_the_own_case_needs_a_person(question: str) -> None:
    assert find_questions(question) == [question]
    assert needs_person(question)


def test_direct_keeps_a_subject_that_is_not_followed_by_its_verb() -> None:
    assert direct("Jag vill också veta om han själv kan skriva under.") == "om han själv kan skriva under?"


def test_a_closing_line_that_asks_is_no_sign_off() -> None:
    message = "Hej!\n\nVem betalar arvodet?\n\nVänligen skicka blanketten för sluträkning.\n[NAMN_1]"
    assert find_questions(message) == ["Vem betalar arvodet?", "Vänligen skicka blanketten för sluträkning."]
    assert find_questions("Hej,\nTack! Kan ni ringa mig?\n[NAMN_1]") == ["Kan ni ringa mig?"]


def test_the_greetings_and_sign_offs_of_the_shared_list_are_no_questions() -> None:
    # Spanish closing, from guardrails/text/data/salutations.yaml: the signature is not taken for a
    # paragraph the writer asks in.
    message = (
        "Buenas tardes:\n\nMi madre tiene un god man y quisiera saber el horario de teléfono.\n\n"
        "Atentamente,\n[NAMN_1]\n[TELEFON_1]"
    )
    (asked,) = find_asks(message)
    assert asked.text.startswith("Mi madre") and "[NAMN_1]" not in asked.text


def test_a_polite_word_makes_any_verb_after_it_a_request() -> None:
    message = "hej\n\njag har god man men hon bestämmer allt.\n\nsnälla byt henne nu\n\n[NAMN_1]"
    assert find_questions(message) == ["snälla byt henne nu"]
    # Alone, the polite word closes the letter.
    assert find_questions("Hej!\n\nNär betalas arvodet ut?\n\nVänligen\n[NAMN_1]") == [
        "När betalas arvodet ut?"
    ]


@pytest.mark.parametrize(
    "asking",
    [
        "Jag skulle behöva veta hur lång tid granskningen tar.",
        "Det vore bra att få veta vad som gäller vid flytt.",
        "Det är oklart för mig vad som gäller när huvudmannen flyttar.",
        "Jag har svårt att förstå hur sluträkningen ska fyllas i.",
        "Jag hittar ingen information om hur man byter god man.",
        "Jag skulle uppskatta information om vilka kvitton jag ska spara.",
        "Ge mig besked om när beslutet kommer.",
        "Bekräfta gärna att ni har fått min ansökan.",
        "Min man frågar om vi får använda pengarna till en resa.",
        "Gäller samma regler för barn.",
        "I was wondering whether I need to keep all the receipts.",
        "Let me know how I apply for an extension.",
        "It is not clear to me what I have to submit.",
        "Also, my wife wonders if we could use some of the money for a holiday.",
        "Min fråga gäller arvodet.",
    ],
)
def test_ways_of_asking_without_a_question_are_found_next_to_a_question(asking: str) -> None:
    # With another question in the message, nothing falls back to "the whole paragraph": each way
    # of asking must be recognised as one.
    asks = find_questions(f"Hej!\n\nNär ska årsräkningen vara inne? {asking}\n\nMvh\n[NAMN_1]")
    assert asks == ["När ska årsräkningen vara inne?", asking]


def test_a_condition_that_opens_a_sentence_is_no_indirect_question() -> None:
    message = "När ska årsräkningen vara inne? If we could come in person we would."
    assert find_questions(message) == ["När ska årsräkningen vara inne?"]


def test_a_named_question_before_a_question_is_its_context() -> None:
    (asked,) = find_asks("Jag har en fråga om arvodet. Hur mycket får jag?")
    assert asked.text == "Hur mycket får jag?"
    assert asked.query.startswith("Jag har en fråga om arvodet.")


def test_a_need_to_know_is_asked_directly() -> None:
    assert direct("Jag skulle behöva veta hur lång tid det tar.") == "hur lång tid det tar?"
    assert direct("Min fråga är hur man ansöker om god man.") == "hur man ansöker om god man?"


@pytest.mark.parametrize(
    "question",
    [
        "Skulle ni kunna ordna en ersättare till den 1 juni?",
        "Och när blir den granskad egentligen?",
        "Could you tell me whether his god man actually submitted the report for last year?",
    ],
)
def test_asking_the_office_to_act_or_about_an_own_papers_status_needs_a_person(question: str) -> None:
    assert needs_person(question)


@pytest.mark.parametrize(
    "question",
    ["När blir en årsräkning granskad?", "Kan ni förklara hur granskningen går till?"],
)
def test_the_offices_general_process_needs_no_person(question: str) -> None:
    assert not needs_person(question)


def test_header_lines_and_quoted_lines_are_not_asked_now() -> None:
    message = (
        "Ämne: Fråga om arvode\nFrån: [NAMN_1]\n\nHej,\n\nTack för svaret.\n"
        "> När ska årsräkningen vara inne?\n> Den ska vara inne före 1 mars.\n"
        "Vad händer om jag är sjuk då?\n\nMvh\n[NAMN_1]"
    )
    assert find_questions(message) == ["Vad händer om jag är sjuk då?"]


def test_a_numbered_list_on_one_line_is_one_question_per_item() -> None:
    message = "Hej. Jag har två frågor. 1) arvode – när betalas det? 2) måste jag spara kvitton"
    asks = find_asks(message)
    assert [a.own for a in asks] == ["arvode – när betalas det?", "måste jag spara kvitton"]
    # Dates are no list: "den 1. mars" stays in its sentence.
    assert len(find_asks("Jag skickade den 1. mars och den 2. april. Har ni fått den?")) == 1


def test_a_short_check_of_what_was_said_is_asked_with_the_claim() -> None:
    message = "Mäklaren säger att han skickar in ansökan till er. Är det rätt?"
    (asked,) = find_asks(message)
    assert asked.text == message  # quoted whole
    assert asked.question == "Är det rätt att han skickar in ansökan till er?"  # what is answered
    (asked,) = find_asks("My neighbour told me that the fee is taxable. Is that right?")
    assert asked.question == "Is that right that the fee is taxable?"


def test_concerning_is_no_named_question() -> None:
    message = (
        "Jag skriver i fråga om nämndens beslut den 12 maj. Beslutet gäller arvodet för 2025.\n\n"
        "Vänligen upplys om hur man överklagar."
    )
    assert find_questions(message) == ["Vänligen upplys om hur man överklagar."]


def test_a_wish_stated_to_the_office_is_a_request_in_either_word_order() -> None:
    message = (
        "Min klient har tilldelats normal nivå.\n\nVidare önskar vi en motivering till varför nämnden "
        "inte har tillämpat den högre nivån.\n\nMed vänlig hälsning\n[NAMN_1]"
    )
    assert find_questions(message) == [
        "Vidare önskar vi en motivering till varför nämnden inte har tillämpat den högre nivån."
    ]
    assert find_questions("Jag önskar få en kopia av beslutet.") == ["Jag önskar få en kopia av beslutet."]
    assert find_questions("Min klient önskade inget arvode.\n\nNär ska årsräkningen vara inne?") == [
        "När ska årsräkningen vara inne?"
    ]


def test_paragraphs_in_which_no_question_was_recognised() -> None:
    message = (
        "السلام عليكم\n\nمتى تنتهي مهمتي بالضبط؟\n\n"
        "لم أستلم حتى الآن أتعاب الربع الثالث. أرجو التحقق من ذلك.\n\nمع الشكر\n[NAMN_1]\n[TELEFON_1]"
    )
    assert find_questions(message) == ["متى تنتهي مهمتي بالضبط؟"]
    # The request without a question mark is kept for the staff member; the greeting, the question's
    # paragraph and the signature are not.
    assert unasked_paragraphs(message) == ["لم أستلم حتى الآن أتعاب الربع الثالث. أرجو التحقق من ذلك."]
    assert unasked_paragraphs("Hej!\n\nNär ska årsräkningen vara inne?\n\nMvh\n[NAMN_1]") == []


def test_a_signature_without_a_sign_off_is_no_part_of_the_question() -> None:
    # The name and phone lines under a question without its mark were read as the question's end.
    message = "hej hur mkt arvode får man o när kommer pengarna\n[NAMN_1]\n[TELEFON_1]"
    assert find_questions(message) == ["hur mkt arvode får man", "när kommer pengarna"]
    signed = (
        "Hej\nJag undrar när förteckningen ska vara inne\n[NAMN_1]\nGod man för [NAMN_2]\nTel [TELEFON_1]"
    )
    assert [a.question for a in find_asks(signed)] == ["när förteckningen ska vara inne?"]


def test_a_last_line_that_asks_is_kept_even_with_a_name_in_it() -> None:
    assert find_questions("Hej!\nHur mår [NAMN_1]?") == ["Hur mår [NAMN_1]?"]


def test_not_knowing_after_a_story_is_a_question() -> None:
    message = "Hej\nJag är god man sedan i fjol och vet inte när årsräkningen ska in.\n[NAMN_1]"
    assert find_questions(message) == ["Jag är god man sedan i fjol och vet inte när årsräkningen ska in."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Could you tell me how much a god man is paid, and whether the fee is taxed?",
            ["how much a god man is paid?", "whether the fee is taxed?"],
        ),
        (
            "What can I do to help him with his bills, and is a god man expensive?",
            ["What can I do to help him with his bills?", "is a god man expensive?"],
        ),
        (
            "Jag undrar dels hur man ansöker om god man, dels hur lång tid det tar.",
            ["hur man ansöker om god man?", "dels hur lång tid det tar."],
        ),
    ],
)
def test_two_questions_in_one_sentence_in_more_ways(sentence: str, expected: list[str]) -> None:
    assert [a.question for a in find_asks(f"Hej!\n{sentence}\n[NAMN_1]")] == expected


def test_a_question_that_refers_back_is_searched_with_the_question_before() -> None:
    message = (
        "Hej\nNär ska årsräkningen vara inne? Dessutom undrar jag vad som händer om den kommer in för sent."
    )
    asks = find_asks(message)
    assert [a.question for a in asks] == [
        "När ska årsräkningen vara inne?",
        "vad som händer om den kommer in för sent?",
    ]
    assert "årsräkningen" in asks[1].query


def test_a_word_that_refers_within_its_own_question_adds_no_earlier_question() -> None:
    message = (
        "Hej\nVad innebär anhörigbehörighet? Och om vi i stället gör en framtidsfullmakt, vad krävs för "
        "att den ska vara giltig?"
    )
    asks = find_asks(message)
    assert "anhörigbehörighet" not in asks[1].query


def test_a_question_named_after_a_story_in_the_same_sentence_is_the_ask() -> None:
    asks = find_asks("Hej,\nJag är god man och har en fråga om arvodet.\nMvh [NAMN_1]")
    assert [(a.text, a.guessed) for a in asks] == [("Jag är god man och har en fråga om arvodet.", False)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("När ska årsräkningen vara inne?", True),
        ("Och hur lång tid tar det?", True),
        ("How much is the fee?", True),
        ("Vad gäller när huvudmannen dör?", False),  # "när" inside the question is no value asked
        ("Kostar det något?", False),  # a yes/no question: "Nej" answers it
    ],
)
def test_a_question_asking_for_a_value(question: str, expected: bool) -> None:
    assert asks_for_value(question) is expected


def test_an_answer_states_a_value_by_digit_or_number_word_not_by_its_source_marker() -> None:
    assert states_value("Förteckningen ska vara inne inom två månader [1].")
    assert states_value("Senast den 1 mars [2].")
    assert not states_value("Vi granskar redovisningen och hör av oss [1].")


def test_a_line_of_personal_data_is_no_story_a_question_is_searched_with() -> None:
    message = (
        "Hej\nHuvudman: [NAMN_1], [PERSONNUMMER_1]\nJag heter [NAMN_2].\n"
        "Min pappa har god man. Får han ta ut pengar själv?\nMvh [NAMN_2]"
    )
    asks = find_asks(message)
    assert [a.question for a in asks] == ["Får han ta ut pengar själv?"]
    assert asks[0].query.startswith("Min pappa har god man. Får han ta ut pengar själv?")
    assert "[" not in asks[0].query


def test_a_long_story_adds_to_the_question_without_outweighing_it() -> None:
    story = "Min mamma har bott på ett boende i tre år och hennes hus står tomt sedan dess. " * 3
    asks = find_asks(f"Hej!\n{story}Hur ansöker jag om att få sälja huset?\nMvh [NAMN_1]")
    question = "Hur ansöker jag om att få sälja huset?"
    assert asks[0].query.startswith("Min mamma har bott")
    # The question's own words count twice in what is searched, the story's once.
    assert asks[0].query.count(question) == 2
    alone = find_asks(f"Hej!\n{question}\nMvh [NAMN_1]")
    assert alone[0].query == question  # no story: the question as it is


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "Hej!\nNär ska årsräkningen in? Sen behöver jag hjälp med förteckningen, jag förstår inte "
            "skulddelen.\nMvh [NAMN_1]",
            [
                "När ska årsräkningen in?",
                "Sen behöver jag hjälp med förteckningen, jag förstår inte skulddelen.",
            ],
        ),
        (
            "Hi,\nWhen is the annual report due? Also I need help with the inventory form.\nThanks [NAMN_1]",
            ["When is the annual report due?", "Also I need help with the inventory form."],
        ),
    ],
)
def test_asking_for_help_without_a_question_mark_is_a_question(message: str, expected: list[str]) -> None:
    assert find_questions(message) == expected


def test_someone_else_not_understanding_is_story() -> None:
    message = "Hej\nMamma förstår inte sina räkningar längre. Vad kan jag göra?\n[NAMN_1]"
    assert find_questions(message) == ["Vad kan jag göra?"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "What documents do I need to attach and by when does it have to be submitted?",
            ["What documents do I need to attach?", "by when does it have to be submitted?"],
        ),
        (
            "Vad kostar det att skriva en och måste den registreras någonstans?",
            ["Vad kostar det att skriva en?", "måste den registreras någonstans?"],
        ),
        # A short yes/no tail on the question before is the same question asked again.
        ("Kan jag ta ut pengar till en säng, går det?", ["Kan jag ta ut pengar till en säng, går det?"]),
    ],
)
def test_second_questions_after_a_preposition_or_with_a_verb_of_their_own(
    sentence: str, expected: list[str]
) -> None:
    assert [a.question for a in find_asks(f"Hej!\n{sentence}\n[NAMN_1]")] == expected


def test_a_question_word_question_after_an_unmarked_ask_is_its_own_question() -> None:
    message = "Hej. Jag vill veta mer om framtidsfullmakt. Vad kostar det att skriva en?\n[NAMN_1]"
    assert find_questions(message) == [
        "Jag vill veta mer om framtidsfullmakt.",
        "Vad kostar det att skriva en?",
    ]
