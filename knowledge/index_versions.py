"""Index versions on disk: each ingest writes data_dir/index/<version>/ (plus its Chroma collection)
and then switches the pointer file data_dir/index/CURRENT atomically (write temp + os.replace)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.config import IndexConfig
from knowledge.documents import DocumentMeta
from knowledge.passages import Passage
from knowledge.vector_store import drop_collection

CURRENT = "CURRENT"
BUILDING_SUFFIX = ".building"
MANIFEST = "manifest.json"
DOCUMENTS = "documents.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.npy"
LEXICAL = "lexical"


class IndexNotFound(FileNotFoundError):
    """The data directory has no built index yet."""


def new_version_id(now: dt.datetime | None = None) -> str:
    """Sortable and unique: UTC time to the microsecond plus a random suffix."""
    now = now or dt.datetime.now(dt.UTC)
    return now.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(2)


def read_current(config: IndexConfig) -> str | None:
    try:
        version = (config.index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return version or None


def current_stamp(config: IndexConfig) -> tuple[int, int] | None:
    """A cheap fingerprint of CURRENT: os.replace gives the pointer a new inode on every switch."""
    try:
        st = os.stat(config.index_dir / CURRENT)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def switch_current(config: IndexConfig, version: str) -> None:
    """Point CURRENT at a complete version in one atomic rename."""
    index_dir = config.index_dir
    tmp = index_dir / f".{CURRENT}.{secrets.token_hex(4)}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(version + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT)
    dir_fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def writer_lock(config: IndexConfig) -> Iterator[None]:
    """One writer per data directory: a second ingest waits for the first."""
    config.index_dir.mkdir(parents=True, exist_ok=True)
    with open(config.index_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def version_dir(config: IndexConfig, version: str) -> Path:
    return config.index_dir / version


def meta_to_json(meta: DocumentMeta) -> dict[str, Any]:
    out = asdict(meta)
    for key in ("valid_from", "valid_until"):
        if out[key] is not None:
            out[key] = out[key].isoformat()
    return out


def meta_from_json(data: dict[str, Any]) -> DocumentMeta:
    data = dict(data)
    for key in ("valid_from", "valid_until"):
        if data.get(key):
            data[key] = dt.date.fromisoformat(data[key])
    data["questions"] = tuple(data.get("questions") or ())
    return DocumentMeta(**data)


@dataclass
class StoredPassage:
    passage: Passage
    content_hash: str


def write_version_files(
    directory: Path,
    *,
    manifest: dict[str, Any],
    documents: Sequence[DocumentMeta],
    passages: Sequence[StoredPassage],
    vectors: np.ndarray,
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / DOCUMENTS).write_text(
        json.dumps([meta_to_json(m) for m in documents], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    with open(directory / PASSAGES, "w", encoding="utf-8") as fh:
        for sp in passages:
            row = asdict(sp.passage)
            row.pop("score", None)
            row.pop("terms", None)  # what a search matched, not part of the passage
            row["hash"] = sp.content_hash
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    np.save(directory / VECTORS, np.asarray(vectors, dtype=np.float32))
    # The manifest goes last: a version directory without one is incomplete.
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def read_manifest(directory: Path) -> dict[str, Any]:
    return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))


def read_documents(directory: Path) -> list[DocumentMeta]:
    return [meta_from_json(d) for d in json.loads((directory / DOCUMENTS).read_text(encoding="utf-8"))]


def read_passages(directory: Path) -> list[StoredPassage]:
    out = []
    with open(directory / PASSAGES, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            content_hash = row.pop("hash")
            out.append(StoredPassage(Passage(**row), content_hash))
    return out


def read_vectors(directory: Path) -> np.ndarray:
    return np.load(directory / VECTORS)


def list_versions(config: IndexConfig) -> list[str]:
    if not config.index_dir.exists():
        return []
    return sorted(p.name for p in config.index_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def garbage_collect(config: IndexConfig, keep: set[str]) -> list[str]:
    """Remove every version (directory and collection) not in keep, including builds that
    died half-way. Run under writer_lock, after the switch."""
    removed = []
    for name in list_versions(config):
        version = name.removesuffix(BUILDING_SUFFIX)
        if version in keep and not name.endswith(BUILDING_SUFFIX):
            continue
        drop_collection(config, version)
        shutil.rmtree(config.index_dir / name, ignore_errors=True)
        removed.append(version)
    return removed
