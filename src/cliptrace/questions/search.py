"""Search with facets: BM25-ranked hits (the archive's search) plus counts per outlet, month,
language, speaker and entity over the whole matching set, and filters for each facet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import ColumnElement, Connection, Row, String, and_, exists, func, select, true

from cliptrace.archive import search as fts
from cliptrace.archive.alongside import alongside
from cliptrace.archive.schema import article_counts, articles, entities, mentions, quotes

FACET_LIMIT = 12
# Speaker and entity facets join quotes and mentions: bounded so that a broad query stays fast.
ENTITY_FACET_SAMPLE = 300
SAMPLED_FACETS = frozenset({"speaker", "entity"})
# Private-use characters delimit hits in snippets: the snippet text is escaped piece by piece.
_HIT_START, _HIT_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class SearchFilters:
    outlet: str | None = None
    month: str | None = None  # YYYY-MM
    language: str | None = None
    speaker: str | None = None  # entity id of a quoted speaker
    entity: str | None = None  # entity id mentioned in the article
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    query: str
    hits: list[dict]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Set when more articles match than a search looks at: hits, total and facets then cover the
    # `window` most recently ingested articles matching (the words of) the search, see `fts.Window`.
    window: int | None = None

    @property
    def sampled_facets(self) -> frozenset[str]:
        """Facets counted over the most recent ENTITY_FACET_SAMPLE matches only (see `_entity_facets`)."""
        return SAMPLED_FACETS if self.total > ENTITY_FACET_SAMPLE else frozenset()


def highlight_snippet(snippet: str) -> Markup:
    """A snippet with hits in `<mark>`, every piece of article text escaped."""
    out: list[str] = []
    for i, part in enumerate(snippet.split(_HIT_START)):
        hit, _, rest = part.partition(_HIT_END) if i else ("", "", part)
        if hit:
            out.append(f"<mark>{escape(hit)}</mark>")
        out.append(str(escape(rest)))
    return Markup("".join(out))


def _filter_conditions(f: SearchFilters, per_article: bool = False) -> list[ColumnElement]:
    """Conditions on `articles` for the filters. `per_article`: the speaker and entity filters are
    checked for each article (an index lookup each), for a search that reads a bounded window of
    articles; otherwise they list the speaker's or entity's articles, for a browse."""
    conditions: list[ColumnElement] = []
    if f.outlet:
        conditions.append(articles.c.outlet == f.outlet)
    if f.month:  # the range lets an index on the date find the month; the prefix test is the filter
        conditions += [articles.c.published >= f.month, articles.c.published <= f.month + "-99",
                       func.substr(articles.c.published, 1, 7) == f.month]
    if f.language:
        conditions.append(articles.c.language == f.language)
    if f.since:
        conditions.append(articles.c.published >= f.since)
    if f.until:
        conditions.append(articles.c.published <= f.until)
    for wanted, table, column in ((f.speaker, quotes, quotes.c.speaker_id), (f.entity, mentions, mentions.c.entity_id)):
        if not wanted:
            continue
        theirs = select(table.c.article_id).where(column == wanted)
        conditions.append(exists(theirs.where(table.c.article_id == articles.c.id)) if per_article
                          else articles.c.id.in_(theirs))
    return conditions


def _matches(conn: Connection, matching: ColumnElement) -> list[Row]:
    """(ingest_seq, id, outlet, month, language) of the articles passing `matching`, newest first;
    read from ix_articles_facets alone, which covers these columns. The callers bound `matching`
    to a search window (at most `fts.SEARCH_WINDOW` articles)."""
    month = func.substr(articles.c.published, 1, 7).label("month")
    return conn.execute(select(articles.c.ingest_seq, articles.c.id, articles.c.outlet, month, articles.c.language)
                        .where(matching).order_by(articles.c.ingest_seq.desc())).all()


def _facet_counts(conn: Connection, matches: list[Row]) -> tuple[dict[str, Counter], dict[str, list[FacetValue]]]:
    """The column counts of `matches` (`_matches`, `_column_facets`) and the speaker and entity
    facets of their ENTITY_FACET_SAMPLE most recent (`_entity_facets`)."""
    return _column_facets(matches), _entity_facets(conn, [m.id for m in matches[:ENTITY_FACET_SAMPLE]])


def _column_facets(matches: list[Row]) -> dict[str, Counter]:
    """Counts per outlet, month and language of `matches` (`_matches`), every one of them."""
    columns = list(zip(*matches)) or [()] * 5  # by column: Counter counts a tuple in C
    counters = {name: Counter(column) for name, column in zip(("outlet", "month", "language"), columns[2:])}
    for counter in counters.values():
        counter.pop(None, None)
    return counters


def _kept_counts(conn: Connection, f: SearchFilters) -> dict[str, Counter]:
    """Counts per outlet, month and language of a browse filtered by those columns at most, read
    from the sums the archive keeps (`article_counts`), exact, one column at a time."""
    ac = article_counts
    kept = [ac.c.outlet == f.outlet if f.outlet else None, ac.c.month == f.month if f.month else None,
            ac.c.language == f.language if f.language else None]
    counters = {}
    for name, column in (("outlet", ac.c.outlet), ("month", ac.c.month), ("language", ac.c.language)):
        found = conn.execute(select(column, func.sum(ac.c.articles)).where(*(c for c in kept if c is not None))
                             .group_by(column))
        counters[name] = Counter({value: int(n) for value, n in found if value})  # "": no outlet or date
    return counters


def _total_and_facets(counters: dict[str, Counter],
                      entity_facets: dict[str, list[FacetValue]]) -> tuple[int, dict[str, list[FacetValue]]]:
    """The number of articles counted in `counters` (`_column_facets`, `_kept_counts`) and every
    facet: the columns' most frequent values, then `entity_facets` (`_entity_facets`)."""

    def column_facet(name: str) -> list[FacetValue]:
        top = sorted(counters[name].items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]
        if name == "month":  # the busiest months, read like a calendar: newest first
            top.sort(reverse=True)
        return [FacetValue(v, v, n) for v, n in top]

    total = sum(counters["language"].values())  # every article has a language
    return total, {name: column_facet(name) for name in ("outlet", "month", "language")} | entity_facets


