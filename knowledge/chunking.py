"""Cutting documents into passages: per section, a few sentences each, one sentence of overlap.

Passages never cross a section (heading path), so a citation's section is always right, and each
passage opens with its section's own heading as a "# " line (see passage_sentences). A list
(with the line that leads into it) and a table are kept whole in one passage; one too long for a
passage is cut between items or rows, and each part repeats the list's lead line, so no passage
holds items without what they are items of (a table row already names its columns). The text
is redacted with guardrails before it leaves this module: nothing downstream (embeddings, the
lexical index, answers) ever sees the personal data in worked examples. Contact details that the
page publishes for an organisation (see public_contacts) are not personal data and stay, and so
do the contact details of the office file the caller ingests with (its allow list).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guardrails.text.sentences import split_sentences
from knowledge.documents import Document
from knowledge.passages import Passage

if TYPE_CHECKING:
    from guardrails import OfficeConfig

TARGET_WORDS = 100  # a passage is closed once it reaches this many words ...
MAX_WORDS = 140  # ... and never grows past this (unless one sentence alone is longer)
OVERLAP_MAX_WORDS = 45  # the overlap sentence is carried over only when it is this short
MIN_TAIL_WORDS = 25  # a shorter last passage is folded into the one before, when that fits
MAX_UNIT_WORDS = 200  # a list or table up to this long stays whole in one passage
SECTION_SEPARATOR = " › "
HEADING_MARK = "# "  # a passage's first line when it is its section's heading (never a sentence)


@dataclass(frozen=True)
class _Unit:
    text: str
    new_line: bool  # starts a new line (paragraph or list item) rather than continuing one
    words: int


def chunk_document(doc: Document, office: OfficeConfig | None = None) -> list[Passage]:
    """The document's passages, each with its metadata, redacted text and a stable id. `office`
    (default: the packaged office file) is the office whose public contact details stay."""
    redact = _redactor(doc.meta.language, doc, office)
    ordinals: Counter[str] = Counter()
    passages: list[Passage] = []
    for section in doc.sections:
        section_name = redact(SECTION_SEPARATOR.join(section.heading_path))
        # The section's own heading opens each of its passages ("# Detta kräver inget samtycke"): a
        # list hangs on it, and an answer that quotes it with an item is quoting the document.
        heading = redact(section.heading_path[-1]) if section.heading_path else ""
        for body in _pack(_units(redact(section.text))):
            text = f"{HEADING_MARK}{heading}\n{body}" if heading else body
            ordinal = ordinals[section_name]
            ordinals[section_name] += 1
            passages.append(
                Passage(
                    id=passage_id(doc.meta.doc_id, doc.meta.version, section_name, ordinal),
                    doc_id=doc.meta.doc_id,
                    version=doc.meta.version,
                    title=doc.meta.title,
                    section=section_name,
                    source_url=doc.meta.source_url,
                    language=doc.meta.language,
                    text=text,
                )
            )
    return passages


def passage_id(doc_id: str, version: str, section: str, ordinal: int) -> str:
    """Stable across runs: the same document version always yields the same ids."""
    key = "\x1f".join((doc_id, version, section, str(ordinal)))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for block in _blocks(text):
        if len(block) > 1 or _is_item(block[0]):
            units.extend(_structured(block))
            continue
        for index, sentence in enumerate(split_sentences(block[0])):
            for piece_index, piece in enumerate(_cap(sentence)):
                units.append(_Unit(piece, index == 0 and piece_index == 0, len(piece.split())))
    return units


def _blocks(text: str) -> list[list[str]]:
    """The section's blocks (paragraphs, lists, tables) as lines; a line ending in ':' that leads
    into a list or table joins it."""
    blocks: list[list[str]] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        if not lines:
            continue
        previous = blocks[-1] if blocks else None
        structured = len(lines) > 1 or _is_item(lines[0])
        if structured and previous is not None and len(previous) == 1 and previous[0].endswith(":"):
            previous.extend(lines)
        else:
            blocks.append(lines)
    return blocks


def _is_item(line: str) -> bool:
    return line.startswith(("- ", "* ", "• "))


def _structured(lines: list[str]) -> list[_Unit]:
    """A list or a table as one unit, or, when too long, as parts cut between lines that each
    repeat the lead line (a list's "Bifoga:" says what the items are)."""
    words = sum(len(line.split()) for line in lines)
    if words <= MAX_UNIT_WORDS:
        return [_Unit("\n".join(lines), True, words)]
    lead = lines[0] if lines[0].endswith(":") and not _is_item(lines[0]) else ""
    body = lines[1:] if lead else lines
    lead_words = len(lead.split())
    units: list[_Unit] = []
    part: list[str] = []
    count = 0
    for line in body:
        size = len(line.split())
        if part and count + size > MAX_WORDS - lead_words:
            units.append(_part(lead, part))
            part, count = [], 0
        if size > MAX_WORDS:
            units.extend(_Unit(piece, True, len(piece.split())) for piece in _cap(line))
            continue
        part.append(line)
        count += size
    if part:
        units.append(_part(lead, part))
    return units


def _part(lead: str, lines: list[str]) -> _Unit:
    text = "\n".join([lead, *lines] if lead else lines)
    return _Unit(text, True, len(text.split()))


def _cap(sentence: str) -> list[str]:
    # A "sentence" longer than a passage (a table row, a run-on list) is cut into word windows.
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return [sentence]
    return [" ".join(words[i : i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS)]


def _pack(units: list[_Unit]) -> list[str]:
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    words = new = 0  # `new`: units in `current` that are not the carried-over overlap
    for unit in units:
        if current and new and (words + unit.words > MAX_WORDS or words >= TARGET_WORDS):
            groups.append(current)
            last = current[-1]
            keep = (
                len(current) > 1 and last.words <= OVERLAP_MAX_WORDS and last.words + unit.words <= MAX_WORDS
            )
            current = [last] if keep else []
            words = last.words if keep else 0
            new = 0
        current.append(unit)
        words += unit.words
        new += 1
    if current and new:
        tail = current[len(current) - new :]
        tail_words = sum(unit.words for unit in tail)
        if (
            groups
            and tail_words < MIN_TAIL_WORDS
            and sum(u.words for u in groups[-1]) + tail_words <= MAX_WORDS
        ):
            groups[-1] = groups[-1] + tail
        else:
            groups.append(current)
    return [_join(group) for group in groups]


def _join(units: list[_Unit]) -> str:
    text = units[0].text
    for unit in units[1:]:
        text += ("\n" if unit.new_line else " ") + unit.text
    return text


def _redactor(
    language: str, doc: Document | None = None, office: OfficeConfig | None = None
) -> Callable[[str], str]:
    import guardrails  # imported here: guardrails loads its recognisers, only ingest needs them

    office = office or guardrails.load_office()
    if doc is not None:
        from knowledge.public_contacts import public_contact_values, with_public_values

        office = with_public_values(office, public_contact_values(doc, office))

    def redact(text: str) -> str:
        if not text:
            return text
        return guardrails.redact(text, language=language, office=office).text

    return redact
