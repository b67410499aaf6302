"""A number in a person's signature block is that person's line, even below an organisation's name.

A staff member signs a message "Name / Title / Body / Tfn 0141-22 50 47": the body's name stands
right above the number, so the rule that a body's name owns the value after it (`base.public_owner`)
would read the direct line as the body's. But a switchboard is marked as one ("Växel", four zeros);
a number on its own line under a person's title is that person's. The test is cheap: it looks only
at the two lines above the number, and only when the number starts its line.
"""

from __future__ import annotations

import re

# a short label may stand before the number on its line ("Tfn", "Tel.", "Mobil:", "Direkt")
_LINE_START = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:tfn|tel|telefon|mobil|mob|mobilnr|direkt|direktnr|phone|mobile|puh|puhelin)"
    r"\.?:?[ \t]*)?$",
    re.IGNORECASE,
)
# a person's title: an agent noun ("handläggare", "socialsekreterare", "förvaltare", "kurator"),
# a head ("enhetschef"), a nurse or assistant; matched on whole words
_TITLE = re.compile(
    r"(?<![\w])[^\W\d_]*(?:are|chef|kurator|sköterska|assistent|samordnare|rådgivare|officer|manager|"
    r"coordinator|worker|ohjaaja|sihteeri)(?![\w])",
    re.IGNORECASE,
)


def personal_signature(text: str, start: int) -> bool:
    """The number at `start` opens its line, and one of the two lines above names a person's title."""
    line_start = text.rfind("\n", 0, start)
    if line_start < 0 or _LINE_START.search(text, max(0, line_start), start) is None:
        return False
    above_start = line_start
    for _ in range(2):
        above_start = text.rfind("\n", 0, above_start)
        if above_start < 0:
            above_start = -1
            break
    return _TITLE.search(text, above_start + 1, line_start) is not None