def _entity_facets(conn: Connection, sample: list[str]) -> dict[str, list[FacetValue]]:
    """The speaker and entity facets of the articles whose ids are in `sample` (at most
    ENTITY_FACET_SAMPLE, the most recently ingested matches, listed: as a subquery each facet's
    statement found them again), most frequent first."""

    def entity_facet(table, id_column: ColumnElement, extra: list[ColumnElement]) -> list[FacetValue]:
        # Counted per id first, then joined by key to the few hundred entities counted: joined
        # first, PostgreSQL hashed the whole entities table for each facet.
        counted = (select(id_column.label("entity_id"), func.count(func.distinct(table.c.article_id)).label("n"))
                   .where(_one_of(conn, table.c.article_id, sample)).group_by(id_column).subquery())
        rows = conn.execute(
            select(entities.c.id, entities.c.name, counted.c.n)
            .join_from(counted, entities, entities.c.id == counted.c.entity_id)
            .where(*extra).order_by(counted.c.n.desc(), entities.c.name).limit(FACET_LIMIT)
        ).all()
        return [FacetValue(r.id, r.name, r.n) for r in rows]

    return {"speaker": entity_facet(quotes, quotes.c.speaker_id, []),
            "entity": entity_facet(mentions, mentions.c.entity_id, [entities.c.type != "person"])}


def _one_of(conn: Connection, column: ColumnElement, values: list[str]) -> ColumnElement:
    """`column IN values`; on PostgreSQL as one array parameter (`fts.one_of_array`)."""
    if conn.dialect.name == "postgresql":
        return fts.one_of_array(column, values, String)
    return column.in_(values)


def _browse(conn: Connection, conditions: list[ColumnElement], limit: int) -> list[dict]:
    """Without a query: the newest articles that pass the filters, with their opening words."""
    rows = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.published, articles.c.outlet,
               articles.c.language, func.substr(articles.c.text, 1, 240).label("snippet"))
        .where(*conditions).order_by(articles.c.published.desc(), articles.c.ingest_seq).limit(limit)
    ).all()
    return [dict(r._mapping, score=None) for r in rows]


def search_articles(conn: Connection, query: str, filters: SearchFilters = SearchFilters(),
                    limit: int = 20) -> SearchResult:
    """Hits for `query` (or the newest articles when it is empty) and facet counts.

    Where more than `fts.SEARCH_WINDOW` articles match the words (or, without words, pass filters
    other than outlet, month and language), hits, total and facets cover that many most recently
    ingested of them (`SearchResult.window`). A browse by outlet, month and language only counts
    every article from the sums the archive keeps."""
    searched = bool(query.strip())
    conditions = _filter_conditions(filters, per_article=searched)
    if not searched:
        hits = _browse(conn, conditions, limit)
        if not (filters.since or filters.until or filters.speaker or filters.entity):
            newest = conn.execute(select(articles.c.id).where(*conditions).order_by(articles.c.ingest_seq.desc())
                                  .limit(ENTITY_FACET_SAMPLE)).scalars().all()
            total, facets = _total_and_facets(_kept_counts(conn, filters), _entity_facets(conn, newest))
            return SearchResult(query=query, hits=hits, total=total, facets=facets)
        start = fts.window_start_where(conn, conditions)
        if start is not None:
            conditions.append(articles.c.ingest_seq >= start)
    else:
        window = fts.window(conn, query)
        start = window.start
    matching = and_(true(), *conditions, *([window.match] if searched else []))
    # The facets are counted while the hits are ranked: on PostgreSQL on a second connection
    # (alongside). Unfiltered, every match in the window is ranked, so the counting starts at
    # once; filtered, the matches that pass are read first and serve both (read on each connection,
    # they made a filtered search slower).
    if searched and not conditions:
        counting = alongside(conn, lambda other: _facet_counts(other, _matches(other, matching)))
        passing = window.seqs
    else:
        matches = _matches(conn, matching)
        counting = alongside(conn, lambda other: _facet_counts(other, matches))
        passing = [m.ingest_seq for m in matches]
    if searched:
        hits = [vars(h) for h in fts.hits(conn, query, window, passing, limit, _HIT_START, _HIT_END,
                                          escape_html=False)]
    total, facets = _total_and_facets(*counting())
    return SearchResult(query=query, hits=hits, total=total, facets=facets,
                        window=fts.SEARCH_WINDOW if start is not None else None)
