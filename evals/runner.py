"""Runs suites against the real pipeline: picks cases, drives the target, scores, sums up.

`execute(RunRequest(...))` is what `tillit eval run` calls. The target is the Assistant in this
process (default: the data directory from settings; with `corpus`, a throw-away index built from
that folder) or a running server (`url`). The leak suite always builds its own throw-away
installation with planted canaries (see evals.leak); against a server it can only plant through
the API and scan what comes back.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.canaries import CanarySet
from evals.dataset import SHIPPED, Case, DatasetError, check_cases, load_many
from evals.leak import LeakOutcome, LogCapture, build_environment, corpus_text, run_leak_suite
from evals.metrics.scoring import ScoringContext, score_case, summarise
from evals.results import CaseResult
from evals.targets import CorpusPassages, HttpTarget, InProcessTarget, Target

SUITES = ("accuracy", "handoff", "injection", "leak")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class RunInputError(ValueError):
    """The run cannot start with what it was given (one line, in Swedish): CLI exit code 2."""


@dataclass
class RunRequest:
    suites: Sequence[str] = SUITES
    datasets: Sequence[Path] = ()
    corpus: Path | None = None
    url: str | None = None
    staff_key: str | None = None
    settings: Any | None = None  # assistant.settings.Settings; None: get_settings()
    seed: int | None = None
    show_progress: bool | None = None  # None: only when stderr is a terminal


@dataclass
class RunOutcome:
    results: list[CaseResult]
    metrics: dict[str, float]
    leak: LeakOutcome | None = None
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def canaries(self) -> CanarySet | None:
        return self.leak.canaries if self.leak else None


def default_corpus() -> Path:
    import knowledge

    return Path(knowledge.__file__).resolve().parent / "corpus"


def select_cases(suites: Sequence[str], datasets: Sequence[Path]) -> dict[str, list[Case]]:
    """Cases per suite. Given datasets replace the shipped ones suite by suite (by each case's
    kind); a suite the given files hold no cases for keeps its shipped dataset."""
    unknown = [s for s in suites if s not in SUITES]
    if unknown:
        raise RunInputError(f"okänd svit: {', '.join(unknown)} (välj {', '.join(SUITES)} eller all)")
    given: dict[str, list[Case]] = {}
    if datasets:
        for case in load_many(list(datasets)):
            given.setdefault(case.suite, []).append(case)
        if not any(s in given for s in suites):
            raise RunInputError("datamängden innehåller inga fall för de valda sviterna")
    chosen: dict[str, list[Case]] = {}
    for suite in suites:
        if suite in given:
            chosen[suite] = given[suite]
        else:
            chosen[suite] = [c for c in load_many([SHIPPED[suite]]) if c.suite == suite]
    return chosen


def system_prompt_texts() -> list[str]:
    """The fixed lines of the model's system prompt, for echo detection."""
    try:
        from assistant.composers.llm import SYSTEM_PROMPT
    except ImportError:
        return []
    lines = [re.sub(r"\{[a-z_]+\}", " ", line).strip() for line in SYSTEM_PROMPT.splitlines()]
    return [line for line in lines if len(line.split()) >= 5]


def office_texts(settings: Any) -> list[str]:
    """The office's public facts as sentences an answer may state without a passage."""
    from guardrails import load_office

    office = load_office(getattr(settings, "office_file", None))
    o, c = office.office, office.city_contact_centre
    return [
        f"{o.name} {o.short_name} telefon {o.phone} telefontid {o.phone_hours} e-post {o.email}",
        f"besöksadress {o.visiting_address} postadress {o.postal_address}",
        f"webbplats {o.website} {o.contact_page}",
        f"{c.name} telefon {c.phone} {c.url}",
        o.sign_off,
    ]


def _scan_function() -> Callable[[str], Sequence[object]] | None:
    try:
        from guardrails import scan
    except ImportError:
        return None
    return scan


def run_case(target: Target, case: Case) -> CaseResult:
    """Send the case's turns in one conversation; keep every reply."""
    result = CaseResult(case)
    conversation_id = token = None
    for message in case.turns:
        reply = target.chat(message, conversation_id, token)
        result.replies.append(reply)
        conversation_id = reply.conversation_id or conversation_id
        token = reply.conversation_token or token
        if reply.error:
            break
    if case.expected_doc_ids and not result.reply.error:
        ranked = target.ranked_documents(case.question, result.reply)
        if ranked is not None:
            result.retrieved = ranked
            result.retrieval_source = "index" if isinstance(target, InProcessTarget) else "citations"
    return result


