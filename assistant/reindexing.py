"""Re-indexing from inside a running server: in a child process at a lower CPU priority.

Answering citizens comes first. An ingest in the server's own process competes with the answers
for one interpreter lock (at 32 clients the p95 of requests started during a re-index was twice
the steady state); in a child process with a lower priority the operating system gives the cores
to the answers first, and a parser that crashes on a hostile file takes only the child down.

The child has a time limit (TILLIT_REINDEX_TIMEOUT_S): a file that sends a parser into a loop
would otherwise hold the index writer lock, and the admin's request, for ever. At the limit the
child is killed, which also releases the lock, and the serving index stays as it was.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from knowledge import IndexConfig, IngestReport

NICENESS = 10


class ReindexFailed(RuntimeError):
    """The ingest process ended without a report (killed, timed out, or crashed in native code)."""


def _lower_priority() -> None:
    with contextlib.suppress(OSError, AttributeError):  # not permitted, or not a POSIX system
        os.nice(NICENESS)


def _child(connection: Connection, source: Path, config: IndexConfig) -> None:
    _lower_priority()
    from knowledge import ingest

    try:
        outcome: tuple[str, Any] = ("report", ingest(source, config))
    except BaseException as exc:  # handed to the parent, which raises it there
        outcome = ("error", exc)
    try:
        connection.send(outcome)
    except Exception as exc:  # an exception that cannot be pickled: its type and text still go
        connection.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        connection.close()


def _default_timeout() -> float:
    from assistant.settings import get_settings

    return float(get_settings().reindex_timeout_s)


def ingest_at_low_priority(source: Path, config: IndexConfig, timeout_s: float | None = None) -> IngestReport:
    """`knowledge.ingest(source, config)` in a fresh low-priority process; its errors re-raised here.

    Past `timeout_s` (default: settings.reindex_timeout_s) the child is killed and ReindexFailed
    raised."""
    limit = _default_timeout() if timeout_s is None else timeout_s
    # spawn, not fork: the server has threads (and a model worker) that a fork would copy mid-step.
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, source, config), name="tillit-reindex", daemon=True)
    process.start()
    send.close()
    finished = False
    try:
        if not receive.poll(limit):
            raise ReindexFailed(f"inläsningen avbröts: den nådde tidsgränsen ({limit:g} s)")
        try:
            kind, value = receive.recv()
        except EOFError:
            raise ReindexFailed("inläsningen avbröts innan den var klar") from None
        finished = True
    finally:
        receive.close()
        _stop(process, wait_s=5.0 if finished else 0.0)
    if kind == "error":
        raise value
    return value


def _stop(process: Any, wait_s: float) -> None:
    process.join(timeout=wait_s)
    if process.is_alive():
        process.terminate()
        process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join(timeout=5)
