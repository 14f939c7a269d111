"""`event_participants` lists each event's participants with the event's date, kept by triggers
through every write: ingest, re-extraction, a rename by the entity map, deletion, and the
migration that fills it for an archive from before it."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from cliptrace.archive import schema
from cliptrace.archive.store import Archive
from cliptrace.model import Annotations, Article, ArticleDraft, Entity, Event, Source, article_id, entity_id
from cliptrace.questions.anchors import event_anchor
from cliptrace.questions.timeline import EVENT_TYPES, timeline

ANA, BEN, CARA = "Ana Sol", "Ben Ro", "Cara Lu"


def _article(source: Source, i: int, published: str | None, meetings: list[tuple[str, str, str | None]]) -> Article:
    """An article in which each (host, guest, date) meets, one sentence each."""
    text = " ".join(f"{host} met {guest}." for host, guest, _ in meetings)
    names = sorted({n for host, guest, _ in meetings for n in (host, guest)})
    found = [Entity(entity_id(n, "person"), n, "person", [(text.index(n), text.index(n) + len(n))]) for n in names]
    events, at = [], 0
    for host, guest, day in meetings:
        end = at + len(f"{host} met {guest}.")
        events.append(Event(at, end, "meeting", [host, guest, host], None, day))  # a name twice counts once
        at = end + 1
    return Article(article_id(source.sha256, i), source.path, source.sha256, i,
                   ArticleDraft(text=text, published=published), Annotations(entities=found, events=events))


def _listed(archive: Archive) -> tuple[set, set]:
    """(kept rows, rows derived from `events`) as (name, date, event id)."""
    ep, ev, a = schema.event_participants, schema.events, schema.articles
    with archive.engine.connect() as conn:
        kept = [tuple(r) for r in conn.execute(select(ep.c.name, ep.c.date, ep.c.event_id))]
        derived = {(name, r.date or r.published, r.id)
                   for r in conn.execute(select(ev.c.id, ev.c.date, ev.c.participants, a.c.published)
                                         .join(a, a.c.id == ev.c.article_id))
                   for name in r.participants}
    assert len(kept) == len(set(kept))
    return set(kept), derived


def _met(archive: Archive, name: str) -> list[tuple[str, list[str]]]:
    with archive.engine.connect() as conn:
        return [(i.date, i.who) for i in timeline(conn, entity_id(name, "person"), list(EVENT_TYPES))]


def test_participants_follow_ingest_reextraction_renames_deletion_and_migration(db):
    source = Source(path="a.txt", data=b"a", format="text")
    first = [_article(source, 0, "2024-03-01", [(ANA, BEN, "2024-02-28"), (BEN, CARA, None)]),
             _article(source, 1, None, [(CARA, ANA, "2024-01-02"), (ANA, BEN, None)])]
    with Archive.open(db) as archive:
        archive.add_source(source, first, near_duplicates=False)
        kept, derived = _listed(archive)
        assert kept == derived and len(kept) == 8
        assert (BEN, None, max(e for _, _, e in kept)) in kept  # undated, in an undated article
        assert _met(archive, ANA) == [("2024-01-02", [CARA, ANA, CARA]), ("2024-02-28", [ANA, BEN, ANA])]

        redone = _article(source, 0, "2024-03-01", [(CARA, BEN, None)])  # re-extraction
        archive.replace_annotations(first[0].id, redone.annotations)
        assert _listed(archive)[0] == _listed(archive)[1]
        assert _met(archive, BEN) == [("2024-03-01", [CARA, BEN, CARA])]

        archive.apply_entity_map({CARA: ANA})  # Cara Lu is Ana Sol: the events now name her
        kept, derived = _listed(archive)
        assert kept == derived and CARA not in {name for name, _, _ in kept}
        assert [d for d, _ in _met(archive, ANA)] == ["2024-01-02", "2024-03-01"]

        with archive._write() as conn:
            conn.execute(delete(schema.articles).where(schema.articles.c.id == first[1].id))
        kept, derived = _listed(archive)
        assert kept == derived and len(kept) == 2

        with archive._write() as conn:  # an archive from before the table: the migration lists its events
            conn.execute(delete(schema.event_participants))
            conn.execute(update(schema.schema_version)
                         .values(version=schema.MIGRATIONS.index(schema._event_participants)))
    with Archive.open(db) as archive:
        kept, derived = _listed(archive)
        assert kept == derived and len(kept) == 2
        archive.add_source(Source(path="b.txt", data=b"b", format="text"),
                           [_article(Source(path="b.txt", data=b"b", format="text"), 0, "2024-05-05",
                                     [(BEN, ANA, None)])], near_duplicates=False)
        kept, derived = _listed(archive)
        assert kept == derived and len(kept) == 4


def test_a_timeline_reads_past_events_that_fail_its_filters_in_date_order(db):
    # 1,200 meetings of Ana Sol on 40 dates, one in seven of them a visit: the visits asked for are
    # found across several batches of her participations (`_participations` reads them 500 at a
    # time, in date order), the same dates and events as sorting all of them, whatever the limit.
    source = Source(path="many.txt", data=b"many", format="text")
    days = [f"2024-{1 + k % 4:02d}-{1 + k % 10:02d}" for k in range(40)]
    batches = [_article(source, i, "2024-05-01", [(ANA, BEN, days[(i * 400 + k) % 40]) for k in range(400)])
               for i in range(3)]
    with Archive.open(db) as archive:
        archive.add_source(source, batches, near_duplicates=False)
        ev = schema.events
        with archive._write() as conn:
            conn.execute(update(ev).where(ev.c.id % 7 == 0).values(type="visit"))
        with archive.engine.connect() as conn:
            visits = sorted((r.date, r.id) for r in conn.execute(select(ev.c.id, ev.c.date).where(ev.c.type == "visit")))
            event_at = {(r.article_id, event_anchor(r.start, r.end)): r.id
                        for r in conn.execute(select(ev.c.id, ev.c.article_id, ev.c.start, ev.c.end))}
            for limit in (1, 100, 171, 1000):
                found = timeline(conn, entity_id(ANA, "person"), ["visit"], limit=limit)
                assert [(i.date, i.type) for i in found] == [(d, "visit") for d, _ in visits[:limit]]
                assert [event_at[i.article_id, i.anchor] for i in found] == [e for _, e in visits[:limit]]
    assert len(visits) == 171 and all(event_id % 7 == 0 for _, event_id in visits)
