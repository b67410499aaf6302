"""The API documentation in headless Chromium: /docs (Swagger UI) renders every operation from local
files, under the app's Content-Security-Policy and with no request beyond the server; the problem
type pages that a problem's `type` resolves to are readable too."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_works_offline_under_the_csp(page, live_server, browser_record, screenshot):
    response = page.goto(f"{live_server.url}/docs")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()
    with live_server.api() as client:
        paths = set(client.get("/openapi.json").json()["paths"])
    shown = page.locator(".opblock-summary-path").evaluate_all("nodes => nodes.map(n => n.dataset.path)")
    assert set(shown) == paths  # every operation (one under each of its tags)
    assert "Tillit" in page.locator(".info .title").inner_text()

    # An operation opens, with its problem responses documented.
    chat = page.locator(".opblock-post", has_text="/api/chat").first
    chat.locator(".opblock-summary").click()
    responses = chat.locator(".responses-table")
    responses.wait_for()
    assert "/problems/index-unavailable" in responses.inner_text()
    assert "application/problem+json" in chat.inner_text()
    screenshot(page, "docs-1280")
    assert not browser_record.blocked, browser_record.blocked  # nothing from a CDN or a validator
    # (the new_context fixture fails the test on any CSP violation or script error)


def test_a_problem_type_resolves_to_its_page(page, live_server, axe):
    with live_server.api() as client:
        problem = client.get("/api/finns-inte").json()
    assert problem["type"] == "/problems/not-found"
    response = page.goto(f"{live_server.url}{problem['type']}")
    assert response is not None and response.ok
    assert problem["title"] in page.locator("h1").inner_text()
    page.get_by_role("link", name="All problem types").click()
    assert page.locator("h2").count() >= 20
    axe.check(page, "problem-types")
