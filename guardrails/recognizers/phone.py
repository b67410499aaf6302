"""Telephone numbers: Swedish in every common written form, and international numbers.

Swedish numbers are 8-10 digits with the leading 0 (07x-xxx xx xx, 08-xxx xx xx, 0771-567 567),
or +46 / 0046 followed by the number without its 0, grouped with spaces, dashes, dots or a slash.
Short public numbers (112, 1177, 114 14) have no leading 0 and are never matched; the office's
own numbers are kept by the allow list.

Whether a candidate is a number at all is asked of `phonenumbers` (Google's libphonenumber
metadata), not of a hand-kept number plan: a valid number scores high, a premium-rate service
number is not a person's line, and a number that is only *possible* (right length, unassigned
range, or a mobile number with one digit too many or too few) is still taken with a low score,
because people mistype their own numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from guardrails.normalise import digits, phone_key
from guardrails.recognizers.base import Hit, SwedishRecognizer, before, cue, nearest, public_owner
from guardrails.recognizers.digit_chains import Taken, chains, windows
from guardrails.recognizers.signature_lines import personal_signature
from guardrails.recognizers.spelled_numbers import may_hold_spelled, spelled_runs

TELEFON = "TELEFON"

_SEP = r"(?:\s?[-–/]\s?|\s|\.)?"
_SE_BODY = (
    r"(?:(?:\+|00)\s?46\s?(?:\(0\)\s?)?[-–.]?\s?\(?[1-9]\d{0,2}\)?"  # +46 8 / 0046 70 / +46 (0)70 / +46.70
    r"|\(?0[1-9]\d{0,3}\)?)" + _SEP + r"\d(?:[\s.-]?\d){3,8}"  # 08 / 070 / 0771 / (031)
    r"(?![\d])"
)
_SE = re.compile(r"(?<![\d+.,/-])" + _SE_BODY)
# Two numbers typed one after the other with only a slash or comma between ("070-1740612/0701740613"):
# the second is read from right after the mark the first one ends at.
_SE_AFTER_NUMBER = re.compile(r"[/,]\s?(?=[+0(])")
_SE_AT = re.compile(_SE_BODY)
# (the groups of an international number may be joined by a slash too: "+387 (0) 61/234-567")
_INTL = re.compile(r"(?<![\w+])(?:\+|00)(?!46)[1-9]\d{0,2}(?:\s?\(0\))?(?:[\s./-]?\(?\d+\)?){2,6}(?!\d)")
_GROUP = re.compile(r"\d+")
# A last group of one to three digits that cannot open a number of its own (no leading 0).
_TRAILING_GROUP = re.compile(r"[ -][1-9]\d{0,2}")
# A chat or call link holds the number in international form without its "+" ("wa.me/46701740609",
# "tel:0046...", "sms:+46..."): judged as an international number.
_LINK = re.compile(
    r"(?i:wa\.me/|tel:|sms:|callto:|phone=|number=)[ \t]?(?:\+|00)?(?P<number>[1-9]\d{7,14})(?!\d)"
)
# A number introduced as a personnummer is one even when it looks like a mobile number: someone
# born in 2007 has "070101-0002" (07 + a valid mobile prefix digit).
_PNR_CUE = re.compile(
    r"(?:personnummer|personnr|pers\.?\s?nr|pnr|samordningsnummer|födelsenummer)"
    r"[\s:.,]*(?:är|=|blir)?[\s:]*$"
)
_PNR_SHAPE = re.compile(r"^\d{6}[-+]?\d{4}$")
# A calendar date with its year, both marks the same ("05.02.2026", "05-02-2026", "2026-02-05"): a
# date, whatever number plan its digits also fit.
_DATE_SHAPE = re.compile(
    r"^(?:(?:0?[1-9]|[12]\d|3[01])(?P<a>[./-])(?:0?[1-9]|1[0-2])(?P=a)(?:19|20)\d\d"
    r"|(?:19|20)\d\d(?P<b>[./-])(?:0?[1-9]|1[0-2])(?P=b)(?:0?[1-9]|[12]\d|3[01]))$"
)
NOT_PHONE_CUES = cue(
    [
        "ocr",
        "faktura",
        "fakturanummer",
        "kundnummer",
        "ordernummer",
        "referens",
        "kolli",
        "spårningsnummer",
        "tracking",
        "bankgiro",
        "plusgiro",
        "konto",
        "kontonummer",
        "clearing",
    ]
)


# A switchboard or a service desk is an organisation's line, not a person's ("ringde växeln 08-...").
_SWITCHBOARD = re.compile(
    r"(?<![\wåäö])(?:växel|växeln|växelnummer|växelnumret|switchboard|vaihde|vaihteen|vaihteeseen|"
    r"kundtjänst|kundtjänsten|kundservice|customer service|helpdesk|centralen|servicecenter|servicecentret|"
    r"kontaktcenter|kontaktcentret|medborgarservice|service desk)(?![\wåäö])"
    r"[^\d\n]{0,25}$",
    re.IGNORECASE,
)


def _organisation_line(text: str, start: int, number: str = "") -> bool:
    # the national form: "+46 70 000 00 00" is a mobile number too
    if number.startswith("0046"):
        number = "0" + number[4:]
    elif number.startswith("46") and len(number) >= 10:
        number = "0" + number[2:]
    if number and _SWITCHBOARD_DIGITS.search(number) and len(number) >= 8 and not number.startswith("07"):
        return True  # a landline ending in four zeros; a mobile number is a person's whatever its digits
    if _SWITCHBOARD.search(text[max(0, start - 45) : start]) is not None:
        return True
    return public_owner(text, start) and not personal_signature(text, start)


# service numbers, not a person's line
_SERVICE_TYPES = frozenset(
    {PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.TOLL_FREE}
)


@lru_cache(maxsize=4096)
def _judge(number: str, region: str | None) -> float | None:
    """Score for a number by the number plan: None when it is no one's line (or not a number)."""
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    if phonenumbers.is_valid_number(parsed):
        return None if phonenumbers.number_type(parsed) in _SERVICE_TYPES else 1.0
    return 0.5


