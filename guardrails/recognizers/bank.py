"""Bank details: Swedish accounts (clearing + account), bankgiro, plusgiro, IBAN and card numbers.

Accounts are validated with the `bankkonto` package where it knows the bank; an account that
fails validation is still taken when a cue word ("konto", "clearing", a bank's name) is near,
because people mistype. Bankgiro and plusgiro numbers look like many other numbers, so they need
their cue word; after it they are taken in any grouping ("21 58 574", "6186-32-88") and their Luhn
check digit decides the score. A card number that passes Luhn in a card layout is always taken,
whatever words are near ("faktura", "ref"); without Luhn it needs a card cue. Numbers introduced
as OCR, invoice or parcel numbers are references, not accounts, and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bankkonto import validate as _bankkonto_validate
from bankkonto.exceptions import BankkontoException

from guardrails.normalise import digits
from guardrails.recognizers.account_banks import bank_named_before
from guardrails.recognizers.base import Hit, SwedishRecognizer, before, cue, luhn_ok, nearest, public_owner
from guardrails.recognizers.digit_chains import Taken, chains, windows
from guardrails.recognizers.identity_numbers import NOT_PERSON_CUES

BANKKONTO = "BANKKONTO"
BANKGIRO = "BANKGIRO"
PLUSGIRO = "PLUSGIRO"
IBAN = "IBAN"
KORTNUMMER = "KORTNUMMER"

_ACCOUNT_CUE_WORDS = (
    r"(?:konto(?:nummer|numret|nr\.?|t)?|kontonr\.?|account(?: number| no\.?)?|acc\.?|kto\.?)"
)
# clearing (4 digits, Swedbank with a 5th check digit) + separator + account (7-10 digits)
_CLEARING_ACCOUNT = re.compile(
    r"(?<![\d-])([1-9]\d{3}(?:-[ ]?\d)?)"  # (a space after the dash too: "8327- 9")
    # after a Swedbank clearing with its check digit also a dot or a slash ("8154-7.0999640667")
    # (a comma of any script: "٨٣٢٧-٩، ٩٩٤ ١٢٣ ٤٥٣")
    # and a dot when the account goes on in dotted groups, the whole number in one grouping
    # ("6789.123.456.789")
    # (a cue word between them on the same line: a number on a line above is no clearing number)
    r"(?:\s?[-,،]\s?|(?<=-\d)[./]\s?|\.(?=\d{1,4}\.\d)|\s|[ \t]?,?[ \t]?" + _ACCOUNT_CUE_WORDS + r":?\s?)"
    # the account's groups joined by spaces, dashes (also with spaces around: "26000 - 00000"), or
    # one mark of a form ("8424-4/983/189/224-6")
    # (or wrapped at a line end once: "3300 0006\n20-5124", taken only when the account is valid)
    r"(\d(?:[ -]?\d|[ ]?-[ ]\d|\n\d){5,11}|\d{1,4}(?:[./]\d{1,4}){2,5}(?:-\d)?)(?![\d-]|[.,/]\d)",
    re.IGNORECASE,
)
_SWEDBANK_CLEARING = re.compile(r"8\d{3}-[ ]?\d")
# a clearing number right after its cue word, the account written apart from it (on another line,
# after other words: "Clearing 8025-9... kontonr 559 545 462-9"): part of the account details
# when an account number follows its own cue in the message
_CLEARING_AFTER_CUE = re.compile(
    r"(?<![\wåäö])clearing(?:nummer|numret|nr\.?)?:?[ \t]?([1-9]\d{3}(?:-\d)?)(?![\d]|[ -]?\d)", re.IGNORECASE
)
# an account number alone, right after a cue ("kontonumret 994 123 456-7")
_AFTER_CUE = re.compile(
    r"(?<![\wåäö])"
    + _ACCOUNT_CUE_WORDS
    + r"(?:\s?(?:är|is|:))?\s?(?:nr\.?\s?)?(\d(?:[ -]?\d|[ ]-[ ]\d){5,15})(?![\d-]|[.,]\d)",
    re.IGNORECASE,
)
_ACCOUNT_CUES = cue(
    [
        "konto",
        "kontot",
        "kontonummer",
        "kontonumret",
        "kontonr",
        "clearing",
        "clearingnummer",
        "clearingnr",
        "bankkonto",
        "personkonto",
        "account",
        "swedbank",
        "nordea",
        "handelsbanken",
        "seb",
        "danske bank",
        "ica-banken",
        "ica banken",
        "länsförsäkringar",
        "skandia",
        "sparbanken",
        "avanza",
        "nordnet",
        "lån",
        "insättning",
        "sätt in",
        "sättas in",
        "för över",
        "föra över",
        # money leaving an account names it as well ("hyran dras nu automatiskt från 5365 ...")
        "dras",
        "drogs",
        "uttag",
        "autogiro",
        "överförs",
        "överföring",
        "överföra",
        # the word for a bank account or bank details in the other languages written to the office
        "bankverbindung",
        "kontoverbindung",
        "rachunek",
        "rachunku",
        "numer konta",
        "hesap",
        "hesabı",
        "hesap numarası",
        "tilinumero",
        "pankkitili",
        "cuenta",
        "número de cuenta",
        "račun",
        "računa",
        "broj računa",
        "xisaab",
        "xisaabta",
        "xisaabtayda",
        "рахунок",
        "рахунку",
        "счёт",
        "счет",
        "حساب",
        "الحساب",
        "حسابي",
        "شماره حساب",
        "حساب بانکی",
    ]
)
_BG_CUES = cue(
    [
        "bankgiro",
        "bankgironummer",
        "bankgironumret",
        "bankgironr",
        "bankgirot",
        "bankgirokonto",
        "bankgirokontot",
        "b-giro",
        "bank giro",
        "bank-giro",
        "giro number",
        "giro account",
        "bg",
        "bg-nummer",
        "bg-nr",
        "bg nr",
        "bgnr",
        "b.g.",  # never "p.g.a." (på grund av): a letter after the cue's dot breaks it
        "bg.",
        "bg.nr",
        "bankgironr.",
        # "giro" alone says nothing of which giro: both look after it
        "giro",
        "girot",
        "gironummer",
        "gironumret",
        "gironr",
    ]
)
_PG_CUES = cue(
    [
        "plusgiro",
        "plusgironummer",
        "plusgironumret",
        "plusgironr",
        "plusgirot",
        "plusgirokonto",
        "plusgirokontot",
        "p-giro",
        "plus giro",
        "post giro",
        "postal giro",
        "postgiro",
        "postgirot",
        "postgironummer",
        "postgirokonto",
        "giro",
        "girot",
        "gironummer",
        "gironumret",
        "gironr",
        "pg",
        "pg-nummer",
        "pg-nr",
        "pg nr",
        "pgnr",
        "p.g.",
        "pg.",
        "pg.nr",
        "postgironr",
        "postgironumret",
        "postgirokontot",
        "plusgirokonto nr",
    ]
)
# "5050-1055 är vårt bankgiro", "5050-1055 (bg)", "5050-1055, mitt plusgiro"
_GIRO_NAMED_AFTER = re.compile(
    r"\s*[(,:=-]?\s*(?:(?:det|detta|som|which|that|it)\s+)?(?:(?:är|e|is|'s|=)\s+)?"
    r"(?:(?:vårt|mitt|min|ditt|hans|hennes|er|ert|deras|our|my|the|his|her|their)\s+)?"
    r"(?:(?:nya|gamla|new|old|företagets|firmans|föreningens)\s+)?"
)
# between the cue and its number: a few words, no digits, no sentence end ("nr." is no end)
# (a label on its own line counts too: "Bankgiro:\n5050-1055")
_GIRO_GAP = re.compile(r"(?:[^\d.!?\n]|\.(?!\s+[A-ZÅÄÖ])){0,40}|[\s:.=-]*\n[ \t]*")
# A giro in the grouping its owner prints it in (bankgiro "NNN(N)-NNNN", plusgiro "N…N-N"), with a
# valid Luhn check digit, is that giro anywhere in a message that names the giro, however far from the
# cue ("Bankgirot för Firma AB 556… är 3125-9237", "plusgiro 4750097? … det ska vara 685697-5").
# Ten digits of another shape, a date or an amount do not take these groupings.
_CANONICAL_GIRO = {
    "BANKGIRO": re.compile(r"(?<![\d-])\d{3,4}-\d{4}(?![\d-]|[.,]\d)"),
    "PLUSGIRO": re.compile(r"(?<![\d-])\d{1,7}-\d(?![\d-]|[.,]\d)"),
}
# Lower-case IBANs are IBANs too ("se45 5000 ..."); the mod-97 check or a cue decides.
_IBAN = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# (its groups joined by spaces, dashes or dots, or wrapped at a line end: "SE03.9500.0099...",
# "SE69 3000 0000 0033\n0012 3456"; only a valid one is taken)
_IBAN_LOOSE = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{2}\d{2}(?:(?:[ .-]|[ \t]*\n[ \t]*)[A-Z0-9]{1,6}){3,12})(?![A-Za-z0-9])"
)
# one character at a time: "S E 4 5 5 0 0 0 ..." (valid ones only)
_IBAN_SPACED = re.compile(r"(?<!\S)([A-Za-z] [A-Za-z] \d \d(?: [A-Za-z0-9]){10,30})(?!\S)")
_OTHER_REFERENCE = cue(["ocr", "faktura", "fakturanummer", "referens", "ref", "kundnummer", "order", "avi"])
# Card layouts: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, one run of digits, or even pairs or
# triples ("41 11 11 11 ...": read aloud from the card).
_CARD_LAYOUT = re.compile(r"^(?:4,)+\d+$|^4,6,[45]$|^\d+$|^(?:2,)+[12]$|^(?:3,)+[123]$|^(?:1,)+1$")
_IBAN_CUES = cue(["iban", "bic", "swift"])
_CARD = re.compile(
    r"(?<![\d-])(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}|\d{4}[ -]?\d{6}[ -]?\d{4,5})(?![\d-]|[.,]\d)"
)
# what the security-code pattern needs in the text before it is worth running
_SECURITY_CODE_HINTS = ("cv", "cid", "csc", "security code", "säkerhetskod")
_SECURITY_CODE = re.compile(
    r"(?<![\w])(?:cvc2?|cvv2?|cid|csc|säkerhetskod|security code)[ \t]*[:.=]?[ \t]*(\d{3,4})(?![\d])",
    re.IGNORECASE,
)
_CARD_CUES = cue(
    [
        "kort",
        "kortet",
        "kortnummer",
        "kortnr",
        "bankkort",
        "kreditkort",
        "betalkort",
        "card",
        "visa",
        "mastercard",
        "amex",
        "american express",
        "maestro",
        "debit",
        "credit",
    ]
)


def _valid_account(clearing: str, account: str) -> bool:
    try:
        return bool(_bankkonto_validate(digits(clearing), digits(account)))
    except (BankkontoException, ValueError, KeyError, IndexError):
        return False


def _iban_ok(value: str) -> bool:
    compact = re.sub(r"[\s.-]", "", value).upper()
    if len(compact) < 15 or len(compact) > 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _cued(text: str, start: int, cues: re.Pattern[str], width: int = 40) -> bool:
    window = before(text, start, width)
    pos = nearest(cues, window)
    if pos is None:
        return False
    neg = nearest(NOT_PERSON_CUES, window)
    return neg is None or pos <= neg


def _reference(text: str, start: int) -> bool:
    """Introduced as an OCR/invoice/parcel reference (nearer than any account cue)."""
    window = before(text, start, 30)
    neg = nearest(NOT_PERSON_CUES, window)
    if neg is None:
        return False
    pos = nearest(_ACCOUNT_CUES, window)
    return pos is None or neg < pos


def _canonical_giro(text: str, kind: str) -> Iterator[Hit]:
    """Luhn-valid numbers in the giro's own grouping, in a message that names that giro."""
    for m in _CANONICAL_GIRO[kind].finditer(text):
        number = digits(m.group(0))
        # (a plusgiro of fewer than six digits, "12-3", is too like a range to take on shape alone)
        if len(number) >= 6 and luhn_ok(number) and not public_owner(text, m.start()):
            yield Hit(kind, m.start(), m.end(), 0.7)


