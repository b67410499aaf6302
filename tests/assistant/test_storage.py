"""Storage on real SQLite: migrations, hashed keys, retention purge, edit distance, rate buckets."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.api.security import RateLimiter
from assistant.cli.errors import UsageFailure
from assistant.pipeline.drafts import edit_distance, find_questions, sender_tag
from assistant.storage import Database, Store, TurnRecord
from assistant.storage.models import Conversation, Draft, Handoff, Turn


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(Database(f"sqlite:///{tmp_path / 'tillit.sqlite3'}"))


def test_an_empty_sqlite_file_gets_its_schema_at_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    Database(url).dispose()
    Database(url).dispose()  # second start: already at head
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert {"conversations", "turns", "handoffs", "drafts", "feedback", "audit_events", "api_keys"} <= tables
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from assistant.storage.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert version == ScriptDirectory.from_config(config).get_current_head()
    assert int(version) >= 2  # 0002: key expiry, audit rows found by target


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
        TurnRecord(
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
            answered=True,
        )
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


# -- issue #16: keys, retention and erasure of audit rows, records by handoff reference ----------
@pytest.mark.usefixtures("cli_env")
def test_keys_list_revoke_and_expiry(tmp_path: Path) -> None:
    from assistant.cli import app

    runner = CliRunner()
    added = runner.invoke(
        app,
        ["--data-dir", str(tmp_path), "keys", "add", "--role", "staff", "--name", "Kim", "--expires", "30d"],
    )
    assert added.exit_code == 0, added.output
    key = added.stdout.strip().splitlines()[0]
    key_id = key.split("_")[1]
    store = Store(Database(f"sqlite:///{tmp_path / 'tillit.sqlite3'}"))
    assert store.verify_api_key(key) is not None

    listed = runner.invoke(app, ["--data-dir", str(tmp_path), "keys", "list"])
    assert listed.exit_code == 0, listed.output
    line = next(row for row in listed.stdout.splitlines() if key_id in row)
    assert "Kim" in line and "staff" in line and "aktiv" in line
    expires = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert expires in line
    assert key.split("_", 2)[2] not in listed.output  # the secret is never shown again

    revoked = runner.invoke(app, ["--data-dir", str(tmp_path), "keys", "revoke", key_id])
    assert revoked.exit_code == 0, revoked.output
    assert store.verify_api_key(key) is None
    assert "återkallad" in next(
        row
        for row in runner.invoke(app, ["--data-dir", str(tmp_path), "keys", "list"]).stdout.splitlines()
        if key_id in row
    )
    unknown = runner.invoke(app, ["--data-dir", str(tmp_path), "keys", "revoke", "ffffffffffff"])
    assert isinstance(unknown.exception, UsageFailure) and "finns inte" in str(unknown.exception)
    assert [e.target for e in store.audit_events("api_key.revoked")] == [key_id]


def test_an_expired_key_is_refused_and_last_use_is_kept(store: Store) -> None:
    past = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=1)
    expired = store.add_api_key("staff", "Gammal", expires_at=past)
    assert store.verify_api_key(expired.key) is None
    fresh = store.add_api_key("staff", "Ny")
    who = store.verify_api_key(fresh.key)
    assert who is not None and who.key_id == fresh.key_id
    [info] = [k for k in store.list_api_keys() if k.key_id == fresh.key_id]
    assert info.last_used_at is not None


def test_retention_purge_pseudonymises_the_audit_rows_of_what_it_removes(store: Store) -> None:
    conv_id, _token = _fill(store)
    reference = store.list_handoffs()[0].reference
    store.audit("citizen", "conversation.exported", conv_id)
    _age(store, 100)
    store.purge(dt.timedelta(days=90))
    dump = repr([(e.actor, e.action, e.target, e.detail) for e in store.audit_events(limit=10_000)])
    assert conv_id not in dump and reference not in dump
    assert store.audit_events("handoff.created")  # the event stays, without its target


@pytest.mark.usefixtures("cli_env")
def test_export_and_erase_by_handoff_reference_from_the_command_line(tmp_path: Path) -> None:
    import json

    from assistant.cli import app

    store = Store(Database(f"sqlite:///{tmp_path / 'tillit.sqlite3'}"))
    conv_id, _token = _fill(store)
    reference = store.list_handoffs()[0].reference
    runner = CliRunner()
    exported = runner.invoke(app, ["--data-dir", str(tmp_path), "conversations", "export", reference])
    assert exported.exit_code == 0, exported.output
    body = json.loads(exported.stdout)
    assert body["conversation_id"] == conv_id
    assert body["turns"][0]["question"] == "Hej [NAMN_1]"
    assert [h["reference"] for h in body["handoffs"]] == [reference]
    assert [f["helpful"] for f in body["feedback"]] == [True]

    refused = runner.invoke(
        app, ["--data-dir", str(tmp_path), "conversations", "erase", reference], input="n\n"
    )
    assert refused.exit_code != 0
    erased = runner.invoke(app, ["--data-dir", str(tmp_path), "conversations", "erase", reference, "--yes"])
    assert erased.exit_code == 0, erased.output
    with store.db.session() as s:
        assert s.get(Conversation, conv_id) is None
    dump = repr([(e.actor, e.action, e.target) for e in store.audit_events(limit=10_000)])
    assert conv_id not in dump and reference not in dump
    assert ("cli", "conversation.erased") in [(e.actor, e.action) for e in store.audit_events(limit=100)]
    missing = runner.invoke(app, ["--data-dir", str(tmp_path), "conversations", "export", reference])
    assert isinstance(missing.exception, UsageFailure) and "finns inte" in str(missing.exception)
