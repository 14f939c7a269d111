"""Every page and API route through FastAPI's TestClient: status, content, escaping, headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from seed_archive import ABDOLLAHIAN, BERRI, HANIYEH, HOSTILE, build_seed_archive

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


def test_search_page_keeps_the_query_in_the_url_and_highlights_hits(client, seed_archive):
    r = client.get("/search", params={"q": "Haniyeh"})
    assert "<mark>Haniyeh</mark>" in r.text
    assert f'href="/articles/{seed_archive.ids["wrp"]}"' in r.text
    assert 'href="/search?q=Haniyeh&amp;outlet=Press+TV"' in r.text  # facet links carry the query
    assert "3 articles" in r.text
    narrowed = client.get("/search", params={"q": "Haniyeh", "outlet": "Press TV", "since": "2023-01-01",
                                             "until": ""})
    assert "1 article" in narrowed.text and seed_archive.ids["copy"] in narrowed.text
    api = client.get("/api/search", params={"q": "Haniyeh", "speaker": ABDOLLAHIAN}).json()
    assert api["total"] == 1 and api["hits"][0]["id"] == seed_archive.ids["wrp"]
    assert api["facets"]["outlet"] == [{"value": "Workers Revolutionary Party",
                                       "label": "Workers Revolutionary Party", "count": 1}]


def test_search_survives_hostile_queries(client):
    for q in ['"', "NEAR(", "a OR", "-", "<script>alert(1)</script>", "*"]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200 and "<script>alert" not in r.text


def test_article_page_highlights_quotes_speakers_entities_and_figures(client, seed_archive):
    r = client.get(f"/articles/{seed_archive.ids['wrp']}")
    html = r.text
    assert re.search(r'<span class="q direct"[^>]*title="direct quote · speaker: Ismail Haniyeh · cue: noted',
                     html)
    assert 'class="spk"' in html and 'class="ent person"' in html and 'class="ent place"' in html
    assert re.search(r'class="fig"[^>]*title="20,000 killed · hedge: more than · source: Hossein', html)
    assert f'href="/sources/{seed_archive.sha256["wrp"]}/raw"' in html
    assert '<template id="detail-q' in html and "/static/article.js" in html
    assert 'dir="ltr" lang="en"' in html


def test_article_page_lists_near_duplicates_both_ways(client, seed_archive):
    original = client.get(f"/articles/{seed_archive.ids['al_mayadeen']}").text
    assert "Also seen in" in original and f'/articles/{seed_archive.ids["copy"]}' in original
    copy = client.get(f"/api/articles/{seed_archive.ids['copy']}").json()
    assert copy["duplicate_of"] == seed_archive.ids["al_mayadeen"]
    assert [c["id"] for c in copy["also_seen_in"]] == [seed_archive.ids["al_mayadeen"]]


def test_arabic_article_renders_right_to_left(client, seed_archive):
    html = client.get(f"/articles/{seed_archive.ids['arabic']}").text
    assert '<div class="article-text" dir="rtl" lang="ar">' in html
    assert '<h1 id="article-title" dir="rtl" lang="ar">' in html


def test_hostile_clipping_is_escaped_everywhere(client, seed_archive):
    for path in [f"/articles/{seed_archive.ids['hostile']}", "/search?q=spokesman", "/people/" + HOSTILE,
                 "/timeline", "/outlets", "/people", "/search?outlet=%3Ci%3EEvil+Outlet%3C%2Fi%3E"]:
        html = client.get(path).text
        assert "<script>window" not in html and "<script>alert" not in html, path
        assert "<img" not in html and "<svg" not in html and "<iframe" not in html and "<i>Evil" not in html, path
        assert 'href="javascript:' not in html, path
        tags = _tags(html)
        assert {tag for tag, _ in tags} <= SAFE_TAGS, path
        assert not [n for _, attrs in tags for n, _ in attrs if n.startswith("on")], path
    article = client.get(f"/articles/{seed_archive.ids['hostile']}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in article
    assert "&lt;b&gt;nothing&lt;/b&gt;" in article  # inside the highlighted quote, still text


def test_article_mark_parameter_highlights_a_linked_passage(client, seed_archive):
    html = client.get(f"/articles/{seed_archive.ids['wrp']}", params={"mark": "0-3"}).text
    assert '<span class="mark" data-ann="mark" id="mark"' in html
    assert client.get(f"/articles/{seed_archive.ids['wrp']}", params={"mark": "x"}).status_code == 200


def test_raw_source_is_an_attachment_never_html(client, seed_archive):
    r = client.get(f"/sources/{seed_archive.sha256['hostile']}/raw")
    assert r.status_code == 200 and r.content.startswith(b"Breaking: <script>")
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/sources/../../etc/passwd/raw").status_code == 404
    assert client.get("/sources/" + "0" * 64 + "/raw").status_code == 404


def test_unknown_ids_are_404(client):
    for path in ["/articles/nope", "/api/articles/nope", "/people/nobody", "/api/people/nobody"]:
        assert client.get(path).status_code == 404, path


def test_person_page_shows_spellings_statements_outlets_and_company(client):
    html = client.get(f"/people/{HANIYEH}").text
    assert "<h1 dir=\"auto\">Ismail Haniyeh</h1>" in html
    assert html.count('<li>\n      <span class="date">') == 4  # four statements on the timeline
    assert "There is no way for negotiations under Israel’s attacks." in html
    assert "Workers Revolutionary Party" in html and "Hossein Amir-Abdollahian" in html
    assert "Corrections" not in html  # read-only: no edit forms
    api = client.get(f"/api/people/{HANIYEH}").json()
    assert api["statements"][0]["date"] == "2023-05-14" and api["met"][0]["id"] == ABDOLLAHIAN


def test_figures_page_and_api(client, seed_archive):
    html = client.get("/figures", params={"category": "killed"}).text
    assert 'id="figures-chart"' in html and "/static/figures.js" in html
    assert "Disagreeing claims" in html and "20,000" in html and "19,667" in html
    api = client.get("/api/figures", params={"category": "killed"}).json()
    points = [p for s in api["series"] for p in s["points"]]
    assert len(points) == 4 and all(p["href"].startswith("/articles/") for p in points)
    assert api["disagreements"][0]["date"] == "2023-12-20"


def test_timeline_filters_by_person_and_type(client):
    api = client.get("/api/timeline", params={"person": ABDOLLAHIAN, "type": ["meeting"]}).json()
    assert [(i["type"], i["place"]) for i in api] == [("meeting", "Doha")]
    html = client.get("/timeline", params={"person": HANIYEH, "type": "quote"}).text
    assert html.count('<span class="tag">quote</span>') == 4 and 'value="quote" checked' in html


def test_network_and_outlets(client):
    graph = client.get("/api/network").json()
    assert {n["id"] for n in graph["nodes"]} == {HANIYEH, ABDOLLAHIAN, BERRI}
    assert "/static/network.js" in client.get("/network").text
    outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()}
    assert outlets["Workers Revolutionary Party"]["terms"]["zionist"]["loaded"] == 4
    html = client.get("/outlets").text
    assert "Workers Revolutionary Party" in html and "“Zionist entity/regime” / “Israel”" in html


def test_edits_are_forbidden_unless_allowed(client, seed_archive, tmp_path):
    assert client.post(f"/people/{HANIYEH}/rename", data={"name": "X"}).status_code == 403
    assert client.post(f"/people/{HANIYEH}/merge", data={"other": ABDOLLAHIAN}).status_code == 403
    own = build_seed_archive(str(tmp_path / "editable.sqlite"))  # edits change the archive
    editable = TestClient(create_app(own.db, allow_edits=True))
    assert "Corrections" in editable.get(f"/people/{HANIYEH}").text
    cross = editable.post(f"/people/{HANIYEH}/rename", data={"name": "Ismail Haniyya"},
                          headers={"origin": "http://evil.example"})
    assert cross.status_code == 403
    assert editable.post(f"/people/{HANIYEH}/merge", data={"other": "nobody"}).status_code == 404
    r = editable.post(f"/people/{HANIYEH}/rename", data={"name": "Ismail Haniyya"}, follow_redirects=False)
    renamed = entity_id("Ismail Haniyya", "person")
    assert r.status_code == 303 and r.headers["location"] == f"/people/{renamed}?saved=rename"
    page = editable.get(r.headers["location"]).text
    assert "<h1 dir=\"auto\">Ismail Haniyya</h1>" in page and "Correction saved" in page
    assert editable.get(f"/people/{HANIYEH}").status_code == 404
    merged = editable.post(f"/people/{renamed}/merge", data={"other": BERRI}, follow_redirects=False)
    assert merged.headers["location"] == f"/people/{renamed}?saved=merge"
    assert editable.get(f"/people/{BERRI}").status_code == 404
    assert [c["action"] for c in editable.app.state.archive.corrections()] == ["rename", "merge"]
