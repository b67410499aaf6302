"""Crisis words under a calibrated floor: the examples hold a crisis word back only when they give
crisis almost no chance anywhere in the message; without the examples crisis words always decide.

The engine tests read fixed probabilities through a stand-in for the intent model, so they say what
the policy does with a given reading, whatever the shipped model is retrained to.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from guardrails.policy import PolicyError, assess, load_policy
from guardrails.policy.rules import Meaning, Policy
from guardrails.policy.semantic import IntentScores
from tests.guardrails.fixed_intents import FixedModel, scores, vectors

POLICY_DIR = Path(__file__).resolve().parents[2] / "guardrails" / "config"
SUICIDE_WORDS = "Jag tänker på självmord."


@pytest.fixture(scope="module")
def shipped() -> Policy:
    return load_policy()


def _reading(policy: Policy, scores: IntentScores, floor: float) -> Policy:
    assert policy.semantic is not None
    return replace(policy, semantic=replace(policy.semantic, model=FixedModel(scores), crisis_floor=floor))


def _decide(policy: Policy, text: str, scores: IntentScores, floor: float):
    return assess(text, policy=_reading(policy, scores, floor), language="sv", vectors=vectors(text))


def test_the_floor_holds_back_a_crisis_word_the_examples_give_almost_no_chance(shipped):
    decision = _decide(shipped, SUICIDE_WORDS, scores(0.004), floor=0.01)
    assert decision.action == "answer"
    # policy check and the trace say which crisis rule was held back and why.
    assert "crisis.suicide hölls tillbaka: exempel crisis 0.004" in decision.matched


def test_a_small_crisis_chance_anywhere_in_the_message_lets_the_words_decide(shipped):
    at_floor = _decide(shipped, SUICIDE_WORDS, scores(0.01), floor=0.01)
    assert at_floor.action == "crisis" and at_floor.rule == "crisis.suicide"
    assert "hölls tillbaka" not in at_floor.matched
    # One sentence above the floor is enough, however low the whole message scores.
    text = "Hur lämnar jag in årsräkningen? Jag tänker på självmord."
    one_sentence = _decide(shipped, text, scores(0.001, 0.0005, 0.02), floor=0.01)
    assert one_sentence.action == "crisis"


def test_floor_zero_and_no_model_leave_crisis_words_deciding(shipped):
    assert _decide(shipped, SUICIDE_WORDS, scores(0.0001), floor=0.0).action == "crisis"
    # Without vectors (no encoder) the examples say nothing, whatever the floor.
    lenient = _reading(shipped, scores(0.0001), floor=0.1)
    assert assess(SUICIDE_WORDS, policy=lenient, language="sv").action == "crisis"


def test_a_held_back_crisis_word_is_still_named_when_another_rule_decides(shipped):
    text = "Jag vill prata med en handläggare, den här blanketten tar livet av mig."
    # The examples read a request for a person (not ordinary enough to overrule its words).
    decision = _decide(shipped, text, scores(0.001, handoff=0.6), floor=0.01)
    assert decision.action == "handoff"
    assert "hölls tillbaka: exempel crisis 0.001" in decision.matched


def test_the_examples_still_decide_a_crisis_they_read_themselves(shipped):
    # A floor never stops the examples' own crisis reading (here above the crisis threshold).
    assert shipped.semantic is not None
    high = shipped.semantic.thresholds["crisis"] + 0.05
    decision = _decide(shipped, SUICIDE_WORDS, scores(high), floor=0.01)
    assert decision.action == "crisis"


def test_meaning_reads_the_floor_for_crisis_labels_only():
    held = Meaning(scores(0.002), {"crisis": 0.2}, None, {}, 0.003)
    assert held.contradicts("crisis:suicide") and held.contradicts("crisis")
    assert not held.contradicts("complaint")  # handoff words follow the handoff veto, none here
    assert not Meaning(scores(0.002), {"crisis": 0.2}).contradicts("crisis:suicide")


def _with_floor(folder: Path, floor: object) -> Policy:
    copy = folder / "config"
    shutil.copytree(POLICY_DIR, copy)
    policy_file = copy / "policy.yaml"
    data = yaml.safe_load(policy_file.read_text(encoding="utf-8"))
    if floor is None:
        data["semantic"].pop("crisis_word_floor", None)
    else:
        data["semantic"]["crisis_word_floor"] = floor
    policy_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_policy(policy_file)


def test_the_floor_is_loaded_and_validated_from_the_policy_file(tmp_path: Path):
    loaded = _with_floor(tmp_path / "a", 0.02).semantic
    assert loaded is not None and loaded.crisis_floor == 0.02
    absent = _with_floor(tmp_path / "b", None).semantic
    assert absent is not None and absent.crisis_floor == 0.0  # no setting: crisis words always decide
    with pytest.raises(PolicyError, match="crisis_word_floor"):
        _with_floor(tmp_path / "c", -0.1)
    # A floor at or above the crisis threshold would overrule crises the examples themselves read.
    with pytest.raises(PolicyError, match="under krisens tröskel"):
        _with_floor(tmp_path / "d", 0.9)


def test_the_shipped_floor_is_small_and_under_the_crisis_threshold(shipped):
    assert shipped.semantic is not None
    assert 0.0 < shipped.semantic.crisis_floor <= 0.05
    assert shipped.semantic.crisis_floor < shipped.semantic.thresholds["crisis"]
