"""Log lines as one JSON object each, carrying the id of the request they were written for.

The HTTP layer (assistant/api/request_context.py) sets REQUEST_ID for the duration of a request;
every record logged meanwhile, in the request's task or in a worker thread it started (Starlette
copies the context into its thread pool), gets it as `request_id`. So all the lines of one request
can be found with the id the client got in its X-Request-ID header.

What goes out is what the record's message says after the filters (assistant.log_privacy turns
conversation ids into pseudonyms first) and nothing else: an exception is written as its type and
its stack frames, never its message, which could quote input.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from contextvars import ContextVar

REQUEST_ID: ContextVar[str | None] = ContextVar("tillit_request_id", default=None)

# Extra fields a record may carry into the line (set with `extra=`); anything else stays out.
FIELDS = ("http_method", "route", "status", "duration_ms")


class RequestIdFilter(logging.Filter):
    """Stamps `record.request_id` (None outside a request) for any formatter that wants it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id and known extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id:
            entry["request_id"] = request_id
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
            entry["stack"] = "".join(traceback.format_tb(record.exc_info[2])[-8:])
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)
