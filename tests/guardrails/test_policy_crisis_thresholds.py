"""The two-step rule for the crisis thresholds (`training.crisis_thresholds`), on made-up scores.

A one-part message (every short chat turn) is read on the message threshold only, so the message
threshold must keep the one-part crises' recall even when a higher message threshold paired with a
lower sentence threshold would take fewer ordinary questions for a crisis.
"""

from __future__ import annotations

import numpy as np

from guardrails.policy.training import crisis_thresholds


def _scores():
    # 100 one-part crises with message scores spread 0.011 .. 1.001 (no sentences),
    # 100 crises of several parts found only by a sentence (0.5),
    # 50 one-part ordinary questions at 0.111 (fire at a message threshold of 0.11 or lower),
    # 50 ordinary questions of several parts with a sentence at 0.3.
    whole = np.concatenate([np.arange(1, 101) / 100 + 0.001, np.zeros(100), np.full(50, 0.111), np.zeros(50)])
    sentences = np.concatenate([np.zeros(100), np.full(100, 0.5), np.zeros(50), np.full(50, 0.3)])
    one_part = np.concatenate([np.ones(100), np.zeros(100), np.ones(50), np.zeros(50)]).astype(bool)
    is_crisis = np.arange(300) < 200
    return whole, sentences, one_part, is_crisis, ~is_crisis


def _recall(whole, sentences, rows, t_message, t_sentence) -> float:
    fired = (whole >= t_message) | (sentences >= t_sentence)
    return float(fired[rows].mean())


def test_the_message_threshold_keeps_the_one_part_crises_recall():
    whole, sentences, one_part, is_crisis, is_ordinary = _scores()
    t_message, t_sentence = crisis_thresholds(whole, sentences, one_part, is_crisis, is_ordinary, 0.9, 0.9)
    # 0.12 would release the 50 one-part ordinary questions and still meet recall 0.9 overall
    # (89 + 100 of 200), but one-part recall would fall to 0.89: the rule keeps 0.11.
    assert t_message == 0.11
    assert _recall(whole, sentences, is_crisis & one_part, t_message, t_sentence) >= 0.9
    assert _recall(whole, sentences, is_crisis, t_message, t_sentence) >= 0.9


def test_the_sentence_threshold_is_then_the_one_with_fewest_false_crises_and_never_below():
    whole, sentences, one_part, is_crisis, is_ordinary = _scores()
    t_message, t_sentence = crisis_thresholds(whole, sentences, one_part, is_crisis, is_ordinary, 0.9, 0.9)
    # Above 0.3 the ordinary sentences no longer fire; at or below 0.5 the crises' sentences do.
    assert t_message <= t_sentence and 0.3 < t_sentence <= 0.5


def test_a_lower_one_part_target_lets_the_message_threshold_rise():
    whole, sentences, one_part, is_crisis, is_ordinary = _scores()
    strict = crisis_thresholds(whole, sentences, one_part, is_crisis, is_ordinary, 0.9, 0.9)
    loose = crisis_thresholds(whole, sentences, one_part, is_crisis, is_ordinary, 0.9, 0.8)
    assert loose[0] > strict[0]


def test_an_unreachable_recall_target_gives_the_sentence_threshold_the_most_recall():
    whole, sentences, one_part, is_crisis, is_ordinary = _scores()
    t_message, t_sentence = crisis_thresholds(whole, sentences, one_part, is_crisis, is_ordinary, 1.0, 0.9)
    assert t_sentence == t_message
