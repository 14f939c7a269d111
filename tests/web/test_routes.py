"""Every page and API route through FastAPI's TestClient: status, content, escaping, headers.

`client` serves the archive built by really ingesting the seed clippings; `hand_client` the
hand-annotated one, for a republished copy and hostile metadata the seeds lack."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from real_archive import HANIYEH, HOSTILE_MARKUP
from seed_archive import HOSTILE
from testpaths import LOCAL_URL as LOCAL

from cliptrace.model import entity_id
from cliptrace.web.app import CSP, create_app

PAGES = ["/", "/search?q=Haniyeh", "/people", f"/people/{HANIYEH}", "/figures", "/timeline", "/network",
         "/outlets"]
SAFE_TAGS = {"html", "head", "meta", "title", "link", "body", "a", "header", "nav", "ul", "ol", "li", "form",
             "label", "input", "button", "main", "h1", "h2", "h3", "p", "div", "span", "aside", "section",
             "dl", "dt", "dd", "template", "footer", "script", "table", "thead", "tbody", "tr", "th", "td",
             "caption", "select", "option", "blockquote", "strong", "br", "fieldset", "legend", "figure",
             "figcaption", "article", "mark"}
APIS = ["/api/search?q=Haniyeh", "/api/people", f"/api/people/{HANIYEH}", "/api/figures", "/api/timeline",
        "/api/network", "/api/outlets"]


def _tags(html: str) -> list[tuple[str, list]]:
    """Every real start tag with its attributes (escaped text is not a tag)."""
    found = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.append((tag, attrs))
    parser.feed(html)
    return found


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_strict_headers_and_no_inline_code(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    tags = _tags(r.text)
    assert all(dict(attrs).get("src") for tag, attrs in tags if tag == "script")  # every script is a file
    assert not [tag for tag, _ in tags if tag == "style"]
    assert not [name for _, attrs in tags for name, _ in attrs if name == "style" or name.startswith("on")]
    assert '<main id="main"' in r.text and "<nav" in r.text and "<h1" in r.text


@pytest.mark.parametrize("path", APIS + ["/openapi.json"])
def test_api_routes_answer_json(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["content-security-policy"] == CSP


def test_openapi_lists_every_api_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ["/api/search", "/api/articles/{article_id}", "/api/people", "/api/people/{person_id}",
                  "/api/figures", "/api/timeline", "/api/network", "/api/outlets"]:
        assert route in paths


def test_search_page_keeps_the_query_in_the_url_and_highlights_hits(client):
    api = client.get("/api/search", params={"q": "Haniyeh"}).json()
    assert api["total"] >= 10 and all("\ue000Haniyeh\ue001" in h["snippet"] or "Haniyeh" in h["title"]
                                       for h in api["hits"])
    html = client.get("/search", params={"q": "Haniyeh"}).text
    assert "<mark>Haniyeh</mark>" in html and f'{api["total"]} articles' in html
    assert f'href="/articles/{api["hits"][0]["id"]}"' in html
    outlet = api["facets"]["outlet"][0]
    link = "/search?q=Haniyeh&amp;outlet=" + outlet["value"].replace(" ", "+")
    assert f'href="{link}"' in html  # facet links carry the query
    narrowed = client.get("/api/search", params={"q": "Haniyeh", "outlet": outlet["value"], "until": ""}).json()
    assert narrowed["total"] == outlet["count"] and {h["outlet"] for h in narrowed["hits"]} == {outlet["value"]}
    speaker = next(v for v in api["facets"]["speaker"] if v["value"] == HANIYEH)
    by_speaker = client.get("/api/search", params={"q": "Haniyeh", "speaker": HANIYEH}).json()
    assert by_speaker["total"] == speaker["count"] > 0


def test_search_survives_hostile_queries(client):
    for q in ['"', "NEAR(", "a OR", "-", "<script>alert(1)</script>", "*"]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200 and "<script>alert" not in r.text


def _annotated_article(client) -> dict:
    """The first search hit for Haniyeh with quotes (with speakers), figures, people and places."""
    for hit in client.get("/api/search", params={"q": "Haniyeh", "limit": 50}).json()["hits"]:
        article = client.get(f"/api/articles/{hit['id']}").json()
        types = {e["type"] for e in article["entities"]}
        if article["figures"] and any(q["speaker_mention"] for q in article["quotes"]) and {"person", "place"} <= types:
            return article
    raise AssertionError("no fully annotated article in the seeds")


def test_article_page_highlights_quotes_speakers_entities_and_figures(client):
    article = _annotated_article(client)
    html = client.get(f"/articles/{article['id']}").text
    q = next(q for q in article["quotes"] if q["speaker"])
    assert re.search(rf'<span class="q {q["kind"]}" data-ann="q{q["start"]}-{q["end"]}" id="q{q["start"]}-{q["end"]}"'
                     rf' tabindex="0" title="{q["kind"]} quote · speaker: {re.escape(q["speaker"])}', html)
    assert 'class="spk"' in html and 'class="ent person"' in html and 'class="ent place"' in html
    f = article["figures"][0]
    assert re.search(rf'class="fig"[^>]*id="f{f["start"]}-{f["end"]}"[^>]*title="{f["value"]:,} {f["category"]}', html)
    assert f'href="/sources/{article["source"]["sha256"]}/raw"' in html
    assert '<template id="detail-q' in html and "/static/article.js" in html
    assert 'dir="ltr" lang="en"' in html


def test_article_page_lists_near_duplicates_both_ways(hand_client, seed_archive):
    original = hand_client.get(f"/articles/{seed_archive.ids['al_mayadeen']}").text
    assert "Also seen in" in original and f'/articles/{seed_archive.ids["copy"]}' in original
    copy = hand_client.get(f"/api/articles/{seed_archive.ids['copy']}").json()
    assert copy["duplicate_of"] == seed_archive.ids["al_mayadeen"]
    assert [c["id"] for c in copy["also_seen_in"]] == [seed_archive.ids["al_mayadeen"]]


def test_arabic_article_renders_right_to_left(client, real_archive):
    html = client.get(f"/articles/{real_archive.ids['arabic']}").text
    assert '<div class="article-text" dir="rtl" lang="ar">' in html
    assert '<h1 id="article-title" dir="rtl" lang="ar">' in html


def _assert_inert(html: str, where: str) -> None:
    assert "<script>window" not in html and "<script>alert" not in html, where
    assert "<img" not in html and "<svg" not in html and "<iframe" not in html and "<i>Evil" not in html, where
    assert 'href="javascript:' not in html, where
    tags = _tags(html)
    assert {tag for tag, _ in tags} <= SAFE_TAGS, where
    assert not [n for _, attrs in tags for n, _ in attrs if n.startswith("on")], where


def test_hostile_clipping_text_is_escaped_everywhere(client, real_archive):
    hostile = real_archive.ids["hostile"]
    article = client.get(f"/api/articles/{hostile}").json()
    assert all(markup in article["text"] for markup in HOSTILE_MARKUP)  # it survived extraction as text
    for path in [f"/articles/{hostile}", "/search?q=pwned", "/search?q=crossing", "/timeline", "/outlets",
                 "/people", "/figures"]:
        _assert_inert(client.get(path).text, path)
    html = client.get(f"/articles/{hostile}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;a href=&#34;" in html and "&#34;&gt;click&lt;/a&gt;" in html  # highlights may sit inside


def test_hostile_metadata_and_names_are_escaped(hand_client, seed_archive):
    # The seeds have no hostile title, outlet, url, author or speaker name: the hand-built clipping has.
    for path in [f"/articles/{seed_archive.ids['hostile']}", "/search?q=spokesman", "/people/" + HOSTILE,
                 "/timeline", "/outlets", "/people", "/search?outlet=%3Ci%3EEvil+Outlet%3C%2Fi%3E"]:
        _assert_inert(hand_client.get(path).text, path)
    article = hand_client.get(f"/articles/{seed_archive.ids['hostile']}").text
    assert "&lt;b&gt;nothing&lt;/b&gt;" in article  # inside the highlighted quote, still text


def test_article_mark_parameter_highlights_a_linked_passage(client, real_archive):
    html = client.get(f"/articles/{real_archive.ids['arabic']}", params={"mark": "0-3"}).text
    assert '<span class="mark" data-ann="mark" id="mark"' in html
    assert client.get(f"/articles/{real_archive.ids['arabic']}", params={"mark": "x"}).status_code == 200


def test_raw_source_is_an_attachment_never_html(client, real_archive):
    sha = client.get(f"/api/articles/{real_archive.ids['hostile']}").json()["source"]["sha256"]
    r = client.get(f"/sources/{sha}/raw")
    assert r.status_code == 200 and r.content.startswith(b"<!DOCTYPE html>") and b"<script>" in r.content
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/sources/../../etc/passwd/raw").status_code == 404
    assert client.get("/sources/" + "0" * 64 + "/raw").status_code == 404


def test_unknown_ids_are_404(client):
    for path in ["/articles/nope", "/api/articles/nope", "/people/nobody", "/api/people/nobody"]:
        assert client.get(path).status_code == 404, path


BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.mark.parametrize("path", ["/articles/no-such-id", "/people/nobody", "/no/such/page"])
def test_a_missing_page_is_an_html_404_with_the_navigation(client, path):
    r = client.get(path, headers=BROWSER)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert "<h1>Not found</h1>" in r.text and 'href="/people"' in r.text and 'role="search"' in r.text


def test_api_errors_stay_json_even_for_a_browser(client):
    r = client.get("/api/articles/no-such-id", headers=BROWSER)
    assert r.status_code == 404 and r.json() == {"detail": "No such article"}


@pytest.mark.parametrize("query, refused", [
    ("q=Haniyeh&since=13/13/2024", "since: '13/13/2024' is not a date: use YYYY-MM-DD."),
    ("until=garbage", "until: 'garbage' is not a date: use YYYY-MM-DD."),
    ("q=Haniyeh&since=2024-02-30", "since: '2024-02-30' is not a date: use YYYY-MM-DD."),
    ("month=2024-13", "month: '2024-13' is not a month: use YYYY-MM."),
])
def test_search_refuses_a_date_that_is_not_one_rather_than_ignoring_it(hand_client, query, refused):
    api = hand_client.get(f"/api/search?{query}")
    assert api.status_code == 400 and api.json() == {"detail": refused}
    page = hand_client.get(f"/search?{query}", headers=BROWSER)
    assert page.status_code == 400 and refused in html.unescape(page.text) and 'role="search"' in page.text


@pytest.mark.parametrize("query", ["since=garbage", "until=31/02/2020"])
def test_timeline_refuses_a_date_that_is_not_one(hand_client, query):
    assert hand_client.get(f"/api/timeline?{query}").status_code == 400
    page = hand_client.get(f"/timeline?{query}", headers=BROWSER)
    assert page.status_code == 400 and "is not a date: use YYYY-MM-DD." in page.text


def test_search_and_timeline_still_take_iso_days_and_months(hand_client):
    every = hand_client.get("/api/search?q=Haniyeh").json()["total"]
    assert 0 < hand_client.get("/api/search?q=Haniyeh&since=2023-05-15").json()["total"] < every
    assert hand_client.get("/api/search?q=Haniyeh&month=2023-05&since=&until=").status_code == 200
    assert hand_client.get("/api/timeline?since=2023-01-01&until=2023-12-31").status_code == 200


def test_api_root_is_an_index_linking_the_openapi_description(client):
    index = client.get("/api/").json()
    assert index["openapi"] == "/openapi.json"
    paths = {e["path"] for e in index["endpoints"]}
    assert {"/api/search", "/api/articles/{article_id}", "/api/figures", "/api/network"} <= paths
    assert all(e["summary"] for e in index["endpoints"])
    assert client.get("/api", follow_redirects=True).json() == index


def test_person_page_shows_spellings_statements_outlets_and_company(client):
    api = client.get(f"/api/people/{HANIYEH}").json()
    html = client.get(f"/people/{HANIYEH}").text
    assert "<h1 dir=\"auto\">Ismail Haniyeh</h1>" in html
    assert len(api["statements"]) >= 10
    assert html.count('<li>\n      <span class="date">') == len(api["statements"])
    dates = [s["date"] for s in api["statements"] if s["date"]]
    assert dates == sorted(dates)
    assert {"Haniyeh", "Ismail Haniyeh"} <= {s for s, _ in api["spellings"]}
    assert "Workers Revolutionary Party" in dict(api["outlets"]) and api["met"]
    assert "Corrections" not in html  # read-only: no edit forms


def test_figures_page_and_api(client):
    api = client.get("/api/figures", params={"category": "killed"}).json()
    points = [p for s in api["series"] for p in s["points"]]
    assert points and all(p["href"].startswith("/articles/") and p["category"] == "killed" for p in points)
    html = client.get("/figures", params={"category": "killed"}).text
    assert 'id="figures-chart"' in html and "/static/figures.js" in html
    assert f"{points[0]['value']:,}" in html


def test_figures_chart_other_counts_only_when_asked(client):
    charted = {s["category"] for s in client.get("/api/figures").json()["series"]}
    assert charted and "other" not in charted
    asked = client.get("/api/figures", params={"others": "true"}).json()
    assert "other" in {s["category"] for s in asked["series"]}  # the seeds count settlers, residents...
    only = client.get("/api/figures", params={"category": "other"}).json()["series"]
    assert only and {s["category"] for s in only} == {"other"}
    assert all("subject" in p for s in asked["series"] for p in s["points"])


def test_timeline_filters_by_person_and_type(client):
    api = client.get("/api/timeline", params={"person": HANIYEH, "type": ["meeting", "visit"]}).json()
    assert api and {i["type"] for i in api} <= {"meeting", "visit"}
    assert all("Ismail Haniyeh" in i["who"] for i in api)
    quotes = client.get("/api/timeline", params={"person": HANIYEH, "type": "quote"}).json()
    html = client.get("/timeline", params={"person": HANIYEH, "type": "quote"}).text
    assert html.count('<span class="tag">quote</span>') == len(quotes) > 0 and 'value="quote" checked' in html


def test_network_and_outlets(client):
    graph = client.get("/api/network").json()
    assert graph["nodes"][0]["id"] == HANIYEH  # the best-connected person of the seeds
    assert "/static/network.js" in client.get("/network").text
    outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()}
    assert outlets["Workers Revolutionary Party"]["terms"]["zionist"]["loaded"] >= 3  # "Zionist regime"
    html = client.get("/outlets").text
    assert "Workers Revolutionary Party" in html and "“Zionist entity/regime” / “Israel”" in html


def test_outlets_show_examples_for_the_busiest_outlets_unless_all_are_asked_for(real_archive, monkeypatch):
    from cliptrace.web.views import outlets as outlets_view

    monkeypatch.setattr(outlets_view, "EXAMPLE_OUTLETS", 1)
    client = TestClient(create_app(real_archive.db), base_url=LOCAL)
    busiest, *others = client.get("/api/outlets").json()
    assert busiest["examples_read"] and any(t["loaded_examples"] for t in busiest["terms"].values())
    assert others and not any(o["examples_read"] for o in others)
    assert not any(t["loaded_examples"] or t["neutral_examples"] for o in others for t in o["terms"].values())
    everyone = client.get("/api/outlets", params={"examples": "all"}).json()
    assert [o["outlet"] for o in everyone] == [busiest["outlet"]] + [o["outlet"] for o in others]
    assert all(o["examples_read"] for o in everyone)
    assert [o["terms"] for o in everyone][0] == busiest["terms"]  # the same counts either way
    assert [{k: (t["loaded"], t["neutral"]) for k, t in o["terms"].items()} for o in everyone[1:]] == \
        [{k: (t["loaded"], t["neutral"]) for k, t in o["terms"].items()} for o in others]
    page, full = client.get("/outlets").text, client.get("/outlets", params={"examples": "all"}).text
    assert "Details and examples for the 1 outlets with the most articles" in page
    assert page.count("<section aria-labelledby=\"outlet-") == 1 < full.count("<section aria-labelledby=\"outlet-")
    assert 'href="/outlets?examples=all#outlet-2"' in page and "Details and examples" not in full
    assert client.get("/outlets", params={"examples": "some"}).status_code == 422


def test_network_draws_people_unless_others_are_asked_for(client):
    people = client.get("/api/network").json()
    assert people["nodes"] and {n["type"] for n in people["nodes"]} == {"person"}
    everyone = client.get("/api/network", params={"others": "true"}).json()
    kinds = {n["type"] for n in everyone["nodes"]}
    assert "person" in kinds and kinds & {"org", "place"}  # speakers such as armed wings and states
    ids = {n["id"] for n in people["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in people["edges"])
    assert 'name="others"' in client.get("/network").text


def test_the_network_is_the_same_in_every_process(real_archive):
    """Clusters of equal size took their colours in set order, which changes with each process's
    string hashing: the same archive drew a different picture each time."""
    import os
    import subprocess
    import sys

    program = ("import json, sys\nfrom cliptrace.archive.store import Archive\n"
               "from cliptrace.questions.network import EVERYONE, network\n"
               "with Archive.open(sys.argv[1]).engine.connect() as conn:\n"
               "    print(json.dumps(network(conn, types=EVERYONE), sort_keys=True))")
    drawn = {subprocess.run([sys.executable, "-c", program, real_archive.db], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
             for seed in range(1, 6)}
    assert len(drawn) == 1


def test_edits_are_forbidden_unless_allowed(client, real_archive, tmp_path):
    assert client.post(f"/people/{HANIYEH}/rename", data={"name": "X"}).status_code == 403
    assert client.post(f"/people/{HANIYEH}/merge", data={"other": HANIYEH}).status_code == 403
    own = str(tmp_path / "editable.sqlite")  # edits change the archive: work on a copy
    shutil.copy(real_archive.db, own)
    editable = TestClient(create_app(own, allow_edits=True), base_url=LOCAL,
                          headers={"origin": LOCAL})  # as the browser sends it from the page
    page = editable.get(f"/people/{HANIYEH}").text
    assert "Corrections" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    cross = editable.post(f"/people/{HANIYEH}/rename", data={"name": "Ismail Haniyya", "csrf_token": token},
                          headers={"origin": "http://evil.example"})
    assert cross.status_code == 403
    assert editable.post(f"/people/{HANIYEH}/merge", data={"other": "nobody", "csrf_token": token}).status_code == 404
    r = editable.post(f"/people/{HANIYEH}/rename", data={"name": "Ismail Haniyya", "csrf_token": token},
                      follow_redirects=False)
    renamed = entity_id("Ismail Haniyya", "person")
    assert r.status_code == 303 and r.headers["location"] == f"/people/{renamed}?saved=rename"
    page = editable.get(r.headers["location"]).text
    assert "<h1 dir=\"auto\">Ismail Haniyya</h1>" in page and "Correction saved" in page
    assert editable.get(f"/people/{HANIYEH}").status_code == 404
    other = editable.get(f"/api/people/{renamed}").json()["met"][0]["id"]
    merged = editable.post(f"/people/{renamed}/merge", data={"other": other, "csrf_token": token},
                           follow_redirects=False)
    assert merged.headers["location"] == f"/people/{renamed}?saved=merge"
    assert editable.get(f"/people/{other}").status_code == 404
    assert [c["action"] for c in editable.app.state.archive.corrections()] == ["rename", "merge"]
