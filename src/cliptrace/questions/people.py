"""People (and other entities): every spelling, statements, outlets quoting them, company kept."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, String, cast, func, or_, select

from cliptrace.archive.alongside import alongside
from cliptrace.archive.schema import articles, entities, entity_aliases, entity_counts, events, mentions, quotes
from cliptrace.extract.pronouns import PRONOUNS
from cliptrace.questions.quotes import Statement, statements

MEETING_TYPES = ("meeting", "visit", "call")
SPELLING_SAMPLE = 1000
# A person's outlets, meetings and company are counted in their most recent this many quotes
# (outlets) and mentions (meetings, company): a person in 100,000 articles gets a page as fast as
# one in ten. `Person.sampled` says when the counts are those of a sample.
PERSON_SAMPLE = 1000


@dataclass(frozen=True)
class PersonSummary:
    id: str
    name: str
    type: str
    articles: int
    quotes: int


@dataclass
class Person:
    id: str
    name: str
    type: str
    aliases: list[str]
    spellings: list[tuple[str, int]]  # surface form as written in articles, count
    statements: list[Statement]
    outlets: list[tuple[str, int]]  # outlet quoting them, quotes
    met: list[dict] = field(default_factory=list)  # {name, id, events, dates}
    mentioned_with: list[PersonSummary] = field(default_factory=list)
    sampled: bool = False  # more than PERSON_SAMPLE quotes or mentioned articles: outlets, met, company sampled


def list_people(conn: Connection, type_: str | None = "person", q: str | None = None,
                limit: int = 200, ids: set[str] | None = None) -> list[PersonSummary]:
    """Entities with how many articles mention them and how many quotes they gave, most present first
    (read from the counts the archive keeps, `entity_counts`)."""
    stmt = (select(entities.c.id, entities.c.name, entities.c.type, entity_counts.c.articles, entity_counts.c.quotes)
            .join(entity_counts, entity_counts.c.entity_id == entities.c.id).where(entity_counts.c.articles > 0)
            .order_by(entity_counts.c.articles.desc(), entities.c.name).limit(limit))
    if type_:
        stmt = stmt.where(entities.c.type == type_)
    if ids is not None:
        stmt = stmt.where(entities.c.id.in_(ids))
    if q:
        stmt = stmt.where(_named_like(q))
    return [PersonSummary(r.id, r.name, r.type, r.articles, r.quotes) for r in conn.execute(stmt)]


def _named_like(q: str):
    """Entities whose name or a spelling contains `q`; an Arabic `q` also finds the actors-list
    people and groups it spells, which the archive files under their Latin names (نتنياهو)."""
    from cliptrace.extract.arabic.actors import latin_names_spelled

    names = [q, *latin_names_spelled(q)]
    return or_(*(entities.c.name.contains(n, autoescape=True) for n in names)) | entities.c.id.in_(
        select(entity_aliases.c.entity_id).where(or_(*(entity_aliases.c.alias.contains(n, autoescape=True)
                                                       for n in names))))


def participant_condition(name: str):
    """Events whose JSON participant list holds exactly `name`.

    The JSON column is stored as text written by json.dumps (ASCII escapes), so the encoded name,
    quotes included, is a substring of the stored list exactly when it is one of its elements.
    """
    return cast(events.c.participants, String).contains(json.dumps(name), autoescape=True)


def _recent_articles(person_id: str):
    """The articles of a person's PERSON_SAMPLE most recent mentions (a subquery of article ids)."""
    recent = (select(mentions.c.article_id).where(mentions.c.entity_id == person_id)
              .order_by(mentions.c.id.desc()).limit(PERSON_SAMPLE).subquery())
    return select(recent.c.article_id).distinct()


def _met(conn: Connection, person_id: str, name: str) -> list[dict]:
    rows = conn.execute(
        select(events.c.participants, events.c.date, events.c.type, articles.c.published)
        .join(articles, articles.c.id == events.c.article_id)
        .where(events.c.article_id.in_(_recent_articles(person_id)), events.c.type.in_(MEETING_TYPES),
               participant_condition(name), articles.c.duplicate_of.is_(None))
    ).all()
    met: dict[str, dict] = {}
    for r in rows:
        for other in r.participants:
            if other == name:
                continue
            entry = met.setdefault(other, {"name": other, "id": None, "events": 0, "dates": set()})
            entry["events"] += 1
            if r.date or r.published:
                entry["dates"].add(r.date or r.published)
    if met:
        ids = dict(conn.execute(select(entities.c.name, entities.c.id)
                                .where(entities.c.name.in_(list(met)), entities.c.id != person_id)).all())
        for entry in met.values():
            entry["id"] = ids.get(entry["name"])
            entry["dates"] = sorted(entry["dates"])
    return sorted(met.values(), key=lambda e: (-e["events"], e["name"]))


def _mentioned_with(conn: Connection, person_id: str, limit: int) -> list[PersonSummary]:
    """Other people mentioned in the same articles, by number of shared articles."""
    own = _recent_articles(person_id).subquery()
    shared = func.count(func.distinct(mentions.c.article_id))
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type, shared.label("n"))
        .join(mentions, mentions.c.entity_id == entities.c.id)
        .join(own, own.c.article_id == mentions.c.article_id)
        .where(entities.c.id != person_id, entities.c.type == "person")
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(shared.desc(), entities.c.name).limit(limit)
    ).all()
    return [PersonSummary(r.id, r.name, r.type, r.n, 0) for r in rows]


