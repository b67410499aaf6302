"""Fit the word model of `recognizers/name_classifier.py` and write `name_classifier.json`.

    .venv/bin/python -m tools.train_name_classifier

Training data: the labelled development sets in `tests/guardrails/data` (the adversarial DEV set
and the wild sets of the independent authors; never a blind set). Every candidate word is an
example: a name when it lies in a labelled name span, not one when it lies in no span; words inside
other labelled values (streets named after people, ...) are left out. The evidence is computed
with the rules' own findings (the model switched off), as at run time. The model is a logistic
regression (scikit-learn, needed only here) over the features and their pairwise crosses;
weights below 1e-3 are dropped.

The regularisation (C = 0.3) and the threshold (0.5) were chosen by leaving one author's set out
at a time and measuring the redactor on it; see guardrails/README.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from guardrails.recognizers import name_classifier as nc

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "guardrails" / "data"
SETS = (
    "pii_adversarial.dev",
    "pii_wild.dev",
    "pii_wild3.dev",
    "pii_wild4.dev",
    "pii_wild5.dev",
    "pii_wild6.dev",
)
C = 0.3
THRESHOLD = 0.5


def _examples(name: str) -> list[tuple[list[str], int]]:
    from guardrails.analyzer import REQUESTED_LANGUAGE
    from guardrails.redaction import scan

    rows = [
        json.loads(x) for x in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    out = []
    switch = nc.ENABLED.set(False)
    try:
        for row in rows:
            text, language = row["text"], row["language"]
            found = [(e.start, e.end) for e in scan(text, language) if e.type == "NAMN"]
            token = REQUESTED_LANGUAGE.set(language)
            try:
                words = nc.candidates(text, language)
                feats = nc.features(text, language, words, found)
            finally:
                REQUESTED_LANGUAGE.reset(token)
            for word, f in zip(words, feats, strict=True):
                label: int | None = 0
                for span in row["spans"]:
                    if span["start"] < word.end and word.start < span["end"]:
                        label = 1 if span["type"] == "NAMN" else None
                        break
                if label is not None and f is not None:
                    out.append((nc.crosses(f), label))
    finally:
        nc.ENABLED.reset(switch)
    return out


def fit(examples: list[tuple[list[str], int]]) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform([dict.fromkeys(keys, 1) for keys, _ in examples])
    y = [label for _, label in examples]
    lr = LogisticRegression(C=C, max_iter=3000)
    lr.fit(x, y)
    weights = {
        k: round(float(v), 4)
        for k, v in zip(vectoriser.get_feature_names_out(), lr.coef_[0], strict=True)
        if abs(v) >= 1e-3
    }
    return {
        "about": "the word model of recognizers/name_classifier.py, fitted by tools/train_name_classifier.py",
        "sets": list(SETS),
        "examples": len(examples),
        "names": sum(y),
        "C": C,
        "threshold": THRESHOLD,
        "bias": round(float(lr.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    examples = [e for name in SETS for e in _examples(name)]
    model = fit(examples)
    nc.MODEL_FILE.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(examples)} examples, {model['names']} names, {len(model['weights'])} weights")


if __name__ == "__main__":
    main()
