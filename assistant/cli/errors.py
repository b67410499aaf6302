"""CLI error convention: bad input ends with one line on stderr and exit code 2."""


class UsageFailure(Exception):
    """Raised by a command when its input is unusable; main() prints one line and exits 2."""
