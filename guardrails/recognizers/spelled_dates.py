"""Dates read out in words: a day, a month name and a year, in the month's language.

"the fourteenth of March, nineteen forty-eight", "trece de agosto de mil novecientos cuarenta y
cuatro", "am vierten Juli neunzehnhundertsiebenundvierzig", "den tjugoförsta maj nittonhundra-
trettiotre". The month name says which languages to read the day and the year in; each is read with
that language's number grammar (guardrails/text/data/number_words.yaml and date_words.yaml beside
this module): words are cut into number parts ("neunzehn|hundert|sieben|und|vierzig"), summed, a
hundred word multiplies what stands before it, a thousand word closes a group, and two numbers side
by side are a century and its rest ("nineteen forty-eight"). `spelled_dates` yields the spans with
the year read; `dates_of_birth.py` decides whether a span is a birth date (a cue, or a year a
generation back). Bounded work: a token is cut only up to 40 letters, and a day or year reads at
most a few tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import yaml

DATE_WORDS_FILE = Path(__file__).resolve().with_name("date_words.yaml")
_NUMBER_WORDS_FILE = Path(__file__).resolve().parent.parent / "text" / "data" / "number_words.yaml"
_BIRTH_FILE = Path(__file__).resolve().parent.parent / "text" / "data" / "birth_dates.yaml"

_LONGEST = 40  # bounded work: a longer token is no number word
_DAY_TOKENS = 4
_YEAR_TOKENS = 9
_FIRST_YEAR = 1880


@cache
def date_words() -> dict:
    """date_words.yaml as read (also read by dates_of_birth for its birth cues and months)."""
    return yaml.safe_load(DATE_WORDS_FILE.read_text(encoding="utf-8"))


@cache
def _number_words() -> dict:
    return yaml.safe_load(_NUMBER_WORDS_FILE.read_text(encoding="utf-8")) or {}


class _Part(NamedTuple):
    kind: str  # unit, teen, tens, hundreds, hundred, thousand, joiner, ordinal
    value: int


class _Grammar(NamedTuple):
    parts: dict[str, _Part]  # a number word or word part, hyphens taken out -> what it is
    longest: int
    cuts: dict[str, list[_Part] | None]  # words already cut (bounded: cleared when full)


_MEMO = 4096


def _plain(word: str) -> str:
    return word.lower().replace("-", "").replace("’", "'").replace("ʼ", "'")


_SECTIONS = (("units", "unit"), ("teens", "teen"), ("tens", "tens"), ("hundreds", "hundreds"))


@cache
def _grammar(language: str) -> _Grammar:
    base = _number_words().get(language) or {}
    extra = (date_words().get("numbers") or {}).get(language) or {}
    parts: dict[str, _Part] = {}

    def add(words: object, kind: str, value: int) -> None:
        for word in words or ():  # type: ignore[attr-defined]
            parts.setdefault(_plain(str(word)), _Part(kind, value))

    for table in (extra, base):  # the date words first: "on" is ten in Turkish dates only
        for section, kind in (
            ("units", "unit"),
            ("teens", "teen"),
            ("tens", "tens"),
            ("hundreds", "hundreds"),
        ):
            for value, words in (table.get(section) or {}).items():
                add(words, kind, int(value))
        add(table.get("hundred"), "hundred", 100)
        add(table.get("thousand"), "thousand", 1000)
        add(table.get("joiners"), "joiner", 0)
    ordinals = (date_words().get("ordinals") or {}).get(language) or {}
    endings = [str(e) for e in ordinals.get("endings") or ()] or [""]
    for value, stems in (ordinals.get("stems") or {}).items():
        for stem in stems:
            for ending in endings:
                parts.setdefault(_plain(str(stem) + ending), _Part("ordinal", int(value)))
    return _Grammar(parts, max((len(p) for p in parts), default=0), {})


def _cut(word: str, grammar: _Grammar) -> list[_Part] | None:
    """The number parts a word is made of, longest parts first ("neunzehnhundertsiebenundvierzig")."""
    if word in grammar.cuts:
        return grammar.cuts[word]
    if len(grammar.cuts) >= _MEMO:
        grammar.cuts.clear()
    cut = grammar.cuts[word] = _cut_anew(word, grammar)
    return cut


def _cut_anew(word: str, grammar: _Grammar) -> list[_Part] | None:
    plain = _plain(word)
    if not plain or len(plain) > _LONGEST:
        return None
    whole = grammar.parts.get(plain)
    if whole is not None:
        return [whole]
    best: dict[int, list[_Part] | None] = {len(plain): []}
    for start in range(len(plain) - 1, -1, -1):
        best[start] = None
        for end in range(min(len(plain), start + grammar.longest), start, -1):
            part = grammar.parts.get(plain[start:end])
            rest = best.get(end)
            if part is not None and rest is not None:
                best[start] = [part, *rest]
                break
    return best[0]


def _is_number_word(token: re.Match[str], grammar: _Grammar) -> bool:
    """A word that is or begins with a number word ("veintiséis" begins with "veinti")."""
    plain = _plain(token.group(0))
    return token.group(0).isdigit() or any(
        plain.startswith(p) for p, part in grammar.parts.items() if len(p) >= 3 and part.kind != "joiner"
    )


def _value(parts: list[_Part]) -> int | None:
    """The number the parts say, or None when they follow no number grammar ("two three")."""
    total, current, last = 0, 0, 10_000
    after_joiner = False
    for part in parts:
        if part.kind == "joiner":
            if after_joiner:
                return None
            after_joiner = True
            continue
        if part.kind == "hundred":
            current, last = (current or 1) * 100, 100
        elif part.kind == "thousand":
            total, current, last = total + (current or 1) * 1000, 0, 1000
        else:
            # each part smaller than the one before ("cuarenta y cuatro"), or a unit, a joiner and
            # its tens ("sieben|und|vierzig")
            unit_first = after_joiner and last < 10 and part.value >= 20 and part.value % 10 == 0
            if part.value >= last and not unit_first:
                return None
            current, last = current + part.value, part.value
        after_joiner = False
    return None if after_joiner else total + current


def _number(tokens: list[str], grammar: _Grammar) -> tuple[int, list[_Part]] | None:
    parts: list[_Part] = []
    for token in tokens:
        cut = _cut(token, grammar)
        if cut is None:
            return None
        parts.extend(cut)
    value = _value(parts)
    return None if value is None else (value, parts)


def _year(tokens: list[str], grammar: _Grammar, this_year: int) -> int | None:
    # a year in digits ends a sentence as often as not: the token then holds its full stop ("1956.")
    if len(tokens) == 1 and tokens[0].removesuffix(".").isdigit():
        number = tokens[0].removesuffix(".")
        return int(number) if len(number) == 4 and _FIRST_YEAR <= int(number) <= this_year else None
    if any(t.isdigit() for t in tokens):
        return None
    read = _number(tokens, grammar)
    if read is not None and _FIRST_YEAR <= read[0] <= this_year:
        return read[0]
    # a century and its rest: "nineteen forty-eight", "nitton fyrtioåtta", "nineteen oh five"
    for k in range(1, len(tokens)):
        head, rest = _number(tokens[:k], grammar), tokens[k:]
        if head is None or not 18 <= head[0] <= 20 or any(p.kind in ("hundred", "thousand") for p in head[1]):
            continue
        tail = _number(rest, grammar)
        zero_first = _cut(rest[0], grammar) == [_Part("unit", 0)]
        if zero_first and len(rest) == 2:
            tail = _number(rest[1:], grammar)
            tail = tail if tail is not None and tail[0] < 10 else None
        if tail is not None and (tail[0] >= 10 or zero_first) and tail[0] < 100:
            year = head[0] * 100 + tail[0]
            if _FIRST_YEAR <= year <= this_year:
                return year
    return None


def _day(tokens: list[str], grammar: _Grammar) -> bool:
    if len(tokens) == 1:
        digits = re.fullmatch(r"([0-3]?\d)(?:st|nd|rd|th|:e|:a|e|\.|º|er|ro)?", tokens[0], re.IGNORECASE)
        if digits is not None:
            return 1 <= int(digits.group(1)) <= 31
    if any(t[:1].isdigit() for t in tokens):
        return False
    read = _number(tokens, grammar)
    return read is not None and 1 <= read[0] <= 31 and any(p.kind != "joiner" for p in read[1])


_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*|\d+(?:st|nd|rd|th|:e|:a|\.|º|er)?", re.IGNORECASE)


@cache
def _months() -> dict[str, tuple[str, ...]]:
    """A one-word month name -> the languages whose number words read the date around it."""
    birth = yaml.safe_load(_BIRTH_FILE.read_text(encoding="utf-8"))
    months: dict[str, set[str]] = {}
    tables = [birth.get("months") or {}, date_words().get("months") or {}]
    for table in tables:
        for language, words in table.items():
            languages = ("en", "sv", "de") if language == "abbreviations" else (language,)
            for word in words:
                if " " not in str(word):
                    months.setdefault(str(word).lower(), set()).update(languages)
    return {m: tuple(sorted(ls)) for m, ls in months.items()}


@cache
def _articles() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    data = date_words().get("articles") or {}
    before = frozenset(str(w).lower() for w in data.get("before_day") or () if " " not in str(w))
    between = tuple(
        sorted({tuple(str(w).lower().split()) for w in data.get("between") or ()}, key=len, reverse=True)
    )
    return before, between


_JOIN = re.compile(r"[ \t]{1,3}|[ \t]?-[ \t]?")  # between the words of one number


class SpelledDate(NamedTuple):
    start: int
    end: int
    year: int | None
    day: bool  # a day stands by the month (not the month and year alone)


_LETTERS = re.compile(r"[^\W\d_]+")


def spelled_dates(text: str, this_year: int) -> Iterator[SpelledDate]:
    """Dates around a month name whose day or year is read out in words."""
    months = _months()
    if not any(w in months for w in _LETTERS.findall(text.lower())):
        return  # a cheap first look: no month name, no date
    tokens = list(_TOKEN.finditer(text))
    before_words, between = _articles()
    for k, month in enumerate(tokens):
        languages = months.get(month.group(0).lower().rstrip("."))
        if not languages:
            continue
        for language in languages:
            found = _around(text, tokens, k, _grammar(language), before_words, between, this_year)
            if found is not None:
                yield found
                break


def _numbers_from(tokens: list[re.Match[str]], at: int, step: int, limit: int, grammar: _Grammar) -> int:
    """How many tokens from `at` on (backwards when `step` is -1) are digits or number words: no day
    or year is read past them (bounded work)."""
    n = 0
    while n < limit and 0 <= at + step * n < len(tokens):
        word = tokens[at + step * n].group(0)
        if not word[:1].isdigit() and _cut(word, grammar) is None:
            break
        n += 1
    return n


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return _JOIN.fullmatch(text[a.end() : b.start()]) is not None


def _short_year(text: str, tokens: list[re.Match[str]], j: int, grammar: _Grammar) -> int | None:
    """A year said in two digits by one number word right after a day and month read out in words
    ("tjugonde juni trettiotre", "elfte oktober femtiofem"). Not when a number word
    follows (a longer number) or the word is a digit group. Returns the end of its word."""
    word = tokens[j]
    if word.group(0)[:1].isdigit() or not re.fullmatch(
        r"[ \t]*,?[ \t]*", text[tokens[j - 1].end() : word.start()]
    ):
        return None
    read = _number([word.group(0)], grammar)
    if read is None or not 10 <= read[0] <= 99:
        return None
    follows = tokens[j + 1] if j + 1 < len(tokens) else None
    if follows is not None and _joined(text, word, follows) and _is_number_word(follows, grammar):
        return None
    return word.end()


def _around(
    text: str,
    tokens: list[re.Match[str]],
    k: int,
    grammar: _Grammar,
    before_words: frozenset[str],
    between: tuple[tuple[str, ...], ...],
    this_year: int,
) -> SpelledDate | None:
    month = tokens[k]
    start, end = month.start(), month.end()
    day_spelled = False
    # the day before the month ("trece de agosto", "the fourteenth of March", "vierten Juli")
    i = k - 1
    if (
        i >= 0
        and tokens[i].group(0).lower() in {b[0] for b in between if len(b) == 1}
        and _joined(text, tokens[i], month)
    ):
        i -= 1
    day_found = False
    for n in range(_numbers_from(tokens, i, -1, _DAY_TOKENS, grammar), 0, -1):
        run = tokens[i - n + 1 : i + 1]
        if all(_joined(text, a, b) for a, b in zip(run, [*run[1:], tokens[i + 1]], strict=True)) and _day(
            [t.group(0) for t in run], grammar
        ):
            start, day_found = run[0].start(), True
            day_spelled = not run[0].group(0)[:1].isdigit()
            # the article is read with the day ("the fourth of July", "den tjugoandra maj")
            article = tokens[i - n] if i - n >= 0 else None
            if (
                article is not None
                and article.group(0).lower() in before_words
                and _joined(text, article, run[0])
            ):
                start = article.start()
            break
    j = k + 1
    if not day_found:
        # the day after the month ("March the fourteenth", "March fourteenth")
        at = j + (j < len(tokens) and tokens[j].group(0).lower() in before_words)
        for n in range(_numbers_from(tokens, at, 1, _DAY_TOKENS, grammar), 0, -1):
            run = tokens[at - 1 : at + n]  # the word before the day, then the day
            words = [t.group(0) for t in run[1:]]
            if (
                all(_joined(text, a, b) for a, b in pairwise(run))
                and not words[0][:1].isdigit()
                and _day(words, grammar)
            ):
                end, day_found, day_spelled, j = run[-1].end(), True, True, at + n
                break
    # the year after month and day ("de mil novecientos ...", ", nineteen forty-eight", "im Jahr ...")
    year, year_spelled = None, False
    if j < len(tokens) and re.fullmatch(r"[ \t]*,?[ \t]*", text[tokens[j - 1].end() : tokens[j].start()]):
        for words in between:
            if [t.group(0).lower() for t in tokens[j : j + len(words)]] == list(words):
                j += len(words)
                break
        for n in range(_numbers_from(tokens, j, 1, _YEAR_TOKENS, grammar), 0, -1):
            run = tokens[j : j + n]
            if not all(_joined(text, a, b) for a, b in pairwise(run)):
                continue
            year = _year([t.group(0) for t in run], grammar, this_year)
            if year is not None:
                # the whole number or none: a number word right after it is a longer number
                # ("dos mil veintiséis" is no year 2000 when "veintiséis" is not read)
                follows = tokens[j + n] if j + n < len(tokens) else None
                if (
                    not run[-1].group(0).isdigit()
                    and follows is not None
                    and _joined(text, run[-1], follows)
                    and _is_number_word(follows, grammar)
                ):
                    year = None
                    break
                end, year_spelled = run[-1].end(), not run[0].group(0)[:1].isdigit()
                end -= run[-1].group(0).endswith(".")  # the full stop is the sentence's
                break
    if year is None and day_spelled and j < len(tokens):
        # a two-digit year is read into the span but not as the year: the century is a guess, and
        # an "old" year alone must not make a birth date without a cue ("femte maj sextio gäster")
        short = _short_year(text, tokens, j, grammar)
        if short is not None:
            end = short
    if year is None and day_found:
        # the year said first and the day and month after it ("nittonhundrafyrtioåtta, tjugosjunde
        # mars", "nitton femtiotvå den fjärde maj"), as one corrects or adds to what one said
        first = next(n for n, t in enumerate(tokens) if t.start() >= start)
        for n in range(_numbers_from(tokens, first - 1, -1, _YEAR_TOKENS, grammar), 0, -1):
            run = tokens[first - n : first]
            if not re.fullmatch(r"[ \t]*,?[ \t]*", text[run[-1].end() : start]):
                break
            if not all(_joined(text, a, b) for a, b in pairwise(run)) or run[-1].group(0).isdigit():
                continue
            year = _year([t.group(0) for t in run], grammar, this_year)
            if year is not None:
                start, year_spelled = run[0].start(), True
                break
    if not (day_spelled or year_spelled) or not (day_found or year is not None):
        return None
    return SpelledDate(start, end, year, day_found)


def spelled_year_at(text: str, pos: int, this_year: int) -> int | None:
    """The end of a year read out in two or more words from `pos` on ("nineteen thirty one",
    "yhdeksäntoista viisikymmentäkaksi"), in the number words of any language, a year of a living
    person; None when the words there say no such year. The whole number or none: a number word
    right after it makes a longer number. Bounded: at most a few tokens are read."""
    tokens: list[re.Match[str]] = []
    for m in _TOKEN.finditer(text, pos):
        if len(tokens) >= _YEAR_TOKENS or m.group(0)[:1].isdigit():
            break
        if (tokens and not _joined(text, tokens[-1], m)) or (not tokens and text[pos : m.start()].strip()):
            break
        tokens.append(m)
    if len(tokens) < 2:
        return None
    for language in _number_words():
        grammar = _grammar(language)
        for k in range(_numbers_from(tokens, 0, 1, len(tokens), grammar), 1, -1):
            year = _year([t.group(0) for t in tokens[:k]], grammar, this_year)
            if year is None or year < this_year - 120:
                continue
            if k < len(tokens) and _is_number_word(tokens[k], grammar):
                return None
            return tokens[k - 1].end()
    return None
