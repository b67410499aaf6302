"""Redaction and pseudonymisation: personal data -> `[TYPE_n]` tags, and back with a vault.

`redact` runs the analyzer, drops what the office's allow list says is public, resolves
overlapping findings (highest score, then longest span wins), and replaces each finding with a
tag that is stable within the vault: the same personnummer typed with or without century or
dash, or the same phone number in another format, gets the same tag. Tags already in the text
are never re-tagged, so redacting redacted text changes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from guardrails.entities import Entity, Redacted
from guardrails.normalise import value_key
from guardrails.office import OfficeConfig, load_office
from guardrails.vault import Vault

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult

TAG = re.compile(r"\[[A-ZÅÄÖ]+_\d+\]")
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


def analyze(text: str, language: str | None) -> list[RecognizerResult]:
    # Imported on first use: loading Presidio takes seconds, `import guardrails` should not.
    from guardrails.analyzer import analyze as _analyze

    return _analyze(text, language)


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


def _select(text: str, results: list[RecognizerResult], office: OfficeConfig) -> list[RecognizerResult]:
    if not results:
        return []
    tags = _Intervals(m.span() for m in TAG.finditer(text)) if "[" in text else None
    allow = _allow_list(office)
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


def scan(text: str, language: str | None = None, *, office: OfficeConfig | None = None) -> list[Entity]:
    """Find personal data without changing anything (used on answers and drafts before they leave)."""
    office = office or load_office()
    return [
        Entity(r.entity_type, r.start, r.end, round(float(r.score), 3))
        for r in _select(text, analyze(text, language), office)
    ]


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
    found = _select(text, analyze(text, language), office)
    if not found:
        return Redacted(text=text, entities=[], vault=vault)
    out: list[str] = []
    entities: list[Entity] = []
    cursor = 0
    for r in found:
        value = text[r.start : r.end]
        tag = vault.tag_for(r.entity_type, value_key(r.entity_type, value), value)
        out.append(text[cursor : r.start])
        out.append(tag)
        cursor = r.end
        entities.append(Entity(r.entity_type, r.start, r.end, round(float(r.score), 3), tag))
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
