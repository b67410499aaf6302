"""Load test of POST /api/chat on a running Tillit server: p50/p95 latency and throughput at 1, 8
and 32 concurrent clients, and where the time goes per pipeline stage (from /metrics).

Start the server with the rate limit off, then run the benchmark:

    TILLIT_RATE_LIMIT_ENABLED=false tillit serve --port 8000
    python benchmarks/api_bench.py --url http://127.0.0.1:8000 --duration 20

Each request starts a new conversation (the heaviest case: a conversation row is created). The
questions are ordinary citizen questions answered by the default extractive composer; they repeat,
as FAQ traffic does, so the server's query-vector cache hits. `--unique` appends a serial number to
every question so that each one is embedded afresh (the worst case). Targets on
a 2-core machine: p95 <= 150 ms at 1 client, <= 400 ms at 8 clients, >= 40 answers/s.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import re
import statistics
import sys
import time
from dataclasses import dataclass, field

import httpx

QUESTIONS = [
    "När ska årsräkningen lämnas in?",
    "Hur mycket arvode får en god man?",
    "Vem betalar arvodet?",
    "Hur ansöker jag om god man för min pappa?",
    "Vad är skillnaden mellan god man och förvaltare?",
    "Vad är en framtidsfullmakt?",
    "Hur blir jag god man?",
    "Vad ska finnas med i förteckningen?",
    "När ska sluträkningen lämnas in?",
    "Kan jag få anstånd med årsräkningen?",
    "Behöver jag samtycke för att ta ut pengar från ett spärrat konto?",
    "Hur får huvudmannens pengar placeras?",
    "Vad gäller när mitt barn ärver pengar?",
    "Vad händer när huvudmannen dör?",
    "Är uppgifterna om huvudmannen sekretess?",
    "Vilka telefontider har ni?",
    "Vad gör en god man för ensamkommande barn?",
    "Hur byter man god man?",
    "Vad är prisbasbeloppet för 2025?",
    "What is a god man?",
    "When is the annual report due?",
    "Who pays the fee for a god man?",
    "Får jag ge presenter från huvudmannens pengar?",
    "Hur deklarerar jag arvodet?",
]

_METRIC = re.compile(r'^tillit_stage_seconds_(sum|count)\{stage="([a-z_]+)"\} ([0-9.e+-]+)$')


@dataclass
class Level:
    clients: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    stages_ms: dict[str, float] = field(default_factory=dict)

    def pct(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
        return ordered[index]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def stage_totals(text: str) -> dict[str, tuple[float, float]]:
    totals: dict[str, list[float]] = {}
    for line in text.splitlines():
        match = _METRIC.match(line)
        if match:
            kind, stage, value = match.groups()
            entry = totals.setdefault(stage, [0.0, 0.0])
            entry[0 if kind == "sum" else 1] = float(value)
    return {k: (v[0], v[1]) for k, v in totals.items()}


async def run_level(
    url: str, clients: int, duration: float, max_requests: int | None, unique: bool = False
) -> Level:
    level = Level(clients)
    serial = itertools.count(1)
    questions = itertools.cycle(QUESTIONS)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        before = stage_totals((await client.get("/metrics")).text)
        deadline = time.perf_counter() + duration
        sent = 0

        async def worker() -> None:
            nonlocal sent
            while time.perf_counter() < deadline and (max_requests is None or sent < max_requests):
                sent += 1
                question = next(questions)
                if unique:
                    # A different text every time: no cache can help (the worst case).
                    question = f"{question} ({next(serial)})"
                start = time.perf_counter()
                try:
                    response = await client.post("/api/chat", json={"message": question})
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - start) * 1000
                if ok:
                    level.latencies_ms.append(elapsed)
                else:
                    level.errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        level.seconds = time.perf_counter() - started
        after = stage_totals((await client.get("/metrics")).text)
    for stage, (total, count) in after.items():
        base_total, base_count = before.get(stage, (0.0, 0.0))
        if count > base_count:
            level.stages_ms[stage] = 1000 * (total - base_total) / (count - base_count)
    return level


async def wait_ready(client: httpx.AsyncClient, timeout_s: float) -> str | None:
    """None once /readyz answers 200; otherwise, after `timeout_s`, why not (for one line)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            ready = await client.get("/readyz", timeout=5)
            if ready.status_code == 200:
                return None
            last = f"/readyz answers {ready.status_code}"
        except httpx.HTTPError as exc:
            # A server still starting refuses connections: that is a reason to wait, not to crash.
            last = type(exc).__name__
        if time.monotonic() >= deadline:
            return last
        await asyncio.sleep(1.0)


async def main_async(args: argparse.Namespace) -> None:
    async with httpx.AsyncClient(base_url=args.url, timeout=120) as client:
        problem = await wait_ready(client, args.ready_timeout)
        if problem is not None:
            print(
                f"api_bench: {args.url} not ready within {args.ready_timeout:g} s ({problem})",
                file=sys.stderr,
            )
            raise SystemExit(2)
        # Warm-up: every question once, so caches are as they are in steady service.
        for question in QUESTIONS:
            await client.post("/api/chat", json={"message": question})
    levels = []
    for clients in args.clients:
        level = await run_level(args.url, clients, args.duration, args.max_requests, args.unique)
        levels.append(level)
        print(
            f"{clients:>3} clients: {len(level.latencies_ms):5d} answers in {level.seconds:5.1f} s  "
            f"p50 {level.pct(0.50):7.1f} ms  p95 {level.pct(0.95):7.1f} ms  p99 {level.pct(0.99):7.1f} ms  "
            f"{level.throughput:6.1f} answers/s  errors {level.errors}",
            flush=True,
        )
    stages = sorted({s for level in levels for s in level.stages_ms})
    print("\nMean time per stage (ms), from /metrics:")
    print("clients " + " ".join(f"{s:>12}" for s in stages))
    for level in levels:
        print(f"{level.clients:>7} " + " ".join(f"{level.stages_ms.get(s, 0.0):12.2f}" for s in stages))
    if levels:
        one = next((lv for lv in levels if lv.clients == 1), None)
        eight = next((lv for lv in levels if lv.clients == 8), None)
        best = max(lv.throughput for lv in levels)
        print("\nTargets (extractive composer, 2 cores):")
        if one:
            print(f"  p95 at 1 client  <= 150 ms: {one.pct(0.95):.1f} ms")
        if eight:
            print(f"  p95 at 8 clients <= 400 ms: {eight.pct(0.95):.1f} ms")
        print(f"  throughput >= 40 answers/s: {best:.1f} answers/s")
        print(
            f"  median answer latency over all levels: "
            f"{statistics.median([x for lv in levels for x in lv.latencies_ms] or [0]):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 32])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per concurrency level")
    parser.add_argument(
        "--max-requests", type=int, default=None, help="stop a level after this many requests"
    )
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=60.0,
        help="seconds to wait for the server's /readyz before giving up (exit 2)",
    )
    parser.add_argument(
        "--unique", action="store_true", help="a unique text per request (defeats the query-vector cache)"
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
