"""`tillit db upgrade` on SQLite: one locked step, exit 0 or 2 with one line; servers only check.

The same on the real PostgreSQL is in tests/reliability/test_db_upgrade_postgres.py.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.storage import Database, SchemaNotCurrent
from assistant.storage.database import MIGRATIONS, head_revision
from tests.conftest import REPO

TILLIT = Path(sys.executable).parent / "tillit"
TABLES = {"conversations", "turns", "handoffs", "drafts", "feedback", "audit_events", "api_keys"}


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TILLIT_") and k != "DATABASE_URL"}
    return {**env, **(extra or {})}


def tillit(*args: str, data_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TILLIT), "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=clean_env(env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def migrate_to(url: str, revision: str) -> None:
    """A database left at an older revision, as an earlier release made it."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    db = Database(url, check_schema=False)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    db.dispose()


def test_upgrade_creates_then_finds_nothing_to_do(tmp_path: Path) -> None:
    head = head_revision()
    first = tillit("db", "upgrade", data_dir=tmp_path)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.splitlines() == [f"Databasen är skapad (version {head})."]
    assert tables(tmp_path / "tillit.sqlite3") >= TABLES
    again = tillit("db", "upgrade", data_dir=tmp_path)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.splitlines() == [f"Databasen är redan aktuell (version {head})."]


def test_an_older_schema_is_refused_at_start_and_upgraded_by_the_command(tmp_path: Path) -> None:
    path = tmp_path / "tillit.sqlite3"
    migrate_to(sqlite_url(path), "0002")
    with pytest.raises(SchemaNotCurrent, match="tillit db upgrade"):
        Database(sqlite_url(path))  # what every server and command does when it opens the database

    refused = tillit("keys", "list", data_dir=tmp_path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert len(refused.stderr.splitlines()) == 1
    assert refused.stderr.startswith("tillit: databasen har version 0002")
    assert "`tillit db upgrade`" in refused.stderr

    done = tillit("db", "upgrade", data_dir=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [f"Databasen är uppgraderad från version 0002 till {head_revision()}."]
    Database(sqlite_url(path)).dispose()  # current now: opens without a word


def test_an_unreachable_database_exits_2_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = tillit(
        "db",
        "upgrade",
        data_dir=tmp_path,
        env={"DATABASE_URL": f"postgresql+psycopg://tillit:x@127.0.0.1:{port}/tillit?connect_timeout=5"},
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "tillit: databasen går inte att nå; kontrollera DATABASE_URL och försök igen"
    ]


def test_concurrent_upgrades_run_one_after_the_other(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "tillit.sqlite3")
    start = threading.Barrier(4)
    results: list[object] = []

    def upgrade() -> None:
        db = Database(url, check_schema=False)
        start.wait()
        try:
            results.append(db.upgrade())
        except Exception as exc:  # a collision would surface here
            results.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=upgrade) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    head = head_revision()
    assert [type(r).__name__ for r in results] == ["Upgrade"] * 4, results
    assert sorted((r.before or "") for r in results) == ["", head, head, head]  # type: ignore[attr-defined]
    assert tables(tmp_path / "tillit.sqlite3") >= TABLES


def test_two_commands_started_together_both_succeed(tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [str(TILLIT), "--data-dir", str(tmp_path), "db", "upgrade"],
            cwd=REPO,
            env=clean_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    lines = sorted(out.strip() for out, _err in outputs)
    head = head_revision()
    assert lines == [
        f"Databasen är redan aktuell (version {head}).",
        f"Databasen är skapad (version {head}).",
    ]


def test_an_upgrade_waits_for_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "tillit.sqlite3"
    db = Database(sqlite_url(path), check_schema=False)
    done: list[object] = []
    with (tmp_path / "tillit.sqlite3.upgrade-lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another upgrader is at work
        worker = threading.Thread(target=lambda: done.append(db.upgrade()))
        worker.start()
        time.sleep(1.5)
        assert worker.is_alive() and not done
        assert not tables(path) - {"sqlite_sequence"}  # nothing written while it waits
        fcntl.flock(held, fcntl.LOCK_UN)
    worker.join(timeout=120)
    db.dispose()
    assert len(done) == 1 and tables(path) >= TABLES
