"""The staff member's lines in a draft (assistant.pipeline.drafts.DraftWriter), on a fake answering
step: what the composer returned decides which "[Fyll i: …]" line stands under a part. No index."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from assistant.composers.base import ComposedAnswer
from assistant.pipeline.drafts import DraftWriter
from assistant.pipeline.stages import CheckOut
from assistant.pipeline.turn import Answer
from guardrails import Decision, VaultStore, load_office
from knowledge import Passage

PASSAGE = Passage(
    id="p1",
    doc_id="arsrakning",
    version="1",
    title="Årsräkning",
    section="Granskning",
    source_url="https://example.invalid/arsrakning",
    language="sv",
    text="",
)


@dataclass
class _Answering:
    """Answers every question with the same text, from one passage, with full confidence."""

    text: str

    def answer(
        self, trace: object, question: str, query: str, language: str, history: tuple[str, ...]
    ) -> Answer:
        return Answer(ComposedAnswer(self.text, [PASSAGE], 0.95, "fake"), CheckOut(True), "sv")

    def acceptable(self, composed: ComposedAnswer | None, check: CheckOut | None) -> bool:
        return composed is not None and check is not None and check.ok


class _Language:
    def run(self, text: str, *_: object) -> str:
        return "sv"


class _Policy:
    """Answers everything: no handoff, no intent model."""

    policy = SimpleNamespace(semantic=None)  # the policy object the writer reads the intent model from

    def run(self, text: str, *_: object) -> Decision:
        return Decision(action="answer", rule="", reason="none")

    def vectors_for(self, text: str) -> None:
        return None


class _Store:
    def save_draft(self, **_: object) -> str:
        return "d1"


def _draft(message: str, answer: str) -> str:
    writer = DraftWriter(
        office=load_office(),
        language=_Language(),  # type: ignore[arg-type]
        policy=_Policy(),  # type: ignore[arg-type]
        answering=_Answering(answer),
        store=_Store(),  # type: ignore[arg-type]
        vaults=VaultStore(),
    )
    return writer.write(message, staff="test").text


@pytest.mark.parametrize("question", ["Hur lång tid tar granskningen?", "När granskar ni årsräkningen?"])
def test_a_value_asked_and_none_given_gets_a_line_for_the_staff_member(question: str) -> None:
    text = _draft(f"Hej!\n{question}\nMvh Karin", "Vi granskar alla årsräkningar [1].")
    assert "[Fyll i: frågan efterfrågar en tid, ett datum eller ett belopp" in text


def test_an_answer_that_gives_a_value_or_a_question_that_asks_none_gets_no_such_line() -> None:
    with_value = _draft("Hej!\nNär granskar ni årsräkningen?\nMvh Karin", "Vi granskar den före 1 juli [1].")
    no_value_asked = _draft(
        "Hej!\nVem granskar årsräkningen?\nMvh Karin", "Vi granskar alla årsräkningar [1]."
    )
    for text in (with_value, no_value_asked):
        assert "efterfrågar" not in text
        assert "[1]" in text
