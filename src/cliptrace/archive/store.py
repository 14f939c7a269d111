"""`Archive`: the one object the pipeline, questions, web and export talk to.

SQLite (a file path: WAL, foreign keys on) or PostgreSQL (a SQLAlchemy URL), same schema through
SQLAlchemy Core. Every write is one transaction: a source is archived with all its articles or
not at all.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url

from cliptrace.arabic.normalize import fold_arabic_nullable
from cliptrace.archive import dedupe, entity_map, rows, schema, summaries
from cliptrace.archive.schema import articles, blobs, corrections, entities, entity_aliases, sources
from cliptrace.archive.search import SearchHit
from cliptrace.archive.search import search as _search
from cliptrace.archive.search import window
from cliptrace.model import Annotations, Article, Entity, Source, SourceFailure, entity_id
from cliptrace.settings import db_url

if TYPE_CHECKING:
    from cliptrace.extract.aliases import Resolution

_CHUNK = 500  # articles loaded per round trip when iterating
MISSING_FIELDS = ("title", "published", "outlet")  # metadata an article may come out without
ARTICLES_PER_WRITE = 500  # articles whose annotations are written in one round of statements
_MIGRATION_LOCK = 0x636C6970  # PostgreSQL advisory lock key ("clip")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()
        # The full-text index folds Arabic spelling with this function (schema._arabic_search).
        dbapi_conn.create_function("fold_arabic", 1, fold_arabic_nullable, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front: two writers in deferred mode can deadlock when
        # both try to upgrade; readers stay deferred so they never wait for an ingest.
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Archive:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(write=True)
        self._insert = sqlite.insert if engine.dialect.name == "sqlite" else postgresql.insert

    @classmethod
    def open(cls, db: str) -> Archive:
        """Open (creating and migrating as needed) a SQLite file path or a SQLAlchemy URL."""
        url = make_url(db_url(db))
        if url.drivername in ("postgresql", "postgres"):  # the driver we ship, not psycopg2
            url = url.set(drivername="postgresql+psycopg")
        engine = _sqlite_engine(url) if url.get_backend_name() == "sqlite" else create_engine(url)
        archive = cls(engine)
        with archive._write() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            schema.migrate(conn)
        return archive

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def files(self) -> frozenset[str]:
        """The resolved paths of the SQLite file and its journals (-wal, -shm, -journal); none on PostgreSQL."""
        database = self.engine.url.database
        if self.backend != "sqlite" or not database or database == ":memory:":
            return frozenset()
        main = os.path.realpath(database)
        return frozenset([main] + [main + suffix for suffix in ("-wal", "-shm", "-journal")])

    def _write(self):
        return self._writer.begin()

    # ---- sources -------------------------------------------------------------------------

    def has_source(self, sha256: str) -> bool:
        """True when these bytes are archived successfully (failures are retried on re-ingest)."""
        with self.engine.connect() as conn:
            status = conn.execute(select(sources.c.status).where(sources.c.sha256 == sha256)).scalar()
        return status == "ok"

    def add_source(self, source: Source, articles_: Iterable[Article], near_duplicates: bool = True,
                   replacement_chars: int | Callable[[], int] = 0) -> bool:
        """Archive a source, its raw bytes and its articles in ONE transaction (all or nothing).
        `articles_` is read once, ARTICLES_PER_WRITE at a time: a data set's rows can stream in.

        Returns False (and changes nothing) when the same bytes are already archived. A previous
        failure of the same bytes or path is replaced. With `near_duplicates`, each article whose
        text is near-identical to one already archived gets `duplicate_of` set to the original
        (the first seen); the caller's Article objects are updated accordingly. `replacement_chars`:
        invalid bytes the decoder replaced, recorded with the source (or a function that counts them
        once `articles_` is read: a streamed data set finds them as its rows are read).
        """
        sha = source.sha256
        with self._write() as conn:
            if self.backend == "postgresql":  # ingest_seq and duplicate detection need one writer
                conn.execute(text("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE"))
            existing = conn.execute(select(sources.c.status).where(sources.c.sha256 == sha)).scalar()
            if existing == "ok":
                return False
            conn.execute(delete(sources).where(
                (sources.c.sha256 == sha) | ((sources.c.path == source.path) & (sources.c.status == "failed"))))
            self._store_blob(conn, sha, source.data)
            conn.execute(sources.insert().values(
                sha256=sha, path=source.path, size=source.size, format=source.format, status="ok",
                error=None, n_articles=0, ingested_at=_now()))
            seq = conn.execute(select(func.coalesce(func.max(articles.c.ingest_seq), 0))).scalar()
            stream, stored = iter(articles_), 0
            while chunk := list(islice(stream, ARTICLES_PER_WRITE)):
                article_rows = []
                for article in chunk:
                    seq += 1
                    shingle_set = dedupe.shingles(article.text) if near_duplicates else set()
                    buckets = dedupe.lsh_buckets(shingle_set)
                    if buckets:
                        article.duplicate_of = self._find_original(conn, shingle_set, buckets)
                    article_rows.append(rows.article_row(article, seq))
                    conn.execute(articles.insert(), article_rows[-1])  # one compiled statement for all
                    if buckets:
                        conn.execute(schema.lsh_buckets.insert(),
                                     [{"bucket": b, "article_id": article.id} for b in buckets])
                summaries.add_article_counts(conn, self._insert, article_rows)
                self._insert_annotations(conn, [(article.id, article.annotations) for article in chunk])
                stored += len(chunk)
            replaced = replacement_chars() if callable(replacement_chars) else replacement_chars
            conn.execute(update(sources).where(sources.c.sha256 == sha)
                         .values(n_articles=stored, replacement_chars=replaced))
        return True

    def add_failure(self, failure: SourceFailure) -> None:
        """Record a file, or a part of a stored one, that could not be read (bytes kept when we have
        them); same path → updated. A part's status is 'part', a whole file's 'failed'."""
        sha = failure.sha256
        with self._write() as conn:
            if sha is not None:
                if conn.execute(select(sources.c.status).where(sources.c.sha256 == sha)).scalar() == "ok":
                    return  # these bytes were archived fine from elsewhere
                self._store_blob(conn, sha, failure.data)
            status = "part" if failure.part else "failed"
            conn.execute(delete(sources).where((sources.c.path == failure.path) & (sources.c.status == status)))
            conn.execute(sources.insert().values(
                sha256=sha, path=failure.path, size=failure.size, format=failure.format,
                status=status, error=failure.reason, n_articles=0, ingested_at=_now()))

    def _store_blob(self, conn: Connection, sha: str, data: bytes) -> None:
        conn.execute(self._insert(blobs).values(sha256=sha, data=data).on_conflict_do_nothing())

    def _find_original(self, conn: Connection, shingle_set: set[str], buckets: list[str]) -> str | None:
        """The earliest archived article whose text is near-identical (Jaccard ≥ threshold)."""
        candidates = select(schema.lsh_buckets.c.article_id).where(schema.lsh_buckets.c.bucket.in_(buckets))
        found = conn.execute(
            select(articles.c.id, articles.c.text, articles.c.duplicate_of)
            .where(articles.c.id.in_(candidates))
            .order_by(articles.c.ingest_seq)
        ).all()
        for row in found:
            if dedupe.jaccard(shingle_set, dedupe.shingles(row.text)) >= dedupe.THRESHOLD:
                return row.duplicate_of or row.id
        return None

    def raw_bytes(self, sha256: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.execute(select(blobs.c.data).where(blobs.c.sha256 == sha256)).scalar()

    def source_for(self, article_id: str) -> Source | None:
        """The source (with its raw bytes) an article was cut from, e.g. to re-extract it."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(sources.c.path, sources.c.format, blobs.c.data)
                .join(articles, articles.c.source_sha256 == sources.c.sha256)
                .join(blobs, blobs.c.sha256 == sources.c.sha256)
                .where(articles.c.id == article_id)
            ).first()
        return Source(path=row.path, data=row.data, format=row.format) if row else None

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(sources.c.path, sources.c.error.label("reason"), sources.c.status, sources.c.sha256,
                       sources.c.size, sources.c.format, sources.c.ingested_at)
                .where(sources.c.status.in_(("failed", "part"))).order_by(sources.c.path)
            ).mappings().all()
        return [dict(r) for r in found]

    # ---- pending archive-wide steps (resume.py) ---------------------------------------------

    def mark_pending(self, steps: list[str]) -> None:
        """Record that `steps` are owed; already-pending steps keep their date."""
        with self._write() as conn:
            conn.execute(self._insert(schema.pending_steps).on_conflict_do_nothing(),
                         [{"step": step, "since": _now()} for step in steps])

    def pending_steps(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(schema.pending_steps.c.step).order_by(schema.pending_steps.c.step)).scalars())

    def clear_pending(self, step: str) -> None:
        with self._write() as conn:
            conn.execute(delete(schema.pending_steps).where(schema.pending_steps.c.step == step))

    # ---- annotations ---------------------------------------------------------------------

    def replace_annotations(self, article_id: str, annotations: Annotations) -> None:
        """Swap an article's extracted items for new ones (re-extraction), in one transaction.

        User corrections live in their own table and are untouched.
        """
        with self._write() as conn:
            if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                raise KeyError(f"no article {article_id!r}")
            entity_map.forget_names(conn, article_id)
            m, q = schema.mentions, schema.quotes
            counted = set(conn.execute(select(m.c.entity_id).where(m.c.article_id == article_id)).scalars())
            counted |= set(conn.execute(select(q.c.speaker_id).where(q.c.article_id == article_id,
                                                                     q.c.speaker_id.is_not(None))).scalars())
            f = schema.figures
            summaries.add_figure_counts(conn, self._insert, Counter({c: -n for c, n in conn.execute(
                select(f.c.category, func.count()).where(f.c.article_id == article_id).group_by(f.c.category))}))
            for table in (schema.mentions, schema.quotes, schema.figures, schema.events):
                conn.execute(delete(table).where(table.c.article_id == article_id))
            written = self._insert_annotations(conn, [(article_id, annotations)])
            summaries.recount_entities(conn, self._insert, counted | written)

    def _insert_annotations(self, conn: Connection, found: list[tuple[str, Annotations]]) -> set[str]:
        """The rows of several articles' annotations, a few statements for all of them, added to
        the entity counts as new articles' rows. Returns the entity and speaker ids they count."""
        archive_entity = self._archive_entities(conn, [e for _, annotations in found for e in annotations.entities])
        per_table: dict[str, list[dict]] = {}
        for article_id, annotations in found:
            local = {e.id: archive_entity[(e.name, e.type)] for e in annotations.entities}
            for name, table_rows in rows.annotation_rows(article_id, annotations, local).items():
                per_table.setdefault(name, []).extend(table_rows)
        entity_map.record_names(conn, self._insert, [annotations.entities for _, annotations in found])
        counted = summaries.add_entity_counts(conn, self._insert, per_table)
        summaries.add_figure_counts(conn, self._insert, Counter(r["category"] for r in per_table.get("figures", [])))
        # Archive-wide rows: the first writer names an entity; apply_entity_map renames.
        for name in ("entities", "entity_aliases"):
            unique = list({tuple(r.values()): r for r in per_table.pop(name)}.values())
            if unique:
                table = schema.metadata.tables[name]
                # executemany, not one VALUES list: SQLAlchemy would compile a new statement per row count
                conn.execute(self._insert(table).on_conflict_do_nothing(), unique)
        for name, table_rows in per_table.items():
            if table_rows:
                conn.execute(schema.metadata.tables[name].insert(), table_rows)
        return counted

    @staticmethod
    def _archive_entities(conn: Connection, found: list[Entity]) -> dict[tuple[str, str], tuple[str, str]]:
        """(name, type) of an article-local entity -> (archive id, canonical name).

        A name already known as an alias of an entity of that type joins it (so corrections and
        merges apply to new articles too); otherwise the name is its own entity.
        """
        names = {e.name for e in found}
        known: dict[tuple[str, str], tuple[str, str]] = {}
        if names:
            for r in conn.execute(
                select(entity_aliases.c.alias, entities.c.type, entities.c.id, entities.c.name)
                .join(entities, entities.c.id == entity_aliases.c.entity_id)
                .where(entity_aliases.c.alias.in_(names)).order_by(entities.c.id)
            ):
                known.setdefault((r.alias, r.type), (r.id, r.name))
        return {(e.name, e.type): known.get((e.name, e.type)) or (entity_id(e.name, e.type), e.name) for e in found}

    def entity_names(self) -> list[tuple[str, str, int]]:
        """(name as extracted, type, mentions) over the archive: the input of alias canonicalisation."""
        ni = schema.name_index
        with self.engine.connect() as conn:
            found = conn.execute(select(ni.c.name, ni.c.type, ni.c.mentions).where(ni.c.mentions > 0)
                                 .order_by(ni.c.name, ni.c.type)).all()
        return [(name, etype, n) for name, etype, n in found]

    def resolve_entities(self, full: bool = False) -> Resolution:
        """Merge the spellings of one person across the archive (Haniyeh, Haniya, Hnaiyeh), then apply
        the user's corrections, which live in the archive and so survive re-extraction.

        Only the components of names written since the last resolution (and of names the
        corrections mention) are re-clustered; `full` re-clusters them all. See `entity_map`.
        """
        corrections_ = self.corrections()
        with self._write() as conn:
            return entity_map.resolve(conn, self._insert, corrections_, full=full)

    def apply_entity_map(self, canonical: dict[str, str]) -> int:
        """Move the mentions of each name as extracted in `canonical` to the entity of its canonical
        name (as `resolve_entities` computes it); one transaction. Returns how many mention groups moved."""
        ni = schema.name_index
        with self._write() as conn:
            moved = entity_map.apply_entity_map(conn, self._insert, canonical)
            if canonical:
                conn.execute(update(ni).where(ni.c.name == bindparam("n")).values(canonical=bindparam("c")),
                             [{"n": n, "c": c} for n, c in canonical.items()])
        return moved

    def _load_annotations(self, conn: Connection, ids: list[str]) -> dict[str, Annotations]:
        loaded = {i: Annotations() for i in ids}
        m = schema.mentions
        mention_rows = conn.execute(
            select(m.c.article_id, m.c.entity_id, entities.c.name, entities.c.type, m.c.start, m.c.end)
            .join(entities, entities.c.id == m.c.entity_id)
            .where(m.c.article_id.in_(ids)).order_by(m.c.id)
        ).mappings().all()
        by_article: dict[str, list] = {}
        for r in mention_rows:
            by_article.setdefault(r["article_id"], []).append(r)
        for article_id, found in by_article.items():
            loaded[article_id].entities = rows.entities_from_rows(found)
        for table, attr, build in ((schema.quotes, "quotes", rows.quote_from_row),
                                   (schema.figures, "figures", rows.figure_from_row),
                                   (schema.events, "events", rows.event_from_row)):
            for r in conn.execute(select(table).where(table.c.article_id.in_(ids))
                                  .order_by(table.c.id)).mappings():
                getattr(loaded[r["article_id"]], attr).append(build(r))
        return loaded

    # ---- corrections ---------------------------------------------------------------------

    def add_correction(self, action: str, args: dict[str, Any]) -> int:
        """Record a user alias correction (merge | split | rename); returns its id."""
        if action not in ("merge", "split", "rename"):
            raise ValueError(f"unknown correction {action!r}")
        with self._write() as conn:
            return conn.execute(corrections.insert().values(
                action=action, args=args, created_at=_now())).inserted_primary_key[0]

    def corrections(self) -> list[dict[str, Any]]:
        """Corrections, oldest first, flat: {**args, "action", "id", "created_at"}."""
        with self.engine.connect() as conn:
            found = conn.execute(select(corrections).order_by(corrections.c.id)).mappings().all()
        return [{**r["args"], "action": r["action"], "id": r["id"], "created_at": r["created_at"]}
                for r in found]

    # ---- reading -------------------------------------------------------------------------

    @staticmethod
    def _filters(outlet: str | None = None, since: str | None = None, until: str | None = None,
                 language: str | None = None) -> list[ColumnElement]:
        """Article filters; `since`/`until` are inclusive YYYY-MM-DD bounds on `published`."""
        found = []
        if outlet is not None:  # "al mayadeen" finds "Al Mayadeen"
            found.append(func.lower(articles.c.outlet) == outlet.lower())
        if since is not None:
            found.append(articles.c.published >= since)
        if until is not None:
            found.append(articles.c.published <= until)
        if language is not None:
            found.append(articles.c.language == language)
        return found

    _ORDER = (articles.c.source_path, articles.c.position)

    def iter_articles(self, outlet: str | None = None, since: str | None = None, until: str | None = None,
                      language: str | None = None, with_annotations: bool = True) -> Iterator[Article]:
        """Articles in ingest order (source path, then position), annotations loaded."""
        with self.engine.connect() as conn:
            ids = conn.execute(select(articles.c.id).where(*self._filters(outlet, since, until, language))
                               .order_by(*self._ORDER)).scalars().all()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            with self.engine.connect() as conn:
                found = conn.execute(select(articles).where(articles.c.id.in_(chunk))
                                     .order_by(*self._ORDER)).mappings().all()
                annotations = self._load_annotations(conn, chunk) if with_annotations else {}
            for r in found:
                yield rows.article_from_row(r, annotations.get(r["id"]))

    def get_article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if row is None:
                return None
            return rows.article_from_row(row, self._load_annotations(conn, [article_id])[article_id])

    def list_articles(self, outlet: str | None = None, since: str | None = None, until: str | None = None,
                      language: str | None = None, limit: int | None = None,
                      sort: str = "ingest", missing: str | None = None) -> list[dict[str, Any]]:
        """Rows for a table of articles (id, published, outlet, title, language, words, duplicate_of).
        `missing`: only articles without this field ("title", "published" or "outlet").

        `sort`: "ingest" (order of arrival, `ingest_seq`: a later ingest's articles come after, whatever
        their paths), "newest" or "oldest" (publication date; undated articles last, ties in ingest
        order). Raises ValueError for another `sort`.
        """
        published = {"newest": articles.c.published.desc(), "oldest": articles.c.published.asc()}
        if sort not in (*published, "ingest"):
            raise ValueError(f"sort must be newest, oldest or ingest, not {sort!r}")
        if missing not in (None, *MISSING_FIELDS):
            raise ValueError(f"missing must be one of {', '.join(MISSING_FIELDS)}, not {missing!r}")
        stmt = (select(articles.c.id, articles.c.published, articles.c.outlet, articles.c.title,
                       articles.c.language, articles.c.words, articles.c.duplicate_of)
                .where(*self._filters(outlet, since, until, language)))
        if missing is not None:
            stmt = stmt.where(or_(articles.c[missing].is_(None), articles.c[missing] == ""))
        with self.engine.connect() as conn:
            arrival = articles.c.ingest_seq
            if sort == "ingest":
                return [dict(r) for r in conn.execute(stmt.order_by(arrival).limit(limit)).mappings()]
            # Dated articles first, read in date order from the index on dates (a sort of every row
            # for the first page would take seconds on a large archive), then the undated ones.
            found = [dict(r) for r in conn.execute(stmt.where(articles.c.published.is_not(None))
                                                   .order_by(published[sort], arrival).limit(limit)).mappings()]
            if limit is None or len(found) < limit:
                rest = None if limit is None else limit - len(found)
                found += [dict(r) for r in conn.execute(stmt.where(articles.c.published.is_(None))
                                                        .order_by(arrival).limit(rest)).mappings()]
            return found

    def search(self, query: str, outlet: str | None = None, since: str | None = None,
               until: str | None = None, language: str | None = None, limit: int = 20,
               start_mark: str = "[", end_mark: str = "]", escape_html: bool = False) -> list[SearchHit]:
        """Best-first full-text hits (BM25-style) over title + text; any user string is safe.
        Where more than `search.SEARCH_WINDOW` articles match the words, the most recently ingested
        that many are ranked (`search.Window`).

        For HTML, pass `escape_html=True, start_mark="<mark>", end_mark="</mark>"`: the snippet
        text is escaped first and only the marks are markup.
        """
        with self.engine.connect() as conn:
            return _search(conn, query, window(conn, query), self._filters(outlet, since, until, language), limit,
                           start_mark, end_mark, escape_html)

    def stats(self) -> dict[str, Any]:
        """Sources ok and failed, articles, near-duplicates, and articles per outlet, language and
        year (most first; None: not known), read from the counts the ingest keeps (`article_counts`)."""
        ac = schema.article_counts
        with self.engine.connect() as conn:
            by_status = dict(conn.execute(select(sources.c.status, func.count()).group_by(sources.c.status)).all())
            kept = conn.execute(select(ac.c.outlet, ac.c.language, ac.c.month, ac.c.original, ac.c.articles)).all()
        per: dict[str, dict] = {"outlet": {}, "language": {}, "year": {}}
        for r in kept:
            for name, value in (("outlet", r.outlet or None), ("language", r.language), ("year", r.month[:4] or None)):
                per[name][value] = per[name].get(value, 0) + r.articles

        def most_first(found: dict) -> dict:
            return dict(sorted(found.items(), key=lambda kv: (-kv[1], str(kv[0]))))

        return {
            "sources_ok": by_status.get("ok", 0),
            "sources_failed": by_status.get("failed", 0),
            "parts_failed": by_status.get("part", 0),  # rows, messages, records of stored sources
            "articles": sum(r.articles for r in kept),
            "duplicates": sum(r.articles for r in kept if not r.original),
            "per_outlet": most_first(per["outlet"]),
            "per_language": most_first(per["language"]),
            "per_year": dict(sorted(per["year"].items(), key=lambda kv: str(kv[0]))),
        }
