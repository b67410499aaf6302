"""A capitalised word right after a noun that names a place, a room or a unit is that place's name.

"Region Gotland", "i sal Berg", "mötesrummet Ekorren", "avdelning Björken", "kvarteret Sälgen": the
head noun says what the name is of, so the word is no person even when it is also a surname or
the word model would take it for one. Used by the name rules and on the word model's names; one
precompiled search of the few characters before a name.
"""

from __future__ import annotations

import re

_HEAD = re.compile(
    r"(?<![\wåäö])(?i:region|regionen|landskapet|kvarteret|kvarter|stadsdelen|sal|salen|rum|rummet|"
    r"lokal|lokalen|konferensrum|konferensrummet|mötesrum|mötesrummet|sammanträdesrum|"
    r"sammanträdesrummet|avdelning|avdelningen|avd\.?)[ \t]$"
)


def after_place_head(text: str, start: int) -> bool:
    """The name at `start` follows a head noun naming a place, room or unit (see the docstring)."""
    return _HEAD.search(text, max(0, start - 30), start) is not None
