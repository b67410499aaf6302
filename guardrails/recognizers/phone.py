"""Telephone numbers: Swedish in every common written form, and international numbers.

Swedish numbers are 8-10 digits with the leading 0 (07x-xxx xx xx, 08-xxx xx xx, 0771-567 567),
or +46 / 0046 followed by the number without its 0. Short public numbers (112, 1177, 114 14)
have no leading 0 and are never matched; the office's own numbers are kept by the allow list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.normalise import digits, phone_key
from guardrails.recognizers.base import Hit, SwedishRecognizer, before, cue, nearest

TELEFON = "TELEFON"

_SEP = r"(?:\s?[-–/]\s?|\s|\.)?"
_SE = re.compile(
    r"(?<![\w+.,/-])"
    r"(?:(?:\+|00)\s?46\s?(?:\(0\)\s?)?[-–]?\s?\(?[1-9]\d{0,2}\)?"  # +46 8 / 0046 70 / +46 (0)70
    r"|\(?0[1-9]\d{0,3}\)?)" + _SEP + r"\d(?:[\s-]?\d){3,8}"  # 08 / 070 / 0771 / (031)
    r"(?![\d])"
)
_INTL = re.compile(r"(?<![\w+])(?:\+|00)(?!46)[1-9]\d{0,2}(?:\s?\(0\))?(?:[\s-]?\(?\d+\)?){2,6}(?!\d)")
_GROUP = re.compile(r"\d+")
# A number introduced as a personnummer is one even when it looks like a mobile number: someone
# born in 2007 has "070101-0002" (07 + a valid mobile prefix digit).
_PNR_CUE = re.compile(
    r"(?:personnummer|personnr|pers\.?\s?nr|pnr|samordningsnummer|födelsenummer)"
    r"[\s:.,]*(?:är|=|blir)?[\s:]*$"
)
_PNR_SHAPE = re.compile(r"^\d{6}[-+]?\d{4}$")
NOT_PHONE_CUES = cue(
    [
        "ocr",
        "faktura",
        "fakturanummer",
        "kundnummer",
        "ordernummer",
        "referens",
        "kolli",
        "spårningsnummer",
        "tracking",
        "bankgiro",
        "plusgiro",
        "konto",
        "kontonummer",
        "clearing",
    ]
)


def _national_ok(national: str) -> bool:
    if national.startswith("07"):
        # mobile numbers have 10 digits; one digit more or less is a typo, still a phone number
        return 9 <= len(national) <= 11 and national[2] in "0236689"
    if not 8 <= len(national) <= 10:
        return False
    # premium-rate numbers are services, not a person's line
    return not national.startswith(("0900", "0939", "0944"))


class TelefonRecognizer(SwedishRecognizer):
    ENTITIES = (TELEFON,)

    def find(self, text: str) -> Iterator[Hit]:
        if "0" not in text and "+" not in text:
            return
        for m in _SE.finditer(text):
            hit = self._swedish(text, m.start(), m.group(0))
            if hit is not None:
                yield hit
        if "+" in text or "00" in text:
            for m in _INTL.finditer(text):
                if 8 <= len(digits(m.group(0))) <= 15:
                    yield Hit(TELEFON, m.start(), m.end(), 0.7)

    def _swedish(self, text: str, start: int, raw: str) -> Hit | None:
        # The pattern is greedy across single spaces ("070-123 45 67 08-..."), so drop trailing
        # digit groups until the number has a valid length.
        groups = list(_GROUP.finditer(raw))
        while groups:
            end = groups[-1].end()
            candidate = raw[:end]
            national = phone_key(candidate)
            if national.startswith("0") and _national_ok(national):
                window = before(text, start, 30)
                if _PNR_CUE.search(window) and _PNR_SHAPE.match(candidate.strip()):
                    return None
                if nearest(NOT_PHONE_CUES, window) is not None and not re.search(
                    r"tel|ring|mobil|nummer|phone|nr", window[-12:]
                ):
                    return None
                score = 0.85 if national.startswith("07") or raw.lstrip().startswith(("+", "00")) else 0.75
                if national.startswith("07") and len(national) != 10:
                    score = 0.6
                return Hit(TELEFON, start, start + end, score)
            groups.pop()
        return None
