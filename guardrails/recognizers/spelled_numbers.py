"""Numbers read out in words, as people dictate them or voice input writes them.

"nitton fyrtiofyra noll sju noll två femtiotre sextiotvå", "noll sju noll, ett sju fyra, noll sex,
fyrtiofem", "nittonhundrafemtio 05 05 - 0 5 1 2", "nineteen forty-six, oh eight, twenty-three,
ninety-nine eighty-six": each word stands for its digits (units one digit, 10-99 two, "nitton-
hundrafemtio" four), digit groups may be mixed in, and words are joined by spaces, commas or
dashes. `spelled_runs` yields every run of at least three such tokens with the digits it spells;
the personnummer and phone recognisers decide by their own checks (date and Luhn, the number plan)
whether those digits are a number of theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_UNITS = {
    "noll": 0, "nolla": 0, "ett": 1, "en": 1, "etta": 1, "två": 2, "tvåa": 2, "tre": 3, "trea": 3,
    "fyra": 4, "fyran": 4, "fem": 5, "femma": 5, "sex": 6, "sexa": 6, "sju": 7, "sjua": 7, "åtta": 8,
    "åttan": 8, "nio": 9, "nia": 9,
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16,
    "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "tjugo": 20, "tjugi": 20, "trettio": 30, "tretti": 30, "fyrtio": 40, "förtio": 40, "fyrti": 40,
    "förti": 40, "femtio": 50, "femti": 50, "sextio": 60, "sexti": 60, "sjuttio": 70, "sjutti": 70,
    "åttio": 80, "åtti": 80, "nittio": 90, "nitti": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNIT_WORDS = "|".join(sorted((w for w in _UNITS if len(w) > 1), key=len, reverse=True))
_TEEN_WORDS = "|".join(sorted(_TEENS, key=len, reverse=True))
_TENS_WORDS = "|".join(sorted(_TENS, key=len, reverse=True))
_BELOW_100 = rf"(?:(?:{_TENS_WORDS})-?(?:{_UNIT_WORDS})?|{_TEEN_WORDS}|{_UNIT_WORDS})"
# one word: a number below 100, or "nittonhundra(femtio)" / "nineteen hundred"
_WORD = re.compile(
    rf"(?P<hundreds>{_BELOW_100})(?:hundra|-?hundred)(?P<rest>{_BELOW_100})?|(?P<plain>{_BELOW_100})",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+(?:-[^\W\d_]+)*")
_GAP = re.compile(r"[ \t,.\-–]{1,4}")
_MIN_TOKENS = 3
_MAX_TOKENS = 24  # bounded work: no number has more parts than this


# A cheap first look: most messages hold none of these, and then no run is looked for at all.
_HINT = re.compile(
    r"noll|nitton|tjug|tretti|fyrti|förti|femti|sexti|sjutti|åtti|nitti|hundra|zero|teen|twenty|thirty|"
    r"forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|(?<![^\W\d_])oh(?![^\W\d_])",
    re.IGNORECASE,
)


def may_hold_spelled(text: str) -> bool:
    return _HINT.search(text) is not None


class Spelled(NamedTuple):
    start: int
    end: int
    digits: str
    words: int  # how many of its tokens were words (not digit groups)


def _below_100(word: str) -> str | None:
    low = word.lower().replace("-", "")
    if low in _UNITS:
        return str(_UNITS[low])
    if low in _TEENS:
        return str(_TEENS[low])
    for tens, value in _TENS.items():
        if low.startswith(tens):
            rest = low[len(tens) :]
            if not rest:
                return str(value)
            if rest in _UNITS and _UNITS[rest] > 0:
                return str(value + _UNITS[rest])
    return None


def word_digits(word: str) -> str | None:
    """The digits a number word spells ("fyrtiofyra" -> "44", "nittonhundrafemtio" -> "1950")."""
    m = _WORD.fullmatch(word)
    if m is None:
        return None
    if m.group("plain"):
        return _below_100(m.group("plain"))
    head = _below_100(m.group("hundreds"))
    if head is None:
        return None
    rest = _below_100(m.group("rest")) if m.group("rest") else "00"
    return None if rest is None else head + rest.zfill(2)


def spelled_runs(text: str) -> Iterator[Spelled]:
    """Runs of number words (and digit groups among them): two words at least, or one that spells
    three digits or more ("nittonhundrafemtio 05 05 - 0 5 1 2")."""
    run: list[tuple[int, int, str, bool]] = []

    def flush() -> Iterator[Spelled]:
        words = sum(1 for *_, is_word in run if is_word)
        spelled = sum(len(d) for _, _, d, is_word in run if is_word)
        if len(run) >= _MIN_TOKENS and (words >= 2 or spelled >= 3):
            yield Spelled(run[0][0], run[-1][1], "".join(d for _, _, d, _ in run), words)

    for m in _TOKEN.finditer(text):
        token = m.group(0)
        value = token if token.isdigit() and len(token) <= 4 else word_digits(token)
        joined = bool(run) and _GAP.fullmatch(text[run[-1][1] : m.start()]) is not None
        if value is None or (run and not joined) or len(run) >= _MAX_TOKENS:
            yield from flush()
            run = []
        if value is not None:
            run.append((m.start(), m.end(), value, not token.isdigit()))
    yield from flush()
