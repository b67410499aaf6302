"""The person a personnummer belongs to: the capitalised words right before it.

Registers, forms and handlers write a person as name then number ("Jon Flod, 19520401-1234",
"hm Elof Ring pnr 1938...", "för Anan Srisuk (19600203-...)"). The words right before a number
shaped like a personnummer (a valid month and day, samordningsnummer days too, the last four
digits masked or passing the check digit, perhaps wrapped to the next line) are that person's
name when they read as one: each a capitalised word that the names list knows or that is no
Swedish word and no known place or body. A surname that is also a word ("Flod", "Ring") counts
right after a known given name. Cheap on the common path:
nothing is looked at unless the text holds a ten-digit run of that shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, luhn_ok
from guardrails.recognizers.swedish_words import is_swedish_word

NAMN = "NAMN"

_ID = re.compile(
    r"(?<![\d-])(?:19|20)?\d{2}(0[1-9]|1[0-2])([0-3]\d|[6-9]\d)[-+]?[ \t]?\n?[\dXx]{4}(?![\d\w])"
)
_UP = "A-ZÅÄÖÉÜ"
_LO = "a-zåäöéüáíóúñçøæ"
_WORD = rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
# up to three words, then at most a comma, bracket or colon and a personnummer cue
_BEFORE = re.compile(
    rf"((?:{_WORD}[ \t]+){{0,2}}{_WORD})[ \t]*(?:[,(:][ \t]*)?"
    r"(?:(?i:pnr|personnummer|pers\.?[ ]?nr|p-nr|född|f\.)[.:]?[ \t]*)?$"
)
_TOKEN = re.compile(rf"{_WORD}")


def names_before_ids(text: str) -> Iterator[Hit]:
    if not any(ch.isdigit() for ch in text):
        return
    for m in _ID.finditer(text):
        day = int(m.group(2))
        if not (1 <= day <= 31 or 61 <= day <= 91):
            continue
        number = "".join(ch for ch in m.group(0) if ch.isdigit())[-10:]
        if len(number) == 10 and not luhn_ok(number):
            continue  # a number of that shape that fails the check is an invoice's or an order's
        window_start = max(0, m.start() - 60)
        before = _BEFORE.search(text, window_start, m.start())
        if before is None:
            continue
        tokens = list(_TOKEN.finditer(text, before.start(1), before.end(1)))
        kept = _holder(text, tokens)
        if kept:
            yield Hit(NAMN, kept[0].start(), kept[-1].end(), 0.7)


def _mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return bool(before) and (before[-1].isalpha() or before[-1] == ",")


def _holder(text: str, tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    """The trailing tokens that read as a name (see the module docstring)."""
    from guardrails.recognizers.names import gazetteer

    gaz = gazetteer()
    kept: list[re.Match[str]] = []
    for k in range(len(tokens) - 1, -1, -1):
        word = tokens[k].group(0)
        info = gaz.lookup(word)
        plain = len(word) >= 3 and not is_swedish_word(word.lower()) and word not in gaz.proper
        known = info is not None and not info.common and word not in gaz.proper
        # the last word may be a word ("Flod") when a known given name stands right before it (one
        # that is also a word only in the middle of a sentence: "brukare, Jon Flod, 1940...")
        word_surname = (
            not kept
            and k > 0
            and len(word) >= 3
            and (given := gaz.lookup(tokens[k - 1].group(0))) is not None
            and given.first
            and (not given.common or _mid_sentence(text, tokens[k - 1].start()))
        )
        if not (plain or known or word_surname):
            break
        kept.insert(0, tokens[k])
    return kept
