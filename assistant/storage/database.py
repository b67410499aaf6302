"""Engine, sessions and the schema's migrations (SQLite under the data dir, or DATABASE_URL).

The schema is brought to the newest revision in one locked step, `tillit db upgrade`
(`Database.upgrade`): on PostgreSQL under an advisory lock held by the migrating transaction, on
SQLite under a file lock beside the database file, so two upgrades started together run one
after the other and the second finds nothing to do. A process that opens the database only checks
that the schema is current (`SchemaNotCurrent` otherwise); the one exception is an empty SQLite
file, the single-machine default (`make run`, a test), which it creates itself under the same lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assistant.storage.fair_lock import FairLock

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key of the schema upgrade (any constant bigint; this spells "tillitdb").
UPGRADE_LOCK_KEY = 0x74696C6C69746462


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached; callers answer 'försök igen' instead of failing hard."""


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the revision this code needs; `tillit db upgrade` fixes it."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current, self.head = current, head
        found = f"version {current}" if current else "inget schema"
        super().__init__(
            f"databasen har {found}, den här versionen av Tillit behöver {head}: kör `tillit db upgrade`"
        )


@dataclass(frozen=True)
class Upgrade:
    """What `Database.upgrade` did: the revision before (None: an empty database) and after."""

    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the one writer; NORMAL sync is durable across app crashes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@functools.cache
def head_revision() -> str:
    """The newest revision among the shipped migrations."""
    from alembic.script import ScriptDirectory  # alembic loads only where migrations are looked at

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


class Database:
    def __init__(self, url: str, *, check_schema: bool = True) -> None:
        """Connect to `url`. With `check_schema` the schema must be current (an empty SQLite file
        is created here); SchemaNotCurrent otherwise. Without it nothing is read at all."""
        self.url = url
        self.sqlite_path: Path | None = None
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                self.sqlite_path = Path(path)
                self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 5}, pool_pre_ping=False
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # SQLite has one writer; its busy handler sleeps with growing back-off, which under load
            # costs far more than queueing here, in arrival order. PostgreSQL needs no such lock.
            self._lock: FairLock | contextlib.nullcontext[None] = FairLock()
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            self._lock = contextlib.nullcontext()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if check_schema:
            self.check_schema()

    # -- schema ----------------------------------------------------------------------------------
    def revision(self) -> str | None:
        """The schema's current revision; None for a database without Tillit's tables."""
        try:
            with self.engine.connect() as connection:
                return self._revision(connection)
        except OperationalError as exc:
            raise DatabaseUnavailable("database unavailable") from exc

    @staticmethod
    def _revision(connection: Connection) -> str | None:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def check_schema(self) -> None:
        """Raise SchemaNotCurrent unless the schema is at the newest revision. An empty SQLite file
        (the single-machine default) is brought there instead, under the upgrade lock."""
        head = head_revision()
        current = self.revision()
        if current == head:
            return
        if current is None and self.sqlite_path is not None and not self._has_tables():
            log.info("empty SQLite database: creating the schema (%s)", head)
            self.upgrade()
            return
        raise SchemaNotCurrent(current, head)

    def _has_tables(self) -> bool:
        with self.engine.connect() as connection:
            return bool(inspect(connection).get_table_names())

    def upgrade(self) -> Upgrade:
        """Bring the schema to the newest revision in one locked step (a no-op when current)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self._upgrade_file_lock(), self.engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    # Held until this transaction ends: a second upgrader waits here, then finds
                    # the schema current. The migrations run in the same transaction.
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
                before = self._revision(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                after = self._revision(connection)
        except OperationalError as exc:
            raise DatabaseUnavailable("database unavailable") from exc
        assert after is not None
        if before != after:
            log.info("database schema upgraded from %s to %s", before or "empty", after)
        return Upgrade(before, after)

    @contextmanager
    def _upgrade_file_lock(self) -> Iterator[None]:
        """SQLite: an exclusive lock on a file beside the database (other processes and threads
        wait for it); other databases lock inside their transaction instead."""
        if self.sqlite_path is None:
            yield
            return
        lock_path = self.sqlite_path.with_name(self.sqlite_path.name + ".upgrade-lock")
        with lock_path.open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- use -------------------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._lock:
            yield from self._session()

    def _session(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            log.warning("database operation failed: %s", type(exc).__name__)
            raise DatabaseUnavailable("database unavailable") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            return True
        except OperationalError:
            return False

    def dispose(self) -> None:
        self.engine.dispose()
