"""The sample data is fictional (issue #16, item 8): no personnummer-shaped number anywhere in the
sample corpus (its worked examples say "personnummer ÅÅÅÅMMDD-XXXX"), and the office config's
organisationsnummer fails the Luhn check, so it is no real organisation's, and the contact page
states the same number as the config."""

from __future__ import annotations

import re
from pathlib import Path

from guardrails import load_office
from knowledge import load_documents
from tests.knowledge.conftest import PERSONNUMMER


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def test_no_personnummer_shaped_number_in_the_sample_corpus(sample_corpus_dir: Path) -> None:
    found = []
    for path in sorted(sample_corpus_dir.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".html", ".txt", ".yaml"):
            text = path.read_text(encoding="utf-8")
            found += [(path.name, m.group()) for m in PERSONNUMMER.finditer(text)]
    # The PDF and DOCX as the loader reads them (their text is compressed on disk).
    for doc in load_documents(sample_corpus_dir).documents:
        for section in doc.sections:
            found += [(doc.meta.doc_id, m.group()) for m in PERSONNUMMER.finditer(section.text)]
    assert not found, found


def test_the_office_organisationsnummer_is_fictional_and_the_contact_page_agrees(
    sample_corpus_dir: Path,
) -> None:
    number = load_office().office.organisationsnummer
    digits = re.sub(r"\D", "", number)
    assert len(digits) == 10
    assert not _luhn_ok(digits), f"{number} passes the Luhn check: it could be a real organisation's"
    assert number != "212000-0142"  # Stockholms kommun
    page = (sample_corpus_dir / "kontakt-och-oppettider.html").read_text(encoding="utf-8")
    assert f"Organisationsnummer: {number}" in page
