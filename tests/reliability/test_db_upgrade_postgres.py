"""`tillit db upgrade` on the real PostgreSQL the suite starts (.ci/services.sh): one locked step.

Each test gets a schema of its own in the shared cluster (first on the connection's search path),
so it starts from an empty database.
"""

from __future__ import annotations

import itertools
import subprocess
import threading
import time

import pytest
from sqlalchemy.engine import make_url

from assistant.storage import Database, SchemaNotCurrent, Upgrade
from assistant.storage.database import UPGRADE_LOCK_KEY, head_revision
from tests.reliability.services import REPO, STARTUP_TIMEOUT_S, TILLIT, Postgres, clean_env

TABLES = {"conversations", "turns", "handoffs", "drafts", "feedback", "audit_events", "api_keys"}
_numbers = itertools.count(1)


@pytest.fixture
def empty_schema(postgres: Postgres) -> str:
    """A database URL whose tables go to a fresh, empty schema."""
    schema = f"upgrade_{next(_numbers)}_{int(time.time())}"
    postgres.sql(f'CREATE SCHEMA "{schema}"')
    return (
        make_url(postgres.url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


def tables_in(postgres: Postgres, url: str) -> set[str]:
    schema = make_url(url).query["options"].split("=", 1)[1]
    rows = postgres.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema])
    return {str(r[0]) for r in rows}


def upgrade_command(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(TILLIT), "db", "upgrade"],
        cwd=REPO,
        env=clean_env({"DATABASE_URL": url}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_server_never_creates_a_postgresql_schema(empty_schema: str, postgres: Postgres) -> None:
    with pytest.raises(SchemaNotCurrent, match="inget schema"):
        Database(empty_schema)
    assert tables_in(postgres, empty_schema) == set()


def test_two_commands_started_together_both_succeed(empty_schema: str, postgres: Postgres) -> None:
    runs = [upgrade_command(empty_schema) for _ in range(2)]
    outputs = [run.communicate(timeout=STARTUP_TIMEOUT_S) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all(err == "" and len(out.splitlines()) == 1 for out, err in outputs), outputs
    head = head_revision()
    assert sorted(out.strip() for out, _ in outputs) == [
        f"Databasen är redan aktuell (version {head}).",
        f"Databasen är skapad (version {head}).",
    ]
    assert tables_in(postgres, empty_schema) >= TABLES | {"alembic_version"}
    Database(empty_schema).dispose()  # current: a server starts


def test_concurrent_upgrades_run_one_after_the_other(empty_schema: str) -> None:
    start = threading.Barrier(4)
    results: list[Upgrade | Exception] = []

    def upgrade() -> None:
        db = Database(empty_schema, check_schema=False)
        start.wait()
        try:
            results.append(db.upgrade())
        except Exception as exc:  # a collision (duplicate table, version row) would surface here
            results.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=upgrade) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=STARTUP_TIMEOUT_S)
    head = head_revision()
    assert all(isinstance(r, Upgrade) for r in results) and len(results) == 4, results
    assert sorted(r.before or "" for r in results if isinstance(r, Upgrade)) == ["", head, head, head]


def test_the_command_waits_for_the_advisory_lock(empty_schema: str, postgres: Postgres) -> None:
    import psycopg

    plain = make_url(empty_schema).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [UPGRADE_LOCK_KEY])  # an upgrade at work
        run = upgrade_command(empty_schema)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _waiting_on_lock(postgres):
            assert run.poll() is None, run.communicate()
            time.sleep(0.5)
        assert _waiting_on_lock(postgres), "the command never asked for the lock"
        assert run.poll() is None and tables_in(postgres, empty_schema) == set()
        holder.execute("SELECT pg_advisory_unlock(%s)", [UPGRADE_LOCK_KEY])
        out, err = run.communicate(timeout=STARTUP_TIMEOUT_S)
    assert (run.returncode, err) == (0, ""), err
    assert out.splitlines() == [f"Databasen är skapad (version {head_revision()})."]


def _waiting_on_lock(postgres: Postgres) -> bool:
    rows = postgres.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    return int(rows[0][0]) > 0  # type: ignore[call-overload]
