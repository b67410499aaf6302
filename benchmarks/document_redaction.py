"""What ingest redacts out of an office's own documents: redaction tags by type per corpus, and the
lines that hold them, so a reader can tell an organisation's contact details (which should stay)
from a person's data or a worked example (which must go).

    .venv/bin/python benchmarks/document_redaction.py [--lines] [--corpus DIR [--office FILE]]

Without --corpus it measures the sample corpus with the packaged office file and every office
under evals/offices/ that is not held out, each with the packaged office file and with its own
office.yaml (the way `tillit eval run --office` ingests it). Passages are made the way ingest
makes them: `load_documents` then `chunk_document` (titles and ids are not counted here).
--lines prints each distinct redacted line with its document, for reading.

Measured 2026-12-07 (tags in passages, by type; before = 27fc72d, where ingest always used the
packaged office file, so "own office.yaml" was the same as the packaged one):

| corpus                   | before: tags (contact tags)        | after: tags (contact tags)   |
|--------------------------|------------------------------------|------------------------------|
| sample, packaged office  | 13 (3, all in worked examples)     | 13 (the same)                |
| lindmo, packaged office  | 16 (7: TELEFON 3, ADRESS 2, ...)   | 14 (5: TELEFON 1, ADRESS 2, ...) |
| lindmo, own office.yaml  | 16 (as above)                      | 9 (0)                        |
| norrvik, packaged office | 24 (3: TELEFON 2, ADRESS 1)        | 23 (2: TELEFON 1, ADRESS 1)  |
| norrvik, own office.yaml | 24 (as above)                      | 21 (0)                       |

What is left on an organisation's detail: with its own office.yaml none; with the packaged one, a
line with no cue ("kan du ringa 0645-… och be om en pappersblankett", "skicka den på papper till
Box 310, …"), a line that warns against sending a personnummer (a person safeguard word), and
English lines where the name recogniser reads "Mon" or "Town Hall" as a name (a name on the line
keeps the detail redacted). The NAMN tags left are worked examples' people and those English
false positives.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from guardrails import OfficeConfig, load_office  # noqa: E402
from guardrails.text.tags import TAG  # noqa: E402
from knowledge import chunk_document, load_documents  # noqa: E402

# Offices held out from development are never read, not even by a measurement.
HELD_OUT = {"ekby", "sjohamra"}


def _variants() -> list[tuple[str, Path, Path | None]]:
    found: list[tuple[str, Path, Path | None]] = [("sample", REPO / "knowledge" / "corpus", None)]
    for office in sorted((REPO / "evals" / "offices").iterdir()):
        if office.name in HELD_OUT or not (office / "dokument").is_dir():
            continue
        found.append((f"{office.name} (default office)", office / "dokument", None))
        own = office / "office.yaml"
        if own.is_file():
            found.append((f"{office.name} (own office.yaml)", office / "dokument", own))
    return found


def measure(corpus: Path, office: OfficeConfig | None) -> tuple[int, Counter[str], list[tuple[str, str]]]:
    """(passages, tags by type, (doc_id, line) of every distinct line holding a tag)."""
    report = load_documents(corpus)
    counts: Counter[str] = Counter()
    lines: dict[tuple[str, str], None] = {}
    passages = 0
    for doc in report.documents:
        for passage in chunk_document(doc, office=office):
            passages += 1
            for line in passage.text.split("\n"):
                tags = [m.group(1) for m in TAG.finditer(line)]
                if tags:
                    lines[(doc.meta.doc_id, line.strip())] = None
            # Each passage counts its own tags; the overlap sentence is counted in both passages.
            counts.update(m.group(1) for m in TAG.finditer(passage.text))
    return passages, counts, list(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--office", type=Path, help="the office.yaml to ingest with")
    parser.add_argument("--lines", action="store_true", help="print the redacted lines")
    args = parser.parse_args()
    variants = [(str(args.corpus), args.corpus, args.office)] if args.corpus else _variants()
    for name, corpus, office_file in variants:
        office = load_office(office_file) if office_file else None
        passages, counts, lines = measure(corpus, office)
        by_type = ", ".join(f"{kind} {n}" for kind, n in counts.most_common()) or "none"
        print(f"{name}: {passages} passages, {sum(counts.values())} tags ({by_type})")
        if args.lines:
            for doc_id, line in lines:
                print(f"    {doc_id}: {line[:160]}")


if __name__ == "__main__":
    main()
