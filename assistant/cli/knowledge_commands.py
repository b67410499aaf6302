"""`tillit ingest`, `tillit search` and `tillit documents`: build, query and list the knowledge index."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.errors import UsageFailure

_STAGES = {
    "load": "Läser dokument",
    "chunk": "Delar upp",
    "embed": "Beräknar vektorer",
    "sentences": "Beräknar meningsvektorer",
    "store": "Sparar",
}


def _stdout_console() -> Any:
    from rich.console import Console

    # Piped output keeps whole lines (rich would wrap at 80 columns) so it can be grepped.
    return Console(width=None if sys.stdout.isatty() else 200)


def _config() -> Any:
    from assistant.settings import get_settings

    return get_settings().index_config()


def _open_index() -> Any:
    from knowledge import IndexNotFound, open_index

    config = _config()
    try:
        return open_index(config)
    except IndexNotFound:
        raise UsageFailure(
            f"inget index i {config.data_dir} – bygg det först med: tillit ingest KATALOG"
        ) from None


def _check_source(path: Path) -> None:
    if not path.exists():
        raise UsageFailure(f"{path} finns inte")
    if not os.access(path, os.R_OK):
        raise UsageFailure(f"{path} går inte att läsa (behörighet)")
    if path.is_dir() and not any(p.is_file() for p in path.rglob("*")):
        raise UsageFailure(f"{path} innehåller inga filer")
    if not path.is_dir() and not path.is_file():
        raise UsageFailure(f"{path} är varken en fil eller en katalog")


def _check_office(office_file: Path | None) -> None:
    """A broken office file is one line, before any work: ingest keeps its contact details."""
    from guardrails.office import OfficeConfigError, load_office

    try:
        load_office(office_file)
    except OfficeConfigError as exc:
        raise UsageFailure(str(exc)) from None


def ingest_command(
    path: Annotated[Path, typer.Argument(help="Katalog (läses rekursivt) eller fil med dokument.")],
) -> None:
    """Läs in godkända dokument och bygg en ny indexversion (byts in först när den är klar)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from knowledge import ingest

    _check_source(path)
    config = _config()
    _check_office(config.office_file)
    err = Console(stderr=True)
    out = _stdout_console()
    if sys.stderr.isatty():
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        with bar, _disk_full_is_one_line():
            report = ingest(path, config, progress=progress)
    else:
        with _disk_full_is_one_line():
            report = ingest(path, config)

    table = Table(title=f"Inläsning av {path}")
    table.add_column("Dokument")
    table.add_column("Resultat")
    table.add_column("Detaljer")
    for meta in report.indexed:
        table.add_row(meta.doc_id, "indexerad", f"version {meta.version}, språk {meta.language}")
    for issue in report.skipped:
        table.add_row(str(issue.path), "hoppades över", issue.reason)
    for issue in report.failed:
        table.add_row(str(issue.path), "misslyckades", issue.reason)
    out.print(table)
    out.print(
        f"Indexerade: {len(report.indexed)}  Hoppades över: {len(report.skipped)}  "
        f"Misslyckades: {len(report.failed)}  Passager: {report.passages} "
        f"(nya vektorer {report.embedded}, återanvända {report.reused}; "
        f"nya meningsvektorer {report.sentences_embedded})  Tid: {report.seconds:.1f} s"
    )
    if not report.switched:
        raise UsageFailure(f"inga godkända dokument att indexera i {path}; indexet är oförändrat")
    out.print(f"Indexversion {report.index_version} är nu i bruk i {config.data_dir}.")
    if report.failed:
        # The good documents are served; the exit code tells a script that some were not.
        typer.echo(f"tillit: {len(report.failed)} filer kunde inte läsas (se tabellen ovan)", err=True)
        raise typer.Exit(1)


def _passage_json(p: Any) -> dict[str, Any]:
    return {
        "doc_id": p.doc_id,
        "version": p.version,
        "title": p.title,
        "section": p.section,
        "source_url": p.source_url,
        "language": p.language,
        "score": p.score,
        "text": p.text,
    }


def _read_jsonl(path: Path) -> list[tuple[Any, str]]:
    if str(path) != "-" and not path.is_file():
        raise UsageFailure(f"{path} finns inte eller är ingen fil")
    try:
        lines = sys.stdin.read().splitlines() if str(path) == "-" else path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageFailure(f"{path} går inte att läsa: {exc}") from None
    cases = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise UsageFailure(f"{path}:{n}: raden är inte giltig JSON") from None
        if not isinstance(row, dict) or not isinstance(row.get("question"), str) or "id" not in row:
            raise UsageFailure(f'{path}:{n}: varje rad behöver "id" och "question" (text)')
        cases.append((row["id"], row["question"]))
    return cases


