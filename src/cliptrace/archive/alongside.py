"""Independent read statements of one answer run side by side on PostgreSQL.

A page or search that reads several independent things (a search's hits and its facet counts; a
person's statements and the company they keep) waits for each statement in turn on one connection,
while the server has a core idle. `alongside` starts one of them on a second pooled connection, in a
thread, and the caller goes on with its own.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.pool import QueuePool

# `conn.info` key under which `archive.search.time_limit` leaves the statement timeout (ms) it set,
# so that a connection lent here works under the same limit.
TIMEOUT_KEY = "statement_timeout_ms"
_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cliptrace-alongside")

T = TypeVar("T")


def alongside(conn: Connection, task: Callable[[Connection], T]) -> Callable[[], T]:
    """A function returning `task(connection)`'s answer (or raising its error), where on PostgreSQL
    the task runs at once, in a thread, on a second pooled connection under `conn`'s time limit
    (`archive.search.time_limit`), while the caller goes on with `conn`: the server works on both
    statements at the same time. On SQLite (whose time limit and work live in this process's
    connection), or when the pool has no connection to spare, the task runs on `conn` when its
    answer is asked for. The two connections read separate snapshots: use it for reads only."""
    pool = conn.engine.pool
    spare = isinstance(pool, QueuePool) and pool.checkedout() < pool.size()
    if conn.dialect.name != "postgresql" or not spare:
        return lambda: task(conn)

    def on_second_connection() -> T:
        with conn.engine.connect() as second:
            if TIMEOUT_KEY in conn.info:
                second.exec_driver_sql(f"SET LOCAL statement_timeout = {conn.info[TIMEOUT_KEY]}")
            return task(second)

    return _THREADS.submit(on_second_connection).result
