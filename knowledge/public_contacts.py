"""Contact details an approved page publishes for an organisation, kept out of redaction.

Documents are redacted at ingest, and a phone number or e-mail address is personal data by
default. But an office page that says "Ring kontaktcentret på 0611-99 12 34" or "Besöksadress:
Storgatan 12" publishes an organisation's contact details, and a citizen asking how to reach the
office must get them. A detail counts as the organisation's when, on its own line, it is:

- not beside a person's name (guardrails finds none on the line), not a mobile number, not in a
  section that is a worked example, not next to words about one person ("honom", "hennes"), and
- introduced as an organisation's contact (switchboard, office, opening hours, visiting address,
  "ring oss", a section whose heading names a contact channel: "Kontakt", "Telefon", "E-post",
  "Ring oss", "How to reach us"), given with weekday opening hours ("måndag 9.00–11.00": a person
  is not open), listed on one line with the organisation's own e-mail address, or an e-mail
  address whose local part names a function ("kontakt@", "kansliet@", "registrator@") rather
  than a person.

Headings are scanned with the same tests as the text (the heading is the line, the heading path
the context): "## Telefon 0455-12 34 56" publishes a number as much as a paragraph does, and the
chunker redacts headings on their own. Everything else is redacted as before; the values found
here are passed to guardrails as public values of the document only (its own allow list, never
the office's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guardrails import OfficeConfig
from guardrails.text.diacritics import fold_diacritics
from knowledge.documents import Document

_TYPES = ("TELEFON", "EPOST", "ADRESS", "POSTNUMMER")
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
# A cheap first look: only sections with something like a phone number or an e-mail are scanned.
_CANDIDATE = re.compile(r"@|\d{2,}[\s-]?\d{2,}|\bbox\b", re.IGNORECASE)
_MOBILE = re.compile(r"^\s*(?:\+46\s*\(?0?\)?\s*|0)7\d")
_PERSONAL = re.compile(
    r"\b(honom|henne|hans|hennes|han|hon|privat\w*|mobil\w*|hem(?:ma)?telefon|personnummer)\b"
)
_EXAMPLE = re.compile(r"\b(exempel|example|fiktiv\w*|pahitt\w*)\b")
_ORGANISATION = re.compile(
    r"\b(vaxel\w*|kontaktcent\w*|kundtjanst\w*|kundservice|kansli\w*|namnd\w*|forvaltning\w*|"
    r"kommun\w*|tingsratt\w*|lansstyrelse\w*|myndighet\w*|skatteverket|forsakringskassan|polis\w*|"
    r"kronofogden|overformyndar\w*|telefontid\w*|oppettid\w*|besokstid\w*|besoksadress\w*|"
    r"postadress\w*|leveransadress\w*|reception\w*|expedition\w*|registrator\w*|jour\w*|"
    r"stodlinje\w*|hjalplinje\w*|radgivning\w*|organisation\w*|ring oss|ring till oss|mejla oss|"
    r"skriv till oss|kontakta oss|nar oss|office|switchboard|contact us|call us|email us|"
    r"opening hours|visiting address|postal address)\b"
)
# A heading that names a contact channel or says how to reach "us" heads the organisation's own
# contact details (folded text: "nå oss" is "na oss").
_CONTACT_HEADING = re.compile(
    r"\b(kontakt\w*|contact\w*|oppettid\w*|telefontid\w*|adress\w*|address\w*|hitta hit|telefon\w*|"
    r"phone\w*|e-?post|e-?mail|mejl\w*|ring oss|ring till oss|na oss|besok oss|skriv till oss|mejla oss|"
    r"(?:call|reach|find|visit|write to|email) us|opening hours)\b"
)
# Opening hours: a weekday (or its short form) and, soon after it, a clock time or an hour range
# ("måndag och torsdag klockan 9 till 11", "Mon 09.00–11.30", "mån–fre 8–16"). Read on case-folded
# text with its diacritics, so "mån" is Monday and "man" (god man) is not.
_HOURS = re.compile(
    r"\b(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|vardag|helgfri|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|weekday)\w*|"
    r"(?:mån|tis|ons|tors|fre|lör|sön|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b)"
    r"[^\n]{0,40}?(?:\b(?:kl\.?|klockan|at)\s*\d{1,2}\b|\b\d{1,2}[.:]\d{2}\b|\b\d{1,2}\s*[-–]\s*\d{1,2}\b)"
)
_FUNCTION_MAILBOX = re.compile(
    r"(kontakt|info|kansli|registrat|overformynd|namnd|kommun|forvaltning|service|support|kund|"
    r"center|centr|expedition|reception|stad|region|tingsratt|enhet|ekonomi|godman|gode|redovisning|"
    r"arvode|tillsyn|post|mail|noreply|no-reply|office|contact|help|hjalp|fraga|handlaggare|diarie|"
    r"ansokan|ansok|tolk|jour)"
)


def public_contact_values(document: Document, office: OfficeConfig | None = None) -> list[str]:
    """The organisation contact details `document` publishes, as written in its text or headings
    (`office`: the allow list the scan runs with; default the packaged office file)."""
    import guardrails  # imported here: loading its recognisers is only for ingest

    found: list[str] = []
    for text, context in _texts(document):
        if not _CANDIDATE.search(text):
            continue
        heading = _fold(context)
        if _EXAMPLE.search(heading):
            continue
        contact_section = bool(_CONTACT_HEADING.search(heading))
        entities = guardrails.scan(text, language=document.meta.language, office=office)
        names = [e.start for e in entities if e.type == "NAMN"]
        # First the e-mail addresses: a line that gives the organisation's own mailbox lists the
        # organisation's channels ("Frågor: 0611-99 12 34 · kansliet@kommun.example").
        mailbox_lines: set[int] = set()
        candidates = []
        for e in sorted((e for e in entities if e.type in _TYPES), key=lambda e: e.type != "EPOST"):
            value = text[e.start : e.end]
            start, end = _line(text, e.start, e.end)
            raw = text[start:end]
            # Words only: "@kommun.example" is an address, not a worked example.
            line = _fold(_ADDRESSES.sub(" ", raw))
            if any(start <= s < end for s in names) or _PERSONAL.search(line) or _EXAMPLE.search(line):
                continue
            if e.type == "TELEFON" and _MOBILE.match(value):
                continue
            if e.type == "EPOST":
                local = _fold(value.split("@", 1)[0])
                if _FUNCTION_MAILBOX.search(local) or _ORGANISATION.search(line):
                    found.append(value)
                    mailbox_lines.add(start)
                continue
            candidates.append((value, start, line, raw))
        for value, start, line, raw in candidates:
            if contact_section or start in mailbox_lines or _ORGANISATION.search(line) or _hours(raw):
                found.append(value)
    return list(dict.fromkeys(v.strip() for v in found if v.strip()))


def _texts(document: Document) -> Iterator[tuple[str, str]]:
    """(text, its heading context) for every heading, once, and every section's text."""
    seen: set[tuple[str, ...]] = set()
    for section in document.sections:
        path = section.heading_path
        for depth in range(1, len(path) + 1):
            if path[:depth] not in seen:
                seen.add(path[:depth])
                yield path[depth - 1], " ".join(path[:depth])
        yield section.text, " ".join(path)


def _hours(line: str) -> bool:
    """Whether `line` gives weekday opening hours ("Monday 09.00–11.00", "mån–fre kl. 8–16")."""
    return bool(_HOURS.search(line.casefold()))


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around a span (a table row, a list item, a paragraph line)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def _fold(text: str) -> str:
    return fold_diacritics(text.casefold())


def with_public_values(office: OfficeConfig, values: Iterable[str]) -> OfficeConfig:
    """A copy of the office config whose allow list also holds `values` (for one document)."""
    extra = tuple(v for v in values if v)
    if not extra:
        return office
    return office.model_copy(update={"public_numbers": (*office.public_numbers, *extra)})
