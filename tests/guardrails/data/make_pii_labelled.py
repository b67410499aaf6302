"""Convert the readable markup (*.src.txt) into the JSONL test sets (text + spans).

Run from the repository root: `python tests/guardrails/data/make_pii_labelled.py`.

Markup: `[[X:value]]` marks personal data of class X (see CODES); a literal `\\n` is a line break;
`\\uXXXX` (and `\\UXXXXXXXX`) escapes stand for characters that are invisible or hard to type
(zero-width space, soft hyphen, full-width digits, Cyrillic look-alikes, ...). Escapes are decoded
inside and outside the markup before the spans are measured, so every offset is into the decoded
text the redactor sees. The adversarial sets use them; the older sets have none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
CODES = {
    "P": "PERSONNUMMER",
    "N": "NAMN",
    "T": "TELEFON",
    "E": "EPOST",
    "B": "BANKKONTO",
    "K": "KORTNUMMER",
    "A": "ADRESS",
    "Z": "POSTNUMMER",
    "F": "FODELSEDATUM",
    "O": "ORGANISATIONSNUMMER",
    "I": "IBAN",
    "G": "BANKGIRO",
    "Q": "PLUSGIRO",
    "R": "ARENDENUMMER",
    "L": "FASTIGHETSBETECKNING",
}
MARK = re.compile(r"\[\[([A-Z]):(.+?)\]\]", re.DOTALL)  # a value may hold a line break
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def decode(text: str) -> str:
    """Decode the \\uXXXX / \\UXXXXXXXX escapes (a literal \\n stays for `parse` to handle)."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


# A title or role before a name: the sets' conventions put it outside the name's span.
TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Mx|Prof|Frau|Herr|Fru)\.?\s+(?=\S)")


def parse(line: str, titles_outside: bool = False) -> tuple[str, list[dict[str, object]]]:
    text = decode(line.replace("\\n", "\n"))
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(text):
        plain = text[pos : m.start()]
        out.append(plain)
        length += len(plain)
        value = m.group(2)
        title = TITLE.match(value) if titles_outside and m.group(1) == "N" else None
        skip = title.end() if title is not None else 0
        spans.append({"start": length + skip, "end": length + len(value), "type": CODES[m.group(1)]})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def convert(name: str, prefix: str, titles_outside: bool = False) -> None:
    """`titles_outside`: a set whose header puts titles outside a name but whose markup has a few
    inside ("[[N:Mr. Oliver Grant]]" in pii_wild4): the span starts after the title."""
    rows = []
    for n, line in enumerate((HERE / f"{name}.src.txt").read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        language, raw = line.split("\t", 1)
        text, spans = parse(raw, titles_outside)
        rows.append({"id": f"{prefix}{n:03d}", "language": language, "text": text, "spans": spans})
    with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    negatives = sum(1 for r in rows if not r["spans"])
    print(f"{name}: {len(rows)} messages, {negatives} without personal data")


def main() -> None:
    convert("pii_labelled", "m")
    convert("pii_holdout", "h")
    convert("pii_adversarial.dev", "ad")
    convert("pii_adversarial.blind", "ab")
    convert("pii_wild.dev", "wd")
    convert("pii_wild3.dev", "w3")
    convert("pii_wild4.dev", "w4", titles_outside=True)
    convert("pii_wild5.dev", "w5", titles_outside=True)
    convert("pii_wild6.dev", "w6", titles_outside=True)
    convert("pii_wild7.dev", "w7", titles_outside=True)
    convert("pii_wild8.dev", "w8", titles_outside=True)
    convert("pii_wild9.dev", "w9", titles_outside=True)
    convert("pii_wild10.dev", "w10", titles_outside=True)
    convert("pii_wild11.dev", "w11", titles_outside=True)
    convert("pii_wild12.dev", "w12", titles_outside=True)
    convert("pii_wild13.dev", "w13", titles_outside=True)
    convert("pii_wild14.dev", "w14", titles_outside=True)
    convert("pii_wild15.dev", "w15", titles_outside=True)


if __name__ == "__main__":
    main()
