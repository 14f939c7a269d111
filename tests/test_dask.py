"""Scale-out for real: a `dask scheduler` and two `dask worker` processes on localhost, fed by
`cliptrace ingest --dask tcp://…` into PostgreSQL, give the same archive as a local run."""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cliptrace
from cliptrace.archive.export import write_jsonl
from cliptrace.archive.store import Archive
from cliptrace.cli import app

SEEDS = ("000_a29189923c9b05dd.txt", "003_196e63016ac7f4ab.txt", "004_e5c4a71e5aa29ceb.txt")
DASK = str(Path(sys.executable).with_name("dask"))  # the console script of the running environment
WORKERS = 2
READY_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Starts `dask …` in its own process group, so that stopping it also stops its nanny's worker."""
    with log.open("wb") as out:
        return subprocess.Popen([DASK, *args], env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def dask_scheduler(tmp_path):
    """The address of a running scheduler with two single-threaded worker processes. The workers
    import cliptrace from the same place as this test (PYTHONPATH), so they run the code under test."""
    from dask.distributed import Client

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(cliptrace.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")])}
    address = f"tcp://127.0.0.1:{_free_port()}"
    processes = [_start(["scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                         "--no-dashboard"], env, tmp_path / "scheduler.log")]
    try:
        for n in range(WORKERS):
            processes.append(_start(["worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
                                     "--local-directory", str(tmp_path / f"worker{n}")],
                                    env, tmp_path / f"worker{n}.log"))
        with Client(address, timeout=READY_TIMEOUT_S) as client:
            client.wait_for_workers(WORKERS, timeout=READY_TIMEOUT_S)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)


@pytest.fixture
def pile(tmp_path, seeds_dir) -> Path:
    folder = tmp_path / "pile"
    folder.mkdir()
    for name in SEEDS:
        shutil.copy(seeds_dir / name, folder / name)
    return folder


def _export(db: str, pile: Path) -> list[str]:
    """The archive as contract JSON lines, with the pile's folder written as PILE."""
    out = io.StringIO()
    with Archive.open(db) as archive:
        write_jsonl(archive, out)
    return out.getvalue().replace(str(pile), "PILE").splitlines()


def _ingest(pile: Path, db: str, *options: str) -> None:
    result = CliRunner().invoke(app, ["ingest", str(pile), "--db", db, *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.slow
@pytest.mark.parametrize("db", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_dask_workers_on_localhost_fill_postgresql_like_a_local_run(dask_scheduler, pile, db, tmp_path):
    local_db = str(tmp_path / "local.sqlite")
    _ingest(pile, local_db)
    _ingest(pile, db, "--dask", dask_scheduler)
    from dask.distributed import Client

    with Client(dask_scheduler) as client:
        # a lambda travels by value (this module is not importable on the workers)
        ran_pipeline = client.run(lambda: "cliptrace.pipeline" in sys.modules)
    assert any(ran_pipeline.values())  # the batches ran on the worker processes

    local, distributed = _export(local_db, pile), _export(db, pile)
    assert len(distributed) == len(local) >= len(SEEDS)
    assert '"speaker": "' in "".join(distributed)  # the workers really extracted quotes
    assert distributed == local  # same article ids, texts, entities, quotes, figures, events, in order

