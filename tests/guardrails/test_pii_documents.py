"""Names in documents, as the knowledge ingest redacts them (a whole section at a time: headings,
list items, table cells, line starts): a surname after a known first name is one span with it,
wherever the pair stands, so no surname is left next to a tag in an index, a database or an answer
(issue #14: "[NAMN_1] Wennerholm" reached the vector store of another office's corpus)."""

from __future__ import annotations

import re

import pytest

from guardrails import redact

SECTIONS = [
    # (section text, the full name in it)
    ("## Kontakt\nBertil Wennerholm svarar på frågor om arvode.", "Bertil Wennerholm"),
    ("Handläggare:\n- Anna Skog\n- telefon 08-123 45 67", "Anna Skog"),
    ("| Roll | Namn |\n|---|---|\n| Handläggare | Gösta Lund |", "Gösta Lund"),
    ("Beslutet fattades av Yusuf Mahamed den 3 maj.", "Yusuf Mahamed"),
    ("Exempel › Marek Zieliński har god man sedan 2019.", "Marek Zieliński"),
    ("Så här gjorde Karin Björk:\n1. Hon fyllde i blanketten.", "Karin Björk"),
    ("Frågor besvaras av Sun-Hee Park, jurist.", "Sun-Hee Park"),
    ("Inga Weber och hennes bror ansökte tillsammans.", "Inga Weber"),
]


@pytest.mark.parametrize(("text", "name"), SECTIONS, ids=[n for _, n in SECTIONS])
def test_a_surname_after_a_known_first_name_is_one_span_in_documents(text: str, name: str) -> None:
    result = redact(text, language="sv")
    spans = [text[e.start : e.end] for e in result.entities if e.type == "NAMN"]
    assert name in spans, (spans, result.text)
    for part in re.split(r"[ -]", name):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", result.text), result.text


def test_a_documents_title_and_id_go_through_the_same_redactor() -> None:
    # knowledge/ingest.py sends titles and file-name ids through guardrails.redact (tested end to
    # end in tests/knowledge/test_ingest.py); here: the title form of a name is found like the text's
    title = "Beslut om arvode för Kerstin Holmqvist 19500101-1237"
    result = redact(title, language="sv")
    assert result.text == "Beslut om arvode för [NAMN_1] [PERSONNUMMER_1]"
