"""HTML character references in pasted text ("anna&#64;telia.se", "Anna&nbsp;Berg", "&lt;b&gt;"):
decoded before detection, with a map back to the original offsets.

Mail clients, web forms and copied web pages leave references behind; an address written
"olof.bark&#64;telia.com" is an address to a reader, so the recognisers must see the "@". Only
well-formed references with their closing ";" are decoded (the set `html.unescape` knows), so a
lone "&" in ordinary text ("Berg & Son") is never touched.
"""

from __future__ import annotations

import html
import re

_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def has_reference(text: str) -> bool:
    return "&" in text and _REFERENCE.search(text) is not None


def decoded(text: str) -> tuple[str, list[int], list[int]]:
    """`text` with its character references decoded, and for each character of the result the
    [start, end) of the original characters it comes from (a reference maps to all of itself)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _REFERENCE.finditer(text):
        out.append(text[pos : m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        value = html.unescape(m.group(0))
        if value == m.group(0):  # not a reference html knows: left as it is
            value_starts = list(range(m.start(), m.end()))
            value_ends = [k + 1 for k in value_starts]
        else:
            value_starts = [m.start()] * len(value)
            value_ends = [m.end()] * len(value)
        out.append(value)
        starts.extend(value_starts)
        ends.extend(value_ends)
        pos = m.end()
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends
