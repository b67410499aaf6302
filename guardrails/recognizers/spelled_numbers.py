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
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml

# The number words of every language written here, as data (one file for all languages).
_FILE = Path(__file__).resolve().parent.parent / "text" / "data" / "number_words.yaml"


class _Words(NamedTuple):
    values: dict[str, int]  # every word below 100, compounds included ("fyrtiofyra", "achtundachtzig")
    units: dict[str, int]
    hundreds: tuple[str, ...]
    hundreds_digit: dict[str, str]  # a word that says a hundreds digit alone ("сто" -> "1")
    joiners: frozenset[str]  # a word between a tens and a unit ("cuarenta y uno")
    all: frozenset[str]  # the same words as a set, for the first look


@cache
def _words() -> _Words:
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    values: dict[str, int] = {}
    all_units: dict[str, int] = {}
    hundreds: set[str] = set()
    hundreds_digit: dict[str, str] = {}
    joiners: set[str] = set()
    for table in data.values():
        parts: dict[str, dict[str, int]] = {}
        for part in ("units", "teens", "tens"):
            parts[part] = {str(w).lower(): int(v) for v, ws in (table.get(part) or {}).items() for w in ws}
            values.update(parts[part])
        all_units.update(parts["units"])
        own_joiners = [str(w).lower() for w in table.get("joiners", ())]
        joiners.update(own_joiners)
        hundreds.update(str(w).lower() for w in table.get("hundred", ()))
        for value, words in (table.get("hundreds") or {}).items():
            hundreds_digit.update((str(w).lower(), str(int(value) // 100)) for w in words)
        # compounds, one dictionary lookup each later: tens + unit in one word ("fyrtiofyra",
        # "kaksikymmentäyksi", "veintiuno"), or unit + joiner + tens ("achtundachtzig")
        for tens, t in parts["tens"].items():
            for unit, u in parts["units"].items():
                if u == 0:
                    continue
                values.setdefault(tens + unit, t + u)
                if table.get("unit_first"):
                    for joiner in own_joiners:
                        values.setdefault(unit + joiner + tens, t + u)
    hundred_words = tuple(sorted(hundreds, key=len, reverse=True))
    return _Words(
        values,
        all_units,
        hundred_words,
        hundreds_digit,
        frozenset(joiners),
        frozenset(values) | set(hundreds_digit),
    )


# a word, also with an apostrophe inside ("п'ять") or a hyphen ("forty-one"), or a digit group
_TOKEN = re.compile(r"\d+|[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_GAP = re.compile(r"[ \t,.\-–]{1,4}")
_MIN_TOKENS = 3
_MAX_TOKENS = 24  # bounded work: no number has more parts than this


# A cheap first look: most messages hold none of these, and then no run is looked for at all. The
# hints are searched in the lower-cased text without IGNORECASE (a case-insensitive alternation is
# three times slower in `re`): the same matches, because the only letters that IGNORECASE matches to
# an ASCII letter besides its two cases, "İ", "ı", "ſ" and the Kelvin sign, are folded first
# (str.lower() alone turns "İ" into two characters), and lower-casing keeps letters letters.
_HINT = re.compile(
    r"n(?:oll|itt(?:on|i)|inety)|t(?:jug|retti|een|wenty|hirty)|f(?:yrti|örti|emti|orty|ourty|ifty)|"
    r"s(?:exti|jutti|ixty|eventy)|åtti|hundr(?:a|ed)|zero|eighty|(?<![^\W\d_])oh(?![^\W\d_])"
)
_CASE_EXTRAS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def may_hold_spelled(text: str) -> bool:
    """Whether `text` may hold a number in words: a Swedish or English hint, or two number words
    (two of one word too) of any listed language."""
    lowered = text.lower()
    hint_text = lowered if text.isascii() else text.translate(_CASE_EXTRAS).lower()
    if _HINT.search(hint_text) is not None:
        return True
    if text.isascii() and not any(map(str.isalpha, text)):
        return False
    words = _LETTERS.findall(lowered)
    found = _words().all.intersection(words)  # one set operation instead of a loop over the words
    if len(found) != 1:
        return len(found) > 1
    return words.count(next(iter(found))) >= 2


class Spelled(NamedTuple):
    start: int
    end: int
    digits: str
    words: int  # how many of its tokens were words (not digit groups)
    # the digits with a tens word and a unit word written apart read apart too ("sjuttio ett" as
    # "70" "1", a phone's "070" said as "sjuttio" before its next digit); "" when no such pair
    apart: str = ""


def _below_100(word: str) -> str | None:
    value = _words().values.get(word.lower().replace("-", ""))
    return None if value is None else str(value)


def word_digits(word: str) -> str | None:
    """The digits a number word spells ("fyrtiofyra" -> "44", "nittonhundrafemtio" -> "1950")."""
    plain = _below_100(word)
    if plain is not None:
        return plain
    low = word.lower().replace("-", "")
    for hundred in _words().hundreds:
        head_word, found, rest_word = low.partition(hundred)
        if not found or not head_word:
            continue
        head = _below_100(head_word)
        rest = _below_100(rest_word) if rest_word else "00"
        if head is not None and rest is not None:
            return head + rest.zfill(2)
    return _glued(low)


_GLUED_PART = 3  # a part of a glued word is a number word of three letters or more ("två", not "en")


@cache
def _glue_parts() -> tuple[dict[str, str], frozenset[str], int]:
    parts = {w: str(v) for w, v in _words().values.items() if len(w) >= _GLUED_PART}
    return parts, frozenset(w[:_GLUED_PART] for w in parts), max(map(len, parts), default=0)


def _glued(word: str) -> str | None:
    """Number words typed or dictated without spaces ("tvåtvåtvåfem" -> "2225", "femtonfyrtiosju"
    -> "1547"): the word is cut into two or more number words, the longest that fits first, and
    their digits put side by side. Cheap for other words: the first three letters must begin a
    number word (a set look-up) before anything is cut; bounded by the word's length (40)."""
    parts, starts, longest = _glue_parts()
    if len(word) < 2 * _GLUED_PART or len(word) > 40 or word[:_GLUED_PART] not in starts:
        return None
    # best[i]: the digits of word[i:] cut into parts (None when it cannot be cut)
    best: list[tuple[str, int] | None] = [None] * len(word) + [("", 0)]
    for i in range(len(word) - _GLUED_PART, -1, -1):
        if word[i : i + _GLUED_PART] not in starts:
            continue
        for j in range(min(len(word), i + longest), i + _GLUED_PART - 1, -1):
            rest = best[j]
            digits = parts.get(word[i:j])
            if digits is not None and rest is not None:
                best[i] = (digits + rest[0], rest[1] + 1)
                break
    whole = best[0]
    return whole[0] if whole is not None and whole[1] >= 2 else None


def spelled_runs(text: str) -> Iterator[Spelled]:
    """Runs of number words (and digit groups among them): two words at least, or one that spells
    three digits or more ("nittonhundrafemtio 05 05 - 0 5 1 2")."""
    run: list[tuple[int, int, str, bool]] = []
    apart: dict[int, str] = {}  # start of a merged "forty one" entry -> its digits read apart ("401")

    def flush() -> Iterator[Spelled]:
        words = sum(1 for *_, is_word in run if is_word)
        spelled = sum(len(d) for _, _, d, is_word in run if is_word)
        if len(run) >= _MIN_TOKENS and (words >= 2 or spelled >= 3):
            digits = "".join(d for _, _, d, _ in run)
            read_apart = "".join(apart.get(start, d) for start, _, d, _ in run)
            yield Spelled(run[0][0], run[-1][1], digits, words, read_apart if read_apart != digits else "")
        apart.clear()

    w = _words()
    joiner_at: int | None = None  # a joiner after a tens word ("cuarenta y"), waiting for its unit
    open_hundred = False  # the last entry is a hundreds word still taking its tens and units
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        low = token.lower()
        hundred = w.hundreds_digit.get(low)
        if hundred is not None:
            # "сто сімдесят чотири": the hundreds digit, its tens and units to come ("100" if none)
            joined = bool(run) and _GAP.fullmatch(text[run[-1][1] : m.start()]) is not None
            if run and not joined:
                yield from flush()
                run = []
            run.append((m.start(), m.end(), hundred + "00", True))
            open_hundred, joiner_at = True, None
            continue
        if open_hundred and run and not token.isdigit() and text[run[-1][1] : m.start()].isspace():
            below = word_digits(token)
            rest = run[-1][2][1:]
            if (
                below is not None
                and len(below) <= 2
                and (rest == "00" or (len(below) == 1 and rest[1] == "0" and rest[0] not in "01"))
            ):
                start, _, digits_so_far, _ = run[-1]
                merged = digits_so_far[0] + (below.zfill(2) if rest == "00" else rest[0] + below)
                run[-1] = (start, m.end(), merged, True)
                open_hundred = rest == "00" and len(below) == 2 and below.endswith("0") and below != "10"
                continue
        open_hundred = False
        waits = run and joiner_at is None and low in w.joiners and run[-1][3] and run[-1][2].endswith("0")
        if waits and text[run[-1][1] : m.start()].isspace():
            joiner_at = m.start()
            continue
        value = token if token.isdigit() and len(token) <= 4 else word_digits(token)
        gap = text[run[-1][1] : joiner_at if joiner_at is not None else m.start()] if run else ""
        after_joiner = text[m.start() - 1 : m.start()] if joiner_at is not None else ""
        # a tens word and a unit word apart by spaces only (or a joiner) are one number: "forty one"
        if (
            run
            and value is not None
            and not token.isdigit()
            and len(value) == 1
            and value != "0"
            and run[-1][3]
            and len(run[-1][2]) == 2
            and run[-1][2].endswith("0")
            and run[-1][2] != "10"
            and gap.isspace()
            and (joiner_at is None or after_joiner.isspace())
        ):
            start, _, tens_value, _ = run[-1]
            run[-1] = (start, m.end(), tens_value[0] + value, True)
            if joiner_at is None:
                apart[start] = tens_value + value
            joiner_at = None
            continue
        if joiner_at is not None:
            joiner_at = None
            yield from flush()
            run = []
        joined = bool(run) and _GAP.fullmatch(text[run[-1][1] : m.start()]) is not None
        if value is None or (run and not joined) or len(run) >= _MAX_TOKENS:
            yield from flush()
            run = []
        if value is not None:
            run.append((m.start(), m.end(), value, not token.isdigit()))
    yield from flush()
