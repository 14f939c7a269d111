"""Counts the archive keeps beside its rows (archive/summaries.py, questions/framing.py) equal what
grouping the rows gives, after an ingest, a re-extraction, an entity merge and a re-migration; on a
real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from cliptrace.archive import schema
from cliptrace.archive.store import Archive
from cliptrace.model import Annotations, Article, ArticleDraft, Entity, Figure, Quote, Source, article_id, entity_id
from cliptrace.questions import framing
from cliptrace.questions.people import list_people

ANA, BEN, CARA = "Ana Sol", "Ben Ro", "Cara Lu"


def _article(source: Source, i: int, text: str, people: list[str], speaker: str | None, **meta) -> Article:
    found = [Entity(entity_id(p, "person"), p, "person", [(text.index(p), text.index(p) + len(p))]) for p in people]
    quotes = [Quote(0, 5, "direct", speaker, entity_id(speaker, "person"))] if speaker else []
    return Article(article_id(source.sha256, i), source.path, source.sha256, i,
                   ArticleDraft(text=text, **meta), Annotations(entities=found, quotes=quotes))


def _grouped(archive: Archive) -> tuple[dict, dict]:
    """(entity counts, article counts) as grouping the rows gives them."""
    m, q, a = schema.mentions, schema.quotes, schema.articles
    with archive.engine.connect() as conn:
        n_articles = dict(conn.execute(select(m.c.entity_id, func.count(func.distinct(m.c.article_id)))
                                       .group_by(m.c.entity_id)).all())
        n_quotes = dict(conn.execute(select(q.c.speaker_id, func.count()).group_by(q.c.speaker_id)).all())
        month = func.coalesce(func.substr(a.c.published, 1, 7), "")
        per_key = {(o or "", lang, mo, dup is None): (n, w) for o, lang, mo, dup, n, w in conn.execute(
            select(a.c.outlet, a.c.language, month, a.c.duplicate_of, func.count(), func.sum(a.c.words))
            .group_by(a.c.outlet, a.c.language, month, a.c.duplicate_of)).all()}
    entities_ = {e: (n_articles.get(e, 0), n_quotes.get(e, 0)) for e in set(n_articles) | set(n_quotes)}
    return entities_, per_key


def _figures(archive: Archive) -> tuple[dict, dict]:
    """(kept, grouped) figures per category."""
    f, fc = schema.figures, schema.figure_counts
    with archive.engine.connect() as conn:
        kept = {c: n for c, n in conn.execute(select(fc.c.category, fc.c.figures)) if n}
        grouped = dict(conn.execute(select(f.c.category, func.count()).group_by(f.c.category)).all())
    return kept, grouped


def _kept(archive: Archive) -> tuple[dict, dict]:
    ec, ac = schema.entity_counts, schema.article_counts
    with archive.engine.connect() as conn:
        entities_ = {r.entity_id: (r.articles, r.quotes) for r in conn.execute(select(ec))}
        per_key = {(r.outlet, r.language, r.month, bool(r.original)): (r.articles, r.words)
                   for r in conn.execute(select(ac))}
    return entities_, per_key


def test_kept_counts_follow_ingest_reextraction_merging_and_migration(db):
    with Archive.open(db) as archive:
        source = Source(path="a.txt", data=b"a", format="text")
        first = [_article(source, 0, "Said Ana Sol and Ben Ro today.", [ANA, BEN], ANA, outlet="X",
                          published="2024-01-05"),
                 _article(source, 1, "Quoth Ana Sol, never Cara Lu.", [ANA, CARA], CARA, outlet="X",
                          published="2024-02-01"),
                 _article(source, 2, "Words Ben Ro wrote.", [BEN], None, outlet=None, published=None)]
        first[1].annotations.figures = [Figure(0, 5, 3, category="killed"), Figure(6, 9, 4, category="injured")]
        archive.add_source(source, first, near_duplicates=False)
        assert _kept(archive) == _grouped(archive)
        assert _figures(archive) == ({"killed": 1, "injured": 1},) * 2
        with archive.engine.connect() as conn:
            people = {p.name: (p.articles, p.quotes) for p in list_people(conn)}
        assert people == {ANA: (2, 1), BEN: (2, 0), CARA: (1, 1)}

        redone = _article(source, 0, "Said Ben Ro and Cara Lu today.", [BEN, CARA], CARA)
        archive.replace_annotations(first[0].id, redone.annotations)  # Ana loses an article and a quote
        assert _kept(archive) == _grouped(archive)
        assert _kept(archive)[0][entity_id(ANA, "person")] == (1, 0)
        archive.replace_annotations(first[1].id, Annotations(figures=[Figure(0, 5, 9, category="killed")]))
        assert _figures(archive) == ({"killed": 1},) * 2
        archive.replace_annotations(first[1].id, first[1].annotations)
        assert _kept(archive) == _grouped(archive)

        archive.apply_entity_map({CARA: ANA})  # Cara Lu's mentions and quotes become Ana Sol's
        kept = _kept(archive)
        assert kept == _grouped(archive)
        assert entity_id(CARA, "person") not in kept[0] and kept[0][entity_id(ANA, "person")] == (2, 2)
        assert archive.stats()["per_outlet"] == {"X": 2, None: 1} and archive.stats()["articles"] == 3

        # An archive from before these tables: the migrations count everything once.
        with archive._write() as conn:
            for table in (schema.entity_counts, schema.article_counts, schema.figure_counts):
                conn.execute(delete(table))
            conn.execute(update(schema.schema_version).values(version=schema.MIGRATIONS.index(schema._entity_counts)))
    with Archive.open(db) as archive:
        assert _kept(archive) == kept and _figures(archive) == ({"killed": 1, "injured": 1},) * 2


def test_framing_sums_count_each_stored_row_once(db):
    lexicon = framing.load_lexicon()
    key = framing.lexicon_key(lexicon)
    with Archive.open(db) as archive:
        source = Source(path="f.txt", data=b"f", format="text")
        texts = ["The Zionist regime struck, said Israel's critics.", "Israel and the Zionist entity."]
        archive.add_source(source, [Article(article_id(source.sha256, i), source.path, source.sha256, i,
                                            ArticleDraft(text=t, outlet="X")) for i, t in enumerate(texts)])
        rows = framing.article_counts(lexicon, [(article_id(source.sha256, i), t) for i, t in enumerate(texts)])
        framing.store_counts(archive.engine, rows)
        framing.store_counts(archive.engine, rows)  # a second counter storing the same rows adds nothing
        assert framing.count_framing(archive.engine, lexicon) == 0
        with archive.engine.connect() as conn:
            kept = {r.term: (r.loaded, r.neutral) for r in conn.execute(
                select(schema.framing_totals).where(schema.framing_totals.c.lexicon == key))}
            counted = conn.execute(select(schema.framing_lexicons.c.articles)
                                   .where(schema.framing_lexicons.c.lexicon == key)).scalar()
    summed: dict[str, list[int]] = {}
    for r in rows:
        if r["loaded"] or r["neutral"]:
            total = summed.setdefault(r["term"], [0, 0])
            total[0] += r["loaded"]
            total[1] += r["neutral"]
    assert kept == {t: tuple(n) for t, n in summed.items()} and kept and counted == 2
