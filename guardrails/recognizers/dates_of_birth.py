"""Dates of birth: a date counts only when a birth cue precedes it ("född", "born", "f.").

Other dates (meetings, deadlines, decisions) are not personal data on their own and stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, SwedishRecognizer

FODELSEDATUM = "FODELSEDATUM"

_MONTHS = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec|"
    r"january|february|march|may|june|july|august|october)\.?"
)
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{6}(?![-+\d])|\d{1,2}[/.]\d{1,2}[ /.-]?(?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th|:e|:a)?\s" + _MONTHS + r"\s\d{4}"
    r"|" + _MONTHS + r"\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4})"
)
_BIRTH = re.compile(
    r"(?:född|födda|föddes|född den|f\.|födelsedatum|födelsedag|födelsedatum:|born|born on|"
    r"date of birth|dob|d\.o\.b\.)\s?:?\s?(?:är\s|is\s|was\s)?(?:den\s|on\s|the\s)?(" + _DATE + r")(?![\d])",
    re.IGNORECASE,
)


class FodelsedatumRecognizer(SwedishRecognizer):
    ENTITIES = (FODELSEDATUM,)

    def find(self, text: str) -> Iterator[Hit]:
        lowered = text.lower()
        if not (
            "föd" in lowered or "f." in lowered or "born" in lowered or "birth" in lowered or "dob" in lowered
        ):
            return
        for m in _BIRTH.finditer(text):
            yield Hit(FODELSEDATUM, m.start(1), m.end(1), 0.85)
