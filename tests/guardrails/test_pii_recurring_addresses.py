"""A street glued to what follows it, which two independent PII authors' sets wrote (wild6, wild11):
a flattened form or a copied field with no spaces ("adr:Storgatan4namn:..."), or a street, its
number, postcode and town run together ("Storgatan411122Stockholm"). Tested through `redact` on
made-up values, with what the rule must leave alone.
"""

from __future__ import annotations

import pytest

from guardrails import redact, scan


def _out(text: str) -> str:
    return redact(text, language="sv").text


def test_street_number_postcode_and_town_run_together() -> None:
    text = "Hon bor på Björkvägen733150Falun"
    found = {(e.type, text[e.start : e.end]) for e in scan(text, "sv")}
    assert ("ADRESS", "Björkvägen7") in found
    assert ("POSTNUMMER", "33150Falun") in found


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("namn:OlaEkadr:Lindgatan14ort:Kalmar", "Lindgatan14"),
        ("Adress:Tallstigen5telefon:saknas", "Tallstigen5"),
    ],
)
def test_street_and_number_glued_to_the_next_field(text: str, secret: str) -> None:
    out = _out(text)
    assert secret not in out and "Lindgatan" not in out and "Tallstigen" not in out


@pytest.mark.parametrize(
    "text",
    [
        # a street word glued to a number of another kind: a year, an amount, a unit
        "Vi köpte huset på Storgatan 1998 och sålde det 2004.",
        "Ringen12345 är ett lösenord, inte en adress.",
    ],
)
def test_no_glued_address_without_a_street_and_its_number(text: str) -> None:
    assert [e for e in scan(text, "sv") if e.type == "POSTNUMMER"] == []
