"""Approval metadata: reading sidecar YAML and front matter safely, and turning fields into DocumentMeta.

Fields come from up to three places (sidecar `FILE.meta.yaml`, Markdown front matter, HTML meta tags);
`merge_fields` applies their precedence and `build_meta` validates the result. Every problem is a
`MetadataError` with a one-line Swedish reason, so the loader can report the file and carry on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from knowledge.documents import DocumentMeta, Section

# Metadata is a handful of scalars; anything far bigger or deeper is a mistake or an attack.
MAX_YAML_CHARS = 64_000
MAX_YAML_DEPTH = 8

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")

_KEY_ALIASES = {
    "id": "doc_id",
    "docid": "doc_id",
    "url": "source_url",
    "canonical": "source_url",
    "lang": "language",
}
_TRUE = {"true", "yes", "ja", "1"}
_FALSE = {"false", "no", "nej", "0"}
_DOC_ID = re.compile(r"^\w[\w.\-]{0,127}$", re.UNICODE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_WHITESPACE = re.compile(r"\s+")


class MetadataError(ValueError):
    """Metadata that cannot be read or is invalid; the message is a one-line Swedish reason."""


class _AliasRefused(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """safe_load without aliases (`*name`). Metadata is a handful of scalars; an alias there is a
    mistake or a "billion laughs" bomb (565 bytes that print as 455 million characters)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


def _short(value: object, limit: int = 60) -> str:
    """repr(value) cut to `limit` characters: an error message quotes input, never all of it."""
    if isinstance(value, dict | list | tuple | set):
        return f"<{type(value).__name__}>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_valid_doc_id(doc_id: str) -> bool:
    """Whether `doc_id` is a document id ingest accepts (letters of any case, digits, '-', '_', '.').

    The one rule for document ids: ingest applies it to metadata, and the evaluation harness to the
    ids a dataset names, so a dataset can name every document an office can load (e.g. "NV-001")."""
    return bool(_DOC_ID.match(doc_id))


