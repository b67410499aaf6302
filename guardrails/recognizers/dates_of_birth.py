"""Dates of birth: a date counts when a birth cue is next to it ("född", "born", "f.", "DOB"), or
when it is a full date (day, month, year) a generation old or more, whatever words are around it.

Other dates (meetings, deadlines, decisions) are not personal data on their own and stay. After
the cue a few words may come first ("född i Finland den 24 december 1939"), but no sentence end
and no other number. Every common form is read: ISO with any separator ("1944-02-29",
"1944 02 29", "1939.12.24"), two-digit years ("58-06-21", "7 juli -01"), day/month/year in either
order ("21/6 1958", "03.11.1962", "09/30/1988"), month names in Swedish and English ("15:e mars
1967", "April 17, 1975") and compact digits ("19810812", "580621").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from guardrails.recognizers.base import Hit, SwedishRecognizer
from guardrails.recognizers.spelled_dates import date_words, spelled_dates, spelled_year_at
from guardrails.recognizers.spelled_numbers import word_digits
from guardrails.recognizers.swedish_words import is_swedish_word
from guardrails.text.hints import any_word

FODELSEDATUM = "FODELSEDATUM"

# Birth cues and month names of the languages written to the office, as data.
_FILE = Path(__file__).resolve().parent.parent / "text" / "data" / "birth_dates.yaml"
BIRTH_DATA: dict = yaml.safe_load(_FILE.read_text(encoding="utf-8"))  # also read by name_evidence
# ... and the birth words and months of more languages kept beside the spelled dates' grammar
for _section in ("cues_before", "cues_after", "months", "age_cues"):
    for _language, _words in (date_words().get(_section) or {}).items():
        _known = BIRTH_DATA[_section].setdefault(_language, [])
        _known.extend(w for w in _words if w not in _known)
_DATA = BIRTH_DATA


def _alternation(section: str) -> str:
    """The phrases of every language in a section, longest first, as a regex alternation."""
    phrases = {" ".join(str(p).lower().split()) for values in _DATA[section].values() for p in values}
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return "|".join(r"\s".join(re.escape(w) for w in p.split()) for p in ordered)


_MONTHS = r"(?:" + _alternation("months") + r")(?![^\W\d_])\.?"
_MONTH_WORD = "|".join(re.escape(str(w)) for w in _DATA["month_words"])
_YEAR_WORD = "|".join(re.escape(str(w)) for w in _DATA["year_words"])
# After a birth cue a year may also be of the Persian or Islamic calendar ("۱۳۳۱/۰۵/۱۲" -> 1331).
_Y4 = r"(?:13|14|18|19|20)\d{2}"
_YEAR = r"(?:(?:de\s)?" + _Y4 + r"|[-'’]\d{2}|\d{2}(?!\s?år)(?![\d:.,]))"
_DAY = r"(?:[0-3]?\d)(?::e|:a|st|nd|rd|th|e|\.)?"
# A month in Roman numerals, as Polish, Ukrainian and older Swedish hands write it ("3 XI 1933",
# "3.XI.1933"): capitals only ("i" and "v" are words).
_ROMAN_MONTH = r"(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?![^\W\d_])"
_DATE = (
    r"(?:" + _Y4 + r"\s?[-./]\s?[01]?\d\s?[-./]\s?[0-3]?\d"  # 1944-02-29, 1939.12.24, 1331/05/12
    r"|" + _Y4 + r"\s[01]\d\s[0-3]\d"  # 1944 02 29
    r"|[0-3]\d\s[01]\d\s(?:" + _Y4 + r"|\d{2}(?![\d:.,]))"  # 21 06 1958, 21 06 58
    r"|\d{2}[-./][01]\d[-./][0-3]\d(?![\d-])"  # 58-06-21
    r"|\d{8}(?!\d)|\d{6}(?![-+\d])"  # 19810812, 580621
    r"|[0-3]?\d\s?[/.-]\s?[0-3]?\d(?:\s?[ /.-]\s?(?:(?:18|19|20)\d{2}|\d{2}))?(?![\d:])"  # 21/6 1958
    # 24 december 1939, 4 de octubre de 1949
    r"|" + _DAY + r"\s(?:of\s|de\s)?" + _MONTHS + r"(?:,?\s" + _YEAR + r")?"
    r"|[0-3]?\d\.?\s?[\s./-]?\s?" + _ROMAN_MONTH + r"\.?\s?[\s./-]?\s?" + _Y4 + r"(?!\d)"  # 3 XI 1933
    r"|" + _MONTHS + r"\s" + _DAY + r"(?:,?\s" + _YEAR + r")?"  # April 17, 1975
    r"|" + _MONTHS + r"\s(?:de\s)?" + _Y4 + r"(?!\d)"  # juni 1958
    r"|[0-3]?\d[-/]"
    + _MONTHS
    + r"[-/]"
    + _YEAR  # 21-Jun-1958
    # 20 tháng 5 năm 1949: a month word and the month's number
    + r"|"
    + _DAY
    + r"\s(?:"
    + _MONTH_WORD
    + r")\s[01]?\d(?!\d)"
    r"(?:,?\s(?:(?:" + _YEAR_WORD + r")\s)?" + _Y4 + r")?"
    r")"
)
# "f" before a number is a cue of its own ("f 1934-06-21"), and the listed cues. The English "b."
# (born) is one only right before a date with its year ("b. 3/4/51", "b. 1951", "b. 3 April 1951"),
# as a letter and a dot open many an item or sentence ("plan b. Mötet 3/4").
_B_DATE = r"(?=\s?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2}|\d{4}(?!\d)|\d{1,2}\s[^\W\d_]+\.?,?\s\d{2,4}(?!\d)))"
_CUE = r"(?:" + _alternation("cues_before") + r"|f(?=\s\d)|b\." + _B_DATE + r")"
# After a birth cue a year alone is the birth year ("född 1932", "متولد ۱۳۲۵", "född -42"), when no
# day or month follows it (then the full date is read).
_BARE_YEAR = _Y4 + r"(?!\d)(?!\s?[-./]\s?\d)|[-'’]\d{2}(?![\d-])"
# An Arabic cue may carry the conjunction "و" (and) as a clitic ("ومولود"): it is no other word.
_CLITIC = r"(?:[وف](?=[\u0621-\u064a]))?"
_BIRTH = re.compile(
    r"(?<![\wåäö])" + _CLITIC + _CUE + r"(?P<gap>(?:(?!\s(?:och|men|samt|sedan|and|but)\s)[^\d.!?\n]){0,40}?)"
    r"(?P<date>" + _DATE + r"|" + _BARE_YEAR + r")(?![\d])",
    re.IGNORECASE,
)
# A further full date right after a birth date, joined by "and" ("födda 2012-03-04 och 2014-07-22"):
# the same cue covers the list. Only dates with a year and no other word between, and the list
# closes its clause (a date followed by words starts a new one: "född 1944-02-29 och 2025-03-01
# kom beslutet").
_AND_DATE = re.compile(
    r",?[ \t]+(?:och|samt|and|und|et|y|e|ja|og|i|oraz)[ \t]+(?P<date>"
    + _Y4
    + r"\s?[-./]\s?[01]?\d\s?[-./]\s?[0-3]?\d|[0-3]?\d[-./][01]?\d[-./]"
    + _Y4
    + r")(?![\d])(?=[ \t]*(?:[.,;:!?)\n]|$|,?[ \t]+(?:och|samt|and|und|et|y|e|ja|og|i|oraz)[ \t]+\d))",
    re.IGNORECASE,
)
# What may stand between the cue and the date: a few words ("i Finland den", "on the"), not a verb
# phrase that moves on to another date ("född 1958 och flyttade hit 2003-04-01" has its year first).
_GAP_WORDS = 6
# A cue that follows its date: "3 Mart 1947 doğumlu".
_BIRTH_AFTER = re.compile(
    r"(?<![\d])(?P<date>" + _DATE + r"|" + _Y4 + r"(?!\d))"  # "1953 doğumlu": the year alone too
    r"[ \t]+(?:" + _alternation("cues_after") + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# An age reached on a birthday and, in the same sentence, a full date with its year: the birth date
# ("fyller 18 i vår (2009-04-11)").
# fmt: off
_FULL_DATE = (
    r"(?:"
    + _Y4
    + r"[-./][01]?\d[-./][0-3]?\d|[0-3]?\d[-./][01]?\d[-./]"
    + _Y4
    + r"|"
    + _DAY
    + r"\s(?:of\s|de\s)?"
    + _MONTHS
    + r",?\s"
    + _Y4  # "fyller 18 den 4 mars 2008"
    + r")(?![\d])"
)
# fmt: on
_AGE_THEN_DATE = re.compile(
    r"(?<![\w])(?:" + _alternation("age_cues") + r")\s\d{1,3}(?![\d])(?P<gap>[^.!?\n\d]{0,30}?)"
    r"(?P<date>" + _FULL_DATE + r")",
    re.IGNORECASE,
)
# A birthday named after a day and month in the same sentence ("12 maj sin 90-årsdag"): no digit
# between them but the age glued to the word, and no comma ("12 maj, inte på hennes födelsedag").
_BIRTHDAY_AFTER = re.compile(
    r"(?<![\d])(?P<date>" + _DATE + r")(?![\d])[^\d.,;:!?\n]{0,25}?(?:\d{1,3}[-:]?(?:e|th|st|nd|rd)?\s?)?"
    r"(?:" + _alternation("birthday_words") + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_BIRTHDAY_HINTS = tuple(sorted({str(c).lower() for v in _DATA["birthday_words"].values() for c in v}))
# A cheap first look: a word of every cue ("född", "urodzonego", "дата"), and "f ".
_HINTS = (
    *sorted(
        {
            # the longest word of each cue: a short first word ("u lind", "ku dhashay") is in
            # every text and would let every text through
            max(str(c).lower().split(), key=len)
            for part in ("cues_before", "cues_after", "age_cues", "birthday_words")
            for v in _DATA[part].values()
            for c in v
        }
    ),
    "f ",
    "b.",
)


# One search instead of a loop over the hint words: most messages hold none, and this is asked of each.
# (searched as a tree of shared prefixes: only whether a hint occurs matters, see text/hints.py)
_HINT = any_word(_HINTS)
# The cues that follow their date, looked for before the costly pattern that reads the date first.
_AFTER_HINTS = tuple(
    sorted({max(str(c).lower().split(), key=len) for v in _DATA["cues_after"].values() for c in v})
)


# A date read out in words ("trece de agosto de mil novecientos cuarenta y cuatro"): spelled_dates.py
# reads it; it is a birth date after a birth cue in the same sentence, before a cue that follows it,
# or, with its day, when its year lies a generation back (as a full date in digits does).
_CUE_BEFORE = re.compile(r"(?<![\wåäö])" + _CUE + r"[^.!?\n]{0,40}$", re.IGNORECASE)
_CUE_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:" + _alternation("cues_after") + r")(?![^\W\d_])", re.IGNORECASE)


# A year read out in one word right after a birth cue ("född nittonhundrafyrtiotre").
_CUE_THEN_WORD = re.compile(r"(?<![\wåäö])" + _CUE + r"[ \t]+(?P<word>[^\W\d_]{9,40})(?![\w])", re.IGNORECASE)
# ... or in several words ("born nineteen thirty one", "född nitton fyrtiofem"): spelled_dates.py reads it
_CUE_THEN_WORDS = re.compile(
    r"(?<![\wåäö])" + _CUE + r"[ \t]+(?=[^\W\d_]{3,40}[ \t-][^\W\d_])", re.IGNORECASE
)


def _spelled_years(text: str, this_year: int) -> Iterator[Hit]:
    for m in _CUE_THEN_WORD.finditer(text):
        read = word_digits(m.group("word"))
        if read is not None and len(read) == 4 and this_year - 120 <= int(read) <= this_year:
            yield Hit(FODELSEDATUM, m.start("word"), m.end("word"), 0.85)
    for m in _CUE_THEN_WORDS.finditer(text):
        end = spelled_year_at(text, m.end(), this_year)
        if end is not None:
            yield Hit(FODELSEDATUM, m.end(), end, 0.85)


# A person's name and, in brackets right after it, a date with a year: the birth date, as registers
# and family trees write it ("ägare Ragnhild Öst (31 jan -41)", "Karl Berg (1938-04-02)"). A year
# of the last dozen years is a document's date, not a grown-up's birth ("Rapport (2025-01-31)").
_NAME_THEN_DATE = re.compile(
    r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s[A-ZÅÄÖ][a-zåäöéü]+\s?\(\s?(?P<date>" + _DATE + r")\s?\)"
)
_RECENT_YEAR = re.compile(r"(?:20[12]\d)(?!\d)")
_WITH_YEAR = re.compile(r"\d{4}|(?:[-'’]|\s)\d{2}\s*$")  # "1938-04-02", "31 jan -41", "21 06 58"


# A full date (day, month, four-digit year) whose year lies a generation back is a date of birth
# whatever cue or language stands around it: in messages to a guardianship office a full date that
# old is someone's birth (in every labelled set, 64 such dates: 61 births, 3 inside a personnummer,
# none anything else). Events are dated by year alone ("sedan 1998") or recently. The month may be a
# number or any word between day and year ("21 listopada 1938", "15 آذار 1950", "12 መስከረም 1950"), so
# no month list of the writer's language is needed; Persian-calendar years 1300-1385 count too.
_GENERATION = 20
_YEAR_HINT = re.compile(r"(?:19|20|13)\d\d(?!\d)")
_ANY_YEAR = r"(?P<year>(?:19|20)\d{2}|13[0-8]\d)"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_NUMERIC_DMY = _D + r"\s?(?P<s1>[./-])\s?" + _M + r"\s?(?P=s1)\s?" + _ANY_YEAR  # 21.06.1958, 1/1/1970
_NUMERIC_YMD = _ANY_YEAR.replace("year", "year2") + r"\s?(?P<s2>[./-])\s?" + _M + r"\s?(?P=s2)\s?" + _D
# 21 listopada 1938, 4 de octubre de 1949, 12 መስከረም 1950: any word as the month
_WORDED_DMY = (
    _D
    + r"(?::e|:a|st|nd|rd|th|\.)?\s(?:of\s|de\s)?(?P<month>[^\W\d_]{3,15})\.?,?\s(?:de\s)?"
    + _ANY_YEAR.replace("year", "year3")
)
_WORDED_MDY = (
    _MONTHS + r"\s" + _D + r"(?:st|nd|rd|th)?,?\s" + _ANY_YEAR.replace("year", "year4")
)  # April 17, 1975
_ROMAN_DMY = (
    _D + r"\.?\s?[\s./-]?\s?" + _ROMAN_MONTH + r"\.?\s?[\s./-]?\s?" + _ANY_YEAR.replace("year", "year5")
)  # 3 XI 1933
_OLD_DATE = re.compile(
    rf"(?<![\d\w.,/-])(?:{_NUMERIC_DMY}|{_NUMERIC_YMD}|{_WORDED_DMY}|{_WORDED_MDY}|{_ROMAN_DMY})"
    r"(?![\d\w]|[./-]\d)",  # not the date part of a longer number ("1952/09/17/7707")
    re.IGNORECASE,
)
_YEAR_GROUPS = ("year", "year2", "year3", "year4", "year5")
_KNOWN_MONTH = re.compile(_MONTHS, re.IGNORECASE)


def old_full_dates(text: str, this_year: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of full dates a generation old or more (see _OLD_DATE). A word between day and year
    that is an ordinary Swedish word and no month ("1 kap 1999") makes no date."""
    cutoff = (this_year or datetime.date.today().year) - _GENERATION
    for m in _OLD_DATE.finditer(text):
        year = int(next(g for g in m.group(*_YEAR_GROUPS) if g))
        if not (year <= cutoff or 1300 <= year <= 1385):
            continue
        month = m.group("month")
        if month and is_swedish_word(month) and not _KNOWN_MONTH.fullmatch(month):
            continue
        yield m.start(), m.end()


