"""A clearing number's own bank named right before it: the number after it is an account.

"min nya bank är ICA 9270 123 4567": a clearing number and account whose check digit fails (a
mistyped or made-up number) is otherwise taken only after a cue word ("konto", "clearing"). The
bank that owns the clearing range (the Swedish Bankers' Association's list, as the `bankkonto`
package holds it) named just before the number is as good a cue: nothing else names the bank of
a number's first four digits. One dictionary lookup and one window search per candidate.
"""

from __future__ import annotations

import re
from functools import cache

from bankkonto.clearing import get_bank_from_clearing_number
from bankkonto.exceptions import BankkontoException

_WINDOW = 30


@cache
def _bank_word(clearing: str) -> re.Pattern[str] | None:
    """The first word of the bank that owns `clearing` ("ICA" for 9270), as a whole-word pattern."""
    try:
        bank = get_bank_from_clearing_number(int(clearing[:4]))
    except (BankkontoException, ValueError, KeyError, IndexError):
        return None
    word = bank.split()[0] if bank else ""
    if len(word) < 3:
        return None
    return re.compile(rf"(?<![\wåäö]){re.escape(word)}(?![\wåäö])", re.IGNORECASE)


def bank_named_before(text: str, start: int, clearing: str) -> bool:
    """The bank owning `clearing` (the number at `start`) is named within a few words before it."""
    pattern = _bank_word(clearing)
    return pattern is not None and pattern.search(text, max(0, start - _WINDOW), start) is not None
