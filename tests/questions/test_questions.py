"""The read-only questions, over a real SQLite archive of seed passages."""

from __future__ import annotations

from seed_archive import ABDOLLAHIAN, BERRI, HANIYEH
from sqlalchemy import select

from cliptrace.archive.schema import articles, entities, events, mentions
from cliptrace.questions import figures, framing
from cliptrace.questions.excerpt import sentence_around
from cliptrace.questions.network import network
from cliptrace.questions.people import get_person, list_people
from cliptrace.questions.quotes import statements
from cliptrace.questions.search import SearchFilters, highlight_snippet, search_articles
from cliptrace.questions.timeline import EVENT_TYPES, timeline


def test_search_ranks_and_counts_facets(conn, seed):
    result = search_articles(conn, "Haniyeh")
    assert result.total == 3  # Al Mayadeen, WRP and the republished copy
    assert {h["id"] for h in result.hits} == {seed.ids["al_mayadeen"], seed.ids["wrp"], seed.ids["copy"]}
    assert "\ue000Haniyeh\ue001" in result.hits[0]["snippet"]
    outlets = {v.value: v.count for v in result.facets["outlet"]}
    assert outlets == {"Al Mayadeen English": 1, "Press TV": 1, "Workers Revolutionary Party": 1}
    assert result.facets["speaker"][0].value == HANIYEH and result.facets["speaker"][0].count == 3


def test_search_filters_by_speaker_month_and_dates(conn, seed):
    assert search_articles(conn, "Haniyeh", SearchFilters(speaker=ABDOLLAHIAN)).total == 1
    assert search_articles(conn, "Haniyeh", SearchFilters(month="2023-05")).total == 2
    assert search_articles(conn, "", SearchFilters(since="2024-01-01")).total == 2  # Kayhan, hostile
    assert search_articles(conn, "", SearchFilters(language="ar")).hits[0]["id"] == seed.ids["arabic"]


def test_snippet_markup_escapes_article_text():
    html = str(highlight_snippet('<script>x</script> \ue000Haniyeh\ue001 & co'))
    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>Haniyeh</mark> &amp; co"


def test_person_has_spellings_statements_outlets_and_company(conn):
    person = get_person(conn, HANIYEH)
    assert person.name == "Ismail Haniyeh"
    spellings = dict(person.spellings)
    assert spellings["Haniyeh"] > 1 and "Ismail Haniyeh" in spellings
    # Statements in date order; the republished copy's repeat is not counted twice.
    assert [s.date for s in person.statements] == ["2023-05-14", "2023-05-14", "2023-12-20", "2023-12-20"]
    assert "There is no way for negotiations under Israel’s attacks." in [s.text for s in person.statements]
    assert dict(person.outlets) == {"Al Mayadeen English": 2, "Press TV": 2, "Workers Revolutionary Party": 2}
    assert [m["name"] for m in person.met] == ["Hossein Amir-Abdollahian", "Nabih Berri"]
    assert person.met[0]["id"] == ABDOLLAHIAN and person.met[0]["dates"] == ["2023-12-20"]
    assert {p.id for p in person.mentioned_with} == {ABDOLLAHIAN, BERRI}
    assert get_person(conn, "nobody") is None


def test_list_people_orders_by_presence_and_finds_spellings(conn):
    people = list_people(conn)
    assert people[0].id == HANIYEH and people[0].articles == 3 and people[0].quotes == 6
    assert [p.id for p in list_people(conn, q="Abdollahian")] == [ABDOLLAHIAN]
    assert all(p.type == "org" for p in list_people(conn, type_="org"))


def test_statement_dates_fall_back_to_publication(conn):
    dated = statements(conn, since="2024-01-01")
    assert [s.speaker for s in dated] == ['<img src=x onerror="window.__pwned=5">Spokesman', "Ziyad al-Nakhaleh"]


def test_figures_collapse_repeats_and_find_disagreements(conn, seed):
    killed = figures.claims(conn, category="killed")
    assert [(c.date, c.value) for c in killed] == [
        ("2023-05-14", 33), ("2023-12-20", 19667), ("2023-12-20", 20000), ("2024-04-14", 33500)]
    assert killed[0].claims == 2  # the original and its republished copy
    assert killed[0].href.startswith(f"/articles/{seed.ids['al_mayadeen']}#f")
    assert "martyrdom of 33 Palestinian" in killed[0].text
    by_source = {s.source: len(s.points) for s in figures.series(killed)}
    assert by_source == {figures.UNATTRIBUTED: 2, "Palestinian Ministry of Health": 1, "Hossein Amir-Abdollahian": 1}
    [disagreement] = figures.disagreements(killed)
    assert disagreement["date"] == "2023-12-20" and disagreement["place"] == "Gaza"
    assert [c.value for c in disagreement["claims"]] == [20000, 19667]


