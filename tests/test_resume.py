"""kill -9 at each stage boundary of an ingest, then the same ingest again: the same archive as an
uninterrupted run, entities merged (issue 13.3). Real processes, killed by the kernel."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cliptrace.archive.integrity import check
from cliptrace.archive.store import Archive
from cliptrace.resume import KILL_AT_ENV

CLIPTRACE = str(Path(sys.executable).with_name("cliptrace"))
STAGES = ["source-stored", "sources-stored", "entities-run", "framing-run"]


def cliptrace(*args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != KILL_AT_ENV}
    if kill_at:
        env[KILL_AT_ENV] = kill_at
    return subprocess.run([CLIPTRACE, *args], env=env, capture_output=True, text=True, timeout=600)


def snapshot(db: str) -> tuple[str, int]:
    """The JSONL export and the number of people, the two things a kill used to leave wrong."""
    export = cliptrace("export", "--db", db)
    assert export.returncode == 0, export.stderr
    with sqlite3.connect(db) as conn:
        people = conn.execute("SELECT count(*) FROM entities WHERE type = 'person'").fetchone()[0]
    return export.stdout, people


@pytest.fixture(scope="module")
def uninterrupted(seeds_dir, tmp_path_factory) -> tuple[str, int]:
    db = str(tmp_path_factory.mktemp("whole") / "whole.sqlite")
    assert cliptrace("ingest", str(seeds_dir), "--db", db).returncode == 0
    return snapshot(db)


@pytest.mark.slow
@pytest.mark.parametrize("stage", STAGES)
def test_a_kill_at_any_stage_is_completed_by_the_next_ingest(stage, seeds_dir, tmp_path, uninterrupted):
    db = str(tmp_path / "killed.sqlite")
    killed = cliptrace("ingest", str(seeds_dir), "--db", db, kill_at=stage)
    assert killed.returncode == -9
    with Archive.open(db) as archive:
        assert archive.pending_steps()  # what the kill interrupted is on record
        assert any("interrupted" in problem for problem in check(archive))
    if stage == "sources-stored":  # stored but not merged: the archive differs until completed
        assert snapshot(db)[1] > uninterrupted[1]
    again = cliptrace("ingest", str(seeds_dir), "--db", db)
    assert again.returncode == 0, again.stderr
    assert "Finished what an interrupted run left" in again.stdout
    assert snapshot(db) == uninterrupted
    with Archive.open(db) as archive:
        assert check(archive) == [] and archive.pending_steps() == []


@pytest.mark.slow
def test_repair_completes_an_interrupted_merge_and_check_reports_damage(seeds_dir, tmp_path, uninterrupted):
    db = str(tmp_path / "repaired.sqlite")
    assert cliptrace("ingest", str(seeds_dir), "--db", db, kill_at="sources-stored").returncode == -9
    assert cliptrace("stats", "--check", "--db", db).returncode == 1
    repaired = cliptrace("repair", "--db", db)
    assert repaired.returncode == 0 and "entities" in repaired.stdout
    assert snapshot(db) == uninterrupted
    assert cliptrace("stats", "--check", "--db", db).returncode == 0
    with sqlite3.connect(db) as conn:  # damage the kind a bad copy does: a source's bytes gone
        conn.execute("DELETE FROM blobs WHERE sha256 = (SELECT min(sha256) FROM sources)")
    damaged = cliptrace("stats", "--check", "--db", db)
    assert damaged.returncode == 1 and "stored bytes are missing" in damaged.stderr
