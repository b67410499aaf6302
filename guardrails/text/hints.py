"""A regex that says whether any of many literal words occurs in a text, for cheap first looks.

`re` tries the alternatives of `a|b|c|...` one by one at every position of the text; written as a
tree of shared prefixes ("f(?:em|yr)ti") it tries one branch per character instead, five times
faster on the 190 birth-cue hints. Only whether a word occurs is kept, not which one: a word that
another word begins with ends its branch (where the longer one occurs, so does the shorter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key that marks the end of a word in the tree


def any_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose `search` finds a match exactly when one of `words` occurs (case as given)."""
    tree: dict[str, dict] = {}
    for word in words:
        if not word:
            raise ValueError("an empty hint would match every text")
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return re.compile(_branch(tree) if tree else "(?!)")  # (no words: a pattern that never matches)


def _branch(node: dict[str, dict]) -> str:
    if _END in node:
        return ""  # a word ends here: the longer words through this node add no match
    alternatives = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items())]
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
