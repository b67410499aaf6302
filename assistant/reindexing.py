"""Re-indexing from inside a running server: in a child process at a lower CPU priority.

Answering citizens comes first. An ingest in the server's own process competes with the answers
for one interpreter lock (at 32 clients the p95 of requests started during a re-index was twice
the steady state); in a child process with a lower priority the operating system gives the cores
to the answers first, and a parser that crashes on a hostile file takes only the child down.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from knowledge import IndexConfig, IngestReport

NICENESS = 10


class ReindexFailed(RuntimeError):
    """The ingest process ended without a report (killed, or crashed in native code)."""


def _lower_priority() -> None:
    with contextlib.suppress(OSError, AttributeError):  # not permitted, or not a POSIX system
        os.nice(NICENESS)


def ingest_at_low_priority(source: Path, config: IndexConfig) -> IngestReport:
    """`knowledge.ingest(source, config)` in a fresh low-priority process; its errors re-raised here."""
    from knowledge import ingest

    # spawn, not fork: the server has threads (and a model worker) that a fork would copy mid-step.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_lower_priority) as pool:
        try:
            return pool.submit(ingest, source, config).result()
        except BrokenProcessPool as exc:
            raise ReindexFailed("inläsningen avbröts innan den var klar") from exc
