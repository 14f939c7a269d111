"""Two archives: one built by really ingesting the seed clippings (and a hostile page) through the
whole pipeline, which most tests use; and a small hand-annotated one (seed_archive.py) for what the
seeds lack: a republished copy, hostile metadata, exact hand-checked counts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from real_archive import RealArchive, build_real_archive
from seed_archive import SeedArchive, build_seed_archive

from cliptrace.web.app import create_app
from testpaths import LOCAL_URL as LOCAL


@pytest.fixture(scope="session")
def real_archive(tmp_path_factory) -> RealArchive:
    return build_real_archive(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="session")
def client(real_archive) -> TestClient:
    return TestClient(create_app(real_archive.db), base_url=LOCAL)


@pytest.fixture(scope="session")
def seed_archive(tmp_path_factory) -> SeedArchive:
    return build_seed_archive(str(tmp_path_factory.mktemp("web") / "seed.sqlite"))


@pytest.fixture(scope="session")
def hand_client(seed_archive) -> TestClient:
    return TestClient(create_app(seed_archive.db), base_url=LOCAL)
