"""The sample corpus on disk: the agreed doc ids, valid metadata, the gating fixtures, the binaries."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

# The doc ids agreed for the sample corpus (one file each; the file stem is the doc id).
SWEDISH = [
    "roller-och-begrepp",
    "god-man-uppdragets-delar",
    "forvaltarskap",
    "overformyndarens-uppdrag",
    "ansokan-om-god-man",
    "framtidsfullmakt-och-anhorigbehorighet",
    "bli-god-man",
    "kom-igang-med-uppdraget",
    "ensamkommande-barn",
    "forteckning",
    "arsrakning",
    "arsrakning-underlag",
    "slutrakning",
    "anstand-och-vite",
    "granskning-av-redovisning",
    "arvode",
    "arvode-skatt-och-avgifter",
    "samtycke-och-uttag",
    "placering-av-pengar",
    "formyndare-for-barn",
    "barns-sparrade-konton",
    "nar-barnet-fyller-18",
    "upphorande-av-godmanskap",
    "byte-av-stallforetradare",
    "nar-huvudmannen-dor",
    "dodsbo-och-arv",
    "klagomal-och-overklagande",
    "sekretess-och-allmanna-handlingar",
    "kontakt-och-oppettider",
    "prisbasbelopp-och-belopp",
    "oro-for-en-huvudman",
]
ENGLISH = ["en-what-is-a-god-man", "en-annual-report", "en-fees", "en-apply-for-god-man", "en-contact-us"]
EASY_READ = ["lattlast-god-man", "lattlast-arsrakning", "lattlast-kontakt"]
DRAFT, EXPIRED = "utkast-digital-arsrakning", "prisbasbelopp-2024"
SERVED = set(SWEDISH + ENGLISH + EASY_READ)
ALL_IDS = SERVED | {DRAFT, EXPIRED}
FORMATS = {
    "kontakt-och-oppettider": ".html",
    "klagomal-och-overklagande": ".html",
    "nar-huvudmannen-dor": ".html",
    "arsrakning-underlag": ".pdf",
    "kom-igang-med-uppdraget": ".docx",
    "placering-av-pengar": ".txt",
}
REQUIRED = {"doc_id", "title", "approved", "valid_from", "version", "language", "source_url"}
# Text that only the two gating fixtures contain: if it reaches an answer, gating failed.
DRAFT_MARKER = "Mina uppdrag"
EXPIRED_MARKERS = ("114 600", "151 845", "458 400")


def _document_files(corpus: Path) -> list[Path]:
    return sorted(
        f
        for f in corpus.iterdir()
        if f.is_file() and f.name != "README.md" and not f.name.endswith(".meta.yaml")
    )


def _metadata(file: Path) -> dict[str, object]:
    if file.suffix == ".md":
        match = re.match(r"---\n(.*?)\n---\n", file.read_text(encoding="utf-8"), re.DOTALL)
        assert match, f"{file.name}: front matter saknas"
        return yaml.safe_load(match.group(1))
    if file.suffix == ".html":
        html = file.read_text(encoding="utf-8")
        meta = dict(re.findall(r'<meta name="([a-z-]+)" content="([^"]*)"', html))
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        title = re.search(r"<title>(.+?)</title>", html)
        return {
            "doc_id": meta.get("doc-id"),
            "title": title.group(1) if title else None,
            "approved": meta.get("approved") == "true",
            "approved_by": meta.get("approved-by"),
            "valid_from": dt.date.fromisoformat(meta["valid-from"]) if "valid-from" in meta else None,
            "version": meta.get("version"),
            "language": meta.get("language"),
            "source_url": canonical.group(1) if canonical else None,
        }
    sidecar = file.with_name(file.name + ".meta.yaml")
    assert sidecar.is_file(), f"{file.name}: sidecar {sidecar.name} saknas"
    return yaml.safe_load(sidecar.read_text(encoding="utf-8"))


def test_every_agreed_doc_id_has_exactly_one_file(sample_corpus_dir: Path) -> None:
    stems = [f.name.split(".")[0] for f in _document_files(sample_corpus_dir)]
    assert sorted(stems) == sorted(ALL_IDS)
    for doc_id, suffix in FORMATS.items():
        assert (sample_corpus_dir / f"{doc_id}{suffix}").is_file()


def test_metadata_is_complete_and_matches_the_file_name(sample_corpus_dir: Path) -> None:
    for file in _document_files(sample_corpus_dir):
        meta = _metadata(file)
        present = {k for k, v in meta.items() if v not in (None, "")}
        assert not REQUIRED - present, f"{file.name}: saknar {REQUIRED - present}"
        assert meta["doc_id"] == file.name.split(".")[0]
        assert isinstance(meta["valid_from"], dt.date), file.name
        assert meta["valid_from"] <= dt.date(2026, 11, 28), file.name
        assert str(meta["source_url"]).startswith("https://godman.stockholm/"), file.name
        expected_language = "en" if meta["doc_id"] in ENGLISH else "sv"
        assert meta["language"] == expected_language, file.name
        if meta["doc_id"] in EASY_READ:
            assert meta.get("audience") == "lattlast"
        if meta["doc_id"] in SERVED:
            assert meta["approved"] is True and meta.get("approved_by"), file.name
            assert "valid_until" not in meta, file.name


def test_only_the_two_fixtures_are_gated(sample_corpus_dir: Path) -> None:
    draft = _metadata(sample_corpus_dir / f"{DRAFT}.md")
    expired = _metadata(sample_corpus_dir / f"{EXPIRED}.md")
    assert draft["approved"] is False
    assert expired["approved"] is True and expired["valid_until"] == dt.date(2025, 1, 1)
    texts = {
        f.name: f.read_text(encoding="utf-8")
        for f in _document_files(sample_corpus_dir)
        if f.suffix in (".md", ".html", ".txt")
    }
    assert DRAFT_MARKER in texts[f"{DRAFT}.md"]
    assert all(m in texts[f"{EXPIRED}.md"] for m in EXPIRED_MARKERS)
    for name, text in texts.items():
        if name not in (f"{DRAFT}.md", f"{EXPIRED}.md"):
            assert DRAFT_MARKER not in text, name
            assert not any(m in text for m in EXPIRED_MARKERS), name


def test_loader_serves_the_corpus_and_skips_the_fixtures(sample_corpus_dir: Path) -> None:
    from knowledge import load_documents

    report = load_documents(sample_corpus_dir, today=dt.date(2026, 11, 28))
    assert report.failed == []
    assert {doc.meta.doc_id for doc in report.documents} == SERVED
    assert {issue.path.name for issue in report.skipped} == {f"{DRAFT}.md", f"{EXPIRED}.md"}
    for doc in report.documents:
        assert len(doc.sections) >= 3, f"{doc.meta.doc_id}: för få avsnitt"


def test_html_pages_carry_page_chrome_around_the_content(sample_corpus_dir: Path) -> None:
    for doc_id, suffix in FORMATS.items():
        if suffix != ".html":
            continue
        html = (sample_corpus_dir / f"{doc_id}.html").read_text(encoding="utf-8")
        assert '<html lang="sv">' in html
        for part in ("<header", "<nav", 'class="cookie-banner"', "<main", "<footer", "<script", "<h1>"):
            assert part in html, f"{doc_id}: {part}"


def _content(path: Path) -> object:
    """What a reader gets from a PDF or DOCX: text per page, or paragraphs with styles and tables.

    Bytes are not compared: a PDF embeds the fonts found on the machine that wrote it.
    """
    if path.suffix == ".pdf":
        import pypdf

        return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]
    import docx

    word = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in word.tables]
    return paragraphs, tables


def test_binaries_are_what_the_generator_writes(sample_corpus_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    from tools import sample_documents

    try:
        sample_documents._find_fonts()
    except FileNotFoundError:
        pytest.skip("inget Unicode-typsnitt för PDF på den här maskinen")
    written = sample_documents.generate(tmp_path)
    assert len(written) == 4
    for path in written:
        if path.suffix not in (".pdf", ".docx"):
            assert path.read_text(encoding="utf-8") == (sample_corpus_dir / path.name).read_text(
                encoding="utf-8"
            )
            continue
        assert _content(path) == _content(sample_corpus_dir / path.name), (
            f"{path.name} är inaktuell: kör python -m tools.sample_documents"
        )


def test_binaries_have_real_structure(sample_corpus_dir: Path) -> None:
    import docx
    import pypdf

    pdf_text = "\n".join(
        page.extract_text() for page in pypdf.PdfReader(sample_corpus_dir / "arsrakning-underlag.pdf").pages
    )
    assert "före den 1 mars" in pdf_text and "Körjournal" in pdf_text
    word = docx.Document(str(sample_corpus_dir / "kom-igang-med-uppdraget.docx"))
    styles = {paragraph.style.name for paragraph in word.paragraphs}
    assert {"Heading 1", "Heading 2", "List Bullet"} <= styles
    assert any("överförmyndarspärr" in paragraph.text for paragraph in word.paragraphs)
