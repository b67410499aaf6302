"""Test suite (a package, so tests/<area>/ folders do not shadow the product packages)."""
