"""Shared fixtures: the seed clippings, the real spaCy pipeline, a real PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from testpaths import DATA, SEEDS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def nlp():
    from cliptrace.extract.nlp import load_nlp
    from cliptrace.settings import DEFAULT_MODEL

    return load_nlp(DEFAULT_MODEL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


@pytest.fixture(scope="session")
def pg_url():
    """A real PostgreSQL server for the session.

    CLIPTRACE_TEST_PG_URL points at one already running (CI starts its own); otherwise a
    throwaway cluster is started on a free port. Without either, the test is skipped unless
    CLIPTRACE_REQUIRE_PG=1 (set by CI), where it fails: CI must never silently skip them.
    """
    url = os.environ.get("CLIPTRACE_TEST_PG_URL")
    if url:
        yield url
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("CLIPTRACE_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required (CLIPTRACE_REQUIRE_PG=1) but initdb/pg_ctl are missing")
        pytest.skip("no PostgreSQL server binaries here")
    workdir = Path(tempfile.mkdtemp(prefix="cliptrace-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(workdir, "postgres")
        # runuser lives in sbin, which a user's PATH (or a clean `env -i` shell's) may leave out
        run_as = [shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin") or "runuser",
                  "-u", "postgres", "--"]
    port = _free_port()
    datadir, sock = workdir / "data", workdir
    subprocess.run([*run_as, initdb, "-D", str(datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*run_as, pg_ctl, "-D", str(datadir), "-l", str(workdir / "log"), "-w", "-o",
                    f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(datadir), "-m", "immediate", "stop"], capture_output=True)
        time.sleep(0.2)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file path, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "archive.sqlite")
        return
    server = make_url(request.getfixturevalue("pg_url"))
    name = f"cliptrace_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
