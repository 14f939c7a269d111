"""Events and dated statements in date order, filterable by person and type."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, exists, func, select, tuple_

from cliptrace.archive.schema import articles, entities, event_participants, events, mentions
from cliptrace.questions.anchors import event_anchor
from cliptrace.questions.articles import is_original
from cliptrace.questions.excerpt import context_columns, context_sentence
from cliptrace.questions.quotes import statements

EVENT_TYPES = ("meeting", "visit", "call", "statement", "other")
TYPES = (*EVENT_TYPES, "quote")
# Participations read at a time (`_participations`); bound parameters stay under the 999 of old SQLite.
_PARTICIPATION_BATCH = 500


@dataclass(frozen=True)
class TimelineItem:
    date: str
    type: str  # an event type, or "quote"
    text: str
    who: list[str]
    place: str | None
    article_id: str
    anchor: str
    outlet: str | None
    language: str

    @property
    def href(self) -> str:
        return f"/articles/{self.article_id}#{self.anchor}"


def _events(conn: Connection, person: tuple[str, str] | None, types: list[str], since: str | None,
            until: str | None, limit: int) -> list[TimelineItem]:
    """The first `limit` events by date: an event's own, else its article's. `person` is (id, name):
    only events with their name among the participants, in articles that mention them."""
    # Every type wanted: no condition, so that the index on dates, not the one on types, is read.
    conditions = [is_original(conn)] + ([] if set(types) >= set(EVENT_TYPES) else [events.c.type.in_(types)])
    # The page is chosen first, then only its events' articles are read for their context: choosing
    # with the context read every candidate's article text (a person in thousands of articles).
    page = (_participations(conn, person, conditions, since, until, limit) if person
            else _all_events(conn, conditions, since, until, limit))
    if not page:
        return []
    date = func.coalesce(events.c.date, articles.c.published)
    lo, ctx = context_columns(events.c.start, events.c.end)
    found = conn.execute(
        select(date.label("date"), events.c.id, events.c.type, events.c.participants, events.c.place,
               events.c.start, events.c.end, events.c.article_id, articles.c.outlet, articles.c.language, lo, ctx)
        .join(articles, articles.c.id == events.c.article_id).where(events.c.id.in_(page))
        .order_by(date, events.c.id)
    ).all()
    return [TimelineItem(date=r.date, type=r.type, text=context_sentence(r), who=list(r.participants),
                         place=r.place, article_id=r.article_id, anchor=event_anchor(r.start, r.end),
                         outlet=r.outlet, language=r.language) for r in found]


def _participations(conn: Connection, person: tuple[str, str], conditions: list[ColumnElement],
                    since: str | None, until: str | None, limit: int) -> list[int]:
    """Ids of the first `limit` events by date with `person` (id, name) among the participants, in
    articles that mention them. Their rows of `event_participants` are read in date order,
    `_PARTICIPATION_BATCH` at a time, and each batch's events tested for the conditions until
    `limit` pass. Asked in one statement, PostgreSQL tested every event of a person named in
    thousands before sorting (6,573 events, 175 ms at a million articles): it guessed that a few
    hundred would pass, where nearly all do."""
    ep = event_participants
    mentioned = exists(select(mentions.c.article_id)
                       .where(mentions.c.entity_id == person[0], mentions.c.article_id == events.c.article_id))
    dates = [ep.c.date.is_not(None)] + ([ep.c.date >= since] if since else []) + ([ep.c.date <= until] if until else [])
    found: list[int] = []
    after: list[ColumnElement] = []  # past the last row read, in (date, event_id) order
    while len(found) < limit:
        batch = conn.execute(select(ep.c.date, ep.c.event_id).where(ep.c.name == person[1], *dates, *after)
                             .order_by(ep.c.date, ep.c.event_id).limit(_PARTICIPATION_BATCH)).all()
        ids = [event_id for _, event_id in batch]
        passing = set(conn.execute(select(events.c.id).join(articles, articles.c.id == events.c.article_id)
                                   .where(events.c.id.in_(ids), *conditions, mentioned)).scalars()) if ids else set()
        found += [event_id for event_id in ids if event_id in passing][:limit - len(found)]
        if len(batch) < _PARTICIPATION_BATCH:
            break
        after = [tuple_(ep.c.date, ep.c.event_id) > tuple(batch[-1])]
    return found


def _all_events(conn: Connection, conditions: list[ColumnElement], since: str | None, until: str | None,
                limit: int) -> list[int]:
    """Ids of the first `limit` events by date: dated events, then undated ones dated by their
    article, each kind read in date order from an index."""
    found = []
    for own, date in ((True, events.c.date), (False, articles.c.published)):
        kind = [events.c.date.is_not(None) if own else events.c.date.is_(None), date.is_not(None)]
        if since:
            kind.append(date >= since)
        if until:
            kind.append(date <= until)
        found += conn.execute(select(date, events.c.id).join(articles, articles.c.id == events.c.article_id)
                              .where(*conditions, *kind).order_by(date, events.c.id).limit(limit)).all()
    return [event_id for _, event_id in sorted(found)[:limit]]


def timeline(conn: Connection, person_id: str | None = None, types: list[str] | None = None,
             since: str | None = None, until: str | None = None, limit: int = 300) -> list[TimelineItem]:
    """Up to `limit` dated items, oldest first; `types` is a subset of TYPES (all when empty)."""
    wanted = [t for t in (types or TYPES) if t in TYPES]
    person = None
    if person_id:
        person_name = conn.execute(select(entities.c.name).where(entities.c.id == person_id)).scalar()
        if person_name is None:
            return []
        person = person_id, person_name
    items: list[TimelineItem] = []
    event_types = [t for t in wanted if t in EVENT_TYPES]
    if event_types:
        items += _events(conn, person, event_types, since, until, limit)
    if "quote" in wanted:
        items += [
            TimelineItem(date=s.date, type="quote", text=s.text, who=[s.speaker] if s.speaker else [],
                         place=None, article_id=s.article_id, anchor=s.anchor, outlet=s.outlet,
                         language=s.language)
            for s in statements(conn, speaker_id=person_id, since=since, until=until,
                                dated_only=True, limit=limit)
        ]
    items.sort(key=lambda i: i.date)
    return items[:limit]