def _spelled_dates(text: str, this_year: int) -> Iterator[Hit]:
    for date in spelled_dates(text, this_year):
        cued = (
            _CUE_BEFORE.search(text, max(0, date.start - 60), date.start) is not None
            or _CUE_AFTER.match(text, date.end) is not None
        )
        old = date.day and date.year is not None and date.year <= this_year - _GENERATION
        if cued or old:
            yield Hit(FODELSEDATUM, date.start, date.end, 0.85 if cued else 0.6)


class FodelsedatumRecognizer(SwedishRecognizer):
    ENTITIES = (FODELSEDATUM,)

    def find(self, text: str) -> Iterator[Hit]:
        if "(" in text:
            yield from self._bracketed(text)
        if _YEAR_HINT.search(text):
            for start, end in old_full_dates(text):
                yield Hit(FODELSEDATUM, start, end, 0.6)
        yield from _spelled_dates(text, datetime.date.today().year)
        lowered = text.lower()
        if _HINT.search(lowered) is None:
            return
        for m in _BIRTH.finditer(text):
            if len(m.group("gap").split()) > _GAP_WORDS:
                continue
            yield Hit(FODELSEDATUM, m.start("date"), m.end("date"), 0.85)
            # the next dates of a list after the one cue ("födda 2012-03-04 och 2014-07-22")
            at = m.end("date")
            while (more := _AND_DATE.match(text, at)) is not None:
                yield Hit(FODELSEDATUM, more.start("date"), more.end("date"), 0.8)
                at = more.end("date")
        if any(map(lowered.__contains__, _AFTER_HINTS)):
            for m in _BIRTH_AFTER.finditer(text):
                yield Hit(FODELSEDATUM, m.start("date"), m.end("date"), 0.85)
        if any(map(lowered.__contains__, _BIRTHDAY_HINTS)):
            for m in _BIRTHDAY_AFTER.finditer(text):
                yield Hit(FODELSEDATUM, m.start("date"), m.end("date"), 0.75)
        yield from _spelled_years(text, datetime.date.today().year)
        for m in _AGE_THEN_DATE.finditer(text):
            yield Hit(FODELSEDATUM, m.start("date"), m.end("date"), 0.75)

    @staticmethod
    def _bracketed(text: str) -> Iterator[Hit]:
        for m in _NAME_THEN_DATE.finditer(text):
            date = m.group("date")
            if _RECENT_YEAR.search(date) is None and _WITH_YEAR.search(date) is not None:
                yield Hit(FODELSEDATUM, m.start("date"), m.end("date"), 0.7)
