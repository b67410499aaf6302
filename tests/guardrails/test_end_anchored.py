"""The tail-only search of end-anchored cue patterns finds exactly what the full search finds."""

from __future__ import annotations

import random
import re

from guardrails.recognizers import name_cues
from guardrails.recognizers.script_names import NAMING_CUE
from guardrails.text.end_anchored import bounded_width, end_anchored

_PIECES = ["jag heter", "min mamma", "ابني", "меня зовут", "hej", "och", "Anna", " ", "  ", "\t", "\n",
           ",", ":", "!", "tack för allt", "god man för", "c/o", "från:", "s:t", "x", "å", "ä"]  # fmt: skip


def _texts(n: int = 400) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 9))) for _ in range(n)]


def _patterns() -> list[re.Pattern[str]]:
    # (the cues the module serves end-anchored already, and the others)
    plain = [getattr(v, "_pattern", v) for v in vars(name_cues).values()]
    found = [p for p in plain if isinstance(p, re.Pattern) and p.pattern.endswith("$")]
    assert len(found) > 15
    return [*found, NAMING_CUE._pattern]


def test_same_match_as_full_search() -> None:
    texts = _texts()
    for pattern in _patterns():
        fast = end_anchored(pattern)
        for text in texts:
            want = pattern.search(text)
            got = fast.search(text)
            assert (want and want.span()) == (got and got.span()), (pattern.pattern[:40], text)
            for pos, end in ((1, len(text)), (0, max(0, len(text) - 2)), (2, len(text) - 1)):
                want = pattern.search(text, pos, max(end, 0))
                got = fast.search(text, pos, max(end, 0))
                assert (want and want.span()) == (got and got.span())


def test_width_only_for_bounded_end_anchored_patterns() -> None:
    assert bounded_width(re.compile(r"(?<!\w)(?:heter|jag heter)[,:]?[ \t]*$")) == 10
    assert bounded_width(re.compile(r"heter")) is None  # not anchored at the end
    assert bounded_width(re.compile(r"(?:^|\n)[ \t]*/[ \t]*$")) is None  # a run in the middle
    assert bounded_width(re.compile(r"heter$", re.MULTILINE)) is None
    assert end_anchored(re.compile(r"x$")).pattern == "x$"  # the rest is the pattern's own
