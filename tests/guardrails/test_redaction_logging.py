"""No personal data in logs at any level: the redaction pipeline (ours and Presidio's) is run
with every logger at DEBUG and every record is searched for the values."""

from __future__ import annotations

import logging

import pytest

from guardrails import redact, scan

VALUES = [
    "Kerstin",
    "Lundgren",
    "19440813-9089",
    "070-174 06 12",
    "kerstin.l@gmail.com",
    "Storgatan 5B",
    "8424-4",
]
TEXT = (
    "Hej, jag heter Kerstin Lundgren, pnr 19440813-9089, tel 070-174 06 12, "
    "kerstin.l@gmail.com, Storgatan 5B, 111 51 Stockholm, konto 8424-4, 983 189 224-6"
)


def _all_logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(str(record.exc_text or ""))
    return "\n".join(parts)


def test_no_personal_data_in_logs_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    from guardrails import analyzer

    root = logging.getLogger()
    old = root.level
    with caplog.at_level(logging.DEBUG):
        root.setLevel(logging.DEBUG)
        try:
            for name in list(logging.root.manager.loggerDict):
                logging.getLogger(name)  # make sure every logger exists and propagates
            result = redact(TEXT)
            scan(TEXT)
            analyzer.analyzer().analyze(text=TEXT, language="sv")  # Presidio's own path, no filter of ours
        finally:
            root.setLevel(old)
    logged = _all_logged(caplog)
    for value in VALUES:
        assert value not in logged
    assert "Kerstin" not in result.text


def test_presidio_logger_is_scrubbed(caplog: pytest.LogCaptureFixture) -> None:
    import guardrails.analyzer  # noqa: F401 - installs the filter

    log = logging.getLogger("presidio-analyzer")
    with caplog.at_level(logging.DEBUG, logger="presidio-analyzer"):
        log.debug("matched %s", "19440813-9089")
        log.warning("bad text %s", "19440813-9089")
    logged = _all_logged(caplog)
    assert "19440813-9089" not in logged
    assert "detaljer borttagna" in logged
