"""The years a question asks about and the years an answer speaks of.

Figures tied to a year (the prisbasbelopp, fee and asset limits, a planned change) differ from year
to year, and an approved page holds the current ones. A question about another year answered with
this year's figures, without a word, misleads: the reader takes them for the year asked. When the
question names a year, the answer names years, and none of them is the one asked, the reply says
so beside the answer; the answer itself is left as it is (it is still the approved text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A year as people write it, 1950-2099; not a longer digit run, and not an amount ("2000 kr").
_YEAR = re.compile(
    r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d]|[.,]\d|\s*(?:kr\b|kronor|sek\b|:-|%|procent|st\b|timm))",
    re.IGNORECASE,
)


def years_in(texts: Iterable[str]) -> set[str]:
    """Every year named in the texts."""
    return {m.group(1) for text in texts for m in _YEAR.finditer(text)}


def other_years(question: str, answer_texts: Iterable[str]) -> tuple[list[str], list[str]] | None:
    """(years asked, years the answer names) when the question names a year and the answer names
    only others; None when they agree, or either names none (a rule without a year is no mismatch)."""
    asked = years_in([question])
    stated = years_in(answer_texts)
    if not asked or not stated or asked & stated:
        return None
    return sorted(asked), sorted(stated)