def parse_yaml_mapping(text: str, source: str) -> dict[str, Any]:
    """A YAML mapping from `text` (safe_load, size and depth limited). `source` names it in errors."""
    if len(text) > MAX_YAML_CHARS:
        raise MetadataError(f"{source}: för stor ({len(text)} tecken, högst {MAX_YAML_CHARS})")
    if _bracket_depth(text) > MAX_YAML_DEPTH * 4:
        # PyYAML recurses per level: thousands of "[[[[" take seconds to fail. Refuse them up front.
        raise MetadataError(f"{source}: YAML är för djupt nästlad")
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: no arbitrary objects
    except _AliasRefused as exc:
        raise MetadataError(
            f"{source}: YAML-alias (*namn) tillåts inte i metadata (rad {exc.line})"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" rad {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise MetadataError(f"{source}: ogiltig YAML{where} ({problem})") from None
    except RecursionError:
        raise MetadataError(f"{source}: YAML är för djupt nästlad") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MetadataError(
            f"{source}: YAML måste vara en mappning (nyckel: värde), inte {type(data).__name__}"
        )
    if _depth(data) > MAX_YAML_DEPTH:
        raise MetadataError(f"{source}: YAML är för djupt nästlad (mer än {MAX_YAML_DEPTH} nivåer)")
    return {str(key): value for key, value in data.items()}


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


def _depth(root: object) -> int:
    # Iterative, and each container is visited once: YAML aliases can make a small file a huge graph.
    seen: set[int] = set()
    deepest = 0
    stack: list[tuple[object, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        deepest = max(deepest, depth)
        if deepest > MAX_YAML_DEPTH:
            return deepest
        children: Iterable[object] = ()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Markdown front matter (between `---` lines at the very top) and the body after it."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, text
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            fields = parse_yaml_mapping("\n".join(lines[1:number]), "front matter")
            return fields, "\n".join(lines[number + 1 :])
    raise MetadataError("front matter saknar avslutande '---'")


def sidecar_for(path: Path) -> Path | None:
    """The sidecar beside `path`: `guide.pdf.meta.yaml` first, then `guide.meta.yaml`."""
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            candidate = path.with_name(base + suffix)
            if candidate.is_file():
                return candidate
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def read_sidecar(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if size > MAX_YAML_CHARS * 4:
            raise MetadataError(f"{path.name}: för stor ({size} byte)")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MetadataError(f"{path.name}: ogiltig UTF-8") from None
    except OSError as exc:
        raise MetadataError(f"{path.name}: kan inte läsas ({exc.strerror})") from None
    return parse_yaml_mapping(text, path.name)


def normalize_keys(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Lower-case keys with `_` for `-` (HTML meta names use hyphens), and a few aliases."""
    normalized: dict[str, Any] = {}
    for key, value in fields.items():
        name = key.strip().lower().replace("-", "_")
        normalized[_KEY_ALIASES.get(name, name)] = value
    return normalized


def merge_fields(*sources: Mapping[str, Any]) -> dict[str, Any]:
    """Merge field sets, highest precedence first (sidecar, front matter, HTML meta), key by key."""
    merged: dict[str, Any] = {}
    for source in reversed(sources):
        merged.update(normalize_keys(source))
    return merged


def default_doc_id(path: Path) -> str:
    """The file stem as a doc_id: whitespace becomes '-', other unsafe characters are dropped."""
    stem = _WHITESPACE.sub("-", path.stem.strip())
    return re.sub(r"[^\w.\-]", "", stem)


def normalize_text(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def content_hash(sections: Iterable[Section]) -> str:
    """A short hash of the document's normalized text (headings and body): the default version."""
    digest = hashlib.sha256()
    for section in sections:
        digest.update(" › ".join(section.heading_path).encode())
        digest.update(b"\x1f")
        digest.update(normalize_text(section.text).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()[:12]


def build_meta(
    fields: Mapping[str, Any],
    *,
    doc_id: str,
    title: str,
    version: str,
    language: str | None,
) -> DocumentMeta:
    """Validate merged fields into a DocumentMeta; `doc_id`, `title`, `version`, `language` are defaults."""
    doc_id = _text(fields, "doc_id") or doc_id
    if not is_valid_doc_id(doc_id):
        raise MetadataError(f"doc_id: ogiltigt värde {_short(doc_id)} (bokstäver, siffror, '-', '_', '.')")
    language_value = (_text(fields, "language") or language or "").lower().replace("_", "-").split("-")[0]
    if not _LANGUAGE.match(language_value):
        raise MetadataError(f"language: ogiltig språkkod {_short(language_value)} (väntade t.ex. sv, en)")
    valid_from = _date(fields, "valid_from")
    valid_until = _date(fields, "valid_until")
    if valid_from and valid_until and valid_from >= valid_until:
        raise MetadataError(
            f"valid_from ({valid_from.isoformat()}) måste vara före valid_until ({valid_until.isoformat()})"
        )
    return DocumentMeta(
        doc_id=doc_id,
        title=_text(fields, "title") or title,
        approved=_approved(fields),
        version=_text(fields, "version") or version,
        language=language_value,
        source_url=_source_url(fields),
        approved_by=_text(fields, "approved_by") or None,
        valid_from=valid_from,
        valid_until=valid_until,
        audience=_text(fields, "audience") or None,
    )


def _text(fields: Mapping[str, Any], key: str) -> str:
    value = fields.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
        raise MetadataError(f"{key}: väntade text, fick {type(value).__name__}")
    return normalize_text(str(value))


def _approved(fields: Mapping[str, Any]) -> bool:
    value = fields.get("approved")
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise MetadataError(f"approved: ogiltigt värde {_short(value)} (väntade true eller false)")


def _date(fields: Mapping[str, Any], key: str) -> dt.date | None:
    value = fields.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(text).date()
            except ValueError:
                pass
    raise MetadataError(f"{key}: ogiltigt datum {_short(value)} (väntade ÅÅÅÅ-MM-DD)")


def _source_url(fields: Mapping[str, Any]) -> str:
    url = _text(fields, "source_url")
    # The link is shown to citizens: only web links or site-relative paths, never javascript: or data:.
    if url and not (
        url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith("//"))
    ):
        raise MetadataError(f"source_url: måste börja med https:// eller / (fick {url[:60]!r})")
    return url
