"""Worker processes under budgets: a slow, greedy or crashing task costs only its own item."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from cliptrace.settings import Budgets
from cliptrace.workers import Refused, bounded_map

TIGHT = Budgets(seconds=3, memory_bytes=600 * 2**20)


_HOARD: list[bytes] = []  # what a "hoard" task keeps in its worker


def behave(item: tuple[str, str]) -> str:
    """Each item names what its task does; the tasks run in real worker processes."""
    kind, arg = item
    if kind == "sleep":
        time.sleep(float(arg))
    elif kind == "grow":  # touches every page, so the resident set really grows
        hoard = b"x" * (int(arg) * 2**20)
        time.sleep(1)
        return str(len(hoard))
    elif kind == "hoard":  # returns at once but keeps its memory: the worker is over budget between tasks
        _HOARD.append(b"x" * (int(arg) * 2**20))
        return "hoard done"
    elif kind == "die-after":  # returns, then its worker is killed while idle (as by the OOM killer)
        threading.Timer(float(arg), os.kill, (os.getpid(), signal.SIGKILL)).start()
    elif kind == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    elif kind == "die-once":  # killed the first time only: the marker file says it was tried
        marker = Path(arg)
        if not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    elif kind == "blas":
        from threadpoolctl import threadpool_info

        return ",".join(str(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas")
    return f"{kind} done"


def run(items, workers=2, budgets=TIGHT) -> list:
    return [outcome for _, outcome in bounded_map(behave, items, workers, budgets)]


def test_a_task_over_time_is_refused_and_its_neighbours_kept():
    started = time.monotonic()
    outcomes = run([("ok", ""), ("sleep", "60"), ("ok", ""), ("sleep", "0.1")])
    assert outcomes == ["ok done", "took longer than 3 s", "ok done", "sleep done"]
    assert isinstance(outcomes[1], Refused)
    assert time.monotonic() - started < 20


def test_a_task_over_memory_is_refused_and_the_next_one_runs():
    # A long time budget: on a loaded machine filling 900 MiB can take longer than TIGHT's 3 s.
    outcomes = run([("grow", "900"), ("grow", "50"), ("ok", "")], workers=1,
                   budgets=Budgets(seconds=60, memory_bytes=TIGHT.memory_bytes))
    assert outcomes == ["needed more than 600 MiB", str(50 * 2**20), "ok done"]


def test_a_worker_over_memory_between_tasks_costs_no_other_item():
    # Its watchdog ends the worker while no task runs: the pool must not break and take the rest.
    outcomes = run([("hoard", "700"), ("sleep", "0.5"), ("ok", ""), ("ok", "")], workers=1)
    assert outcomes[1:] == ["sleep done", "ok done", "ok done"]
    assert outcomes[0] in ("hoard done", "needed more than 600 MiB")


def test_a_worker_killed_while_idle_costs_no_item():
    def slowly_read():  # the next item comes only after the worker has died between tasks
        yield ("die-after", "0.2")
        time.sleep(1.5)
        yield from [("ok", ""), ("ok", "")]

    outcomes = [outcome for _, outcome in bounded_map(behave, slowly_read(), 1, TIGHT)]
    assert outcomes == ["die-after done", "ok done", "ok done"]


def test_a_killed_worker_loses_only_its_item_which_is_retried_once(tmp_path):
    outcomes = run([("die-once", str(tmp_path / "tried")), ("die", ""), ("ok", "")])
    assert outcomes[0] == "die-once done"  # the retry in a fresh worker succeeded
    assert outcomes[1] == "its worker process died twice on it (exit status -9)"
    assert outcomes[2] == "ok done"


# A fresh interpreter like the ingest command's: numpy is first loaded by a task, after the fork,
# and the environment asks for three BLAS threads (OpenBLAS would otherwise start one per core).
_BLAS_LOADED_AFTER_FORK = """
import sys
from cliptrace.settings import Budgets
from cliptrace.workers import bounded_map

def threads(_):
    import numpy  # noqa: F401
    from threadpoolctl import threadpool_info
    return sorted({lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"})

assert "numpy" not in sys.modules
print([outcome for _, outcome in bounded_map(threads, [0], 1, Budgets())][0])
"""


def test_workers_run_blas_on_one_thread_even_when_a_task_loads_it():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "3", "OMP_NUM_THREADS": "3"}
    done = subprocess.run([sys.executable, "-c", _BLAS_LOADED_AFTER_FORK], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[1]"


def test_workers_keep_blas_on_one_thread_when_the_parent_loaded_it():
    import numpy  # noqa: F401  (loaded before the fork: its thread pool is capped in the worker)

    [threads] = run([("blas", "")], workers=1)
    assert threads and set(threads.split(",")) == {"1"}
