"""The HTTP API (FastAPI): citizen chat, staff drafts and handoffs, admin, health and metrics."""

from assistant.api.app import create_app

__all__ = ["create_app"]
