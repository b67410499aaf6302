"""Format loaders: each turns one file's bytes into sections plus the metadata the file carries."""

from knowledge.loaders.parsed import BrokenFile, ParsedFile
from knowledge.loaders.registry import LOADERS, UNSUPPORTED_DOCUMENTS, Loader, loader_for

__all__ = ["LOADERS", "UNSUPPORTED_DOCUMENTS", "BrokenFile", "Loader", "ParsedFile", "loader_for"]
