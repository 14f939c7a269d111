"""Answers to read-only questions, kept until the archive changes.

The archive's state is read on every request from the highest row ids of the tables the questions
read (a few index lookups); any ingest or re-extraction moves one of them, which drops every kept
answer. Entries are bounded (least recently used goes first).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import Connection, Engine, func, select

from cliptrace.archive.schema import articles, corrections, entities, events, figures, mentions, quotes

T = TypeVar("T")


def archive_version(conn: Connection) -> tuple:
    # Articles are only ever added (each with a higher ingest_seq): their highest number tells, where
    # counting them would read a million index entries on every request.
    return conn.execute(select(
        select(func.max(articles.c.ingest_seq)).scalar_subquery(),
        select(func.count()).select_from(entities).scalar_subquery(),
        *(select(func.max(t.c.id)).scalar_subquery() for t in (mentions, quotes, figures, events, corrections)),
    )).one()


class AnswerCache:
    def __init__(self, engine: Engine, max_entries: int = 256):
        self._engine = engine
        self._max = max_entries
        self._answers: OrderedDict[Hashable, tuple[tuple, object]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[Connection], T]) -> T:
        """The kept answer for `key`, or `compute(conn)`'s, kept for next time. Requests for a key
        being computed wait for that computation instead of repeating it."""
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock, self._engine.connect() as conn:
            version = archive_version(conn)
            with self._lock:
                found = self._answers.get(key)
                if found is not None and found[0] == version:
                    self._answers.move_to_end(key)
                    return found[1]
            answer = compute(conn)
            with self._lock:
                self._answers[key] = (version, answer)
                self._answers.move_to_end(key)
                while len(self._answers) > self._max:
                    evicted, _ = self._answers.popitem(last=False)
                    self._computing.pop(evicted, None)
        return answer
