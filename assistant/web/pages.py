"""The web pages: citizen chat (/), staff console (/staff) and its insight page (/staff/insikt),
accessibility statement (/tillganglighet).

Pages are plain HTML templates filled with the office's public facts; all behaviour lives in the
scripts under /static, so the pages work under a strict Content-Security-Policy (CSP: no inline
script, no inline style), which the app sends with every response. The API mounts STATIC_DIR at
/static and includes `router`; a page gets the app's settings (`request.app.state.settings`, set
by create_app) injected, like every API route.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from assistant.settings import Settings

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATE_DIR = WEB_DIR / "templates"

# The day the accessibility statement was last reviewed; DOS-lagen asks for it to be shown.
STATEMENT_REVIEWED = date(2026, 11, 28)

_SWEDISH_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

# What a page may load: scripts, styles, fonts and pictures of its own origin only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

router = APIRouter(include_in_schema=False)


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


PageSettings = Annotated[Settings, Depends(app_settings)]


@dataclass(frozen=True)
class OfficeFacts:
    """The public facts a page shows (never personal data)."""

    name: str
    municipality: str
    phone: str
    phone_hours: str
    email: str
    postal_address: str
    link_hosts: tuple[str, ...] = ()  # hosts the chat may make links of (office.yaml)


def swedish_date(day: date) -> str:
    return f"{day.day} {_SWEDISH_MONTHS[day.month - 1]} {day.year}"


def tel_href(phone: str) -> str:
    """A tel: target in international form: "08-465 004 50" -> "+46846500450"."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0") and len(digits) > 4:
        return "+46" + digits[1:]
    return digits


@lru_cache(maxsize=4)
def office_facts(office_file: Path | None) -> OfficeFacts:
    """The facts of `office_file` (None: the packaged office.yaml), read once."""
    from guardrails import load_office

    config = load_office(office_file)
    office = config.office
    return OfficeFacts(
        name=office.name,
        municipality=office.municipality,
        phone=office.phone,
        phone_hours=office.phone_hours,
        email=office.email,
        postal_address=office.postal_address,
        link_hosts=config.link_hosts(),
    )


@lru_cache(maxsize=8)
def _template(name: str) -> Template:
    return Template((TEMPLATE_DIR / name).read_text(encoding="utf-8"))


def _office_values(facts: OfficeFacts) -> dict[str, str]:
    values = {
        "office_name": facts.name,
        "municipality": facts.municipality,
        "phone": facts.phone,
        "phone_hours": facts.phone_hours,
        "email": facts.email,
        "postal_address": facts.postal_address,
    }
    escaped = {key: html.escape(value) for key, value in values.items()}
    escaped["phone_tel"] = tel_href(facts.phone)
    escaped["link_hosts"] = html.escape(" ".join(facts.link_hosts))
    return escaped


def _page(
    facts: OfficeFacts,
    *,
    title: str,
    body: str,
    script: str | None,
    skip_target: str = "main",
    skip_text: str = "Till innehållet",
    header_extra: str = "",
    html_class: str = "",
    extra: dict[str, str] | None = None,
) -> str:
    values = _office_values(facts) | (extra or {})
    main = _template(body).substitute(values)
    scripts = f'<script src="/static/{script}" defer></script>' if script else ""
    return _template("base.html").substitute(
        values,
        title=html.escape(title),
        main=main,
        scripts=scripts,
        skip_target=skip_target,
        skip_text=skip_text,
        header_extra=header_extra,
        html_class=html_class,
        head_extra="",
    )


@router.get("/", response_class=HTMLResponse)
def citizen_chat(settings: PageSettings, embed: bool = Query(default=False)) -> HTMLResponse:
    """The citizen chat; `?embed=1` drops the site header and footer for the embed iframe."""
    facts = office_facts(settings.office_file)
    page = _page(
        facts,
        title=f"Chatt – {facts.name}",
        body="chat.html",
        script="chat.js",
        skip_target="message",
        skip_text="Till chatten",
        header_extra=_template("lang_switch.html").template,
        html_class="embedded" if embed else "",
        extra={"max_chars": str(settings.max_message_chars)},
    )
    return HTMLResponse(page, headers=_embed_headers(settings.cors_origins) if embed else None)


def _embed_headers(cors_origins: list[str]) -> dict[str, str]:
    """Let the configured origins (and only them) frame the embedded chat.

    CSP frame-ancestors overrides X-Frame-Options in browsers, and the API's middleware keeps a
    header a route has set, so only this page relaxes framing; the staff console stays DENY.
    """
    origins = " ".join(o for o in cors_origins if re.fullmatch(r"https?://[\w.:-]+", o))
    csp = CSP.replace("frame-ancestors 'none'", f"frame-ancestors 'self' {origins}".rstrip())
    return {"Content-Security-Policy": csp, "X-Frame-Options": "SAMEORIGIN"}


@router.get("/staff", response_class=HTMLResponse)
def staff_console(settings: PageSettings) -> HTMLResponse:
    facts = office_facts(settings.office_file)
    page = _page(
        facts,
        title=f"Personalvy – {facts.name}",
        body="staff.html",
        script="staff.js",
        header_extra='<p class="site-header__tag">Kontaktcenter</p>',
    )
    return HTMLResponse(page)


@router.get("/staff/insikt", response_class=HTMLResponse)
def staff_insight(settings: PageSettings) -> HTMLResponse:
    """Weekly figures and content gaps for the office (the data comes from /api/insights)."""
    facts = office_facts(settings.office_file)
    page = _page(
        facts,
        title=f"Insikt – {facts.name}",
        body="insight.html",
        script="insight.js",
        header_extra='<p class="site-header__tag">Kontaktcenter</p>',
    )
    return HTMLResponse(page)


@router.get("/tillganglighet", response_class=HTMLResponse)
def accessibility_statement(settings: PageSettings) -> HTMLResponse:
    facts = office_facts(settings.office_file)
    page = _page(
        facts,
        title=f"Tillgänglighetsredogörelse – {facts.name}",
        body="accessibility.html",
        script=None,
        extra={"review_date": swedish_date(STATEMENT_REVIEWED)},
    )
    return HTMLResponse(page)


@router.get("/embed.js")
def embed_script() -> FileResponse:
    """One script tag on another page adds the chat: a button that opens the chat in a panel."""
    return FileResponse(STATIC_DIR / "embed.js", media_type="text/javascript; charset=utf-8")
