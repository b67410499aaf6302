"""Staff drafts, scored part by part.

A draft case is a whole e-mail (`question`) with `parts`: questions the documents answer
(`expected_doc_ids` + `must_include`) and questions only a person can answer (`needs_person`).
The draft is cut into sections, one per question the draft writer found (the draft's own
structured `questions`, located in its text); each part goes with the section whose question shares
most words with the part's `ask` (a part the draft asked in pieces goes with the pieces' sections
together, when each piece's question lies within the ask). A part no section matches is judged on
the whole draft.

Per part:
- facts: share of `must_include` found in its section, placeholders for the staff member left out;
- cited: one of `expected_doc_ids` is cited in its section (by its [n] markers);
- flagged: its section holds a placeholder for the staff member, such as "[Fyll i: …]",
  "[Fill in …]", "[Komplettera …]" or "[TODO …]". A draft has no structured per-question flag, so
  the placeholder in the text is the signal; a part without one is reported as not flagged.

A documents part counts as answered when every fact is found and an expected document is cited;
a needs_person part counts only when flagged. An answered-or-flagged part is one handled honestly:
a documents part the draft leaves to the staff member with a placeholder is not wrong, only less
helpful. A draft is empty when it failed, is blank, or has neither a citation nor a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evals.dataset import Case, DraftPart
from evals.matching import content_tokens, fact_label, found_facts
from evals.results import DraftView

PLACEHOLDER = re.compile(
    r"\[\s*(?:fyll i|fill in|komplettera|att fylla i|to be completed|todo|xxx)\b[^\]]*\]",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\[(\d{1,2})\]")
_SOURCE_LINE = re.compile(r"^\s*\[\d{1,2}\]\s+\S")


@dataclass
class PartScore:
    ask: str
    needs_person: bool
    section_found: bool
    facts: float | None = None  # share of must_include found (documents parts)
    missing: list[str] = field(default_factory=list)
    cited: bool | None = None  # an expected document cited in the section (documents parts)
    flagged: bool = False

    @property
    def answered(self) -> bool:
        return not self.needs_person and self.facts == 1.0 and bool(self.cited)

    @property
    def answered_or_flagged(self) -> bool:
        return self.flagged if self.needs_person else (self.answered or self.flagged)

    def as_dict(self) -> dict[str, object]:
        return {
            "ask": self.ask,
            "needs_person": self.needs_person,
            "section_found": self.section_found,
            "facts": self.facts,
            "missing": list(self.missing),
            "cited": self.cited,
            "flagged": self.flagged,
            "answered": self.answered,
            "answered_or_flagged": self.answered_or_flagged,
        }


def sections(draft: DraftView) -> list[tuple[str, str]]:
    """(question, section text) for each question of the draft found in its text, in order. The
    list of sources at the end ("[1] Title: url" lines) is left out of every section."""
    text = draft.text
    found: list[tuple[int, int, str]] = []
    cursor = 0
    for question in draft.questions:
        at = text.find(question, cursor) if question else -1
        if at < 0:
            continue
        found.append((at, at + len(question), question))
        cursor = at + len(question)
    out = []
    for i, (_start, end, question) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        body = "\n".join(line for line in text[end:stop].splitlines() if not _SOURCE_LINE.match(line))
        out.append((question, body))
    return out


def _overlap(a: str, b: str) -> float:
    left, right = set(content_tokens(a)), set(content_tokens(b))
    if not left or not right:
        return 0.0
    return len(left & right) / len(left)


def _section_for(part: DraftPart, found: list[tuple[str, str]]) -> str | None:
    """The section whose question shares most content words with the part's ask; when the draft
    asked the part in pieces ("hur gör jag för att byta och har jag rätt att byta" found as two
    questions), the sections of every piece whose content words all lie within the ask, together,
    if they cover more of it than the best one alone. A question with a word the ask does not have
    is never added: it asks something else."""
    best, score = None, 0.0
    for i, (question, _body) in enumerate(found):
        value = _overlap(part.ask, question)
        if value > score:
            best, score = i, value
    if best is None:
        return None
    ask = set(content_tokens(part.ask))
    pieces = [
        i
        for i, (question, _body) in enumerate(found)
        if i == best or ((words := set(content_tokens(question))) and words <= ask)
    ]
    covered = set().union(*(set(content_tokens(found[i][0])) & ask for i in pieces))
    if len(pieces) > 1 and len(covered) / len(ask) > score:
        return "\n".join(found[i][1] for i in pieces)
    return found[best][1]


def _cited_docs(text: str, draft: DraftView) -> set[str]:
    by_number = {c.n: c.doc_id for c in draft.citations}
    return {by_number[int(n)] for n in _MARKER.findall(text) if int(n) in by_number}


def is_empty(draft: DraftView | None) -> bool:
    if draft is None or draft.error or not draft.text.strip():
        return True
    return not draft.citations and not PLACEHOLDER.search(draft.text)


def score_parts(case: Case, draft: DraftView) -> list[PartScore]:
    found = sections(draft)
    whole = "\n".join(line for line in draft.text.splitlines() if not _SOURCE_LINE.match(line))
    scores = []
    for part in case.parts:
        section = _section_for(part, found)
        text = section if section is not None else whole
        score = PartScore(part.ask, part.needs_person, section is not None)
        score.flagged = bool(section is not None and PLACEHOLDER.search(section))
        if not part.needs_person:
            # A line for the staff member is no part of the answer: its words ("beslut", "ärende")
            # are never the part's facts.
            answer = PLACEHOLDER.sub("", _MARKER.sub("", text))
            got, missing = found_facts(answer, part.must_include)
            score.facts = len(got) / len(part.must_include) if part.must_include else None
            score.missing = [fact_label(f) for f in missing]
            everywhere = {c.doc_id for c in draft.citations}
            cited = _cited_docs(text, draft) if section is not None else everywhere
            score.cited = bool(cited & set(part.expected_doc_ids))
        scores.append(score)
    return scores