def test_timeline_merges_events_and_quotes_in_order(conn):
    items = timeline(conn)
    assert [i.date for i in items] == sorted(i.date for i in items)
    assert items[0].type == "meeting" and items[0].date == "2021-06-28"
    only_quotes = timeline(conn, person_id=HANIYEH, types=["quote"])
    assert {i.type for i in only_quotes} == {"quote"} and len(only_quotes) == 4
    meetings = timeline(conn, person_id=ABDOLLAHIAN, types=["meeting"])
    assert [i.place for i in meetings] == ["Doha"]
    assert timeline(conn, person_id="nobody") == []


def test_network_links_people_who_met_or_were_quoted_together(conn):
    graph = network(conn)
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    pair = edges[(ABDOLLAHIAN, HANIYEH)]
    assert pair["met"] == 1 and pair["quoted"] == 1 and pair["weight"] == 2
    assert edges[(HANIYEH, BERRI)]["quoted"] == 0
    assert graph["nodes"][0]["id"] == HANIYEH


def test_framing_counts_loaded_and_neutral_terms_per_outlet(conn):
    lexicon = framing.load_lexicon()
    framing.count_framing(conn.engine, lexicon)
    per_outlet = {f.outlet: f for f in framing.outlet_framing(conn, lexicon)}
    assert "Press TV" not in per_outlet  # a near-duplicate copy is counted once, under the original
    wrp = per_outlet["Workers Revolutionary Party"]
    assert wrp.terms["zionist"].loaded == 4  # "Zionist regime" four times
    # "martyrs" once; "killed" twice and "killing" once
    assert wrp.terms["martyred"].loaded == 1 and wrp.terms["martyred"].neutral == 3
    mayadeen = per_outlet["Al Mayadeen English"]
    assert mayadeen.terms["scare-quoted-israel"].loaded == 4 and mayadeen.terms["scare-quoted-israel"].neutral == 0
    assert per_outlet["Al-Akhbar"].terms["resistance"].loaded >= 2  # المقاومة, in Arabic
    example = wrp.terms["zionist"].loaded_examples[0]
    assert "Zionist regime" in example.text and example.href.endswith("#mark")
    assert wrp.per_1000(wrp.terms["zionist"].loaded) == round(4000 / wrp.words, 2)


