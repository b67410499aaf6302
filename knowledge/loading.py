"""Loading approved documents from a folder: every format, metadata precedence, gating, problems reported.

`load_documents` never raises for one bad file: a broken file goes to `report.failed`, a draft or
an expired document to `report.skipped`, each with a one-line Swedish reason, and the run goes on.

Gating comes first: the approval fields a file carries cheaply (its sidecar, Markdown front
matter, an HTML page's <meta> tags found by a linear scan) are checked before the file is parsed,
so a draft or an unapproved file, hostile or not, is never fed to a parser. Links are not followed
out of the folder: a file or sidecar whose real path lies outside it is reported and left alone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from knowledge.documents import Document, LoadIssue, LoadReport
from knowledge.language import detect_language
from knowledge.loaders import UNSUPPORTED_DOCUMENTS, BrokenFile, loader_for
from knowledge.metadata import (
    MetadataError,
    build_meta,
    content_hash,
    default_doc_id,
    is_sidecar,
    merge_fields,
    read_sidecar,
    sidecar_for,
    split_front_matter,
)

# Office documents are far smaller; a bigger file is a mistake or an attack on the loader.
MAX_FILE_BYTES = 20 * 1024 * 1024
MISSING_APPROVAL = "saknar godkännande (approved: true saknas)"


def load_documents(path: Path, today: dt.date | None = None) -> LoadReport:
    """Load every document under `path` (a folder, recursively, or one file) and gate it for serving.

    Raises FileNotFoundError only when `path` itself does not exist.
    """
    path = Path(path)
    today = today or dt.date.today()
    if not path.exists():
        raise FileNotFoundError(f"finns inte: {path}")
    report = LoadReport()
    loaded_from: dict[str, Path] = {}
    root = None if path.is_file() else path.resolve()
    files = [path] if path.is_file() else list(_discover(path, report))
    for file in files:
        try:
            early = _gate_before_parsing(file, today, root)
            if isinstance(early, str):
                report.skipped.append(LoadIssue(file, early))
                continue
            document, fields = read_document(file, root=root, data=early[0], sidecar_fields=early[1])
        except (BrokenFile, MetadataError) as exc:
            report.failed.append(LoadIssue(file, str(exc)))
            continue
        except OSError as exc:
            report.failed.append(LoadIssue(file, f"kan inte läsas ({exc.strerror or type(exc).__name__})"))
            continue
        except Exception as exc:  # a loader bug on one hostile file must not stop the run
            report.failed.append(LoadIssue(file, f"kunde inte läsas ({type(exc).__name__})"))
            continue
        reason = MISSING_APPROVAL if "approved" not in fields else document.meta.servable_reason(today)
        if reason:
            report.skipped.append(LoadIssue(file, reason))
            continue
        doc_id = document.meta.doc_id
        if doc_id in loaded_from:
            report.failed.append(
                LoadIssue(
                    file,
                    f"doc_id {doc_id!r} finns redan (i {loaded_from[doc_id].name}); dubblett hoppas över",
                )
            )
            continue
        loaded_from[doc_id] = file
        report.documents.append(document)
    return report


def read_document(
    file: Path,
    *,
    root: Path | None = None,
    data: bytes | None = None,
    sidecar_fields: dict[str, Any] | None = None,
) -> tuple[Document, dict[str, Any]]:
    """One file as a Document (no gating) and the merged metadata fields it was built from.

    With `root`, a sidecar whose real path lies outside that folder is refused. `data` and
    `sidecar_fields` pass on what the gate has already read."""
    loader = loader_for(file)
    if loader is None:
        raise BrokenFile(f"filformatet stöds inte ({file.suffix or 'utan filändelse'})")
    if sidecar_fields is None:
        sidecar_fields = _sidecar_fields(file, root)
    if data is None:
        _check_size(file)
        data = file.read_bytes()
    parsed = loader(data, file)
    sections = [section for section in parsed.sections if section.text.strip()]
    if not sections:
        raise BrokenFile("tomt dokument (ingen text hittades)")
    fields = merge_fields(sidecar_fields, parsed.fields)
    language = None if fields.get("language") else detect_language(parsed.text)
    meta = build_meta(
        fields,
        doc_id=default_doc_id(file),
        title=parsed.title_hint or file.stem,
        version=content_hash(sections),
        language=language,
    )
    questions = page_questions(fields)
    if questions:
        meta = replace(meta, questions=questions)
    return Document(meta=meta, sections=sections, path=file), fields


QUESTION_KEYS = ("questions", "frågor", "fragor")
MAX_QUESTIONS = 50


def page_questions(fields: dict[str, Any]) -> tuple[str, ...]:
    """The optional "questions this page answers" of a document's metadata (a list of strings)."""
    for key in QUESTION_KEYS:
        value = fields.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            value = [line for line in value.split("\n")]
        if not isinstance(value, list):
            raise MetadataError(f"{key}: väntade en lista med frågor")
        questions = [" ".join(str(q).split()) for q in value if isinstance(q, str | int | float)]
        return tuple(dict.fromkeys(q[:300] for q in questions if q))[:MAX_QUESTIONS]
    return ()


