"""Property tests: generated personnummer (valid and mistyped), phone numbers, accounts and cards
inside random Swedish sentences are always redacted, and redaction is idempotent."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails import Vault, redact

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "jag",
    "har",
    "en",
    "fråga",
    "om",
    "min",
    "mamma",
    "och",
    "hennes",
    "årsräkning",
    "som",
    "ska",
    "in",
    "snart",
    "kan",
    "ni",
    "hjälpa",
    "mig",
    "med",
    "blanketten",
    "tack",
    "hej",
    "vi",
    "bor",
    "i",
    "lägenhet",
    "god",
    "man",
    "förvaltare",
    "huvudman",
    "ansökan",
    "beslut",
    "igår",
    "idag",
    "kanske",
    "men",
    "också",
    "eller",
    "inte",
    "alls",
    "ring",
    "gärna",
    "skriv",
    "till",
    "oss",
    "här",
    "är",
    "det",
]
BEFORE = ["", "Hej! ", "hej, ", "Mitt nummer: ", "Här: ", "Det gäller ", "OK. ", "Tack. "]

words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@st.composite
def personnummer(draw: st.DrawFn) -> tuple[str, bool]:
    born = draw(st.dates(min_value=dt.date(1905, 1, 1), max_value=dt.date(2024, 12, 31)))
    coordination = draw(st.booleans())
    day = born.day + (60 if coordination else 0)
    serial = draw(st.integers(0, 999))
    body = f"{born.year % 100:02d}{born.month:02d}{day:02d}{serial:03d}"
    check = luhn_digit(body)
    mistyped = draw(st.booleans())
    if mistyped:
        check = str((int(check) + draw(st.integers(1, 9))) % 10)
    ten = body + check
    style = draw(st.sampled_from(["dash", "long_dash", "long", "short_bare"]))
    century = str(born.year // 100)
    if style == "dash":
        value = f"{ten[:6]}-{ten[6:]}"
    elif style == "long_dash":
        value = f"{century}{ten[:6]}-{ten[6:]}"
    elif style == "long":
        value = f"{century}{ten}"
    else:
        value = ten
    return value, mistyped


@st.composite
def phone(draw: st.DrawFn) -> str:
    rest = "".join(str(draw(st.integers(0, 9))) for _ in range(7))
    prefix = draw(st.sampled_from(["70", "72", "73", "76", "79"]))
    style = draw(st.sampled_from(["dash", "bare", "plus", "zerozero", "landline"]))
    if style == "dash":
        return f"0{prefix}-{rest[:3]} {rest[3:5]} {rest[5:]}"
    if style == "bare":
        return f"0{prefix}{rest}"
    if style == "plus":
        return f"+46 {prefix} {rest[:3]} {rest[3:5]} {rest[5:]}"
    if style == "zerozero":
        return f"0046{prefix}{rest}"
    landline = "".join(str(draw(st.integers(0, 9))) for _ in range(2))
    return f"08-{rest[:3]} {rest[3:5]} {landline}" if rest[:3] != "465" else f"08-123 {rest[3:5]} {landline}"


@st.composite
def account(draw: st.DrawFn) -> tuple[str, str]:
    clearing = draw(st.integers(1100, 9969))
    number = "".join(str(draw(st.integers(0, 9))) for _ in range(draw(st.integers(7, 10))))
    cue = draw(st.sampled_from(["kontonummer", "konto", "mitt konto är", "kontonr"]))
    sep = draw(st.sampled_from(["-", ", ", " "]))
    return f"{cue} {clearing}{sep}{number}", number


@st.composite
def card(draw: st.DrawFn) -> str:
    body = draw(st.sampled_from(["4", "5", "37"])) + "".join(str(draw(st.integers(0, 9))) for _ in range(13))
    if body.startswith("37"):
        body = body[:14]
    number = body + luhn_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def assert_gone(text: str, value: str) -> None:
    result = redact(text)
    assert value not in result.text, (text, result.text)
    assert digits(value)[-8:] not in digits(result.text), (text, result.text)


@SETTINGS
@given(before=st.sampled_from(BEFORE), left=words, pnr=personnummer(), right=words)
def test_personnummer_always_redacted(before: str, left: str, pnr: tuple[str, bool], right: str) -> None:
    value, _ = pnr
    assert_gone(f"{before}{left} {value} {right}".strip(), value)


@SETTINGS
@given(left=words, pnr=personnummer(), right=words)
def test_personnummer_after_its_cue_always_redacted(left: str, pnr: tuple[str, bool], right: str) -> None:
    value, _ = pnr
    result = redact(f"{left} mitt personnummer är {value} {right}")
    assert value not in result.text
    assert any(e.type == "PERSONNUMMER" for e in result.entities)


@SETTINGS
@given(before=st.sampled_from(BEFORE), left=words, number=phone(), right=words)
def test_phone_numbers_always_redacted(before: str, left: str, number: str, right: str) -> None:
    assert_gone(f"{before}{left} {number} {right}".strip(), number)


@SETTINGS
@given(left=words, acc=account(), right=words)
def test_accounts_always_redacted(left: str, acc: tuple[str, str], right: str) -> None:
    phrase, number = acc
    assert_gone(f"{left} {phrase} {right}".strip(), number)


@SETTINGS
@given(left=words, number=card(), right=words)
def test_card_numbers_always_redacted(left: str, number: str, right: str) -> None:
    assert_gone(f"{left} kortet {number} {right}".strip(), number)


@SETTINGS
@given(left=words, pnr=personnummer(), number=phone(), right=words)
def test_idempotent(left: str, pnr: tuple[str, bool], number: str, right: str) -> None:
    vault = Vault()
    text = f"Hej, jag heter Anna Lind. {left} {pnr[0]} och {number} {right}"
    once = redact(text, vault=vault)
    assert redact(once.text, vault=vault).text == once.text
    assert redact(once.text).text == once.text
