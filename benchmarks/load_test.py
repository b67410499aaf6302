"""Load test: N concurrent clients for a fixed time on /api/chat (questions, follow-ups, handoffs)
and /api/drafts (staff key), with a re-ingest and index switch in the middle. Reports errors,
p50/p95/p99 and throughput. A measurement, not a test: it prints figures and asserts nothing.

    # against a server it starts itself (a copy of an ingested data dir; rate limit off):
    .venv/bin/python benchmarks/load_test.py --data-dir var --clients 32 --duration 60

    # against a running server (loopback only) with keys from `tillit keys add`:
    .venv/bin/python benchmarks/load_test.py --url http://127.0.0.1:8000 \
        --staff-key tk_... --admin-key tk_...

The index switch is an admin POST /api/admin/reindex (or `--reindex-with cli`: `tillit ingest`
into the same data dir, which the server picks up by itself).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

REPO = Path(__file__).resolve().parent.parent
TILLIT = Path(sys.executable).parent / "tillit"
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound besides the clock

QUESTIONS = [
    "Vad är en god man?",
    "När ska årsräkningen lämnas in?",
    "Hur ansöker jag om god man för min mamma?",
    "Vad får en god man i arvode?",
    "Vad är skillnaden mellan god man och förvaltare?",
    "Hur byter man god man?",
    "Vad händer när huvudmannen dör?",
    "Får jag ta ut pengar från min huvudmans konto?",
    "Vilka underlag ska bifogas årsräkningen?",
    "Vad är en framtidsfullmakt?",
    "What is a god man?",
    "How do I submit the annual report?",
    "Hur blir jag god man?",
    "Vad gäller för barns spärrade konton?",
    "Hur klagar jag på ett beslut?",
]
FOLLOW_UPS = ["Hur lång tid tar det?", "Vad kostar det?", "Kan du förklara enklare?", "Tack!"]
HANDOFFS = ["Jag vill prata med en handläggare.", "Kan jag få prata med en människa?"]
DRAFTS = [
    "Hej! Jag är god man för min pappa och undrar när årsräkningen ska vara inne. Mvh Eva",
    "Hej, vad får jag i arvode som förvaltare och hur ansöker jag om det? Hälsningar Per",
]


@dataclass
class Sample:
    kind: str
    status: int  # 0: no response (timeout, connection error)
    seconds: float
    started: float
    error: str = ""


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    switch_started: float | None = None
    switch_ended: float | None = None
    switch_result: str = ""
    versions: list[str] = field(default_factory=list)


def _loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def _client(n: int, http: httpx.AsyncClient, staff: dict[str, str], run: Run, end: float) -> None:
    rng = random.Random(n)
    conversation: tuple[str, str] | None = None
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= end:
            return
        roll = rng.random()
        if roll < 0.12 and staff:
            kind, method, path = "draft", "POST", "/api/drafts"
            body: dict[str, object] = {"text": rng.choice(DRAFTS)}
            headers = staff
        elif roll < 0.22:
            kind, method, path, headers = "handoff", "POST", "/api/chat", {}
            body = {"message": rng.choice(HANDOFFS)}
        elif roll < 0.45 and conversation:
            kind, method, path, headers = "follow-up", "POST", "/api/chat", {}
            body = {
                "message": rng.choice(FOLLOW_UPS),
                "conversation_id": conversation[0],
                "conversation_token": conversation[1],
            }
        else:
            kind, method, path, headers = "question", "POST", "/api/chat", {}
            body = {"message": rng.choice(QUESTIONS)}
        started = time.monotonic()
        try:
            response = await http.request(method, path, json=body, headers=headers)
            sample = Sample(kind, response.status_code, time.monotonic() - started, started)
            if response.status_code == 200 and path == "/api/chat":
                data = response.json()
                conversation = (data["conversation_id"], data["conversation_token"])
                if kind == "handoff" and not data.get("handoff"):
                    sample.error = "no handoff"
                if kind == "question" and not data.get("answer"):
                    sample.error = "empty answer"
            elif response.status_code != 200:
                sample.error = response.text[:200]
                if response.status_code == 404:
                    conversation = None
        except httpx.HTTPError as exc:
            sample = Sample(kind, 0, time.monotonic() - started, started, type(exc).__name__)
        run.samples.append(sample)


async def _switch(
    http: httpx.AsyncClient,
    admin: dict[str, str],
    at: float,
    run: Run,
    how: str,
    data_dir: Path | None,
    corpus: Path,
) -> None:
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    run.switch_started = time.monotonic()
    before = (await http.get("/readyz")).json().get("index_version", "")
    run.versions.append(before)
    if how == "api":
        response = await http.post("/api/admin/reindex", headers=admin, json={"path": str(corpus)})
        run.switch_result = f"HTTP {response.status_code}"
        if response.status_code == 202:
            # A job: its status until it is done or failed.
            status_url = response.json()["status_url"]
            job = response.json()
            while job["status"] in ("queued", "running"):
                await asyncio.sleep(0.5)
                job = (await http.get(status_url, headers=admin)).json()
            run.switch_result += f", {job}"
    else:
        assert data_dir is not None
        env = {**os.environ, "TILLIT_DATA_DIR": str(data_dir)}
        process = await asyncio.create_subprocess_exec(
            str(TILLIT),
            "ingest",
            str(corpus),
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await process.communicate()
        run.switch_result = f"tillit ingest exit {process.returncode} {err.decode()[-200:]}".strip()
    run.switch_ended = time.monotonic()
    run.versions.append((await http.get("/readyz")).json().get("index_version", ""))


async def _load(
    args: argparse.Namespace, url: str, staff_key: str, admin_key: str, data_dir: Path | None
) -> Run:
    run = Run()
    limits = httpx.Limits(max_connections=args.clients + 8, max_keepalive_connections=args.clients + 8)
    async with httpx.AsyncClient(base_url=url, timeout=args.timeout, limits=limits) as http:
        start = time.monotonic()
        end = start + args.duration
        staff = {"Authorization": f"Bearer {staff_key}"} if staff_key else {}
        tasks = [asyncio.create_task(_client(n, http, staff, run, end)) for n in range(args.clients)]
        if args.reindex_at > 0 and (admin_key or args.reindex_with == "cli"):
            admin = {"Authorization": f"Bearer {admin_key}"}
            tasks.append(
                asyncio.create_task(
                    _switch(
                        http, admin, start + args.reindex_at, run, args.reindex_with, data_dir, args.corpus
                    )
                )
            )
        await asyncio.gather(*tasks)
        run.duration = time.monotonic() - start  # type: ignore[attr-defined]
    return run


def _report(args: argparse.Namespace, run: Run) -> dict[str, object]:
    samples = run.samples
    ok = [s for s in samples if s.status == 200 and not s.error]
    errors = [s for s in samples if s not in ok]
    latencies = [s.seconds for s in samples if s.status]
    by_kind: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        if s.status:
            by_kind[s.kind].append(s.seconds)
    during = [
        s.seconds
        for s in samples
        if run.switch_started and run.switch_ended and run.switch_started <= s.started <= run.switch_ended
    ]
    duration = getattr(run, "duration", args.duration)
    first = min((s.started for s in samples), default=0.0)
    windows: dict[int, list[float]] = defaultdict(list)
    for s in samples:
        if s.status:
            windows[int((s.started - first) // args.window)].append(s.seconds)
    report: dict[str, object] = {
        "clients": args.clients,
        "duration_s": round(duration, 1),
        "requests": len(samples),
        "errors": len(errors),
        "error_kinds": dict(Counter(f"{s.kind}:{s.status}:{s.error[:60]}" for s in errors).most_common(10)),
        "throughput_rps": round(len(samples) / duration, 2) if duration else 0.0,
        "p50_s": round(_percentile(latencies, 50), 3),
        "p95_s": round(_percentile(latencies, 95), 3),
        "p99_s": round(_percentile(latencies, 99), 3),
        "mean_s": round(statistics.fmean(latencies), 3) if latencies else None,
        "per_kind": {
            kind: {
                "n": len(v),
                "p50_s": round(_percentile(v, 50), 3),
                "p95_s": round(_percentile(v, 95), 3),
                "p99_s": round(_percentile(v, 99), 3),
            }
            for kind, v in sorted(by_kind.items())
        },
        # Latency by when a request started: shows the cold start and the index switch apart.
        "by_start_window": [
            {
                "from_s": round(w * args.window, 1),
                "n": len(v),
                "p50_s": round(_percentile(v, 50), 3),
                "p95_s": round(_percentile(v, 95), 3),
                "max_s": round(max(v), 3),
            }
            for w, v in sorted(windows.items())
        ],
        "index_switch": {
            "switch_at_s": round(run.switch_started - first, 1) if run.switch_started else None,
            "result": run.switch_result or "not run",
            "versions": run.versions,
            "seconds": round(run.switch_ended - run.switch_started, 1)
            if run.switch_started and run.switch_ended
            else None,
            "requests_during": len(during),
            "p95_during_s": round(_percentile(during, 95), 3) if during else None,
        },
    }
    return report


def _stage_timings(data_dir: Path) -> dict[str, dict[str, float]]:
    """p50/p95 per pipeline stage from the turns the server recorded (its own SQLite database)."""
    import sqlite3

    db = data_dir / "tillit.sqlite3"
    if not db.exists():
        return {}
    stages: dict[str, list[float]] = defaultdict(list)
    with sqlite3.connect(db) as conn:
        for (raw,) in conn.execute("SELECT timings_ms FROM turns"):
            for stage, ms in (json.loads(raw) if isinstance(raw, str) else raw or {}).items():
                stages[stage].append(float(ms))
    return {
        stage: {"n": len(v), "p50_ms": round(_percentile(v, 50), 1), "p95_ms": round(_percentile(v, 95), 1)}
        for stage, v in sorted(stages.items())
    }


def _own_server(args: argparse.Namespace) -> tuple[str, str, str, Path, subprocess.Popen[bytes], Path]:
    from assistant.storage import Database, Store

    work = Path(tempfile.mkdtemp(prefix="tillit-load-"))
    data_dir = work / "data"
    shutil.copytree(args.data_dir, data_dir, ignore=shutil.ignore_patterns(".lock", "tillit.sqlite3*"))
    db = Database(f"sqlite:///{(data_dir / 'tillit.sqlite3').resolve()}")
    store = Store(db)
    staff_key = store.add_api_key("staff", "Last staff").key
    admin_key = store.add_api_key("admin", "Last admin").key
    db.dispose()
    port = _free_port()
    env = {
        **os.environ,
        "TILLIT_DATA_DIR": str(data_dir),
        "TILLIT_RATE_LIMIT_ENABLED": "false",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    log = (work / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            str(TILLIT),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            str(args.workers),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"tillit serve exited: see {work / 'serve.log'}")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return url, staff_key, admin_key, data_dir, process, work
        except httpx.HTTPError:
            pass
        time.sleep(1)
    process.terminate()
    raise SystemExit("tillit serve did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="A running server (loopback only).")
    parser.add_argument("--staff-key", default="")
    parser.add_argument("--admin-key", default="")
    parser.add_argument("--data-dir", type=Path, help="Start a server on a copy of this ingested data dir.")
    parser.add_argument(
        "--server-data-dir", type=Path, help="With --url and --reindex-with cli: its data dir."
    )
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="Server processes (own server only).")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="Per request, seconds.")
    parser.add_argument("--reindex-at", type=float, default=20.0, help="Seconds into the run; 0: no switch.")
    parser.add_argument("--reindex-with", choices=("api", "cli"), default="api")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=REPO / "knowledge" / "corpus",
        help="Folder to reindex; with --reindex-with api it must lie in the server's TILLIT_CORPUS_ROOTS.",
    )
    parser.add_argument("--window", type=float, default=10.0, help="Seconds per window in by_start_window.")
    parser.add_argument("--json", type=Path, help="Also write the report here.")
    args = parser.parse_args()
    args.corpus = args.corpus.resolve()
    if args.clients < 1 or args.clients > 256 or args.duration <= 0 or args.duration > 3600:
        parser.error("--clients 1..256 and --duration up to 3600 s")

    process = work = None
    data_dir = args.server_data_dir
    if args.url:
        if not _loopback(args.url):
            parser.error("--url must be a loopback address: this tool never loads another machine")
        url, staff_key, admin_key = args.url.rstrip("/"), args.staff_key, args.admin_key
    elif args.data_dir:
        url, staff_key, admin_key, data_dir, process, work = _own_server(args)
    else:
        parser.error("give --url or --data-dir")
    try:
        run = asyncio.run(_load(args, url, staff_key, admin_key, data_dir))
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    report = _report(args, run)
    if work is not None:
        report["server_stage_timings"] = _stage_timings(work / "data")
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
