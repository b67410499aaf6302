"""Redaction and pseudonymisation: personal data -> `[TYPE_n]` tags, and back with a vault.

`redact` folds the text first (`folding.py`: NFKC, invisible characters out, look-alike digits and
letters folded, with a map back to the original), runs the analyzer on the folded text, drops
what the office's allow list says is public, resolves overlapping findings (highest score, then
longest span wins), maps each finding back to the original characters and replaces them with a
tag that is stable within the vault: the same personnummer typed with or without century or
dash, in full-width digits or with a zero-width space inside, or the same phone number in another
format, gets the same tag.

Tags are only what the vault issued: a tag the vault issued (or a plausible one it reserved) is
never re-tagged, so redacting redacted text changes nothing; a tag-shaped string it did not issue
("[P_195001011234]") is ordinary text and the digits in it are found like any others.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from guardrails.entities import DIGIT_IDENTIFIER_TYPES, Entity, Redacted
from guardrails.folding import Folded, fold
from guardrails.normalise import value_key
from guardrails.office import OfficeConfig, load_office
from guardrails.text.tags import TAG, parse_tag
from guardrails.vault import Vault

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult

# Longer inputs are redacted in pieces of about this size, cut at a line break or a space, so the
# work stays linear in the length of the text whatever a recogniser does inside a piece.
_PIECE = 20_000
# When two findings tie on score, the more specific type wins.
_PRIORITY = {
    "PERSONNUMMER": 9,
    "KORTNUMMER": 8,
    "IBAN": 8,
    "BANKKONTO": 7,
    "EPOST": 7,
    "ORGANISATIONSNUMMER": 6,
    "TELEFON": 6,
    "BANKGIRO": 5,
    "PLUSGIRO": 5,
    "FODELSEDATUM": 5,
    "ARENDENUMMER": 4,
    "FASTIGHETSBETECKNING": 4,
    "ADRESS": 3,
    "POSTNUMMER": 2,
    "NAMN": 1,
}


@dataclass(frozen=True)
class _AllowList:
    spans: re.Pattern[str] | None
    keys: frozenset[tuple[str, str]]


def _flexible(value: str) -> str:
    parts = []
    for ch in value:
        if ch.isspace():
            parts.append(r"\s*")
        elif ch in "-–":
            parts.append(r"\s?[-–]?\s?")
        elif ch == ",":
            parts.append(r",?")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@lru_cache(maxsize=8)
def _allow_list(office: OfficeConfig) -> _AllowList:
    values: list[str] = []
    for v in office.public_values():
        values.append(v)
        # Parts of an address are public on their own too ("Box 1234", "111 22 Stockholm").
        values.extend(p.strip() for p in v.split(",") if "," in v and p.strip())
    keys: set[tuple[str, str]] = set()
    for v in values:
        for entity_type in (
            "TELEFON",
            "EPOST",
            "ORGANISATIONSNUMMER",
            "ADRESS",
            "POSTNUMMER",
            "PERSONNUMMER",
        ):
            keys.add((entity_type, value_key(entity_type, v)))
    long_first = sorted({v for v in values if len(v) >= 3}, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<![\w])(?:" + "|".join(_flexible(v) for v in long_first) + r")(?![\w])", re.IGNORECASE)
        if long_first
        else None
    )
    return _AllowList(pattern, frozenset(keys))


# The last office's allow list, found by identity: the lru_cache above hashes the frozen config field
# by field on every look-up, which cost as much as the rest of _select on a short message.
_last_allow: tuple[OfficeConfig, _AllowList] | None = None


def _allow_for(office: OfficeConfig) -> _AllowList:
    global _last_allow
    last = _last_allow
    if last is not None and last[0] is office:
        return last[1]
    allow = _allow_list(office)
    _last_allow = (office, allow)
    return allow


def analyze(
    text: str, language: str | None, mixed: tuple[tuple[int, int], ...] = ()
) -> list[RecognizerResult]:
    # Imported on first use: loading Presidio takes seconds, `import guardrails` should not.
    from guardrails.analyzer import analyze as _analyze

    return _analyze(text, language, mixed)


class _Intervals:
    """Non-overlapping [start, end) intervals kept sorted, for O(log n) overlap checks."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.starts.append(s)
            self.ends.append(e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _drop_contained(candidates: list[RecognizerResult]) -> list[RecognizerResult]:
    """A confident finding that contains another one wins over it, whatever their scores: the
    longer span hides both ("3300 000620-5124" is a Nordea account holding a personnummer)."""
    ordered = sorted(candidates, key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[RecognizerResult] = []
    reach_end = -1  # the furthest end of a confident span seen so far
    reach_start = -1
    for r in ordered:
        if r.end <= reach_end and (r.start, r.end) != (reach_start, reach_end) and reach_start <= r.start:
            continue
        kept.append(r)
        if r.score >= 0.6 and r.end > reach_end:
            reach_start, reach_end = r.start, r.end
    return kept


def _protected(text: str, vault: Vault | None) -> _Intervals | None:
    """Spans of the tags that are left alone: those the vault issued (without a vault, plausible
    tags of a known type). Any other tag-shaped string is text."""
    if "[" not in text:
        return None
    spans = [
        m.span()
        for m in TAG.finditer(text)
        if (vault.issued(m.group(0)) if vault is not None else parse_tag(m.group(0)) is not None)
    ]
    return _Intervals(spans) if spans else None


def _select(
    text: str, results: list[RecognizerResult], office: OfficeConfig, vault: Vault | None
) -> list[RecognizerResult]:
    if not results:
        return []
    tags = _protected(text, vault)
    allow = _allow_for(office)
    allowed = [m.span() for m in allow.spans.finditer(text)] if allow.spans is not None else []
    candidates = []
    for r in results:
        if tags is not None and tags.overlaps(r.start, r.end):
            continue
        if allowed and any(s <= r.start and r.end <= e for s, e in allowed):
            continue
        if (r.entity_type, value_key(r.entity_type, text[r.start : r.end])) in allow.keys:
            continue
        candidates.append(r)
    candidates = _drop_contained(candidates)
    candidates.sort(key=lambda r: (-r.score, -_PRIORITY.get(r.entity_type, 0), -(r.end - r.start), r.start))
    chosen: list[RecognizerResult] = []
    taken = _Intervals()
    for r in candidates:
        if not taken.overlaps(r.start, r.end):
            taken.add(r.start, r.end)
            chosen.append(r)
    chosen.sort(key=lambda r: r.start)
    return chosen


@dataclass(frozen=True)
class _Finding:
    type: str
    start: int  # offsets into the original text
    end: int
    score: float
    key: str  # the normalised value (from the folded text), for "same value, same tag"


def _pieces(text: str) -> list[tuple[int, int]]:
    """[start, end) pieces of at most about _PIECE characters, cut at a line break or a space."""
    if len(text) <= _PIECE:
        return [(0, len(text))]
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _PIECE)
        if end < len(text):
            cut = text.rfind("\n", start + _PIECE // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + _PIECE // 2, end)
            end = cut + 1 if cut > start else end
        out.append((start, end))
        start = end
    return out


# A writer who corrects a value ("född 21/6 -38... nej vänta, 12/6 -38", "dnr 3.2.1-456/2023? Nej,
# 3.2.1-457/2023 menar jag") writes the corrected one in the same shape after a correction word.
_CORRECTION = re.compile(
    r"(?<![\w])(?:nej|nä|nää|fel|förlåt|ursäkta|oj|oops|sorry|rättelse|korrigering|jag menar|menar jag|"
    r"ska det vara|skulle det vara|det ska vara|rätt är|no|i mean|correction|typo|wrong)(?![\w])",
    re.IGNORECASE,
)
_CORRECTABLE = DIGIT_IDENTIFIER_TYPES | {"FODELSEDATUM", "FASTIGHETSBETECKNING"}
_MAX_SHAPE = 40


def _shape(value: str) -> str | None:
    """A regex for values written like `value` (digits as digits, letters as letters, marks kept)."""
    if len(value) > _MAX_SHAPE or sum(c.isdigit() for c in value) < 2:
        return None
    parts = []
    for ch in value:
        if ch.isdigit():
            parts.append(r"\d")
        elif ch.isalpha():
            parts.append(r"[^\W\d_]")
        elif ch.isspace():
            parts.append(r"\s")
        else:
            parts.append(re.escape(ch))
    return r"(?<![\w])" + "".join(parts) + r"(?![\w])"


def _corrections(seen: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Values written in the shape of a found identifier after a correction word right after it."""
    extra = []
    for r in results:
        if r.entity_type not in _CORRECTABLE or r.score < 0.5:
            continue
        after = seen[r.end : r.end + 60]
        cue = _CORRECTION.search(after)
        if cue is None or re.search(r"[\n]", after[: cue.start()]):
            continue
        shape = _shape(seen[r.start : r.end])
        if shape is None:
            continue
        at = r.end + cue.end()
        m = re.compile(shape).search(seen, at, at + 40 + (r.end - r.start))
        if m is not None:
            extra.append(type(r)(r.entity_type, m.start(), m.end(), min(r.score, 0.7)))
    return extra


def _second_opinion(
    seen: str, language: str | None, results: list[RecognizerResult], chosen: list[RecognizerResult]
) -> list[RecognizerResult]:
    """Names the word model (`recognizers/name_classifier.py`) finds among the words no rule
    touched (also none a rule found and the allow list kept), with the rules' names as evidence."""
    from presidio_analyzer import RecognizerResult

    from guardrails.analyzer import REQUESTED_LANGUAGE
    from guardrails.recognizers.firm_forms import before_firm_form
    from guardrails.recognizers.name_classifier import extra_names
    from guardrails.recognizers.place_heads import after_place_head

    taken = [(r.start, r.end) for r in results]
    found = [(r.start, r.end) for r in chosen if r.entity_type == "NAMN"]
    token = REQUESTED_LANGUAGE.set(language.lower().split("-")[0].split("_")[0] if language else None)
    try:
        hits = extra_names(seen, language, taken, found)
    finally:
        REQUESTED_LANGUAGE.reset(token)
    # ("Region Gotland", "i sal Berg": a place's or a room's name, see recognizers/place_heads.py)
    # ("Vattenfall AB": a firm's name before its legal form, see recognizers/firm_forms.py)
    return [
        RecognizerResult("NAMN", s, e, round(p, 3))
        for s, e, p in hits
        if not after_place_head(seen, s) and not before_firm_form(seen, s, e)
    ]


def _given_names(seen: str, chosen: list[RecognizerResult]) -> list[RecognizerResult]:
    """Chosen one-word names widened by the common first name right before them (see
    `recognizers/names.py`); run after the word model, whose names the rules do not see."""
    names = [(r.start, r.end, r.score) for r in chosen if r.entity_type == "NAMN"]
    # (only a one-word name can be widened: most messages have none, and pay one scan of the list)
    if not any(" " not in seen[s:e] for s, e, _ in names):
        return []
    from presidio_analyzer import RecognizerResult

    from guardrails.recognizers.names import given_names_before

    return [RecognizerResult("NAMN", s, e, score) for s, e, score in given_names_before(seen, names)]


def _recurring_names(seen: str, chosen: list[RecognizerResult]) -> list[RecognizerResult]:
    """Where the chosen names' words recur in the text (`recognizers/names.py` same_name_again)."""
    from presidio_analyzer import RecognizerResult

    from guardrails.recognizers.base import Hit
    from guardrails.recognizers.names import same_name_again

    names = [Hit("NAMN", r.start, r.end, r.score) for r in chosen if r.entity_type == "NAMN"]
    return [RecognizerResult("NAMN", h.start, h.end, h.score) for h in same_name_again(seen, names)]


def _repeated_values(seen: str, chosen: list[RecognizerResult]) -> list[RecognizerResult]:
    """An identifier's digits written again elsewhere (`recognizers/repeated_values.py`)."""
    if not any(r.entity_type in DIGIT_IDENTIFIER_TYPES and r.end - r.start >= 6 for r in chosen):
        return []  # (most messages: no identifier, and no imports or scans)
    from presidio_analyzer import RecognizerResult

    from guardrails.recognizers.repeated_values import repeated

    found = repeated(seen, [(r.entity_type, r.start, r.end, r.score) for r in chosen])
    return [RecognizerResult(k, s, e, score) for k, s, e, score in found]


def _find(text: str, language: str | None, office: OfficeConfig, vault: Vault | None) -> list[_Finding]:
    findings: list[_Finding] = []
    for p_start, p_end in _pieces(text):
        piece = text[p_start:p_end]
        folded: Folded = fold(piece)
        seen = folded.text
        results = analyze(seen, language, folded.mixed)
        if results:
            results = results + _corrections(seen, results)
        chosen = _select(seen, results, office, vault)
        extra = _second_opinion(seen, language, results, chosen)
        if extra:
            chosen = _select(seen, results + extra, office, vault)
            # a name the word model found recurs like one the rules found ("Alex Sjöbergs ... Alex")
            extra = extra + _recurring_names(seen, chosen)
        wider = _given_names(seen, chosen)
        if wider:
            chosen = _select(seen, results + extra + wider, office, vault)
        again = _repeated_values(seen, chosen)
        if again:
            chosen = _select(seen, results + extra + wider + again, office, vault)
        for r in chosen:
            start, end = folded.span(r.start, r.end)
            findings.append(
                _Finding(
                    r.entity_type,
                    p_start + start,
                    p_start + end,
                    round(float(r.score), 3),
                    value_key(r.entity_type, seen[r.start : r.end]),
                )
            )
    return findings


def scan(text: str, language: str | None = None, *, office: OfficeConfig | None = None) -> list[Entity]:
    """Find personal data without changing anything (used on answers and drafts before they leave)."""
    office = office or load_office()
    return [Entity(f.type, f.start, f.end, f.score) for f in _find(text, language, office, None)]


def redact(
    text: str,
    language: str | None = None,
    vault: Vault | None = None,
    *,
    office: OfficeConfig | None = None,
) -> Redacted:
    """Replace personal data with `[TYPE_n]` tags kept in `vault` (a new one when not given)."""
    if vault is None:
        vault = Vault()
    office = office or load_office()
    if "[" in text:
        for m in TAG.finditer(text):
            vault.reserve(m.group(0))
    found = _find(text, language, office, vault)
    if not found:
        return Redacted(text=text, entities=[], vault=vault)
    out: list[str] = []
    entities: list[Entity] = []
    cursor = 0
    for f in found:
        tag = vault.tag_for(f.type, f.key, text[f.start : f.end])
        out.append(text[cursor : f.start])
        out.append(tag)
        cursor = f.end
        entities.append(Entity(f.type, f.start, f.end, f.score, tag))
    out.append(text[cursor:])
    return Redacted(text="".join(out), entities=entities, vault=vault)


def restore(text: str, vault: Vault) -> str:
    """Put the original values back for tags the vault knows; unknown tags stay as they are."""
    if "[" not in text:
        return text

    def _back(m: re.Match[str]) -> str:
        value = vault.value(m.group(0))
        return m.group(0) if value is None else value

    return TAG.sub(_back, text)


def warm_up() -> None:
    """Build the analyzer and load the names list and the Swedish dictionary now, so the first
    messages a server gets do not wait for them (together about two seconds of CPU)."""
    from guardrails.analyzer import analyzer
    from guardrails.recognizers.names import gazetteer
    from guardrails.recognizers.swedish_words import is_swedish_word

    analyzer()
    gazetteer()
    is_swedish_word("ord")
