"""Speed of the insight page's API at scale: GET /api/insights over 100 000 generated stored turns,
on SQLite and on PostgreSQL. A measurement, not a test: it prints figures and asserts nothing.

    # SQLite (a temporary copy of an ingested data dir):
    .venv/bin/python benchmarks/insights_bench.py --data-dir var

    # PostgreSQL started (or reused) by .ci/services.sh under STATE_DIR; the benchmark works in
    # its own schema, which it drops and creates:
    .venv/bin/python benchmarks/insights_bench.py --data-dir var --postgres /var/tmp/tillit-bench

    # any PostgreSQL you name (the schema is dropped and created: point it at a scratch database):
    .venv/bin/python benchmarks/insights_bench.py --data-dir var --database-url postgresql+psycopg://…

The data dir must hold an ingested index: its embedder groups the content gaps and its documents
are the ones that came closest. What happens:

1. a fresh database (migrated by the product's own Database class);
2. --turns generated turns over the last 12 weeks in ~4-turn conversations: answers (some weak),
   no-answer turns, handoffs (with their queue rows), refusals, feedback (with "Nej" reasons) and
   staff drafts with outcomes; the questions the assistant did not answer well come from a few
   hundred distinct phrasings of ~40 topics, asked with a long-tailed frequency;
3. the distinct unanswered questions embedded as the server's background loop does (timed and
   reported apart: it is never on a request's path);
4. the report computed in this process: once cold (every example re-redacted, every closest
   document searched), then --requests times warm, in wall time and CPU time (the machine may be
   shared: CPU time is what the work costs, wall time what it took here);
5. `tillit serve` on that database as configured by default (its background loop computes the
   default report at start and every minute), then GET /api/insights?weeks=12: the first request
   after the server is ready, --requests page loads (served a report computed at most two minutes
   before), and --requests with fresh=true (each one a full pass over the turns); also the gaps CSV
   and GET /api/alerts with If-None-Match. Target: /api/insights <= 500 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
import uuid
from pathlib import Path

import httpx
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from load_test import QUESTIONS  # noqa: E402  (a sibling script: benchmarks/ is on sys.path)

from assistant.storage import Database, Store  # noqa: E402
from assistant.storage.insights import NO_ANSWER_RULE  # noqa: E402
from assistant.storage.models import Conversation, Draft, Feedback, Handoff, Turn  # noqa: E402

TILLIT = Path(sys.executable).parent / "tillit"
SCHEMA = "insight_bench"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# The load test's questions (the sample documents answer them), and two more.
ANSWERED = [*QUESTIONS, "Vilka telefontider har ni?", "Hur deklarerar jag arvodet?"]
# Topics the sample documents do not answer, each with a few phrasings (a stand-in for real gaps).
GAP_TOPICS = {
    "swish": [
        "Får huvudmannen ha Swish?",
        "Kan jag ordna Swish åt min huvudman?",
        "Hur fixar jag Swish till {who}?",
    ],
    "deklaration": [
        "Måste jag deklarera åt {who}?",
        "Vem deklarerar för {who}?",
        "Hur gör jag deklarationen för {who}?",
    ],
    "resa": ["Får {who} åka på semester för sina pengar?", "Vem betalar resan för {who}?"],
    "skuld": ["Kan jag söka skuldsanering för {who}?", "{who} har stora skulder, vad gör jag?"],
    "arv": ["Hur hanterar jag ett arv till {who}?", "{who} har ärvt en sommarstuga, vad gör jag?"],
    "abonnemang": ["Får jag teckna mobilabonnemang åt {who}?", "Vem säger upp abonnemanget för {who}?"],
    "fardtjanst": ["Kan jag söka färdtjänst åt {who}?", "Hur söker jag färdtjänst för {who}?"],
    "forsakring": ["Behöver jag ansvarsförsäkring som god man?", "Är jag försäkrad om jag gör fel?"],
    "husdjur": ["Vem tar hand om katten till {who}?", "{who} har en hund som ingen kan ta hand om."],
    "bankid": ["Jag kommer inte in i e-tjänsten med BankID.", "Inloggningen till e-tjänsten fungerar inte."],
    "bostad": ["Får jag säga upp lägenheten åt {who}?", "Hur säljer jag bostadsrätten till {who}?"],
    "bil": ["Får jag sälja bilen som {who} äger?", "Vem betalar fordonsskatten för {who}?"],
    "vard": ["Kan jag bestämma om vården för {who}?", "Får jag se journalen för {who}?"],
    "rostratt": ["Får {who} rösta i valet?", "Hjälper gode mannen till med att rösta?"],
    "gava": ["Får jag ge en julklapp från pengarna till {who}?", "Kan {who} ge bort pengar till barnbarnen?"],
    "hyra": ["Vem betalar hyran när {who} ligger på sjukhus?", "Hyran är obetald för {who}, vad gör jag?"],
    "pension": ["Hur söker jag bostadstillägg för {who}?", "Får {who} rätt pension?"],
    "digital": ["Kan jag skicka årsräkningen som PDF via mejl?", "Går det att signera digitalt utan BankID?"],
    "utland": ["{who} bor utomlands, gäller godmanskapet då?", "Hur gör jag om {who} flyttar till Spanien?"],
    "foretag": ["{who} har en enskild firma, vad gör jag?", "Vem sköter bokföringen i firman för {who}?"],
}
WHO = ["min huvudman", "min mamma", "min pappa", "huvudmannen", "min bror", "den jag är god man för"]
FRAMES = ["{q}", "Hej! {q}", "{q} Tack på förhand."]
HANDOFF_REASONS = [
    ("human_request", "allmant", 6),
    ("case_specific", "redovisning", 4),
    ("complaint", "klagomal", 2),
    ("crisis", "allmant", 1),
    ("decision", "allmant", 1),
    ("case_specific", "arvode", 2),
    ("case_specific", "tillstand", 2),
]


def gap_texts() -> list[str]:
    texts: list[str] = []
    for phrasings in GAP_TOPICS.values():
        for phrasing in phrasings:
            for who in WHO if "{who}" in phrasing else [""]:
                question = phrasing.replace("{who}", who)
                question = question[0].upper() + question[1:]
                texts += [frame.replace("{q}", question) for frame in FRAMES]
    return sorted(set(texts))


def references() -> object:
    n = 0
    while True:
        value, code = n, []
        for _ in range(6):
            value, digit = divmod(value, len(ALPHABET))
            code.append(ALPHABET[digit])
        yield "H-" + "".join(code)
        n += 7919  # spread, still unique below 32^6


def generate(db: Database, turns: int, seed: int) -> dict[str, int]:
    """Write `turns` turns and what goes with them; returns row counts."""
    rng = random.Random(seed)
    gaps = gap_texts()
    # A long tail: a few gap phrasings are asked very often, most rarely.
    gap_weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(gaps))]
    rng.shuffle(gap_weights)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    start = now - dt.timedelta(days=83)
    span = (now - start).total_seconds()
    refs = references()
    rows: dict[str, list[dict]] = {
        "conversations": [],
        "turns": [],
        "handoffs": [],
        "feedback": [],
        "drafts": [],
    }
    citation = [
        {
            "n": 1,
            "doc_id": "roller-och-begrepp",
            "version": "1",
            "title": "Roller och begrepp",
            "section": "Roller",
            "source_url": "https://godman.stockholm/roller/",
        }
    ]
    turn_id = 0
    while turn_id < turns:
        conv_id = uuid.uuid4().hex
        at = start + dt.timedelta(seconds=rng.random() * span)
        rows["conversations"].append(
            {
                "id": conv_id,
                "token_hash": "0" * 64,
                "created_at": at,
                "last_active": at,
                "language": "sv",
                "handed_off": False,
                "unanswered_streak": 0,
            }
        )
        for _ in range(min(turns - turn_id, rng.choice((1, 2, 3, 4, 4, 5, 6, 7)))):
            turn_id += 1
            at += dt.timedelta(seconds=rng.randint(5, 120))
            roll = rng.random()
            row = {
                "id": turn_id,
                "conversation_id": conv_id,
                "created_at": at,
                "query_text": "",
                "rule": "",
                "reason": "",
                "language": "sv",
                "composer": "extractive",
                "citations": [],
                "timings_ms": {},
                "answer_text": "Svar ur dokumenten [1].",
            }
            if roll < 0.62:
                row.update(
                    user_text=rng.choice(ANSWERED),
                    action="answer",
                    confidence=rng.uniform(0.6, 1.0),
                    citations=citation,
                )
            elif roll < 0.72:
                row.update(
                    user_text=rng.choices(gaps, gap_weights)[0],
                    action="answer",
                    confidence=rng.uniform(0.3, 0.55),
                    citations=citation,
                )
            elif roll < 0.80:
                row.update(
                    user_text=rng.choices(gaps, gap_weights)[0],
                    action="answer",
                    rule=NO_ANSWER_RULE,
                    reason="low_confidence",
                    confidence=rng.uniform(0.0, 0.3),
                )
            elif roll < 0.90:
                reason, queue, _ = rng.choices(HANDOFF_REASONS, [w for *_, w in HANDOFF_REASONS])[0]
                action = "crisis" if reason == "crisis" else "handoff"
                row.update(
                    user_text="Jag vill prata med en person.",
                    action=action,
                    rule=f"{reason}.rule",
                    reason=reason,
                    confidence=0.0,
                )
                rows["handoffs"].append(
                    {
                        "reference": next(refs),
                        "conversation_id": conv_id,
                        "created_at": at,
                        "updated_at": at,
                        "reason": reason,
                        "rule": f"{reason}.rule",
                        "queue": queue,
                        "urgency": "urgent" if reason == "crisis" else "normal",
                        "language": "sv",
                        "summary": "- Jag vill prata med en person.",
                        "citations": [],
                        "prepare": [],
                        "status": rng.choice(("open", "claimed", "resolved", "resolved", "released")),
                    }
                )
            elif roll < 0.95:
                row.update(
                    user_text="Var kan jag parkera?",
                    action="out_of_scope",
                    rule="scope.other",
                    reason="out_of_scope",
                    confidence=0.0,
                )
            else:
                row.update(
                    user_text="Och hur lång tid tar det?",
                    action="answer",
                    confidence=rng.uniform(0.5, 1.0),
                    query_text="När ska årsräkningen lämnas in? Och hur lång tid tar det?",
                )
            rows["turns"].append(row)
            if row["action"] == "answer" and rng.random() < 0.12:
                helpful = rng.random() < (0.8 if row["confidence"] >= 0.55 else 0.35)
                rows["feedback"].append(
                    {
                        "conversation_id": conv_id,
                        "turn_id": turn_id,
                        "created_at": at,
                        "helpful": helpful,
                        "reason": None
                        if helpful
                        else rng.choice(("wrong", "unclear", "incomplete", "other", None)),
                    }
                )
        rows["conversations"][-1]["last_active"] = at
    for _ in range(max(1, turns // 50)):
        at = start + dt.timedelta(seconds=rng.random() * span)
        outcome = rng.choice(("sent", "edited", "edited", "discarded", None))
        rows["drafts"].append(
            {
                "id": uuid.uuid4().hex,
                "created_at": at,
                "staff": "bench",
                "input_text": "Hej [NAMN_1]!",
                "draft_text": "Hej [NAMN_1]! Svar.",
                "questions": [],
                "citations": [],
                "outcome": outcome,
                "edit_distance": {"sent": 0, "edited": rng.randint(3, 400)}.get(outcome or ""),
                "outcome_at": at if outcome else None,
            }
        )
    tables = {
        "conversations": Conversation,
        "turns": Turn,
        "handoffs": Handoff,
        "feedback": Feedback,
        "drafts": Draft,
    }
    with db.engine.begin() as conn:
        for name, model in tables.items():
            batch = rows[name]
            for i in range(0, len(batch), 5000):
                conn.execute(insert(model), batch[i : i + 5000])
    with db.engine.begin() as conn:
        # A bulk load leaves the planner without statistics (a live database has them from
        # autovacuum, or SQLite's from its last ANALYZE): give it what it would have.
        conn.execute(text("ANALYZE"))
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            for table in ("turns", "handoffs", "feedback"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
    return {name: len(batch) for name, batch in rows.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postgres_url(state_dir: str) -> str:
    out = subprocess.run(
        ["bash", str(REPO / ".ci" / "services.sh"), "postgres", state_dir],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(line.split("=", 1)[1] for line in out.splitlines() if line.startswith("DATABASE_URL="))


def in_schema(url: str, schema: str) -> str:
    """The URL with the schema first on the search path (the product's tables are created in it)."""
    return (
        make_url(url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


def reset_schema(url: str, schema: str) -> None:
    db = Database(url, check_schema=False)
    with db.engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    db.dispose()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO / "var", help="an ingested data dir (copied)")
    parser.add_argument("--turns", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--seed", type=int, default=18)
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--postgres", metavar="STATE_DIR", help="start/reuse PostgreSQL via .ci/services.sh")
    target.add_argument(
        "--database-url", help=f"a PostgreSQL URL; schema {SCHEMA} in it is dropped and created"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    if not (args.data_dir / "index").is_dir():
        print(
            f"{args.data_dir} holds no index: run `tillit ingest knowledge/corpus --data-dir {args.data_dir}`"
        )
        return 2
    work = Path(tempfile.mkdtemp(prefix="tillit-insight-bench-"))
    data_dir = work / "data"
    shutil.copytree(args.data_dir, data_dir, ignore=shutil.ignore_patterns("tillit.sqlite3*"))
    base_url = postgres_url(args.postgres) if args.postgres else args.database_url
    if base_url:
        url = in_schema(base_url, SCHEMA)
        reset_schema(base_url, SCHEMA)
        backend = "PostgreSQL"
    else:
        url = f"sqlite:///{(data_dir / 'tillit.sqlite3').resolve()}"
        backend = "SQLite"
    figures: dict[str, object] = {"backend": backend, "turns": args.turns, "weeks": args.weeks}

    started = time.perf_counter()
    db = Database(url, check_schema=False)
    db.upgrade()  # what `tillit db upgrade` does
    counts = generate(db, args.turns, args.seed)
    figures["generate_s"] = round(time.perf_counter() - started, 1)
    figures["rows"] = counts
    staff_key = Store(db).add_api_key("staff", "Benchmark").key
    print(f"{backend}: wrote {counts} in {figures['generate_s']} s", flush=True)

    # What the server's background loop does, here all at once (never on a request's path).
    from assistant.insights import Insights
    from assistant.service import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings(data_dir=data_dir), database=db)
    insights = Insights(assistant)
    started = time.perf_counter()
    embedded = 0
    while True:
        stored = insights.index_pending(max_texts=500)
        embedded += stored
        if not stored:
            break
    figures["backfill"] = {"questions_embedded": embedded, "seconds": round(time.perf_counter() - started, 1)}
    print(f"background embedding of the distinct unanswered questions: {figures['backfill']}", flush=True)
    t0 = time.perf_counter()
    insights.compute(args.weeks)  # cold: every example re-redacted, every closest document searched
    cold_ms = (time.perf_counter() - t0) * 1000
    wall, cpu = [], []
    for _ in range(args.requests):
        t0, c0 = time.perf_counter(), time.process_time()
        insights.compute(args.weeks)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    figures["compute_in_process_ms"] = {
        "cold": round(cold_ms, 1),
        "wall_p50": round(statistics.median(wall), 1),
        "wall_p95": round(pct(wall, 0.95), 1),
        "cpu_p50": round(statistics.median(cpu), 1),
    }
    print(f"one computation in process: {figures['compute_in_process_ms']}", flush=True)
    db.dispose()

    port = free_port()
    env = {
        **os.environ,
        "TILLIT_DATA_DIR": str(data_dir),
        "TILLIT_RATE_LIMIT_ENABLED": "false",
        "TILLIT_RETENTION_DAYS": "0",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    env.pop("DATABASE_URL", None)
    if base_url:
        env["DATABASE_URL"] = url
    log = (work / "server.log").open("wb")
    server = subprocess.Popen(
        [str(TILLIT), "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print((work / "server.log").read_text(errors="replace")[-3000:])
                return 1
            time.sleep(0.5)
        headers = {"Authorization": f"Bearer {staff_key}"}
        with httpx.Client(base_url=base, headers=headers, timeout=60) as client:

            def timed(path: str) -> tuple[float, httpx.Response]:
                t0 = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - t0) * 1000
                response.raise_for_status()
                return elapsed, response

            first_ms, _ = timed(f"/api/insights?weeks={args.weeks}")  # may wait for the start-up run
            pages = [timed(f"/api/insights?weeks={args.weeks}")[0] for _ in range(args.requests)]
            fresh = []
            for _ in range(args.requests):
                elapsed, response = timed(f"/api/insights?weeks={args.weeks}&fresh=true")
                fresh.append(elapsed)
            report = response.json()
            csv_ms = []
            for _ in range(5):
                t0 = time.perf_counter()
                client.get(f"/api/insights.csv?weeks={args.weeks}&part=gaps").raise_for_status()
                csv_ms.append((time.perf_counter() - t0) * 1000)
            etag = client.get("/api/alerts").headers["etag"]
            alerts_ms = []
            for _ in range(50):
                t0 = time.perf_counter()
                assert client.get("/api/alerts", headers={"If-None-Match": etag}).status_code == 304
                alerts_ms.append((time.perf_counter() - t0) * 1000)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    ms: dict[str, float] = {
        "first_request_fresh_process": round(first_ms, 1),
        "page_p50": round(statistics.median(pages), 1),
        "page_p95": round(pct(pages, 0.95), 1),
        "fresh_p50": round(statistics.median(fresh), 1),
        "fresh_p95": round(pct(fresh, 0.95), 1),
        "fresh_max": round(max(fresh), 1),
        "requests_each": args.requests,
    }
    figures["insights_ms"] = ms
    figures["insights_csv_gaps_ms_p50"] = round(statistics.median(csv_ms), 1)
    figures["alerts_304_ms_p50"] = round(statistics.median(alerts_ms), 1)
    totals = report["totals"]
    figures["report"] = {
        "asked": totals["asked"],
        "answered": totals["answered"],
        "handed_off": totals["handed_off"],
        "no_answer": totals["no_answer"],
        "low_confidence": totals["low_confidence"],
        "gap_questions": report["gaps"]["questions"],
        "gap_phrasings": report["gaps"]["phrasings"],
        "gap_groups_shown": len(report["gaps"]["groups"]),
        "pending": report["gaps"]["pending"],
        "largest_gap": report["gaps"]["groups"][0]["examples"][:2] if report["gaps"]["groups"] else [],
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))

    def verdict(value: float) -> str:
        return f"{value} ms ({'within' if value <= 500 else 'OVER'} 500)"

    print(
        f"{backend}, {args.turns} turns, load average {os.getloadavg()[0]:.1f}: /api/insights page loads p95 "
        f"{verdict(ms['page_p95'])}; fresh=true p95 {verdict(ms['fresh_p95'])}; first request right after "
        f"start (waits for the start-up computation, cold caches) "
        f"{verdict(ms['first_request_fresh_process'])}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
