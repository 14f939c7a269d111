"""Article-level questions the archive does not answer itself: where else a text was seen."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, func, or_, select

from cliptrace.archive.schema import articles


def is_original(conn: Connection) -> ColumnElement:
    """The condition 'the article is no near-duplicate', for a query that reads rows in date order
    from an index and joins their articles. Nearly every article passes: on SQLite it is written so
    that no index on `duplicate_of` serves it (a plan starting from that index would read every
    article where the index on dates reads a page); PostgreSQL's planner, which knows how many are
    NULL, needs it plain to estimate it right."""
    if conn.dialect.name == "sqlite":
        return func.coalesce(articles.c.duplicate_of, "") == ""
    return articles.c.duplicate_of.is_(None)


def also_seen_in(conn: Connection, article_id: str, duplicate_of: str | None) -> list[dict]:
    """The near-duplicates of an article: its original, the original's other copies, its own copies."""
    original = duplicate_of or article_id
    rows = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.source_path)
        .where(or_(articles.c.id == original, articles.c.duplicate_of == original), articles.c.id != article_id)
        .order_by(articles.c.ingest_seq).limit(100)
    ).all()
    return [dict(r._mapping) for r in rows]
