"""A name written right against a personnummer: the person the number identifies.

Writers put a person's name and personnummer side by side, in apposition ("ett barn i familjehem,
Nova, 20180927-8623"), in brackets ("Nova (20180927-8623)") or glued into a file name or a
subject line ("8701058631-Kim-årsräkning"). A checksum-valid personnummer there says a person is
meant, so the capitalised word beside it is that person's name even when the gazetteer does not
know it or it is also a word ("Nova").

A word opening a sentence is any word's place ("Barnet, 20180927-8623"), and Swedish capitalises
no noun in mid-sentence but a name: so a word in mid-sentence needs only its capital, a word at a
sentence start or after the number must be no Swedish or English word. Cheap on the common path:
nothing is looked at unless the text holds a number of a personnummer's shape.

Two readings, written in the same session by two engineers from two writers' messages and kept
side by side until they are measured against each other: `names_beside_personnummer` (one word
beside a checksum-valid number: apposition, brackets, a file name) and `names_before_ids` (up to
three capitalised words right before a number of the personnummer's shape that passes the check
digit or is masked, also after a "pnr"/"född" cue or wrapped to the next line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, luhn_ok, plausible_birth_date
from guardrails.recognizers.swedish_words import is_swedish_word
from guardrails.text.english_words import is_english_word

NAMN = "NAMN"

_UPPER = "A-ZÅÄÖÉÜØÆ"
_LOWER = "a-zåäöéüøæ"
# six ASCII digits in a row: the cheap first look (the analysed text is folded: look-alike digits
# are ASCII by then); most messages have none
_HINT = re.compile(r"[0-9]{6}")
# a personnummer with or without century, dash or plus (the number itself: a hint and the anchor)
_NUMBER = re.compile(r"(?<![\d+/.])(?:19|20)?\d{6}[-+]?\d{4}(?![\d])")
# a capitalised word, then a comma, a bracket, a space or a hyphen, right before the number
_WORD_BEFORE = re.compile(rf"(?<![\w'’-])([{_UPPER}][{_LOWER}]{{1,24}})(,[ \t]*|[ \t]*\([ \t]*|[ \t]+|-)$")
# a hyphen or an underscore and a capitalised word right after the number (a file name, a subject)
_WORD_AFTER = re.compile(rf"[-_]([{_UPPER}][{_LOWER}]{{1,24}})(?![\w])")
# a sentence (or a line, a label) ends right before the word: there a capital says nothing
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|(?:^|\n)[ \t]*[-*•])[ \t\"'«(]*$")
# a mid-sentence word before the number: a lower-case word, then a space or a comma
_MID_SENTENCE = re.compile(rf"[{_LOWER}],?[ \t]+$")


def _valid(number: str) -> bool:
    digits = number.replace("-", "").replace("+", "")
    ten = digits[-10:]
    return plausible_birth_date(ten[2:4], ten[4:6]) and luhn_ok(ten)


def _word(word: str, stops: frozenset[str]) -> bool:
    """A stop word, an ordinary word or a known place or body ("från Malmö 19..."): no holder."""
    from guardrails.recognizers.names import gazetteer  # (names imports this module)

    low = word.lower()
    return low in stops or is_swedish_word(word) or is_english_word(low) or word in gazetteer().proper


def names_beside_personnummer(text: str, stops: frozenset[str]) -> Iterator[Hit]:
    """`stops`: the stop words of the languages read (never a name)."""
    if _HINT.search(text) is None:
        return
    for n in _NUMBER.finditer(text):
        if not _valid(n.group(0)):
            continue
        window = max(0, n.start() - 30)
        m = _WORD_BEFORE.search(text, window, n.start())
        if m is not None and m.group(1).lower() not in stops:
            prefix = text[max(0, m.start() - 30) : m.start()]
            mid_sentence = _SENTENCE_START.search(prefix) is None and _MID_SENTENCE.search(prefix) is not None
            # a bare space or a hyphen joins a label as often as a name ("Personnummer 19..."): there,
            # and at a sentence start, only a word that is no ordinary word
            apposition = mid_sentence and m.group(2).strip(" \t") in (",", "(")
            if apposition or not _word(m.group(1), stops):
                yield Hit(NAMN, m.start(1), m.end(1), 0.65)
        after = _WORD_AFTER.match(text, n.end())
        if after is not None and not _word(after.group(1), stops):
            yield Hit(NAMN, after.start(1), after.end(1), 0.65)


# `names_before_ids`: the capitalised words right before a number of the personnummer's shape.

_ID_SHAPE = re.compile(
    r"(?<![\d-])(?:19|20)?\d{2}(0[1-9]|1[0-2])([0-3]\d|[6-9]\d)[-+]?[ \t]?\n?[\dXx]{4}(?![\d\w])"
)
_HOLDER_UP = "A-ZÅÄÖÉÜ"
_HOLDER_LO = "a-zåäöéüáíóúñçøæ"
_HOLDER_WORD = rf"[{_HOLDER_UP}][{_HOLDER_LO}]+(?:-[{_HOLDER_UP}][{_HOLDER_LO}]+)?"
# up to three words, then at most a comma, bracket or colon and a personnummer cue
_HOLDER_BEFORE = re.compile(
    rf"((?:{_HOLDER_WORD}[ \t]+){{0,2}}{_HOLDER_WORD})[ \t]*(?:[,(:][ \t]*)?"
    r"(?:(?i:pnr|personnummer|pers\.?[ ]?nr|p-nr|född|f\.)[.:]?[ \t]*)?$"
)
_HOLDER_TOKEN = re.compile(rf"{_HOLDER_WORD}")


def names_before_ids(text: str) -> Iterator[Hit]:
    if not any(map(str.isdigit, text)):  # (asked of every message: no Python frame per character)
        return
    for m in _ID_SHAPE.finditer(text):
        if not plausible_birth_date(m.group(1), m.group(2)):
            continue
        number = "".join(ch for ch in m.group(0) if ch.isdigit())[-10:]
        if len(number) == 10 and not luhn_ok(number):
            continue  # a number of that shape that fails the check is an invoice's or an order's
        window_start = max(0, m.start() - 60)
        before = _HOLDER_BEFORE.search(text, window_start, m.start())
        if before is None:
            continue
        tokens = list(_HOLDER_TOKEN.finditer(text, before.start(1), before.end(1)))
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
