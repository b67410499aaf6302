"""Surnames joined to a given name by a particle: "Lucía de la Fuente Ortega", "Jürgen van der
Meer", "Karl von Linné", "Ana dos Santos", "Omar bin Laden".

Spanish, Portuguese, Italian, French, Dutch, German and Arabic names put a lower-case particle
(a preposition or article) between the given name and the family name. The recognisers find the
given name, and often the family name as a word apart ("Fuente", "Meer" are ordinary words), so
the particle cut the name in two and the second half was left. A found name followed by one to
three particles and a capitalised word is one name up to that word (and a second capitalised word
right after it: the Spanish second surname). A lower-case word after the particle ("Dolores de
cabeza") is no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit

# the particles of the naming customs above (lower case; "la"/"le"/"los" only after "de")
_PARTICLE = r"(?:de|del|della|di|da|das|dos|do|du|van|von|der|den|ten|ter|zu|bin|ibn|bint)"
_AFTER_NAME = re.compile(
    r"[ \t]" + _PARTICLE + r"(?:[ \t](?:la|las|los|le|der|den|dem|" + _PARTICLE[3:-1] + r"))?"
    r"[ \t]([A-ZÅÄÖÉÁÍÓÚÑÜ][\w'’]+(?:-[A-ZÅÄÖÉÁÍÓÚÑÜ][\w'’]+)?)"
    r"(?:[ \t]([A-ZÅÄÖÉÁÍÓÚÑÜ][\w'’]+(?:-[A-ZÅÄÖÉÁÍÓÚÑÜ][\w'’]+)?))?"
)
_HINT = re.compile(r" " + _PARTICLE + r" ")


def particle_names(text: str, hits: list[Hit]) -> Iterator[Hit]:
    """Found names widened over a particle and the capitalised family name after it."""
    if _HINT.search(text) is None:
        return
    for h in hits:
        if h.type != "NAMN":
            continue
        m = _AFTER_NAME.match(text, h.end)
        if m is None or "\n" in m.group(0):
            continue
        yield Hit("NAMN", h.start, m.end(), h.score)
