"""`tillit eval run|compare|lint|judge`, registered through the "tillit.commands" entry point.

Exit codes: 0 every gate passed (or nothing to compare failed), 1 a gate failed, 2 bad input
(raised as assistant.cli.errors.UsageFailure, which `tillit` prints as one line).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.errors import UsageFailure


class Suite(StrEnum):
    accuracy = "accuracy"
    handoff = "handoff"
    leak = "leak"
    injection = "injection"
    drafts = "drafts"
    all = "all"


class Split(StrEnum):
    dev = "dev"
    blind = "blind"
    all = "all"


class JudgeSuite(StrEnum):
    accuracy = "accuracy"
    handoff = "handoff"
    drafts = "drafts"


eval_app = typer.Typer(
    help="Utvärdering: träffsäkerhet, överlämning, dataläckage, promptinjektion och utkast, med grindar.",
    no_args_is_help=True,
)


def _problems(problems: list[str]) -> None:
    for problem in problems[:50]:
        typer.echo(problem, err=True)
    if len(problems) > 50:
        typer.echo(f"... och {len(problems) - 50} fel till", err=True)


@eval_app.command("run")
def run_command(
    suite: Annotated[
        list[Suite] | None,
        typer.Option("--suite", "-s", help="Vilken svit som körs (kan upprepas; standard all)."),
    ] = None,
    dataset: Annotated[
        list[Path] | None,
        typer.Option("--dataset", "-d", help="JSONL-fil med egna fall (kan upprepas)."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Mapp med dokument: ett tillfälligt index byggs av den."),
    ] = None,
    office: Annotated[
        Path | None,
        typer.Option(
            "--office",
            help="Ett annat kontors mapp: dess dokument/ som korpus och dess *.jsonl som datamängder.",
        ),
    ] = None,
    split: Annotated[Split, typer.Option("--split", help="Vilka delar som körs: dev, blind eller all.")] = (
        Split.all
    ),
    url: Annotated[
        str | None, typer.Option("--url", help="Kör mot en startad server, t.ex. http://127.0.0.1:8000.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Mapp för report.json, .md och .html.")] = Path(
        "eval-report"
    ),
    thresholds: Annotated[
        Path | None, typer.Option("--thresholds", help="Egna grindar (standard: evals/thresholds.yaml).")
    ] = None,
    staff_key: Annotated[
        str | None,
        typer.Option("--staff-key", envvar="TILLIT_EVAL_STAFF_KEY", help="Personalnyckel (utkast, --url)."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Frö för kanarievärdena.")] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Förloppsindikator (standard: terminal).")
    ] = None,
) -> None:
    """Kör utvärderingen och skriv rapporter; avslutar med 1 om en grind fallerar."""
    from evals.dataset import DatasetError
    from evals.gates import ThresholdsError, load_thresholds
    from evals.report import guardrails_redactor, write_reports
    from evals.runner import SUITES, RunInputError, RunRequest, execute, office_facts_file

    if url and (corpus or office):
        raise UsageFailure("--url och --corpus/--office kan inte kombineras: servern har redan sitt index")
    try:
        gates = load_thresholds(thresholds)
    except ThresholdsError as exc:
        raise UsageFailure(str(exc)) from None
    chosen = suite or [Suite.all]
    suites = list(SUITES) if Suite.all in chosen else [s.value for s in chosen]
    request = RunRequest(
        suites=suites, datasets=list(dataset or []), corpus=corpus, office=office, url=url,
        staff_key=staff_key, seed=seed, show_progress=progress, splits=_splits(split),
    )
    try:
        outcome = execute(request)
    except DatasetError as exc:
        _problems(exc.problems)
        raise UsageFailure(f"ogiltig datamängd: {exc}") from None
    except RunInputError as exc:
        raise UsageFailure(str(exc)) from None
    facts = office_facts_file(office) if office is not None and not url else None
    written = write_reports(outcome, gates, out, guardrails_redactor(facts))
    _print_summary(written.report)
    typer.echo(f"Rapporter: {', '.join(str(p) for p in written.paths)}")
    if not written.passed:
        raise typer.Exit(1)


def _splits(split: Split) -> list[str]:
    return ["dev", "blind"] if split is Split.all else [split.value]


def _print_summary(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Grindar", show_lines=False)
    for column in ("Grind", "Mått", "Del", "Gräns", "Mål", "Värde", "Status"):
        table.add_column(column)
    labels = {
        "pass": "[green]godkänd[/]", "fail": "[bold red]UNDERKÄND[/]", "not_measured": "[dim]ej mätt[/]",
    }
    for gate in report["gates"]:
        value = "–" if gate["value"] is None else f"{gate['value']:.4g}"
        target = "–" if gate.get("target") is None else f"{gate['target']:g}"
        table.add_row(gate["label"], gate["metric"], gate.get("split") or "alla", gate["threshold"], target,
                      value, labels[gate["status"]])
    console = Console()
    console.print(table)
    from evals.report import SUITE_LABELS, split_rows

    rows = split_rows(report)
    if rows:
        splits = Table(title="Dev och blind", show_lines=False)
        for column in ("Mått", "dev", "blind"):
            splits.add_column(column)
        for metric, dev, blind in rows:
            splits.add_row(metric, *("–" if v is None else f"{v:.4g}" for v in (dev, blind)))
        console.print(splits)
        for suite in report.get("blind_missing", []):
            console.print(f"{SUITE_LABELS.get(suite, suite)}: no blind split")
    echoes = report.get("question_echo") or []
    if echoes:
        console.print(f"{len(echoes)} fall med fakta som redan står i frågan (question_echo): "
                      + ", ".join(e["id"] for e in echoes[:20]) + (" …" if len(echoes) > 20 else ""))
    failed = sum(1 for c in report["cases"] if not c["passed"])
    console.print(f"{len(report['cases'])} fall, {failed} underkända. Resultat: "
                  + ("[green]GODKÄND[/]" if report["passed"] else "[bold red]UNDERKÄND[/]"))


@eval_app.command("compare")
def compare_command(
    old: Annotated[Path, typer.Argument(help="Tidigare rapport (report.json eller dess mapp).")],
    new: Annotated[Path, typer.Argument(help="Ny rapport (report.json eller dess mapp).")],
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Avsluta med 1 vid försämring (även ett mått som blir bättre på dev men sämre på blind).",
        ),
    ] = False,
) -> None:
    """Visa skillnader per mått och per fall mellan två körningar."""
    from evals.compare import ReportError, compare, load_report, render_text

    try:
        comparison = compare(load_report(old), load_report(new))
    except ReportError as exc:
        raise UsageFailure(str(exc)) from None
    typer.echo(render_text(comparison))
    if fail_on_regression and (
        comparison.regressed or comparison.gate_regressions or comparison.split_conflicts
    ):
        raise typer.Exit(1)


@eval_app.command("lint")
def lint_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="JSONL-filer (standard: de medföljande datamängderna, dev och blind)."),
    ] = None,
) -> None:
    """Granska datamängder: format, och fall vars fakta redan står i frågan (question_echo).

    I de medföljande dev-filerna vägras sådana fall (avslutar med 2); i blind-filer och egna filer
    rapporteras de bara."""
    from evals.dataset import SHIPPED_SUITES, DatasetError, shipped_files
    from evals.lint import lint_files

    paths = list(files or [p for suite in SHIPPED_SUITES for p in shipped_files(suite).values()])
    try:
        result = lint_files(paths)
    except DatasetError as exc:
        _problems(exc.problems)
        raise UsageFailure(f"ogiltig datamängd: {exc}") from None
    for warning in result.warnings:
        typer.echo(f"varning: {warning}", err=True)
    cases = sum(len(f.cases) for f in result.files)
    if result.errors:
        _problems(result.errors)
        raise UsageFailure(
            f"{len(result.errors)} fall i de medföljande dev-filerna kräver fakta som redan står i frågan"
        )
    typer.echo(f"{len(result.files)} filer, {cases} fall: inga fel ({len(result.warnings)} varningar)")


@eval_app.command("judge")
def judge_command(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Mapp för bedömningsarket (judge-sheet.csv/.jsonl).")
    ] = None,
    read: Annotated[
        Path | None, typer.Option("--read", help="Läs ett ifyllt ark (CSV eller JSONL) och räkna andelar.")
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Rapportmapp (eller report.json) att lägga andelarna i (med --read)."),
    ] = None,
    fill: Annotated[
        bool, typer.Option("--fill", help="Låt den konfigurerade modellen fylla i tomma omdömen (RUBRIC.md).")
    ] = False,
    sample: Annotated[int, typer.Option("--sample", min=1, help="Antal fall per del (dev, blind).")] = 30,
    seed: Annotated[int, typer.Option("--seed", help="Frö för urvalet.")] = 0,
    suite: Annotated[JudgeSuite, typer.Option("--suite", "-s", help="Vilken svit som bedöms.")] = (
        JudgeSuite.accuracy
    ),
    split: Annotated[Split, typer.Option("--split", help="dev, blind eller all.")] = Split.all,
    dataset: Annotated[
        list[Path] | None, typer.Option("--dataset", "-d", help="JSONL-fil med egna fall (kan upprepas).")
    ] = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Mapp med dokument (tillfälligt index).")
    ] = None,
    office: Annotated[Path | None, typer.Option("--office", help="Ett annat kontors mapp.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Kör mot en startad server.")] = None,
    staff_key: Annotated[
        str | None,
        typer.Option("--staff-key", envvar="TILLIT_EVAL_STAFF_KEY", help="Personalnyckel (utkast)."),
    ] = None,
) -> None:
    """Bedömda svar: skriv ett ark (good / partial / misleading / miss) eller läs tillbaka ett ifyllt."""
    from evals.compare import ReportError, load_report
    from evals.dataset import DatasetError
    from evals.judging import (
        SheetError,
        answer_sheet,
        configured_model,
        fill_sheet,
        read_sheet,
        save_sheet,
        verdict_shares,
        write_sheet,
    )
    from evals.report import guardrails_redactor, rerender
    from evals.runner import RunInputError, RunRequest

    if (out is None) == (read is None):
        raise UsageFailure("ange antingen --out (skriv ett ark) eller --read ARK (läs ett ifyllt)")
    if report is not None and read is None:
        raise UsageFailure("--report används med --read")
    model = None
    if fill:
        from assistant.settings import get_settings

        model = configured_model(get_settings())
        if model is None:
            raise UsageFailure(
                "--fill kräver en konfigurerad modell: TILLIT_COMPOSER=openai (eller ollama), "
                "TILLIT_LLM_BASE_URL och TILLIT_LLM_MODEL"
            )
    if out is not None:
        request = RunRequest(
            suites=[suite.value], datasets=list(dataset or []), corpus=corpus, office=office, url=url,
            staff_key=staff_key, splits=_splits(split), show_progress=False,
        )
        try:
            rows, _info = answer_sheet(request, sample, seed, guardrails_redactor())
        except DatasetError as exc:
            _problems(exc.problems)
            raise UsageFailure(f"ogiltig datamängd: {exc}") from None
        except RunInputError as exc:
            raise UsageFailure(str(exc)) from None
        if not rows:
            raise UsageFailure("inga fall att bedöma i den valda sviten och delen")
        if model is not None:
            filled = fill_sheet(rows, model)
            typer.echo(f"Modellen fyllde i {filled} av {len(rows)} omdömen.")
        paths = write_sheet(rows, out)
        typer.echo(f"Bedömningsark med {len(rows)} rader: {', '.join(str(p) for p in paths)}")
        if model is None:
            typer.echo("Fyll i kolumnen verdict (good, partial, misleading, miss); läs tillbaka med --read.")
        return
    assert read is not None
    try:
        rows = read_sheet(read)
    except SheetError as exc:
        _problems(exc.problems)
        raise UsageFailure(f"ogiltigt bedömningsark: {exc}") from None
    if model is not None:
        filled = fill_sheet(rows, model)
        save_sheet(rows, read)
        typer.echo(f"Modellen fyllde i {filled} omdömen; arket är sparat: {read}")
    shares = verdict_shares(rows, str(read))
    for name, data in [("alla", shares), *shares["by_split"].items()]:
        cells = ", ".join(
            f"{v} {data['shares'][v]:.2f}" for v in ("good", "partial", "misleading", "miss")
            if data["shares"][v] is not None
        )
        typer.echo(f"{name}: {data['judged']} av {data['rows']} bedömda" + (f" – {cells}" if cells else ""))
    if report is not None:
        try:
            loaded = load_report(report)
        except ReportError as exc:
            raise UsageFailure(str(exc)) from None
        loaded["judged"] = shares
        folder = report if report.is_dir() else report.parent
        paths = rerender(loaded, folder)
        typer.echo(f"Andelarna är tillagda i {', '.join(str(p) for p in paths)}")


def register(app: typer.Typer) -> None:
    """Add the `eval` command group to the tillit app."""
    app.add_typer(eval_app, name="eval")
