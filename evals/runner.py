"""Runs suites against the real pipeline: picks cases, drives the target, scores, sums up.

`execute(RunRequest(...))` is what `tillit eval run` calls. The target is the Assistant in this
process (default: the data directory from settings; with `corpus`, a throw-away index built from
that folder; with `office`, that office's `dokument/` folder and its datasets) or a running server
(`url`). The leak suite always builds its own throw-away installation with planted canaries (see
evals.leak); against a server it can only plant through the API and scan what comes back.

Every case belongs to a split, dev or blind (by its file's name). Metrics are summed over all cases
and over each split on its own, so a report can show dev and blind side by side and gates can hold
each split to its own floor.
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
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.canaries import CanarySet
from evals.dataset import (
    SHIPPED_SUITES,
    SPLITS,
    Case,
    DatasetError,
    DatasetFile,
    check_cases,
    office_files,
    read_many,
    shipped_files,
)
from evals.leak import LeakOutcome, LogCapture, build_environment, corpus_text, run_leak_suite
from evals.lint import Echo, find_echoes, refused_echoes
from evals.metrics.scoring import ScoringContext, score_case, summarise
from evals.results import CaseResult
from evals.targets import CorpusPassages, HttpTarget, InProcessTarget, Target

if TYPE_CHECKING:
    from assistant import Assistant
    from assistant.settings import Settings

SUITES = SHIPPED_SUITES  # accuracy, handoff, injection, leak, drafts
# Suites whose cases name documents of one corpus: with another office's documents, they run only
# with that office's own cases.
CORPUS_SUITES = ("accuracy", "drafts")
EVAL_STAFF = "tillit-eval"

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
    office: Path | None = None  # <office>/dokument as the corpus, <office>/*.jsonl as datasets
    splits: Sequence[str] = SPLITS
    url: str | None = None
    staff_key: str | None = None
    settings: Settings | None = None  # None: get_settings()
    seed: int | None = None
    show_progress: bool | None = None  # None: only when stderr is a terminal


@dataclass
class RunOutcome:
    results: list[CaseResult]
    metrics: dict[str, float]
    leak: LeakOutcome | None = None
    info: dict[str, Any] = field(default_factory=dict)
    by_split: dict[str, dict[str, float]] = field(default_factory=dict)
    files: list[DatasetFile] = field(default_factory=list)
    echoes: list[Echo] = field(default_factory=list)

    @property
    def canaries(self) -> CanarySet | None:
        return self.leak.canaries if self.leak else None


def default_corpus() -> Path:
    import knowledge

    return Path(knowledge.__file__).resolve().parent / "corpus"


@dataclass
class Selection:
    """The cases of a run per suite (dev and blind together; each case knows its split), the files
    they came from and why a suite has none."""

    cases: dict[str, list[Case]]
    files: list[DatasetFile]
    notes: dict[str, str] = field(default_factory=dict)  # suite -> why it has no cases


def office_corpus(office: Path) -> Path:
    return office / "dokument"


def office_facts_file(office: Path) -> Path | None:
    """`<office>/office.yaml` (its phone number, hours, addresses) when the office has one."""
    path = office / "office.yaml"
    return path if path.is_file() else None


def select_cases(
    suites: Sequence[str],
    datasets: Sequence[Path],
    office: Path | None = None,
    splits: Sequence[str] = SPLITS,
    other_corpus: bool = False,
) -> Selection:
    """Cases per suite. Given datasets (and an office's) replace the shipped ones suite by suite
    (by each case's kind); a suite the given files hold no cases for keeps its shipped dev and blind
    files, except that a suite whose cases name documents (accuracy, drafts) is skipped on another
    office's corpus. Echo cases in the shipped dev files are refused (DatasetError)."""
    unknown = [s for s in suites if s not in SUITES]
    if unknown:
        raise RunInputError(f"okänd svit: {', '.join(unknown)} (välj {', '.join(SUITES)} eller all)")
    given_paths = list(datasets)
    if office is not None:
        found = office_files(office)
        if not found and not datasets:
            raise RunInputError(f"{office}: inga datamängder (*.jsonl) i kontorets mapp")
        given_paths += [p for p in found if p not in given_paths]
    given_files = read_many(given_paths) if given_paths else []
    given: dict[str, list[Case]] = {}
    for file in given_files:
        for case in file.cases:
            given.setdefault(case.suite, []).append(case)
    if given_paths and not any(s in given for s in suites):
        raise RunInputError("datamängden innehåller inga fall för de valda sviterna")
    chosen: dict[str, list[Case]] = {}
    notes: dict[str, str] = {}
    files = list(given_files)
    shipped: list[Path] = []
    for suite in suites:
        if suite in given:
            chosen[suite] = [c for c in given[suite] if c.split in splits]
        elif (office is not None or other_corpus) and suite in CORPUS_SUITES:
            chosen[suite] = []
            notes[suite] = "inga fall för den här korpusen (sviten namnger dokument)"
        else:
            shipped += [path for split, path in shipped_files(suite).items() if split in splits]
    if shipped:
        shipped_read = read_many(shipped)
        problems = refused_echoes(shipped_read)
        if problems:
            raise DatasetError(problems)
        files += shipped_read
        for file in shipped_read:
            for case in file.cases:
                if case.suite in suites and case.suite not in given:
                    chosen.setdefault(case.suite, []).append(case)
    for suite in suites:
        chosen.setdefault(suite, [])
    return Selection(chosen, files, notes)


def system_prompt_texts() -> list[str]:
    """The fixed lines of the model's system prompt, for echo detection."""
    from assistant.composers.llm import SYSTEM_PROMPT

    lines = [re.sub(r"\{[a-z_]+\}", " ", line).strip() for line in SYSTEM_PROMPT.splitlines()]
    return [line for line in lines if len(line.split()) >= 5]


def office_texts(settings: Settings) -> list[str]:
    """The office's public facts as sentences an answer may state without a passage."""
    from guardrails import load_office

    office = load_office(settings.office_file)
    o, c = office.office, office.city_contact_centre
    return [
        f"{o.name} {o.short_name} telefon {o.phone} telefontid {o.phone_hours} e-post {o.email}",
        f"besöksadress {o.visiting_address} postadress {o.postal_address}",
        f"webbplats {o.website} {o.contact_page}",
        f"{c.name} telefon {c.phone} {c.url}",
        o.sign_off,
    ]


def run_case(target: Target, case: Case) -> CaseResult:
    """Send the case's turns in one conversation and keep every reply; a draft case goes through
    the staff draft path instead."""
    result = CaseResult(case)
    if case.kind == "draft":
        result.draft = target.draft(case.question, EVAL_STAFF)
        return result
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


def _in_process_assistant(settings: Settings) -> Assistant:
    from assistant import Assistant

    assistant = Assistant.from_settings(settings)
    if not assistant.ready:
        raise RunInputError(
            f"inget index i {settings.data_dir}: kör `tillit ingest` först eller ange --corpus"
        )
    return assistant


def _ingest_throwaway(settings: Settings, corpus: Path, root: Path) -> Settings:
    from knowledge import ingest

    data_dir = root / "data"
    data_dir.mkdir(parents=True)
    report = ingest(corpus, settings.index_config(data_dir=data_dir, chroma_url=None))
    if not report.indexed:
        raise RunInputError(f"{corpus}: inga godkända dokument att indexera")
    return settings.model_copy(update={"data_dir": data_dir, "database_url": None, "chroma_url": None})


def resolve_corpus(request: RunRequest) -> tuple[Path | None, bool]:
    """(the corpus folder to build a throw-away index from, or None for the data directory; whether
    it is another corpus than the sample one)."""
    if request.office is not None:
        if not request.office.is_dir():
            raise RunInputError(f"{request.office}: ingen mapp")
        if request.corpus is not None:
            raise RunInputError("--office och --corpus kan inte kombineras: kontoret har sin dokument-mapp")
        corpus = office_corpus(request.office)
        if not corpus.is_dir():
            raise RunInputError(f"{corpus}: kontoret saknar mappen dokument/")
        return corpus, True
    if request.corpus is not None and not request.corpus.is_dir():
        raise RunInputError(f"{request.corpus}: ingen mapp")
    if request.corpus is None:
        return None, False
    return request.corpus, request.corpus.resolve() != default_corpus().resolve()


def open_target(
    request: RunRequest, settings: Settings, corpus: Path | None, stack: ExitStack, root: Path,
    progress: Any = None,
) -> tuple[Target, dict[str, Any], Any]:
    """The target the main suites talk to, what the report says about it, and the settings it runs
    with (a throw-away data directory when a corpus was given)."""
    info: dict[str, Any] = {}
    local = settings
    facts = office_facts_file(request.office) if request.office is not None else None
    if facts is not None and not request.url:
        # Another office's handoffs and crisis texts must give its own phone number and hours.
        local = local.model_copy(update={"office_file": facts})
        info["office_file"] = str(facts)
    if request.url:
        passages = CorpusPassages(corpus or default_corpus(), settings.office_file)
        target: Target = HttpTarget(request.url, request.staff_key, passages)
        stack.callback(target.close)
        problem = target.reachable()
        if problem:
            raise RunInputError(problem)
    else:
        if corpus is not None:
            local = _ingest_throwaway(local, corpus, root / "main")
        assistant = _in_process_assistant(local)
        if progress is not None:
            progress.note("laddar modeller")
        assistant.warm_up()  # model loading must not count as the first case's latency
        target = InProcessTarget(assistant)
        info["data_dir"] = "tillfällig (--corpus)" if corpus is not None else str(local.data_dir)
        info["index_version"] = assistant.index.version
    info["target"] = target.description
    return target, info, local


def scoring_context(target: Target, settings: Settings) -> ScoringContext:
    from guardrails import scan

    return ScoringContext(
        passage_texts=target.passage_texts,
        office_texts=office_texts(settings),
        system_prompts=system_prompt_texts(),
        scan=scan,
    )


def _split_leak_metrics(leak: LeakOutcome, split_ids: set[str]) -> dict[str, float]:
    """Leak figures of one split: findings in its probes' answers, plus every finding that belongs to
    no probe (database, logs, index …), which count against every split."""
    own = 0
    for finding in leak.findings:
        case_id = finding.where.split(" ", 1)[0] if finding.sink == "answers" else None
        if case_id is None or case_id in split_ids:
            own += 1
    return {
        "leak.leaks": float(own),
        "leak.probes": float(sum(1 for r in leak.results if r.case.id in split_ids)),
        "injection.indirect_successes": float(len(set(leak.injection_echoes) & split_ids)),
    }


def split_metrics(results: Sequence[CaseResult], leak: LeakOutcome | None) -> dict[str, dict[str, float]]:
    """Metrics per split present in the run."""
    out: dict[str, dict[str, float]] = {}
    for split in SPLITS:
        chosen = [r for r in results if r.case.split == split]
        if not chosen:
            continue
        metrics = summarise(chosen)
        if leak is not None and any(r.case.suite == "leak" for r in chosen):
            metrics.update(_split_leak_metrics(leak, {r.case.id for r in chosen}))
        out[split] = metrics
    return out


def execute(request: RunRequest) -> RunOutcome:
    """Run the requested suites; see the module docstring."""
    from assistant.settings import get_settings

    settings = request.settings or get_settings()
    suites = [s for s in SUITES if s in request.suites]
    corpus_dir, other_corpus = resolve_corpus(request)
    selection = select_cases(suites, request.datasets, request.office, request.splits, other_corpus)
    cases = selection.cases
    if request.url and not request.staff_key and cases.get("drafts"):
        cases["drafts"] = []
        selection.notes["drafts"] = "ingen personalnyckel (--staff-key): utkasten kan inte hämtas"
    show = request.show_progress if request.show_progress is not None else sys.stderr.isatty()
    started = time.perf_counter()
    echoes = find_echoes(c for cs in cases.values() for c in cs)
    info: dict[str, Any] = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "suites": suites,
        "splits": [s for s in SPLITS if s in request.splits],
        "datasets": sorted({c.source.rsplit(":", 1)[0] for cs in cases.values() for c in cs}),
        "cases": {suite: len(cs) for suite, cs in cases.items()},
        "cases_by_split": {
            suite: {split: sum(1 for c in cs if c.split == split) for split in SPLITS}
            for suite, cs in cases.items()
        },
        "skipped": dict(selection.notes),
        "office": str(request.office) if request.office else None,
        "python": platform.python_version(),
        "composer": settings.composer,
        "embedding_model": settings.embedding_model,
    }
    results: list[CaseResult] = []
    leak: LeakOutcome | None = None
    with ExitStack() as stack:
        root = Path(tempfile.mkdtemp(prefix="tillit-eval-"))
        stack.callback(shutil.rmtree, root, True)
        logs = stack.enter_context(LogCapture(root / "run.log"))
        progress = stack.enter_context(_Progress(show))
        corpus = corpus_dir or default_corpus()
        info["corpus"] = str(corpus)

        reuse: Path | None = Path(settings.data_dir)
        main_suites = [s for s in suites if s != "leak" and cases[s]]
        if main_suites:
            target, target_info, local = open_target(request, settings, corpus_dir, stack, root, progress)
            info.update(target_info)
            if corpus_dir is not None and not request.url:
                reuse = Path(local.data_dir)
            known = target.document_ids()
            if known is not None:
                problems = check_cases([c for s in main_suites for c in cases[s]], known)
                if problems:
                    raise DatasetError(problems)
            ctx = scoring_context(target, settings)
            for suite in main_suites:
                progress.start(suite, len(cases[suite]))
                for case in cases[suite]:
                    results.append(score_case(run_case(target, case), ctx))
                    progress.advance(case.id)

        if "leak" in suites and cases["leak"]:
            canaries = CanarySet.generate(request.seed, avoid=corpus_text(corpus))
            progress.start("leak", len(cases["leak"]))
            environment = None
            if request.url:
                passages = CorpusPassages(corpus, settings.office_file)
                http = HttpTarget(request.url, request.staff_key, passages)
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
            ctx = scoring_context(leak_target, settings)

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
    return RunOutcome(
        results, metrics, leak, info, split_metrics(results, leak), selection.files, echoes,
    )
