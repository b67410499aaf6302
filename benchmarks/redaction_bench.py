"""Redaction speed on one core: short chat messages and a two-page e-mail, ours vs Presidio's
default recognisers on the same blank-spaCy engine, as a ratio in one run (target: >= 1 000 short
messages/s for ours). A second row for ours runs the short messages of the adversarial DEV set
(look-alike digits, invisible characters, other scripts: the folding's slow path).

    .venv/bin/python benchmarks/redaction_bench.py [--seconds 5]

"ours" is `guardrails.redact` as shipped (allow list, overlap resolution and tagging included;
the analysis skips spaCy tokenisation because none of our recognisers reads tokens). "ours +
tokens" runs the same recognisers through Presidio with the spaCy tokeniser, to show what that
costs. "presidio default" is AnalyzerEngine with Presidio's predefined recognisers for English
(the language most of them support) on the same BlankSpacyNlpEngine; analysis only, no tagging,
so the comparison favours Presidio slightly. Presidio's e-mail recogniser uses tldextract: it is
pointed at its bundled suffix list so nothing is fetched.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "guardrails" / "data" / "pii_labelled.jsonl"
ADVERSARIAL = DATA.with_name("pii_adversarial.dev.jsonl")
TARGET = 1000


def _pin_one_core() -> str:
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        return "pinned to one core"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def _messages() -> tuple[list[str], str]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    short = [r["text"] for r in rows if len(r["text"]) <= 200]
    long_parts = [r["text"] for r in rows if len(r["text"]) > 120]
    email = ""
    while len(email) < 6000:  # about two A4 pages of e-mail text
        for part in long_parts:
            email += part + "\n\n"
    return short, email[:6000]


def _rate(fn: Callable[[str], object], texts: list[str], seconds: float) -> float:
    for text in texts[:20]:
        fn(text)
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            fn(text)
        done += len(texts)
    return done / (time.perf_counter() - start)


def _presidio_default() -> Callable[[str], object]:
    import tldextract
    import tldextract.tldextract as tld_module
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from guardrails.analyzer import nlp_engine

    tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine())
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine(), supported_languages=["en"])
    return lambda text: engine.analyze(text=text, language="en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement")
    args = parser.parse_args()
    pinned = _pin_one_core()

    from guardrails import redact
    from guardrails.analyzer import SCORE_THRESHOLD, analyzer

    short, email = _messages()
    started = time.perf_counter()
    redact("Hej, jag heter Anna Svensson, 070-174 06 12")
    warm = time.perf_counter() - started
    engine = analyzer()

    def ours_with_tokens(text: str) -> object:
        return engine.analyze(text=text, language="sv", score_threshold=SCORE_THRESHOLD)

    presidio = _presidio_default()
    candidates = {
        "ours (redact)": lambda text: redact(text),
        "ours + tokens (analyze)": ours_with_tokens,
        "presidio default (analyze)": presidio,
    }
    print(
        f"redaction benchmark: {pinned}; {len(short)} short messages (<= 200 chars), "
        f"e-mail of {len(email)} chars"
    )
    print(f"first redact() incl. engine build: {warm:.2f} s")
    print(f"{'pipeline':<28} {'short msg/s':>12} {'e-mails/s':>10}")
    results = {}
    for name, fn in candidates.items():
        s = _rate(fn, short, args.seconds)
        e = _rate(fn, [email], args.seconds)
        results[name] = (s, e)
        print(f"{name:<28} {s:>12.0f} {e:>10.1f}")
    ours, theirs = results["ours (redact)"], results["presidio default (analyze)"]
    print(f"ratio ours/presidio default: short {ours[0] / theirs[0]:.2f}x, e-mail {ours[1] / theirs[1]:.2f}x")
    if ADVERSARIAL.exists():
        rows = [
            json.loads(line) for line in ADVERSARIAL.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        hostile = [r["text"] for r in rows if len(r["text"]) <= 200]
        rate = _rate(lambda text: redact(text), hostile, args.seconds)
        print(f"{'ours, adversarial DEV set':<28} {rate:>12.0f}   ({len(hostile)} short messages)")
    print(f"target >= {TARGET} short messages/s: {'met' if ours[0] >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
