"""`cliptrace stats --check`: is the archive whole? The database's own checks, then ours.

SQLite: `PRAGMA integrity_check` (pages, indexes), `PRAGMA foreign_key_check` and FTS5's
'integrity-check' command (the search index against the articles). Both backends: every stored
source has its bytes and as many articles as it says, and no archive-wide step is left pending.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DBAPIError

from cliptrace.archive import schema
from cliptrace.archive.store import Archive


def check(archive: Archive) -> list[str]:
    """Problems found, one sentence each; [] when the archive is whole."""
    with archive.engine.connect() as conn:
        problems = _sqlite_problems(conn) if archive.backend == "sqlite" else []
        problems += _content_problems(conn)
    problems += [f"the archive-wide step '{step}' was interrupted: run `cliptrace repair`"
                 for step in archive.pending_steps()]
    return problems


def _sqlite_problems(conn: Connection) -> list[str]:
    found = [f"integrity_check: {line}" for line in conn.exec_driver_sql("PRAGMA integrity_check").scalars()
             if line != "ok"]
    found += [f"foreign key broken: a row of {table} points to a missing row of {parent}"
              for table, _rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check")]
    # The index holds folded text (fold_arabic), not the articles' own, so FTS5's comparison with
    # its content table (rank 1) would always differ: check its pages, then that it has every article.
    try:
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        indexed = conn.exec_driver_sql("SELECT count(*) FROM articles_fts_docsize").scalar()
        stored = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
        if indexed != stored:
            found.append(f"the search index holds {indexed} articles of {stored}: run `cliptrace repair`")
    except DBAPIError as error:
        found.append(f"the search index does not match the articles ({error.orig}): run `cliptrace repair`")
    finally:
        conn.rollback()
    return found


def _content_problems(conn: Connection) -> list[str]:
    sources, blobs, articles = schema.sources, schema.blobs, schema.articles
    ok = sources.c.status == "ok"
    without_bytes = conn.execute(
        select(sources.c.path).where(ok, sources.c.sha256.not_in(select(blobs.c.sha256)))).scalars().all()
    stored = select(articles.c.source_sha256, func.count().label("n")).group_by(articles.c.source_sha256).subquery()
    miscounted = conn.execute(
        select(sources.c.path, sources.c.n_articles, func.coalesce(stored.c.n, 0))
        .outerjoin(stored, stored.c.source_sha256 == sources.c.sha256)
        .where(ok, sources.c.n_articles != func.coalesce(stored.c.n, 0))).all()
    orphans = conn.execute(
        select(func.count()).where(articles.c.source_sha256.not_in(select(sources.c.sha256).where(ok)))).scalar()
    return ([f"{path}: its stored bytes are missing" for path in without_bytes]
            + [f"{path}: {n} articles recorded, {found} stored" for path, n, found in miscounted]
            + ([f"{orphans} articles belong to no stored source"] if orphans else []))


def rebuild_search_index(archive: Archive) -> None:
    """Rebuild SQLite's FTS5 index from the articles (PostgreSQL's `article_search` is written by a
    trigger in each article's own transaction)."""
    if archive.backend == "sqlite":
        with archive.engine.execution_options(write=True).begin() as conn:
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
