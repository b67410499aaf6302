"""Whom a staff draft greets (assistant.pipeline.drafts.sender_tag, DraftWriter): the writer who
signs the letter, not someone the signature names beside them. Hand-made letters; no index."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.composers.base import ComposedAnswer
from assistant.pipeline.drafts import DraftWriter, sender_tag
from assistant.pipeline.stages import CheckOut
from assistant.pipeline.turn import Answer
from guardrails import Decision, VaultStore, load_office
from knowledge import Passage


@pytest.mark.parametrize(
    "signature",
    [
        "Tack för hjälpen\n[NAMN_2], god man\n(huvudman: [NAMN_3] [PERSONNUMMER_1])",
        "Vänliga hälsningar\n[NAMN_2]\nGod man för [NAMN_3]\n[TELEFON_1]",
        "Regards,\n[NAMN_2]\nguardian of [NAMN_3]",
    ],
)
def test_the_name_under_the_sign_off_is_the_sender(signature: str) -> None:
    letter = f"Hej!\n\nMin huvudman [NAMN_1] har ärvt pengar. Hur placerar jag dem?\n\n{signature}"
    assert sender_tag(letter) == "[NAMN_2]"


def test_without_a_sign_off_the_last_name_signs() -> None:
    assert sender_tag("Hej!\nKan [NAMN_1] ta ut pengar själv?\n[NAMN_2]") == "[NAMN_2]"
    assert sender_tag("Hej!\nKan [NAMN_1] ta ut pengar själv?\nMvh [NAMN_2]\n[TELEFON_1]") == "[NAMN_2]"
    assert sender_tag("Hej!\nKan jag ta ut pengar själv?\nMvh") is None


class _Answering:
    def answer(self, *_: object) -> Answer:
        passage = Passage(
            id="p1", doc_id="placering", version="1", title="Placering", section="",
            source_url="https://example.invalid/placering", language="sv", text="",
        )
        return Answer(ComposedAnswer("Placera tryggt [1].", [passage], 0.9, "fake"), CheckOut(True), "sv")

    def acceptable(self, composed: ComposedAnswer | None, check: CheckOut | None) -> bool:
        return composed is not None


class _Policy:
    policy = SimpleNamespace(semantic=None)

    def run(self, text: str, *_: object) -> Decision:
        return Decision(action="answer", rule="", reason="none")

    def vectors_for(self, text: str) -> None:
        return None


class _Language:
    def run(self, text: str, *_: object) -> str:
        return "sv"


class _Store:
    def save_draft(self, **_: object) -> str:
        return "d1"


def test_the_draft_greets_the_writer_not_the_person_named_under_the_signature() -> None:
    writer = DraftWriter(
        office=load_office(),
        language=_Language(),  # type: ignore[arg-type]
        policy=_Policy(),  # type: ignore[arg-type]
        answering=_Answering(),
        store=_Store(),  # type: ignore[arg-type]
        vaults=VaultStore(),
    )
    letter = (
        "Hej,\n\nMin huvudman har ärvt 600 000 kr. Hur ska jag placera pengarna?\n\n"
        "Tack för hjälpen\nIngrid Bergström, god man\n(huvudman: Olof Bergström 19480213-5597)"
    )
    text = writer.write(letter, "test").text
    assert "Hej Ingrid" in text
    assert "Hej Olof" not in text
