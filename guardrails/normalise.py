"""Normal forms of values, so one value typed two ways gets one pseudonym tag.

Kept free of Presidio imports: `import guardrails` must stay cheap for code that only needs the
office config or the vault (the analyzer is loaded on the first redaction).
"""

from __future__ import annotations

import re
import unicodedata

_DIGIT_TYPES = {"ORGANISATIONSNUMMER", "BANKKONTO", "KORTNUMMER", "BANKGIRO", "PLUSGIRO"}


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def pnr_key(value: str) -> str:
    """Personnummer: the last ten digits (century and separator do not matter)."""
    return digits(value)[-10:]


def phone_key(value: str) -> str:
    """Phone: national digits with leading 0 ("+46 70-1" and "070 1" are one number)."""
    d = digits(value.replace("(0)", ""))
    if value.strip().startswith("+"):
        d = "+" + d
    elif d.startswith("00"):
        d = "+" + d[2:]
    if d.startswith("+46"):
        d = "0" + d[3:]
    return d


def email_key(value: str) -> str:
    return re.sub(r"\s+", "", value).lower()


def value_key(entity_type: str, value: str) -> str:
    """The normal form that decides whether two findings are the same value."""
    if entity_type == "PERSONNUMMER":
        d = pnr_key(value)
        return d if len(d) == 10 else re.sub(r"\W", "", value)
    if entity_type == "TELEFON" and any(ch.isdigit() for ch in value):
        return phone_key(value)
    if entity_type == "EPOST":
        return email_key(value)
    if entity_type in _DIGIT_TYPES and any(ch.isdigit() for ch in value):
        return digits(value)
    if entity_type == "IBAN":
        return re.sub(r"\W", "", value).upper()
    folded = unicodedata.normalize("NFC", value).casefold()
    return " ".join(re.sub(r"[^\w\s/]", " ", folded).split())
