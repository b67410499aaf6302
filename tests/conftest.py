"""Suite-wide fixtures: the network is blocked (loopback only) and a sample index is built once."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlocked(RuntimeError):
    """A test (or the product under test) tried to reach beyond loopback."""


def _is_loopback(host: object) -> bool:
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: object) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):  # type: ignore[index]
        raise NetworkBlocked(f"network call blocked in tests: {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):  # type: ignore[index]
        raise NetworkBlocked(f"network call blocked in tests: {address!r}")
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    if not _is_loopback(host):
        raise NetworkBlocked(f"name lookup blocked in tests: {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]


@pytest.fixture(scope="session")
def sample_corpus_dir() -> Path:
    return REPO / "knowledge" / "corpus"


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory, sample_corpus_dir: Path) -> Path:
    """A data directory with the sample corpus ingested. Read-only: copy it before mutating."""
    from knowledge import IndexConfig, ingest

    data_dir = tmp_path_factory.mktemp("sample-data")
    report = ingest(sample_corpus_dir, IndexConfig(data_dir=data_dir))
    assert report.indexed, "the sample corpus produced no index"
    return data_dir


@pytest.fixture(scope="session")
def playwright_driver():  # type: ignore[no-untyped-def]
    """One Playwright driver per session: a second sync_playwright() beside a live one refuses to
    start ("Sync API inside the asyncio loop"), so the browser tests of every folder share this."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright
