"""Does a secret survive redaction? Scoring for the adversarial sets (look-alikes, fake tags, ...).

"Survives" is judged the way a reader of the redacted text would see it, independently of the
redactor's own normalisation (this module has its own small fold, so a bug there cannot hide here):

- **Coverage** (offsets into the original text): every *secret character* of a labelled span must
  lie inside some redacted entity. Secret characters depend on the class: the digits of an
  identifier (a masked personnummer's "XXXX", a cue-like "ÖF" or the month name of a birth date are
  not secret), every letter and digit of a name token except a possessive ending ("Kims" -> "Kim"),
  e-mail and street address; for a postcode line the tokens that contain a digit (the town when
  none does: "P.O. Box 4410, Gaborone"); for a property designation the numbers and the word before
  them. Separators and invisible characters are not
  secret (nothing can be read from them).
- **Output** (the redacted text, folded): the digit sequence of an identifier (five digits or more)
  does not appear in the digits of the output once the tags the vault issued are cut out, and no
  name token (two letters or more, possessive removed) appears as a word in the output.

A span survives when either check fails. Hard negatives (lines without markup) are counted as
over-redacted when the redacted text differs from the original.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from guardrails.text.tags import ENTITY_TYPES

DATA = Path(__file__).parent / "data"
DEV = DATA / "pii_adversarial.dev.jsonl"
BLIND = DATA / "pii_adversarial.blind.jsonl"
WILD = DATA / "pii_wild.dev.jsonl"
WILD3 = DATA / "pii_wild3.dev.jsonl"
WILD4 = DATA / "pii_wild4.dev.jsonl"
WILD5 = DATA / "pii_wild5.dev.jsonl"
WILD6 = DATA / "pii_wild6.dev.jsonl"
WILD7 = DATA / "pii_wild7.dev.jsonl"
WILD8 = DATA / "pii_wild8.dev.jsonl"
WILD9 = DATA / "pii_wild9.dev.jsonl"
WILD10 = DATA / "pii_wild10.dev.jsonl"
WILD11 = DATA / "pii_wild11.dev.jsonl"
WILD12 = DATA / "pii_wild12.dev.jsonl"
WILD13 = DATA / "pii_wild13.dev.jsonl"
WILD14 = DATA / "pii_wild14.dev.jsonl"
WILD15 = DATA / "pii_wild15.dev.jsonl"

NAMES_AND_ADDRESSES = {"NAMN", "ADRESS", "POSTNUMMER"}
IDENTIFIERS = ENTITY_TYPES - NAMES_AND_ADDRESSES  # every other type a tag can name
_DIGIT_CLASSES = IDENTIFIERS - {"EPOST", "IBAN", "FASTIGHETSBETECKNING"}

# A few confusables, enough to read look-alike names the way a person would (independent of the
# redactor's table on purpose).
_CONFUSABLES = str.maketrans(
    "аеорсхуіјѕԁһԛԝАВЕКМНОРСТХУІЈЅαοιρτυνΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcxyijsdhqwABEKMHOPCTXYIJSaoiptuvABEZHIKMNOPTYX",
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’]|(?<=[A-Za-zÅÄÖåäö]{2})s)$")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fold_char(ch: str) -> str:
    """One character as a reader sees it: '' for invisible ones, ASCII for look-alike digits."""
    if unicodedata.category(ch) == "Cf":
        return ""
    if ch.isdigit():
        try:
            return str(unicodedata.digit(ch))
        except (TypeError, ValueError):
            pass
    return unicodedata.normalize("NFKC", ch).translate(_CONFUSABLES)


def fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


def _digits(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isdigit())


def _name_tokens(value: str) -> list[tuple[int, int]]:
    """(start, end) of each name token inside `value`, possessive ending left out of the last."""
    tokens = [m.span() for m in re.finditer(r"[^\W\d_]+(?:['’][^\W\d_]+)*['’]?", value)]
    if tokens:
        s, e = tokens[-1]
        m = _POSSESSIVE.search(value[s:e])
        if m is not None and len(value[s:e]) - len(m.group(0)) >= 2:
            tokens[-1] = (s, s + m.start())
    return tokens


def secret_positions(text: str, span: dict) -> list[int]:
    """Offsets (into `text`) of the characters of a labelled span that must not be readable."""
    start, end, kind = span["start"], span["end"], span["type"]
    value = text[start:end]
    folded = [fold_char(ch) for ch in value]
    if kind in _DIGIT_CLASSES:
        digits = [start + i for i, f in enumerate(folded) if f.isdigit()]
        # a number spelled out in words ("noll sju noll, ett sju fyra"): its words are the secret
        return digits or [start + i for i, f in enumerate(folded) if f.isalnum()]
    if kind == "NAMN":
        return [start + i for s, e in _name_tokens(value) for i in range(s, e) if folded[i].isalnum()]
    if kind == "POSTNUMMER":
        out = []
        for m in re.finditer(r"\S+", value):
            if any(f.isdigit() for f in folded[m.start() : m.end()]):
                out.extend(start + i for i in range(m.start(), m.end()) if folded[i].isalnum())
        # a postal town line without a code ("P.O. Box 1234\nGaborone"): the town is the secret
        return out or [start + i for i, f in enumerate(folded) if f.isalnum()]
    if kind == "FASTIGHETSBETECKNING":
        first_digit = next((i for i, f in enumerate(folded) if f.isdigit()), len(value))
        word = re.search(r"(\S+)\s*$", value[:first_digit])
        from_index = word.start(1) if word else first_digit
        return [start + i for i in range(from_index, len(value)) if folded[i].isalnum()]
    return [start + i for i, f in enumerate(folded) if f.isalnum()]


def _output_leaks(text: str, span: dict, redacted: str, issued: set[str]) -> bool:
    value = text[span["start"] : span["end"]]
    cut = redacted
    for tag in issued:
        cut = cut.replace(tag, "\x00")
    kind = span["type"]
    if kind in _DIGIT_CLASSES or kind == "IBAN":
        wanted = _digits(value)
        if len(wanted) < 5:
            return False
        return any(wanted in _digits(piece) for piece in cut.split("\x00"))
    if kind == "NAMN":
        folded_out = fold(cut)
        whole = [m.span() for m in re.finditer(r"[^\W\d_]+", value)]
        for s, e in _name_tokens(value) + whole:
            token = fold(value[s:e])
            if len(token) >= 2 and re.search(rf"(?<!\w){re.escape(token)}(?!\w)", folded_out):
                return True
        return False
    if kind == "EPOST":
        local = re.split(r"\s*(?:@|\(at\)|\[at\]|\sat\s)", fold(value), maxsplit=1)[0].strip()
        compact = re.sub(r"\s+", "", fold(cut))
        return len(local) >= 3 and re.sub(r"\s+", "", local) in compact
    return False


def survived(text: str, span: dict, entities: list[tuple[int, int]], redacted: str, issued: set[str]) -> bool:
    uncovered = any(not any(s <= i < e for s, e in entities) for i in secret_positions(text, span))
    return uncovered or _output_leaks(text, span, redacted, issued)


def is_disguised(text: str, span: dict) -> bool:
    """A look-alike or fake-tag case: the value holds characters a plain reader would not type
    (invisible, full-width, other-script digits or letters), or sits inside a tag-shaped string."""
    value = text[span["start"] : span["end"]]
    if any(fold_char(ch) != ch and not ch.isspace() for ch in value):
        return True
    before = text[max(0, span["start"] - 20) : span["start"]]
    return re.search(r"\[[A-ZÅÄÖ]*_?$", before) is not None


@dataclass
class Outcome:
    gold: Counter[str] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)
    disguised: int = 0
    disguised_left: int = 0
    negatives: int = 0
    negatives_hit: int = 0
    survivors: list[str] = field(default_factory=list)  # "id TYPE" only: no values printed
    hit_negatives: list[str] = field(default_factory=list)

    def share(self, kinds: set[str]) -> tuple[int, int]:
        return sum(self.left[k] for k in kinds), sum(self.gold[k] for k in kinds)

    @property
    def total_left(self) -> int:
        return sum(self.left.values())

    def table(self, title: str) -> str:
        rows = [title, f"{'class':<22} {'gold':>5} {'left':>5}"]
        for kind in sorted(self.gold):
            rows.append(f"{kind:<22} {self.gold[kind]:>5} {self.left[kind]:>5}")
        ident, ident_n = self.share(IDENTIFIERS)
        names, names_n = self.share(NAMES_AND_ADDRESSES)
        rows.append(f"identifiers left: {ident}/{ident_n} ({ident / max(ident_n, 1):.1%})")
        rows.append(f"names and addresses left: {names}/{names_n} ({names / max(names_n, 1):.1%})")
        rows.append(f"look-alike / fake-tag secrets left: {self.disguised_left}/{self.disguised}")
        rows.append(
            f"hard negatives changed: {self.negatives_hit}/{self.negatives} "
            f"({self.negatives_hit / max(self.negatives, 1):.1%})"
        )
        return "\n".join(rows)


def evaluate(rows: list[dict], redact) -> Outcome:
    """`redact(text, language)` returns guardrails.Redacted."""
    out = Outcome()
    for row in rows:
        text = row["text"]
        result = redact(text, row["language"])
        entities = [(e.start, e.end) for e in result.entities]
        issued = {e.tag for e in result.entities}
        if not row["spans"]:
            out.negatives += 1
            if result.text != text:
                out.negatives_hit += 1
                out.hit_negatives.append(row["id"])
            continue
        for span in row["spans"]:
            kind = span["type"]
            out.gold[kind] += 1
            disguised = is_disguised(text, span)
            out.disguised += disguised
            if survived(text, span, entities, result.text, issued):
                out.left[kind] += 1
                out.disguised_left += disguised
                out.survivors.append(f"{row['id']} {kind}")
    return out
