"""The unit that retrieval returns and answers cite."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A section heading over links to other pages ("Läs också", "Related pages"), not over text that
# answers a question: such a section is never quoted and ranks low.
_NAVIGATION = re.compile(
    r"^\s*(läs (mer|också|även)|se (även|också)|relaterade? (sidor|länkar|information)|länkar|"
    r"read (more|also)|see also|related( pages| links)?|links|further reading)\b",
    re.IGNORECASE,
)


def navigation_heading(heading: str) -> bool:
    """Whether a section heading (its last part) stands over links to other pages."""
    return bool(_NAVIGATION.match(heading.rsplit(" › ", 1)[-1]))


# A section heading over a worked example or a case description ("Exempel: Karin, 84"): it
# illustrates a rule with one person's story and is never quoted as the rule.
# ("In case of …" is no example.)
_EXAMPLE = re.compile(r"\b(exempel|example|fallbeskrivning|case (study|description))\w*", re.IGNORECASE)


def example_heading(heading: str) -> bool:
    """Whether a section heading (its last part) stands over a worked example."""
    return bool(_EXAMPLE.search(heading.rsplit(" › ", 1)[-1]))


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    version: str
    title: str
    section: str
    source_url: str
    language: str
    text: str
    score: float = 0.0
    # The dense retriever's cosine between the question and this passage (its headings included),
    # set by search; 0 when not measured. Fused scores keep only ranks; this keeps how close.
    dense: float = 0.0
    # The office-vocabulary terms the question was searched with as well, one text per entry its
    # words matched (that entry's `means`, comma-separated), set by search: in the documents' words
    # what a question in another language, or in everyday words, asks about.
    terms: tuple[str, ...] = ()
