"""Reliability, security and scale-out tests (issue 8)."""
