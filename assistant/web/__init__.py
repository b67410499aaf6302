"""The web pages: citizen chat, staff console and accessibility statement (HTML + static files)."""

from assistant.web.pages import CSP, STATIC_DIR, router

__all__ = ["CSP", "STATIC_DIR", "router"]
