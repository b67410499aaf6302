"""POST /api/admin/reindex reads only from the configured corpus roots, through a real server
started with TILLIT_CORPUS_ROOTS (its own, since a successful reindex replaces the index)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.assistant.conftest import REPO, start_server, stop_server

pytestmark = pytest.mark.server

OUTSIDE = "Mappen ligger utanför de dokumentmappar som servern får läsa från (TILLIT_CORPUS_ROOTS)."


@dataclass
class RootsServer:
    url: str
    data_dir: Path
    roots: Path
    outside: Path
    admin_key: str


@pytest.fixture(scope="module")
def roots_server(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RootsServer]:
    from assistant.storage import Database, Store

    base = tmp_path_factory.mktemp("roots")
    data_dir = base / "data"
    shutil.copytree(sample_data_dir, data_dir, ignore=shutil.ignore_patterns(".lock", "tillit.sqlite3*"))
    roots, second, outside = base / "roots", base / "second-root", base / "outside"
    for folder in (roots / "mini", second, outside):
        folder.mkdir(parents=True)
    shutil.copy(REPO / "knowledge" / "corpus" / "arvode.md", roots / "mini")
    shutil.copy(REPO / "knowledge" / "corpus" / "bli-god-man.md", outside)
    # A link inside a root that leads out of it.
    (roots / "elsewhere").symlink_to(outside, target_is_directory=True)

    db = Database(f"sqlite:///{(data_dir / 'tillit.sqlite3').resolve()}")
    try:
        admin_key = Store(db).add_api_key("admin", "Admin Rötter").key
    finally:
        db.dispose()
    url, process = start_server(
        data_dir,
        base / "server.log",
        # Paths joined like PATH; the bundled corpus is not listed, so it is not allowed either.
        {"TILLIT_CORPUS_ROOTS": f"{roots}{os.pathsep}{second}", "TILLIT_RATE_LIMIT_ENABLED": "false"},
    )
    yield RootsServer(url, data_dir, roots, outside, admin_key)
    stop_server(process)


@pytest.fixture
def admin(roots_server: RootsServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {roots_server.admin_key}"}
    with httpx.Client(base_url=roots_server.url, headers=headers, timeout=600) as client:
        yield client


def _refused_events(data_dir: Path) -> list[tuple[str, str | None, dict]]:
    from assistant.storage import Database, Store

    db = Database(f"sqlite:///{(data_dir / 'tillit.sqlite3').resolve()}")
    try:
        return [(e.actor, e.target, e.detail) for e in Store(db).audit_events("index.reindex_refused")]
    finally:
        db.dispose()


def test_folders_outside_the_roots_are_refused_and_audited(
    roots_server: RootsServer, admin: httpx.Client
) -> None:
    version = admin.get("/readyz").json()["index_version"]
    attempts = [
        roots_server.outside,
        roots_server.roots / "elsewhere",  # symlink out of a root
        roots_server.roots / "mini" / ".." / ".." / "outside",  # `..` out of a root
        REPO / "knowledge" / "corpus",  # the default root, replaced by the setting
        Path("/etc"),
    ]
    for path in attempts:
        response = admin.post("/api/admin/reindex", json={"path": str(path)})
        assert response.status_code == 400, (path, response.text)
        problem = response.json()
        assert problem["type"] == "/problems/outside-corpus-roots" and problem["detail"] == OUTSIDE
        assert str(path) not in response.text

    events = _refused_events(roots_server.data_dir)
    assert len(events) == len(attempts)
    key_id = roots_server.admin_key.split("_")[1]  # the audit actor is the key's id
    assert all(e == (key_id, None, {"reason": "outside_corpus_roots"}) for e in events), events
    assert admin.get("/readyz").json()["index_version"] == version


def test_a_folder_inside_a_root_is_indexed_by_a_job(roots_server: RootsServer, admin: httpx.Client) -> None:
    missing = admin.post("/api/admin/reindex", json={"path": str(roots_server.roots / "finns-inte")})
    assert missing.status_code == 422
    assert missing.json()["type"] == "/problems/corpus-folder-missing"

    version = admin.get("/readyz").json()["index_version"]
    response = admin.post("/api/admin/reindex", json={"path": str(roots_server.roots / "mini")})
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] in ("queued", "running")
    assert response.headers["location"] == job["status_url"] == f"/api/admin/reindex/{job['job_id']}"
    # The server keeps answering while the job runs.
    assert admin.get("/readyz").status_code == 200

    done = wait_for_job(admin, job["status_url"])
    assert done["status"] == "done", done
    assert done["indexed"] == 1 and done["failed"] == 0 and done["passages"] > 0
    assert done["index_version"] != version
    assert admin.get("/readyz").json()["index_version"] == done["index_version"]
    assert [d["doc_id"] for d in admin.get("/api/documents").json()] == ["arvode"]
    assert (roots_server.data_dir / "jobs" / f"{job['job_id']}.json").is_file()


def wait_for_job(client: httpx.Client, status_url: str, timeout_s: float = 600) -> dict:
    """Poll a re-index job's status until it is done or failed."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        status = client.get(status_url)
        assert status.status_code == 200, status.text
        if status.json()["status"] in ("done", "failed"):
            return status.json()
        time.sleep(0.5)
    raise AssertionError(f"the re-index job did not end within {timeout_s} s")
