"""Letter-spaced values ("Ö F 2 0 2 5 / 0 3 1 9"): read with the spaces between single characters
taken out, with a map back to the original offsets, so a recogniser written for the compact form
finds the value and redaction replaces the spaced original."""

from __future__ import annotations

import re

# at least six single characters (letters, digits or a number's marks) in a row, each apart by one
# space, digits among them
_SPACED = re.compile(r"(?<!\S)(?:[\w/.:-] ){5,}[\w/.:-](?![^\s,;!?)])")


def has_spaced_run(text: str) -> bool:
    return _SPACED.search(text) is not None


def compacted(text: str) -> tuple[str, list[int]]:
    """`text` with the spaces inside letter-spaced runs that hold digits taken out (a space kept
    where letters turn into digits: "Ö F 2 0 2 5 / 0 3 1 9" -> "ÖF 2025/0319"), and for each
    character of the result the offset of the original character it stands for."""
    return compact_runs(text, _SPACED)


def compact_runs(text: str, runs: re.Pattern[str]) -> tuple[str, list[int]]:
    """`text` with the spaces inside the runs `runs` finds that hold digits taken out, a space kept
    where letters turn into digits or back, and the offset map back to the original."""
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in runs.finditer(text):
        if not any(c.isdigit() for c in m.group(0)):
            continue
        out.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        for k in range(m.start(), m.end(), 2):
            if (k > m.start() and text[k].isalpha() and text[k - 2].isdigit()) or (
                k > m.start() and text[k].isdigit() and text[k - 2].isalpha()
            ):
                out.append(" ")
                where.append(k - 1)
            out.append(text[k])
            where.append(k)
        pos = m.end()
    out.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(out), where
