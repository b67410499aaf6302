"""Real office files: plain text with a header block and underlined or capitalised headings, tables
in Markdown, HTML, DOCX, PDF and text read as rows that carry their headers, lists and tables kept
whole in passages, organisations' published contact details kept while personal data is redacted."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from knowledge.chunking import MAX_UNIT_WORDS, chunk_document
from knowledge.documents import Document, DocumentMeta, Section
from knowledge.loaders.docx import load_docx
from knowledge.loaders.html import load_html
from knowledge.loaders.markdown import load_markdown
from knowledge.loaders.pdf import load_pdf
from knowledge.loaders.sections import row_text
from knowledge.loaders.text import load_text
from knowledge.loading import load_documents

HEADER_TXT = """ÖVERFÖRMYNDARNÄMNDEN I TESTBY
Dokument-ID: TB-003
Titel: Årsräkning för gode män
Giltig från: 2025-01-01
Fastställd av: Nämndens ordförande
Version: 3
Webbadress: https://testby.example/arsrakning
Diarienummer: ÖFN 2024/12
==========================================

Årsräkning för gode män
=======================

Varje år redovisar du hur du har skött huvudmannens pengar.

Sista dag
---------

Rapport | Sista dag | Hur
--- | --- | ---
Årsräkning | 1 mars | E-tjänsten
Sluträkning | en månad efter upphörandet | Brev

BILAGOR
Till årsräkningen bifogar du:
- kontoutdrag för alla konton
- kvitton på större utgifter

Om du inte hinner
-----------------

