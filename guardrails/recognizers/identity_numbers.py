"""Personnummer, samordningsnummer, interimsnummer and organisationsnummer.

Built on Presidio's `SePersonnummerRecognizer` (its date and Luhn checks are reused), with one
deliberate difference: Presidio drops a number whose checksum fails, but a mistyped
personnummer is still a personnummer, so it is kept with a lower score.

A number with a plausible date and a valid check digit is always a personnummer, in any grouping
("19 50 01 01 12 37", "500101.1237", glued to a word as in "pnr19500101-1237s") and whatever
words stand near it: "faktura", "bg", "order" or "ref" before it may only drop a *mistyped*
(checksum-failing) candidate, which there is more likely a reference than a person. A masked
number that keeps the birth date ("19580621-XXXX") is a personnummer too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SePersonnummerRecognizer

from guardrails.normalise import digits, pnr_key
from guardrails.recognizers.base import (
    Hit,
    SwedishRecognizer,
    before,
    cue,
    luhn_ok,
    nearest,
    plausible_birth_date,
    public_owner,
)
from guardrails.recognizers.digit_chains import CHAIN, Taken, chains, windows
from guardrails.recognizers.european_ids import european_ids
from guardrails.recognizers.foreign_ids import foreign_ids
from guardrails.recognizers.spelled_numbers import may_hold_spelled, spelled_runs

PERSONNUMMER = "PERSONNUMMER"
ORGANISATIONSNUMMER = "ORGANISATIONSNUMMER"

# Letters may touch the number ("pnr1950...", "...-1237s"); digits and number punctuation may not.
_PNR = re.compile(
    r"(?<![\d+/.,-])"
    r"((?:(?:18|19|20) ?)?\d{2})(\d{2})(\d{2})"
    r"(\s?[-+–]\s?|\s)?"
    r"(\d{4})"
    r"(?![\d/-]|[.,]\d)"
)
# The birth date kept, the last four masked: "19580621-XXXX", "580621-****", "580621-12xx".
# The date may be grouped ("1958-06-21-XXXX", "5806 21-xxxx", "19 36 05 02 - XX XX") and the mask
# spaced ("XX XX").
_MASK = r"[\dXxNn*#•_?]"
_MASKED = re.compile(
    r"(?<![\d+/.,-])((?:19|20)[-. ]?\d{2}|\d{2})[-. ]?(\d{2})[-. ]?(\d{2})\s?[-+]?\s?"
    r"((?=(?:" + _MASK + r"\s?){0,3}[XxNn*#•_?])" + _MASK + r"{2}\s?" + _MASK + r"{2})(?![\w*#•?])"
)
# Groupings of a personnummer that are its own (6+4, 8+4, 10, 12, pairs); others are weaker.
_PNR_LAYOUTS = frozenset({(6, 4), (8, 4), (10,), (12,), (2, 6, 4), (4, 4, 4), (2, 2, 2, 4), (4, 2, 2, 4)})
# An interimsnummer has a letter (or two) where the serial begins: "19500101-T123", "500101-TF12".
_INTERIM = re.compile(r"(?<![\w+-])((?:19|20)?\d{6})\s?[-+]?\s?([A-Za-z][A-Za-z\d])(\d{2})(?![\w-])")
_ORGNR = re.compile(r"(?<![\w+/.,-])(?:16)?(\d{2})([2-9]\d)(\d{2})-?(\d{4})(?![\w/-]|[.,]\d)")
_VAT = re.compile(r"(?<![\w])SE\s?(\d{10})\s?01(?!\w)")
# The last four digits given apart ("Sista fyra: 1237", "slutsiffrorna är 1237", "last four 1237").
_LAST_FOUR = re.compile(
    r"(?<![\wåäö])(?:(?:de\s)?(?:sista fyra|fyra sista)(?:\s(?:siffrorna|siffror))?|sista siffrorna|"
    r"slutsiffr(?:or|orna)|kontrollsiffr(?:or|orna)|last (?:four|4)(?: digits)?)"
    r"[\s:=]*(?:är|is|are|=)?[\s:]*(\d{4})(?!\d)",
    re.IGNORECASE,
)
# After a cue word people type anything: missing or extra digits, odd separators.
_LOOSE_DIGITS = re.compile(
    r"[\s:;=.,-]*(?:(?:är|nr|nummer|number|is|mitt|hans|hennes|min|:)\s*)*(\d[\d \-+–./]{4,15}\d)"
)

PNR_CUES = cue(
    [
        "personnummer",
        "personnumret",
        "personnumer",
        "personummer",
        "personnumme",
        "personnr",
        "pers.nr",
        "pers nr",
        "pnr",
        "p-nr",
        "prsnr",
        "samordningsnummer",
        "samordningsnumret",
        "samordningsnr",
        "samordnings nr",
        "födelsenummer",
        "personal identity number",
        "personal number",
        "personal id",
        "swedish id",
        "id-nummer",
        "id nummer",
        "interimsnummer",
        "reservnummer",
        "personkonto",
    ]
)
_FIRM_BEFORE = re.compile(r"(?<![\w])(?:AB|HB|KB|Ltd|GmbH|Oy|Oyj|AS|ApS|Inc)\.?[ \t]*[(,:]?[ \t]*$")
ORG_CUES = cue(
    ["organisationsnummer", "organisationsnumret", "org.nr", "orgnr", "org nr", "org.nummer", "org. nr"]
)
# Numbers introduced by these are references, not people.
NOT_PERSON_CUES = cue(
    [
        "ocr",
        "ocr-nummer",
        "ocr-numret",
        "ocrnummer",
        "faktura",
        "fakturan",
        "fakturanummer",
        "fakturanr",
        "fakturanumret",
        "referens",
        "referensnummer",
        "ref",
        "ref.nr",
        "kundnummer",
        "kundnr",
        "ordernummer",
        "ordernr",
        "order",
        "kollinummer",
        "kolli",
        "sändningsnummer",
        "sändnings-id",
        "spårningsnummer",
        "spårnings-id",
        "tracking",
        "avi",
        "avinummer",
        "bankgiro",
        "bankgironummer",
        "bg",
        "plusgiro",
        "pg",
        "invoice",
        "reference",
        "parcel",
        "betalningsreferens",
        "löpnummer",
        "dnr",
        "diarienummer",
        "ärendenummer",
    ]
)


class PersonnummerRecognizer(SePersonnummerRecognizer):
    """Presidio's Swedish recogniser, extended to keep mistyped and cue-introduced numbers."""

    ENTITIES = (PERSONNUMMER,)

    def __init__(self, supported_language: str = "sv") -> None:
        super().__init__(
            supported_language=supported_language,
            supported_entity=PERSONNUMMER,
            name=f"PersonnummerRecognizer_{supported_language}",
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        if entities and PERSONNUMMER not in entities:
            return []
        return [RecognizerResult(h.type, h.start, h.end, h.score) for h in self.find(text)]

    def find(self, text: str) -> Iterator[Hit]:
        if may_hold_spelled(text):
            yield from self._spelled(text)
        if not any(map(str.isdigit, text)):  # (map: no Python frame per character)
            return
        taken = Taken()
        for m in _PNR.finditer(text):
            hit = self._score(text, m)
            if hit is not None:
                taken.add(hit.start, hit.end)
                yield hit
        yield from self._checksum_valid(text, taken)
        yield from foreign_ids(text)
        yield from european_ids(text)
        for m in _INTERIM.finditer(text):
            if plausible_birth_date(m.group(1)[-4:-2], m.group(1)[-2:]):
                yield Hit(PERSONNUMMER, m.start(), m.end(), 0.7)
        if any(c in text for c in "xXnN*#•_?"):
            for m in _MASKED.finditer(text):
                if plausible_birth_date(m.group(2), m.group(3)) and len(digits(m.group(1))) in (2, 4):
                    yield Hit(PERSONNUMMER, m.start(), m.end(), 0.85)
        lowered = text.lower()
        if "sist" in lowered or "slutsiffr" in lowered or "kontrollsiffr" in lowered or "last" in lowered:
            for m in _LAST_FOUR.finditer(text):
                yield Hit(PERSONNUMMER, m.start(1), m.end(1), 0.6)
        for c in PNR_CUES.finditer(lowered):
            loose = _LOOSE_DIGITS.match(text, c.end())
            if loose is None or loose.start(1) - c.end() > 25:
                continue
            s, e = loose.span(1)
            if taken.overlaps(s, e):
                continue
            n = digits(loose.group(1))
            if 8 <= len(n) <= 13:
                yield Hit(PERSONNUMMER, s, e, 0.55)
            elif len(n) in (6, 7) and plausible_birth_date(n[2:4], n[4:6]):
                # the birth date half of it ("pnr 58-06-21-xxxx", the rest masked or withheld)
                yield Hit(PERSONNUMMER, s, e, 0.55)

    @staticmethod
    def _spelled(text: str) -> Iterator[Hit]:
        """A personnummer read out in words ("nitton fyrtiofyra noll sju ..."): date and check digit
        valid, or ten or twelve digits right after a personnummer cue."""
        for run in spelled_runs(text):
            n = run.digits
            if len(n) not in (10, 12) or (len(n) == 12 and not n.startswith(("18", "19", "20"))):
                continue
            ten = n[-10:]
            if not plausible_birth_date(ten[2:4], ten[4:6]):
                continue
            if luhn_ok(ten):
                yield Hit(PERSONNUMMER, run.start, run.end, 0.8)
            elif PNR_CUES.search(text[max(0, run.start - 30) : run.start].lower()):
                yield Hit(PERSONNUMMER, run.start, run.end, 0.6)

    def _checksum_valid(self, text: str, taken: Taken) -> Iterator[Hit]:
        """Date-plausible, Luhn-valid numbers in any grouping, whatever words are near; and, in a
        personnummer's own grouping, date-plausible ones whose check digit is wrong (mistyped):
        twelve digits that open with a century and a date, or 6+4 split by a dot or a slash."""
        for chain in chains(text):
            if len(chain.group(0)) < 10:
                continue
            for w in windows(text, chain, frozenset({10, 12}), 12):
                if taken.overlaps(w.start, w.end) or not w.acceptable:
                    continue
                ten = w.digits[-10:]
                if len(w.digits) == 12 and not w.digits.startswith(("18", "19", "20")):
                    continue
                if not plausible_birth_date(ten[2:4], ten[4:6]):
                    continue
                # its own layouts, pairs, or digit by digit
                own = w.groups in _PNR_LAYOUTS or (len(set(w.groups)) == 1 and w.groups[0] <= 2)
                if not luhn_ok(ten):
                    if len(w.digits) == 12 and int(w.digits[:4]) >= date.today().year:
                        # a date of this year with a failing check is a time stamp or a reference
                        # ("IMG_20991231_2359", "2099/01/31-0001"), not a mistyped number of a baby
                        continue
                    dotted = w.groups == (6, 4) and text[w.start + 6] in "./"
                    if (len(w.digits) == 12 and own) or dotted:
                        taken.add(w.start, w.end)
                        yield Hit(PERSONNUMMER, w.start, w.end, 0.55)
                    continue
                # "070-174 06 12" can pass both checks: the phone recogniser's score beats this one
                phone_like = len(w.digits) == 10 and ten.startswith("0") and w.groups != (6, 4)
                score = 0.9 if own and not phone_like else 0.7
                taken.add(w.start, w.end)
                yield Hit(PERSONNUMMER, w.start, w.end, score)

    def _score(self, text: str, m: re.Match[str]) -> Hit | None:
        century_year, month, day, sep, _ = m.groups()
        century_year = century_year.replace(" ", "")
        number = pnr_key(m.group(0))
        window = before(text, m.start(), 45)
        pos = nearest(PNR_CUES, window)
        neg = nearest(NOT_PERSON_CUES, window)
        cued = pos is not None and (neg is None or pos <= neg)
        valid = plausible_birth_date(month, day) and self._is_luhn_valid(number)
        if neg is not None and not cued and not valid:
            return None  # a mistyped number after "faktura"/"OCR"/"ref" is more likely a reference
        if len(century_year) == 4 and not century_year.startswith(("19", "20")) and not cued:
            return None
        if not plausible_birth_date(month, day):
            # An organisationsnummer has "month" >= 20; the org recogniser takes those.
            return Hit(PERSONNUMMER, m.start(), m.end(), 0.5) if cued else None
        bare = not sep and len(century_year) == 2
        if bare and number.startswith("07") and not cued and not valid:
            return None  # "0701740612": a mobile number, the phone recogniser's
        if sep is not None and sep.strip() == "" and not cued and not valid:
            return None  # "850412 1234" with a bad checksum and no cue: two unrelated numbers
        if valid:
            return Hit(
                PERSONNUMMER, m.start(), m.end(), 0.95 if (sep or len(century_year) == 4 or cued) else 0.85
            )
        # mistyped: still somebody's number
        return Hit(PERSONNUMMER, m.start(), m.end(), 0.8 if cued else 0.6)


class OrganisationsnummerRecognizer(SwedishRecognizer):
    """Organisationsnummer (third digit >= 2, Luhn) and Swedish VAT numbers."""

    ENTITIES = (ORGANISATIONSNUMMER,)

    def find(self, text: str) -> Iterator[Hit]:
        if not any(map(str.isdigit, text)):  # (map: no Python frame per character)
            return
        taken = Taken()
        for m in _ORGNR.finditer(text):
            number = "".join(m.groups())
            if number[0] == "2" or public_owner(text, m.start()):
                continue  # group 2 is the state, regions and municipalities: public, not personal
            window = before(text, m.start(), 40)
            # right after a firm's name ("Hemtjänst i Norr AB (556103-4249)") the number is the firm's,
            # whatever reference word ("faktura från ...") stands before the name
            firm = _FIRM_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
            cued = ORG_CUES.search(window) is not None or firm
            if nearest(NOT_PERSON_CUES, window) is not None and not cued:
                continue
            if luhn_ok(number):
                taken.add(m.start(), m.end())
                yield Hit(ORGANISATIONSNUMMER, m.start(), m.end(), 0.85 if cued or "-" in m.group(0) else 0.6)
            elif cued:
                taken.add(m.start(), m.end())
                yield Hit(ORGANISATIONSNUMMER, m.start(), m.end(), 0.5)
        # after an org cue, the number in any grouping ("orgnr 5 5 6 1 0 3 4 2 4 9", "556103 42 49")
        lowered = text.lower()
        for c in ORG_CUES.finditer(lowered):
            chain = CHAIN.search(text, c.end())
            if chain is None or chain.start() - c.end() > 12 or public_owner(text, c.start() + 1):
                continue
            for w in windows(text, chain, frozenset({10, 12}), 12):
                number = w.digits[-10:]
                if w.start != chain.start() or not w.acceptable or taken.overlaps(w.start, w.end):
                    continue
                if (len(w.digits) == 12 and not w.digits.startswith("16")) or number[0] == "2":
                    continue
                taken.add(w.start, w.end)
                yield Hit(ORGANISATIONSNUMMER, w.start, w.end, 0.85 if luhn_ok(number) else 0.5)
                break
        for m in _VAT.finditer(text):
            yield Hit(ORGANISATIONSNUMMER, m.start(), m.end(), 0.7)
