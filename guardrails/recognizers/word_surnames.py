"""A surname that is also an ordinary word, right after a name already found, where the word is closed off.

"Rutger Sill 070-…", "Lars Erik Lind (gode mannen)", `"huvudman":"Maja Ek"`, "Tochter von Lena Wirt.":
Swedish capitalises no noun in mid-text, so a capitalised word right after a given name is its
surname, but the name rules hold back a dictionary word at a sentence start or after a weak cue
("Anna Skriv under"). What settles it here is what follows the word: nothing more of a sentence
(a comma, a bracket, a quote, a full stop, a line end) or a number (a phone number). A word that goes
on into a clause ("Anna Tack för …") is left to the name rules. Stop words, verbs, words never a name
alone, street words and public bodies are never taken. One precompiled match per name found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guardrails.recognizers.base import PUBLIC_BODY, Hit

NAMN = "NAMN"

# one space, then a capitalised word (the rest in lower case), then what closes it off
_NEXT = re.compile(r" ([A-ZÅÄÖÉÜ][a-zåäöéüøæ]{1,20})(?=[ \t]*(?:[,;:)(\"”»]|[.!?](?:\s|$)|\n|$|[+(]?\d))")
_STREET = re.compile(
    r"(?:gatan|vägen|gränd|stigen|backen|torget|stråket|gången|allén|leden|svängen|platsen)$"
)
_WORDS = re.compile(r"[^\W\d_]+")
# an Arabic surname with its article or kin word glued by a hyphen ("Huda al-Khatib", "Omar abu-Saleh"):
# the lower-case prefix and the capital after it are no prose, so nothing need close it off
_PARTICLE_NEXT = re.compile(
    r" ((?:al|el|ad|ar|as|ash|at|az|ud|ul|abu|bin|ibn|bint)-[A-Z][a-z]{1,20})(?![\w-])"
)


def _given(gaz: object, word: str, rank: int) -> bool:
    if not word[:1].isupper() or word.isupper():
        return False
    info = gaz.lookup(word)  # type: ignore[attr-defined]
    return info is not None and info.first and not info.common and info.rank % 10000 <= rank


def word_surnames(
    text: str,
    hits: Iterable[Hit],
    gaz: object,
    stops: frozenset[str],
    never: frozenset[str],
    verbs: frozenset[str],
    rank: int,
) -> Iterator[Hit]:
    """Each name hit extended over the closed-off capitalised word right after it (see docstring);
    `rank`: the given names' highest rank in the gazetteer (its ranks above 10 000 are other countries')."""
    for h in hits:
        if h.type != NAMN or h.end >= len(text) or text[h.end] != " ":
            continue
        m = _NEXT.match(text, h.end) or _PARTICLE_NEXT.match(text, h.end)  # (cheap tests first)
        if m is None:
            continue
        # only after given names in their capitalised form ("Berit", "Nils Åke"; not "berit", "BERIT"),
        # each one of the most common first names of Sweden or of the names data set's other
        # countries and none of them a word ("Anders Björk Bygg": Björk is a word, the pair a full
        # name and "Bygg" its firm's)
        words = _WORDS.findall(text, h.start, h.end)
        if not words or len(words) > 3 or not all(_given(gaz, w, rank) for w in words):
            continue
        word = m.group(1).split("-")[-1]
        lower = word.lower()
        if lower in stops or word in never or lower in verbs or _STREET.search(lower):
            continue
        if PUBLIC_BODY.match(word) is not None:
            continue
        known = gaz.lookup(word)  # type: ignore[attr-defined]
        if known is not None and not known.alone:
            continue  # a month or a weekday ("Anna Maj," is a date's word, not a surname)
        yield Hit(NAMN, h.start, m.end(1), h.score)
