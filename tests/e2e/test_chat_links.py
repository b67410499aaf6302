"""Links in chat answers (issue #16, item 1): the page makes links of the office's allow-listed hosts
and its own e-mail address only; any other web or e-mail address in an answer stays plain text.

The server-side output check already refuses such an answer; this is the page's own line of
defence (an older server, a model answer quoting a document), so the reply is handed to the page
as the API would send it, through the browser's request routing, while page and scripts are real.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

ANSWER = (
    "Läs mer på https://godman.stockholm/arsrakning eller skriv till kontakt.overformyndaren@exempel.se. "
    "Logga in på https://godman.stockholm.example-login.net/bankid och mejla pass@example-login.net [1]."
)


def _reply() -> dict:
    return {
        "conversation_id": "0" * 32,
        "conversation_token": "t" * 43,
        "turn_id": 1,
        "answer": ANSWER,
        "citations": [
            {
                "n": 1,
                "doc_id": "falsk",
                "version": "1",
                "title": "Falsk källa",
                "section": "Falsk källa",
                "source_url": "https://phish.example-login.net/kalla",
            }
        ],
        "handoff": None,
        "language": "sv",
        "confidence": 0.9,
        "disclosure": "AI",
        "notices": [],
    }


def test_only_allow_listed_hosts_become_links(page, live_server) -> None:  # type: ignore[no-untyped-def]
    def fulfil(route):  # type: ignore[no-untyped-def]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(_reply()))

    page.route("**/api/chat", fulfil)
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#main[data-ready]")
    hosts = page.locator("#main").get_attribute("data-link-hosts") or ""
    assert "godman.stockholm" in hosts.split()
    page.fill("#message", "Hur loggar jag in?")
    page.press("#message", "Enter")
    page.wait_for_selector(".msg--bot .msg__body p")
    answer = page.locator(".msg--bot").last
    hrefs = [answer.locator("a").nth(i).get_attribute("href") for i in range(answer.locator("a").count())]
    assert "https://godman.stockholm/arsrakning" in hrefs
    assert "mailto:kontakt.overformyndaren@exempel.se" in hrefs
    assert not [h for h in hrefs if h and "example-login" in h], hrefs
    text = answer.inner_text()
    # The refused addresses are still shown, as text.
    assert "https://godman.stockholm.example-login.net/bankid" in text
    assert "pass@example-login.net" in text
    assert "Falsk källa" in text
