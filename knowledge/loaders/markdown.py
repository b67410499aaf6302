"""Markdown with YAML front matter: ATX and setext headings, lists, tables, inline markup removed."""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.loaders.decoding import decode_utf8
from knowledge.loaders.hidden import without_hidden_html
from knowledge.loaders.parsed import BrokenFile, ParsedFile
from knowledge.loaders.sections import SectionBuilder
from knowledge.metadata import MetadataError, split_front_matter

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}((\*[ \t]*){3,}|(-[ \t]*){3,}|(_[ \t]*){3,})$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?://|mailto:)[^>\s]+)>"), r"\1"),  # <https://...>
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), " "),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
)


def clean_markdown_inline(text: str) -> str:
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return text


def load_markdown(data: bytes, path: Path) -> ParsedFile:
    text = decode_utf8(data)
    try:
        fields, body = split_front_matter(text)
    except MetadataError as exc:
        raise BrokenFile(str(exc)) from None
    builder = SectionBuilder()
    _parse(without_hidden_html(_COMMENT.sub("", body)), builder)
    return ParsedFile(sections=builder.build(), fields=fields, title_hint=builder.first_heading)


def _parse(body: str, builder: SectionBuilder) -> None:
    paragraph: list[str] = []
    item: list[str] | None = None
    fence: str | None = None
    rows: list[list[str]] = []  # the table being read
    header: list[str] | None = None

    def flush_table() -> None:
        nonlocal header
        if rows or header:
            builder.table([list(r) for r in rows], header)
            rows.clear()
            header = None

    def flush() -> None:
        nonlocal item
        flush_table()
        if item is not None:
            builder.list_item(clean_markdown_inline(" ".join(item)))
            item = None
        if paragraph:
            builder.paragraph(clean_markdown_inline(" ".join(paragraph)))
            paragraph.clear()

    for raw in body.split("\n"):
        line = raw.rstrip()
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                flush()
            elif line.strip():
                # Code blocks are rare in office texts; keep each line as written.
                builder.paragraph(line.strip())
            continue
        if match := _FENCE.match(line):
            flush()
            fence = match.group(1)[:3]
            continue
        if not line.strip():
            flush()
            builder.end_list()
            continue
        if (setext := _SETEXT.match(line)) and paragraph and item is None and len(paragraph) == 1:
            builder.heading(1 if setext.group(1)[0] == "=" else 2, clean_markdown_inline(paragraph.pop()))
            continue
        if _RULE.match(line):
            flush()
            builder.end_list()
            continue
        if match := _ATX.match(line):
            flush()
            builder.heading(len(match.group(1)), clean_markdown_inline(match.group(2) or ""))
            continue
        if _TABLE_RULE.match(line) and "-" in line and "|" in line:
            if len(rows) == 1 and header is None:
                header = rows.pop()  # the row above the rule names the columns
            continue
        if _LINK_DEFINITION.match(line):
            continue
        stripped = line.strip()
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
            if not stripped:
                continue
        if match := _ITEM.match(stripped):
            flush()
            item = [match.group(2)]
            continue
        if stripped.startswith("|") or (stripped.endswith("|") and "|" in stripped[:-1]):
            if not rows and header is None:
                flush()
            rows.append([clean_markdown_inline(cell.strip()) for cell in _cells(stripped)])
            continue
        flush_table()
        if item is not None:
            # A lazy continuation line belongs to the list item above.
            item.append(stripped)
            continue
        paragraph.append(stripped)
    flush()


def _cells(row: str) -> list[str]:
    """The cells of a pipe-table row; an escaped pipe (\\|) stays inside its cell."""
    body = row.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", body)]
