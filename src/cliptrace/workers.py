"""Worker processes that run one task per item under a time and a memory budget.

pebble's `ProcessPool` kills a worker whose task runs past its timeout and reports a worker that
died (`ProcessExpired`) for that one task; `concurrent.futures`' pool breaks as a whole instead,
losing every task in flight. Neither bounds memory: each worker here runs a watchdog thread that
ends its process with a known exit code once its resident set grows past the budget (`RLIMIT_AS`
would count the address space spaCy and BLAS reserve but never touch).

Workers are forked, so whatever the parent loaded before (the spaCy pipeline) is shared, not
loaded again per worker.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

import psutil
from pebble import ProcessExpired, ProcessPool
from threadpoolctl import threadpool_limits

from cliptrace.settings import Budgets

_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")

Item = TypeVar("Item")
Result = TypeVar("Result")

OVER_MEMORY_EXIT = 86  # a worker's exit status when its watchdog ended it
_WATCH_SECONDS = 0.05


class Refused(str):
    """Why an item has no result: over a budget, or its worker died twice on it."""


def bounded_map(fn: Callable[[Item], Result], items: Iterable[Item], workers: int,
                budgets: Budgets) -> Iterator[tuple[Item, Result | Refused]]:
    """(item, fn(item)) in input order, each call in a worker process under `budgets`; an item
    over a budget gets a `Refused` reason ("took longer than 120 s", "needed more than 1 GiB") and
    its worker is replaced. A worker that dies otherwise (a crash, the kernel's OOM killer) loses
    only its item, which is run once more in a fresh worker. At most 2 x `workers` items are in
    flight, so a large pile is never all in memory."""
    with ProcessPool(max_workers=workers, initializer=_start_worker, initargs=(budgets.memory_bytes,),
                     context=multiprocessing.get_context("fork")) as pool:
        pending: deque = deque()
        for item in items:
            pending.append((item, pool.schedule(fn, (item,), timeout=budgets.seconds)))
            if len(pending) >= 2 * workers:
                yield _outcome(pool, fn, *pending.popleft(), budgets)
        while pending:
            yield _outcome(pool, fn, *pending.popleft(), budgets)


def _outcome(pool: ProcessPool, fn: Callable, item, future, budgets: Budgets, retried: bool = False):
    try:
        return item, future.result()
    except FutureTimeout:
        return item, Refused(f"took longer than {budgets.seconds:g} s")
    except ProcessExpired as died:
        if died.exitcode == OVER_MEMORY_EXIT:
            return item, Refused(f"needed more than {_size(budgets.memory_bytes)}")
        if retried:
            return item, Refused(f"its worker process died twice on it (exit status {died.exitcode})")
        return _outcome(pool, fn, item, pool.schedule(fn, (item,), timeout=budgets.seconds), budgets, True)


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 2**30:g} GiB" if n_bytes >= 2**30 else f"{n_bytes / 2**20:g} MiB"


def _start_worker(memory_bytes: int) -> None:
    # Workers already share the cores: a BLAS thread per core in each only makes them fight
    # (measured: 2 workers ran 1.6x faster with one BLAS thread each). `threadpool_limits` caps the
    # BLAS libraries already loaded (the ingest loads the model before forking); one that a task
    # loads later reads its thread count from these variables when it loads.
    os.environ.update(dict.fromkeys(_BLAS_THREAD_VARIABLES, "1"))
    threadpool_limits(1)
    # The budget is what the tasks add: a forked worker's resident set starts with the pages it
    # shares with its parent (the spaCy pipeline, whatever the caller holds), counted in full.
    # Measured here, before any task can run, not in the thread (which may start late).
    process = psutil.Process()
    limit = process.memory_info().rss + memory_bytes
    threading.Thread(target=_watch_memory, args=(process, limit), name="cliptrace-memory-watchdog",
                     daemon=True).start()


def _watch_memory(process: psutil.Process, limit: int) -> None:
    while process.memory_info().rss <= limit:
        time.sleep(_WATCH_SECONDS)
    os._exit(OVER_MEMORY_EXIT)  # from this thread: no cleanup can run in a process over budget
