"""Whose bucket a request counts against (issue #16, item 3): X-Forwarded-For only from the trusted
proxies in TILLIT_FORWARDED_ALLOW_IPS, the first untrusted address from the right; IPv6 grouped by
its /64; a table of bounded size, pruned a few entries per call. The same key caps wrong staff keys.

The session server trusts 127.0.250.1 as its proxy; 127.0.0.1 is a direct client like any other.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.assistant.conftest import Server

PROXY = "127.0.250.1"


def _client(server: Server, address: str, headers: dict[str, str] | None = None) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=server.url, transport=transport, timeout=60, headers=headers or {})


def _until_limited(client: httpx.Client, forwarded: Callable[[int], str], tries: int = 80) -> int | None:
    """The number of the first request answered 429 (cheap empty messages, 422 otherwise)."""
    for n in range(tries):
        response = client.post("/api/chat", json={"message": ""}, headers={"X-Forwarded-For": forwarded(n)})
        if response.status_code == 429:
            return n
        assert response.status_code == 422, response.text
    return None


# -- unit --------------------------------------------------------------------------------------
def test_client_key_trusts_forwarded_for_only_from_trusted_proxies() -> None:
    from assistant.api.security import TrustedProxies, client_key

    trusted = TrustedProxies.parse(["10.0.0.0/8", "192.0.2.1"])
    assert client_key("198.51.100.7", "203.0.113.9", trusted) == "198.51.100.7"  # not a proxy
    assert client_key("10.1.2.3", "203.0.113.9", trusted) == "203.0.113.9"
    # A citizen's own X-Forwarded-For lies left of what the proxies appended: the first untrusted
    # address from the right counts.
    assert client_key("10.1.2.3", "1.2.3.4, 203.0.113.9, 192.0.2.1", trusted) == "203.0.113.9"
    assert client_key("10.1.2.3", "nonsens, 203.0.113.9", trusted) == "203.0.113.9"
    assert client_key("10.1.2.3", None, trusted) == "10.1.2.3"
    assert client_key("10.1.2.3", "nonsens", trusted) == "10.1.2.3"
    assert client_key("127.0.0.1", "203.0.113.9", TrustedProxies.parse([])) == "127.0.0.1"


def test_ipv6_clients_share_a_bucket_per_64() -> None:
    from assistant.api.security import TrustedProxies, client_key

    none = TrustedProxies.parse([])
    a = client_key("2001:db8:1:2:aaaa::1", None, none)
    assert a == client_key("2001:db8:1:2:ffff:ffff:ffff:ffff", None, none) == "2001:db8:1:2::/64"
    assert a != client_key("2001:db8:1:3::1", None, none)
    assert client_key("::ffff:198.51.100.7", None, none) == "198.51.100.7"
    trusted = TrustedProxies.parse(["::1"])
    assert client_key("::1", "2001:db8:9:9::5", trusted) == "2001:db8:9:9::/64"


def test_the_bucket_table_is_bounded_and_pruned_as_it_goes() -> None:
    from assistant.api.security import RateLimiter

    now = [0.0]
    limiter = RateLimiter(per_minute=3, clock=lambda: now[0], max_clients=1_000)
    for n in range(50_000):
        limiter.allow(f"k{n}")
        assert len(limiter) <= 1_000
    # The most recent client keeps its state; the oldest went first.
    assert [limiter.allow("k49999")[0] for _ in range(3)] == [True, True, False]
    # Idle buckets (full again after a minute) leave the table a few per call as later calls come in.
    now[0] += 61.0
    for n in range(300):
        limiter.allow(f"ny{n}")
    assert len(limiter) == 300


# -- through the server ---------------------------------------------------------------------------
@pytest.mark.server
def test_a_rotating_forwarded_header_does_not_escape_the_limit(server: Server) -> None:
    with _client(server, "127.0.0.1") as direct:
        assert _until_limited(direct, lambda n: f"203.0.113.{n}") is not None


@pytest.mark.server
def test_behind_the_trusted_proxy_each_citizen_has_a_bucket(server: Server) -> None:
    with _client(server, PROXY) as proxy:
        # The citizen rotates the part left of the proxy's own entry: still one bucket.
        assert _until_limited(proxy, lambda n: f"10.9.{n}.9, 198.51.100.7") is not None
        other = proxy.post("/api/chat", json={"message": ""}, headers={"X-Forwarded-For": "198.51.100.8"})
        assert other.status_code == 422, "one noisy citizen locked out another behind the proxy"


@pytest.mark.server
def test_ipv6_addresses_in_one_64_share_a_bucket(server: Server) -> None:
    with _client(server, PROXY) as proxy:
        assert _until_limited(proxy, lambda n: f"2001:db8:5:6::{n + 1:x}") is not None
        other = proxy.post("/api/chat", json={"message": ""}, headers={"X-Forwarded-For": "2001:db8:5:7::1"})
        assert other.status_code == 422


@pytest.mark.server
def test_wrong_staff_keys_are_capped_whatever_the_forwarded_header(server: Server) -> None:
    guess = {"Authorization": "Bearer tk_0a0b0c0d0e0f_" + "gissning" * 5}
    with _client(server, "127.0.0.1", guess) as direct:
        statuses = [
            direct.get("/api/handoffs", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
            for n in range(12)
        ]
    assert statuses == [401] * 10 + [429] * 2
    with _client(server, PROXY, guess) as proxy:
        statuses = [
            proxy.get("/api/handoffs", headers={"X-Forwarded-For": f"2001:db8:7:7::{n + 1:x}"}).status_code
            for n in range(12)
        ]
    assert statuses == [401] * 10 + [429] * 2
