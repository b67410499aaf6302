"""The API's documentation pages, offline and under the app's Content-Security-Policy.

/docs is Swagger UI from the files the `fastapi-offline` package ships (no CDN: the machines may
have no Internet), started by a script of its own (/docs/init.js) since the CSP allows no inline
script. /problems lists the problem types every error carries (assistant/api/problems.py), and
/problems/<name> documents one: a problem's `type` resolves there.
"""

from __future__ import annotations

import html
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from assistant.api import problems as p

# Swagger UI's bundle and style sheet (swagger-ui-bundle.js, swagger-ui.css), mounted at ASSETS.
SWAGGER_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS = "/docs/assets"

router = APIRouter(include_in_schema=False)

_SWAGGER_PAGE = f"""<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tillit – API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<main id="swagger-ui"></main>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

# No validator (it would send the schema to an outside service) and no outside links followed.
_INIT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
"""


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return HTMLResponse(_SWAGGER_PAGE)


@router.get("/docs/init.js")
def swagger_init() -> Response:
    return Response(_INIT, media_type="text/javascript; charset=utf-8")


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – Tillit</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<main id="main" class="page">
{body}
</main>
</body>
</html>
"""
    )


def _entry(kind: p.ProblemType, heading: str) -> str:
    return (
        f'<{heading} id="{kind.name}"><code>{html.escape(kind.uri)}</code> – {html.escape(kind.title)}'
        f"</{heading}>\n<p>HTTP {kind.status}. {html.escape(kind.about)}</p>\n"
        f'<p lang="sv">{html.escape(kind.detail)}</p>\n'
    )


@router.get("/problems")
def problem_types() -> HTMLResponse:
    """Every problem type, in status order."""
    kinds = sorted(p.CATALOGUE.values(), key=lambda k: (k.status, k.name))
    body = "<h1>Problem types</h1>\n<p>Every error of the API is <code>application/problem+json</code> "
    body += "(RFC 9457); its <code>type</code> is one of these.</p>\n"
    body += "".join(_entry(kind, "h2") for kind in kinds)
    return _page("Problem types", body)


@router.get("/problems/{name}")
def problem_type(name: str) -> HTMLResponse:
    kind = p.CATALOGUE.get(name)
    if kind is None:
        raise p.ProblemError(p.NOT_FOUND)
    return _page(kind.title, _entry(kind, "h1") + '<p><a href="/problems">All problem types</a></p>\n')
