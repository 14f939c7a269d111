"""An archive built from the seed clippings (see seed_archive.py) and an app serving it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from seed_archive import SeedArchive, build_seed_archive

from cliptrace.web.app import create_app


@pytest.fixture(scope="session")
def seed_archive(tmp_path_factory) -> SeedArchive:
    return build_seed_archive(str(tmp_path_factory.mktemp("web") / "seed.sqlite"))


@pytest.fixture(scope="session")
def client(seed_archive) -> TestClient:
    return TestClient(create_app(seed_archive.db))
