"""The staff side of issue #18 in headless Chromium against the real API: a handoff's transcript
(with a draft written for it), a live alert for a new urgent handoff while the console is open,
and the insight page with its charts, tables, content gaps and CSV; axe-core on every state."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.test_staff_console import SIDEWAYS, sign_in

pytestmark = pytest.mark.browser


def chat(client, message: str, conversation: dict | None = None) -> dict:  # type: ignore[no-untyped-def]
    body: dict[str, object] = {"message": message}
    if conversation:
        body.update(
            conversation_id=conversation["conversation_id"],
            conversation_token=conversation["conversation_token"],
        )
    response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_transcript_of_a_handoff_with_sources_rule_and_own_draft(page, live_server, axe, screenshot):
    with live_server.api() as client:
        answered = chat(client, "När ska årsräkningen lämnas in?")
        handed = chat(client, "Jag vill prata med en person.", answered)
    reference = handed["handoff"]["reference"]
    sign_in(page, live_server)
    card = page.locator(f".card[data-reference='{reference}']")
    card.wait_for()
    with page.expect_response(lambda r: r.url.endswith(f"/{reference}/transcript")) as info:
        card.get_by_role("button", name="Visa samtalet").click()
    data = info.value.json()
    box = page.locator("#transcript")
    box.wait_for()
    assert page.evaluate("document.activeElement.id") == "transcript-heading"
    assert reference in page.locator("#transcript-heading").inner_text()
    assert data["rule"] in page.locator("#transcript-meta").inner_text()
    turns = box.locator(".turn")
    assert turns.count() == 2
    first, last = turns.nth(0), turns.nth(1)
    assert "När ska årsräkningen lämnas in?" in first.inner_text()
    sources = first.locator(".sources a")
    assert sources.count() == len(answered["citations"]) > 0
    assert sources.first.get_attribute("href") == answered["citations"][0]["source_url"]
    assert "Regel:" in first.inner_text()
    assert "turn--decided" in (last.get_attribute("class") or "")
    assert "ledde till överlämningen" in last.inner_text() and data["rule"] in last.inner_text()
    assert "Inga utkast ännu" in box.inner_text()
    axe.check(page, "staff-transcript")
    screenshot(page, "staff-1280-transcript")

    # A draft written for this handoff: the name comes back in the draft, for its writer only.
    box.get_by_role("button", name="Skriv svarsutkast för ärendet").click()
    assert page.evaluate("document.activeElement.id") == "incoming"
    assert reference in page.locator("#draft-for").inner_text()
    axe.check(page, "staff-draft-for-handoff")
    page.get_by_label("Inkommande meddelande").fill(
        "Hej! Jag heter Karin Lindqvist. När ska årsräkningen in?"
    )
    with page.expect_response(lambda r: f"/api/handoffs/{reference}/drafts/" in r.url) as linked:
        page.get_by_role("button", name="Skapa utkast").click()
    assert linked.value.ok
    page.get_by_role("link", name="Ärendekö").click()
    card.get_by_role("button", name="Visa samtalet").click()
    page.wait_for_function("() => document.querySelectorAll('#transcript-drafts li').length === 1")
    draft = page.locator("#transcript-drafts li")
    assert "återställda" in draft.inner_text() and "Karin" in draft.inner_text()

    box.get_by_role("button", name="Stäng samtalet").click()
    assert box.is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Visa samtalet"


def test_a_new_urgent_handoff_is_announced_while_the_console_is_open(page, live_server, axe, screenshot):
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if r.url.endswith("/api/alerts") else None)
    sign_in(page, live_server)
    page.wait_for_selector(".card, #queue-empty:not([hidden])")
    deadline = time.monotonic() + 30
    while 304 not in statuses:  # the console has asked again and nothing had changed
        assert time.monotonic() < deadline, statuses
        page.wait_for_timeout(500)
    assert page.locator("#alert-banner").is_hidden()

    with live_server.api() as client:
        reference = chat(client, "Jag orkar inte leva längre, jag tänker ta livet av mig.")["handoff"][
            "reference"
        ]
    banner = page.locator("#alert-banner")
    banner.wait_for(state="visible", timeout=20_000)
    assert reference in banner.inner_text() and "Brådskande" in banner.inner_text()
    # Politely, once, to screen readers; the banner itself is not a live region (nothing read twice).
    page.wait_for_function(
        "ref => document.getElementById('staff-status').textContent.includes(ref)", arg=reference
    )
    assert page.locator("#staff-status").get_attribute("aria-live") == "polite"
    assert banner.get_attribute("aria-live") is None and banner.get_attribute("role") is None
    card = page.locator(f".card[data-reference='{reference}']")
    card.wait_for()
    assert "Ny" in card.locator(".tag--new").inner_text() and "card--urgent" in (
        card.get_attribute("class") or ""
    )
    axe.check(page, "staff-live-alert")
    screenshot(page, "staff-1280-live-alert")

    banner.get_by_role("button", name="Visa ärendet").click()
    assert banner.is_hidden()
    assert page.evaluate("document.activeElement.closest('.card').dataset.reference") == reference


def test_insight_page_shows_charts_tables_and_content_gaps(page, live_server, axe, screenshot):
    with live_server.api() as client:
        for question in (
            "Får huvudmannen ha Swish?",
            "Kan jag ordna Swish åt min huvudman?",
            "Hur fixar jag Swish till den jag är förvaltare åt?",
        ):
            reply = chat(client, question)
            client.post(
                "/api/feedback",
                json={
                    "conversation_id": reply["conversation_id"],
                    "conversation_token": reply["conversation_token"],
                    "turn_id": reply["turn_id"],
                    "helpful": False,
                    "reason": "wrong",
                },
            )
        assert chat(client, "Jag vill prata med en person.")["handoff"]
        # The background analyses the new questions within seconds.
        deadline = time.monotonic() + 120
        while True:
            report = client.get("/api/insights?fresh=true", headers=live_server.staff_headers()).json()
            if report["gaps"]["groups"] and not report["gaps"]["pending"]:
                break
            assert time.monotonic() < deadline, report["gaps"]
            time.sleep(1)

    # Without a key the page asks for one.
    page.goto(f"{live_server.url}/staff/insikt")
    page.wait_for_selector("#main[data-ready]")
    assert page.locator("#signin").is_visible() and page.locator("#insight").is_hidden()
    axe.check(page, "insight-signin")

    sign_in(page, live_server)
    page.get_by_role("link", name="Insikt").click()
    page.wait_for_selector("#main[data-loaded]")
    assert page.title().startswith("Insikt")

    # Charts: inline SVG images with a name and a description that points to the table.
    charts = page.locator("svg.chart__svg")
    assert charts.count() == 4
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "img"
        title_id, desc_id = chart.get_attribute("aria-labelledby").split()
        assert page.locator(f"[id='{title_id}']").text_content()
        assert "tabell" in page.locator(f"[id='{desc_id}']").text_content()
    assert page.locator("#chart-questions rect").count() >= 12 * 3

    # The same numbers in the table: twelve weeks and the whole period.
    rows = page.locator("#weekly-body tr")
    assert rows.count() == 12
    total = page.locator("#weekly-foot tr td")
    api_totals = report["totals"]
    assert int(total.nth(0).inner_text().replace("\u00a0", "").replace("\u202f", "")) >= api_totals["asked"]
    assert page.locator("#weekly-table caption").inner_text() == "Siffror per vecka"
    assert page.locator("#reasons-body tr").count() >= 1

    gaps = page.locator("#gaps > li")
    assert gaps.count() >= 1
    swish = page.locator("#gaps > li", has_text="Swish").first
    assert swish.locator("h3").inner_text().startswith("Grupp")
    assert swish.locator(".gap__examples q").count() >= 1
    assert swish.locator(".gap__docs a").count() >= 1
    axe.check(page, "insight-page")
    screenshot(page, "insight-1280")

    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner veckosiffrorna (CSV)").click()
    assert info.value.suggested_filename.startswith("tillit-insikt-veckor-")
    weeks_csv = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert weeks_csv.startswith("Vecka,Från,Frågor") and len(weeks_csv.splitlines()) == 14
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner innehållsluckorna (CSV)").click()
    assert "Swish" in Path(info.value.path()).read_text(encoding="utf-8-sig")

    page.get_by_label("Period", exact=True).select_option("4")
    with page.expect_response(lambda r: "/api/insights?weeks=4" in r.url):
        page.get_by_role("button", name="Visa", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('#weekly-body tr').length === 4")


def test_insight_page_on_a_phone(new_context, live_server, axe, screenshot):
    context = new_context(viewport={"width": 360, "height": 780}, is_mobile=True)
    page = sign_in(context.new_page(), live_server)
    page.goto(f"{live_server.url}/staff/insikt")
    page.wait_for_selector("#main[data-loaded]")
    assert page.evaluate(SIDEWAYS) <= 0
    axe.check(page, "insight-360")
    screenshot(page, "insight-360")
