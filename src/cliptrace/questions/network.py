"""Who met or is quoted with whom: a graph of people, weighted by the articles that link them."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from sqlalchemy import Connection, func, select

from cliptrace.archive.schema import articles, entities, events, quotes
from cliptrace.questions.people import MEETING_TYPES


# The graph is drawn from the most recently ingested this many original articles: a picture of who
# is in the news now, read in the same time however large the archive (the page says so).
NETWORK_ARTICLES = 2000


def _recent():
    """The ids of the NETWORK_ARTICLES most recently ingested original articles (a subquery)."""
    return (select(articles.c.id).where(articles.c.duplicate_of.is_(None))
            .order_by(articles.c.ingest_seq.desc()).limit(NETWORK_ARTICLES))


def _co_quoted(conn: Connection, types: tuple[str, ...]) -> Counter:
    """Pairs of speaker ids (entities of `types`) quoted in the same (original, recent) article,
    with how many articles."""
    x, y = quotes.alias("x"), quotes.alias("y")
    ex, ey = entities.alias("ex"), entities.alias("ey")
    rows = conn.execute(
        select(x.c.speaker_id.label("x"), y.c.speaker_id.label("y"), func.count(func.distinct(x.c.article_id)).label("n"))
        .join(y, (x.c.article_id == y.c.article_id) & (x.c.speaker_id < y.c.speaker_id))
        .join(ex, ex.c.id == x.c.speaker_id).join(ey, ey.c.id == y.c.speaker_id)
        .where(x.c.article_id.in_(_recent()), ex.c.type.in_(types), ey.c.type.in_(types))
        .group_by(x.c.speaker_id, y.c.speaker_id)
    ).all()
    return Counter({(r.x, r.y): r.n for r in rows})


def _met(conn: Connection, types: tuple[str, ...]) -> Counter:
    """Pairs of entity ids (of `types`) taking part in the same meeting, visit or call (of an
    original, recent article)."""
    # The recent articles' events, kept by type here: with the type in SQL, the planner walked the
    # type index over every meeting of the archive (115 ms at a million articles).
    rows = [participants for etype, participants in conn.execute(
        select(events.c.type, events.c.participants).where(events.c.article_id.in_(_recent()))
    ).all() if etype in MEETING_TYPES]
    names = {n for participants in rows for n in participants}
    ids = dict(conn.execute(select(entities.c.name, entities.c.id)
                            .where(entities.c.name.in_(names), entities.c.type.in_(types))
                            .order_by(entities.c.type == "person")).all()) if names else {}  # a person wins
    pairs: Counter = Counter()
    for participants in rows:
        known = sorted({ids[n] for n in participants if n in ids})
        pairs.update(combinations(known, 2))
    return pairs


PEOPLE_ONLY = ("person",)
EVERYONE = ("person", "org", "place", "other")


def network(conn: Connection, max_nodes: int = 60, types: tuple[str, ...] = PEOPLE_ONLY) -> dict:
    """{"nodes": [{id, name, type, degree, group}], "edges": [{source, target, weight, met, quoted}],
    "articles": N} with the `max_nodes` best-connected entities of `types` (entity types: person,
    org, place, other) in the N most recently ingested original articles (N = NETWORK_ARTICLES, or
    every original article when fewer); people only by default, since organisations and places
    quoted as speakers ("Iran said") would otherwise sit in the graph as if they were people."""
    met, quoted = _met(conn, types), _co_quoted(conn, types)
    weights = Counter(met) + Counter(quoted)
    degree: Counter = Counter()
    for (x, y), n in weights.items():
        degree[x] += n
        degree[y] += n
    keep = {node for node, _ in degree.most_common(max_nodes)}
    found = conn.execute(select(entities.c.id, entities.c.name, entities.c.type)
                         .where(entities.c.id.in_(keep))).all() if keep else []
    names = {r.id: r.name for r in found}
    kinds = {r.id: r.type for r in found}
    edges = [{"source": x, "target": y, "weight": n, "met": met.get((x, y), 0), "quoted": quoted.get((x, y), 0)}
             for (x, y), n in sorted(weights.items()) if x in keep and y in keep]
    # group: connected component, so each cluster gets its own colour
    neighbours: dict[str, list[str]] = {node: [] for node in keep}
    for e in edges:
        neighbours[e["source"]].append(e["target"])
        neighbours[e["target"]].append(e["source"])
    group: dict[str, int] = {}
    for node in sorted(keep, key=lambda k: (-degree[k], k)):  # ties by id: the same colours every run
        if node in group:
            continue
        stack, group[node] = [node], len(set(group.values()))
        while stack:
            for b in neighbours[stack.pop()]:
                if b not in group:
                    group[b] = group[node]
                    stack.append(b)
    nodes = [{"id": k, "name": names.get(k, k), "type": kinds.get(k, "person"), "degree": degree[k], "group": group[k]}
             for k in sorted(keep, key=lambda k: (-degree[k], names.get(k, k)))]
    n_articles = conn.execute(select(func.count()).select_from(_recent().subquery())).scalar()
    return {"nodes": nodes, "edges": edges, "articles": n_articles}
