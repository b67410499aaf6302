"""Loading approved documents from a folder: every format, metadata precedence, gating, problems reported.

`load_documents` never raises for one bad file: a broken file goes to `report.failed`, a draft or
an expired document to `report.skipped`, each with a one-line Swedish reason, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
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
    files = [path] if path.is_file() else list(_discover(path, report))
    for file in files:
        try:
            document, fields = read_document(file)
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


def read_document(file: Path) -> tuple[Document, dict[str, Any]]:
    """One file as a Document (no gating) and the merged metadata fields it was built from."""
    loader = loader_for(file)
    if loader is None:
        raise BrokenFile(f"filformatet stöds inte ({file.suffix or 'utan filändelse'})")
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BrokenFile(
            f"filen är för stor ({size / 1_048_576:.1f} MB, högst {MAX_FILE_BYTES // 1_048_576} MB)"
        )
    sidecar = sidecar_for(file)
    sidecar_fields = read_sidecar(sidecar) if sidecar else {}
    parsed = loader(file.read_bytes(), file)
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
    return Document(meta=meta, sections=sections, path=file), fields


def _discover(root: Path, report: LoadReport) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(root):
        # Hidden folders (.git, .cache) are never documents; sorted for a stable order (duplicates!).
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(names):
            file = Path(directory, name)
            if _ignored(file):
                continue
            suffix = file.suffix.lower()
            if loader_for(file) is not None:
                yield file
            elif suffix in UNSUPPORTED_DOCUMENTS:
                report.skipped.append(LoadIssue(file, f"filformatet stöds inte ({suffix})"))


def _ignored(file: Path) -> bool:
    name = file.name
    return name.startswith((".", "~$")) or is_sidecar(file) or file.stem.lower() == "readme"
