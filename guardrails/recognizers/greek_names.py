"""Names written in Greek script inside a message in a Latin-script language ("my uncle Νίκος
Παπαδόπουλος lives at ...", "Ελένη Νικολάου ringde").

There is no Greek gazetteer here, but a writer who switches to Greek script for two or three
capitalised words in a Swedish or English message is writing a name as it is spelled at home
(a name, or a street: "Οδός Ερμού", "Λεωφόρος ..."): ordinary words are written in the message's own
language. So in a message mostly in Latin script (more Latin words than Greek), two or three
capitalised Greek words in a row are a name; a street head ("Οδός", "Λεωφόρος") with its house
number is an address. A message
mostly in Greek is left to cues (none are known here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit

_GREEK_LETTER = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_CAPITALISED = r"[\u0386\u0388-\u038f\u0391-\u03ab\u1f08-\u1f0f\u1f18-\u1f1d\u1f28-\u1f2f\u1f38-\u1f3f\u1f48-\u1f4d\u1f59-\u1f5f\u1f68-\u1f6f][\u03ac-\u03ce\u1f00-\u1f07\u1f10-\u1f15\u1f20-\u1f27\u1f30-\u1f37\u1f40-\u1f45\u1f50-\u1f57\u1f60-\u1f67\u1f70-\u1f7d\u1fb0-\u1fb7\u1fc2-\u1fc7\u1fd0-\u1fd7\u1fe0-\u1fe7\u1ff2-\u1ff7]+"  # noqa: E501
_RUN = re.compile(
    rf"(?<![\w])({_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{1,2}})(?:[ \t]+(\d{{1,4}}[α-ω]?))?(?![\w])"
)
_STREET_HEADS = frozenset({"Οδός", "Οδος", "Λεωφόρος", "Λεωφ", "Πλατεία"})
_LATIN_WORD = re.compile(r"(?<![\w])[A-Za-zÀ-ÿ]{2,}")
_GREEK_WORD = re.compile(r"(?<![\w])[\u0370-\u03ff\u1f00-\u1fff]{2,}")


def has_greek(text: str) -> bool:
    return _GREEK_LETTER.search(text) is not None


def greek_names(text: str) -> Iterator[Hit]:
    if len(_LATIN_WORD.findall(text)) <= len(_GREEK_WORD.findall(text)):
        return  # a message mostly in Greek: no cue to go by
    for m in _RUN.finditer(text):
        words = m.group(1).split()
        if words[0] in _STREET_HEADS:
            if m.group(2):
                yield Hit("ADRESS", m.start(1), m.end(2), 0.8)
            continue
        yield Hit("NAMN", m.start(1), m.end(1), 0.75)
