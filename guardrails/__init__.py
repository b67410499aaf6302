"""guardrails package."""
