"""Counts kept beside the rows they summarise, so that the reading room's lists read a few rows
instead of grouping the whole archive: per entity, the articles that mention it and the quotes it
gave (`entity_counts`); articles and words per outlet, language, month and originality
(`article_counts`, added to by each ingest: articles are never changed afterwards); figures per
category (`figure_counts`: added by ingest, taken off and added again by re-extraction).

Writers keep them exact in the same transaction as the rows: an ingest adds its new articles'
counts (`add_entity_counts`); re-extraction and entity merging, which move or delete mentions and
quotes of existing articles, count again the entities they touched (`recount_entities`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from sqlalchemy import Connection, delete, func, select

from cliptrace.archive.schema import article_counts, entity_counts, figure_counts, mentions, quotes

_IN_CHUNK = 500  # values per IN (...) list: well under SQLite's limit on bound parameters


def add_article_counts(conn: Connection, insert: Callable, article_rows: list[dict]) -> None:
    """Add newly stored articles (`rows.article_row` dicts) to `article_counts`."""
    found: Counter = Counter()
    for r in article_rows:
        key = (r["outlet"] or "", r["language"], (r["published"] or "")[:7], r["duplicate_of"] is None)
        found[key + ("articles",)] += 1
        found[key + ("words",)] += r["words"]
    keys = sorted({k[:4] for k in found})
    if not keys:
        return
    upsert = insert(article_counts)
    conn.execute(upsert.on_conflict_do_update(
        index_elements=["outlet", "language", "month", "original"],
        set_={"articles": article_counts.c.articles + upsert.excluded.articles,
              "words": article_counts.c.words + upsert.excluded.words}),
        [{"outlet": o, "language": lang, "month": m, "original": orig,
          "articles": found[(o, lang, m, orig, "articles")], "words": found[(o, lang, m, orig, "words")]}
         for o, lang, m, orig in keys])


def archived_articles(conn: Connection) -> int:
    """How many articles the archive holds (near-duplicates included), from `article_counts`."""
    return conn.execute(select(func.sum(article_counts.c.articles))).scalar() or 0


def add_figure_counts(conn: Connection, insert: Callable, categories: Counter) -> None:
    """Add `categories` (category -> number of figures, negative to take off) to `figure_counts`."""
    if categories:
        upsert = insert(figure_counts)
        conn.execute(upsert.on_conflict_do_update(index_elements=["category"],
                                                  set_={"figures": figure_counts.c.figures + upsert.excluded.figures}),
                     [{"category": c, "figures": n} for c, n in sorted(categories.items())])


def add_entity_counts(conn: Connection, insert: Callable, table_rows: dict[str, list[dict]]) -> set[str]:
    """Add the mention and quote rows of newly stored articles (as `rows.annotation_rows` makes
    them, several articles together) to `entity_counts`: +1 article per entity an article
    mentions, +1 quote per quote with a speaker id. Returns the entity and speaker ids counted."""
    mentioned = {(r["entity_id"], r["article_id"]) for r in table_rows.get("mentions", [])}
    n_articles = Counter(entity for entity, _ in mentioned)
    n_quotes = Counter(r["speaker_id"] for r in table_rows.get("quotes", []) if r["speaker_id"] is not None)
    counted = set(n_articles) | set(n_quotes)
    _upsert(conn, insert, [{"entity_id": e, "articles": n_articles[e], "quotes": n_quotes[e]}
                           for e in sorted(counted)], add=True)
    return counted


def recount_entities(conn: Connection, insert: Callable, entity_ids: Iterable[str]) -> None:
    """Count again, from the mention and quote rows, the entities (or speaker ids) given; an id
    with neither any more loses its row."""
    ids = sorted(set(entity_ids))
    for i in range(0, len(ids), _IN_CHUNK):
        chunk = ids[i:i + _IN_CHUNK]
        n_articles = dict(conn.execute(
            select(mentions.c.entity_id, func.count(func.distinct(mentions.c.article_id)))
            .where(mentions.c.entity_id.in_(chunk)).group_by(mentions.c.entity_id)).all())
        n_quotes = dict(conn.execute(
            select(quotes.c.speaker_id, func.count()).where(quotes.c.speaker_id.in_(chunk))
            .group_by(quotes.c.speaker_id)).all())
        conn.execute(delete(entity_counts).where(entity_counts.c.entity_id.in_(chunk)))
        _upsert(conn, insert, [{"entity_id": e, "articles": n_articles.get(e, 0), "quotes": n_quotes.get(e, 0)}
                               for e in chunk if n_articles.get(e) or n_quotes.get(e)], add=False)


def _upsert(conn: Connection, insert: Callable, values: list[dict], add: bool) -> None:
    if not values:
        return
    upsert = insert(entity_counts)
    if add:
        upsert = upsert.on_conflict_do_update(
            index_elements=["entity_id"],
            set_={"articles": entity_counts.c.articles + upsert.excluded.articles,
                  "quotes": entity_counts.c.quotes + upsert.excluded.quotes})
    conn.execute(upsert, values)  # executemany
