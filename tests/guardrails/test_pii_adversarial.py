"""The adversarial sets: look-alike digits, invisible characters, odd separators, reference words
next to valid numbers, fake tags, and the hard classes (giro groupings, masked numbers, dates of
birth, property designations, other offices' case numbers, lower-case / other-script / possessive /
initialled names, foreign addresses).

`pii_adversarial.dev.jsonl` is the project's own set (tuned on): nothing may survive.
`pii_adversarial.blind.jsonl` was written by an independent author before any tuning and is never
edited or tuned on. Its gate is what was measured when issue #14's work ended, as a regression
gate: the issue's limits (identifiers <= 1 %, names and addresses <= 3 %) are NOT met there yet;
no look-alike or fake-tag secret survives and hard negatives stay under 10 %. What "survives"
means is defined in pii_survival.py. Run with `pytest -s` to see the tables (ids and classes only,
never values).
"""

from __future__ import annotations

import pytest

from guardrails import redact
from tests.guardrails import pii_survival as sv

# Measured on the blind set at the end of issue #14 (2026-12-06), a regression gate, not a target:
# 22 of 290 labelled spans survive (129 before the work): identifiers 12 of 199 (6.0 %; the issue
# asks <= 1 %), names and addresses 10 of 91 (11.0 %; the issue asks <= 3 %), look-alike and
# fake-tag secrets 0 of 49, hard negatives changed 2 of 45 (4.4 %). The survivors were never looked
# at or fixed one by one: only general mechanisms, written for cases of the DEV set, were added.
# (The last change, keeping "the huvudman pays" and "Det är framtidsfullmakt" in the office's own
# documents, cost one blind name: 21 -> 22.)
BLIND_MAX_LEFT = 22
BLIND_MAX_IDENTIFIERS_LEFT = 12
BLIND_MAX_NAMES_AND_ADDRESSES_LEFT = 10
HARD_NEGATIVE_LIMIT = 0.10


def _redact(text: str, language: str):
    return redact(text, language=language)


@pytest.fixture(scope="module")
def dev() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.DEV), _redact)


@pytest.fixture(scope="module")
def blind() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.BLIND), _redact)


@pytest.mark.parametrize("path", [sv.DEV, sv.BLIND], ids=["dev", "blind"])
def test_sets_are_well_formed(path) -> None:
    rows = sv.load(path)
    assert len(rows) >= 120
    assert sum(1 for r in rows if not r["spans"]) >= 30
    for row in rows:
        for span in row["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(row["text"]), row["id"]
            assert sv.secret_positions(row["text"], span), (row["id"], span["type"])


def test_dev_set_nothing_survives(dev: sv.Outcome) -> None:
    print("\n" + dev.table("DEV adversarial set (tuned on)"))
    for line in dev.survivors:
        print("  left:", line)
    for line in dev.hit_negatives:
        print("  hard negative changed:", line)
    assert dev.total_left == 0, dev.survivors
    assert dev.negatives_hit <= HARD_NEGATIVE_LIMIT * dev.negatives, dev.hit_negatives


def test_blind_set_holds_its_measured_figures(blind: sv.Outcome) -> None:
    print("\n" + blind.table("BLIND adversarial set (never tuned on)"))
    for line in blind.survivors:
        print("  left:", line)
    print("  hard negatives changed:", len(blind.hit_negatives))
    ident, _ = blind.share(sv.IDENTIFIERS)
    names, _ = blind.share(sv.NAMES_AND_ADDRESSES)
    assert blind.total_left <= BLIND_MAX_LEFT, blind.survivors
    assert ident <= BLIND_MAX_IDENTIFIERS_LEFT, blind.survivors
    assert names <= BLIND_MAX_NAMES_AND_ADDRESSES_LEFT, blind.survivors
    assert blind.disguised_left == 0, blind.survivors
    assert blind.negatives_hit <= HARD_NEGATIVE_LIMIT * blind.negatives, blind.hit_negatives
