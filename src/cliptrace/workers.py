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
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

import psutil
from pebble import ProcessExpired, ProcessPool
from threadpoolctl import threadpool_limits

from cliptrace.settings import Budgets

_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")

Item = TypeVar("Item")
Result = TypeVar("Result")

OVER_MEMORY_EXIT = 86  # a worker's exit status when its watchdog ended it
RETIRED_EXIT = 87  # when it was over budget before a task started (an earlier task's memory)
_WATCH_SECONDS = 0.05
_limit = 0  # in a worker: the resident set size over which its task is stopped, in bytes
_task_running = threading.Event()
_watch_lock = threading.Lock()


class Refused(str):
    """Why an item has no result: over a budget, or its worker died twice on it."""


def bounded_map(fn: Callable[[Item], Result], items: Iterable[Item], workers: int,
                budgets: Budgets) -> Iterator[tuple[Item, Result | Refused]]:
    """(item, fn(item)) in input order, each call in a worker process under `budgets`; an item
    over a budget gets a `Refused` reason ("took longer than 120 s", "needed more than 1 GiB") and
    its worker is replaced. A worker that dies otherwise (a crash, the kernel's OOM killer) loses
    only its item, which is run once more in a fresh worker; one that dies between tasks loses
    nothing. At most 2 x `workers` items are in flight, so a large pile is never all in memory."""
    pool = _Pool(workers, budgets)
    try:
        pending: deque = deque()
        for item in items:
            pending.append((item, pool.schedule(fn, item)))
            if len(pending) >= 2 * workers:
                yield _outcome(pool, fn, *pending.popleft(), budgets)
        while pending:
            yield _outcome(pool, fn, *pending.popleft(), budgets)
    finally:
        pool.close()


class _Pool:
    """A pebble `ProcessPool` of forked workers, started again when it breaks.

    pebble gives up on the whole pool ("All workers expired", `BrokenProcessPool`) when a worker
    dies while no task runs (the OOM killer choosing an idle worker; before the watchdog watched only
    tasks, its firing just after a task returned) and fails every task in flight, though none of them
    ran in it: an ingest of 10,000 generated articles stopped that way.
    """

    def __init__(self, workers: int, budgets: Budgets):
        self.workers, self.budgets = workers, budgets
        self._pool = self._start()

    def _start(self) -> ProcessPool:
        return ProcessPool(max_workers=self.workers, initializer=_start_worker, initargs=(self.budgets.memory_bytes,),
                           context=multiprocessing.get_context("fork"))

    def schedule(self, fn: Callable, item) -> Future:
        if not self._pool.active:
            self._pool.stop()
            self._pool.join()
            self._pool = self._start()
        return self._pool.schedule(_run_task, (fn, item), timeout=self.budgets.seconds)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()


def _outcome(pool: _Pool, fn: Callable, item, future: Future, budgets: Budgets, retried: bool = False):
    try:
        return item, future.result()
    except FutureTimeout:
        return item, Refused(f"took longer than {budgets.seconds:g} s")
    except ProcessExpired as died:
        if died.exitcode == OVER_MEMORY_EXIT:
            return item, Refused(f"needed more than {_size(budgets.memory_bytes)}")
        if died.exitcode == RETIRED_EXIT:  # not a try: its worker was over budget before it began
            return _outcome(pool, fn, item, pool.schedule(fn, item), budgets, retried)
        if retried:
            return item, Refused(f"its worker process died twice on it (exit status {died.exitcode})")
    except BrokenProcessPool:  # the pool broke while this item waited in it: not the item's doing
        if retried:
            return item, Refused("the worker pool broke twice while it waited")
    return _outcome(pool, fn, item, pool.schedule(fn, item), budgets, True)


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
    global _limit
    process = psutil.Process()
    _limit = process.memory_info().rss + memory_bytes
    threading.Thread(target=_watch_memory, args=(process, _limit), name="cliptrace-memory-watchdog",
                     daemon=True).start()


def _run_task(fn: Callable[[Item], Result], item: Item) -> Result:
    """fn(item) in a worker, watched while it runs. A worker that an earlier task left over the budget
    (its memory was not given back) retires before running this one, which did nothing wrong."""
    if psutil.Process().memory_info().rss > _limit:
        os._exit(RETIRED_EXIT)
    with _watch_lock:
        _task_running.set()
    try:
        return fn(item)
    finally:
        with _watch_lock:  # not while the watchdog is deciding: its verdict is this task's
            _task_running.clear()


def _watch_memory(process: psutil.Process, limit: int) -> None:
    # Only while a task runs: ended between tasks, the worker would take no task with it, and pebble
    # would give up on the pool; the next task retires it instead (`_run_task`).
    # The lock keeps a task from ending between the two tests, so the next one is never blamed.
    while True:
        time.sleep(_WATCH_SECONDS)
        with _watch_lock:
            if _task_running.is_set() and process.memory_info().rss > limit:
                os._exit(OVER_MEMORY_EXIT)  # from this thread: no cleanup can run in a process over budget
