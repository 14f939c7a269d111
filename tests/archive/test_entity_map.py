"""Incremental entity resolution in a real archive: blocks, stored keys, what a new ingest compares."""

from __future__ import annotations

import itertools
import random

from sqlalchemy import select

from cliptrace.archive import schema
from cliptrace.archive.store import Archive
from cliptrace.model import Annotations, Article, ArticleDraft, Entity, Event, Source, article_id

FIRST = ["Tamsin", "Orrin", "Beatrix", "Caspian", "Delphine", "Evander", "Isolde", "Lysander"]
SYLLABLES = ["ka", "vor", "mel", "tis", "ran", "dul", "pho", "gri", "zen", "bal"]


def _invented_people(n: int) -> list[str]:
    """n different invented full names, surnames of three syllables (so their skeletons differ)."""
    surnames = ("".join(parts).capitalize() for parts in itertools.product(SYLLABLES, repeat=3))
    return [f"{FIRST[i % len(FIRST)]} {surname}" for i, surname in zip(range(n), surnames)]


def _ingest(archive, label: str, names: list[str], participants: list[str] = (), orgs: list[str] = ()) -> Article:
    """One source whose single article mentions each name once (offsets into a filler text)."""
    text = " ".join([*names, *orgs]) + "."
    source = Source(path=f"{label}.txt", data=(label + text).encode(), format="text")
    at, found = 0, []
    for i, (name, etype) in enumerate([(n, "person") for n in names] + [(o, "org") for o in orgs]):
        found.append(Entity(f"{etype[0]}{i}", name, etype, [(at, at + len(name))]))
        at += len(name) + 1
    events = [Event(0, len(text), "meeting", list(participants))] if participants else []
    article = Article(article_id(source.sha256, 0), source.path, source.sha256, 0, ArticleDraft(text=text),
                      Annotations(entities=found, events=events))
    archive.add_source(source, [article], near_duplicates=False)
    return article


def test_new_names_are_compared_within_their_block_only(archive):
    stored = _invented_people(600)
    _ingest(archive, "big", stored)
    first = archive.resolve_entities()
    assert first.blocks >= 500  # the invented surnames rarely share a skeleton

    # A later ingest: a variant spelling of one stored person, a bare surname, and a newcomer.
    variant = stored[7].replace("Orrin", "Orin")
    later = _ingest(archive, "later", [variant, stored[7].split()[-1], "Wilhelmina Quaxtrode"])
    again = archive.resolve_entities()
    assert again.comparisons <= 12  # a pass over every stored name would make hundreds
    assert again.blocks == 2
    ann = archive.get_article(later.id).annotations
    assert sorted(e.name for e in ann.entities) == sorted([stored[7], "Wilhelmina Quaxtrode"])
    assert archive.resolve_entities().comparisons == 0  # nothing new: nothing compared


def test_incremental_resolution_equals_a_full_one(archive):
    first = _ingest(archive, "one", ["Rosalind Marchetti", "Cornelius Abernathy-Pike"])
    archive.resolve_entities()
    # A spelling variant arrives later, and a second person sharing the surname with another first name.
    second = _ingest(archive, "two", ["Rosalind Marchitti", "Marchetti", "Ottoline Marchetti"],
                     participants=["Rosalind Marchitti", "Ottoline Marchetti"])
    archive.resolve_entities()

    def entities():
        return [[(e.id, e.name) for e in archive.get_article(a.id).annotations.entities] for a in (first, second)]

    incremental = entities()
    archive.resolve_entities(full=True)
    assert entities() == incremental
    rosalind = archive.get_article(first.id).annotations.entities[0]
    later = archive.get_article(second.id).annotations
    assert rosalind.id in {e.id for e in later.entities}
    # The bare surname is shared by two people now: it is left unresolved rather than guessed.
    assert {e.name for e in later.entities} == {rosalind.name, "Marchetti", "Ottoline Marchetti"}
    assert later.events[0].participants == [rosalind.name, "Ottoline Marchetti"]


def test_keys_are_stored_once_per_name(archive):
    _ingest(archive, "k", ["Evander Tisdale", "Tisdale"])
    archive.resolve_entities()
    with archive.engine.connect() as conn:
        rows = conn.execute(select(schema.name_index.c.name, schema.name_index.c.block,
                                   schema.name_index.c.spelling, schema.name_index.c.pending)).all()
    by_name = {r.name: r for r in rows}
    assert by_name["Evander Tisdale"].block == by_name["Tisdale"].block
    assert by_name["Evander Tisdale"].spelling and not any(r.pending for r in rows)


def test_a_bare_surname_joins_only_where_the_articles_agree(archive):
    footballer = _ingest(archive, "match", ["Tessa Brannigan", "Ifeoma Okafor"], orgs=["Harbour City FC"])
    review = _ingest(archive, "film", ["Brannigan"], orgs=["Moonrise Studios"])
    report = _ingest(archive, "report", ["Branigan"], orgs=["Harbour City FC"])
    archive.resolve_entities()
    [tessa] = [e for e in archive.get_article(footballer.id).annotations.entities if e.name == "Tessa Brannigan"]
    assert archive.get_article(report.id).annotations.entities[0].id == tessa.id
    assert archive.get_article(review.id).annotations.entities[0].id != tessa.id


def test_a_name_that_re_extraction_took_away_leaves_no_entity_behind(archive):
    article = _ingest(archive, "re", ["Evander Tisdale", "Marisol Quenby"])
    archive.resolve_entities()
    kept = archive.get_article(article.id).annotations.entities[0]
    archive.replace_annotations(article.id, Annotations(entities=[Entity("p0", kept.name, "person", kept.mentions)]))
    archive.resolve_entities()
    with archive.engine.connect() as conn:
        assert conn.execute(select(schema.entities.c.name)).scalars().all() == ["Evander Tisdale"]
        assert conn.execute(select(schema.name_index.c.name)).scalars().all() == ["Evander Tisdale"]


