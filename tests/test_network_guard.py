"""The suite's network guard must itself work, or 'no network call' tests prove nothing."""

import socket

import pytest


def test_outside_address_is_blocked() -> None:
    with pytest.raises(RuntimeError, match="blocked in tests"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)


def test_name_lookup_is_blocked() -> None:
    with pytest.raises(RuntimeError, match="blocked in tests"):
        socket.getaddrinfo("huggingface.co", 443)


def test_loopback_is_allowed() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
    server.close()
