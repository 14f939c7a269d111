"""The questions run over the same seed archive as the web tests (tests/web/seed_archive.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from seed_archive import SeedArchive, build_seed_archive  # noqa: E402

from cliptrace.archive.store import Archive  # noqa: E402


@pytest.fixture(scope="session")
def seed(tmp_path_factory) -> SeedArchive:
    return build_seed_archive(str(tmp_path_factory.mktemp("questions") / "seed.sqlite"))


@pytest.fixture()
def conn(seed):
    archive = Archive.open(seed.db)
    with archive.engine.connect() as connection:
        yield connection
    archive.close()
