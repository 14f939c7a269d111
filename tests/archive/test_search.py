"""Full-text search on both backends: ranking, snippets, filters, hostile query strings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cliptrace.archive.schema import articles
from cliptrace.archive.search import fts5_query
from cliptrace.model import Source

HOSTILE = ['"', 'AND (', "*", "NEAR(", 'Gaza"', '"Gaza', "OR", "NOT", "Gaza AND", "-", "(((", ")",
           "title:Gaza", "^Gaza", "Gaza NEAR(", "'", "a*b*", "\\", "NOT Gaza", '""', "{text}: Gaza",
           "Gaza OR OR", "AND OR NOT", "%_", "'; DROP TABLE articles; --"]


@pytest.fixture
def corpus(archive, seed, make_articles, paragraphs):
    """Three real clippings: two English outlets and the Arabic original inside seed 002."""
    nakhaleh, hindi, dump = seed("004"), seed("000"), seed("002")
    body_004 = "\n".join(nakhaleh.data.decode().splitlines()[4:])
    archive.add_source(nakhaleh, make_articles(nakhaleh, [body_004], outlet="Kayhan", language="en",
                                               published="2024-04-14",
                                               title="Islamic Jihad: U.S. Seeking to Withdraw Zionist Troops"))
    archive.add_source(hindi, make_articles(hindi, paragraphs(hindi), outlet="Al Mayadeen English",
                                            language="en", published="2024-03-26"))
    dump_text = dump.data.decode()
    arabic = dump_text[dump_text.index("«سيف القدس»"):][:3000]
    archive.add_source(dump, make_articles(dump, [arabic], language="ar", outlet="Al Akhbar",
                                           published="2021-06-01"))
    return archive


def test_ranking_prefers_title_and_frequency(corpus):
    hits = corpus.search("Nakhaleh")
    assert hits and hits[0].outlet == "Kayhan"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hits = corpus.search("Zionist troops")  # in the Kayhan title and body
    assert hits[0].title.startswith("Islamic Jihad")
    assert all(h.score > 0 for h in hits)


def test_snippet_marks_the_hit(corpus):
    [hit] = corpus.search("Nakhaleh", limit=1)
    assert "[Nakhaleh]" in hit.snippet
    [hit] = corpus.search("Nakhaleh", limit=1, start_mark="<mark>", end_mark="</mark>", escape_html=True)
    assert "<mark>Nakhaleh</mark>" in hit.snippet
    assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_phrase_prefix_or_and_exclusion(corpus):
    assert corpus.search('"seventh month"')[0].outlet == "Kayhan"
    assert corpus.search('"month seventh"') == []
    assert "Kayhan" in {h.outlet for h in corpus.search("negotiation")}  # stemmed: "negotiating"
    if corpus.backend == "sqlite":  # prefix search is FTS5's; websearch_to_tsquery ignores '*'
        assert [h.outlet for h in corpus.search("Nakhal*")] == ["Kayhan"]
    both = {h.outlet for h in corpus.search("Nakhaleh OR Netanyahu")}
    assert both == {"Kayhan", "Al Mayadeen English"}
    assert "Kayhan" not in {h.outlet for h in corpus.search("resistance -Nakhaleh")}


def test_filters(corpus):
    assert {h.outlet for h in corpus.search("resistance", outlet="Kayhan")} == {"Kayhan"}
    assert corpus.search("Nakhaleh", until="2024-04-13") == []
    assert corpus.search("Nakhaleh", since="2024-04-14", until="2024-04-14")
    assert corpus.search("Nakhaleh", language="ar") == []
    assert len(corpus.search("resistance", limit=2)) == 2


def test_arabic_search(corpus):
    hits = corpus.search("القدس")
    assert [h.language for h in hits] == ["ar"]
    assert "[" in hits[0].snippet


def test_hostile_queries_never_crash(corpus):
    for query in HOSTILE:
        assert isinstance(corpus.search(query), list), query
    assert corpus.stats()["articles"] > 0
    assert corpus.search('Nakhaleh "')[0].outlet == "Kayhan"  # the usable part still searches


def test_fts5_query_translation():
    assert fts5_query("Gaza ceasefire") == '"Gaza" AND "ceasefire"'
    assert fts5_query('"seventh month" OR truce') == '"seventh month" OR "truce"'
    assert fts5_query("negotiat*") == '"negotiat"*'
    assert fts5_query("Hamas -Fatah") == '"Hamas" NOT "Fatah"'
    assert fts5_query("-Fatah") == ""  # FTS5 has no unary NOT
    assert fts5_query('NEAR( AND (') == '"NEAR("'
    assert fts5_query('say "hi') == '"say" AND "hi"'


# --- bounds (issue 13.7) --------------------------------------------------------------------

def test_a_query_over_the_bounds_is_refused_with_the_reason():
    from cliptrace.archive.search import MAX_QUERY_TERMS, QueryRefused, check_query

    check_query("ceasefire OR truce " * (MAX_QUERY_TERMS // 3))  # within the bounds
    with pytest.raises(QueryRefused, match="18,000 characters long"):
        fts5_query("Hamas OR " * 2000)
    with pytest.raises(QueryRefused, match="200 words and operators"):
        fts5_query("a OR " * 100)
    with pytest.raises(QueryRefused, match="characters long"):
        fts5_query("x" * 5000)


def test_a_slow_statement_is_stopped_at_the_time_limit(archive):
    import time

    from cliptrace.archive.search import QueryRefused, time_limit

    endless = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
               if archive.backend == "sqlite" else "SELECT pg_sleep(30)")
    with archive.engine.connect() as conn:
        started = time.monotonic()
        with pytest.raises(QueryRefused, match="took longer than 0.3 s"):
            with time_limit(conn, 0.3):
                conn.exec_driver_sql(endless).all()
        assert time.monotonic() - started < 2
    with archive.engine.connect() as conn:  # the limit ends with its block
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 60])
def test_the_window_holds_the_newest_matches_however_common_the_words(archive, make_articles, monkeypatch, n):
    """PostgreSQL reads the window range by range from the newest article back, each range sized
    from the matches found so far: whatever share of the archive a query matches, the window is
    exactly its `n` newest matches, newest first."""
    from cliptrace.archive import search as fts

    bodies = [f"Report {i} on the harbour" + (", with a crane inspection" if i % 7 == 0 else "")
              + (", near the lighthouse" if i < 3 else "") + "." for i in range(60)]
    source = Source(path="harbour.txt", data="\n\n".join(bodies).encode(), format="text")
    archive.add_source(source, make_articles(source, bodies, language="en"), near_duplicates=False)
    with archive.engine.connect() as conn:
        newest_first = conn.execute(select(articles.c.ingest_seq, articles.c.text)
                                    .order_by(articles.c.ingest_seq.desc())).all()
        monkeypatch.setattr(fts, "SEARCH_WINDOW", n)
        for query, matches in [("harbour", lambda t: True), ("crane", lambda t: "crane" in t),
                               ("lighthouse", lambda t: "lighthouse" in t), ("zeppelin", lambda t: False),
                               ('"crane inspection"', lambda t: "crane" in t),
                               ("harbour lighthouse", lambda t: "lighthouse" in t)]:
            expected = [seq for seq, body in newest_first if matches(body)][:n]
            assert list(fts.window(conn, query).seqs) == expected, query


def _harbour_reports(i: int) -> str:
    """Report i: every report holds 'crane', 'inspection', 'harbour' and 'wall'; how they stand
    side by side varies with i."""
    return " ".join([
        f"Report {i}.",
        "The crane inspection began." if i % 9 == 0 else "The crane stood by for the inspection.",
        "The harbour wall held." if i % 7 == 0 else "The wall of the harbour held.",
        "A crane inspection harbour visit followed." if i % 18 == 0 else "Nobody visited.",
        "Then came the inspection of the harbour." if i % 4 == 0 else "Then the harbour inspection.",
    ])


@pytest.mark.parametrize("n", [2, 60])
@pytest.mark.parametrize("query, phrases", [
    ('"crane inspection"', ["crane inspection"]),
    ('"crane inspection" harbour', ["crane inspection"]),
    ('"crane inspection" "harbour wall"', ["crane inspection", "harbour wall"]),
    ('"crane inspection harbour"', ["crane inspection harbour"]),
    ('"inspection of the harbour" "harbour wall"', ["inspection of the harbour", "harbour wall"]),
])
def test_a_phrase_window_holds_the_articles_with_the_words_side_by_side(archive, make_articles, monkeypatch,
                                                                        n, query, phrases):
    """Every report holds every word of these phrases, a few hold them side by side: the window is
    exactly the newest `n` reports holding each phrase (on PostgreSQL found through the biword
    index, then tested against the words' positions)."""
    from cliptrace.archive import search as fts

    bodies = [_harbour_reports(i) for i in range(60)]
    source = Source(path="harbour.txt", data="\n\n".join(bodies).encode(), format="text")
    archive.add_source(source, make_articles(source, bodies, language="en"), near_duplicates=False)
    monkeypatch.setattr(fts, "SEARCH_WINDOW", n)
    with archive.engine.connect() as conn:
        newest_first = conn.execute(select(articles.c.ingest_seq, articles.c.text)
                                    .order_by(articles.c.ingest_seq.desc())).all()
        expected = [seq for seq, body in newest_first if all(p in body.lower() for p in phrases)][:n]
        assert expected, "the reports hold each phrase somewhere"
        assert list(fts.window(conn, query).seqs) == expected


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
@pytest.mark.parametrize("query, biwords", [
    ('"crane inspection"', "'crane inspect'"),
    ('"crane inspection" harbour', "'crane inspect'"),
    ('"crane inspection harbour" "sea wall"', "'crane inspect' & 'inspect harbour' & 'sea wall'"),
    ("crane inspection", None),  # words, no phrase
    ('"inspection of the harbour"', None),  # a stop word between: <3>, no adjacent pair
    ('"crane inspection" OR lighthouse', None),  # a match need not hold the pair
    ('"crane inspection" -lighthouse', None),  # an exclusion: read as before, without biwords
])
def test_the_biwords_a_postgresql_query_requires(archive, query, biwords):
    """A query's biwords are those every match must hold; none where a match need not hold one."""
    from sqlalchemy import Text, cast, func, literal_column

    tsquery = func.websearch_to_tsquery(literal_column("'english'::regconfig"), query)
    with archive.engine.connect() as conn:
        assert conn.execute(select(cast(func.query_biwords(tsquery), Text))).scalar() == biwords
