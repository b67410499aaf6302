"""The sentences of a stored passage, as answers quote them.

Shared by ingest (which embeds every sentence once, ahead of time) and the composers (which pick
sentences to quote), so a sentence's text is the same key on both sides; each line is split by the
toolkit's splitter, the one the output check reads the answer with. A passage's "# heading" line is
not a sentence: it is the frame its sentences are quoted in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guardrails.text.sentences import is_list_item, split_sentences, without_bullet

_HEADING = re.compile(r"^\s*#{1,6}\s+")


@dataclass(frozen=True)
class ListSentence:
    """A line ending in ':' and the bullet items under it, which read as one sentence."""

    lead: str
    items: tuple[str, ...]

    @property
    def text(self) -> str:
        """The sentence as `passage_sentences` gives it: 'Lead: a, b, c.'"""
        return self.joined(self.items)

    def joined(self, items: tuple[str, ...] | list[str]) -> str:
        """The lead with some of the items (a shorter quote of the same list)."""
        if not items:
            return self.lead
        return f"{self.lead} {', '.join(i.rstrip('.;,') for i in items)}."

    def lines(self, items: tuple[str, ...] | list[str] | None = None) -> str:
        """The list as it is shown: the lead, then one "- item" line per item."""
        chosen = self.items if items is None else items
        if not chosen:
            return self.lead
        if len(chosen) == 1:
            return self.joined(chosen)
        return "\n".join([self.lead, *(f"- {i.rstrip(';,')}" for i in chosen)])


@dataclass(frozen=True)
class _Unit:
    text: str
    listed: ListSentence | None = None
    item: int | None = None  # which bullet item of a list with no lead line it is part of


def passage_sentences(text: str) -> list[str]:
    """Sentences of a passage; bullet items after a line ending in ':' join that line as a list."""
    return [unit.text for unit in _units(text)]


def passage_lists(text: str) -> list[ListSentence]:
    """The lists among a passage's sentences, with their items apart (to quote only some of them)."""
    return [unit.listed for unit in _units(text) if unit.listed is not None]


def passage_items(text: str) -> list[tuple[str, ...]]:
    """The sentences of each bullet item of a list with no lead line: such a list hangs on the
    section heading ("Detta kräver samtycke" › "Köpa eller sälja fastighet."), and an item often
    starts with a label ("Bevaka rätt." › "Den gode mannen företräder huvudmannen ...")."""
    items: dict[int, list[str]] = {}
    for unit in _units(text):
        if unit.item is not None:
            items.setdefault(unit.item, []).append(unit.text)
    return [tuple(sentences) for sentences in items.values()]


@lru_cache(maxsize=8192)
def _units(text: str) -> tuple[_Unit, ...]:
    # Cached: the composer asks for a passage's sentences, lists and items in turn, and the same
    # passages come back question after question.
    out: list[_Unit] = []
    lead: str | None = None
    items: list[str] = []
    bullets = 0

    def flush() -> None:
        nonlocal lead, items
        if lead is not None:
            listed = ListSentence(lead, tuple(items)) if items else None
            out.append(_Unit(listed.text, listed) if listed else _Unit(lead))
        lead, items = None, []

    for raw in text.splitlines():
        if _HEADING.match(raw):
            continue  # the section heading a passage opens with is not a sentence
        line = raw.strip()
        if not line:
            continue
        bullet = is_list_item(line)
        if bullet and lead is not None:
            items.append(without_bullet(line).strip())
            continue
        flush()
        parts = split_sentences(without_bullet(line))
        if parts and parts[-1].endswith(":"):
            lead = parts.pop()
        item = None
        if bullet:
            item, bullets = bullets, bullets + 1
        out.extend(_Unit(part, item=item) for part in parts)
    flush()
    return tuple(out)
