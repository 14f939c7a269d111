"""Events and dated statements in date order, filterable by person and type."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, exists, select

from cliptrace.archive import summaries
from cliptrace.archive.schema import articles, entities, entity_counts, events, mentions
from cliptrace.questions.anchors import event_anchor
from cliptrace.questions.articles import is_original
from cliptrace.questions.excerpt import context_columns, context_sentence
from cliptrace.questions.people import participant_condition
from cliptrace.questions.quotes import statements

EVENT_TYPES = ("meeting", "visit", "call", "statement", "other")
TYPES = (*EVENT_TYPES, "quote")


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
    only events of articles that mention them, with their name among the participants."""
    # Every type wanted: no condition, so that the index on dates, not the one on types, is read.
    conditions = [is_original(conn)] + ([] if set(types) >= set(EVENT_TYPES) else [events.c.type.in_(types)])
    if person:
        # A person in few articles: their articles' events, about one probe per article. One in a
        # large share of the archive: events in date order, each checked against their mentions,
        # until a page is found, about limit × archive / their articles rows. The scan is the
        # cheaper past sqrt(limit × archive) articles (a fixed 2,000 took 300 ms at a million).
        in_articles = select(mentions.c.article_id).where(mentions.c.entity_id == person[0])
        present = conn.execute(select(entity_counts.c.articles).where(entity_counts.c.entity_id == person[0])).scalar()
        if (present or 0) ** 2 > limit * summaries.archived_articles(conn):
            conditions.append(exists(in_articles.where(mentions.c.article_id == events.c.article_id)))
        else:
            conditions.append(events.c.article_id.in_(in_articles))
        conditions.append(participant_condition(person[1]))
    lo, ctx = context_columns(events.c.start, events.c.end)
    found = []
    # Dated events, then undated ones dated by their article, each read in date order from an index.
    # The page is chosen first, then only its events' articles are read for their context: choosing
    # with the context read every candidate's article text (a person in thousands of articles).
    for own, date in ((True, events.c.date), (False, articles.c.published)):
        kind = [events.c.date.is_not(None) if own else events.c.date.is_(None), date.is_not(None)]
        if since:
            kind.append(date >= since)
        if until:
            kind.append(date <= until)
        page = conn.execute(select(events.c.id).join(articles, articles.c.id == events.c.article_id)
                            .where(*conditions, *kind).order_by(date, events.c.id).limit(limit)).scalars().all()
        found += conn.execute(
            select(date.label("date"), events.c.id, events.c.type, events.c.participants, events.c.place,
                   events.c.start, events.c.end, events.c.article_id, articles.c.outlet, articles.c.language, lo, ctx)
            .join(articles, articles.c.id == events.c.article_id).where(events.c.id.in_(page))
        ).all() if page else []
    found.sort(key=lambda r: (r.date, r.id))
    return [TimelineItem(date=r.date, type=r.type, text=context_sentence(r), who=list(r.participants),
                         place=r.place, article_id=r.article_id, anchor=event_anchor(r.start, r.end),
                         outlet=r.outlet, language=r.language) for r in found[:limit]]


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
