"""Digit chains: numbers written in any grouping, for checksum-based recognition.

A person can write one personnummer as "19500101-1237", "1950 01 01 12 37", "500101.1237",
"19500101/1237", "pnr19500101-1237s" or (after folding) with full-width digits or a zero-width
space inside. A chain is a run of digit groups joined by single separators (space, dash, dot,
slash, plus); letters around it do not matter. `windows` yields the runs of whole groups inside a
chain with a given number of digits, so "pnr 19500101-1237 070-174 06 12" offers both numbers.

The work is bounded: groups longer than the longest number asked for are never combined, and a
window never spans more than `max_digits` digits, so a 4 300-digit run costs one regex step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

CHAIN = re.compile(r"\d+(?:(?:[ \t]?[-./+][ \t]?|[ \t])\d+)*")


class Window(NamedTuple):
    start: int
    end: int
    digits: str
    groups: tuple[int, ...]  # the digit count of each group, e.g. (8, 4) for "19500101-1237"


def chains(text: str) -> Iterator[re.Match[str]]:
    return CHAIN.finditer(text)


def windows(text: str, match: re.Match[str], sizes: frozenset[int], max_digits: int) -> Iterator[Window]:
    """Runs of whole groups inside one chain whose digit count is in `sizes`."""
    base = match.start()
    groups = [(base + m.start(), base + m.end()) for m in re.finditer(r"\d+", match.group(0))]
    for i, (start, _) in enumerate(groups):
        digits = ""
        lengths: list[int] = []
        for g_start, g_end in groups[i:]:
            digits += text[g_start:g_end]
            lengths.append(g_end - g_start)
            if len(digits) > max_digits:
                break
            if len(digits) in sizes:
                yield Window(start, g_end, digits, tuple(lengths))
