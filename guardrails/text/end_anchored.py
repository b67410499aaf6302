"""Cue patterns that only match at the end of a text, searched over the tail where a match can start.

The cues before a word ("jag heter", "ابني", "min mamma") are patterns of the form `...[ \\t]*$`
searched in the 40 characters before the word. Such a match is a part of bounded width, then white
space, then the end: it cannot start further back than that width plus the text's trailing white
space. Searching from there returns the same match as searching the whole text (the leftmost one;
a lookbehind still reads the characters before the start position), and skips most of the
positions, where a large alternation costs about a microsecond each.
"""

from __future__ import annotations

import re
import sys
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_UNBOUNDED = getattr(sre_parse, "MAXWIDTH", sre_constants.MAXREPEAT)


def _only_white(items: Any) -> bool:
    """A character class (or one character) that matches white space only."""
    if not isinstance(items, sre_parse.SubPattern) or len(items.data) != 1:
        return False
    op, arg = items.data[0]
    if op is sre_constants.LITERAL:
        return chr(arg).isspace()
    if op is not sre_constants.IN:
        return False
    for member_op, member in arg:
        if member_op is sre_constants.LITERAL and chr(member).isspace():
            continue
        if member_op is sre_constants.CATEGORY and member is sre_constants.CATEGORY_SPACE:
            continue
        return False
    return True


def bounded_width(pattern: re.Pattern[str]) -> int | None:
    """The widest match of `pattern` before its trailing white-space runs and `$`, or None when the
    pattern is not of that shape or that part has no bound."""
    if pattern.flags & re.MULTILINE:
        return None  # `$` would match at every line end
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    items = list(tree.data)
    if not items or items[-1] != (sre_constants.AT, sre_constants.AT_END):
        return None
    items.pop()
    # (a run of white space before the end: `[ \t]*`, `\s*`, `[ \t\n]*`)
    while items and items[-1][0] in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, body = items[-1][1]
        if low != 0 or not _only_white(body):
            break
        items.pop()
    width = sre_parse.SubPattern(tree.state, items).getwidth()[1]
    return None if width >= _UNBOUNDED else int(width)


class EndAnchored:
    """`pattern` with a `search` that starts where a match can start (see the module docstring);
    everything else is the pattern's own."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self._width = bounded_width(pattern)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        width = self._width
        if width is not None:
            end = min(endpos, len(text))
            stop = end
            # the trailing white space (every class the tail may repeat is white space)
            while stop > pos and text[stop - 1].isspace():
                stop -= 1
            pos = max(pos, stop - width)
        return self._pattern.search(text, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


def end_anchored(pattern: re.Pattern[str]) -> EndAnchored:
    return EndAnchored(pattern)
