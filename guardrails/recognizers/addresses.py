"""Postal addresses: street + number (+ lgh, trappor, port), Box addresses, postnummer + ort.

Street names are recognised by their Swedish endings (-gatan, -vägen, -gränd, -stigen, ...), so
"Storgatan 5B" is found without a street register; a street without a number is not redacted
(it does not point at a household). Postnummer counts only when an ort follows ("111 51
Stockholm"), which keeps amounts such as "57 300 kr" out.

Foreign addresses (relatives abroad, people who moved) are found the same way, by the street
words of the languages spoken here: number-first English and French lines ("221B Baker Street",
"12 Rue de Rivoli"), name-first lines with a foreign ending or word ("Hauptstraße 5",
"Vesterbrogade 12, 2. tv", "Mannerheimintie 12 A 5", "Karl Johans gate 22", "Atatürk Caddesi
No 15") or prefix ("ul. Marszałkowska 10/4", "Calle Mayor 5", "Via Roma 12"). The postcode line
right after a street is taken in its country's form (4-5 digits and a town, "00-590 Warszawa",
"1012 AB Amsterdam", "Washington, DC 20500", "London NW1 6XE"); a British postcode is
distinctive enough to be taken anywhere.
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
_UP = "A-ZÅÄÖÉÈÜİŞĞÇØÆŁŚŻŹÑŠŽČĆĐŘŇŤĎĚŮŐŰĂÂÎȘȚĄĘĖĮŲŪĶĻŅĢÁÍÓÚÀÌÒÙÊÔÛËÏÃÕ"
_LO = "a-zåäöéèüışğçøæłśżźñáíóúàìòùâêîôûëïãõßšžčćđřňťďěůőűăâîșțąęėįųūķļņģ"
_W = rf"[{_UP}][{_LO}{_UP}'’.-]*"  # a capitalised word of a street or town name
_HOUSE = r"\d{1,5}[A-Za-z]?(?:\s?[/-]\s?\d{1,4}[A-Za-z]?)?"
_FOREIGN_SUFFIX = (
    r"straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|gade|gate|gata|vej|vei|veien|plass|"
    r"tie|katu|kuja|polku|tori|straat|laan|gracht|plein|kade|singel|utca|út|ulica|ulice|cesta"
)
_FOREIGN_WORD = (
    r"(?:Caddesi|Cad\.|Sokak|Sokağı|Sok\.|Sk\.|Bulvarı|Mahallesi|Mah\.|Gate|Gata|Vej|Vei|Straße|Strasse|"
    r"Street|St\.|Road|Rd\.|Avenue|Ave\.)"  # "Al-Rashid Street 14": the name first, then the number
)
_FOREIGN_PREFIX = (
    r"(?:ul\.|Ul\.|ulica|Ulica|al\.|aleja|pl\.|Bulevar|Trg|Via|Viale|Piazza|Corso|Calle|Avenida|Av\.|"
    r"Plaza|Paseo|Carrera|Camino|Rua|Travessa|Praça|Rue|Avenue|Boulevard|Bd|Chemin|Allée|Impasse|Quai|"
    r"Am|An der|An den|Auf der|Auf dem|Im|In der|Zum|Zur|Unter den|"  # German: "Am Markt 5"
    r"Wadada|Waddada|Jidka|Khiyaban|Khiaban|Kucheh|Kuche|Meydan|Shari|Sharia)"  # Somali, Persian, Arabic
)
_UNIT = r"(?:(?:Apt\.?|Apartment|Flat|Unit|Suite|Ste\.?)\s?[A-Za-z0-9]{1,5},?\s)?"  # "Apt 4B, 350 ..."
_EN_SUFFIX = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Court|"
    r"Ct\.?|Place|Pl\.?|Terrace|Close|Crescent|Square|Gardens|Grove|Parkway|Highway|Row|Mews|Hill)"
)
_NO = r"(?:No\.?\s?:?\s?|Nr\.?\s?:?\s?|nº\s?)?"  # "No 15", "No:123", "Nr. 5"
_FLOOR = r"(?:,?\s\d{1,2}\.\s?(?:tv|th|mf|sal)\.?|\s[A-H](?:\s\d{1,4})?(?![\w]))?"
_FOREIGN_STREETS = (
    # 221B Baker Street; 1600 Pennsylvania Avenue NW
    re.compile(
        rf"(?<![\w,.]){_UNIT}\d{{1,5}}[A-Za-z]?,?\s(?:{_W}\s){{0,3}}{_EN_SUFFIX}"
        rf"(?:\s(?:NW|NE|SW|SE|N|S|E|W))?(?![\w])"
    ),
    # 12 Rue de Rivoli; 5 bis, avenue des Champs
    re.compile(
        rf"(?<![\w,.])\d{{1,4}}(?:\s?(?:bis|ter))?,?\s(?i:rue|avenue|boulevard|place|chemin|allée|impasse|quai|cours)"
        rf"\s(?:(?:de\s(?:la\s)?|du\s|des\s|d['’]|l['’])?{_W})(?:\s{_W}){{0,2}}(?![\w])"
    ),
    # Hauptstraße 5; Vesterbrogade 12, 2. tv; Mannerheimintie 12 A 5
    re.compile(
        rf"(?<![\w])(?:{_W}\s){{0,2}}[{_UP}][{_LO}-]*(?:{_FOREIGN_SUFFIX})\s{_NO}{_HOUSE}{_FLOOR}(?![\w])"
    ),
    # Karl Johans gate 22; Atatürk Caddesi No 15
    re.compile(rf"(?<![\w])(?:{_W}\s){{1,3}}(?i:{_FOREIGN_WORD})\s{_NO}{_HOUSE}{_FLOOR}(?![\w])"),
    # ul. Marszałkowska 10/4; Calle Mayor 5; Via Roma 12
    re.compile(
        rf"(?<![\w])(?:{_FOREIGN_PREFIX})\s(?:(?:de|del|la|las|los|da|do|dos|di|des|du)\s){{0,2}}"
        rf"(?:{_W}\s){{0,3}}{_NO}{_HOUSE}{_FLOOR}(?![\w])"
    ),
)
_TOWN = rf"{_W}(?:[\s-]{_W}){{0,2}}(?:\s[A-Z](?![\w]))?"
_FOREIGN_POSTCODE = re.compile(
    r",?\s{1,2}(?:"
    rf"(?:\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{4}}\s?[A-Z]{{2}}|[A-Z]{{1,2}}-\d{{4,5}})\s{_TOWN}"  # 00100 Helsinki
    rf"|{_TOWN},?\s(?:[A-Z]{{2}}\s)?\d{{5}}(?:-\d{{4}})?"  # Washington, DC 20500
    rf"|{_TOWN},?\s[A-Z]{{1,2}}\d[A-Z\d]?\s\d[A-Z]{{2}}"  # London NW1 6XE
    r")(?![\w])"
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|"
    "NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_US_ZIP = re.compile(rf"(?<![\w])(?:{_US_STATES})\s\d{{5}}(?:-\d{{4}})?(?![\w])")
# After "bor på", "adressen är", "flyttat till": a street of any name with a number ("Skeppsbron
# 12", "Slussen 3"), or a foreign postcode line of any country ("bor i 00100 Helsinki").
_ADDRESS_LEAD = re.compile(
    r"(?<![\wåäö])(?:bor(?: numera| nu| fortfarande| sedan dess)? (?:på|i)|adress(?:en)?(?: är)?|"
    r"postadress|besöksadress|hemadress|ny adress|nya adressen|flytta[rt]?(?: nu)? till|"
    r"lives? at|lives? in|address(?: is)?|new address)(?:\s*:\s*|\s+)",
    re.IGNORECASE,
)
_CUED_STREET = re.compile(rf"({_W}(?:\s{_W}){{0,2}})\s(\d{{1,4}}[A-Za-z]?)(?![\w:.,]\d|[\w%])")
_CUED_POSTCODE = re.compile(
    rf"(?:[A-Z]{{1,3}}-)?(?:\d{{4,5}}|\d{{2}}-\d{{3}}|\d{{3}}\s\d{{2}})\s{_TOWN}(?![\w])"
)
_NOT_STREET = re.compile(r"(?:kr|kronor|st|år|procent|%|dagar|veckor|månader|timmar)\b", re.IGNORECASE)
_SV_ABBREVIATED = re.compile(
    r"(?<![\w])([A-ZÅÄÖ][a-zåäö]{2,}g\.)\s(\d{1,4}[A-Ha-h]?)(?![\w])"
)  # Drottningg. 12
# A foreign street line has one of these words (or word endings); most messages have none, so the
# foreign patterns are tried only when the lower-cased text holds one of them (substring tests are
# cheaper than one big alternation).
_FOREIGN_HINTS = (
    "straße",
    "strasse",
    "str.",
    "weg",
    "gasse",
    "platz",
    "allee",
    "damm",
    "ufer",
    "gade",
    "gate",
    "gata",
    "vej",
    "vei",
    "plass",
    "tie",
    "katu",
    "kuja",
    "polku",
    "tori",
    "straat",
    "laan",
    "gracht",
    "plein",
    "kade",
    "singel",
    "utca",
    "út",
    "ulica",
    "ulice",
    "cesta",
    "cad",
    "sok",
    "sk.",
    "bulvar",
    "mahalle",
    "mah.",
    "street",
    "st.",
    "road",
    "rd.",
    "avenue",
    "ave",
    "lane",
    "ln.",
    "drive",
    "dr.",
    "boulevard",
    "blvd",
    "way",
    "court",
    "ct.",
    "place",
    "pl.",
    "terrace",
    "close",
    "crescent",
    "square",
    "gardens",
    "grove",
    "parkway",
    "highway",
    "row",
    "mews",
    "hill",
    "ul.",
    "al.",
    "aleja",
    "trg",
    "via",
    "viale",
    "piazza",
    "corso",
    "calle",
    "avenida",
    "av.",
    "plaza",
    "paseo",
    "carrera",
    "camino",
    "rua",
    "travessa",
    "praça",
    "rue",
    "chemin",
    "allée",
    "impasse",
    "quai",
    "cours",
    "wadada",
    "waddada",
    "jidka",
    "khiyaban",
    "khiaban",
    "kuche",
    "meydan",
    "shari",
    "am ",
    "an der",
    "an den",
    "auf d",
    "im ",
    "in der",
    "zum ",
    "zur ",
    "unter den",
)


_UK_POSTCODE = re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}(?![\w])")
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

    @staticmethod
    def _after_lead(text: str) -> Iterator[Hit]:
        for lead in _ADDRESS_LEAD.finditer(text):
            at = lead.end()
            code = _CUED_POSTCODE.match(text, at)
            if code is not None:
                yield Hit(POSTNUMMER, at, code.end(), 0.7)
                continue
            street = _CUED_STREET.match(text, at)
            if street is not None and _NOT_STREET.match(text, street.end() + 1) is None:
                yield Hit(ADRESS, at, street.end(), 0.7)

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
        lowered = text.lower()
        foreign = any(h in lowered for h in _FOREIGN_HINTS)
        for regex in _FOREIGN_STREETS if foreign else ():
            for m in regex.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.85)
                tail = _FOREIGN_POSTCODE.match(text, m.end())
                if tail is not None:
                    start = m.end() + len(tail.group(0)) - len(tail.group(0).lstrip(", "))
                    yield Hit(POSTNUMMER, start, tail.end(), 0.8)
        for m in _UK_POSTCODE.finditer(text):
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.6)
        for m in _US_ZIP.finditer(text):
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.6)
        if "g. " in text:
            for m in _SV_ABBREVIATED.finditer(text):
                yield Hit(ADRESS, m.start(), m.end(), 0.75)
        if any(w in lowered for w in ("bor ", "adress", "flytta", "live", "address")):
            yield from self._after_lead(text)
        for m in _POSTCODE.finditer(text):
            place = m.group(2)
            if place in _NOT_PLACES or place.split()[0] in _NOT_PLACES:
                continue
            code = m.group(1).replace(" ", "")
            if len(code) != 5:
                continue
            yield Hit(POSTNUMMER, m.start(), m.end(), 0.75)