def _service_number(national: str) -> bool:
    """A valid premium-rate, shared-cost (0771) or toll-free number: an organisation's, whole."""
    if not national.startswith("0") or not 8 <= len(national) <= 10:
        return False
    try:
        parsed = phonenumbers.parse(national, "SE")
    except NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in _SERVICE_TYPES


# A landline number ending in four zeros or more is an organisation's switchboard ("08-508 000 00").
_SWITCHBOARD_DIGITS = re.compile(r"0000$")


def _national_score(national: str) -> float | None:
    if national.startswith("07") and len(national) in (9, 11) and national[2] in "0236689":
        return 0.6  # a mobile number with one digit more or less: a typo, still a phone number
    if not 8 <= len(national) <= 10:
        return None
    judged = _judge(national, "SE")
    if judged is None:
        return None
    if judged < 1.0:
        return 0.6 if national.startswith("07") else 0.5
    return 0.85 if national.startswith("07") else 0.75


# A number read out in words, as people dictate it: "noll sju noll, ett sju fyra, noll sex ..."
_DIGIT_WORDS = (
    r"noll|nolla|ett|en|etta|två|tvåa|tre|trea|fyra|fyra|fem|femma|sex|sexa|sju|sjua|åtta|åtta|nio|nia|"
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine"
)
_SPELLED = re.compile(
    r"(?<![\wåäö])(?:" + _DIGIT_WORDS + r")(?:[\s,.-]{1,3}(?:" + _DIGIT_WORDS + r")){6,14}(?![\wåäö])",
    re.IGNORECASE,
)


def _spelled_mobile(spelled: str) -> bool:
    """Digits read out in words that are a Swedish mobile number, with or without its leading 0."""
    national = spelled if spelled.startswith("0") else "0" + spelled
    return national.startswith("07") and len(national) == 10 and _national_score(national) is not None


def _sentence_before(text: str, start: int) -> str:
    """The text of the sentence before `start` (at most 60 characters)."""
    window = text[max(0, start - 60) : start]
    return re.split(r"[.!?\n]", window)[-1]


# Words for a phone or calling in the languages written here ("ቴሌፎን" Tigrinya, "هاتف", "تلفن").
# a Swedish mobile number, all ten digits (070, 072, 073, 076, 079)
_SPACED_MOBILE = re.compile(r"07[02369]\d{7}")
_PHONE_WORD = re.compile(
    r"(?i:tel|telefon|phone|mobil|ring|call|nummer|number|numer|número|numero|puhelin|soita|"
    r"(?<![^\W\d_])(?:nr|tfn|tlf|mob)(?![^\W\d_])|"
    r"lambar|taleefan|telefono|teléfono|téléphone|handy|هاتف|رقم|تلفن|شماره|телефон|номер|ቴሌፎን|ቴሌፎነይ|ቁጽሪ)"
)
# A number abroad written without its country code ("call me on (202) 555-0143"): only right after
# a word for calling or a phone in the same sentence, in a phone's layout (area code in brackets or
# groups of 2-4 digits), and only when it is a valid number of one of the regions that people
# writing to a Swedish office most often live in (the Nordic neighbours, the larger countries of
# the languages the office is written to in, and the US, UK and Ireland).
_CALL_WORD = re.compile(
    r"(?i:\b(?:tel|telefon|phone|mobile?|mobil|ring|call|puhelin|soita|handy|telefono|teléfono|"
    r"téléphone|taleefan)|هاتف|تلفن|телефон|ቴሌፎን)\w*[^.!?\n\d]{0,30}$"
)
_FOREIGN_LAYOUT = re.compile(
    r"(?<![\w+().,/-])(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{2,8}(?:[\s.-]\d{2,4}){0,3}(?![\w,.]?\d)"
)
_FOREIGN_REGIONS = ("US", "GB", "IE", "DE", "PL", "FI", "NO", "DK", "FR", "ES", "IT", "TR")


