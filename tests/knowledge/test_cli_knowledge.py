"""`tillit ingest`, `tillit search` and `tillit documents`, run as the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.knowledge.conftest import write_doc

TILLIT = Path(sys.executable).parent / "tillit"


def _run(*args: str, data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TILLIT_DATA_DIR": str(data_dir)}
    env.pop("CHROMA_URL", None)
    return subprocess.run(
        [str(TILLIT), *args], capture_output=True, text=True, env=env, input=stdin, timeout=300
    )


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    corpus = root / "corpus"
    corpus.mkdir()
    write_doc(
        corpus,
        "arsrakning",
        "## Sista dag\n\nÅrsräkningen ska lämnas in före den 1 mars.",
        title="Årsräkning",
    )
    write_doc(corpus, "arvode", "## Vem betalar\n\nArvodet betalas av huvudmannen.", title="Arvode")
    write_doc(corpus, "utkast", "Ett utkast om e-tjänsten.", title="Utkast", approved=False)
    (corpus / "trasig.md").write_text("---\ndoc_id: [oavslutad\n---\ntext", encoding="utf-8")
    result = _run("ingest", str(corpus), data_dir=root / "data")
    # The good documents are served; exit 1 says one file could not be read.
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == ["tillit: 1 filer kunde inte läsas (se tabellen ovan)"]
    (root / "ingest.out").write_text(result.stdout, encoding="utf-8")
    return root


def test_ingest_prints_a_table_of_what_happened(cli_data: Path) -> None:
    out = (cli_data / "ingest.out").read_text(encoding="utf-8")
    assert "indexerad" in out and "hoppades över" in out and "misslyckades" in out
    assert "Indexerade: 2" in out and "Passager:" in out and "Tid:" in out


@pytest.mark.parametrize("make_path", ["missing", "empty", "file_as_text_only"])
def test_ingest_of_an_unusable_path_exits_2_with_one_line(tmp_path: Path, make_path: str) -> None:
    if make_path == "missing":
        target = tmp_path / "finns-inte"
    elif make_path == "empty":
        target = tmp_path / "tom"
        target.mkdir()
    else:
        target = tmp_path / "bara-utkast"
        target.mkdir()
        write_doc(target, "utkast", "Ett utkast.", approved=False)
    result = _run("ingest", str(target), data_dir=tmp_path / "data")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tillit: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "index" / "CURRENT").exists()


def test_version_and_dotenv(tmp_path: Path) -> None:
    version = _run("--version", data_dir=tmp_path / "data")
    assert version.returncode == 0 and version.stdout.startswith("tillit ")
    # A .env in the working directory is read: here it points the data directory elsewhere.
    (tmp_path / ".env").write_text(f"TILLIT_DATA_DIR={tmp_path / 'från-env'}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TILLIT_DATA_DIR"}
    result = subprocess.run(
        [str(TILLIT), "documents"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert result.returncode == 2 and "från-env" in result.stderr, result.stderr


def test_search_json(cli_data: Path) -> None:
    result = _run(
        "search", "när ska årsräkningen vara inne", "--k", "2", "--json", data_dir=cli_data / "data"
    )
    assert result.returncode == 0, result.stderr
    passages = json.loads(result.stdout)
    assert passages[0]["doc_id"] == "arsrakning"
    assert set(passages[0]) == {
        "doc_id",
        "version",
        "title",
        "section",
        "source_url",
        "language",
        "score",
        "text",
    }


def test_search_jsonl_round_trip(cli_data: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": "vem betalar arvodet?"}, {"id": 7, "question": "sista dag årsräkning"}]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = _run("search", "--jsonl", str(questions), "--k", "1", data_dir=cli_data / "data")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert out[0]["passages"][0]["doc_id"] == "arvode"
    assert out[1]["passages"][0]["doc_id"] == "arsrakning"
    assert all(len(o["passages"]) == 1 for o in out)


def test_search_jsonl_with_a_bad_line_exits_2(cli_data: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"id": 1, "question": "arvode"}\nnot json\n', encoding="utf-8")
    result = _run("search", "--jsonl", str(questions), data_dir=cli_data / "data")
    assert result.returncode == 2 and ":2:" in result.stderr


def test_search_without_an_index_exits_2(tmp_path: Path) -> None:
    result = _run("search", "arvode", data_dir=tmp_path / "tom")
    assert result.returncode == 2 and "tillit ingest" in result.stderr


def test_documents_lists_approval_validity_and_version(cli_data: Path) -> None:
    result = _run("documents", "--json", data_dir=cli_data / "data")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    docs = {d["doc_id"]: d for d in listing["documents"]}
    assert set(docs) == {"arsrakning", "arvode"}
    assert (
        docs["arvode"]["approved"] is True and docs["arvode"]["version"] == "1" and docs["arvode"]["served"]
    )
    table = _run("documents", data_dir=cli_data / "data")
    assert table.returncode == 0 and "arsrakning" in table.stdout