Begär anstånd skriftligt före den 1 mars.
"""


def _paths(sections: list[Section]) -> list[tuple[str, ...]]:
    return [s.heading_path for s in sections]


def test_text_header_block_is_metadata_never_text() -> None:
    parsed = load_text(HEADER_TXT.encode(), Path("arsrakning.txt"))
    assert parsed.fields == {
        "doc_id": "TB-003",
        "title": "Årsräkning för gode män",
        "valid_from": "2025-01-01",
        "approved_by": "Nämndens ordförande",
        "version": "3",
        "source_url": "https://testby.example/arsrakning",
    }
    text = parsed.text
    for header in ("Dokument-ID", "TB-003", "Fastställd av", "Diarienummer", "Webbadress", "ÖVERFÖRMYNDAR"):
        assert header not in text, header
    assert parsed.title_hint == "Årsräkning för gode män"


def test_text_underlined_and_capitalised_headings() -> None:
    parsed = load_text(HEADER_TXT.encode(), Path("arsrakning.txt"))
    title = "Årsräkning för gode män"
    assert _paths(parsed.sections) == [
        (title,),
        (title, "Sista dag"),
        (title, "Sista dag", "BILAGOR"),
        (title, "Om du inte hinner"),
    ]
    assert "=====" not in parsed.text and "-----" not in parsed.text


def test_text_pipe_table_rows_carry_their_headers() -> None:
    parsed = load_text(HEADER_TXT.encode(), Path("arsrakning.txt"))
    table = parsed.sections[1].text.split("\n")
    assert table == [
        "Årsräkning – Sista dag: 1 mars; Hur: E-tjänsten.",
        "Sluträkning – Sista dag: en månad efter upphörandet; Hur: Brev.",
    ]


def test_text_aligned_columns_are_a_table() -> None:
    text = (
        "Telefontider\n\n"
        "Dag        Telefon      Besök\nMåndag     9-12         stängt\nTisdag     13-15        10-12\n"
    )
    parsed = load_text(text.encode(), Path("tider.txt"))
    assert "Måndag – Telefon: 9-12; Besök: stängt." in parsed.text.split("\n")


def test_a_header_block_in_another_style_never_breaks_the_file() -> None:
    text = "Titel: Kontakt\nGiltig från: 1 januari 2025\nVersion: 2\n\nRing oss på vardagar.\n"
    parsed = load_text(text.encode(), Path("kontakt.txt"))
    assert parsed.fields == {"title": "Kontakt", "version": "2"}  # a non-ISO date is left out
    assert parsed.text == "Ring oss på vardagar."


def test_a_signature_block_at_the_end_of_a_text_file_is_never_text() -> None:
    text = (
        "Bli god man\n\nVi söker gode män. Ring oss.\n\n"
        "-- \nÖverförmyndaren i Exempelby · Storgatan 1 · 0123-45 67 89\nSenast uppdaterad 2026-04-20\n"
    )
    parsed = load_text(text.encode(), Path("bli.txt"))
    assert parsed.text == "Vi söker gode män. Ring oss."


def test_a_dash_line_in_the_middle_of_a_text_file_keeps_what_follows() -> None:
    lines = ["Rubrik", "", "Första stycket.", "", "--", ""] + [f"Stycke {n} om saken." for n in range(6)]
    parsed = load_text("\n".join(lines).encode(), Path("p.txt"))
    assert "Stycke 5 om saken." in parsed.text


def test_a_long_line_in_capitals_is_a_heading_never_glued_to_the_text() -> None:
    text = (
        "MIN MAMMA ELLER PAPPA KLARAR INTE RÄKNINGARNA – VAD GÖR JAG?\n\n"
        "Det finns flera vägar att gå.\n\nSTEG ETT\n\nBörja med en fullmakt.\n"
    )
    parsed = load_text(text.encode(), Path("p.txt"))
    assert "RÄKNINGARNA" not in parsed.text
    assert _paths(parsed.sections)[0] == ("MIN MAMMA ELLER PAPPA KLARAR INTE RÄKNINGARNA – VAD GÖR JAG?",)


def test_text_without_header_is_read_as_before() -> None:
    text = "Placering av pengar\n\nPengarna ska placeras tryggt.\n\nFonder\n\nDu får köpa fonder.\n"
    parsed = load_text(text.encode(), Path("p.txt"))
    assert parsed.fields == {}
    assert _paths(parsed.sections) == [("Placering av pengar",), ("Placering av pengar", "Fonder")]


def test_markdown_table_with_header_row() -> None:
    md = "# Arvode\n\n| Del | Arvode per år |\n|---|---|\n| Bevaka rätt | 3 % |\n| Förvalta egendom | 4 % |\n"
    parsed = load_markdown(md.encode(), Path("a.md"))
    assert parsed.sections[0].text.split("\n") == [
        "Bevaka rätt – Arvode per år: 3 %.",
        "Förvalta egendom – Arvode per år: 4 %.",
    ]


def test_html_table_header_from_thead_and_th() -> None:
    html = (
        "<html><body><main><h1>Kontakt</h1><table><caption>Telefontider</caption>"
        "<thead><tr><th>Dag</th><th>Telefon</th></tr></thead>"
        "<tbody><tr><td>Måndag</td><td>9.00–11.00</td></tr><tr><th>Fredag</th><td>stängt</td></tr></tbody>"
        "</table></main></body></html>"
    )
    parsed = load_html(html.encode(), Path("k.html"))
    assert parsed.sections[0].text.split("\n\n") == [
        "Telefontider",
        "Måndag – Telefon: 9.00–11.00.\nFredag – Telefon: stängt.",
    ]


def test_docx_table_with_a_bold_header_row() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Samtycke", style="Heading 1")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate((("Åtgärd", "Kräver samtycke"), ("Sälja bostad", "Ja"), ("Ränta", "Nej"))):
        for col, value in enumerate(cells):
            run = table.cell(row, col).paragraphs[0].add_run(value)
            run.bold = row == 0
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = load_docx(buffer.getvalue(), Path("s.docx"))
    assert parsed.sections[0].text.split("\n") == [
        "Sälja bostad – Kräver samtycke: Ja.",
        "Ränta – Kräver samtycke: Nej.",
    ]


def test_pdf_table_rows_with_headers(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, "Telefontider", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Här är våra tider för telefon och besök.", new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for cells in (
            ("Dag", "Telefon", "Besök"),
            ("Måndag", "9-12", "13-15"),
            ("Fredag", "stängt", "stängt"),
        ):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.multi_cell(0, 6, "Efter tabellen kommer ett vanligt stycke.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "t.pdf"
    pdf.output(str(path))
    parsed = load_pdf(path.read_bytes(), path)
    assert _paths(parsed.sections) == [("Telefontider",)]
    blocks = parsed.sections[0].text.split("\n\n")
    assert blocks[1].split("\n") == [
        "Måndag – Telefon: 9-12; Besök: 13-15.",
        "Fredag – Telefon: stängt; Besök: stängt.",
    ]
    assert "Dag Telefon Besök" not in parsed.text  # the header row is no heading and no paragraph


def test_pdf_table_with_wrapped_cells_a_narrow_label_column_and_no_corner_header(tmp_path: Path) -> None:
    # A comparison table as offices set it: the header row leaves its first cell empty, a narrow first
    # column of labels, and cells that wrap onto two lines (the cells beside them set half a line lower).
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 7, "Fri eller kontrollerad", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(22, 60, 88), line_height=5, first_row_as_headings=True) as table:
        for cells in (
            ("", "Fri", "Kontrollerad"),
            ("Gräns", "Tillgångarna är högst åtta prisbasbelopp, räknat vid årets slut", "Mer än så"),
            ("Förteckning", "Nej", "Inom en månad"),
            ("Årsräkning", "Nej, men svara på frågor", "Varje år, före den 1 mars"),
        ):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "Efter tabellen kommer ett vanligt stycke om annat.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "t.pdf"
    pdf.output(str(path))
    parsed = load_pdf(path.read_bytes(), path)
    blocks = parsed.sections[0].text.split("\n\n")
    assert blocks[0].split("\n") == [
        "Gräns – Fri: Tillgångarna är högst åtta prisbasbelopp, räknat vid årets slut; "
        "Kontrollerad: Mer än så.",
        "Förteckning – Fri: Nej; Kontrollerad: Inom en månad.",
        "Årsräkning – Fri: Nej, men svara på frågor; Kontrollerad: Varje år, före den 1 mars.",
    ]
    assert blocks[1] == "Efter tabellen kommer ett vanligt stycke om annat."


def test_row_text() -> None:
    assert row_text(["Årsräkning", "1 mars"], ["Rapport", "Sista dag"]) == "Årsräkning – Sista dag: 1 mars."
    assert row_text(["Telefon:", "0611-99 00 00"]) == "Telefon: 0611-99 00 00."
    assert row_text(["Fredag", ""], ["Dag", "Telefon"]) == "Fredag."


def test_a_text_file_with_a_header_block_and_sidecar_loads_as_one_document(tmp_path: Path) -> None:
    (tmp_path / "arsrakning.txt").write_text(HEADER_TXT, encoding="utf-8")
    (tmp_path / "arsrakning.txt.meta.yaml").write_text("approved: true\nlanguage: sv\n", encoding="utf-8")
    report = load_documents(tmp_path, today=dt.date(2025, 6, 1))
    assert not report.failed and not report.skipped
    meta = report.documents[0].meta
    assert (meta.doc_id, meta.title, meta.version, meta.valid_from) == (
        "TB-003",
        "Årsräkning för gode män",
        "3",
        dt.date(2025, 1, 1),
    )


def _doc(*sections: Section, doc_id: str = "d") -> Document:
    return Document(DocumentMeta(doc_id, "Titel", True, "1", "sv"), list(sections))


def test_a_list_with_its_lead_stays_in_one_passage() -> None:
    prose = " ".join(f"Mening nummer {i} handlar om något helt annat än listan." for i in range(9))
    items = "\n".join(f"- punkt {i} med några ord till" for i in range(8))
    doc = _doc(Section(("Titel", "Bilagor"), f"{prose}\n\nBifoga detta:\n\n{items}"))
    passages = chunk_document(doc)
    holding = [p for p in passages if "- punkt 0" in p.text]
    assert len(holding) == 1
    assert "Bifoga detta:\n- punkt 0" in holding[0].text and "- punkt 7" in holding[0].text


def test_a_long_list_is_cut_between_items_and_each_part_repeats_its_lead() -> None:
    items = "\n".join(f"- punkt {i} " + "ord " * 12 for i in range(20))
    doc = _doc(Section(("Titel", "Bilagor"), f"Bifoga detta:\n\n{items}"))
    passages = chunk_document(doc)
    assert len(passages) >= 2
    for passage in passages:
        body = passage.text.split("\n")[1:]  # after the "# Bilagor" line
        assert body[0] == "Bifoga detta:"
        assert all(line.startswith("- punkt") for line in body[1:])
    assert MAX_UNIT_WORDS >= 100


def test_table_rows_stay_together_and_each_names_its_columns() -> None:
    rows = "\n".join(f"Dag {i} – Telefon: {i}-{i + 2}; Besök: stängt." for i in range(6))
    doc = _doc(Section(("Titel", "Öppettider"), f"Vi svarar i telefon.\n\n{rows}"))
    (passage,) = chunk_document(doc)
    assert passage.text.startswith("# Öppettider\n")
    assert rows in passage.text


def test_an_organisations_published_contact_details_are_kept_personal_data_is_not() -> None:
    doc = _doc(
        Section(
            ("Kontakt", "Telefon och e-post"),
            "Ring kontaktcentret på 0611-99 12 34 måndag till fredag.\n\nE-post: kansliet@testby.example\n\n"
            "Besöksadress: Storgatan 12, 871 30 Testby.",
        ),
        Section(
            ("Kontakt", "Exempel"), "Olle Berg ringer från 070-174 06 42 och mejlar olle.berg@mail.example."
        ),
    )
    text = "\n".join(p.text for p in chunk_document(doc))
    for public in ("0611-99 12 34", "kansliet@testby.example", "Storgatan 12"):
        assert public in text, public
    for personal in ("Olle", "070-174 06 42", "olle.berg"):
        assert personal not in text, personal
