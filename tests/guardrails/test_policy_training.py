"""Training and calibrating the intent model (`tillit policy train`), on small made-up example files.

The vectors come from a stand-in encoder (a fixed random vector per word, averaged), so the test is
about how training folds and calibrates, not about the shipped model's quality.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np

from guardrails.policy.training import fold_of_examples, load_examples, train

CRISIS = [
    "jag vill inte leva längre",
    "han andas inte och är blå",
    "hon har tagit alla sina tabletter",
    "jag tänker ta mitt liv i kväll",
    "pappa har ramlat och blöder mycket",
    "någon slår min mamma just nu",
]
ORDINARY = [
    "hur lämnar jag in årsräkningen",
    "när ska förteckningen vara inne",
    "vad kostar en god man",
    "hur ansöker man om arvode",
    "vilka kvitton ska sparas",
    "kan jag lämna redovisningen digitalt",
]
PERSON = ["kan någon ringa mig", "jag vill prata med en handläggare", "ring upp mig i morgon"]


def _embed(texts) -> np.ndarray:
    rows = []
    for text in texts:
        words = text.lower().split() or [""]
        vectors = [np.random.default_rng(zlib.crc32(w.encode())).normal(size=16) for w in words]
        mean = np.mean(vectors, axis=0)
        rows.append(mean / np.linalg.norm(mean))
    return np.array(rows, dtype=np.float32)


def _write(folder: Path, name: str, rows: list[tuple[str, str]]) -> None:
    lines = [json.dumps({"text": t, "lang": "sv", "intent": i}, ensure_ascii=False) for t, i in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _examples(tmp_path: Path):
    # Two authors' files; some messages have two sentences, as the policy also reads each one.
    _write(
        tmp_path,
        "a.jsonl",
        [(t, "crisis:suicide") for t in CRISIS[:3]]
        + [(f"Hej. {t}. Tack för hjälpen.", "ordinary") for t in ORDINARY[:3]]
        + [(t, "human_request") for t in PERSON[:2]],
    )
    _write(
        tmp_path,
        "b.jsonl",
        [(f"Jag undrar en sak. {t}.", "crisis:medical") for t in CRISIS[3:]]
        + [(t, "ordinary") for t in ORDINARY[3:]]
        + [(t, "human_request") for t in PERSON[2:]],
    )
    return load_examples(tmp_path)


def test_each_example_file_is_scored_by_a_model_trained_on_the_other_files(tmp_path: Path):
    examples = _examples(tmp_path)
    folds, method = fold_of_examples(examples, folds=5, seed=7)
    assert method == "leave one example file out"
    by_file = {e.source: set() for e in examples}
    for example, fold in zip(examples, folds, strict=True):
        by_file[example.source].add(int(fold))
    assert all(len(f) == 1 for f in by_file.values()) and by_file["a.jsonl"] != by_file["b.jsonl"]
    # One file only: random folds.
    single = [e for e in examples if e.source == "a.jsonl"]
    assert fold_of_examples(single, folds=3, seed=7)[1] == "3-fold random"


def test_calibration_writes_crisis_thresholds_for_the_message_and_for_one_sentence(tmp_path: Path):
    model, calibration = train(_examples(tmp_path), _embed, "fake", "digest", crisis_recall=0.5)
    crisis = calibration.thresholds["crisis"]
    assert isinstance(crisis, dict) and set(crisis) == {"message", "sentence"}
    assert 0.05 <= crisis["message"] <= crisis["sentence"] <= 0.95
    assert calibration.figures["method"].startswith("leave one example file out")
    assert set(calibration.figures["by_file"]) == {"a.jsonl", "b.jsonl"}
    assert calibration.figures["crisis_recall"] >= 0.5
    assert model.classes[0] == "crisis" and model.kinds
