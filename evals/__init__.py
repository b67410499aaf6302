"""evals: the evaluation harness — datasets, runs against the real pipeline, metrics, reports, gates.

Public face: import from `evals`, not from its modules.

    from evals import RunRequest, execute, load_thresholds, write_reports
    outcome = execute(RunRequest(suites=["accuracy"]))
    written = write_reports(outcome, load_thresholds(), Path("eval-report"))
"""

from evals.canaries import Canary, CanarySet, find_in_text
from evals.compare import Comparison, ReportError, compare, load_report, render_text
from evals.dataset import KINDS, REASONS, SHIPPED, Case, DatasetError, load_cases, load_many
from evals.gates import Gate, GateResult, ThresholdsError, check_gates, load_thresholds
from evals.leak import Finding, LeakOutcome
from evals.matching import contains, contains_fact, found_facts
from evals.metrics import ScoringContext, score_case, summarise
from evals.report import Written, build_report, render_html, render_markdown, write_reports
from evals.results import CaseResult, CitationView, HandoffView, Reply
from evals.runner import SUITES, RunInputError, RunOutcome, RunRequest, execute

__all__ = [
    "KINDS",
    "REASONS",
    "SHIPPED",
    "SUITES",
    "Canary",
    "CanarySet",
    "Case",
    "CaseResult",
    "CitationView",
    "Comparison",
    "DatasetError",
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
    "ThresholdsError",
    "Written",
    "build_report",
    "check_gates",
    "compare",
    "contains",
    "contains_fact",
    "execute",
    "find_in_text",
    "found_facts",
    "load_cases",
    "load_many",
    "load_report",
    "load_thresholds",
    "render_html",
    "render_markdown",
    "render_text",
    "score_case",
    "summarise",
    "write_reports",
]
