"""The citizen chat in a real headless Chromium against the real API: answers, citations, handoff,
crisis, erasure, languages, errors, keyboard use, small screens and zoom, axe-core on every state."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUESTION = "När ska årsräkningen lämnas in?"
CRISIS = "Jag orkar inte leva längre, jag tänker ta livet av mig."


def open_chat(page, live_server, query: str = ""):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/{query}")
    page.wait_for_selector("#main[data-ready]")
    return page


def ask(page, text: str) -> dict:  # type: ignore[no-untyped-def]
    """Type into the chat like a person and wait until the complete answer is on the page."""
    before = page.locator(".msg--bot").count()
    page.fill("#message", text)
    with page.expect_response(lambda r: r.url.endswith("/api/chat") and r.request.method == "POST") as info:
        page.press("#message", "Enter")
    reply = info.value.json()
    assert info.value.ok, reply
    page.wait_for_function(
        "n => document.querySelectorAll('.msg--bot').length > n "
        "&& document.querySelector('.msg--bot:last-child .msg__body p')",
        arg=before,
    )
    return reply


def last_answer(page):  # type: ignore[no-untyped-def]
    return page.locator(".msg--bot").last


def test_question_gets_a_cited_answer_announced_once(page, live_server, axe, screenshot, browser_record):
    open_chat(page, live_server)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "AI-assistent" in page.locator("#disclosure").inner_text()
    assert "personnummer" in page.locator("#message-hint").inner_text()
    axe.check(page, "chat-sv-empty")

    reply = ask(page, QUESTION)
    assert reply["citations"], reply
    answer = last_answer(page)
    assert answer.get_attribute("lang") == reply["language"]
    links = answer.locator(".sources a")
    assert links.count() == len(reply["citations"])
    for i, citation in enumerate(reply["citations"]):
        assert links.nth(i).get_attribute("href") == citation["source_url"]
        assert citation["title"] in links.nth(i).inner_text()
    # The answer text itself is on the page, and the same complete text is in the live region.
    first_words = reply["answer"].split("[")[0].strip()[:40]
    assert first_words in answer.inner_text()
    page.wait_for_function("() => document.getElementById('announcer').textContent.length > 0")
    spoken = page.locator("#announcer").inner_text()
    assert first_words in spoken
    assert page.locator("#announcer").get_attribute("aria-live") == "polite"
    assert page.locator("#log").get_attribute("aria-live") is None  # the log itself is not read out
    # Focus stays in the message box so the next question can be typed at once.
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.locator("#message").input_value() == ""

    axe.check(page, "chat-sv-answer")
    screenshot(page, "chat-1280-answer")
    assert browser_record.blocked == []  # no third-party request of any kind


def test_citation_link_leads_to_the_source(new_context, live_server):
    context = new_context()
    served: list[str] = []

    def source_page(route):  # type: ignore[no-untyped-def]
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Källa</title><h1>Källa</h1>")

    # Source pages live on the office's website: answer them locally so nothing leaves the machine.
    context.route(re.compile(r"^https://"), source_page)
    page = open_chat(context.new_page(), live_server)
    reply = ask(page, QUESTION)
    citation = reply["citations"][0]
    link = last_answer(page).locator(".sources a").first
    with context.expect_page() as popup_info:
        link.click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.url == citation["source_url"]
    assert served == [citation["source_url"]]


def test_talk_to_a_person_shows_reference_hours_and_phone(page, live_server, axe):
    from guardrails import load_office

    office = load_office().office
    open_chat(page, live_server)
    before = page.locator(".msg--bot").count()
    with page.expect_response(lambda r: r.url.endswith("/api/chat")) as info:
        page.get_by_role("button", name="Prata med en person").click()
    reply = info.value.json()
    assert reply["handoff"] is not None, reply
    page.wait_for_function("n => document.querySelectorAll('.msg--bot .handoff').length > n", arg=before)
    card = last_answer(page).locator(".handoff")
    text = card.inner_text()
    assert reply["handoff"]["reference"] in text
    assert office.phone in text
    assert office.phone_hours in text
    assert card.locator("a[href^='tel:']").count() == 1
    assert page.evaluate("document.activeElement.id") == "message"
    # The live region is cleared and refilled so screen readers announce it once: wait for the text.
    expect(page.locator("#announcer")).to_contain_text(reply["handoff"]["reference"])
    axe.check(page, "chat-sv-handoff")


def test_crisis_answer_is_shown_prominently_as_an_alert(page, live_server, axe, screenshot):
    open_chat(page, live_server)
    reply = ask(page, CRISIS)
    assert reply["handoff"] and reply["handoff"]["urgency"] == "urgent", reply
    answer = last_answer(page)
    assert "msg--urgent" in (answer.get_attribute("class") or "")
    body = answer.locator(".msg__body")
    assert body.get_attribute("role") == "alert"
    assert re.search(r"112|90101", body.inner_text())
    assert answer.locator(".handoff__ref").inner_text() == reply["handoff"]["reference"]
    # Urgent replies are read through their alert, not a second time through the polite region.
    assert page.locator("#announcer").inner_text() == ""
    assert answer.locator(".feedback").count() == 0
    axe.check(page, "chat-sv-crisis")
    screenshot(page, "chat-1280-crisis")


def test_removed_personal_data_is_noticed_visibly(page, live_server, axe):
    open_chat(page, live_server)
    reply = ask(page, "Mitt personnummer är 19121212-1212. " + QUESTION)
    assert reply["notices"], reply
    notice = page.locator(".msg--user .notice").last
    assert notice.is_visible()
    assert reply["notices"][0] in notice.inner_text()
    axe.check(page, "chat-sv-notice")


def test_feedback_yes_is_sent_and_thanked(page, live_server):
    open_chat(page, live_server)
    ask(page, QUESTION)
    feedback = last_answer(page).locator(".feedback")
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as info:
        feedback.get_by_role("button", name="Ja").click()
    assert info.value.ok
    assert info.value.request.post_data_json["helpful"] is True
    assert "Tack" in feedback.inner_text()
    assert page.evaluate("document.activeElement.id") == "message"


def test_erasure_removes_the_conversation_after_confirmation(page, live_server, axe):
    open_chat(page, live_server)
    reply = ask(page, QUESTION)
    page.get_by_role("button", name="Radera konversationen").click()
    dialog = page.locator("#erase-dialog")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.id") == "erase-cancel"  # the safe choice first
    axe.check(page, "chat-sv-erase-dialog")
    with page.expect_response(lambda r: "/api/conversations/" in r.url) as info:
        page.get_by_role("button", name="Ja, radera").click()
    assert info.value.ok
    assert info.value.request.headers["x-conversation-token"] == reply["conversation_token"]
    assert not dialog.is_visible()
    assert page.locator(".msg").count() == 0
    page.wait_for_function("() => document.getElementById('announcer').textContent.includes('raderad')")
    assert page.evaluate("document.activeElement.id") == "message"

    # The server has forgotten it: the old id and token no longer continue a conversation.
    with live_server.api() as client:
        again = client.post(
            "/api/chat",
            json={
                "message": "Hej igen",
                "conversation_id": reply["conversation_id"],
                "conversation_token": reply["conversation_token"],
            },
        )
    assert again.status_code in (403, 404), again.text
    # A new question starts a new conversation.
    assert ask(page, QUESTION)["conversation_id"] != reply["conversation_id"]


def test_cancelled_erasure_keeps_the_conversation(page, live_server):
    open_chat(page, live_server)
    ask(page, QUESTION)
    page.get_by_role("button", name="Radera konversationen").click()
    page.get_by_role("button", name="Avbryt").click()
    assert page.locator(".msg").count() == 2
    assert page.evaluate("document.activeElement.id") == "erase-button"


def test_start_over_begins_a_new_conversation(page, live_server):
    open_chat(page, live_server)
    first = ask(page, QUESTION)
    page.get_by_role("button", name="Börja om").click()
    assert page.locator(".msg").count() == 0
    assert page.locator("#welcome").is_visible()
    second = ask(page, QUESTION)
    assert second["conversation_id"] != first["conversation_id"]


@pytest.mark.parametrize(
    ("language", "button", "html_lang", "label", "question"),
    [
        ("en", "English", "en", "Write your question", "How much is the fee for a god man?"),
        ("lattlast", "Lättläst", "sv", "Skriv din fråga här", "Vad är en årsräkning?"),
        ("sv", "Svenska", "sv", "Skriv din fråga", QUESTION),
    ],
)
def test_language_switch_changes_texts_and_what_is_sent(
    page, live_server, axe, language, button, html_lang, label, question
):  # type: ignore[no-untyped-def]
    open_chat(page, live_server, "?lang=en" if language == "sv" else "")
    page.locator(f".lang-switch__btn[data-lang='{language}']").click()
    assert page.locator(f".lang-switch__btn[data-lang='{language}']").get_attribute("aria-pressed") == "true"
    assert page.locator("html").get_attribute("lang") == html_lang
    assert page.locator("label[for='message']").inner_text() == label
    axe.check(page, f"chat-{language}-empty")

    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as sent:
        reply = ask(page, question)
    assert sent.value.post_data_json["language"] == ("en" if language == "en" else "sv")
    answer = last_answer(page)
    assert answer.get_attribute("lang") == reply["language"]
    if language == "en":
        assert reply["language"] == "en"
        assert answer.locator(".msg__who").inner_text() == "Assistant (AI)"
    axe.check(page, f"chat-{language}-answer")

    page.get_by_role("button", name=re.compile("Prata med en person|Talk to a person")).click()
    page.wait_for_selector(".msg--bot .handoff")
    axe.check(page, f"chat-{language}-handoff")


def test_api_errors_are_shown_kindly_and_nothing_typed_is_lost(page, live_server, axe):
    open_chat(page, live_server)
    # An empty message is caught on the page.
    page.press("#message", "Enter")
    error = page.locator("#chat-error")
    page.wait_for_function("() => document.getElementById('chat-error').textContent.length > 0")
    assert error.get_attribute("role") == "alert"
    assert "Skriv en fråga" in error.inner_text()

    # A message longer than the API allows (a paste can exceed maxlength) gets the API's Swedish reason.
    too_long = "a" * (int(page.locator("#message").get_attribute("maxlength")) + 50)
    page.eval_on_selector("#message", "(el, text) => { el.value = text; }", too_long)
    with page.expect_response(lambda r: r.url.endswith("/api/chat")) as info:
        page.press("#message", "Enter")
    response = info.value
    assert 400 <= response.status < 500
    detail = response.json().get("detail")
    page.wait_for_function(
        "old => document.getElementById('chat-error').textContent.length > 0 "
        "&& !document.getElementById('chat-error').textContent.includes(old)",
        arg="Skriv en fråga",
    )
    shown = error.inner_text()
    if isinstance(detail, str):
        assert shown == detail
    assert "Traceback" not in shown and "{" not in shown
    assert page.locator("#message").input_value() == too_long  # the text comes back to the box
    assert page.locator(".msg").count() == 0
    assert page.evaluate("document.activeElement.id") == "message"
    axe.check(page, "chat-sv-error")


THE_503S = {
    # type: (Swedish detail from the API, what the English view says)
    "/problems/service-busy": (
        "Många frågar just nu. Försök igen om en liten stund.",
        "Many people are asking",
    ),
    "/problems/index-unavailable": (
        "Kunskapsbanken är inte laddad ännu. Försök igen om en stund.",
        "still starting",
    ),
    "/problems/database-unavailable": (
        "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
        "unavailable",
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_three_503s_are_told_apart_on_the_page(page, live_server, language):  # type: ignore[no-untyped-def]
    """The API gives each 503 its own problem type; the page says something different for each."""
    current: dict[str, str] = {}

    def unavailable(route):  # type: ignore[no-untyped-def]
        detail = THE_503S[current["type"]][0]
        body = {
            "type": current["type"],
            "title": "x",
            "status": 503,
            "detail": detail,
            "instance": "/api/chat",
        }
        route.fulfill(
            status=503,
            headers={"Content-Type": "application/problem+json", "Retry-After": "2"},
            body=json.dumps(body, ensure_ascii=False),
        )

    open_chat(page, live_server, "?lang=en" if language == "en" else "")
    page.route("**/api/chat", unavailable)
    error = page.locator("#chat-error")
    shown = set()
    for problem_type, (detail, english) in THE_503S.items():
        current["type"] = problem_type
        page.fill("#message", "Vad är en god man?")
        with page.expect_response(lambda r: r.url.endswith("/api/chat")):
            page.press("#message", "Enter")
        page.wait_for_function("() => document.getElementById('chat-error').textContent.length > 0")
        text = error.inner_text()
        assert (text == detail) if language == "sv" else (english in text), text
        shown.add(text)
        page.evaluate("() => { document.getElementById('chat-error').textContent = ''; }")
    assert len(shown) == 3
    assert page.locator(".msg").count() == 0


def test_keyboard_only_question_handoff_and_erasure(page, live_server):
    open_chat(page, live_server)

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert outline != "none", f"no visible focus on {selector}"
                return
        raise AssertionError(f"Tab never reached {selector}")

    # The skip link is the first stop and leads to the message box.
    tab_to(".skip-link", limit=1)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message"
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg--bot .sources a")
    assert page.evaluate("document.activeElement.id") == "message"

    tab_to("#handoff-button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg--bot .handoff__ref")

    tab_to("#erase-button")
    page.keyboard.press("Enter")
    assert page.locator("#erase-dialog").is_visible()
    tab_to("#erase-confirm", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.msg').length === 0")
    assert page.evaluate("document.activeElement.id") == "message"


@pytest.mark.parametrize(
    ("name", "viewport", "scale"),
    [
        ("360", {"width": 360, "height": 780}, 1),
        ("1280-zoom200", {"width": 640, "height": 450}, 2),  # 1280 px at 200 % zoom
        ("320", {"width": 320, "height": 640}, 1),  # WCAG 1.4.10 reflow width
    ],
)
def test_small_screens_and_zoom_reflow_without_sideways_scrolling(
    new_context, live_server, axe, screenshot, name, viewport, scale
):  # type: ignore[no-untyped-def]
    context = new_context(viewport=viewport, device_scale_factor=scale, is_mobile=scale == 1)
    page = open_chat(context.new_page(), live_server)
    ask(page, QUESTION)
    page.get_by_role("button", name="Prata med en person").click()
    page.wait_for_selector(".msg--bot .handoff")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at {name}"
    for selector in ("#handoff-button", "#send", "#erase-button", ".lang-switch__btn"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, (selector, box)
    axe.check(page, f"chat-sv-{name}")
    screenshot(page, f"chat-{name}-answer")


def test_reduced_motion_stops_the_typing_animation(new_context, live_server):
    page = open_chat(new_context(reduced_motion="reduce").new_page(), live_server)
    name = page.evaluate("getComputedStyle(document.querySelector('.typing__dots')).animationName")
    assert name == "none"


def test_page_is_served_with_a_strict_content_security_policy(live_server):
    with live_server.api() as client:
        for path in ("/", "/staff", "/tillganglighet"):
            response = client.get(path)
            assert response.status_code == 200
            csp = response.headers.get("content-security-policy", "")
            assert "default-src 'self'" in csp, (path, csp)
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, (path, csp)
            # Nothing inline in the markup that such a policy would have to allow.
            html = response.text
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
            assert not re.search(r"\sstyle=|<style|\son[a-z]+=", html), path


def test_embed_script_adds_a_chat_button_and_panel(page, live_server, embedding_site, axe):
    page.goto(embedding_site)
    button = page.get_by_role("button", name="Chatta med oss")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    frame_element = page.locator("iframe[title]")
    assert frame_element.get_attribute("src").startswith(f"{live_server.url}/?embed=1")
    frame = frame_element.content_frame
    frame.locator("#main[data-ready]").wait_for()
    assert frame.locator(".site-header").is_hidden()  # no site chrome inside the panel
    frame.locator("#message").fill(QUESTION)
    frame.locator("#message").press("Enter")
    frame.locator(".msg--bot .sources a").first.wait_for()
    axe.check(page, "embed-host-open")
    page.get_by_role("button", name="Stäng chatten").click()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.textContent") == "Chatta med oss"
