"""Full-text search: SQLite FTS5 (bm25, snippet) or PostgreSQL tsvector (ts_rank_cd, ts_headline).

Users type web-search style queries: words, "quoted phrases", OR, -excluded, prefix*. On SQLite
we translate them into a safe FTS5 expression ourselves (FTS5 raises on stray quotes, brackets,
`NEAR(`...); PostgreSQL's `websearch_to_tsquery` already accepts any string.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import (BigInteger, ColumnElement, Connection, any_, cast, column, func, literal, literal_column,
                        select, table)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError

from cliptrace.arabic.normalize import fold_arabic
from cliptrace.archive.alongside import TIMEOUT_KEY
from cliptrace.archive.schema import articles

# Private-use characters mark hits inside the database; replaced by the caller's marks afterwards,
# so marks can be HTML without trusting the article text.
_HIT_START, _HIT_END = "\ue000", "\ue001"
_SNIPPET_WORDS = 24
_TITLE_WEIGHT = 5.0

_TOKEN = re.compile(r'"[^"]*"?|\S+')
_OPERATORS = {"OR", "AND", "NOT"}

# Bounds on one search: FTS5's cost grows fast with the number of OR'ed terms (300 ORs took 0.46 s,
# 2,000 about 100 s), and no reader types more than a few dozen words.
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64  # words, "phrases" and operators
# A search ranks and counts only the matches among the most recently ingested articles matching its
# words, this many of them (see `Window`); all of them in an archive where fewer match.
SEARCH_WINDOW = 1000
# SQLite checks the clock every this many virtual-machine instructions (a few ms of work).
_PROGRESS_STEPS = 10_000

class QueryRefused(ValueError):
    """A search too long, with too many terms, or too slow to answer; the message says which."""


def check_query(user_query: str) -> None:
    """Raise `QueryRefused` for a query over `MAX_QUERY_CHARS` characters or `MAX_QUERY_TERMS` terms."""
    if len(user_query) > MAX_QUERY_CHARS:
        raise QueryRefused(f"The search is {len(user_query):,} characters long; at most {MAX_QUERY_CHARS:,} "
                           "are searched.")
    terms = len(_TOKEN.findall(user_query))
    if terms > MAX_QUERY_TERMS:
        raise QueryRefused(f"The search has {terms:,} words and operators; at most {MAX_QUERY_TERMS} are searched.")


@contextmanager
def time_limit(conn: Connection, seconds: float) -> Iterator[None]:
    """Statements run on `conn` inside the block are stopped after `seconds` with `QueryRefused`:
    SQLite's progress handler, PostgreSQL's `statement_timeout` (for this transaction only)."""
    message = f"The search took longer than {seconds:g} s: use fewer or more specific words."
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)
        try:
            yield
        except DBAPIError as error:
            if "interrupted" in str(error.orig):
                raise QueryRefused(message) from error
            raise
        finally:
            raw.set_progress_handler(None, 0)
    else:
        milliseconds = int(seconds * 1000)
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")
        conn.info[TIMEOUT_KEY] = milliseconds  # for the connections `alongside` lends
        try:
            yield
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) == "57014":  # query_canceled
                raise QueryRefused(message) from error
            raise
        finally:
            conn.info.pop(TIMEOUT_KEY, None)


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str
    score: float  # higher is better
    snippet: str  # hits wrapped in the requested marks


def fts5_query(user_query: str) -> str:
    """A valid FTS5 MATCH expression for any user string ('' when nothing searchable is left).

    Every term becomes a quoted string, so FTS5 syntax characters inside it are inert; only
    OR / AND / NOT (upper case, between two terms), `-term`, `"phrases"` and `prefix*` keep a meaning.
    Raises `QueryRefused` beyond the bounds of `check_query`.
    """
    check_query(user_query)
    parts: list[str] = []  # alternating terms and operators, always starting and ending with a term
    pending_op: str | None = None
    for token in _TOKEN.findall(fold_arabic(user_query)):  # the index holds folded Arabic spelling
        if token in _OPERATORS:
            pending_op = token
            continue
        negate = token.startswith("-") and len(token) > 1
        if negate:
            token = token[1:]
        prefix = token.endswith("*") and not token.startswith('"')
        body = token.strip('"').rstrip("*")
        if not re.search(r"\w", body):
            continue
        term = '"' + body.replace('"', '""') + '"' + ("*" if prefix else "")
        op = "NOT" if negate else pending_op
        pending_op = None
        if not parts:
            if op == "NOT":  # FTS5 has no unary NOT: "-x" alone cannot be searched for
                continue
            parts.append(term)
        else:
            parts += [op or "AND", term]
    return " ".join(parts)


def _mark(snippet: str, start_mark: str, end_mark: str, escape_html: bool) -> str:
    if escape_html:
        snippet = html.escape(snippet)
    return snippet.replace(_HIT_START, start_mark).replace(_HIT_END, end_mark)


def _tsquery(query: str) -> ColumnElement:
    return func.websearch_to_tsquery(literal_column("'english'::regconfig"), fold_arabic(query))


@dataclass(frozen=True)
class Window:
    """The matches of a query that a search looks at: the SEARCH_WINDOW most recently ingested
    articles matching its words (before any filter), or all of them where fewer match, so that a
    search's cost stays bounded however common the words are."""
    seqs: tuple[int, ...]  # their ingest_seqs, newest first
    match: ColumnElement  # the condition on `articles` 'is one of these matches'
    ranks: tuple[float, ...] = ()  # SQLite: each match's bm25, lower is better (PostgreSQL ranks later)

    @property
    def start(self) -> int | None:
        """ingest_seq of the oldest match looked at; None when every match is."""
        return self.seqs[-1] if len(self.seqs) == SEARCH_WINDOW else None


