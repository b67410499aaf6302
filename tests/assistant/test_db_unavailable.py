"""When the database is down the API says so in Swedish (503, try again) and still answers a crisis."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from tests.assistant.conftest import free_port

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def broken_db_server(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from assistant import Assistant
    from assistant.api import create_app
    from assistant.settings import Settings

    data_dir = tmp_path_factory.mktemp("dbdown") / "data"
    shutil.copytree(sample_data_dir, data_dir)
    settings = Settings(data_dir=data_dir, rate_limit_enabled=False)
    assistant = Assistant.from_settings(settings)
    app = create_app(settings, assistant=assistant)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    # The database goes away under the running server: every session now fails to connect.
    broken = create_engine(f"sqlite:///{data_dir / 'gone' / 'nowhere' / 'db.sqlite3'}")
    assistant.database._sessions = sessionmaker(broken)
    assistant.database.engine = broken
    yield url
    server.should_exit = True
    thread.join(timeout=20)


def test_database_down_asks_to_try_again(broken_db_server: str) -> None:
    response = httpx.post(f"{broken_db_server}/api/chat", json={"message": "Vad är en god man?"}, timeout=120)
    assert response.status_code == 503
    problem = response.json()
    assert problem["type"] == "/problems/database-unavailable"
    assert problem["detail"] == "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund."
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"]
    ready = httpx.get(f"{broken_db_server}/readyz", timeout=30)
    assert ready.status_code == 503 and ready.json()["database"] is False


def test_database_down_still_answers_a_crisis(broken_db_server: str) -> None:
    response = httpx.post(
        f"{broken_db_server}/api/chat", json={"message": "Jag vill inte leva längre"}, timeout=120
    )
    assert response.status_code == 200
    reply = response.json()
    assert "90101" in reply["answer"] or "112" in reply["answer"]
