"""The staff console in headless Chromium against the real API: sign-in, the handoff queue, drafts
with restored names, the document list; axe-core on every view; keyboard-only use."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

INCOMING = (
    "Hej!\n\nJag heter Karin Lindqvist och är god man för min mamma. "
    "När ska årsräkningen lämnas in?\n\nMed vänlig hälsning\nKarin Lindqvist"
)


def open_console(page, live_server):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/staff")
    page.wait_for_selector("#main[data-ready]")
    return page


def sign_in(page, live_server):  # type: ignore[no-untyped-def]
    open_console(page, live_server)
    page.get_by_label("Personalnyckel").fill(live_server.staff_key)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_selector("#console:not([hidden])")
    return page


def new_handoff(live_server, message: str = "Jag vill prata med en person.") -> dict:
    with live_server.api() as client:
        reply = client.post("/api/chat", json={"message": message}).json()
    assert reply["handoff"], reply
    return reply["handoff"]


def staff_name(live_server) -> str:  # type: ignore[no-untyped-def]
    with live_server.api() as client:
        return client.get("/api/me", headers=live_server.staff_headers()).json()["name"]


def handoff_status(live_server, reference: str) -> dict:
    with live_server.api() as client:
        items = client.get("/api/handoffs", headers=live_server.staff_headers()).json()
    return next(item for item in items if item["reference"] == reference)


def test_sign_in_refuses_a_wrong_key_and_accepts_a_staff_key(page, live_server, axe, screenshot):
    open_console(page, live_server)
    axe.check(page, "staff-signin")
    page.get_by_label("Personalnyckel").fill("tk_000000000000_fel")
    page.get_by_role("button", name="Logga in").click()
    error = page.locator("#signin-error")
    page.wait_for_function("() => document.getElementById('signin-error').textContent.length > 0")
    assert error.get_attribute("role") == "alert"
    assert page.locator("#console").is_hidden()
    axe.check(page, "staff-signin-error")

    page.get_by_label("Personalnyckel").fill(live_server.staff_key)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_selector("#console:not([hidden])")
    assert staff_name(live_server) in page.locator("#whoami").inner_text()
    assert page.evaluate("document.activeElement.id") == "queue-heading"
    # The key stays in this tab only and is sent as a bearer token.
    assert page.evaluate("sessionStorage.getItem('tillit.staffKey')") == live_server.staff_key
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    page.wait_for_selector("#console:not([hidden])")
    page.get_by_role("button", name="Logga ut").click()
    assert page.locator("#signin").is_visible()
    assert page.evaluate("sessionStorage.getItem('tillit.staffKey')") is None


def test_claim_resolve_and_release_a_handoff(page, live_server, axe, screenshot):
    handoff = new_handoff(live_server)
    reference = handoff["reference"]
    sign_in(page, live_server)
    card = page.locator(f".card[data-reference='{reference}']")
    card.wait_for()
    assert handoff_status(live_server, reference)["summary"] in card.inner_text()
    axe.check(page, "staff-queue")
    screenshot(page, "staff-1280-queue")

    with page.expect_response(lambda r: r.url.endswith(f"/{reference}/claim")) as info:
        card.get_by_role("button", name="Ta ärendet").click()
    assert info.value.ok
    assert info.value.request.headers["authorization"] == f"Bearer {live_server.staff_key}"
    page.wait_for_function(
        "ref => document.querySelector(`.card[data-reference='${ref}']`).textContent.includes('Tagen')",
        arg=reference,
    )
    assert handoff_status(live_server, reference)["status"] == "claimed"
    assert handoff_status(live_server, reference)["claimed_by"] == staff_name(live_server)
    page.wait_for_function("() => document.getElementById('staff-status').textContent.includes('tagit')")

    card.get_by_role("button", name="Markera som klart").click()
    page.wait_for_function(
        "ref => document.querySelector(`.card[data-reference='${ref}']`).textContent.includes('Klar')",
        arg=reference,
    )
    assert handoff_status(live_server, reference)["status"] == "resolved"

    card.get_by_role("button", name="Lämna tillbaka till assistenten").click()
    page.wait_for_function(
        "ref => document.querySelector(`.card[data-reference='${ref}']`).textContent.includes('Tillbaka')",
        arg=reference,
    )
    assert handoff_status(live_server, reference)["status"] == "released"
    axe.check(page, "staff-queue-after-actions")


def test_urgent_handoffs_are_marked(page, live_server, axe):
    handoff = new_handoff(live_server, "Jag orkar inte leva längre, jag tänker ta livet av mig.")
    assert handoff["urgency"] == "urgent"
    sign_in(page, live_server)
    card = page.locator(f".card[data-reference='{handoff['reference']}']")
    card.wait_for()
    assert "card--urgent" in (card.get_attribute("class") or "")
    assert "Brådskande" in card.inner_text()
    axe.check(page, "staff-queue-urgent")


def test_draft_reply_restores_the_name_and_records_the_outcome(new_context, live_server, axe, screenshot):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = sign_in(context.new_page(), live_server)
    page.get_by_role("link", name="Svarsutkast").click()
    assert page.evaluate("document.activeElement.id") == "drafts-heading"
    axe.check(page, "staff-drafts-empty")

    page.get_by_label("Inkommande meddelande").fill(INCOMING)
    with page.expect_response(lambda r: r.url.endswith("/api/drafts")) as info:
        page.get_by_role("button", name="Skapa utkast").click()
    draft = info.value.json()
    assert info.value.ok, draft
    page.wait_for_selector("#draft-result:not([hidden])")
    text = page.locator("#draft-text").input_value()
    assert text == draft["text"]
    assert "Karin Lindqvist" in text  # restored for staff, though the pipeline saw only tags
    assert "[NAMN_" not in text
    sources = page.locator("#draft-sources a")
    assert sources.count() == len(draft["citations"]) > 0
    assert sources.first.get_attribute("href") == draft["citations"][0]["source_url"]
    assert page.evaluate("document.activeElement.id") == "draft-result-heading"
    axe.check(page, "staff-drafts-result")
    screenshot(page, "staff-1280-draft")

    page.get_by_role("button", name="Kopiera texten").click()
    page.wait_for_function("() => document.getElementById('staff-status').textContent.includes('kopierad')")
    assert page.evaluate("navigator.clipboard.readText()") == text

    page.locator("#draft-text").fill(text + "\nVi hörs!")
    with page.expect_response(lambda r: r.url.endswith("/outcome")) as outcome:
        page.get_by_role("button", name="Skickat med ändringar").click()
    assert outcome.value.ok, outcome.value.text()
    sent = outcome.value.request.post_data_json
    assert sent["outcome"] == "edited" and sent["final_text"].endswith("Vi hörs!")
    assert outcome.value.json()["edit_distance"] > 0
    page.wait_for_function("() => document.getElementById('staff-status').textContent.includes('Sparat')")


def test_document_list_shows_approval_validity_and_version(page, live_server, axe, screenshot):
    sign_in(page, live_server)
    page.get_by_role("link", name="Dokument").click()
    page.wait_for_selector("#documents-body tr td")
    with live_server.api() as client:
        documents = client.get("/api/documents", headers=live_server.staff_headers()).json()
    rows = page.locator("#documents-body tr")
    assert rows.count() == len(documents) > 0
    table = page.locator("#documents-body").inner_text()
    ids = {d["doc_id"] for d in documents}
    assert "arsrakning" in ids and "utkast-digital-arsrakning" not in ids  # the draft is never served
    for doc in documents:
        assert doc["doc_id"] in table
        assert doc["version"][:12] in table
    axe.check(page, "staff-documents")


def test_staff_views_on_a_phone(new_context, live_server, axe, screenshot):
    new_handoff(live_server)
    context = new_context(viewport={"width": 360, "height": 780}, is_mobile=True)
    page = sign_in(context.new_page(), live_server)
    page.wait_for_selector(".card")
    for view in ("Ärendekö", "Svarsutkast", "Dokument"):
        page.get_by_role("link", name=view).click()
        overflow = page.evaluate(SIDEWAYS)
        assert overflow <= 0, (view, overflow)
        axe.check(page, f"staff-360-{view}")
    screenshot(page, "staff-360-documents")


def test_keyboard_only_sign_in_and_claim(page, live_server):
    reference = new_handoff(live_server)["reference"]
    open_console(page, live_server)

    def tab_to(predicate: str, limit: int = 200) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
                return
        raise AssertionError(f"Tab never reached: {predicate}")

    tab_to("document.activeElement.id === 'staff-key'")
    page.keyboard.type(live_server.staff_key)
    page.keyboard.press("Enter")
    page.wait_for_selector("#console:not([hidden])")
    page.wait_for_selector(f".card[data-reference='{reference}']")
    tab_to(
        f"document.activeElement.dataset.action === 'claim' "
        f"&& document.activeElement.closest('.card').dataset.reference === '{reference}'"
    )
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('staff-status').textContent.includes('tagit')")
    assert handoff_status(live_server, reference)["status"] == "claimed"
    # Focus stays on the same card after the list is redrawn.
    assert page.evaluate("document.activeElement.closest('.card').dataset.reference") == reference


def test_accessibility_statement(page, live_server, axe, screenshot):
    from guardrails import load_office

    office = load_office().office
    page.goto(f"{live_server.url}/tillganglighet")
    assert page.locator("h1").inner_text() == "Tillgänglighetsredogörelse"
    text = page.locator("main").inner_text()
    needles = ("EN 301 549", "WCAG 2.1", "delvis förenlig", "Myndigheten för digital förvaltning", "Digg")
    for needle in needles:
        assert needle in text, needle
    assert page.locator(f"main a[href^='mailto:{office.email}']").count() >= 1
    assert "Innehåll som inte är tillgängligt" in text and "Hur vi testat" in text
    assert "uppdaterades senast den" in text
    axe.check(page, "accessibility-statement")
    # The chat links to it from every page.
    page.goto(f"{live_server.url}/")
    assert page.locator("footer a[href='/tillganglighet']").count() == 1
