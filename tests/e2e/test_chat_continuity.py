"""The citizen chat keeps its conversation across a reload in the same tab (and only there), offers
the stored conversation as a download, and asks one optional reason after "Nej". Headless Chromium
against the real API, axe-core on each new state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.test_citizen_chat import QUESTION, ask, last_answer, open_chat

pytestmark = pytest.mark.browser

STORED = "JSON.parse(sessionStorage.getItem('tillit.conversation') || 'null')"


def test_the_conversation_survives_a_reload_in_the_same_tab(page, live_server, axe, screenshot):
    open_chat(page, live_server)
    reply = ask(page, QUESTION)
    assert page.evaluate(STORED) == {"id": reply["conversation_id"], "token": reply["conversation_token"]}
    assert page.evaluate("localStorage.length") == 0  # this tab only, gone when it closes

    page.reload()
    page.wait_for_selector("#main[data-ready]")
    assert page.locator(".msg--user").count() == 1 and page.locator(".msg--bot").count() == 1
    assert QUESTION in page.locator(".msg--user").inner_text()
    restored = last_answer(page)
    assert reply["answer"].split("[")[0].strip()[:40] in restored.inner_text()
    links = restored.locator(".sources a")
    assert links.count() == len(reply["citations"]) > 0
    assert links.first.get_attribute("href") == reply["citations"][0]["source_url"]
    assert "[NAMN_1]" in page.locator(".notice--restored").inner_text()  # says why text may be masked
    page.wait_for_function("() => document.getElementById('announcer').textContent.includes('tidigare')")
    axe.check(page, "chat-restored")
    screenshot(page, "chat-1280-restored")

    # The conversation itself goes on: same id on the server.
    assert ask(page, "Hur lämnar jag in den?")["conversation_id"] == reply["conversation_id"]

    # Another tab does not see it.
    other = page.context.new_page()
    open_chat(other, live_server)
    assert other.locator(".msg").count() == 0
    assert other.evaluate(STORED) is None
    other.close()

    # "Börja om" forgets it: a reload shows an empty chat.
    page.get_by_role("button", name="Börja om").click()
    assert page.evaluate(STORED) is None
    page.reload()
    page.wait_for_selector("#main[data-ready]")
    assert page.locator(".msg").count() == 0 and page.locator("#welcome").is_visible()


def test_erasure_forgets_the_stored_conversation(page, live_server):
    open_chat(page, live_server)
    ask(page, QUESTION)
    page.get_by_role("button", name="Radera konversationen").click()
    with page.expect_response(lambda r: "/api/conversations/" in r.url) as info:
        page.get_by_role("button", name="Ja, radera").click()
    assert info.value.ok
    assert page.evaluate(STORED) is None
    page.reload()
    page.wait_for_selector("#main[data-ready]")
    assert page.locator(".msg").count() == 0


def test_download_gives_the_conversation_as_stored(page, live_server, axe):
    open_chat(page, live_server)
    page.get_by_role("button", name="Ladda ner konversationen").click()
    page.wait_for_function(
        "() => document.getElementById('chat-error').textContent.includes('ingen konversation')"
    )

    reply = ask(page, "Jag heter Karin Lindqvist. När ska årsräkningen lämnas in?")
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner konversationen").click()
    download = info.value
    assert re.fullmatch(r"samtal-\d{4}-\d{2}-\d{2}\.txt", download.suggested_filename)
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert reply["conversation_id"] in text
    assert "När ska årsräkningen lämnas in?" in text and "[NAMN_1]" in text
    assert "Karin" not in text and "Lindqvist" not in text  # as stored: redacted
    assert reply["answer"].split("[")[0].strip()[:40] in text
    assert "Källor:" in text and reply["citations"][0]["source_url"] in text
    page.wait_for_function("() => document.getElementById('announcer').textContent.includes('nedladdad')")
    axe.check(page, "chat-downloaded")


def test_no_asks_one_optional_reason(page, live_server, axe):
    open_chat(page, live_server)
    reply = ask(page, QUESTION)
    feedback = last_answer(page).locator(".feedback")
    feedback.get_by_role("button", name="Nej").click()
    group = last_answer(page).locator(".feedback--reasons")
    assert group.get_attribute("role") == "group"
    assert "Välj gärna en orsak" in group.inner_text()
    names = [b.inner_text() for b in group.get_by_role("button").all()]
    assert names == ["Fel svar", "Svårt att förstå", "Saknar svar", "Annat", "Skicka utan orsak"]
    assert page.evaluate("document.activeElement.textContent") == "Fel svar"  # focus moved into the choice
    axe.check(page, "chat-feedback-reason")
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as info:
        group.get_by_role("button", name="Saknar svar").click()
    assert info.value.status == 204
    sent = info.value.request.post_data_json
    assert sent["helpful"] is False and sent["reason"] == "incomplete" and sent["turn_id"] == reply["turn_id"]
    assert "Tack" in last_answer(page).locator(".feedback").inner_text()
    assert page.evaluate("document.activeElement.id") == "message"

    ask(page, "Vad är en god man?")
    last_answer(page).locator(".feedback").get_by_role("button", name="Nej").click()
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as info:
        last_answer(page).get_by_role("button", name="Skicka utan orsak").click()
    assert "reason" not in info.value.request.post_data_json
