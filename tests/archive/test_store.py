"""Archive writes and reads, on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cliptrace.archive import schema
from cliptrace.archive.store import Archive
from cliptrace.model import (Annotations, Article, ArticleDraft, Entity, Event, Figure, Quote, Source,
                             SourceFailure, article_id, entity_id)


def _annotations(text: str) -> Annotations:
    start = text.index("al-Hindi")
    return Annotations(
        entities=[Entity("p0", "Mohammad al-Hindi", "person", [(start, start + len("al-Hindi"))])],
        quotes=[Quote(10, 40, "indirect", "Mohammad al-Hindi", "p0",
                      (start, start + 8), "affirmed", "2024-03-26"),
                Quote(50, 60, "direct")],
        figures=[Figure(5, 9, 33500, "at_least", "killed", "Palestinians", "Gaza", "ministry", None)],
        events=[Event(0, 20, "meeting", ["Ismail Haniyeh", "Hossein Amir-Abdollahian"], "Doha", None)],
    )


def test_add_has_and_readd(archive, seed, make_articles, paragraphs):
    source = seed("000")
    articles = make_articles(source, paragraphs(source)[:3], outlet="Al Mayadeen English",
                             published="2024-03-26", title="Interview")
    assert not archive.has_source(source.sha256)
    assert archive.add_source(source, articles) is True
    assert archive.has_source(source.sha256)
    assert archive.add_source(source, articles) is False  # same bytes again: nothing changes
    assert archive.stats()["articles"] == 3
    assert archive.raw_bytes(source.sha256) == source.data
    back = archive.source_for(articles[1].id)
    assert (back.path, back.data, back.format) == (source.path, source.data, "text")


def test_one_transaction_per_source(archive, seed, make_articles, paragraphs):
    source = seed("001")
    articles = make_articles(source, paragraphs(source)[:4])
    articles[2].id = articles[0].id  # the third insert violates the primary key, midway
    with pytest.raises(IntegrityError):
        archive.add_source(source, articles)
    assert not archive.has_source(source.sha256)
    assert archive.raw_bytes(source.sha256) is None
    assert archive.list_articles() == []
    with archive.engine.connect() as conn:
        for table in (schema.sources, schema.lsh_buckets, schema.mentions):
            assert conn.execute(select(table)).all() == []
    assert archive.search("Hamas") == []  # the FTS index rolled back too


def test_annotations_round_trip_and_replace(archive, seed, make_articles, paragraphs):
    source = seed("000")
    body = next(p for p in paragraphs(source) if "al-Hindi" in p)
    [article] = make_articles(source, [body], title="Al-Hindi", published="2024-03-26")
    article.annotations = _annotations(body)
    archive.add_source(source, [article])

    loaded = archive.get_article(article.id)
    hindi = entity_id("Mohammad al-Hindi", "person")  # article-local ids become archive-wide ones
    assert [(e.id, e.name, e.mentions) for e in loaded.annotations.entities] == [
        (hindi, "Mohammad al-Hindi", article.annotations.entities[0].mentions)]
    assert [q.speaker_id for q in loaded.annotations.quotes] == [hindi, None]
    assert loaded.annotations.quotes[0].speaker_mention == article.annotations.quotes[0].speaker_mention
    assert loaded.annotations.figures == article.annotations.figures
    assert loaded.annotations.events == article.annotations.events
    assert loaded.draft == article.draft
    assert (loaded.source_path, loaded.source_sha256, loaded.position) == (source.path, source.sha256, 0)

    archive.add_correction("rename", {"name": "Mohammad al-Hindi", "to": "Mohammad Al-Hindi"})
    new = Annotations(quotes=[Quote(1, 2, "direct", cue="said")])
    archive.replace_annotations(article.id, new)
    assert archive.get_article(article.id).annotations == new
    [correction] = archive.corrections()  # corrections survive, flat as extract.aliases reads them
    assert (correction["action"], correction["name"], correction["to"]) == (
        "rename", "Mohammad al-Hindi", "Mohammad Al-Hindi")
    with pytest.raises(KeyError):
        archive.replace_annotations("no-such-article", new)
    assert archive.get_article("no-such-article") is None


def test_iteration_order_filters_and_stats(archive, seed, make_articles, paragraphs):
    # Added out of path order: iteration follows source path, then position.
    s4, s0 = seed("004"), seed("000")
    archive.add_source(s4, make_articles(s4, paragraphs(s4)[:2] or [s4.data.decode()], outlet="Kayhan",
                                         published="2024-04-14", language="en"))
    archive.add_source(s0, make_articles(s0, paragraphs(s0)[:3], outlet="Al Mayadeen English",
                                         published="2023-03-26", language="en"))
    order = [(a.source_path, a.position) for a in archive.iter_articles()]
    assert order == sorted(order) and len(order) == archive.stats()["articles"]

    assert {r["outlet"] for r in archive.list_articles(outlet="Kayhan")} == {"Kayhan"}
    assert [r["published"] for r in archive.list_articles(since="2024-01-01")] == ["2024-04-14"] * len(
        archive.list_articles(outlet="Kayhan"))
    assert len(archive.list_articles(until="2023-12-31")) == 3
    assert len(archive.list_articles(limit=2)) == 2
    assert list(archive.iter_articles(language="ar")) == []
    row = archive.list_articles(limit=1)[0]
    assert set(row) >= {"id", "published", "outlet", "title", "language", "words"}
    assert row["words"] > 10

    stats = archive.stats()
    assert stats["sources_ok"] == 2 and stats["sources_failed"] == 0
    assert stats["per_outlet"]["Al Mayadeen English"] == 3
    assert stats["per_year"]["2023"] == 3
    assert sum(stats["per_language"].values()) == stats["articles"]


def test_failures_recorded_and_updated(archive, seed, make_articles):
    archive.add_failure(SourceFailure("bad/scan.pdf", "PDF has no text layer", b"%PDF-1.4 broken", "pdf"))
    archive.add_failure(SourceFailure("bad/scan.pdf", "PDF has no text layer (retried)", b"%PDF-1.4 broken", "pdf"))
    archive.add_failure(SourceFailure("bad/missing.txt", "permission denied"))
    archive.add_failure(SourceFailure("bad/missing.txt", "permission denied again"))
    assert [(f["path"], f["reason"]) for f in archive.failures()] == [
        ("bad/missing.txt", "permission denied again"), ("bad/scan.pdf", "PDF has no text layer (retried)")]
    assert archive.raw_bytes(SourceFailure("x", "y", b"%PDF-1.4 broken").sha256) == b"%PDF-1.4 broken"
    assert archive.stats()["sources_failed"] == 2

    # The same bytes read fine later (better reader): the failure is replaced by the source.
    source = seed("004")
    archive.add_failure(SourceFailure(source.path, "could not decode", source.data, "text"))
    assert not archive.has_source(source.sha256)
    archive.add_source(source, make_articles(source, [source.data.decode()]))
    assert archive.has_source(source.sha256)
    assert source.path not in {f["path"] for f in archive.failures()}


def test_migrations_idempotent(db, seed, make_articles, paragraphs):
    source = seed("000")
    with Archive.open(db) as first:
        first.add_source(source, make_articles(source, paragraphs(source)[:2]))
    with Archive.open(db) as second, second.engine.connect() as conn:  # open twice: no error, no loss
        assert conn.execute(select(schema.schema_version.c.version)).scalars().all() == [len(schema.MIGRATIONS)]
        assert second.stats()["articles"] == 2
        assert second.search("Netanyahu")


def test_sqlite_pragmas(tmp_path):
    with Archive.open(str(tmp_path / "sub" / "a.sqlite")) as archive, archive.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_entities_are_archive_wide_and_recanonicalised(archive, seed, make_articles, paragraphs):
    haniyeh = seed("001")
    texts = [p for p in paragraphs(haniyeh) if "Gaza" in p][:2]
    first, second = make_articles(haniyeh, texts)
    for article, name in ((first, "Ismail Haniyeh"), (second, "Haniya")):
        at = article.text.index("Gaza")  # offsets only need to be valid here
        # Both articles call their entity "p0": local ids must not collide in the archive.
        article.annotations = Annotations(
            entities=[Entity("p0", name, "person", [(at, at + 7)])],
            quotes=[Quote(0, 5, "indirect", name, "p0", (at, at + 7), "said")],
            events=[Event(0, 5, "meeting", [name, "Hossein Amir-Abdollahian"])])
    archive.add_source(haniyeh, [first, second])
    assert sorted(archive.entity_names()) == [("Haniya", "person", 1), ("Ismail Haniyeh", "person", 1)]
    assert len({archive.get_article(a.id).annotations.entities[0].id for a in (first, second)}) == 2

    assert archive.apply_entity_map({"Haniya": "Ismail Haniyeh"}) == 1
    merged = entity_id("Ismail Haniyeh", "person")
    for article in (first, second):
        ann = archive.get_article(article.id).annotations
        assert [(e.id, e.name) for e in ann.entities] == [(merged, "Ismail Haniyeh")]
        assert (ann.quotes[0].speaker_id, ann.quotes[0].speaker) == (merged, "Ismail Haniyeh")
        assert ann.events[0].participants == ["Ismail Haniyeh", "Hossein Amir-Abdollahian"]
    with archive.engine.connect() as conn:
        assert conn.execute(select(schema.entities.c.id)).scalars().all() == [merged]
        assert sorted(conn.execute(select(schema.entity_aliases.c.alias)).scalars()) == ["Haniya", "Ismail Haniyeh"]

    # A later article spelling him "Haniya" joins the canonical entity straight away.
    later = seed("004")
    [article] = make_articles(later, [later.data.decode()])
    article.annotations = Annotations(entities=[Entity("p3", "Haniya", "person", [(0, 4)])])
    archive.add_source(later, [article])
    assert archive.get_article(article.id).annotations.entities[0].id == merged


def test_event_participants_and_figure_sources_follow_the_canonical_names(archive):
    text = "Ismail Haniya met Saleh Al-Arouri in Doha."
    source = Source(path="met.txt", data=text.encode(), format="text")
    annotations = Annotations(
        entities=[Entity("p0", "Ismail Haniya", "person", [(0, 13)]),
                  Entity("p1", "Saleh Al-Arouri", "person", [(18, 33)])],
        events=[Event(0, len(text), "meeting", ["Ismail Haniya", "Saleh Al-Arouri"], "Doha")],
        figures=[Figure(0, 5, 3, source="Saleh Al-Arouri")])
    article = Article(article_id(source.sha256, 0), source.path, source.sha256, 0, ArticleDraft(text=text),
                      annotations)
    archive.add_source(source, [article], near_duplicates=False)
    archive.apply_entity_map({"Ismail Haniya": "Ismail Haniyeh", "Saleh Al-Arouri": "Saleh al-Arouri"})
    stored = archive.get_article(article.id).annotations
    assert stored.events[0].participants == ["Ismail Haniyeh", "Saleh al-Arouri"]
    assert stored.figures[0].source == "Saleh al-Arouri"


def test_a_sub_count_keeps_its_total_and_is_no_claim_of_its_own(archive, seed, make_articles, paragraphs):
    from cliptrace.questions import figures as figure_questions

    source = seed("003")
    [article] = make_articles(source, paragraphs(source)[:1], published="2024-03-06")
    article.annotations = Annotations(figures=[
        Figure(0, 5, 14, "exact", "killed", "workers", None, "the agency", None),
        Figure(10, 15, 3, "exact", "killed", "foremen", None, "the agency", None, part_of=0),
    ])
    archive.add_source(source, [article])
    back = archive.get_article(article.id).annotations.figures
    assert [f.part_of for f in back] == [None, 0]
    with archive.engine.connect() as conn:
        assert [c.value for c in figure_questions.claims(conn, category="killed")] == [14]


def test_an_archive_from_before_figure_parts_gains_the_column(tmp_path):
    path = str(tmp_path / "old.sqlite")
    with Archive.open(path) as archive, archive.engine.begin() as conn:  # make it look older
        conn.exec_driver_sql("ALTER TABLE figures DROP COLUMN part_of")
        conn.execute(schema.schema_version.update().values(version=schema.MIGRATIONS.index(schema._figure_parts)))
    with Archive.open(path) as archive, archive.engine.connect() as conn:
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(figures)")]
        assert "part_of" in columns


def test_an_archive_from_before_the_search_table_keeps_searching(db, seed, make_articles, paragraphs, monkeypatch):
    old, new = seed("000"), seed("004")
    with monkeypatch.context() as older:  # made by the code before schema._search_table
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:schema.MIGRATIONS.index(schema._search_table)])
        with Archive.open(db) as archive:
            archive.add_source(old, make_articles(old, paragraphs(old)[:2]))
    with Archive.open(db) as archive:
        assert archive.search("Netanyahu")  # moved by the migration
        archive.add_source(new, make_articles(new, paragraphs(new)[:2]))
        assert archive.search("Nakhaleh")  # indexed as it is added
        with archive.engine.begin() as conn:  # and as a title changes
            conn.execute(schema.articles.update().where(schema.articles.c.source_sha256 == new.sha256)
                         .values(title="Zanzibar"))
        assert {hit.title for hit in archive.search("Zanzibar")} == {"Zanzibar"}