def window(conn: Connection, query: str) -> Window:
    """The search window of `query`. Raises `QueryRefused` beyond the bounds of `check_query`; a
    query with nothing searchable left matches nothing.

    The window's ingest_seqs are read once from the index and the match condition lists them:
    asking the index again costs, for a phrase, a reading of every candidate's word positions or a
    heap visit per candidate. SQLite: the end of FTS5's lists, each match ranked (bm25) as it is
    read, since bm25 reads a phrase's whole lists anyway to count its matches (the weight of a
    rare phrase); read apart, window and ranking read a phrase of common words twice (20-40 ms
    each at a million articles). PostgreSQL: the GIN index range by range from the newest articles,
    `search_window` in the schema."""
    if conn.dialect.name == "sqlite":
        expression = fts5_query(query)
        if not expression:
            return Window((), articles.c.ingest_seq.in_([]))
        index = table("articles_fts", column("rowid"))
        fts = literal_column("articles_fts")  # FTS5 functions take the table itself as first argument
        found = conn.execute(select(index.c.rowid, func.bm25(fts, _TITLE_WEIGHT, 1.0)).where(fts.op("MATCH")(expression))
                             .order_by(index.c.rowid.desc()).limit(SEARCH_WINDOW)).all()
        seqs = tuple(seq for seq, _ in found)
        # One parameter holding the list: SQLite before 3.32 allows 999 parameters a statement.
        listed = select(literal_column("value")).select_from(func.json_each(json.dumps(seqs)))
        return Window(seqs, articles.c.ingest_seq.in_(listed), tuple(rank for _, rank in found))
    check_query(query)
    seqs = tuple(conn.execute(select(func.search_window(_tsquery(query), SEARCH_WINDOW))).scalars().all())
    return Window(seqs, one_of_array(articles.c.ingest_seq, seqs, BigInteger))


