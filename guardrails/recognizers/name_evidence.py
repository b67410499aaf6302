"""Grammar evidence in the message itself for a name that is also a word.

A first name that is also a word ("Dag", "Will", "Grace", "iris") is a name when the sentence
around it shows a person: a finite verb with it as the subject, or thanks addressed to it. The
closed word classes this needs are data (`names_data/name_evidence.yaml`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from guardrails.recognizers.dates_of_birth import BIRTH_DATA
from guardrails.recognizers.spelled_dates import spelled_dates

EVIDENCE_FILE = Path(__file__).resolve().parent.parent / "names_data" / "name_evidence.yaml"
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# a day of the month right before or after a word: "31 Dec", "Dec 31", "23 Dec to 6 Jan"
_DAY_BEFORE = re.compile(r"(?<!\d)(?:[12]?\d|3[01])\.?[ \t]$")
_DAY_AFTER = re.compile(r"[ \t](?:[12]?\d|3[01])(?:st|nd|rd|th)?(?!\d)")


@cache
def _lists() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(EVIDENCE_FILE.read_text(encoding="utf-8")) or {}
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


@cache
def _month_words() -> frozenset[str]:
    months = BIRTH_DATA.get("months", {})
    return frozenset(str(w).lower() for words in months.values() for w in words)


def date_word(text: str, start: int, end: int) -> bool:
    """A month name or abbreviation next to a day number ("31 Dec", "6 Jan", "June 3", "vierten Juli"),
    or a weekday before one ("Mon 3 Nov"): part of a date, not a name ("Jan", "June", "Juli" and
    "Mon" are names too). Month names of every language written here."""
    word = text[start:end].rstrip(".").lower()
    if word in _month_words():
        return (
            _DAY_BEFORE.search(text, max(0, start - 4), start) is not None
            or _DAY_AFTER.match(text, end) is not None
            or any(d.day and d.start <= start and end <= d.end for d in spelled_dates(text, 9999))
        )
    if word in _lists()["weekdays"] and _DAY_AFTER.match(text, end) is not None:
        return True
    return _weekday_phrase(text, start, end)


def _weekday_phrase(text: str, start: int, end: int) -> bool:
    """The word is part of a weekday phrase of name_evidence.yaml ("thứ Ba", "Chủ nhật")."""
    return any(
        m.start() <= start and end <= m.end()
        for m in _weekday_pattern().finditer(text, max(0, start - 20), end + 20)
    )


@cache
def _weekday_pattern() -> re.Pattern[str]:
    phrases = sorted(_lists()["weekday_phrases"], key=len, reverse=True)
    alternation = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(r"(?<![^\W\d_])(?:" + alternation + r")(?![^\W\d_])", re.IGNORECASE)


@cache
def _birth_cue() -> re.Pattern[str]:
    cues_before = BIRTH_DATA.get("cues_before", {})
    cues = sorted({str(c).lower() for words in cues_before.values() for c in words}, key=len)
    alternation = "|".join(re.escape(c) for c in reversed(cues) if len(c) > 2 and c[-1] not in ".:")
    return re.compile(rf"[ \t]*,?[ \t]*(?:{alternation})(?![^\W\d_])", re.IGNORECASE)


def birth_cue_after(text: str, end: int) -> bool:
    """A birth cue right after a word makes it the person born ("Lan sinh ngày ...", "داریوش متولد
    ...", "Rocío nació el ..."): only a person is born (the cues of text/data/birth_dates.yaml)."""
    return _birth_cue().match(text, end) is not None


@cache
def _calendar_words() -> frozenset[str]:
    months = BIRTH_DATA.get("months", {})
    own = [w for key in ("en", "sv", "abbreviations") for w in months.get(key, [])]
    return _lists()["weekdays"] | frozenset(str(w).lower() for w in own)


def calendar_word(word: str) -> bool:
    """An English or Swedish weekday or month, or its abbreviation ("Mon", "Tue", "June", "Dec";
    name_evidence.yaml weekdays, birth_dates.yaml months)."""
    return word.lower() in _calendar_words()


def language_word(word: str) -> bool:
    """A language or nationality ("French", "Somali"), capitalised in English."""
    return word.lower() in _lists()["languages"]


_POSSESSIVE_THEN_WORD = re.compile(r"['’]s[ \t]+([^\W\d_]+)")


def owner_of_personal_thing(text: str, end: int) -> bool:
    """ "June's guardian", "June's inheritance": the word's possessive before what only a person has."""
    m = _POSSESSIVE_THEN_WORD.match(text, end)
    return m is not None and m.group(1).lower() in _lists()["persons_own"]


def person_verb(word: str) -> bool:
    """A verb whose subject is a person ("sa", "ringde", "called"): names_data/name_evidence.yaml."""
    return word.lower() in _lists()["person_verbs"]


def _next_words(text: str, end: int, n: int) -> list[str]:
    """The next n words after `end` on the same line, joined only by spaces (no comma between)."""
    out: list[str] = []
    pos = end
    for m in _WORDS.finditer(text, end, min(len(text), end + 60)):
        if text[pos : m.start()].strip(" \t") or (out and m.start() == pos):
            break
        out.append(m.group(0))
        pos = m.end()
        if len(out) == n:
            break
    return out


def english_finite_verb_after(text: str, end: int) -> bool:
    """The word after `end` is an English finite verb with the word before it as its subject: a
    past form in -ed ("Will called", "Rose wanted"), or a form in -s followed by a clause or an
    object ("Grace wonders whether", "Hope needs to"); a plural noun is not ("Rose gardens are")."""
    words = _next_words(text, end, 2)
    if not words or not words[0].islower() or len(words[0]) < 4:
        return False
    verb = words[0]
    if verb.endswith("ed"):
        return True
    return (
        verb.endswith("s")
        and not verb.endswith("ss")
        and len(words) > 1
        and (words[1].lower() in _lists()["english_clause_words"])
    )


def thanked(prefix_l: str, text: str, end: int) -> bool:
    """ "tack iris för hjälpen", "thanks Rose for": the word between thanks and "for" is a person."""
    lists = _lists()
    before = prefix_l.rstrip(" \t,")
    if not any(
        before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum())
        for w in lists["thanks"]
    ):
        return False
    after = _next_words(text, end, 1)
    return bool(after) and after[0].lower() in lists["thanks_for"]