class BankuppgiftRecognizer(SwedishRecognizer):
    ENTITIES = (BANKKONTO, BANKGIRO, PLUSGIRO, IBAN, KORTNUMMER)

    def find(self, text: str) -> Iterator[Hit]:
        if not any(map(str.isdigit, text)):  # (map: no Python frame per character)
            return
        yield from self._iban(text)
        yield from self._cards(text)
        yield from self._accounts(text)
        lowered = text.lower()
        if "bg" in lowered or "giro" in lowered or "b.g" in lowered:
            yield from self._giro(text, lowered, _BG_CUES, BANKGIRO, frozenset({7, 8}))
        if "pg" in lowered or "giro" in lowered or "p.g" in lowered:
            yield from self._giro(text, lowered, _PG_CUES, PLUSGIRO, frozenset(range(2, 9)))

    @staticmethod
    def _giro(
        text: str, lowered: str, cues: re.Pattern[str], kind: str, sizes: frozenset[int]
    ) -> Iterator[Hit]:
        """The number right after a giro cue (or right before one: "5050-1055 är vårt bankgiro"),
        in any grouping; Luhn decides the score."""
        found = list(cues.finditer(lowered))
        if not found:
            return
        yield from _canonical_giro(text, kind)
        ends = [m.end() for m in found]
        starts = [m.start() for m in found]
        for chain in chains(text):
            cue_end = max((e for e in ends if e <= chain.start() and chain.start() - e <= 40), default=None)
            if cue_end is not None:
                gap = text[cue_end : chain.start()]
            else:
                cue_start = min(
                    (s for s in starts if s >= chain.end() and s - chain.end() <= 25), default=None
                )
                if cue_start is None:
                    continue
                gap = text[chain.end() : cue_start]
                if _GIRO_NAMED_AFTER.fullmatch(gap.lower()) is None:
                    continue  # "2024-11-05 betalade jag till bankgiro ...": the date is no giro
            if _GIRO_GAP.fullmatch(gap) is None or _OTHER_REFERENCE.search(gap.lower()):
                continue  # "bankgiro 5050-1055, OCR 1234567": the OCR number is not the giro
            if public_owner(text, chain.start()):
                continue  # "Skatteverkets bankgiro 5050-1055": a public body's, not a person's
            for w in windows(text, chain, sizes, max(sizes)):
                if w.start != chain.start():
                    break
                if not w.acceptable:
                    continue
                # the longest number of the right size that ends the chain or a group
                if w.end == chain.end() or len(w.digits) == max(sizes):
                    yield Hit(kind, w.start, w.end, 0.85 if luhn_ok(w.digits) else 0.6)
                    break

    def _accounts(self, text: str) -> Iterator[Hit]:
        for m in _CLEARING_ACCOUNT.finditer(text):
            clearing, account = m.group(1), m.group(2)
            n = len(digits(account))
            if not 7 <= n <= 10 or _reference(text, m.start()):
                continue
            if "\n" in account and (account.count("\n") > 1 or not _valid_account(clearing, account)):
                continue  # numbers on two lines are one account only when they validate as one
            if all(re.fullmatch(r"(?:19|20)\d\d", g) for g in re.findall(r"\d+", m.group(0))):
                continue  # a run of years ("2024 2025 2026") is no account
            cued = _cued(text, m.start(), _ACCOUNT_CUES, 45) or _ACCOUNT_CUES.search(m.group(0).lower())
            cued = cued or bank_named_before(text, m.start(), digits(clearing))  # "ICA 9270 ..."
            if _valid_account(clearing, account):
                yield Hit(BANKKONTO, m.start(), m.end(), 0.9 if cued or "-" in clearing else 0.7)
            elif cued:
                yield Hit(BANKKONTO, m.start(), m.end(), 0.7)
            elif _SWEDBANK_CLEARING.fullmatch(clearing):
                # a Swedbank clearing with its check digit is no date, amount or phone number: the
                # account after it is one even when mistyped (a wrong check digit), scored lower
                yield Hit(BANKKONTO, m.start(), m.end(), 0.6)
        lowered = text.lower()
        if "clearing" in lowered and _AFTER_CUE.search(text) is not None:
            # only beside an account number: alone a clearing number names a bank ("clearingnummer
            # 3300 betyder Nordea")
            for m in _CLEARING_AFTER_CUE.finditer(text):
                yield Hit(BANKKONTO, m.start(1), m.end(1), 0.6)
        if "kont" in lowered or "account" in lowered or "kto" in lowered:
            for m in _AFTER_CUE.finditer(text):
                n = len(digits(m.group(1)))
                if 7 <= n <= 16:
                    yield Hit(BANKKONTO, m.start(1), m.end(1), 0.65)

    @staticmethod
    def _iban_any_grouping(text: str) -> Iterator[Hit]:
        """An IBAN grouped some other way ("SE44 500 000 000 500 960 666 72"): only a valid one, its
        groups dropped from the end until the check holds."""
        for m in _IBAN_SPACED.finditer(text):
            if _iban_ok(m.group(1).replace(" ", "").upper()):
                yield Hit(IBAN, m.start(1), m.end(1), 0.9)
        for m in _IBAN_LOOSE.finditer(text):
            groups = list(re.finditer(r"[A-Za-z0-9]+", m.group(1)))
            while len(groups) >= 3:
                end = m.start(1) + groups[-1].end()
                if _iban_ok(text[m.start(1) : end]):
                    yield Hit(IBAN, m.start(1), end, 0.9)
                    break
                groups.pop()

    def _iban(self, text: str) -> Iterator[Hit]:
        yield from self._iban_any_grouping(text)
        for m in _IBAN.finditer(text):
            value = m.group(1)
            if " " in value and not _iban_ok(value):
                # the last group may be the next word ("... 7466 BIC"): retry without it
                shorter = value.rsplit(" ", 1)[0]
                if _iban_ok(shorter):
                    yield Hit(IBAN, m.start(1), m.start(1) + len(shorter), 0.95)
                    continue
            if not value[:2].isupper() and not _cued(text, m.start(), _IBAN_CUES) and not _iban_ok(value):
                continue  # lower case without a cue or a valid check: a word and a number
            if _iban_ok(value):
                yield Hit(IBAN, m.start(1), m.end(1), 0.95)
            elif (value[:2].upper() == "SE" and len(value.replace(" ", "")) == 24) or _cued(
                text, m.start(), _IBAN_CUES
            ):
                yield Hit(IBAN, m.start(1), m.end(1), 0.6)

    def _cards(self, text: str) -> Iterator[Hit]:
        valid = Taken()
        for chain in chains(text):
            if len(chain.group(0)) < 13:
                continue
            for w in windows(text, chain, frozenset(range(13, 20)), 19):
                if valid.overlaps(w.start, w.end) or not w.acceptable:
                    continue
                if w.digits[0] not in "23456" or not luhn_ok(w.digits):
                    continue
                # a card layout, or any grouping after a card cue ("kort 4111 11 11 1111 1111")
                layout = ",".join(str(n) for n in w.groups)
                if _CARD_LAYOUT.match(layout) or _cued(text, w.start, _CARD_CUES):
                    valid.add(w.start, w.end)
                    yield Hit(KORTNUMMER, w.start, w.end, 0.9)
        lowered = text.lower()
        if any(map(lowered.__contains__, _SECURITY_CODE_HINTS)):
            # the card's security code after its own label ("cvc 412", "CVV2: 0815")
            for m in _SECURITY_CODE.finditer(text):
                yield Hit(KORTNUMMER, m.start(1), m.end(1), 0.8)
        for m in _CARD.finditer(text):
            n = digits(m.group(1))
            if not 13 <= len(n) <= 19 or valid.overlaps(m.start(1), m.end(1)):
                continue
            if not _reference(text, m.start()) and _cued(text, m.start(), _CARD_CUES):
                yield Hit(KORTNUMMER, m.start(1), m.end(1), 0.6)
