"""Hostile files for the loaders and `tillit ingest`: each is reported as failed (or skipped) with a
Swedish reason, the good document beside them is indexed, and nothing crashes or hangs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.reliability.conftest import REPO_CORPUS
from tests.reliability.services import TILLIT, clean_env

GOOD = """---
doc_id: bra-dokument
title: Ett godkänt dokument
approved: true
approved_by: Enhetschef tillsyn
valid_from: 2025-01-01
version: "1"
language: sv
source_url: https://godman.example.se/bra
---

# Ett godkänt dokument

Årsräkningen lämnas till överförmyndaren senast den 1 mars varje år. Den visar hur huvudmannens
pengar har förvaltats under det gångna året, med kontoutdrag och kvitton som underlag.
"""

FRONT = "---\ndoc_id: {doc_id}\ntitle: Fientlig fil\napproved: true\nvalid_from: 2025-01-01\nlanguage: sv\n"


def _docx_bomb(inflated_bytes: int) -> bytes:
    """A .docx whose document.xml inflates to `inflated_bytes` (a zip bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(inflated_bytes >> 20):
                part.write(block)
    return buffer.getvalue()


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(".meta.yaml")


def _hostile_files(folder: Path) -> dict[str, str]:
    """Write the hostile files; returns {file name: what it is}."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = (REPO_CORPUS / "arsrakning-underlag.pdf").read_bytes()
    files: dict[str, bytes] = {
        "trasig.pdf": pdf[: len(pdf) // 3],
        "inte-en-pdf.pdf": b"%PDF-1.7\n" + b"\x00\xff" * 5000,
        "zipbomb.docx": _docx_bomb(300 << 20),
        "inte-en-zip.docx": b"PK\x03\x04" + b"\x00" * 200,
        "jattestor.html": b"<html><body>" + b"<p>text</p>" * (2_100_000) + b"</body></html>",
        "binar.txt": bytes(range(256)) * 64,
        "ogiltig-utf8.md": (FRONT.format(doc_id="utf8") + "---\n\n# Rubrik\n\n").encode()
        + b"Tr\xe4sk \xff\xfe\xc3\x28",
        "djup-yaml.md": (
            FRONT.format(doc_id="djup") + "x: " + "[" * 5000 + "]" * 5000 + "\n---\n\n# R\n\nText.\n"
        ).encode(),
        "djup-yaml-block.md": (
            FRONT.format(doc_id="block")
            + "".join("  " * i + f"n{i}:\n" for i in range(200))
            + "  " * 200
            + "slut: 1\n---\n\n# R\n\nText.\n"
        ).encode(),
        "tom.md": b"",
        "bara-front-matter.md": (FRONT.format(doc_id="tom") + "---\n").encode(),
        "ej-stangd-front-matter.md": (FRONT.format(doc_id="oppen") + "\n# R\n\nText.\n").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
        if not name.endswith(".md"):
            # Approved, so the loaders do parse them (an unapproved file is skipped unparsed).
            (folder / f"{name}.meta.yaml").write_text(f"doc_id: {name.replace('.', '-')}\napproved: true\n")
    return {name: "" for name in files}


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    _hostile_files(folder)
    (folder / "bra-dokument.md").write_text(GOOD, encoding="utf-8")
    return folder


def _deep_html(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"djupt" + b"</div>" * depth + b"</body></html>"


@pytest.mark.timeout(180)
def test_deeply_nested_html_is_refused_without_hanging(tmp_path: Path) -> None:
    """A 220 kB page of 20,000 nested <div>: refused as failed, not minutes of CPU (pytest-timeout
    is the hang guard; no timing is asserted)."""
    from knowledge import load_documents

    (tmp_path / "djup.html").write_bytes(_deep_html(20_000))
    # Approved, so it is parsed (an unapproved file is skipped before any parsing).
    (tmp_path / "djup.html.meta.yaml").write_text("doc_id: djup\napproved: true\n")
    report = load_documents(tmp_path)
    assert not report.documents
    assert [issue.path.name for issue in report.failed] == ["djup.html"]


@pytest.mark.timeout(900)
def test_loader_reports_each_hostile_file_and_keeps_the_good_one(hostile_corpus: Path) -> None:
    from knowledge import load_documents

    report = load_documents(hostile_corpus)
    assert [d.meta.doc_id for d in report.documents] == ["bra-dokument"]
    reported = {issue.path.name: issue.reason for issue in report.failed + report.skipped}
    hostile = {p.name for p in hostile_corpus.iterdir() if p.name != "bra-dokument.md" and not _is_sidecar(p)}
    assert set(reported) == hostile, {"not reported": hostile - set(reported)}
    for name, reason in reported.items():
        assert reason and "\n" not in reason and "Traceback" not in reason, (name, reason)
    assert "zip" in reported["zipbomb.docx"].lower()
    assert "stor" in reported["jattestor.html"].lower()
    assert "utf-8" in reported["ogiltig-utf8.md"].lower()
    assert "binär" in reported["binar.txt"].lower()


@pytest.mark.timeout(1200)
def test_ingest_command_goes_on_past_hostile_files(hostile_corpus: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(hostile_corpus, corpus)
    done = subprocess.run(
        [str(TILLIT), "ingest", str(corpus)],
        env=clean_env({"TILLIT_DATA_DIR": str(tmp_path / "data")}),
        capture_output=True,
        text=True,
        timeout=1100,
        check=False,
    )
    assert "Traceback" not in done.stderr
    summary = re.search(r"Indexerade: (\d+)\s+Hoppades över: (\d+)\s+Misslyckades: (\d+)", done.stdout)
    assert summary, done.stdout[-3000:]
    indexed, skipped, failed = (int(n) for n in summary.groups())
    # The good document is served either way; exit 1 when some files could not be read.
    assert done.returncode == (1 if failed else 0), done.stderr[-3000:]
    assert indexed == 1
    assert skipped + failed == len(
        [p for p in corpus.iterdir() if p.name != "bra-dokument.md" and not _is_sidecar(p)]
    )

    from knowledge import IndexConfig, open_index

    index = open_index(IndexConfig(data_dir=tmp_path / "data"))
    assert [m.doc_id for m in index.documents()] == ["bra-dokument"]
    assert index.search("När lämnas årsräkningen?", k=1)[0].doc_id == "bra-dokument"