def _foreign_without_code(number: str) -> bool:
    for region in _FOREIGN_REGIONS:
        try:
            parsed = phonenumbers.parse(number, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) not in _SERVICE_TYPES:
            return True
    return False


# The marks a phone number's parts are written with (a dot is left out: "08.00-16.30" is a time).
_CHAIN_MARKS = frozenset([" ", "-", "/", "-\n", "\n"])


class TelefonRecognizer(SwedishRecognizer):
    ENTITIES = (TELEFON,)

    def find(self, text: str) -> Iterator[Hit]:
        lowered = text.lower()
        if "noll" in lowered or "zero" in lowered or "sju" in lowered or "seven" in lowered:
            for m in _SPELLED.finditer(text):
                yield Hit(TELEFON, m.start(), m.end(), 0.6)
        if may_hold_spelled(text):
            # tens among the digits too ("noll sju noll, ett sju fyra, noll sex, fyrtiofem")
            for run in spelled_runs(text):
                if run.digits.startswith("0") and _national_score(run.digits) is not None:
                    yield Hit(TELEFON, run.start, run.end, 0.6)
                elif any(_spelled_mobile(d) for d in (run.digits, run.apart) if d) and _PHONE_WORD.search(
                    _sentence_before(text, run.start)
                ):
                    # a mobile number said after a phone word, its "0" said apart or not at all:
                    # "sjuttio ett sju fyra ..." for 070 1 7 4 ...
                    yield Hit(TELEFON, run.start, run.end, 0.6)
        found: dict[int, int] = {}
        if "0" in text or "+" in text:
            pos = 0
            while (m := _SE.search(text, pos)) is not None:
                pos = m.end()
                hit = self._swedish(text, m.start(), m.group(0))
                if hit is None:
                    continue
                # the pattern runs on over the next number ("070-123 45 67 08-765 43 21"): what the
                # first one left is read again
                pos = min(pos, hit.end)
                if _organisation_line(text, m.start(), digits(text[hit.start : hit.end])):
                    continue
                found[hit.start] = hit.end
                yield hit
            yield from self._listed(text, found)
            yield from self._chained(text, found)
        yield from self._abroad(text, found)
        if ":" in text or "/" in text or "=" in text:
            for m in _LINK.finditer(text):
                if _judge("+" + m.group("number"), None) is not None:
                    yield Hit(TELEFON, m.start("number"), m.end("number"), 0.8)
        if "0" not in text and "+" not in text:
            return
        if "+" in text or "00" in text:
            for m in _INTL.finditer(text):
                number = digits(m.group(0).replace("(0)", ""))
                if number.startswith("00"):
                    number = number[2:]
                if 8 <= len(number) <= 15 and not _organisation_line(text, m.start()):
                    judged = _judge("+" + number, None)
                    if judged is not None:
                        yield Hit(TELEFON, m.start(), m.end(), 0.8 if judged == 1.0 else 0.6)

    def _listed(self, text: str, found: dict[int, int]) -> Iterator[Hit]:
        """The next number of a list joined by slashes or commas without a space ("070-.../070...")."""
        pending = sorted(found.items())
        while pending:
            _start, end = pending.pop(0)
            mark = _SE_AFTER_NUMBER.match(text, end)
            m = _SE_AT.match(text, mark.end()) if mark is not None else None
            if m is None:
                continue
            hit = self._swedish(text, m.start(), m.group(0))
            if hit is None or hit.start in found:
                continue
            if _organisation_line(text, m.start(), digits(text[hit.start : hit.end])):
                continue
            found[hit.start] = hit.end
            pending.append((hit.start, hit.end))
            yield hit

    @staticmethod
    def _abroad(text: str, found: dict[int, int]) -> Iterator[Hit]:
        """A foreign number without its country code right after a phone word (see _CALL_WORD)."""
        for m in _FOREIGN_LAYOUT.finditer(text):
            number = digits(m.group(0))
            if not 8 <= len(number) <= 11 or any(s <= m.start() < e for s, e in found.items()):
                continue
            if "." in m.group(0) and any(c in m.group(0) for c in "-–:/"):
                continue  # "Telefontid: 09.00–10.30" is a time range, as for Swedish numbers above
            if number.startswith("0") and _national_score(number) is not None:
                continue  # a Swedish number: read above
            if _CALL_WORD.search(text, max(0, m.start() - 45), m.start()) is None:
                continue
            if nearest(NOT_PHONE_CUES, before(text, m.start(), 30)) is not None:
                continue
            if _foreign_without_code(number) and not _organisation_line(text, m.start()):
                yield Hit(TELEFON, m.start(), m.end(), 0.6)

    @staticmethod
    def _chained(text: str, found: dict[int, int]) -> Iterator[Hit]:
        """A Swedish number in a grouping the pattern above does not read: digit by digit ("0 7 0 1
        7 4 ..."), its parts marked with spaces around the mark ("040/628 04 - 33", "0 7 0 / 1 7 4 /
        0 6 / 7 3") or wrapped at a line end ("070-174-06-\n97"). Only a valid number counts here, one
        typed digit by digit only after a phone word, and it may extend what the pattern found."""
        taken = Taken()
        for start, end in found.items():
            taken.add(start, end)
        for chain in chains(text):
            if chain.group(0)[:1] != "0" or len(chain.group(0)) < 9:
                continue
            for w in windows(text, chain, frozenset({8, 9, 10}), 10):
                longer = found.get(w.start, w.end) < w.end  # "040/628 04" of "040/628 04 - 33"
                if w.start != chain.start() or not w.acceptable:
                    continue
                if taken.overlaps(w.start, w.end) and not longer:
                    continue
                if (
                    all(n == 1 for n in w.groups)
                    and (_SPACED_MOBILE.fullmatch(w.digits) is None or w.end != chain.end())
                    and _PHONE_WORD.search(before(text, w.start, 40)) is None
                ):
                    # "0 1 2 3 4 5 6 7 8 9" is no number without a phone word before it; a whole
                    # Swedish mobile number typed digit by digit is one without it too
                    continue
                if any(sep not in _CHAIN_MARKS for sep in w.seps) or not w.digits.startswith("0"):
                    continue
                score = _national_score(w.digits)
                window = before(text, w.start, 30)
                if _organisation_line(text, w.start, w.digits) or _service_number(w.digits):
                    break  # an organisation's number, whole: not a shorter number inside it
                if score is None or score < 0.75:
                    continue
                if nearest(NOT_PHONE_CUES, window) is not None or _PNR_CUE.search(window):
                    continue
                if not longer:
                    taken.add(w.start, w.end)
                yield Hit(TELEFON, w.start, w.end, score)
                break

    def _swedish(self, text: str, start: int, raw: str) -> Hit | None:
        # The pattern is greedy across single spaces ("070-123 45 67 08-..."), so drop trailing
        # digit groups until the number has a valid length.
        groups = list(_GROUP.finditer(raw))
        if _service_number(phone_key(raw)):
            return None  # "0771-73 73 00" is a service number whole, not "0771-73 73" mistyped
        while groups:
            end = groups[-1].end()
            candidate = raw[:end]
            if "." in candidate and any(c in candidate for c in "-–:/"):
                return None  # "08.00–16.30" is a time range: dots are only taken on their own
            if _DATE_SHAPE.match(candidate.strip()):
                return None
            national = phone_key(candidate)
            score = _national_score(national) if national.startswith("0") else None
            if score is not None:
                window = before(text, start, 30)
                if _PNR_CUE.search(window) and _PNR_SHAPE.match(candidate.strip()):
                    return None
                if nearest(NOT_PHONE_CUES, window) is not None and not re.search(
                    r"tel|ring|mobil|nummer|phone|nr", window[-12:]
                ):
                    return None
                if raw.lstrip().startswith(("+", "00")) and score >= 0.75:
                    score = 0.85
                if _TRAILING_GROUP.fullmatch(raw, end) is not None and end - groups[-1].start() <= 3:
                    # one short group left over at the end of a number written in short groups
                    # ("0611-990 42 10" has a digit too many for its area code): the same number
                    # typed long, not a new one, and leaving it would leave part of the number in
                    # the text ("070-1234567 12 maj" ends in a long group: the 12 is a date's)
                    end = len(raw)
                return Hit(TELEFON, start, start + end, score)
            groups.pop()
        return None
