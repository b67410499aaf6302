"""Words broken over a line with a hyphen ("Bergqvi-\\nst", "Lillå-\\nvägen 3", "UPP-\\nSALA"), as
scanned letters, OCR output and narrow form fields leave them: read joined before detection, with a
map back to the original offsets.

Only a hyphen at the very end of a line, between two letters of the same case on either side
(lower case after it, or capitals on both sides), is taken for a break inside one word: a double
name broken at its own hyphen ("Anna-\\nKarin") keeps it, and so does a list of compounds
("vård-\\noch omsorg" joins to a non-word, which no recogniser reads as personal data).
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"(?<=[^\W\d_]{2})-[ \t]*\r?\n[ \t]*(?=[^\W\d_]{2})")


def has_broken_word(text: str) -> bool:
    return "-" in text and "\n" in text and any(_same_case(text, m) for m in _BREAK.finditer(text))


def _same_case(text: str, m: re.Match[str]) -> bool:
    before, after = text[m.start() - 1], text[m.end()]
    return after.islower() or (before.isupper() and after.isupper() and text[m.end() + 1].isupper())


def joined(text: str) -> tuple[str, list[int], list[int]]:
    """`text` with the hyphen and line break of each broken word taken out, and for each character
    of the result the [start, end) of the original characters it comes from (the letter before a
    break also stands for the hyphen and the break, so a span ending there takes them)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _BREAK.finditer(text):
        if not _same_case(text, m):
            continue
        out.append(text[pos : m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        ends[-1] = m.end()
        pos = m.end()
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends
