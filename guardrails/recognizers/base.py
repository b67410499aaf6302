"""Shared plumbing for the recognisers: the Presidio adapter, context look-up and checksums."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from presidio_analyzer import LocalRecognizer, RecognizerResult


class Hit(NamedTuple):
    type: str
    start: int
    end: int
    score: float


class SwedishRecognizer(LocalRecognizer):
    """A Presidio recogniser whose work is done by `find(text)` (plain regex + validation).

    The recognisers do their own context scoring (Swedish and English cue words, including
    negative cues such as "OCR" or "faktura"), so they declare no Presidio `context`.
    """

    ENTITIES: tuple[str, ...] = ()

    def __init__(self, supported_language: str = "sv") -> None:
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language=supported_language,
            name=f"{type(self).__name__}_{supported_language}",
        )

    def load(self) -> None:  # nothing to load: patterns are compiled at import
        return None

    def find(self, text: str) -> Iterable[Hit]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        wanted = set(entities) if entities else set(self.ENTITIES)
        return [
            RecognizerResult(h.type, h.start, h.end, h.score) for h in self.find(text) if h.type in wanted
        ]


def before(text: str, start: int, width: int = 40) -> str:
    """Lower-cased text just before a match (for cue words)."""
    return text[max(0, start - width) : start].lower()


def after(text: str, end: int, width: int = 25) -> str:
    return text[end : end + width].lower()


def cue(pattern: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of the cue words as whole words (longest first). A digit may touch a
    cue ("pnr19500101-1237", "bg5050-1055"); a letter may not ("pnrs" is another word)."""
    words = sorted(pattern, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in words) + r")(?![^\W\d_])")


def plausible_birth_date(month: str, day: str) -> bool:
    """A personnummer's month and day: a real month, a day of 1-31 (samordningsnummer: day + 60)."""
    m, d = int(month), int(day)
    if d > 60:  # samordningsnummer: day + 60
        d -= 60
    return 1 <= m <= 12 and 1 <= d <= 31


def luhn_ok(number: str) -> bool:
    """Luhn (mod 10) check over a digit string, check digit last."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0 and bool(number)


def nearest(cues: re.Pattern[str], window: str) -> int | None:
    """Distance from the end of `window` back to the last cue in it (None when absent)."""
    last: re.Match[str] | None = None
    for last in cues.finditer(window):  # noqa: B007 - we want the last one
        pass
    return None if last is None else len(window) - last.end()


# A public body (authority, municipality, region, court, city hall): its bankgiro, organisationsnummer,
# switchboard and address are public, not personal data ("Skatteverkets bankgiro", "Överförmyndar-
# nämnden, Box 8114", "Stadshuset, Hantverkargatan 1").
PUBLIC_BODY = re.compile(
    r"^(?:\w+(?:verket|kassan|myndigheten|nämnden|förvaltningen|styrelsen|inspektionen|ombudsmannen|"
    r"departementet|fogden)|(?:tings|hov|förvaltnings|kammar|migrations|patent- och marknads)?rätten|"
    r"\w*domstolen|kronofogden|kommun|kommunen|stad|staden|region|regionen|landstinget|polisen|"
    r"stadshuset|kommunhuset|rådhuset|tingshuset|riksdagen|regeringen|länsstyrelsen)s?$",
    re.IGNORECASE,
)
# short cue words between a body's name and its number ("org.nr", "tel", "bg")
_SHORT_CUES = frozenset({"org", "nr", "no", "bg", "pg", "tel", "tfn"})
# a word that names the body as the source of the value, not its owner ("ny adress enl.
# Skatteverket: Box 3042, 831 03 Östersund" is the person's address as the body has it)
_SOURCE_WORDS = frozenset({"enligt", "enl", "laut", "gemäß"})


def _as_source(words: list[str], i: int) -> bool:
    return i >= 1 and words[i - 1].lower() in _SOURCE_WORDS


def public_owner(text: str, start: int, width: int = 45) -> bool:
    """The value at `start` is introduced as a public body's: that body's name (genitive or followed
    by a comma) is the word right before it, or right before its cue word ("Skatteverkets bankgiro")."""
    window = text[max(0, start - width) : start]
    words = re.findall(r"[^\W\d_]+(?:[-][^\W\d_]+)*", window)
    if not words:
        return False
    tail = window[window.rfind(words[-1]) + len(words[-1]) :]
    if PUBLIC_BODY.search(words[-1]) and re.fullmatch(r"[\s,:–-]*", tail):
        return not _as_source(words, len(words) - 1)
    # "Skatteverkets bankgiro 5050-1055", "Stockholms stad, org.nr 212000-0142": the cue word (its
    # short parts "org", "nr" skipped) right after the body's name
    k = len(words) - 1
    while k > 0 and words[k].lower() in _SHORT_CUES and len(words) - k <= 2:
        k -= 1
    if k < len(words) - 1 and PUBLIC_BODY.search(words[k]):
        return not _as_source(words, k)
    if k >= 1 and PUBLIC_BODY.search(words[k - 1]) is not None and len(words[k]) <= 14:
        return not _as_source(words, k - 1)
    return _body_unit(window)


# "Järfälla kommuns servicecenter har nummer 08-...": a body's unit, a verb and a number word between
# the body's genitive and the value. The unit is no person: an agent noun ("handläggare",
# "socialsekreterare", "förvaltaren", "god man") is someone's own line.
_LINKING = frozenset(
    ["har", "är", "nås", "på", "via", "nummer", "numret", "telefon", "telefonnummer", "tel", "tfn", "nr",
     "adress", "adressen", "bankgiro", "bankgirot", "plusgiro", "is", "has"]
)  # fmt: skip
_PERSON_NOUN = re.compile(r"(?:are|aren|arna|ör|ören|ist|isten|man|mannen|kvinna)$", re.IGNORECASE)


def _body_unit(window: str) -> bool:
    clause = re.split(r"[.!?\n;]", window)[-1]
    words = re.findall(r"[^\W\d_]+(?:[-][^\W\d_]+)*", clause)
    k = len(words) - 1
    while k >= 0 and words[k].lower() in _LINKING:
        k -= 1
    if k < 1 or k == len(words) - 1 or _PERSON_NOUN.search(words[k]) or len(words[k]) > 20:
        return False  # no linking word, or a person's title before it
    owner = words[k - 1]
    return owner.lower().endswith("s") and PUBLIC_BODY.search(owner) is not None
