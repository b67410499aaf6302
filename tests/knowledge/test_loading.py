"""Loading documents from disk: every format on real files, metadata precedence, gating, broken files.

The files under tests/knowledge/files/ are written by make_test_files.py (the PDF by fpdf2, the
DOCX by python-docx).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from knowledge import Document, LoadReport, detect_language, load_documents
from knowledge.metadata import merge_fields

FILES = Path(__file__).parent / "files"
CORPUS = FILES / "corpus"
BROKEN = FILES / "broken"
TODAY = dt.date(2026, 1, 15)

SERVED = {
    "test-arsrakning": "arsrakning.md",
    "en-god-man": "en-god-man.md",
    "test-foretrade": "foretrade.md",
    "kom-igang": "kom-igang.docx",
    "test-placering": "placering.txt",
    "test-underlag": "underlag.pdf",
    "riktlinjer": "riktlinjer.pdf",
    "test-html-foretrade": "html-foretrade.html",
    "test-kontakt": "kontakt.html",
}


@pytest.fixture(scope="module")
def report() -> LoadReport:
    return load_documents(CORPUS, today=TODAY)


@pytest.fixture(scope="module")
def docs(report: LoadReport) -> dict[str, Document]:
    return {doc.meta.doc_id: doc for doc in report.documents}


def full_text(doc: Document) -> str:
    return "\n".join(" › ".join(s.heading_path) + "\n" + s.text for s in doc.sections)


def paths(doc: Document) -> list[tuple[str, ...]]:
    return [section.heading_path for section in doc.sections]


def test_every_format_loads_from_a_folder_recursively(report: LoadReport, docs: dict[str, Document]) -> None:
    assert {doc_id: doc.path.name for doc_id, doc in docs.items() if doc.path} == SERVED
    assert {doc.path.suffix for doc in report.documents if doc.path} == {
        ".md",
        ".html",
        ".pdf",
        ".docx",
        ".txt",
    }
    assert report.failed == []


def test_readme_hidden_files_and_sidecars_are_not_documents(report: LoadReport) -> None:
    seen = {issue.path.name for issue in report.skipped + report.failed} | {
        doc.path.name for doc in report.documents if doc.path
    }
    assert "README.md" not in seen
    assert ".dold.md" not in seen
    assert not any(name.endswith(".meta.yaml") for name in seen)


def test_markdown_front_matter_and_structure(docs: dict[str, Document]) -> None:
    doc = docs["test-arsrakning"]
    meta = doc.meta
    assert meta.title == "Årsräkning för gode män"
    assert meta.approved is True
    assert meta.approved_by == "Enhetschef Test"
    assert meta.valid_from == dt.date(2024, 1, 1)
    assert meta.valid_until is None
    assert meta.source_url == "https://example.se/arsrakning"
    assert meta.audience == "ställföreträdare"
    assert meta.language == "sv"
    assert paths(doc) == [("Årsräkning",), ("Årsräkning", "Bilagor"), ("Årsräkning", "Exempel")]
    bilagor = doc.sections[1].text.split("\n")
    assert "- kontoutdrag per den 31 december" in bilagor
    assert "- kvitton på större utgifter, t.ex. möbler" in bilagor
    assert "---" not in full_text(doc) and "doc_id" not in full_text(doc)


def test_html_boilerplate_is_stripped_and_content_kept(docs: dict[str, Document]) -> None:
    doc = docs["test-kontakt"]
    text = full_text(doc)
    for boilerplate in (
        "COOKIETEXT",
        "Godkänn",
        "NAVTEXT",
        "SIDHUVUDTEXT",
        "BRÖDSMULA",
        "ASIDETEXT",
        "SIDOTEXT",
        "FORMTEXT",
        "DOLDTEXT",
        "NOSCRIPTTEXT",
        "SIDFOTTEXT",
        "ARTIKELFOT",
        "SKRIPTTEXT",
        "trackingSecret",
        "font-family",
        "Hoppa till innehållet",
    ):
        assert boilerplate not in text, boilerplate
    assert paths(doc) == [
        ("Kontakt och öppettider",),
        ("Kontakt och öppettider", "Telefontider"),
        ("Kontakt och öppettider", "Telefontider", "Skicka post"),
    ]
    lines = doc.sections[1].text.split("\n")
    assert "Telefonen är öppen måndag till torsdag kl. 9.00–11.30." in lines  # <br> breaks the line
    assert "- Växel: 08-508 00 000" in lines
    assert "- E-post: overformyndaren@example.se" in lines
    assert "- Besök endast efter bokning" in lines  # nested list item
    # A table row carries its column header.
    assert "Överförmyndarförvaltningen – Adress: Box 123, 100 00 Stockholm." in doc.sections[2].text
    # Source line breaks inside a paragraph are layout, not text.
    assert "Vi hjälper dig med frågor om gode män" in doc.sections[0].text


def test_html_meta_tags_and_canonical_link(docs: dict[str, Document]) -> None:
    meta = docs["test-kontakt"].meta
    assert meta.approved_by == "Kommunikationsavdelningen"
    assert meta.valid_from == dt.date(2024, 6, 1)
    assert meta.audience == "allmänheten"
    assert meta.source_url == "https://example.se/kontakt"
    assert meta.title == "Kontakt och öppettider"  # the h1, not the <title> with the site name


def test_pdf_headings_paragraphs_and_lists(docs: dict[str, Document]) -> None:
    doc = docs["test-underlag"]
    assert doc.meta.title == "Underlag till årsräkningen"  # first heading beats the PDF /Title property
    assert paths(doc) == [
        ("Underlag till årsräkningen",),
        ("Underlag till årsräkningen", "Kontoutdrag"),
        ("Underlag till årsräkningen", "Kvitton"),
        ("Underlag till årsräkningen", "Frågor"),  # on page 2
    ]
    # Wrapped lines are joined into one paragraph; a gap starts a new one.
    assert "Läs den innan du börjar, så blir granskningen snabbare" in doc.sections[0].text
    blocks = doc.sections[1].text.split("\n\n")
    assert blocks[1] == "Detta är ett nytt stycke efter ett tomrum."
    assert blocks[2].split("\n") == ["- kontoutdrag för transaktionskonton", "- kontoutdrag för sparkonton"]


def test_pdf_without_font_cues_uses_numbering(docs: dict[str, Document]) -> None:
    doc = docs["riktlinjer"]
    assert doc.meta.title == "Riktlinjer för arvode"
    assert paths(doc) == [
        ("Riktlinjer för arvode", "1. Inledning"),
        ("Riktlinjer för arvode", "1. Inledning", "1.1 Bakgrund"),
        ("Riktlinjer för arvode", "2. Vad som påverkar arvodet"),
    ]
    # Consecutive numbered lines are a list; the page number is dropped.
    assert doc.sections[2].text.endswith("- Antal besök\n- Ekonomins omfattning")


def test_docx_styles_become_headings_and_lists(docs: dict[str, Document]) -> None:
    doc = docs["kom-igang"]  # doc_id from the stem; approval from the stem sidecar kom-igang.meta.yaml
    assert doc.meta.title == "Kom igång med uppdraget"
    assert paths(doc) == [
        ("Kom igång med uppdraget",),
        ("Kom igång med uppdraget", "De första veckorna"),
        ("Kom igång med uppdraget", "De första veckorna", "Förteckningen"),
    ]
    assert doc.sections[1].text == "- Kontakta huvudmannen och banken.\n- Beställ registerutdrag."
    assert "Förteckning – Senast: Två månader." in doc.sections[2].text


def test_plain_text_with_sidecar(docs: dict[str, Document]) -> None:
    doc = docs["test-placering"]
    assert doc.meta.approved_by == "Handläggare Test"
    assert doc.meta.source_url == "https://example.se/placering"
    assert paths(doc) == [("Placering av pengar",), ("Placering av pengar", "Vad gäller för fonder")]
    assert doc.sections[1].text.endswith("- räntefonder\n- aktiefonder med bred spridning")


def test_sidecar_beats_front_matter(docs: dict[str, Document]) -> None:
    meta = docs["test-foretrade"].meta
    assert meta.title == "Titel från sidecar"
    assert meta.approved is True  # front matter says false, the sidecar approves
    assert meta.version == "fm-1"  # fields the sidecar leaves out still come from front matter


def test_sidecar_beats_html_meta(docs: dict[str, Document]) -> None:
    meta = docs["test-html-foretrade"].meta
    assert meta.title == "Titel från sidecar"
    assert meta.approved is True
    assert meta.version == "html-1"
    assert meta.source_url == "https://example.se/html-foretrade"


def test_front_matter_beats_html_meta_field_by_field() -> None:
    merged = merge_fields(
        {"title": "sidecar"}, {"title": "front", "version": "2"}, {"Version": "1", "doc-id": "x"}
    )
    assert merged == {"title": "sidecar", "version": "2", "doc_id": "x"}


def test_defaults_doc_id_version_and_language(docs: dict[str, Document], tmp_path: Path) -> None:
    meta = docs["en-god-man"].meta
    assert meta.doc_id == "en-god-man"
    assert meta.language == "en"  # detected: the front matter has no language
    assert re.fullmatch(r"[0-9a-f]{12}", meta.version)
    again = load_documents(CORPUS / "en-god-man.md", today=TODAY).documents[0]
    assert again.meta.version == meta.version
    changed = tmp_path / "en-god-man.md"
    changed.write_text((CORPUS / "en-god-man.md").read_text() + "\nOne more sentence.\n")
    assert load_documents(changed, today=TODAY).documents[0].meta.version != meta.version


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("utkast.md", "inte godkänd (approved: false)"),
        ("framtida.md", "inte giltig än (valid_from 2030-01-01)"),
        ("utgangen.md", "har gått ut (valid_until 2025-01-01)"),
        ("saknar-godkannande.md", "saknar godkännande (approved: true saknas)"),
    ],
)
def test_gating_skips_with_reason(report: LoadReport, name: str, reason: str) -> None:
    assert {issue.path.name: issue.reason for issue in report.skipped}[name] == reason
    assert all(doc.path is None or doc.path.name != name for doc in report.documents)


@pytest.mark.parametrize(
    ("today", "served", "skipped"),
    [
        (dt.date(2024, 6, 1), "utgangen.md", "framtida.md"),
        (dt.date(2031, 1, 1), "framtida.md", "utgangen.md"),
    ],
)
def test_gating_depends_on_today(today: dt.date, served: str, skipped: str) -> None:
    report = load_documents(CORPUS, today=today)
    assert served in {doc.path.name for doc in report.documents if doc.path}
    assert skipped in {issue.path.name for issue in report.skipped}
    assert {"utkast.md", "saknar-godkannande.md"} <= {issue.path.name for issue in report.skipped}


def test_valid_until_is_exclusive(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("---\napproved: true\nvalid_until: 2026-01-15\n---\n\n# R\n\nText här.\n")
    assert load_documents(doc, today=dt.date(2026, 1, 14)).documents
    assert load_documents(doc, today=dt.date(2026, 1, 15)).skipped


# Files that carry no approval of their own: without a sidecar they are skipped unparsed.
UNAPPROVED_BROKEN = (
    "latin1.txt",
    "binary.txt",
    "truncated.pdf",
    "not-a-pdf.pdf",
    "not-a-docx.docx",
)


def test_broken_files_are_reported_and_the_rest_loads(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(BROKEN, folder)
    for name in UNAPPROVED_BROKEN:
        (folder / f"{name}.meta.yaml").write_text("approved: true\nlanguage: sv\n")
    report = load_documents(folder, today=TODAY)
    failed = {issue.path.name: issue.reason for issue in report.failed}
    expected = {
        "bad-yaml.md": "ogiltig YAML",
        "unclosed-front-matter.md": "saknar avslutande",
        "bad-date.md": "valid_from: ogiltigt datum 'snart'",
        "empty.md": "tomt dokument",
        "bad-sidecar.txt": "bad-sidecar.txt.meta.yaml: ogiltig YAML",
        "latin1.txt": "ogiltig UTF-8",
        "binary.txt": "binärt innehåll",
        "binary.md": "binärt innehåll",
        "truncated.pdf": "avkortad",
        "not-a-pdf.pdf": "inte en PDF",
        "not-a-docx.docx": "skadad DOCX",
    }
    assert set(failed) == set(expected)
    for name, fragment in expected.items():
        assert fragment in failed[name], (name, failed[name])
        assert "\n" not in failed[name]
    assert {doc.meta.doc_id for doc in report.documents} == {"ok", "test-arsrakning"}


def test_broken_files_without_approval_are_skipped_unparsed() -> None:
    report = load_documents(BROKEN, today=TODAY)
    skipped = {issue.path.name: issue.reason for issue in report.skipped}
    for name in UNAPPROVED_BROKEN:
        assert skipped[name].startswith("saknar godkännande"), (name, skipped.get(name))
    assert not set(UNAPPROVED_BROKEN) & {issue.path.name for issue in report.failed}


def test_duplicate_doc_id_fails_the_second_file(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "arsrakning.md", tmp_path / "a-first.md")
    shutil.copy(BROKEN / "duplicate.md", tmp_path / "b-second.md")
    report = load_documents(tmp_path, today=TODAY)
    assert [doc.path.name for doc in report.documents if doc.path] == ["a-first.md"]
    assert [issue.path.name for issue in report.failed] == ["b-second.md"]
    assert "test-arsrakning" in report.failed[0].reason


def test_an_expired_old_version_may_share_its_doc_id(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "arsrakning.md", tmp_path / "current.md")
    (tmp_path / "old.md").write_text(
        "---\ndoc_id: test-arsrakning\napproved: true\nvalid_until: 2025-01-01\n---\n\n# Gammal\n\nText.\n"
    )
    report = load_documents(tmp_path, today=TODAY)
    assert [doc.path.name for doc in report.documents if doc.path] == ["current.md"]
    assert report.failed == []


def test_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.loading

    monkeypatch.setattr(knowledge.loading, "MAX_FILE_BYTES", 200)
    report = load_documents(CORPUS / "arsrakning.md", today=TODAY)
    assert not report.documents
    assert "för stor" in report.failed[0].reason


def test_docx_zip_bomb_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.loaders.docx

    monkeypatch.setattr(knowledge.loaders.docx, "MAX_DOCX_UNCOMPRESSED_BYTES", 10_000)
    report = load_documents(CORPUS / "kom-igang.docx", today=TODAY)
    assert not report.documents
    assert "zip-bomb" in report.failed[0].reason


@pytest.mark.parametrize(
    ("front_matter", "fragment"),
    [
        ("title: " + "{a: " * 30 + "1" + "}" * 30, "djupt nästlad"),
        ("a: " + "[" * 20000 + "]" * 20000, "YAML"),
        (
            'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
            "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\ntitle: *i",
            "YAML-alias",
        ),
        ("!!python/object/apply:os.system ['echo hacked']", "ogiltig YAML"),
        ("approved: kanske", "approved: ogiltigt värde"),
        ("approved: true\nsource_url: 'javascript:alert(1)'", "source_url"),
        ("approved: true\nvalid_from: 2026-02-01\nvalid_until: 2026-01-01", "måste vara före"),
        ("approved: true\nlanguage: svenska", "language"),
        ("- en lista\n- inte en mappning", "mappning"),
    ],
)
@pytest.mark.timeout(120)  # hostile YAML must fail, not hang
def test_hostile_or_invalid_metadata_fails_cleanly(tmp_path: Path, front_matter: str, fragment: str) -> None:
    (tmp_path / "doc.md").write_text(f"---\n{front_matter}\n---\n\n# Rubrik\n\nText.\n")
    report = load_documents(tmp_path, today=TODAY)
    assert not report.documents
    assert fragment in report.failed[0].reason, report.failed[0].reason


def test_dates_as_iso_strings_and_yaml_dates(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\napproved: true\nvalid_from: '2024-03-01'\n---\n\n# A\n\nText.\n")
    (tmp_path / "b.md").write_text("---\napproved: 'ja'\nvalid_from: 2024-03-01\n---\n\n# B\n\nText.\n")
    report = load_documents(tmp_path, today=TODAY)
    assert [doc.meta.valid_from for doc in report.documents] == [dt.date(2024, 3, 1)] * 2


def test_unsupported_document_format_is_reported(tmp_path: Path) -> None:
    (tmp_path / "gammal.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "build.py").write_text("print('not a document')\n")
    report = load_documents(tmp_path, today=TODAY)
    assert [(issue.path.name, issue.reason) for issue in report.skipped] == [
        ("gammal.odt", "filformatet stöds inte (.odt)")
    ]


def test_missing_path_raises() -> None:
    with pytest.raises(FileNotFoundError):
        load_documents(FILES / "finns-inte", today=TODAY)


def test_sample_corpus_loads_cleanly(sample_corpus_dir: Path) -> None:
    report = load_documents(sample_corpus_dir, today=TODAY)
    assert report.failed == []
    assert len(report.documents) >= 25
    assert {doc.path.suffix for doc in report.documents if doc.path} == {
        ".md",
        ".html",
        ".pdf",
        ".docx",
        ".txt",
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("När ska årsräkningen vara inne hos överförmyndaren?", "sv"),
        ("hur mkt arvode får jag som god man", "sv"),
        ("hej", "sv"),
        ("god man", "sv"),
        ("When do I have to send in the annual report?", "en"),
        ("Milloin vuosiselvitys pitää palauttaa holhousviranomaiselle?", "fi"),
        ("متى يجب أن أرسل التقرير السنوي؟", "ar"),
        ("Goorma ayaan soo gudbinayaa warbixinta sanadlaha?", "so"),
        ("", "sv"),
        ("12345 !!", "sv"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
