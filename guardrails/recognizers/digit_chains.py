"""Digit chains: numbers written in any grouping, for checksum-based recognition.

A person can write one personnummer as "19500101-1237", "1950 01 01 12 37", "500101.1237",
"19500101/1237", "pnr19500101-1237s" or (after folding) with full-width digits or a zero-width
space inside. A chain is a run of digit groups joined by single separators (space, dash, dot,
slash, plus); letters around it do not matter. `windows` yields the runs of whole groups inside a
chain with a given number of digits, so "pnr 19500101-1237 070-174 06 12" offers both numbers.

The work is linear: a window is found by looking its end up in the running digit count (one
dictionary look-up per group and size), and digits are joined only for the windows that fit, so a
4 300-digit run or ten thousand one-digit groups cost a few milliseconds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

CHAIN = re.compile(r"\d+(?:(?:[ \t]?[-./+][ \t]?|[ \t])\d+)*")
_GROUP = re.compile(r"\d+")
# No real number is written in more groups than this ("19 50 01 01 12 37" has six, a card five).
MAX_GROUPS = 8


class Window(NamedTuple):
    start: int
    end: int
    digits: str
    groups: tuple[int, ...]  # the digit count of each group, e.g. (8, 4) for "19500101-1237"


def chains(text: str) -> Iterator[re.Match[str]]:
    return CHAIN.finditer(text)


def windows(text: str, match: re.Match[str], sizes: frozenset[int], max_digits: int) -> Iterator[Window]:
    """Runs of whole groups inside one chain whose digit count is in `sizes`, by start and, at one
    start, longest first (a 12-digit personnummer before the 10 digits it begins with)."""
    base = match.start()
    groups = [(base + m.start(), base + m.end()) for m in _GROUP.finditer(match.group(0))]
    # cumulative digit counts: a window from group i to group j-1 has cum[j] - cum[i] digits
    cum = [0]
    for g_start, g_end in groups:
        cum.append(cum[-1] + g_end - g_start)
    index = {total: j for j, total in enumerate(cum)}
    wanted = sorted((n for n in sizes if n <= max_digits), reverse=True)  # the longest number first
    for i, (start, _) in enumerate(groups):
        for n in wanted:
            j = index.get(cum[i] + n)
            if j is None or j - i > MAX_GROUPS:
                continue
            parts = groups[i:j]
            yield Window(
                start,
                parts[-1][1],
                "".join(text[a:b] for a, b in parts),
                tuple(b - a for a, b in parts),
            )


class Taken:
    """Non-overlapping [start, end) spans already claimed, with O(log n) overlap checks (a text
    with thousands of numbers must not make every new candidate scan every old one)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
