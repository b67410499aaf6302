"""Real servers for the reliability tests: PostgreSQL and Chroma through .ci/services.sh, and
`tillit serve` processes on loopback. A server that cannot start fails the run in CI (CI=true) and
skips with the reason elsewhere: nothing is skipped silently."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SERVICES = REPO / ".ci" / "services.sh"
TILLIT = Path(sys.executable).parent / "tillit"
STARTUP_TIMEOUT_S = 600
BASE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """A missing server is an error in CI and a visible skip on a developer's machine."""
    if in_ci():
        pytest.fail(f"required server unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"server unavailable (set CI=true to make this an error): {reason}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test process's environment without any TILLIT_/DATABASE_URL/CHROMA_URL the caller set,
    so a server sees exactly the configuration its test gives it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TILLIT_") and k not in ("DATABASE_URL", "CHROMA_URL")
    }
    return {**env, **BASE_ENV, **(extra or {})}


def _services(*args: str, timeout: float = 300) -> str:
    if not SERVICES.exists():
        unavailable(f"{SERVICES} is missing")
    try:
        done = subprocess.run(
            ["bash", str(SERVICES), *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        unavailable(f"services.sh {' '.join(args)} timed out")
        raise AssertionError("unreachable") from None
    if done.returncode != 0:
        unavailable(f"services.sh {args[0]} failed: {done.stderr.strip()[-800:]}")
    return done.stdout


def _value(output: str, name: str) -> str:
    for line in output.splitlines():
        if line.startswith(name + "="):
            return line.split("=", 1)[1]
    raise AssertionError(f"services.sh printed no {name}: {output!r}")


@dataclass
class Postgres:
    state_dir: Path
    url: str = ""

    def start(self) -> str:
        self.url = _value(_services("postgres", str(self.state_dir)), "DATABASE_URL")
        return self.url

    def stop(self) -> None:
        _services("stop-postgres", str(self.state_dir))

    def remove(self) -> None:
        self.stop()
        path_file = self.state_dir / "pg.path"
        if path_file.exists():
            shutil.rmtree(path_file.read_text().strip(), ignore_errors=True)

    def sql(self, query: str, params: Iterable[object] = ()) -> list[tuple[object, ...]]:
        import psycopg

        url = self.url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, connect_timeout=10) as conn, conn.cursor() as cur:
            cur.execute(query, tuple(params))  # type: ignore[arg-type]
            return list(cur.fetchall()) if cur.description else []


@dataclass
class Chroma:
    state_dir: Path
    url: str = ""

    def start(self) -> str:
        self.url = _value(_services("chroma", str(self.state_dir)), "CHROMA_URL")
        return self.url

    def stop(self) -> None:
        _services("stop-chroma", str(self.state_dir))


@dataclass
class Server:
    """One `tillit serve` process on loopback."""

    url: str
    process: subprocess.Popen[bytes]
    log_file: Path
    env: dict[str, str] = field(default_factory=dict)

    def log_text(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def client(self, headers: Mapping[str, str] | None = None, timeout: float = 300) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout, headers=dict(headers or {}))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def launch(data_dir: Path, log_file: Path, env: Mapping[str, str]) -> Server:
    """Start `tillit serve` (do not wait); `wait_ready` waits for /readyz."""
    port = free_port()
    full_env = clean_env({"TILLIT_DATA_DIR": str(data_dir), **env})
    log = log_file.open("wb")
    process = subprocess.Popen(
        [str(TILLIT), "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "info"],
        cwd=REPO,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    return Server(f"http://127.0.0.1:{port}", process, log_file, full_env)


def wait_ready(servers: Iterable[Server], timeout_s: float = STARTUP_TIMEOUT_S) -> None:
    pending = list(servers)
    deadline = time.monotonic() + timeout_s
    while pending and time.monotonic() < deadline:
        for server in list(pending):
            if server.process.poll() is not None:
                raise RuntimeError(f"tillit serve exited early:\n{server.log_text()[-3000:]}")
            try:
                if httpx.get(f"{server.url}/readyz", timeout=5).status_code == 200:
                    pending.remove(server)
            except httpx.HTTPError:
                pass
        time.sleep(1)
    if pending:
        for server in pending:
            server.stop()
        raise RuntimeError(f"tillit serve not ready within {timeout_s} s:\n{pending[0].log_text()[-3000:]}")


def upgrade_schema(database_url: str) -> str:
    """`tillit db upgrade` against `database_url`, as an operator runs it before the servers start;
    its one line of output."""
    done = subprocess.run(
        [str(TILLIT), "db", "upgrade"],
        cwd=REPO,
        env=clean_env({"DATABASE_URL": database_url}),
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def add_key(database_url: str, role: str, name: str) -> str:
    from assistant.storage import Database, Store

    db = Database(database_url)
    try:
        return Store(db).add_api_key(role, name).key
    finally:
        db.dispose()
