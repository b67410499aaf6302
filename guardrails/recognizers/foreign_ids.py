"""Other countries' personal identity numbers, read by their own check digits.

Writers from abroad give the national number they know: a Polish PESEL, an ex-Yugoslav JMBG
(Bosnia, Serbia, Croatia, Montenegro, North Macedonia), a Finnish henkilötunnus, a Turkish
T.C. kimlik no, a Spanish DNI or NIE. Each is a personal identity number, redacted as PERSONNUMMER.
Sources for the rules: the published definitions of each number (PESEL: weights 1-3-7-9, month
+20 for 2000-2099; JMBG: DDMMYYY + region + serial + mod 11 over weights 7..2; HETU: DDMMYY, century
sign, serial, mod 31 check character; T.C. kimlik: two check digits; DNI/NIE: mod 23 letter).

A number whose check digits and encoded birth date hold is taken; one with a check and no date
(T.C. kimlik, DNI, NIE), or one whose date holds and check fails (a typo), only after its own name
as a cue. Cheap: one precompiled pattern over runs of
9 to 13 digits, looked at only when the text holds such a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from guardrails.recognizers.base import Hit, cue

PERSONNUMMER = "PERSONNUMMER"

_RUN = re.compile(r"(?<![\w-])(\d{11}|\d{13})(?![\w]|[-.,]\d)")
_HETU = re.compile(r"(?<![\w-])(\d{6})([-+AaBCDEFYXWVU])(\d{3})([0-9A-Ya-y])(?![\w-])")
_DNI = re.compile(r"(?<![\w-])([XYZxyz]?)[ -]?(\d{7,8})[ -]?([A-Za-z])(?![\w-])")
_CUES = cue(
    ["pesel", "jmbg", "emšo", "emso", "matični broj", "maticni broj", "hetu", "henkilötunnus",
     "henkilötunnukseni", "sotu", "tc", "t.c.", "tc kimlik", "kimlik", "kimlik no", "kimlik numarası",
     "kimlik numaram", "dni", "nie", "nif", "documento", "national id", "id number", "identity number", "ssn"]
)  # fmt: skip
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _pesel(n: str) -> bool:
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(n, weights, strict=False)) % 10) % 10
    return check == int(n[10]) and _pesel_date(n)


def _jmbg_date(n: str) -> bool:
    yyy = int(n[4:7])
    return valid_date(1000 + yyy if yyy >= 800 else 2000 + yyy, int(n[2:4]), int(n[0:2]))


def _jmbg(n: str) -> bool:
    d = [int(c) for c in n]
    m = 11 - (7 * (d[0] + d[6]) + 6 * (d[1] + d[7]) + 5 * (d[2] + d[8]) + 4 * (d[3] + d[9])
              + 3 * (d[4] + d[10]) + 2 * (d[5] + d[11])) % 11  # fmt: skip
    return (0 if m > 9 else m) == d[12] and _jmbg_date(n)


def _pesel_date(n: str) -> bool:
    century = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800}.get(int(n[2:4]) // 20)
    return century is not None and valid_date(century + int(n[0:2]), int(n[2:4]) % 20, int(n[4:6]))


def _tc_kimlik(n: str) -> bool:
    d = [int(c) for c in n]
    if d[0] == 0:
        return False
    ten = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return ten == d[9] and sum(d[:10]) % 10 == d[10]


def _cued(text: str, start: int) -> bool:
    return _CUES.search(text[max(0, start - 40) : start].lower()) is not None


def foreign_ids(text: str) -> Iterator[Hit]:
    for m in _RUN.finditer(text):
        n = m.group(1)
        if (len(n) == 11 and _pesel(n)) or (len(n) == 13 and _jmbg(n)):
            yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.85 if _cued(text, m.start()) else 0.65)
        elif _cued(text, m.start()):
            if len(n) == 11 and _tc_kimlik(n):
                yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.8)
            elif (len(n) == 11 and _pesel_date(n)) or (len(n) == 13 and _jmbg_date(n)):
                # after its own name a mistyped number is still that person's (its birth date holds)
                yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.6)
    for m in _HETU.finditer(text):
        sign = m.group(2).upper()
        century = _HETU_CENTURY.get(sign, 2000)
        dd, mm, yy = int(m.group(1)[0:2]), int(m.group(1)[2:4]), int(m.group(1)[4:6])
        if not valid_date(century + yy, mm, dd):
            continue
        if _HETU_CHECK[int(m.group(1) + m.group(3)) % 31] == m.group(4).upper():
            yield Hit(PERSONNUMMER, m.start(), m.end(), 0.85)
    for m in _DNI.finditer(text):
        # a NIE's first letter stands for a leading digit (X 0, Y 1, Z 2)
        lead = "XYZ".index(m.group(1).upper()) * 10 ** len(m.group(2)) if m.group(1) else 0
        number = lead + int(m.group(2))
        if _DNI_LETTERS[number % 23] == m.group(3).upper() and _cued(text, m.start()):
            yield Hit(PERSONNUMMER, m.start(), m.end(), 0.8)
