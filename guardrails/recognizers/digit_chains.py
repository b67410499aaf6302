"""Digit chains: numbers written in any grouping, for checksum-based recognition.

A person can write one personnummer as "19500101-1237", "1950 01 01 12 37", "500101.1237",
"19500101/1237", "pnr19500101-1237s", "19500101_1237", "1 9 5 0 0 1 0 1 1 2 3 7" or (after
folding) with full-width digits or a zero-width space inside. A chain is a run of digit groups
joined by short separators (spaces, or one punctuation mark with up to two spaces around it);
letters around it do not matter. `windows` yields the runs of whole groups inside a chain with a
given number of digits, so "pnr 19500101-1237 070-174 06 12" offers both numbers.

Which windows are numbers at all is the caller's choice, helped by `Window.plain` (every
separator is one a number is usually written with: space, dash, dot, slash, plus) and
`Window.uniform` (every separator is the same mark: "4111_1111_1111_1111", "19500101,1237" -
a list of different numbers rarely repeats one odd mark, "2024-05-12, 2024-06-12" mixes them).

The work is linear: a window is found by looking its end up in the running digit count (one
dictionary look-up per group and size), and digits are joined only for the windows that fit, so a
4 300-digit run or ten thousand one-digit groups cost a few milliseconds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

_PUNCT = r"[-./+_,:;·•|\\*~=]"
# a separator: spaces, one mark with spaces around it, or a line break (a number wrapped at the
# end of a line: "20120608-\n9888")
_SEP = (
    r"[ \t]{0,2}" + _PUNCT + r"[ \t]{0,2}"
    r"|[ \t]{1,3}"
    r"|[ \t]{0,2}(?:" + _PUNCT + r"[ \t]{0,2})?\n[ \t]{0,2}"
)
CHAIN = re.compile(r"\d+(?:(?:" + _SEP + r")\d+)*")
_GROUP = re.compile(r"\d+")
# No real number is written in more groups than this ("19 50 01 01 12 37" has six, a card five),
# except digit by digit ("4 1 1 1 1 1 ..."), which may have as many groups as digits.
MAX_GROUPS = 8
_PLAIN = frozenset(" -./+")
_MAX_SPELLED = 19  # the longest number typed digit by digit (a card)


class Window(NamedTuple):
    start: int
    end: int
    digits: str
    groups: tuple[int, ...]  # the digit count of each group, e.g. (8, 4) for "19500101-1237"
    seps: tuple[str, ...]  # each separator as its mark ("-", "_", ...) or " " for spaces only

    @property
    def plain(self) -> bool:
        """Every separator is a usual one (space, dash, dot, slash, plus), and at most one holds a
        line break."""
        wrapped = sum(1 for s in self.seps if "\n" in s)
        return wrapped <= 1 and all(s.replace("\n", "") in _PLAIN or s == "\n" for s in self.seps)

    @property
    def uniform(self) -> bool:
        """Every separator is the same mark."""
        return len(set(self.seps)) <= 1

    @property
    def acceptable(self) -> bool:
        """Written the way one number is written: usual separators, or one odd mark throughout;
        more than MAX_GROUPS groups only digit by digit with one mark."""
        if len(self.groups) > MAX_GROUPS:
            if not all(n == 1 for n in self.groups):
                return False
            return self.uniform or self.marked_parts
        return self.plain or self.uniform

    @property
    def marked_parts(self) -> bool:
        """Digit by digit with the number's parts marked by a second separator used at most three
        times: "1 9 5 7 1 1 2 1 - 2 8 9 3", "0 7 0 / 1 7 4 / 0 6 / 7 3", "8,9,0,8,1,3-3,7,9,9"."""
        kinds: dict[str, int] = {}
        for sep in self.seps:
            kinds[sep] = kinds.get(sep, 0) + 1
        return len(kinds) == 2 and min(kinds.values()) <= 3


def chains(text: str) -> Iterator[re.Match[str]]:
    return CHAIN.finditer(text)


def _mark(sep: str) -> str:
    stripped = sep.replace(" ", "").replace("\t", "")
    return stripped if stripped else " "


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
    # digit by digit: the length of the run of one-digit groups each group is in ("1 2 3 ..." of
    # ten thousand digits is no number spelled out: its windows are not offered)
    single_run = [0] * len(groups)
    k = 0
    while k < len(groups):
        m = k
        while m < len(groups) and groups[m][1] - groups[m][0] == 1:
            m += 1
        for q in range(k, m):
            single_run[q] = m - k
        k = max(m, k + 1)
    wanted = sorted((n for n in sizes if n <= max_digits), reverse=True)  # the longest number first
    for i, (start, _) in enumerate(groups):
        for n in wanted:
            j = index.get(cum[i] + n)
            if j is None or (j - i > MAX_GROUPS and (j - i != n or single_run[i] > _MAX_SPELLED)):
                continue  # more than MAX_GROUPS groups only when every group is one digit
            parts = groups[i:j]
            yield Window(
                start,
                parts[-1][1],
                "".join(text[a:b] for a, b in parts),
                tuple(b - a for a, b in parts),
                tuple(_mark(text[parts[k][1] : parts[k + 1][0]]) for k in range(len(parts) - 1)),
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
