"""`guardrails.analyzer.analyze` runs our recognisers without AnalyzerEngine's per-call lookups:
it must find exactly what Presidio's own engine finds with the same threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guardrails import analyzer

DATA = Path(__file__).parent / "data"


def _texts() -> list[str]:
    texts = []
    for name in ("pii_labelled.jsonl", "pii_adversarial.dev.jsonl", "pii_wild10.dev.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _key(results: list) -> list[tuple[str, int, int, float]]:
    return sorted((r.entity_type, r.start, r.end, r.score) for r in results)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_direct_analysis_equals_presidio_engine(language: str) -> None:
    engine = analyzer.analyzer()
    texts = _texts()
    assert len(texts) > 500
    found = 0
    for text in texts:
        ours = analyzer.analyze(text, language)
        token = analyzer.REQUESTED_LANGUAGE.set(language)  # as analyze() sets it for the recognisers
        try:
            presidio = engine.analyze(
                text=text,
                language=language,
                score_threshold=analyzer.SCORE_THRESHOLD,
                nlp_artifacts=analyzer.empty_artifacts(language),
            )
        finally:
            analyzer.REQUESTED_LANGUAGE.reset(token)
        assert _key(ours) == _key(presidio)
        found += len(ours)
    assert found > 500  # the comparison saw real findings, not two empty lists