def one_of_array(column: ColumnElement, values: Sequence, element_type: type) -> ColumnElement:
    """PostgreSQL's `column = ANY(:array)`: the values as one array parameter, which it parses and
    plans faster than an IN list of hundreds of parameters. The parameter is the array's text form
    (PostgreSQL's array input syntax, every element double-quoted), which psycopg sends as it is:
    its dumper of a Python list cost 1.7 ms for 1,000 numbers, a few per search."""
    quoted = ('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
    return column == any_(cast(literal("{" + ",".join(quoted) + "}"), ARRAY(element_type)))


def window_start_where(conn: Connection, conditions: list[ColumnElement]) -> int | None:
    """The `ingest_seq` of the SEARCH_WINDOW-th most recently ingested article passing `conditions`
    (on `articles`), or None when fewer pass."""
    return conn.execute(select(articles.c.ingest_seq).where(*conditions)
                        .order_by(articles.c.ingest_seq.desc()).offset(SEARCH_WINDOW - 1).limit(1)).scalar()


def search(conn: Connection, query: str, window_: Window, filters: list[ColumnElement], limit: int,
           start_mark: str, end_mark: str, escape_html: bool) -> list[SearchHit]:
    """The `limit` best hits for `query` among the matches in `window_` (`window`'s answer) that
    pass `filters` (conditions on `articles`), best first (ties: oldest first)."""
    passing = (conn.execute(select(articles.c.ingest_seq).where(window_.match, *filters)).scalars().all()
               if filters else window_.seqs)
    return hits(conn, query, window_, passing, limit, start_mark, end_mark, escape_html)


def hits(conn: Connection, query: str, window_: Window, passing: Sequence[int], limit: int,
         start_mark: str, end_mark: str, escape_html: bool) -> list[SearchHit]:
    """The `limit` best hits among `passing`, ingest_seqs of the window's matches (those that pass
    the caller's filters), best first (ties: oldest first), with snippets where the hits are
    wrapped in `start_mark` / `end_mark`.

    SQLite ranks with the bm25 `window` read; PostgreSQL with `ts_rank_cd` over the narrow search
    table only: the wide article rows are read for the page of hits."""
    if not passing:
        return []
    if conn.dialect.name == "sqlite":
        rank = dict(zip(window_.seqs, window_.ranks))
        best = sorted(passing, key=lambda seq: (rank[seq], seq))[:limit]
        scores = {seq: -rank[seq] for seq in best}
    else:
        scores = dict(_rank_postgres(conn, query, passing, limit))
        best = list(scores)
    snippets = _snippets(conn, query, best)
    rows = {r.ingest_seq: r for r in conn.execute(
        select(articles.c.id, articles.c.title, articles.c.published, articles.c.outlet, articles.c.language,
               articles.c.ingest_seq).where(articles.c.ingest_seq.in_(best)))}
    return [SearchHit(id=rows[seq].id, title=rows[seq].title, published=rows[seq].published,
                      outlet=rows[seq].outlet, language=rows[seq].language, score=float(scores[seq]),
                      snippet=_mark(snippets.get(seq) or "", start_mark, end_mark, escape_html))
            for seq in best]


def _rank_postgres(conn: Connection, query: str, passing: Sequence[int], limit: int) -> list[tuple[int, float]]:
    """(ingest_seq, ts_rank_cd) of the best `limit` of `passing`, best first, ties oldest first."""
    searched = table("article_search", column("ingest_seq"), column("search_vector"))
    score = func.ts_rank_cd(searched.c.search_vector, _tsquery(query))
    return [(seq, rank) for seq, rank in conn.execute(
        select(searched.c.ingest_seq, score)
        .where(one_of_array(searched.c.ingest_seq, passing, BigInteger))
        .order_by(score.desc(), searched.c.ingest_seq).limit(limit))]


def _snippets(conn: Connection, query: str, best: list[int]) -> dict[int, str]:
    """Each hit's snippet by ingest_seq, the words found between `_HIT_START` and `_HIT_END`:
    FTS5's `snippet`, or PostgreSQL's `ts_headline` (costly: for the page of hits only)."""
    if conn.dialect.name == "sqlite":
        fts_table = table("articles_fts", column("rowid"))
        fts = literal_column("articles_fts")
        return dict(conn.execute(
            select(fts_table.c.rowid, func.snippet(fts, -1, _HIT_START, _HIT_END, "…", _SNIPPET_WORDS))
            .where(fts.op("MATCH")(fts5_query(query)), fts_table.c.rowid.in_(best))).all())
    options = (f"StartSel={_HIT_START}, StopSel={_HIT_END}, MaxWords={_SNIPPET_WORDS}, "
               'MinWords=10, MaxFragments=2, FragmentDelimiter=" … "')
    headline = func.ts_headline(literal_column("'english'::regconfig"),
                                func.coalesce(articles.c.title, "") + " — " + articles.c.text,
                                _tsquery(query), options)
    return dict(conn.execute(select(articles.c.ingest_seq, headline).where(articles.c.ingest_seq.in_(best))).all())
