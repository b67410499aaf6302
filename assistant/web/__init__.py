"""The web pages: citizen chat, staff console and accessibility statement (HTML + static files)."""

from assistant.web.pages import STATIC_DIR, router

__all__ = ["STATIC_DIR", "router"]
