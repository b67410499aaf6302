"""Fixtures for the reliability tests: a private PostgreSQL and a Chroma server (via .ci/services.sh),
an index built into that Chroma server, and two `tillit serve` replicas sharing all of it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.services import (
    Chroma,
    Postgres,
    Server,
    add_key,
    launch,
    unavailable,
    upgrade_schema,
    wait_ready,
)


@pytest.fixture(scope="session")
def base_data_dir(request: pytest.FixtureRequest) -> Path:
    """An ingested sample corpus to copy from (read-only).

    TILLIT_TEST_PREBUILT_DATA may name one built earlier with `tillit --data-dir D ingest
    knowledge/corpus`: on a loaded machine the embedding of the corpus takes minutes.
    """
    prebuilt = os.environ.get("TILLIT_TEST_PREBUILT_DATA")
    if prebuilt:
        path = Path(prebuilt)
        assert (path / "index" / "CURRENT").is_file(), f"{path} holds no built index"
        return path
    return request.getfixturevalue("sample_data_dir")


def copy_data_dir(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lock", "tillit.sqlite3*"))
    return target


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Postgres]:
    pg = Postgres(tmp_path_factory.mktemp("postgres-state"))
    pg.start()
    yield pg
    pg.remove()


@pytest.fixture(scope="session")
def chroma(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chroma]:
    server = Chroma(tmp_path_factory.mktemp("chroma-state"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def scale_data_dir(base_data_dir: Path, chroma: Chroma, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample index re-ingested into the Chroma server (its vectors reused, not re-embedded).

    The replicas share this directory for the lexical half and the CURRENT pointer (a shared
    volume in production) and the Chroma server for the vectors.
    """
    from knowledge import IndexConfig, ingest

    data_dir = copy_data_dir(base_data_dir, tmp_path_factory.mktemp("scale") / "data")
    report = ingest(REPO_CORPUS, IndexConfig(data_dir=data_dir, chroma_url=chroma.url))
    assert report.switched, report
    return data_dir


REPO_CORPUS = Path(__file__).resolve().parents[2] / "knowledge" / "corpus"
CORS_ORIGIN = "https://www.overformyndaren.example.se"


@dataclass
class Replicas:
    a: Server
    b: Server
    postgres: Postgres
    chroma: Chroma
    data_dir: Path
    staff_key: str
    admin_key: str

    @property
    def both(self) -> tuple[Server, Server]:
        return (self.a, self.b)


@pytest.fixture(scope="session")
def replicas(
    postgres: Postgres, chroma: Chroma, scale_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Replicas]:
    """Two `tillit serve` processes sharing PostgreSQL, the Chroma server and the index directory."""
    upgrade_schema(postgres.url)  # once, before the replicas start (they only check the schema)
    staff_key = add_key(postgres.url, "staff", "Handläggare Skala")
    admin_key = add_key(postgres.url, "admin", "Admin Skala")
    logs = tmp_path_factory.mktemp("replica-logs")
    env = {
        "DATABASE_URL": postgres.url,
        "CHROMA_URL": chroma.url,
        "TILLIT_RATE_LIMIT_ENABLED": "false",
        "TILLIT_CORS_ORIGINS": f'["{CORS_ORIGIN}"]',
    }
    a = launch(scale_data_dir, logs / "a.log", env)
    b = launch(scale_data_dir, logs / "b.log", env)
    try:
        wait_ready([a, b])
    except RuntimeError as exc:
        a.stop()
        b.stop()
        unavailable(str(exc))
    yield Replicas(a, b, postgres, chroma, scale_data_dir, staff_key, admin_key)
    a.stop()
    b.stop()