def _spellings(conn: Connection, person_id: str) -> list[tuple[str, int]]:
    """The person's names as the articles write them, (spelling, mentions), most frequent first,
    read from their SPELLING_SAMPLE most recent mentions (a surface form needs the article text);
    the pronouns the entity extractor links to them ("he", "his") are mentions, not spellings."""
    sample = (select(mentions.c.article_id, mentions.c.start, mentions.c.end)
              .where(mentions.c.entity_id == person_id).order_by(mentions.c.id.desc())
              .limit(SPELLING_SAMPLE).subquery())
    surface = func.substr(articles.c.text, sample.c.start + 1, sample.c.end - sample.c.start)
    return [(r.s, r.n) for r in conn.execute(
        select(surface.label("s"), func.count().label("n"))
        .join(articles, articles.c.id == sample.c.article_id).where(func.lower(surface).not_in(sorted(PRONOUNS)))
        .group_by(surface).order_by(func.count().desc(), surface).limit(50))]


def _outlets(conn: Connection, person_id: str) -> list[tuple[str, int]]:
    """(outlet, quotes) of the person's PERSON_SAMPLE most recent quotes, most quoting first."""
    recent_quotes = (select(quotes.c.article_id).where(quotes.c.speaker_id == person_id)
                     .order_by(quotes.c.id.desc()).limit(PERSON_SAMPLE).subquery())
    return [(r.outlet, r.n) for r in conn.execute(
        select(articles.c.outlet, func.count().label("n"))
        .join(recent_quotes, recent_quotes.c.article_id == articles.c.id)
        .where(articles.c.outlet.is_not(None))
        .group_by(articles.c.outlet).order_by(func.count().desc(), articles.c.outlet))]


def get_person(conn: Connection, person_id: str, limit: int = 200) -> Person | None:
    """The person's (or other entity's) page, or None for an unknown id. On PostgreSQL the
    spellings and the company kept are read on a second connection while the statements, outlets
    and meetings are read on `conn` (`alongside`): each half is about half of the page's reading."""
    entity = conn.execute(select(entities).where(entities.c.id == person_id)).first()
    if entity is None:
        return None
    company = alongside(conn, lambda other: (_spellings(other, person_id),
                                             _mentioned_with(other, person_id, limit=30)))
    aliases = conn.execute(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == person_id)
                           .order_by(entity_aliases.c.alias)).scalars().all()
    said = statements(conn, speaker_id=person_id, limit=limit)
    outlets = _outlets(conn, person_id)
    met = _met(conn, person_id, entity.name)
    counted = conn.execute(select(entity_counts.c.articles, entity_counts.c.quotes)
                           .where(entity_counts.c.entity_id == person_id)).first()
    spellings, mentioned_with = company()
    return Person(
        id=entity.id, name=entity.name, type=entity.type, aliases=list(aliases), spellings=spellings,
        statements=said, outlets=outlets, met=met, mentioned_with=mentioned_with,
        sampled=counted is not None and max(counted) > PERSON_SAMPLE,
    )


def spellings_of(conn: Connection, entity_ids: list[str]) -> dict[str, list[str]]:
    """Every name the archive merged into each entity (Haniyeh, Haniya, Hnaiyeh…)."""
    found: dict[str, list[str]] = {}
    rows = conn.execute(select(entity_aliases.c.entity_id, entity_aliases.c.alias)
                        .where(entity_aliases.c.entity_id.in_(entity_ids)).order_by(entity_aliases.c.alias))
    for entity_id, alias in rows:
        found.setdefault(entity_id, []).append(alias)
    return found


def find_entities_named(conn: Connection, name: str, type_: str | None = "person") -> list[PersonSummary]:
    """The entities of `type_` (None: any) a user means by `name`, in any transliteration: every
    word of `name` must match a word of the entity's name or of one of its spellings ("Nakhalah"
    finds "Ziyad al-Nakhaleh"). An Arabic `name` also finds the actors-list entities it spells
    ("نتنياهو": Benjamin Netanyahu)."""
    from cliptrace.extract.arabic.actors import latin_names_spelled
    from cliptrace.extract.spelling import transliteration_key  # folds Haniya/Haniyeh, al-Nakhalah/Nakhaleh

    asked = [{transliteration_key(w) for w in n.split() if transliteration_key(w)}
             for n in (name, *latin_names_spelled(name))]
    asked = [wanted for wanted in asked if wanted]
    if not asked:
        return []
    of_type = [entities.c.type == type_] if type_ else []
    names = conn.execute(select(entities.c.id, entities.c.name).where(*of_type)).all()
    names += conn.execute(select(entity_aliases.c.entity_id, entity_aliases.c.alias)
                          .join(entities, entities.c.id == entity_aliases.c.entity_id).where(*of_type)).all()
    ids = set()
    for entity_id, spelling in names:
        keys = ({transliteration_key(w) for w in spelling.replace("-", " ").split()}
                | {transliteration_key(w) for w in spelling.split()})
        if any(wanted <= keys for wanted in asked):
            ids.add(entity_id)
    return list_people(conn, type_=type_, limit=len(ids), ids=ids) if ids else []


def known_names(conn: Connection, names: list[str]) -> set[str]:
    """Those of `names` that are exactly an entity's name or one of its spellings: the names alias
    corrections act on (`extract.aliases.apply_corrections` matches them as written)."""
    spelled = select(entity_aliases.c.alias).where(entity_aliases.c.alias.in_(names))
    named = select(entities.c.name).where(entities.c.name.in_(names))
    return set(conn.execute(spelled.union(named)).scalars())


def shown_name(conn: Connection, name: str) -> str | None:
    """The name the archive shows for the entity (a person first) that `name` is a spelling of."""
    return conn.execute(select(entities.c.name).join(entity_aliases, entity_aliases.c.entity_id == entities.c.id)
                        .where(entity_aliases.c.alias == name).order_by(entities.c.type != "person")
                        .limit(1)).scalar()
