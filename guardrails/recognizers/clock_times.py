"""A number after a place name that is a clock time, not a house number or a property designation.

"Tåget från Hallsberg 06:52", "buss 14 till Tynnered 17:25" in a timetable: a place name followed by
H:MM has the shape of a street address or of a property designation ("Tynnered 17:25" may be one). A
house number never runs on into ":MM" and never opens with a zero; a designation's N:NN is read as
a clock time when it is a valid time and the same message already writes a time no designation can
be (one with a leading zero, "08:00") or puts "kl" right before it. Precompiled patterns only.
"""

from __future__ import annotations

import re

# a time that cannot be a designation: its hour has a leading zero ("07:48"; with a colon only:
# "03.04" is as often a date)
_ZERO_HOUR_TIME = re.compile(r"(?<![\d:.])0\d:[0-5]\d(?![\d:])")
_VALID_TIME = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d")
_KL_BEFORE = re.compile(r"(?i:\bkl(?:ockan)?\b)\.?\s?(?:\S+\s){0,3}$")


def clock_time(text: str, number: str, start: int) -> bool:
    """`number` (a designation's "N:NN", found at `start`) reads as a clock time in `text`."""
    if _VALID_TIME.fullmatch(number.replace(" ", "")) is None:
        return False
    if _ZERO_HOUR_TIME.search(text) is not None:
        return True
    return _KL_BEFORE.search(text, max(0, start - 30), start) is not None