class _Progress:
    """A rich progress bar on a terminal; silence elsewhere (CI logs stay readable)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TextColumn("{task.fields[note]}"), transient=False,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start(self, suite: str, total: int) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task(suite, total=total, note="")

    def advance(self, note: str = "") -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, note=note)

    def note(self, note: str) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, note=note)


def _in_process_assistant(settings: Any) -> Any:
    from assistant import Assistant

    assistant = Assistant.from_settings(settings)
    if not assistant.ready:
        raise RunInputError(
            f"inget index i {settings.data_dir}: kör `tillit ingest` först eller ange --corpus"
        )
    return assistant


def _ingest_throwaway(settings: Any, corpus: Path, root: Path) -> Any:
    from knowledge import IndexConfig, ingest

    data_dir = root / "data"
    data_dir.mkdir(parents=True)
    report = ingest(corpus, IndexConfig(data_dir=data_dir, embedding_model=settings.embedding_model))
    if not report.indexed:
        raise RunInputError(f"{corpus}: inga godkända dokument att indexera")
    return settings.model_copy(update={"data_dir": data_dir, "database_url": None, "chroma_url": None})


def execute(request: RunRequest) -> RunOutcome:
    """Run the requested suites; see the module docstring."""
    from assistant.settings import get_settings

    settings = request.settings or get_settings()
    suites = [s for s in SUITES if s in request.suites]
    if request.corpus is not None and not request.corpus.is_dir():
        raise RunInputError(f"{request.corpus}: ingen mapp")
    cases = select_cases(suites, request.datasets)
    show = request.show_progress if request.show_progress is not None else sys.stderr.isatty()
    started = time.perf_counter()
    info: dict[str, Any] = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "suites": suites,
        "datasets": sorted({c.source.rsplit(":", 1)[0] for cs in cases.values() for c in cs}),
        "cases": {suite: len(cs) for suite, cs in cases.items()},
        "python": platform.python_version(),
        "composer": getattr(settings, "composer", ""),
        "embedding_model": getattr(settings, "embedding_model", ""),
    }
    results: list[CaseResult] = []
    leak: LeakOutcome | None = None
    with ExitStack() as stack:
        root = Path(tempfile.mkdtemp(prefix="tillit-eval-"))
        stack.callback(shutil.rmtree, root, True)
        logs = stack.enter_context(LogCapture(root / "run.log"))
        progress = stack.enter_context(_Progress(show))
        corpus = request.corpus or default_corpus()
        info["corpus"] = str(corpus)

        target: Target | None = None
        reuse: Path | None = Path(settings.data_dir)
        main_suites = [s for s in suites if s != "leak"]
        if main_suites:
            if request.url:
                target = HttpTarget(request.url, request.staff_key, CorpusPassages(corpus))
                stack.callback(target.close)
                problem = target.reachable()
                if problem:
                    raise RunInputError(problem)
            else:
                local = settings
                if request.corpus is not None:
                    local = _ingest_throwaway(settings, request.corpus, root / "main")
                    reuse = Path(local.data_dir)
                assistant = _in_process_assistant(local)
                progress.note("laddar modeller")
                assistant.warm_up()  # model loading must not count as the first case's latency
                target = InProcessTarget(assistant)
                info["data_dir"] = "tillfällig (--corpus)" if request.corpus else str(local.data_dir)
                info["index_version"] = assistant.index.version
            info["target"] = target.description
            known = target.document_ids()
            if known is not None:
                problems = check_cases([c for s in main_suites for c in cases[s]], known)
                if problems:
                    raise DatasetError(problems)
            ctx = ScoringContext(
                passage_texts=target.passage_texts,
                office_texts=office_texts(settings),
                system_prompts=system_prompt_texts(),
                scan=_scan_function(),
            )
            for suite in main_suites:
                progress.start(suite, len(cases[suite]))
                for case in cases[suite]:
                    results.append(score_case(run_case(target, case), ctx))
                    progress.advance(case.id)

        if "leak" in suites:
            canaries = CanarySet.generate(request.seed, avoid=corpus_text(corpus))
            progress.start("leak", len(cases["leak"]))
            environment = None
            if request.url:
                http = HttpTarget(request.url, request.staff_key, CorpusPassages(corpus))
                stack.callback(http.close)
                problem = http.reachable()
                if problem:
                    raise RunInputError(problem)
                leak_target: Target = http
            else:
                progress.note("bygger ett index med planterade kanarievärden")
                environment = build_environment(settings, corpus, canaries, root / "leak", reuse)
                stack.callback(environment.close)
                environment.assistant.warm_up()
                leak_target = InProcessTarget(environment.assistant, "i processen (planterad korpus)")
            ctx = ScoringContext(
                passage_texts=leak_target.passage_texts,
                office_texts=office_texts(settings),
                system_prompts=system_prompt_texts(),
                scan=_scan_function(),
            )

            def probe(case: Case) -> CaseResult:
                result = score_case(run_case(leak_target, case), ctx)
                progress.advance(case.id)
                return result

            leak = run_leak_suite(
                leak_target, cases["leak"], canaries, probe,
                environment=environment, log_text=logs.text, progress=progress.note,
            )
            for result in leak.results:
                for finding in leak.findings:
                    if finding.sink == "answers" and finding.where.startswith(f"{result.case.id} "):
                        result.failures.append(f"läckte {finding.canary} ({finding.variant})")
                if result.case.id in leak.injection_echoes:
                    result.failures.append("följde en instruktion i ett dokument (indirekt injektion)")
            results.extend(leak.results)

    metrics = summarise(results)
    if leak is not None:
        metrics["leak.leaks"] = float(leak.leaks)
        metrics["leak.probes"] = float(len(leak.results))
        metrics["injection.indirect_successes"] = float(len(set(leak.injection_echoes)))
    info["duration_s"] = round(time.perf_counter() - started, 1)
    return RunOutcome(results, metrics, leak, info)
