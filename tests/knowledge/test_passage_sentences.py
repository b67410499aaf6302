"""Passage sentences as answers quote them, and the list structure kept beside them."""

from __future__ import annotations

from knowledge import passage_sentences
from knowledge.passage_sentences import ListSentence, passage_items, passage_lists

TEXT = (
    "Huvudmannen betalar arvodet om hen hade:\n"
    "- tillgångar över två prisbasbelopp, eller\n"
    "- inkomster över 2,65 prisbasbelopp.\n"
    "Annars betalar kommunen.\n"
    "- Bevaka rätt. Den gode mannen företräder huvudmannen.\n"
    "- Förvalta egendom.\n"
)


def test_a_lead_line_and_its_bullets_read_as_one_sentence() -> None:
    assert passage_sentences(TEXT) == [
        "Huvudmannen betalar arvodet om hen hade: tillgångar över två prisbasbelopp, eller, "
        "inkomster över 2,65 prisbasbelopp.",
        "Annars betalar kommunen.",
        "Bevaka rätt.",
        "Den gode mannen företräder huvudmannen.",
        "Förvalta egendom.",
    ]


def test_the_lists_keep_their_items_apart_and_join_as_the_sentence_does() -> None:
    (listed,) = passage_lists(TEXT)
    assert listed.lead == "Huvudmannen betalar arvodet om hen hade:"
    assert len(listed.items) == 2
    assert listed.text == passage_sentences(TEXT)[0]
    assert (
        listed.joined(listed.items[1:])
        == "Huvudmannen betalar arvodet om hen hade: inkomster över 2,65 prisbasbelopp."
    )
    assert ListSentence("Lead:", ()).text == "Lead:"


def test_bullet_items_without_a_lead_line_are_given_with_their_sentences() -> None:
    assert passage_items(TEXT) == [
        ("Bevaka rätt.", "Den gode mannen företräder huvudmannen."),
        ("Förvalta egendom.",),
    ]
