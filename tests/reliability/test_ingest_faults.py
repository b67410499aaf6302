"""Ingest faults: `tillit ingest` killed with SIGKILL while it embeds, and a disk that fills up
while it writes. Either way the served index stays the old, whole version, and the next ingest
completes."""

from __future__ import annotations

import contextlib
import os
import pty
import resource
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.reliability.conftest import REPO_CORPUS, copy_data_dir
from tests.reliability.services import TILLIT, clean_env

QUESTION = "Hur lämnar jag in årsräkningen?"


def _current(data_dir: Path) -> str:
    return (data_dir / "index" / "CURRENT").read_text().strip()


def _serves(data_dir: Path, version: str) -> None:
    """A fresh reader of the data dir opens `version` and finds passages in it."""
    from knowledge import IndexConfig, open_index

    index = open_index(IndexConfig(data_dir=data_dir))
    assert index.version == version
    hits = index.search(QUESTION, k=3)
    assert hits and all(h.doc_id for h in hits)


def _leftovers(data_dir: Path) -> list[str]:
    return [p.name for p in (data_dir / "index").iterdir() if p.name.endswith(".building")]


def _corpus_with_new_documents(target: Path, documents: int = 8, sections: int = 5) -> Path:
    """The sample corpus plus documents nobody has embedded yet (so the ingest has work to do)."""
    shutil.copytree(REPO_CORPUS, target)
    for d in range(documents):
        parts = [
            "---",
            f"doc_id: rutin-tillagg-{d}",
            f"title: Tilläggsrutin {d} för handläggning",
            "approved: true",
            "approved_by: Enhetschef tillsyn",
            "valid_from: 2025-01-01",
            'version: "1"',
            "language: sv",
            f"source_url: https://godman.example.se/rutin/{d}",
            "---",
            "",
            f"# Tilläggsrutin {d} för handläggning",
            "",
        ]
        for s in range(sections):
            parts += [
                f"## Steg {s} i rutin {d}",
                "",
                f"I steg {s} av rutin {d} kontrollerar handläggaren att underlag nummer {d * 100 + s} "
                f"finns med, att kvitton för period {s} är sorterade och att ställföreträdaren har "
                f"skrivit under. Saknas något skickas en påminnelse med svarstid {s + 2} veckor, och "
                f"ärendet bevakas tills kompletteringen {d}-{s} har kommit in till förvaltningen.",
                "",
            ]
        (target / f"rutin-tillagg-{d}.md").write_text("\n".join(parts), encoding="utf-8")
    return target


def _ingest_env(data_dir: Path) -> dict[str, str]:
    return clean_env({"TILLIT_DATA_DIR": str(data_dir), "TERM": "xterm", "COLUMNS": "120"})


def _ingest(data_dir: Path, corpus: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TILLIT), "ingest", str(corpus)],
        env=_ingest_env(data_dir),
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def _run_until(data_dir: Path, corpus: Path, seen: str, timeout_s: float = 900) -> subprocess.Popen[bytes]:
    """Start `tillit ingest` with its progress on a terminal; return once `seen` is on screen."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [str(TILLIT), "ingest", str(corpus)],
        env=_ingest_env(data_dir),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + timeout_s
    try:
        while seen.encode() not in screen:
            assert process.poll() is None, f"ingest ended before {seen!r}: {screen[-2000:]!r}"
            assert time.monotonic() < deadline, f"no {seen!r} within {timeout_s} s"
            with contextlib.suppress(OSError):
                screen += os.read(master, 65536)
    finally:
        os.close(master)
    return process


@pytest.mark.timeout(1800)
def test_sigkill_while_embedding_leaves_the_served_index_whole(base_data_dir: Path, tmp_path: Path) -> None:
    from knowledge import IndexConfig, open_index

    data_dir = copy_data_dir(base_data_dir, tmp_path / "data")
    corpus = _corpus_with_new_documents(tmp_path / "corpus")
    old = _current(data_dir)
    served = open_index(IndexConfig(data_dir=data_dir))  # a long-running reader, like a server
    before = [p.id for p in served.search(QUESTION, k=3)]

    process = _run_until(data_dir, corpus, "Beräknar vektorer")
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL

    assert _current(data_dir) == old
    _serves(data_dir, old)
    assert served.version == old
    assert [p.id for p in served.search(QUESTION, k=3)] == before

    done = _ingest(data_dir, corpus)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    new = _current(data_dir)
    assert new != old
    _serves(data_dir, new)
    assert served.version == new  # the running reader switched by itself
    assert "rutin-tillagg-3" in {m.doc_id for m in served.documents()}
    assert _leftovers(data_dir) == []


def _directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@contextlib.contextmanager
def _small_disk(where: Path, size_bytes: int) -> Iterator[Callable[[int], None] | None]:
    """A tmpfs of `size_bytes` at `where` (root); yields a function that resizes it, or None when
    mounting is not permitted (then the caller limits file sizes with RLIMIT_FSIZE instead)."""
    where.mkdir(parents=True)
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(where)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )

    def resize(size: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(where)], check=True)

    try:
        yield resize if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.timeout(1800)
def test_full_disk_during_ingest_is_one_clear_error_and_the_old_index_stays(
    base_data_dir: Path, tmp_path: Path
) -> None:
    need = _directory_bytes(base_data_dir)
    # Room for the current index and a little more, not for a second version beside it.
    with _small_disk(tmp_path / "disk", need + 256 * 1024) as resize:
        data_dir = copy_data_dir(base_data_dir, tmp_path / "disk" / "data")
        old = _current(data_dir)
        if resize is not None:
            failed = _ingest(data_dir, REPO_CORPUS)
        else:
            limit = max(p.stat().st_size for p in data_dir.rglob("*") if p.is_file()) + 64 * 1024

            def cap_file_size() -> None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

            failed = _ingest(data_dir, REPO_CORPUS, preexec_fn=cap_file_size)

        assert failed.returncode != 0
        assert _current(data_dir) == old
        _serves(data_dir, old)
        assert _leftovers(data_dir) == []

        if resize is not None:
            resize(need * 4 + 8 * 1024 * 1024)
            done = _ingest(data_dir, REPO_CORPUS)
            assert done.returncode == 0, done.stderr[-3000:]
            assert _current(data_dir) != old
            _serves(data_dir, _current(data_dir))

    # The message: one line in Swedish ("tillit: ..."), exit 2, no stack trace.
    lines = [line for line in failed.stderr.splitlines() if line.strip()]
    assert "Traceback" not in failed.stderr, failed.stderr[-1500:]
    assert failed.returncode == 2
    assert lines and lines[-1].startswith("tillit: "), failed.stderr[-1500:]
    assert any(w in lines[-1].lower() for w in ("disk", "utrymme", "plats", "full")), lines[-1]
