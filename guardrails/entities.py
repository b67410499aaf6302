"""What redaction finds and returns: typed spans and the redacted text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guardrails.vault import Vault

# The identifier types whose value is its digits (a recurrence in another grouping is the same value;
# a corrected value is written in the same shape).
DIGIT_IDENTIFIER_TYPES = frozenset(
    {
        "PERSONNUMMER",
        "TELEFON",
        "BANKKONTO",
        "KORTNUMMER",
        "BANKGIRO",
        "PLUSGIRO",
        "ORGANISATIONSNUMMER",
        "ARENDENUMMER",
    }
)


@dataclass(frozen=True)
class Entity:
    """One piece of personal data: offsets into the original text, never the value itself."""

    type: str  # e.g. PERSONNUMMER, NAMN, TELEFON, EPOST, BANKKONTO, ADRESS, ...
    start: int
    end: int
    score: float
    tag: str = ""  # e.g. "[PERSONNUMMER_1]"


@dataclass
class Redacted:
    text: str
    entities: list[Entity] = field(default_factory=list)
    vault: Vault | None = None

    @property
    def removed_anything(self) -> bool:
        return bool(self.entities)