def _decisions(archive) -> dict[str, list]:
    """What resolution decided, as stored: each mention's entity, the entities and their aliases,
    events' participants, and the name index's canonical names and cluster heads."""
    m, ni, ev = schema.mentions, schema.name_index, schema.events
    with archive.engine.connect() as conn:
        return {
            "mentions": sorted(conn.execute(select(m.c.article_id, m.c.name, m.c.entity_id)).all()),
            "entities": sorted(conn.execute(select(schema.entities)).all()),
            "aliases": sorted(conn.execute(select(schema.entity_aliases)).all()),
            "events": sorted((a, tuple(p)) for a, p in conn.execute(select(ev.c.article_id, ev.c.participants))),
            "names": sorted(conn.execute(select(ni.c.name, ni.c.type, ni.c.canonical, ni.c.head_surname)).all()),
        }


def _resolves_as_a_full_clustering(archive) -> None:
    archive.resolve_entities()
    incremental = _decisions(archive)
    archive.resolve_entities(full=True)
    assert _decisions(archive) == incremental


def test_incremental_resolution_keeps_equal_to_a_full_one_batch_after_batch(archive):
    club = ["Harbour City FC"]
    _ingest(archive, "b1", ["Rosalind Marchetti", "Marchetti", "Abdelmadjid Tebboune", "Ismail Haniyeh"], orgs=club)
    _resolves_as_a_full_clustering(archive)
    # A second Marchetti makes the bare surname ambiguous; a given-names spelling joins Tebboune.
    second = _ingest(archive, "b2", ["Ottoline Marchetti", "Abdel Majid Tebboune"], orgs=club)
    _resolves_as_a_full_clustering(archive)
    # A longer name heads Rosalind's cluster now, and a variant spelling joins it.
    _ingest(archive, "b3", ["Dr Rosalind Anne Marchetti", "Rosalind Marchitti"],
            participants=["Rosalind Marchitti"], orgs=club)
    _resolves_as_a_full_clustering(archive)
    # Bare surnames whose one holder is a cluster this ingest does not touch, with and without
    # shared context.
    _ingest(archive, "b4", ["Haniyeh", "Haniya"], orgs=club)
    _ingest(archive, "b5", ["Tebboune"], orgs=["Moonrise Studios"])
    _resolves_as_a_full_clustering(archive)
    # Re-extraction takes Ottoline away: the bare Marchetti has one holder again.
    archive.replace_annotations(second.id, Annotations(entities=[
        Entity("p0", "Abdel Majid Tebboune", "person", [(0, 20)])]))
    _resolves_as_a_full_clustering(archive)
    # Corrections, then a later ingest that they must still shape.
    archive.add_correction("merge", {"names": ["Abdelmadjid Tebboune", "Ottoline Marchetti"]})
    archive.add_correction("split", {"name": "Marchitti"})
    archive.add_correction("rename", {"name": "Ismail Haniyeh", "to": "Ismail Haniya"})
    _resolves_as_a_full_clustering(archive)
    _ingest(archive, "b6", ["Ottoline Marchetti", "Marchitti", "Haniya", "Ismail Haniya"], orgs=club)
    _resolves_as_a_full_clustering(archive)


def test_incremental_resolution_equals_a_full_one_on_random_batches(archive):
    rng = random.Random(12)
    firsts = ["Rosalind", "Rosalynd", "Ottoline", "Abdel", "Abdel Majid", "Abdelmadjid", "Tamsin", "Tamzin"]
    surnames = ["Marchetti", "Marchitti", "Haniyeh", "Haniya", "Tebboune", "Tebbounne", "Quenby"]
    orgs = ["Harbour City FC", "Moonrise Studios", "Hamas"]
    for batch in range(6):
        for article in range(2):
            names = {f"{rng.choice(['', 'Dr ', 'Mr '])}{rng.choice(firsts)} {rng.choice(surnames)}".strip()
                     for _ in range(4)} | {rng.choice(surnames) for _ in range(2)}
            _ingest(archive, f"r{batch}.{article}", sorted(names), orgs=[rng.choice(orgs)])
        if batch == 3:
            archive.add_correction("merge", {"names": ["Tamsin Quenby", "Ottoline Quenby"]})
        _resolves_as_a_full_clustering(archive)


def test_an_archive_from_before_the_groups_is_re_clustered_once(db):
    with Archive.open(db) as archive:
        _ingest(archive, "old", ["Rosalind Marchetti", "Marchetti", "Abdelmadjid Tebboune", "Abdel Majid Tebboune"])
        archive.resolve_entities()
        before = _decisions(archive)
        with archive.engine.begin() as conn:  # make it look older
            for index in ("ix_name_index_heads", "ix_name_index_first_group", "ix_name_index_given_group"):
                conn.exec_driver_sql(f"DROP INDEX {index}")
            for column in ("first_group", "given_group", "head_surname"):
                conn.exec_driver_sql(f"ALTER TABLE name_index DROP COLUMN {column}")
            conn.exec_driver_sql("CREATE INDEX ix_name_index_block ON name_index (block)")
            conn.execute(schema.schema_version.update().values(version=schema.MIGRATIONS.index(schema._name_components)))
    with Archive.open(db) as archive:
        with archive.engine.connect() as conn:
            ni = schema.name_index
            assert conn.execute(select(ni.c.block, ni.c.pending).distinct()).all() == [(None, True)]
        archive.resolve_entities()
        assert _decisions(archive) == before
