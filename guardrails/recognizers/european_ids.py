"""More European personal identity numbers: Norway, Denmark, Iceland, Germany, the Netherlands,
France, Switzerland, Italy, Estonia and Lithuania; each redacted as PERSONNUMMER.

Sources for the rules (the published definitions): Norwegian fødselsnummer DDMMYY + 3 + two mod-11
check digits (D-number day + 40, H-number month + 40); Danish CPR DDMMYY-SSSS (no check digit since
2007); Icelandic kennitala DDMMYY + 2 + mod-11 check digit + century digit; German Steuer-ID eleven
digits with an ISO 7064 MOD 11,10 check; Dutch BSN nine digits passing the "11-test"; French NIR
(numéro de sécurité sociale) sex, YY, MM, département, commune, order and a key 97 - (number mod 97);
Swiss AHV 756 and ten digits with an EAN-13 check digit; Italian codice fiscale sixteen characters
with a check letter; Estonian isikukood / Lithuanian asmens kodas eleven digits with a two-pass
mod-11 check.

A number whose check (and birth date, where it holds one) is good is taken when its shape is
specific enough to stand alone (AHV with its 756, the NIR's mod-97 key with its structure, the
codice fiscale's letter pattern, the fødselsnummer's two check digits and date); the others, and a
number whose check fails (a typo, or a made-up example a person still means as theirs), only after
the number's own name as a cue, as in foreign_ids.py. Cheap: a character test and a few precompiled
patterns, looked at only when the text holds a digit run of eight or more digits once separators are
left out, or a cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from guardrails.recognizers.base import Hit
from guardrails.recognizers.foreign_ids import valid_date

PERSONNUMMER = "PERSONNUMMER"
_NEAR = 40  # characters before a number its cue may stand in

# a run of digits joined by single spaces, dots or hyphens, long enough for any of these numbers
_LONG = re.compile(r"\d(?:[ .\-]?\d){7,}")
_CF_DIGIT = r"[\dLMNP-V]"  # a digit, or the letter that stands for it in a duplicate code
_CF_HINT = re.compile(r"[A-Z]{6}[\dLMNP-V]{2}")
_CF = re.compile(
    rf"(?<![\w])([A-Za-z]{{6}}{_CF_DIGIT}{{2}}[A-EHLMPR-Ta-ehlmpr-t]{_CF_DIGIT}{{2}}[A-Za-z]{_CF_DIGIT}{{3}}[A-Za-z])(?!\w)"
)


def _ddmmyy(n: str) -> bool:
    """A DDMMYY birth date in any century of the last two (D- and H-numbers: day or month + 40)."""
    dd, mm, yy = int(n[0:2]), int(n[2:4]), int(n[4:6])
    dd -= 40 if dd > 40 else 0
    mm -= 40 if mm > 40 else 0
    return valid_date(1900 + yy, mm, dd) or valid_date(2000 + yy, mm, dd)


def _mod11(digits: list[int], weights: tuple[int, ...]) -> int | None:
    k = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if k == 11 else (None if k == 10 else k)


def _fnr(n: str) -> bool:
    d = [int(c) for c in n]
    k1 = _mod11(d, (3, 7, 6, 1, 8, 9, 4, 5, 2))
    k2 = _mod11(d, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    return k1 == d[9] and k2 == d[10] and _ddmmyy(n)


def _kennitala(n: str) -> bool:
    d = [int(c) for c in n]
    return _mod11(d, (3, 2, 7, 6, 5, 4, 3, 2)) == d[8] and d[9] in (8, 9, 0) and _ddmmyy(n)


def _steuer_id(n: str) -> bool:
    if n[0] == "0":
        return False
    product = 10
    for c in n[:10]:
        total = (int(c) + product) % 10 or 10
        product = total * 2 % 11
    check = 11 - product
    return (0 if check == 10 else check) == int(n[10])


def _bsn(n: str) -> bool:
    d = [int(c) for c in n]
    return (sum(x * w for x, w in zip(d, range(9, 1, -1), strict=False)) - d[8]) % 11 == 0


def _nir_shape(n: str) -> bool:
    return n[0] in "12378" and (1 <= int(n[3:5]) <= 12 or 20 <= int(n[3:5]) <= 99)


def _nir(n: str) -> bool:
    return _nir_shape(n) and 97 - int(n[:13]) % 97 == int(n[13:])


def _ahv(n: str) -> bool:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(n[:12]))
    return n.startswith("756") and (10 - total % 10) % 10 == int(n[12])


def _isikukood(n: str) -> bool:
    d = [int(c) for c in n]
    if d[0] not in (1, 2, 3, 4, 5, 6):
        return False
    century = 1800 + 100 * ((d[0] - 1) // 2)
    if not valid_date(century + int(n[1:3]), int(n[3:5]), int(n[5:7])):
        return False
    k = sum(x * w for x, w in zip(d, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1), strict=False)) % 11
    if k == 10:
        k = sum(x * w for x, w in zip(d, (3, 4, 5, 6, 7, 8, 9, 1, 2, 3), strict=False)) % 11 % 10
    return k == d[10]


# Italian codice fiscale: the value of a character at an odd (1st, 3rd, ...) and an even position
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20,
                    11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23], strict=True))  # fmt: skip


def _cf(code: str) -> bool:
    code = code.upper()
    total = 0
    for i, c in enumerate(code[:15]):
        total += _CF_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65)
    return chr(65 + total % 26) == code[15]


class _Kind:
    """One number: its digit count, its check, whether a good check stands without a cue, the shape
    a cued number must still have, and its cue words (lower case, matched as whole words)."""

    def __init__(
        self,
        length: int,
        check: Callable[[str], bool],
        alone: bool,
        shape: Callable[[str], bool],
        cues: list[str],
    ) -> None:
        self.length, self.check, self.alone, self.shape = length, check, alone, shape
        words = sorted(cues, key=len, reverse=True)
        self.cue = re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in words) + r")(?![^\W\d_])")


_KINDS = (
    _Kind(11, _fnr, True, _ddmmyy, ["fødselsnummer", "fødselsnr", "fødselsnummeret", "fnr", "personnummer"]),
    _Kind(
        10, lambda n: False, False, _ddmmyy, ["cpr", "cpr-nr", "cpr-nummer", "cpr-nummeret", "personnummer"]
    ),
    _Kind(10, _kennitala, False, _ddmmyy, ["kennitala", "kennitölu", "kt"]),
    _Kind(
        11,
        _steuer_id,
        False,
        lambda n: n[0] != "0",
        [
            "steuer-id",
            "steuerid",
            "steueridentifikationsnummer",
            "steuer-identifikationsnummer",
            "idnr",
            "identifikationsnummer",
            "steuernummer",
        ],
    ),
    _Kind(9, _bsn, False, lambda n: True, ["bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"]),
    _Kind(
        15,
        _nir,
        True,
        _nir_shape,
        ["nir", "numéro de sécurité sociale", "sécurité sociale", "numéro insee", "insee", "nss"],
    ),
    _Kind(
        13,
        _ahv,
        True,
        lambda n: n.startswith("756"),
        ["ahv", "ahv-nr", "ahv-nummer", "avs", "avs-nr", "sozialversicherungsnummer"],
    ),
    _Kind(11, _isikukood, False, lambda n: n[0] in "123456", ["isikukood", "asmens kodas", "asmens kodą"]),
)


def _cued(kind: _Kind, lowered: str, start: int) -> bool:
    return kind.cue.search(lowered, max(0, start - _NEAR), start) is not None


def european_ids(text: str) -> Iterator[Hit]:
    """Hits for the numbers above (see the module docstring)."""
    lowered = text.lower() if _LONG.search(text) is not None or "codice" in text else ""
    for m in _LONG.finditer(text) if lowered else ():
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-+"):
            continue
        if m.end() < len(text) and text[m.end()].isalnum():
            continue
        n = "".join(c for c in m.group(0) if c.isdigit())
        for kind in _KINDS:
            if len(n) != kind.length:
                continue
            good = kind.check(n)
            if good and kind.alone:
                yield Hit(PERSONNUMMER, m.start(), m.end(), 0.9 if _cued(kind, lowered, m.start()) else 0.8)
                break
            if (good or kind.shape(n)) and _cued(kind, lowered, m.start()):
                yield Hit(PERSONNUMMER, m.start(), m.end(), 0.85 if good else 0.7)
                break
    # (upper case, as it is printed, unless after its name: "codice fiscale rssmra...")
    if "codice" in lowered or _CF_HINT.search(text) is not None:
        for m in _CF.finditer(text):
            code = m.group(1)
            if _cf(code) or "codice fiscale" in lowered[max(0, m.start() - _NEAR) : m.start()]:
                yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.85)