def search_command(
    question: Annotated[str | None, typer.Argument(help="Frågan att söka efter.")] = None,
    k: Annotated[int, typer.Option("--k", "-k", min=1, max=50, help="Antal passager.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")] = False,
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl", help='Fil med rader {"id","question"} (eller - för stdin); svar som JSON-rader.'
        ),
    ] = None,
    language: Annotated[
        str | None, typer.Option("--language", help="Frågans språk (standard: gissas).")
    ] = None,
) -> None:
    """Sök i kunskapsbasen (hybrid: vektorer + BM25) och visa de bästa passagerna."""
    if (question is None) == (jsonl is None):
        raise UsageFailure("ange antingen en fråga eller --jsonl FIL (inte båda)")
    cases = _read_jsonl(jsonl) if jsonl is not None else []
    index = _open_index()
    if jsonl is not None:
        for case_id, q in cases:
            hits = index.search(q, k=k, language=language)
            row = {"id": case_id, "passages": [_passage_json(p) for p in hits]}
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    assert question is not None
    if not question.strip():
        raise UsageFailure("frågan är tom")
    hits = index.search(question, k=k, language=language)
    if as_json:
        typer.echo(json.dumps([_passage_json(p) for p in hits], ensure_ascii=False, indent=2))
        return

    console = _stdout_console()
    if not hits:
        console.print("Inga träffar.")
    for n, p in enumerate(hits, 1):
        console.print(
            f"[bold]{n}. {p.title}[/bold] – {p.section}  ({p.doc_id} v{p.version}, {p.language}, "
            f"poäng {p.score:.4f})",
            markup=True,
            highlight=False,
        )
        if p.source_url:
            console.print(f"   {p.source_url}", highlight=False)
        console.print(f"   {p.text}", markup=False, highlight=False)


def documents_command(
    as_json: Annotated[bool, typer.Option("--json", help="Skriv listan som JSON.")] = False,
) -> None:
    """Lista de dokument som finns i det aktuella indexet, med godkännande, giltighet och version."""
    index = _open_index()
    today = date.today()
    rows = []
    for meta in index.documents():
        reason = meta.servable_reason(today)
        rows.append(
            {
                "doc_id": meta.doc_id,
                "title": meta.title,
                "language": meta.language,
                "version": meta.version,
                "approved": meta.approved,
                "approved_by": meta.approved_by,
                "valid_from": meta.valid_from.isoformat() if meta.valid_from else None,
                "valid_until": meta.valid_until.isoformat() if meta.valid_until else None,
                "served": reason is None,
                "passages": index.passage_count(meta.doc_id),
            }
        )
    if as_json:
        typer.echo(
            json.dumps({"index_version": index.version, "documents": rows}, ensure_ascii=False, indent=2)
        )
        return
    from rich.table import Table

    table = Table(title=f"Dokument i indexversion {index.version}")
    for col in (
        "Dokument",
        "Titel",
        "Språk",
        "Version",
        "Godkänd",
        "Giltig från",
        "Giltig till",
        "Visas",
        "Passager",
    ):
        table.add_column(col)
    for r in rows:
        approved = "ja" + (f" ({r['approved_by']})" if r["approved_by"] else "") if r["approved"] else "nej"
        table.add_row(
            r["doc_id"],
            r["title"],
            r["language"],
            r["version"],
            approved,
            r["valid_from"] or "–",
            r["valid_until"] or "–",
            "ja" if r["served"] else "nej",
            str(r["passages"]),
        )
    _stdout_console().print(table)


def register(app: typer.Typer) -> None:
    """Add ingest, search and documents to the app."""
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
    app.command("documents")(documents_command)


@contextmanager
def _disk_full_is_one_line() -> Iterator[None]:
    """A full disk is the operator's problem to fix, not a traceback: the served index is untouched."""
    try:
        yield
    except Exception as exc:
        full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
        if not full and "disk is full" not in str(exc).lower():
            raise
        raise UsageFailure(
            "disken är full – det nya indexet kunde inte byggas; det tidigare indexet används fortfarande"
        ) from None
