"""Postal addresses: street + number (+ lgh, trappor, port), Box addresses, postnummer + ort.

Street names are recognised by their Swedish endings (-gatan, -vägen, -gränd, -stigen, ...), so
"Storgatan 5B" is found without a street register; a street without a number is not redacted
(it does not point at a household). Postnummer counts only when an ort follows ("111 51
Stockholm"), which keeps amounts such as "57 300 kr" out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, SwedishRecognizer, before, cue

ADRESS = "ADRESS"
POSTNUMMER = "POSTNUMMER"

_SUFFIXES = (
    "gatan|gata|vägen|väg|gränd|gränden|stigen|stig|backen|backe|torget|torg|plan|allén|allé|"
    "leden|led|stråket|gången|platsen|plats|kajen|kaj|slingan|svängen|bågen|ringen|terrassen|"
    "liden|branten|höjden|kroken|vreten|tået|udden|vägen|parken|hagen|gårdsväg|promenaden|esplanaden|"
    "street|road|avenue|lane"
)
_PREFIX = r"(?:(?:Norra|Södra|Östra|Västra|Stora|Lilla|Gamla|Nya|Övre|Nedre|Sankt|S:t|Drottning|Kungs)\s)?"
_STREET = re.compile(
    r"(?<![\w])("
    + _PREFIX
    + r"[A-ZÅÄÖÉa-zåäöé][a-zåäöéü]*(?:-[A-ZÅÄÖa-zåäö][a-zåäöé]*)?(?:"
    + _SUFFIXES
    + r"))"
    r"\s(\d{1,4}(?:\s?[A-Ha-h](?![\wåäö]))?(?:-\d{1,4})?)"
    r"((?:,?\s(?:lgh|lägenhet|lägenhetsnummer|apartment|apt\.?)\.?\s?\d{1,4})"
    r"|(?:,?\s\d\s?(?:tr|trappor|trappa|vån|våning)\.?)"
    r"|(?:,?\s(?:nb|bv|ög|uv)(?![\wåäö])))*"
    r"(?![\wåäö])"
)
_BOX = re.compile(r"(?<![\wåäö])(?:Box|BOX|box|Postbox|Pbox)\s\d{1,6}(?![\d])")
_POSTCODE = re.compile(
    r"(?<![\d\w,.])([1-9]\d{2}\s?\d{2})\s{1,2}"
    r"([A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+(?:[ -][A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+)?)(?![\wåäö])"
)
_NOT_PLACES = frozenset(
    {"Kr", "KR", "Kronor", "SEK", "Sek", "Euro", "EUR", "St", "St.", "Personer", "Huvudmän"}
)
_ADDRESS_CUES = cue(
    [
        "bor på",
        "bor i",
        "adress",
        "adressen",
        "adress:",
        "flyttat till",
        "flyttar till",
        "flytta till",
        "skicka till",
        "skicka pappren till",
        "live at",
        "lives at",
        "address",
        "boende ligger på",
        "ligger på",
        "postadress",
        "besöksadress",
        "från",
        "till",
        "på",
    ]
)


class AdressRecognizer(SwedishRecognizer):
    ENTITIES = (ADRESS, POSTNUMMER)

    def find(self, text: str) -> Iterator[Hit]:
        if not any(ch.isdigit() for ch in text):
            return
        for m in _STREET.finditer(text):
            street = m.group(1)
            if street[0].islower() and _ADDRESS_CUES.search(before(text, m.start(), 25)) is None:
                continue  # lower-case street-like word without an address cue: too weak
            score = 0.85 if street[0].isupper() else 0.65
            yield Hit(ADRESS, m.start(), m.end(), score)
        if "box" in text.lower():
            for m in _BOX.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.8)
        for m in _POSTCODE.finditer(text):
            place = m.group(2)
            if place in _NOT_PLACES or place.split()[0] in _NOT_PLACES:
                continue
            code = m.group(1).replace(" ", "")
            if len(code) != 5:
                continue
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.75)
