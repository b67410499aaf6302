"""The policy against labelled messages: precision/recall per trigger and the issue's targets.

policy_labelled.jsonl was written before the rules were tuned; policy_heldout.jsonl after the
first tuning round and policy_probe.jsonl after the second, each scored untouched first (those
first-run figures are in the issue report: a word-list policy generalises imperfectly, so every
new phrasing found in use belongs in one of these files). All must meet the targets. Run with -s
to see the tables.
"""

from __future__ import annotations

import pytest
from policy_labels import LABELLED, load_examples, score

from guardrails.policy import load_policy

HELDOUT = LABELLED.with_name("policy_heldout.jsonl")
PROBE = LABELLED.with_name("policy_probe.jsonl")


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def test_labelled_set_is_large_and_covers_every_trigger_and_language():
    examples = load_examples()
    assert len(examples) >= 150
    assert {e.lang for e in examples} >= {"sv", "en", "fi", "ar"}
    assert {e.expect for e in examples} >= {
        "crisis",
        "injection",
        "human_request",
        "complaint",
        "case_specific",
        "decision",
        "out_of_scope",
        "pii_shared",
        "low_confidence",
        "after_handoff",
        "none",
    }
    assert sum(e.expect == "none" for e in examples) >= 50


@pytest.mark.parametrize("path", [LABELLED, HELDOUT, PROBE], ids=["labelled", "heldout", "probe"])
def test_policy_meets_recall_and_false_handoff_targets(policy, path):
    scores = score(load_examples(path), policy)
    print(f"\n{path.name}\n{scores.table()}")
    for example, decision in scores.mistakes:
        got = f"{decision.reason}/{decision.queue}"
        print(f"  MISS {example.expect}/{example.queue} -> {got}: {example.text}")
    crisis = next(row for row in scores.rows if row[0] == "crisis")
    assert crisis[5] == 1.0, "every crisis message must get crisis help"
    assert scores.handoff_recall >= 0.95
    assert scores.notice_recall == 1.0
    assert scores.queue_accuracy >= 0.9


def test_false_handoffs_over_all_three_sets_stay_under_five_percent(policy):
    # One set has only 9 ordinary questions, where a single miss is 11 %: the target is read
    # over all 133 ordinary questions together.
    examples = [e for path in (LABELLED, HELDOUT, PROBE) for e in load_examples(path)]
    assert score(examples, policy).false_handoff_rate <= 0.05
