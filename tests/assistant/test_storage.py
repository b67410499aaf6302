"""Storage on real SQLite: migrations, hashed keys, retention purge, edit distance, rate buckets."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api.security import RateLimiter
from assistant.drafts import edit_distance, find_questions, sender_tag
from assistant.storage import Database, Store
from assistant.storage.models import Conversation, Draft, Handoff, Turn


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(Database(f"sqlite:///{tmp_path / 'tillit.sqlite3'}"))


def test_migrations_run_at_start_and_are_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    Database(url).dispose()
    Database(url).dispose()  # second start: already at head
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert {"conversations", "turns", "handoffs", "drafts", "feedback", "audit_events", "api_keys"} <= tables
    assert version == "0001"


def test_api_keys_are_stored_hashed_and_checked(store: Store, tmp_path: Path) -> None:
    created = store.add_api_key("staff", "Kim")
    assert store.verify_api_key(created.key).role == "staff"
    assert store.verify_api_key(created.key + "x") is None
    assert store.verify_api_key(created.key[:-2]) is None
    assert store.verify_api_key("not-a-key") is None
    with sqlite3.connect(tmp_path / "tillit.sqlite3") as db:
        rows = db.execute("SELECT key_hash, salt FROM api_keys").fetchall()
    dump = "\n".join(str(r) for r in rows)
    assert created.key not in dump and created.key.split("_", 2)[2] not in dump
    with pytest.raises(ValueError):
        store.add_api_key("root", "x")


def test_conversation_token_is_hashed(store: Store, tmp_path: Path) -> None:
    conv_id, token = store.create_conversation("sv")
    with sqlite3.connect(tmp_path / "tillit.sqlite3") as db:
        stored = db.execute("SELECT token_hash FROM conversations WHERE id = ?", (conv_id,)).fetchone()[0]
    assert token not in stored and len(stored) == 64
    assert store.open_conversation(conv_id, token).id == conv_id


def _age(store: Store, days: int) -> None:
    old = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=days)
    with store.db.session() as s:
        for conv in s.query(Conversation).all():
            conv.last_active = old
        for draft in s.query(Draft).all():
            draft.created_at = old


def _fill(store: Store) -> tuple[str, str]:
    conv_id, _token = store.create_conversation("sv")
    store.record_turn(
        conv_id,
        user_text="Hej [NAMN_1]",
        query_text="",
        answer_text="Svar",
        action="answer",
        rule="default",
        reason="none",
        language="sv",
        confidence=0.5,
        composer="extractive",
        citations=[],
        timings_ms={},
        answered=True,
    )
    store.create_handoff(
        conv_id,
        reason="human_request",
        rule="r",
        queue="allmant",
        urgency="normal",
        language="sv",
        summary="- [NAMN_1]",
        citations=[],
        prepare=[],
    )
    store.add_feedback(conv_id, True, "helpful")
    store.save_draft(
        staff="Kim", input_text="[NAMN_1]", draft_text="Hej [NAMN_1]", questions=[], citations=[]
    )
    return conv_id, _token


def test_purge_removes_only_what_is_older_than_the_limit(store: Store) -> None:
    _fill(store)
    _age(store, 100)
    fresh_id, _ = _fill(store)
    report = store.purge(dt.timedelta(days=90))
    assert (report.conversations, report.handoffs, report.drafts) == (1, 1, 1)
    with store.db.session() as s:
        assert [c.id for c in s.query(Conversation).all()] == [fresh_id]
        assert s.query(Turn).count() == 1 and s.query(Handoff).count() == 1 and s.query(Draft).count() == 1
    assert store.audit_events("retention.purge")


@pytest.mark.usefixtures("cli_env")
def test_purge_command(tmp_path: Path) -> None:
    from assistant.cli import app

    store = Store(Database(f"sqlite:///{tmp_path / 'tillit.sqlite3'}"))
    _fill(store)
    _age(store, 40)
    runner = CliRunner()
    kept = runner.invoke(app, ["--data-dir", str(tmp_path), "purge", "--older-than", "90d"])
    assert kept.exit_code == 0, kept.output
    assert "Raderade 0 samtal" in kept.output
    purged = runner.invoke(app, ["--data-dir", str(tmp_path), "purge", "--older-than", "30d"])
    assert "Raderade 1 samtal" in purged.output
    bad = runner.invoke(app, ["--data-dir", str(tmp_path), "purge", "--older-than", "snart"])
    assert bad.exit_code != 0


@pytest.mark.usefixtures("cli_env")
def test_keys_add_prints_the_key_once(tmp_path: Path) -> None:
    from assistant.cli import app

    result = CliRunner().invoke(
        app, ["--data-dir", str(tmp_path), "keys", "add", "--role", "admin", "--name", "Eva"]
    )
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[0]
    store = Store(Database(f"sqlite:///{tmp_path / 'tillit.sqlite3'}"))
    who = store.verify_api_key(key)
    assert who is not None and who.role == "admin" and who.name == "Eva"
    wrong = CliRunner().invoke(app, ["--data-dir", str(tmp_path), "keys", "add", "--role", "root"])
    assert wrong.exit_code != 0


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_edit_distance_matches_the_textbook_definition() -> None:
    rng = random.Random(7)
    for _ in range(500):
        a = "".join(rng.choice("abcå ") for _ in range(rng.randint(0, 40)))
        b = "".join(rng.choice("abcdå ") for _ in range(rng.randint(0, 40)))
        assert edit_distance(a, b) == _levenshtein(a, b)
    assert edit_distance("kitten", "sitting") == 3


def test_questions_and_sender_are_found_in_a_letter() -> None:
    letter = (
        "Hej!\n\nJag är god man för [NAMN_1]. När ska årsräkningen lämnas in? Jag undrar också om jag får "
        "arvode.\nTack.\n\nMed vänliga hälsningar\n[NAMN_2] [NAMN_3]\n[TELEFON_1]"
    )
    assert find_questions(letter) == [
        "När ska årsräkningen lämnas in?",
        "Jag undrar också om jag får arvode.",
    ]
    assert sender_tag(letter) == "[NAMN_2]"
    assert sender_tag("Hej, jag heter [NAMN_4] och undrar en sak.") == "[NAMN_4]"


def test_token_bucket_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=3, clock=lambda: now[0])
    assert [limiter.allow("a")[0] for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")[0]
    now[0] += 20.0  # one token per 20 s
    assert limiter.allow("a")[0] and not limiter.allow("a")[0]
    assert RateLimiter(per_minute=1, enabled=False).allow("a") == (True, 0.0)
