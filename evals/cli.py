"""`tillit eval run` and `tillit eval compare`, registered through the "tillit.commands" entry point.

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
    all = "all"


eval_app = typer.Typer(
    help="Utvärdering: träffsäkerhet, överlämning, dataläckage och promptinjektion, med grindar.",
    no_args_is_help=True,
)


def _problems(problems: list[str]) -> None:
    for problem in problems[:50]:
        typer.echo(problem, err=True)
    if len(problems) > 50:
        typer.echo(f"... och {len(problems) - 50} fel till", err=True)


@eval_app.command("run")
def run_command(
    suite: Annotated[Suite, typer.Option("--suite", "-s", help="Vilken svit som körs.")] = Suite.all,
    dataset: Annotated[
        list[Path] | None,
        typer.Option("--dataset", "-d", help="JSONL-fil med egna fall (kan upprepas)."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Mapp med dokument: ett tillfälligt index byggs av den."),
    ] = None,
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
    from evals.report import write_reports
    from evals.runner import SUITES, RunInputError, RunRequest, execute

    if url and corpus:
        raise UsageFailure("--url och --corpus kan inte kombineras: servern har redan sitt index")
    try:
        gates = load_thresholds(thresholds)
    except ThresholdsError as exc:
        raise UsageFailure(str(exc)) from None
    suites = list(SUITES) if suite is Suite.all else [suite.value]
    request = RunRequest(
        suites=suites, datasets=list(dataset or []), corpus=corpus, url=url, staff_key=staff_key,
        seed=seed, show_progress=progress,
    )
    try:
        outcome = execute(request)
    except DatasetError as exc:
        _problems(exc.problems)
        raise UsageFailure(f"ogiltig datamängd: {exc}") from None
    except RunInputError as exc:
        raise UsageFailure(str(exc)) from None
    written = write_reports(outcome, gates, out)
    _print_summary(written.report)
    typer.echo(f"Rapporter: {', '.join(str(p) for p in written.paths)}")
    if not written.passed:
        raise typer.Exit(1)


def _print_summary(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Grindar", show_lines=False)
    for column in ("Grind", "Mått", "Gräns", "Värde", "Status"):
        table.add_column(column)
    labels = {
        "pass": "[green]godkänd[/]", "fail": "[bold red]UNDERKÄND[/]", "not_measured": "[dim]ej mätt[/]",
    }
    for gate in report["gates"]:
        value = "–" if gate["value"] is None else f"{gate['value']:.4g}"
        table.add_row(gate["label"], gate["metric"], gate["threshold"], value, labels[gate["status"]])
    console = Console()
    console.print(table)
    failed = sum(1 for c in report["cases"] if not c["passed"])
    console.print(f"{len(report['cases'])} fall, {failed} underkända. Resultat: "
                  + ("[green]GODKÄND[/]" if report["passed"] else "[bold red]UNDERKÄND[/]"))


@eval_app.command("compare")
def compare_command(
    old: Annotated[Path, typer.Argument(help="Tidigare rapport (report.json eller dess mapp).")],
    new: Annotated[Path, typer.Argument(help="Ny rapport (report.json eller dess mapp).")],
    fail_on_regression: Annotated[
        bool, typer.Option("--fail-on-regression", help="Avsluta med 1 vid försämring.")
    ] = False,
) -> None:
    """Visa skillnader per mått och per fall mellan två körningar."""
    from evals.compare import ReportError, compare, load_report, render_text

    try:
        comparison = compare(load_report(old), load_report(new))
    except ReportError as exc:
        raise UsageFailure(str(exc)) from None
    typer.echo(render_text(comparison))
    if fail_on_regression and (comparison.regressed or comparison.gate_regressions):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `eval` command group to the tillit app."""
    app.add_typer(eval_app, name="eval")