def test_framing_lexicon_can_be_replaced_by_a_file(conn, tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text("[[pair]]\nkey = 'siege'\nlabel = 'siege'\nloaded = ['\\bsiege\\b']\nneutral = []\n")
    [pair] = framing.load_lexicon(path)
    assert framing.lexicon_key([pair]) != framing.lexicon_key(framing.load_lexicon())
    assert framing.count_framing(conn.engine, [pair]) == 6  # every article, once per lexicon
    assert framing.count_framing(conn.engine, [pair]) == 0
    per_outlet = {f.outlet: f for f in framing.outlet_framing(conn, [pair])}
    assert per_outlet["Workers Revolutionary Party"].terms["siege"].loaded == 2


def test_sentence_around_cuts_at_sentence_and_word_boundaries():
    text = "First one. The second sentence holds 42 things. Third."
    start = text.index("42")
    assert sentence_around(text, start, start + 2) == "The second sentence holds 42 things."
    long = "word " * 100 + "NUMBER " + "word " * 100
    out = sentence_around(long, long.index("NUMBER"), long.index("NUMBER") + 6, max_chars=40)
    assert out.startswith("word") and out.endswith("word") and "NUMBER" in out


def test_search_says_when_entity_facets_are_counted_on_a_sample():
    from cliptrace.questions.search import ENTITY_FACET_SAMPLE, SearchResult

    assert SearchResult("q", [], total=ENTITY_FACET_SAMPLE).sampled_facets == frozenset()
    assert SearchResult("q", [], total=ENTITY_FACET_SAMPLE + 1).sampled_facets == {"speaker", "entity"}


def _claim(value, subject, source, date="2024-02-01", category="killed", place=None):
    return figures.Claim(date=date, value=value, approx="exact", category=category, source=source, place=place,
                         claims=1, subject=subject, article_id="a1", anchor="f1-2", text="")


def test_claims_about_different_people_or_days_do_not_disagree():
    civilians = _claim(2500, "Afghan civilians", "UN mission")
    assert figures.disagreements([civilians, _claim(2, "US soldiers", "Pentagon")]) == []
    assert figures.disagreements([civilians, _claim(2400, "afghan civilian", "Interior Ministry",
                                                    date="2024-02-03")]) == []
    assert figures.disagreements([civilians, _claim(2400, "Afghan civilians", "Kabul police", place="Kabul")]) == []
    [found] = figures.disagreements([civilians, _claim(2400, "afghan civilian", "Interior Ministry")])
    assert [c.value for c in found["claims"]] == [2500, 2400] and found["subject"] == "Afghan civilians"
    assert figures.disagreements([_claim(12500, "employees", "a", category="other"),
                                  _claim(20_000_000, "employees", "b", category="other")]) == []


def test_other_counts_make_no_series_unless_asked():
    found = [_claim(12500, "employees", "company", category="other"), _claim(40, "people", "police")]
    assert [s.category for s in figures.series(found)] == ["killed"]
    assert {s.category for s in figures.series(found, include_other=True)} == {"killed", "other"}


def test_a_search_matching_more_than_the_window_counts_and_ranks_the_most_recent(conn, monkeypatch):
    from cliptrace.archive import search as fts
    from cliptrace.archive.schema import articles
    from sqlalchemy import select

    everything = search_articles(conn, "resistance")
    assert everything.window is None and everything.total >= 3
    monkeypatch.setattr(fts, "SEARCH_WINDOW", 2)
    windowed = search_articles(conn, "resistance")
    assert windowed.window == 2 and windowed.total == 2
    newest = set(conn.execute(select(articles.c.id).where(articles.c.id.in_([h["id"] for h in everything.hits]))
                              .order_by(articles.c.ingest_seq.desc()).limit(2)).scalars())
    assert {h["id"] for h in windowed.hits} == newest


def test_a_filtered_search_keeps_the_window_of_the_words_alone(conn, monkeypatch):
    # The window is chosen before any filter: the hits in one language are those of the unfiltered
    # window's matches in that language, ranked alike, never older matches found past the window.
    from cliptrace.archive import search as fts

    everything = search_articles(conn, "Hamas", limit=100)
    monkeypatch.setattr(fts, "SEARCH_WINDOW", 2)
    windowed = search_articles(conn, "Hamas", limit=100)
    assert windowed.window == 2 and len(windowed.hits) == 2
    in_english = [h["id"] for h in windowed.hits if h["language"] == "en"]
    assert [h for h in everything.hits if h["language"] == "en" and h["id"] not in in_english]  # older ones
    filtered = search_articles(conn, "Hamas", SearchFilters(language="en"), limit=100)
    assert [h["id"] for h in filtered.hits] == in_english and filtered.total == len(in_english)


def test_a_persons_timeline_lists_the_events_naming_them_in_date_order(conn):
    # Read from the participants' index: the events with their name among the participants, in
    # articles that mention them, by date (the event's own, else its article's); a short page is
    # the start of a long one.
    name = conn.execute(select(entities.c.name).where(entities.c.id == HANIYEH)).scalar()
    theirs = set(conn.execute(select(mentions.c.article_id).where(mentions.c.entity_id == HANIYEH)).scalars())
    expected = sorted((r.date or r.published, r.id) for r in conn.execute(
        select(events.c.id, events.c.date, events.c.participants, events.c.article_id, articles.c.published)
        .join(articles, articles.c.id == events.c.article_id).where(articles.c.duplicate_of.is_(None)))
        if name in r.participants and r.article_id in theirs and (r.date or r.published))
    full = timeline(conn, person_id=HANIYEH, types=list(EVENT_TYPES))
    assert len(full) >= 2 and [i.date for i in full] == [d for d, _ in expected]
    for k in range(1, len(full) + 1):
        assert timeline(conn, person_id=HANIYEH, types=list(EVENT_TYPES), limit=k) == full[:k]


def test_the_pronouns_linked_to_a_person_are_no_spellings_of_their_name(db):
    from cliptrace.archive.store import Archive
    from cliptrace.model import Annotations, ArticleDraft, Entity
    from tests.web.seed_archive import _add, entity_id, spans

    text = "Wen Okafor opened the bridge. He said it had cost less than planned, and his deputy agreed. Okafor left."
    person = entity_id("Wen Okafor", "person")
    last = text.index("Okafor left")
    mentions = sorted(spans(text, "Wen Okafor") + spans(text, "He") + spans(text, "his") + [(last, last + 6)])
    draft = ArticleDraft(text=text, title="Bridge opens", published="2024-05-02", outlet="Valley Messenger")
    archive = Archive.open(db)
    try:
        _add(archive, "bridge.txt", text.encode(), [(draft, Annotations(entities=[Entity(person, "Wen Okafor", "person", mentions)]))])
        with archive.engine.connect() as conn:
            assert get_person(conn, person).spellings == [("Okafor", 1), ("Wen Okafor", 1)]
    finally:
        archive.close()

