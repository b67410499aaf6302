"""Fit the extractive composer's section weights to which section holds a question's gold facts.

For the dev questions of the known offices (the sample corpus and the offices named with
`--office`), the real pipeline answers each question in process (as `evals.diagnose` does, which
also measures the answer), and the composer's sections for it are read with their features
(`ExtractiveComposer.ranked_sections`). Each section is labelled, with the harness's own fact
matching (`evals.diagnose`), by the share of the question's gold facts in what the answer would
quote from it were it chosen (`--label quote`, the default), in its whole text (`section`), or the
mean of the two.

The weights are fitted as a listwise logistic ranking: a softmax over each question's sections,
fitted to the share of the facts each holds, so that what matters most is which comes first (what
the answer quotes); `--method pairwise` fits pairs instead (the one holding more of the facts should
score higher, weighted by how much more; it ranked worse held out). Features are standardised for
the fit; the L2 penalty draws the weights toward the weights in use (at the softmax scale that fits
them best; `--toward zero` for none), so a fit is a correction of them by what the questions show.
The weights are scaled back so that the best sentence's relevance (`top`) weighs 1, as the
composer's other thresholds (a second section within 0.6) expect.

Validation is leave-one-office-out: fit on the other offices, then answer the held-out office's
questions with the fitted weights and with the weights in use, and compare fact coverage, cited
expected document, cites outside, and best section vs cited sections (`choice_*`: the same read
from the sections' labels, without answering again). `--write` fits on every office and writes
the weights file, with how they were fitted and the held-out figures (adopt a fit only when those
show it helps the held-out offices).

    python -m evals.section_fit --work /tmp/section-fit
    python -m evals.section_fit --work /tmp/section-fit --toward zero --c 3
    python -m evals.section_fit --work /tmp/section-fit --write

Measurements are kept in the work folder by office and fit and reused. Dev splits only: blind
cases are never read here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.composers.base import ComposeRequest
from assistant.composers.extractive import (
    SECTION_FEATURES,
    SECTION_WEIGHTS_FILE,
    ExtractiveComposer,
    load_section_weights,
)
from evals.diagnose import _assistant, _share, diagnose_case, summarise
from evals.runner import default_corpus, office_corpus, select_cases

# The offices fitted on by default: the sample corpus and the two known offices (never a blind one).
DEFAULT_OFFICES = ("sample", "evals/offices/norrvik", "evals/offices/lindmo")
# The figures compared per held-out office (means over its dev questions, from evals.diagnose).
COMPARED = (
    "facts.answer",
    "facts.answer_scored",
    "facts.best_section",
    "facts.cited_sections",
    "doc.cited_expected",
    "doc.cited_outside",
    "answered",
    "yes_no",
)
# The fit's regularisation (inverse strength, on standardised features).
_C = 1.0


@dataclass
class Group:
    """One question's sections: features, the share of gold facts each holds, whether its document
    is an expected one."""

    case: str
    features: list[dict[str, float]]
    labels: list[float]
    expected: list[bool]
    ranks: list[int]
    # the share of the facts in what the answer would quote from each section (were it chosen)
    quoted: list[float] = field(default_factory=list)


def _office_name(office: str) -> str:
    return "sample" if office == "sample" else Path(office).name


def _collect(office: str, work: Path, weights: Mapping[str, float]) -> dict[str, Any]:
    """Answer one office's dev questions with `weights`: its section groups and diagnose summary."""
    root = None if office == "sample" else Path(office)
    corpus = office_corpus(root) if root else default_corpus()
    selection = select_cases(["accuracy"], [], root, ("dev",), other_corpus=root is not None)
    cases = [c for c in selection.cases["accuracy"] if c.kind == "answerable" and c.must_include]
    assistant = _assistant(corpus, work / f"index-{_office_name(office)}")
    composer = assistant.pipeline.compose.composer
    if not isinstance(composer, ExtractiveComposer):
        raise SystemExit("section_fit measures the extractive composer (TILLIT_COMPOSER=extractive)")
    composer.section_weights = dict(weights)
    composer.measure_all_features = True
    seen: list[ComposeRequest] = []
    compose = composer.compose

    def recording(request: ComposeRequest) -> Any:
        seen.append(request)
        return compose(request)

    composer.compose = recording  # type: ignore[method-assign]
    groups: list[Group] = []
    losses = []
    for case in cases:
        seen.clear()
        losses.append(diagnose_case(assistant, case))
        if not seen:
            continue  # handed to a person before any answer was composed
        ranked = [s for s in composer.ranked_sections(seen[-1]) if s.features]
        if len(ranked) < 2:
            continue
        texts = ["\n".join(p.text for p in assistant.index.section_of(s.doc_id, s.section)) for s in ranked]
        expected = set(case.expected_doc_ids)
        groups.append(
            Group(
                case.id,
                [s.features for s in ranked],
                [_share(t, case.must_include)[0] for t in texts],
                [s.doc_id in expected for s in ranked],
                [s.rank for s in ranked],
                [_share(s.quote, case.must_include)[0] for s in ranked],
            )
        )
    return {"groups": [g.__dict__ for g in groups], "summary": summarise(losses)}


