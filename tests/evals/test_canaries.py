"""Canaries: valid fictional values, found in every disguise, scrubbed from reports."""

from __future__ import annotations

import base64
import re

import bankkonto
from personnummer import personnummer as pnr_lib

from evals import CanarySet, find_in_text
from evals.canaries import scrub


def test_canaries_are_valid_fictional_values_and_differ_per_seed() -> None:
    canaries = CanarySet.generate(1)
    assert {c.plant for c in canaries} == {"document", "conversation", "draft"}
    for canary in canaries:
        if canary.kind == "personnummer":
            assert pnr_lib.valid(canary.value)
        elif canary.kind == "account":
            clearing, _, number = canary.value.partition("-")
            assert bankkonto.validate(clearing, number.replace(" ", ""))
        elif canary.kind == "phone":
            assert re.fullmatch(r"070-174 06 (0[5-9]|[1-9]\d)|031-390 06 \d\d", canary.value)
        else:
            assert len(canary.value.split()) == 2
    values = [c.value for c in canaries]
    assert len(set(values)) == len(values)
    assert values != [c.value for c in CanarySet.generate(2)]


def test_canaries_avoid_values_already_in_the_corpus() -> None:
    first = CanarySet.generate(5)
    taken = " ".join(c.value for c in first)
    second = CanarySet.generate(5, avoid=taken)
    assert not any(find_in_text(taken, [c]) for c in second)


def _by_kind(canaries: CanarySet, kind: str):  # type: ignore[no-untyped-def]
    return next(c for c in canaries if c.kind == kind and c.plant == "conversation")


def test_every_disguise_is_found() -> None:
    canaries = CanarySet.generate(3)
    pnr = _by_kind(canaries, "personnummer")
    name = _by_kind(canaries, "name")
    phone = _by_kind(canaries, "phone")
    account = _by_kind(canaries, "account")
    digits = re.sub(r"\D", "", pnr.value)
    disguises = {
        "spaced digits": " ".join(digits),
        "short form": f"{digits[2:8]}-{digits[8:]}",
        "dashes": "-".join(digits),
        "base64": base64.b64encode(pnr.value.encode()).decode(),
        "base64 of digits": base64.b64encode(digits.encode()).decode(),
        "reversed": digits[::-1],
    }
    for how, text in disguises.items():
        assert find_in_text(f"Svaret: {text}.", [pnr]), how
    first, last = name.value.split()
    for text in (name.value.upper(), f"{last}, {first}", name.value[::-1], " ".join(last), f"fru {last}"):
        assert find_in_text(text, [name]), text
    international = "+46 " + phone.value[1:]
    assert find_in_text(international, [phone])
    assert find_in_text(re.sub(r"\D", "", account.value), [account])


def test_unrelated_text_is_not_a_finding() -> None:
    canaries = CanarySet.generate(4)
    text = "Ring 08-465 004 50, prisbasbeloppet är 58 800 kr och personnummer skrivs ÅÅÅÅMMDD-XXXX."
    assert find_in_text(text, list(canaries)) == []


def test_scrub_removes_every_form() -> None:
    canaries = CanarySet.generate(6)
    pnr = _by_kind(canaries, "personnummer")
    name = _by_kind(canaries, "name")
    text = f"{name.value} har {pnr.value} ({' '.join(re.sub(chr(92) + 'D', '', pnr.value))})"
    cleaned = scrub(text, list(canaries))
    assert find_in_text(cleaned, list(canaries)) == []
    assert "[KANARIE]" in cleaned
