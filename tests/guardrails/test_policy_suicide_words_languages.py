"""Explicit first-person suicide signs are crisis words in every language the office serves, not
only in Swedish, English, Finnish and Arabic: a short "I want to die" in Polish or Tigrinya must not
rest on the examples model alone. A noun for suicide in a question about a crisis line is left to
the examples and frames.

The examples are read through a stand-in for the intent model at a low crisis chance (above the
floor, under the thresholds), so only the words can decide. Messages are made up for the test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from guardrails.policy import assess, load_policy
from guardrails.policy.rules import Policy
from tests.guardrails.fixed_intents import FixedModel, scores, vectors

LOW_CRISIS_CHANCE = 0.05  # above crisis_word_floor, under the crisis thresholds

FIRST_PERSON = {
    "tr": "Artık kendimi öldürmek istiyorum.",
    "pl": "Chcę umrzeć, nie mam już siły.",
    "es": "No quiero vivir así.",
    "bs": "Ne želim živjeti više.",
    "uk": "Я хочу померти.",
    "fa": "می‌خواهم بمیرم.",
    "so": "Waan is dilayaa caawa.",
    "ti": "ክሞት ደልየ።",
}

CRISIS_LINE_QUESTIONS = {
    "tr": "İntihar önleme hattının numarası nedir?",
    "pl": "Czy jest telefon zaufania dla osób w kryzysie samobójczym po polsku?",
}


@pytest.fixture(scope="module")
def low_reading() -> Policy:
    policy = load_policy()
    assert policy.semantic is not None
    model = FixedModel(scores(LOW_CRISIS_CHANCE))
    return replace(policy, semantic=replace(policy.semantic, model=model))


@pytest.mark.parametrize("language", sorted(FIRST_PERSON))
def test_a_first_person_suicide_sign_is_a_crisis_by_its_words(low_reading: Policy, language: str) -> None:
    text = FIRST_PERSON[language]
    decision = assess(text, policy=low_reading, language=language, vectors=vectors(text))
    assert decision.action == "crisis", (language, decision.matched)
    assert decision.rule == "crisis.suicide"


@pytest.mark.parametrize("language", sorted(CRISIS_LINE_QUESTIONS))
def test_a_noun_for_suicide_in_a_question_is_not_a_crisis_word(low_reading: Policy, language: str) -> None:
    text = CRISIS_LINE_QUESTIONS[language]
    decision = assess(text, policy=low_reading, language=language, vectors=vectors(text))
    assert decision.rule != "crisis.suicide", (language, decision.matched)
