"""Stored framing counts, on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from cliptrace.archive.schema import articles, framing_counts
from cliptrace.archive.store import Archive
from cliptrace.model import Article, ArticleDraft, Source, article_id
from cliptrace.questions import framing

LEXICON_TOML = """
[[pair]]
key = "zionist"
label = "Zionist regime / Israel"
loaded = ['\\bZionist regime\\b']
neutral = ['\\bIsrael\\b']
"""


def _add(archive: Archive, name: str, bodies: list[str], outlet: str | None) -> list[str]:
    source = Source(path=name, data=name.encode() + "".join(bodies).encode(), format="text")
    found = [Article(article_id(source.sha256, i), name, source.sha256, i, ArticleDraft(text=b, outlet=outlet))
             for i, b in enumerate(bodies)]
    archive.add_source(source, found, near_duplicates=False)
    return [a.id for a in found]


def test_counts_are_stored_once_per_article_and_summed_per_outlet(db, tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text(LEXICON_TOML)
    lexicon = framing.load_lexicon(path)
    with Archive.open(db) as archive:
        [first] = _add(archive, "a.txt", ["The Zionist regime and its allies said Israel would not stop. "
                                          "The Zionist regime again."], "Outlet A")
        _add(archive, "b.txt", ["Israel and Israel again, said officials in Israel."], None)
        assert framing.count_framing(archive.engine, lexicon) == 2
        assert framing.count_framing(archive.engine, lexicon) == 0  # nothing new
        _add(archive, "c.txt", ["Officials said the Zionist regime would answer."], "Outlet A")
        assert framing.count_framing(archive.engine, lexicon) == 1  # only the new article
        with archive.engine.connect() as conn:
            per_outlet = {f.outlet: f for f in framing.outlet_framing(conn, lexicon)}
            stored = conn.execute(select(framing_counts.c.loaded, framing_counts.c.loaded_start)
                                  .where(framing_counts.c.article_id == first)).one()
    outlet_a = per_outlet["Outlet A"]
    assert outlet_a.articles == 2 and outlet_a.terms["zionist"].loaded == 3
    assert outlet_a.terms["zionist"].neutral == 1
    assert per_outlet[framing.NO_OUTLET].terms["zionist"].neutral == 3
    assert tuple(stored) == (2, 4)  # two matches, the first at "Zionist regime"
    examples = outlet_a.terms["zionist"].loaded_examples
    assert [e.article_id for e in examples][0] == first and len(examples) == 2  # one per article
    assert examples[0].text.startswith("The Zionist regime and its allies")
    assert outlet_a.words == sum(len(t.split()) for t in ["The Zionist regime and its allies said Israel would "
                                                          "not stop. The Zionist regime again.",
                                                          "Officials said the Zionist regime would answer."])


def test_counting_in_batches_counts_every_article_once_around_ones_already_counted(db, tmp_path, monkeypatch):
    # Batches go on from the last article read; articles counted already (by an ingest's workers)
    # sit between the ones left, and none is skipped or counted twice.
    path = tmp_path / "lexicon.toml"
    path.write_text(LEXICON_TOML)
    lexicon = framing.load_lexicon(path)
    monkeypatch.setattr(framing, "BATCH", 2)
    with Archive.open(db) as archive:
        ids = _add(archive, "many.txt", [f"Report {i}: the Zionist regime and Israel." for i in range(7)], "Outlet A")
        with archive.engine.connect() as conn:
            texts = dict(conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids[1::3]))).all())
        framing.store_counts(archive.engine, framing.article_counts(lexicon, texts.items()))
        assert framing.count_framing(archive.engine, lexicon) == 7 - len(texts)
        with archive.engine.connect() as conn:
            per_article = Counter(conn.execute(select(framing_counts.c.article_id)).scalars())
            [outlet] = framing.outlet_framing(conn, lexicon)
    assert set(per_article) == set(ids) and len(set(per_article.values())) == 1  # every article, once
    assert outlet.articles == 7
