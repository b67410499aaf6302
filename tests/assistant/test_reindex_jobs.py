"""Re-index jobs (assistant.reindexing.ReindexJobs): a record per job in a folder every replica
can read, one job at a time per process, and a job whose process died reported as failed."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.reindexing import (
    KEPT_JOBS,
    ReindexFailed,
    ReindexJob,
    ReindexJobNotFound,
    ReindexJobs,
    ReindexRunning,
)
from knowledge import IngestReport


def _report() -> IngestReport:
    return IngestReport(passages=7, seconds=0.5, index_version="v2")


def test_a_job_goes_from_queued_to_done_and_any_reader_sees_it(tmp_path: Path) -> None:
    gate = threading.Event()

    def run(path: Path | None) -> IngestReport:
        gate.wait(30)
        return _report()

    jobs = ReindexJobs(tmp_path, run, timeout_s=60)
    job = jobs.submit(None)
    assert job.status == "queued"
    with pytest.raises(ReindexRunning) as running:
        jobs.submit(None)
    assert running.value.job.job_id == job.job_id
    gate.set()
    jobs.wait(30)
    # Another replica reads the same folder.
    seen = ReindexJobs(tmp_path, run, timeout_s=60).get(job.job_id)
    assert seen.status == "done" and seen.passages == 7 and seen.index_version == "v2"
    assert seen.started_at is not None and seen.finished_at is not None
    assert seen.started_at <= seen.finished_at
    # The next job may start.
    jobs.submit(None)
    jobs.wait(30)


def test_a_failed_job_says_why_without_quoting_the_exception(tmp_path: Path) -> None:
    errors: list[Exception] = [ReindexFailed("den nådde tidsgränsen (5 s)"), OSError("/home/anna/hemligt")]

    def run(path: Path | None) -> IngestReport:
        raise errors.pop(0)

    jobs = ReindexJobs(tmp_path, run, timeout_s=60)
    first = jobs.submit(Path("/srv/corpus"))
    jobs.wait(30)
    second = jobs.submit(None)
    jobs.wait(30)
    assert jobs.get(first.job_id).detail == (
        "Omindexeringen misslyckades: den nådde tidsgränsen (5 s). Det tidigare indexet används fortfarande."
    )
    failed = jobs.get(second.job_id)
    assert failed.status == "failed" and "OSError" in (failed.detail or "")
    stored = "".join(f.read_text(encoding="utf-8") for f in tmp_path.glob("*.json"))
    assert "anna" not in stored and "/srv/corpus" not in stored  # no paths, no messages


def test_a_job_whose_process_died_is_reported_failed(tmp_path: Path) -> None:
    jobs = ReindexJobs(tmp_path, lambda path: _report(), timeout_s=60)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    now = dt.datetime.now(dt.UTC)
    here = ReindexJob(
        "a" * 32, "running", now, started_at=now, host=socket.gethostname(), pid=int(dead.stdout)
    )
    (tmp_path / f"{here.job_id}.json").write_text(here.to_json(), encoding="utf-8")
    assert jobs.get(here.job_id).status == "failed"
    assert "stängdes av" in (jobs.get(here.job_id).detail or "")

    # On another machine: by the time limit.
    long_ago = now - dt.timedelta(hours=3)
    elsewhere = ReindexJob("b" * 32, "running", long_ago, started_at=long_ago, host="other-host", pid=1)
    recent = ReindexJob("c" * 32, "running", now, started_at=now, host="other-host", pid=1)
    for job in (elsewhere, recent):
        (tmp_path / f"{job.job_id}.json").write_text(job.to_json(), encoding="utf-8")
    assert jobs.get(elsewhere.job_id).status == "failed"
    assert jobs.get(recent.job_id).status == "running"
    # This process's own running job is alive, whatever its age.
    assert os.getpid() != int(dead.stdout)


def test_unknown_and_damaged_records_are_not_found(tmp_path: Path) -> None:
    jobs = ReindexJobs(tmp_path, lambda path: _report(), timeout_s=60)
    with pytest.raises(ReindexJobNotFound):
        jobs.get("0" * 32)
    (tmp_path / f"{'d' * 32}.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReindexJobNotFound):
        jobs.get("d" * 32)


def test_only_the_latest_records_are_kept(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    for n in range(KEPT_JOBS + 5):
        job = ReindexJob(f"{n:032x}", "done", now)
        path = tmp_path / f"{job.job_id}.json"
        path.write_text(job.to_json(), encoding="utf-8")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    jobs = ReindexJobs(tmp_path, lambda path: _report(), timeout_s=60)
    newest = jobs.submit(None)
    jobs.wait(30)
    kept = {f.stem for f in tmp_path.glob("*.json")}
    assert len(kept) == KEPT_JOBS and newest.job_id in kept
    assert f"{0:032x}" not in kept and f"{KEPT_JOBS + 4:032x}" in kept
    assert json.loads((tmp_path / f"{newest.job_id}.json").read_text(encoding="utf-8"))["status"] == "done"
