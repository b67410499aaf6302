"""Re-indexing from inside a running server: in a child process at a lower CPU priority.

Answering citizens comes first. An ingest in the server's own process competes with the answers
for one interpreter lock (at 32 clients the p95 of requests started during a re-index was twice
the steady state); in a child process with a lower priority the operating system gives the cores
to the answers first, and a parser that crashes on a hostile file takes only the child down.

The child has a time limit (TILLIT_REINDEX_TIMEOUT_S): a file that sends a parser into a loop
would otherwise hold the index writer lock, and the admin's request, for ever. At the limit the
child is killed, which also releases the lock, and the serving index stays as it was.

Over the API a re-index is a job (ReindexJobs): the request is answered at once with the job's id,
and the job's record (queued, running, done with its counts, or failed with a reason) is kept as a
small JSON file in the data directory, which every replica mounts, so any replica can tell its
status. One job runs at a time per process; the index writer lock orders jobs across processes.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import json
import logging
import multiprocessing
import os
import socket
import threading
import uuid
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from knowledge import IndexConfig, IngestReport

log = logging.getLogger(__name__)

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


# -- jobs ------------------------------------------------------------------------------------------

JobStatus = Literal["queued", "running", "done", "failed"]
KEPT_JOBS = 50
# A job whose process has not written for this long past its time limit has died with it.
GRACE_S = 120.0
KEPT_INDEX = "Det tidigare indexet används fortfarande."


class ReindexJobNotFound(LookupError):
    """No job with this id (never made, or pruned)."""


class ReindexRunning(RuntimeError):
    """This process already has a job queued or running."""

    def __init__(self, job: ReindexJob) -> None:
        super().__init__(job.job_id)
        self.job = job


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclasses.dataclass
class ReindexJob:
    job_id: str
    status: JobStatus
    created_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    index_version: str | None = None
    indexed: int | None = None
    skipped: int | None = None
    failed: int | None = None
    passages: int | None = None
    seconds: float | None = None
    detail: str | None = None  # why it failed (Swedish, ours: never a path or an input)
    host: str = ""
    pid: int = 0

    def to_json(self) -> str:
        data = dataclasses.asdict(self)
        for key in ("created_at", "started_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> ReindexJob:
        data = json.loads(text)
        for key in ("created_at", "started_at", "finished_at"):
            data[key] = dt.datetime.fromisoformat(data[key]) if data[key] else None
        return cls(**data)


class ReindexJobs:
    """Re-index jobs: `submit` returns at once with a queued job that a thread of this process runs
    (`run(path)`, which ingests in a child process); `get` reads any job's record from `folder`."""

    def __init__(
        self, folder: Path, run: Callable[[Path | None], IngestReport], timeout_s: float | None = None
    ) -> None:
        self.folder = folder
        self.run = run
        self.timeout_s = _default_timeout() if timeout_s is None else timeout_s
        self._lock = threading.Lock()
        self._active: ReindexJob | None = None
        self._thread: threading.Thread | None = None

    def submit(self, path: Path | None) -> ReindexJob:
        """A new job for `path` (None: the bundled corpus); ReindexRunning if one is still active."""
        with self._lock:
            if self._active is not None:
                raise ReindexRunning(self._active)
            job = ReindexJob(uuid.uuid4().hex, "queued", _now(), host=socket.gethostname(), pid=os.getpid())
            self._write(job)
            self._active = job
            submitted = dataclasses.replace(job)  # as it was handed in: the thread changes `job`
            # The thread carries the request's context, so its log lines keep the request id.
            context = contextvars.copy_context()
            self._thread = threading.Thread(
                target=context.run, args=(self._work, job, path), name="tillit-reindex-job", daemon=True
            )
            self._thread.start()
        self._prune()
        return submitted

    def get(self, job_id: str) -> ReindexJob:
        try:
            job = ReindexJob.from_json((self.folder / f"{job_id}.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, TypeError, KeyError):
            raise ReindexJobNotFound(job_id) from None
        if job.status in ("queued", "running") and self._abandoned(job):
            job.status = "failed"
            job.detail = f"Omindexeringen avbröts: servern som gjorde den stängdes av. {KEPT_INDEX}"
        return job

    def wait(self, timeout_s: float | None = None) -> None:
        """Until the running job (if any) has ended; for tests and an orderly stop."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)

    def _abandoned(self, job: ReindexJob) -> bool:
        with self._lock:
            if self._active is not None and self._active.job_id == job.job_id:
                return False
        if job.host == socket.gethostname() and job.pid and not _alive(job.pid):
            return True
        since = job.started_at or job.created_at
        return (_now() - since).total_seconds() > self.timeout_s + GRACE_S

    def _work(self, job: ReindexJob, path: Path | None) -> None:
        try:
            job.status, job.started_at = "running", _now()
            self._write(job)
            report = self.run(path)
            job.status = "done"
            job.index_version = report.index_version
            job.indexed, job.skipped = len(report.indexed), len(report.skipped)
            job.failed = len(report.failed)
            job.passages, job.seconds = report.passages, round(report.seconds, 2)
        except ReindexFailed as exc:
            # The reason is ours (a time limit, a crashed child), never input: it may be shown.
            job.status, job.detail = "failed", f"Omindexeringen misslyckades: {exc}. {KEPT_INDEX}"
        except Exception as exc:  # the job reports it; the exception's text could quote a path
            log.warning("re-index job failed: %s", type(exc).__name__)
            job.status = "failed"
            job.detail = f"Omindexeringen misslyckades ({type(exc).__name__}). {KEPT_INDEX}"
        finally:
            job.finished_at = _now()
            with contextlib.suppress(OSError):
                self._write(job)
            with self._lock:
                self._active = None

    def _write(self, job: ReindexJob) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{job.job_id}.{os.getpid()}.tmp"
        temporary.write_text(job.to_json(), encoding="utf-8")
        os.replace(temporary, self.folder / f"{job.job_id}.json")

    def _prune(self) -> None:
        with contextlib.suppress(OSError):
            records = sorted(self.folder.glob("*.json"), key=lambda f: f.stat().st_mtime, reverse=True)
            for old in records[KEPT_JOBS:]:
                old.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours to signal
        return True
    return True
