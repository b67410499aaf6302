"""Convert the readable markup (*.src.txt) into the JSONL test sets (text + spans).

Run from the repository root: `python tests/guardrails/data/make_pii_labelled.py`.
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
}
MARK = re.compile(r"\[\[([A-Z]):(.+?)\]\]")


def parse(line: str) -> tuple[str, list[dict[str, object]]]:
    text = line.replace("\\n", "\n")
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(text):
        plain = text[pos : m.start()]
        out.append(plain)
        length += len(plain)
        value = m.group(2)
        spans.append({"start": length, "end": length + len(value), "type": CODES[m.group(1)]})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def convert(name: str, prefix: str) -> None:
    rows = []
    for n, line in enumerate((HERE / f"{name}.src.txt").read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        language, raw = line.split("\t", 1)
        text, spans = parse(raw)
        rows.append({"id": f"{prefix}{n:03d}", "language": language, "text": text, "spans": spans})
    with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    negatives = sum(1 for r in rows if not r["spans"])
    print(f"{name}: {len(rows)} messages, {negatives} without personal data")


def main() -> None:
    convert("pii_labelled", "m")
    convert("pii_holdout", "h")


if __name__ == "__main__":
    main()
