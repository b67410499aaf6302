"""The facts of the chosen section reach the answer: a table whose first cells are questions is
read as a table (not as a FAQ cut to one pair), and a quoted sentence keeps the sentence that
carries it on ("Annars …", "De …"). Hand-made passages, no index, no server, no model."""

from __future__ import annotations

from tests.assistant.handmade_passages import compose, passage

# A table whose first cells ask ("När?", "Anmäla?"), then a paragraph with the rule asked about.
TABLE_THEN_RULE = (
    "När? – Fri förvaltning: Tillgångarna är högst åtta basbelopp; "
    "Bunden förvaltning: Tillgångarna är större.\n"
    "Anmäla till oss? – Fri förvaltning: Nej; Bunden förvaltning: Ja, genast.\n"
    "Förteckning – Fri förvaltning: Nej; Bunden förvaltning: Ja, inom en månad.\n"
    "När förvaltningen en gång har blivit bunden blir den fri igen först när tillgångarna har sjunkit "
    "under fyra basbelopp. En förmyndare som rätten har utsett har alltid bunden förvaltning."
)

# A long paragraph: the sentence that answers, then one that goes on with "Annars".
LONG_PARAGRAPH = (
    "Den som har ett uppdrag som ställföreträdare har rätt till ett skäligt arvode "
    "för sitt arbete under året. "
    "Arvodet bestäms av nämnden när redovisningen för hela kalenderåret "
    "har granskats färdigt av handläggaren. "
    "Huvudmannen betalar arvodet själv när inkomsten och tillgångarna är tillräckligt stora för det. "
    "Annars står kommunen för hela kostnaden och skickar pengarna direkt till dig. "
    "Du kan läsa mer om hur arvodet räknas ut och vilka procentsatser som gäller i våra riktlinjer."
)


def test_a_table_with_question_cells_is_not_read_as_a_faq_cut_to_one_answer() -> None:
    p = passage("barn", "Barns pengar › Fri eller bunden förvaltning", TABLE_THEN_RULE)
    answer = compose("När är förvaltningen fri och när blir den fri igen?", [p])
    assert "högst åtta basbelopp" in answer, answer  # the first row, once read as a FAQ pair of its own
    assert "under fyra basbelopp" in answer, answer


def test_a_table_row_with_a_question_cell_stays_one_row() -> None:
    p = passage("barn", "Barns pengar › Fri eller bunden förvaltning", TABLE_THEN_RULE)
    answer = compose("Måste jag anmäla bunden förvaltning till er?", [p])
    assert "Anmäla till oss? – Fri förvaltning: Nej; Bunden förvaltning: Ja, genast" in answer, answer


def test_a_sentence_that_goes_on_with_otherwise_is_quoted_after_the_one_it_continues() -> None:
    p = passage("arvode", "Arvode › Vem betalar arvodet?", LONG_PARAGRAPH)
    answer = compose("Betalar huvudmannen arvodet själv?", [p])
    assert "Huvudmannen betalar arvodet själv" in answer, answer
    assert "Annars står kommunen för hela kostnaden" in answer, answer
    assert answer.index("Huvudmannen betalar") < answer.index("Annars står kommunen"), answer