def _labels(g: Group, label: str) -> list[float]:
    """A group's labels: facts in each whole section, in its quote, or the mean of the two."""
    if label == "section" or not g.quoted:
        return g.labels
    if label == "quote":
        return g.quoted
    return [(a + b) / 2 for a, b in zip(g.labels, g.quoted, strict=True)]


def _pairs(
    groups: Sequence[Group], names: Sequence[str], label: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature differences of the pairs of sections one question ranks apart, both ways round."""
    rows: list[np.ndarray] = []
    targets: list[int] = []
    weights: list[float] = []
    for g in groups:
        x = np.array([[f.get(n, 0.0) for n in names] for f in g.features])
        labels = _labels(g, label)
        for i in range(len(labels)):
            for j in range(len(labels)):
                margin = labels[i] - labels[j]
                if margin <= 0:
                    continue
                rows += [x[i] - x[j], x[j] - x[i]]
                targets += [1, 0]
                weights += [margin, margin]
    return np.array(rows), np.array(targets), np.array(weights)


def fit(
    groups: Sequence[Group],
    names: Sequence[str] = SECTION_FEATURES,
    method: str = "listwise",
    label: str = "quote",
    c: float = _C,
    toward: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Ranking weights, scaled so that `top` weighs 1 (when it weighs anything; else summing to 1).
    Listwise weights are drawn toward `toward` (the weights in use, at the scale that fits best)
    instead of toward nothing, when given: a correction of them by what the questions show."""
    if method == "pairwise":
        coef = _pairwise(groups, names, label, c)
    else:
        coef = _listwise(groups, names, label, c, toward)
    top = coef[list(names).index("top")] if "top" in names else 0.0
    norm = top if top > 0 else float(np.abs(coef).sum()) or 1.0
    return {n: round(float(v / norm), 4) for n, v in zip(names, coef, strict=True)}


def _pairwise(groups: Sequence[Group], names: Sequence[str], label: str, c: float) -> np.ndarray:
    """Logistic regression on pairs: the section with more of the facts scores higher."""
    from sklearn.linear_model import LogisticRegression

    x, y, w = _pairs(groups, names, label)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(fit_intercept=False, C=c, max_iter=5000)
    model.fit(x / scale, y, sample_weight=w)
    return model.coef_[0] / scale


def _listwise(
    groups: Sequence[Group],
    names: Sequence[str],
    label: str,
    c: float,
    toward: Mapping[str, float] | None = None,
) -> np.ndarray:
    """A softmax over each question's sections, fitted to the share of its facts each holds (ListNet
    cross-entropy, L2 penalty 1/c on standardised weights, from `toward` when given): it weighs most
    which section comes first, which is what the answer quotes. Questions whose sections all hold
    the same share tell nothing and are left out."""
    from scipy.optimize import minimize

    xs: list[np.ndarray] = []
    targets: list[np.ndarray] = []
    for g in groups:
        labels = np.array(_labels(g, label))
        if labels.max() <= 0 or labels.min() == labels.max():
            continue
        xs.append(np.array([[f.get(n, 0.0) for n in names] for f in g.features]))
        targets.append(labels / labels.sum())
    stacked = np.vstack(xs)
    scale = stacked.std(axis=0)
    scale[scale == 0] = 1.0
    xs = [x / scale for x in xs]

    def cross_entropy(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad = 0.0, np.zeros_like(w)
        for x, t in zip(xs, targets, strict=True):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            value -= float(t @ np.log(p + 1e-12))
            grad = grad - x.T @ (t - p)
        return value / len(xs), grad / len(xs)

    prior = np.zeros(len(names))
    if toward is not None:
        # The weights in use are at an arbitrary scale (top = 1); the softmax's is fitted first.
        given = np.array([toward.get(n, 0.0) for n in names]) * scale

        def scaled(a: np.ndarray) -> tuple[float, np.ndarray]:
            value, grad = cross_entropy(a[0] * given)
            return value, np.array([float(grad @ given)])

        prior = float(minimize(scaled, np.ones(1), jac=True, method="L-BFGS-B").x[0]) * given

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad = cross_entropy(w)
        d = w - prior
        return value + 0.5 * float(d @ d) / c, grad + d / c

    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B")
    return np.asarray(result.x) / scale


def choose(groups: Sequence[Group], weights: Mapping[str, float]) -> dict[str, float]:
    """What a weighting chooses, without answering again: the chosen section's share of the facts,
    the best section's, and whether the chosen one is of an expected document."""
    chosen = best = expected = quoted = best_quoted = 0.0
    for g in groups:
        scores = [sum(weights.get(n, 0.0) * v for n, v in f.items()) for f in g.features]
        pick = min(range(len(scores)), key=lambda i: (-scores[i], g.ranks[i]))
        chosen += g.labels[pick]
        best += max(g.labels)
        expected += g.expected[pick]
        if g.quoted:
            quoted += g.quoted[pick]
            best_quoted += max(g.quoted)
    n = len(groups) or 1
    return {
        "groups": len(groups),
        "chosen": chosen / n,
        "best": best / n,
        "chosen_expected": expected / n,
        "chosen_quote": quoted / n,
        "best_quote": best_quoted / n,
    }


def _measure(office: str, work: Path, weights: Mapping[str, float], name: str) -> dict[str, Any]:
    path = work / f"{_office_name(office)}.{name}.json"
    if not path.is_file():
        path.write_text(json.dumps(_collect(office, work, weights), indent=1), encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def _groups(data: Mapping[str, Any]) -> list[Group]:
    return [Group(**g) for g in data["groups"]]


def _row(summary: Mapping[str, float]) -> dict[str, float]:
    return {k: round(summary[k], 3) for k in COMPARED if k in summary}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.section_fit", description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="indexes and measurements (reused)")
    parser.add_argument("--office", action="append", help="'sample' or an office folder (default: known)")
    parser.add_argument("--baseline", type=Path, default=SECTION_WEIGHTS_FILE, help="weights to compare")
    parser.add_argument("--features", help="comma-separated features to fit (default: all)")
    parser.add_argument("--method", choices=("listwise", "pairwise"), default="listwise")
    parser.add_argument(
        "--label", choices=("section", "quote", "mean"), default="quote", help="facts in what, per section"
    )
    parser.add_argument("--c", type=float, default=_C, help="inverse strength of the L2 penalty")
    parser.add_argument(
        "--toward",
        choices=("baseline", "zero"),
        default="baseline",
        help="listwise: what weights are drawn to",
    )
    parser.add_argument("--no-answer", action="store_true", help="held-out figures from choices alone")
    parser.add_argument("--write", type=Path, nargs="?", const=SECTION_WEIGHTS_FILE, help="write the fit")
    args = parser.parse_args(argv)
    offices = args.office or list(DEFAULT_OFFICES)
    names = tuple(args.features.split(",")) if args.features else SECTION_FEATURES
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    baseline = load_section_weights(args.baseline)
    before = {o: _measure(o, work, baseline, "baseline") for o in offices}
    if len(offices) < 2:
        return 0  # measured only: leaving one office out needs another to fit on
    held_out: dict[str, Any] = {}
    for office in offices:
        train = [g for o in offices if o != office for g in _groups(before[o])]
        toward = baseline if args.toward == "baseline" else None
        weights = fit(train, names, args.method, args.label, args.c, toward)
        test = _groups(before[office])
        row: dict[str, Any] = {
            "weights": weights,
            "choice_before": choose(test, baseline),
            "choice_after": choose(test, weights),
            "before": _row(before[office]["summary"]),
        }
        if not args.no_answer:
            tag = f"heldout-{args.method}-{args.label}-{args.toward}-c{args.c:g}" + (
                "-" + "-".join(names) if args.features else ""
            )
            row["after"] = _row(_measure(office, work, weights, tag)["summary"])
        held_out[_office_name(office)] = row
        print(json.dumps({_office_name(office): row}, indent=1), flush=True)
    mean = {}
    for side in ("before", "after"):
        rows = [r[side] for r in held_out.values() if side in r]
        if rows:
            mean[side] = {k: round(sum(r.get(k, 0.0) for r in rows) / len(rows), 3) for k in rows[0]}
    for side in ("choice_before", "choice_after"):
        rows = [r[side] for r in held_out.values()]
        mean[side] = {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]}
    print(json.dumps({"held-out mean": mean}, indent=1))
    if args.write is not None:
        everything = [g for o in offices for g in _groups(before[o])]
        toward = baseline if args.toward == "baseline" else None
        weights = fit(everything, names, args.method, args.label, args.c, toward)
        _write(
            args.write,
            weights,
            offices,
            len(everything),
            held_out,
            mean,
            args.method,
            args.label,
            toward,
            args.c,
        )
    return 0


def _write(
    path: Path,
    weights: Mapping[str, float],
    offices: Sequence[str],
    groups: int,
    held_out: Mapping[str, Any],
    mean: Mapping[str, Any],
    method: str = "listwise",
    label: str = "quote",
    toward: Mapping[str, float] | None = None,
    c: float = _C,
) -> None:
    header = (
        "# How the extractive composer weighs a section's features when it chooses the section to quote\n"
        "# (assistant/composers/extractive.py, SECTION_FEATURES). Written by `python -m evals.section_fit`:\n"
        "# a logistic ranking of each dev question's retrieved sections by the share of its gold\n"
        "# facts each holds, fitted on every office below; held_out gives leave-one-office-out figures\n"
        "# (fitted on the others, measured on that office's dev questions, against the weights before).\n"
    )
    data = {
        "fitted": {
            "by": "python -m evals.section_fit",
            "date": dt.date.today().isoformat(),
            "method": f"{method} logistic ranking, standardised features, C={c}, scaled so top = 1",
            "drawn_toward": dict(toward) if toward is not None else "zero",
            "label": {"section": "facts in the whole section", "quote": "facts in its quote"}.get(
                label, "mean of facts in the whole section and in its quote"
            ),
            "offices": [_office_name(o) for o in offices],
            "split": "dev",
            "questions": groups,
            "held_out": {
                name: {k: row[k] for k in ("before", "after", "choice_before", "choice_after") if k in row}
                for name, row in held_out.items()
            },
            "held_out_mean": dict(mean),
        },
        "weights": dict(weights),
    }
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
