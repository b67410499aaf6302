"""Quoted keys and values of pasted records ('{"huvudman":"Berit Kron","pnr":"..."}'): the quotes
read as spaces, same length, so a value is read after its key the way "huvudman: Berit Kron" is."""

from __future__ import annotations

import re

_PAIR = re.compile(r'"([^"\n]{1,40})"([ \t]*[:=][ \t]*)"([^"\n]{0,200})"')


def has_quoted_pair(text: str) -> bool:
    return '"' in text and _PAIR.search(text) is not None


def unquoted(text: str) -> str:
    return _PAIR.sub(lambda m: f" {m.group(1)} {m.group(2)} {m.group(3)} ", text)
