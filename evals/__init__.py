"""evals: the evaluation harness — datasets, runs against the real pipeline, metrics, reports, gates.

Public face: import from `evals`, not from its modules.

    from evals import RunRequest, execute, load_thresholds, write_reports
    outcome = execute(RunRequest(suites=["accuracy"]))
    written = write_reports(outcome, load_thresholds(), Path("eval-report"))

Shipped suites have a dev and a blind file each (evals/datasets/<suite>.dev|blind.jsonl); every
figure is reported for both. Judged answers live in evals.judging.
"""

from evals.canaries import Canary, CanarySet, find_in_text
from evals.compare import Comparison, ReportError, SplitConflict, compare, load_report, render_text
from evals.dataset import (
    KINDS,
    REASONS,
    SHIPPED,
    SHIPPED_BLIND,
    SHIPPED_SUITES,
    SPLITS,
    Case,
    DatasetError,
    DatasetFile,
    DraftPart,
    load_cases,
    load_many,
    read_file,
    shipped_files,
)
from evals.gates import Gate, GateResult, ThresholdsError, check_gates, load_thresholds
from evals.leak import Finding, LeakOutcome
from evals.lint import echoed_facts, find_echoes, lint_files
from evals.matching import contains, contains_fact, found_facts
from evals.metrics import ScoringContext, score_case, summarise
from evals.polarity import answer_polarity
from evals.report import Written, build_report, render_html, render_markdown, write_reports
from evals.results import CaseResult, CitationView, DraftView, HandoffView, Reply
from evals.runner import SUITES, RunInputError, RunOutcome, RunRequest, execute

__all__ = [
    "KINDS",
    "REASONS",
    "SHIPPED",
    "SHIPPED_BLIND",
    "SHIPPED_SUITES",
    "SPLITS",
    "SUITES",
    "Canary",
    "CanarySet",
    "Case",
    "CaseResult",
    "CitationView",
    "Comparison",
    "DatasetError",
    "DatasetFile",
    "DraftPart",
    "DraftView",
    "Finding",
    "Gate",
    "GateResult",
    "HandoffView",
    "LeakOutcome",
    "Reply",
    "ReportError",
    "RunInputError",
    "RunOutcome",
    "RunRequest",
    "ScoringContext",
    "SplitConflict",
    "ThresholdsError",
    "Written",
    "answer_polarity",
    "build_report",
    "check_gates",
    "compare",
    "contains",
    "contains_fact",
    "echoed_facts",
    "execute",
    "find_echoes",
    "find_in_text",
    "found_facts",
    "lint_files",
    "load_cases",
    "load_many",
    "load_report",
    "load_thresholds",
    "read_file",
    "render_html",
    "render_markdown",
    "render_text",
    "score_case",
    "shipped_files",
    "summarise",
    "write_reports",
]
