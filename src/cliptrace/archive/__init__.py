"""The archive: SQLite (default) or PostgreSQL through one interface."""

from cliptrace.archive.search import SearchHit
from cliptrace.archive.store import Archive

__all__ = ["Archive", "SearchHit"]