OUTSIDE_ROOT = "länkar till en plats utanför dokumentmappen; följs inte"


def _check_size(file: Path) -> None:
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BrokenFile(
            f"filen är för stor ({size / 1_048_576:.1f} MB, högst {MAX_FILE_BYTES // 1_048_576} MB)"
        )


def _inside(path: Path, root: Path | None) -> bool:
    if root is None:
        return True
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def _sidecar_fields(file: Path, root: Path | None) -> dict[str, Any]:
    sidecar = sidecar_for(file)
    if sidecar is None:
        return {}
    if not _inside(sidecar, root):
        raise MetadataError(f"{sidecar.name}: {OUTSIDE_ROOT}")
    return read_sidecar(sidecar)


def _fields_in_file(file: Path, data: bytes) -> dict[str, Any]:
    """The metadata a file carries itself, found without parsing the document."""
    suffix = file.suffix.lower()
    if suffix in (".md", ".markdown"):
        from knowledge.loaders.decoding import decode_utf8

        return split_front_matter(decode_utf8(data))[0]
    if suffix in (".html", ".htm"):
        from knowledge.loaders.html import prescan_fields

        return dict(prescan_fields(data))
    return {}


def _gate_before_parsing(
    file: Path, today: dt.date, root: Path | None
) -> str | tuple[bytes | None, dict[str, Any]]:
    """Why `file` is skipped, from its cheap metadata alone; or (its bytes, its sidecar fields) to
    parse it with. A file that passes is gated again on its full metadata after parsing."""
    sidecar_fields = _sidecar_fields(file, root)
    data = None
    if file.suffix.lower() in (".md", ".markdown", ".html", ".htm"):
        _check_size(file)
        data = file.read_bytes()
        fields = merge_fields(sidecar_fields, _fields_in_file(file, data))
    else:
        fields = merge_fields(sidecar_fields)
    if "approved" not in fields:
        return MISSING_APPROVAL
    meta = build_meta(
        fields,
        doc_id=default_doc_id(file) or "dokument",
        title=file.stem,
        version="0",
        language=None if fields.get("language") else "sv",
    )
    return meta.servable_reason(today) or (data, sidecar_fields)


def _discover(root: Path, report: LoadReport) -> Iterator[Path]:
    real_root = root.resolve()
    for directory, subdirectories, names in os.walk(root):
        # Hidden folders (.git, .cache) are never documents; sorted for a stable order (duplicates!).
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in subdirectories:
            # os.walk does not descend into linked folders; one leading out of the root is reported.
            folder = Path(directory, name)
            if folder.is_symlink() and not _inside(folder, real_root):
                report.failed.append(LoadIssue(folder, OUTSIDE_ROOT))
        for name in sorted(names):
            file = Path(directory, name)
            if _ignored(file):
                continue
            if not _inside(file, real_root):
                report.failed.append(LoadIssue(file, OUTSIDE_ROOT))
                continue
            suffix = file.suffix.lower()
            if loader_for(file) is not None:
                yield file
            elif suffix in UNSUPPORTED_DOCUMENTS:
                report.skipped.append(LoadIssue(file, f"filformatet stöds inte ({suffix})"))


def _ignored(file: Path) -> bool:
    name = file.name
    return name.startswith((".", "~$")) or is_sidecar(file) or file.stem.lower() == "readme"
