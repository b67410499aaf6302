"""Western and Nordic European identity numbers, read by their published check rules.

Relatives abroad write the number their own country gives a person: a Norwegian fødselsnummer, a
Danish CPR number, a German Steuer-ID, a Dutch BSN, an Italian codice fiscale, a French NIR
(numéro de sécurité sociale), a Swiss AHV number. Each is a personal identity number, redacted as
PERSONNUMMER. Check rules (from each number's published definition):

- fødselsnummer: DDMMYY + 3 serial + 2 control digits, mod 11 with weights 3-7-6-1-8-9-4-5-2 and
  5-4-3-2-7-6-5-4-3-2 (a D-number adds 40 to the day, an H-number 40 to the month);
- CPR: DDMMYY-SSSS; no check digit since 2007, so only after its own name as a cue;
- Steuer-ID: 11 digits, no leading zero, ISO 7064 MOD 11,10 check digit;
- BSN: 9 digits, the "11-test" (weights 9..2 and -1, sum divisible by 11);
- codice fiscale: 6 letters, year, month letter, day (+40 for women), town code, check letter
  (odd/even position tables, sum mod 26); digits may be replaced by letters L-V (omocodia);
- NIR: sex digit, YY, MM, department (2A/2B for Corsica), commune, serial, key = 97 - n mod 97;
- AHV: 756 + 10 digits, EAN-13 check digit.

A number whose check holds and whose shape is specific on its own (codice fiscale, NIR, AHV, a
fødselsnummer whose two control digits and birth date hold) is taken; the others (a 9- or
11-digit run passes a one-in-eleven check by chance) only after their own name as a cue. After its
own name a number of the right shape whose check fails is still taken, with a lower score: people
mistype, and the cue says what it is (a fødselsnummer or NIR then needs its birth date or month to
hold). Never a bare digit run. Cheap: nothing runs unless the text holds a digit, and each
pattern is precompiled (the codice fiscale's in capitals only, as it is printed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from guardrails.recognizers.base import Hit, cue

PERSONNUMMER = "PERSONNUMMER"

_S = r"[ .\-]?"  # one optional separator between a number's groups
_RUN11 = re.compile(
    r"(?<![\w.-])(\d{6}[ -]?\d{5}|\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{2}|\d{2}(?: \d{3}){3})(?![\w]|[-.,]\d)"
)
_RUN9 = re.compile(r"(?<![\w.-])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\w]|[-.,]\d)")
_CPR = re.compile(r"(?<![\w.-])(\d{6})[ -]?(\d{4})(?![\w]|[-.,]\d)")
_NIR = re.compile(
    r"(?<![\w.-])([12378])" + _S + r"(\d{2})" + _S + r"(\d{2})" + _S + r"(\d{2}|2[ABab])" + _S + r"(\d{3})"
    + _S + r"(\d{3})" + _S + r"(\d{2})(?![\w]|[-.,]\d)"
)  # fmt: skip
_AHV = re.compile(r"(?<![\w.-])756[ .]?(\d{4})[ .]?(\d{4})[ .]?(\d{2})(?![\w]|[-.,]\d)")
_OMO = "LMNPQRSTUV"  # omocodia: the letter that stands for each digit 0-9
_D = rf"[\d{_OMO}]"
_CF = re.compile(rf"(?<![\w-])([A-Z]{{6}}{_D}{{2}}[ABCDEHLMPRST]{_D}{{2}}[A-Z]{_D}{{3}}[A-Z])(?![\w-])")

_NO_CUES = cue(["fødselsnummer", "fødselsnr", "fnr", "f.nr", "personnummer", "d-nummer", "personnr"])
_DK_CUES = cue(["cpr", "cpr-nr", "cpr-nummer", "cpr nr", "personnummer"])
_DE_CUES = cue(
    ["steuer-id", "steuerid", "steuer-identifikationsnummer", "steueridentifikationsnummer",
     "identifikationsnummer", "idnr", "steuer-idnr", "tin"]
)  # fmt: skip
_NL_CUES = cue(["bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"])
_CH_CUES = cue(["ahv", "ahv-nr", "ahv-nummer", "avs", "sozialversicherungsnummer"])
_FR_CUES = cue(["nir", "insee", "sécurité sociale", "securite sociale", "sécu", "secu", "n° ss"])
_HINTS = ("cpr", "steuer", "idnr", "tin", "bsn", "burgerservice", "sofi")

_CF_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
         14, 16, 10, 22, 25, 24, 23],
        strict=True,
    )
)  # fmt: skip


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _some_century(yy: int, month: int, day: int) -> bool:
    return _valid_date(1900 + yy, month, day) or _valid_date(2000 + yy, month, day)


def _fodselsnummer(n: str) -> bool:
    d = [int(c) for c in n]
    k1 = 11 - sum(w * x for w, x in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), d, strict=False)) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(w * x for w, x in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), d, strict=False)) % 11
    k2 = 0 if k2 == 11 else k2
    return k1 == d[9] and k2 == d[10] and _birth_date_holds(n)


def _birth_date_holds(n: str) -> bool:
    day, month = int(n[0:2]), int(n[2:4])
    return _some_century(int(n[4:6]), month - 40 if month > 40 else month, day - 40 if day > 40 else day)


def _steuer_id(n: str) -> bool:
    if n[0] == "0":
        return False
    product = 10
    for c in n[:10]:
        total = (int(c) + product) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10 == int(n[10])


def _bsn(n: str) -> bool:
    d = [int(c) for c in n]
    total = sum(w * x for w, x in zip(range(9, 1, -1), d, strict=False)) - d[8]
    return total % 11 == 0 and total > 0


def _codice_fiscale(cf: str) -> bool:
    cf = cf.upper()
    total = 0
    for k, c in enumerate(cf[:15]):
        if k % 2 == 0:  # positions 1, 3, 5 ... (odd, counted from one)
            total += _CF_ODD[c]
        else:
            total += int(c) if c.isdigit() else ord(c) - ord("A")
    if chr(ord("A") + total % 26) != cf[15]:
        return False
    digits = "".join(str(_OMO.index(c)) if c in _OMO else c for c in cf[6:15])
    day = int(digits[3:5])
    return _some_century(int(digits[0:2]), "ABCDEHLMPRST".index(cf[8]) + 1, day - 40 if day > 40 else day)


def _nir_month(m: re.Match[str]) -> bool:
    month = int(m.group(3))
    return 1 <= month <= 12 or 20 <= month <= 42 or 50 <= month <= 99  # 20-42, 50-99: month unknown


def _nir(m: re.Match[str]) -> bool:
    sex, yy, mm, dept, commune, serial, key = m.groups()
    if not _nir_month(m):
        return False
    dept_number = {"2A": "19", "2B": "18"}.get(dept.upper(), dept)
    number = int(sex + yy + mm + dept_number + commune + serial)
    return 97 - number % 97 == int(key)


def _ahv(m: re.Match[str]) -> bool:
    digits = "756" + m.group(1) + m.group(2) + m.group(3)
    total = sum(int(c) * (3 if k % 2 else 1) for k, c in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _cued(cues: re.Pattern[str], lowered: str, start: int) -> bool:
    return cues.search(lowered, max(0, start - 40), start) is not None


def european_ids(text: str) -> Iterator[Hit]:
    """Identity numbers of other European countries (see the module docstring)."""
    if not any(map(str.isdigit, text)):
        return
    lowered = text.lower()
    for m in _CF.finditer(text):
        if _codice_fiscale(m.group(1)):
            yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.85)
    for m in _NIR.finditer(text):
        cued = _cued(_FR_CUES, lowered, m.start())
        if _nir(m):
            yield Hit(PERSONNUMMER, m.start(), m.end(), 0.85 if cued else 0.7)
        elif cued and _nir_month(m):
            yield Hit(PERSONNUMMER, m.start(), m.end(), 0.6)
    for m in _AHV.finditer(text):
        if _ahv(m) or _cued(_CH_CUES, lowered, m.start()):
            yield Hit(PERSONNUMMER, m.start(), m.end(), 0.85 if _ahv(m) else 0.6)
    for m in _RUN11.finditer(text):
        n = re.sub(r"[ .-]", "", m.group(1))
        cued_no = _cued(_NO_CUES, lowered, m.start())
        if _fodselsnummer(n):
            yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.85 if cued_no else 0.7)
        elif cued_no and _birth_date_holds(n):
            yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.6)
        elif _cued(_DE_CUES, lowered, m.start()) and n[0] != "0":
            yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.8 if _steuer_id(n) else 0.6)
    if not any(h in lowered for h in _HINTS):
        return
    for m in _RUN9.finditer(text):
        if _cued(_NL_CUES, lowered, m.start()):
            yield Hit(
                PERSONNUMMER, m.start(1), m.end(1), 0.8 if _bsn(re.sub(r"[ .]", "", m.group(1))) else 0.6
            )
    if "cpr" in lowered:
        for m in _CPR.finditer(text):
            n = m.group(1)
            if _some_century(int(n[4:6]), int(n[2:4]), int(n[0:2])) and _cued(_DK_CUES, lowered, m.start()):
                yield Hit(PERSONNUMMER, m.start(), m.end(), 0.85)
