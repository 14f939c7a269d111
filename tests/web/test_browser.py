"""End to end in a real Chromium (Debian's, driven by Playwright), against uvicorn on a free port,
over the archive built by really ingesting the seed clippings and a hostile page.

Without /usr/bin/chromium these tests skip, unless CLIPTRACE_REQUIRE_BROWSER=1 (CI and
scripts/test set it), where they fail. Each page's screenshot goes to a temporary folder (kept by
pytest for a look after a failure); the README's screenshots are refreshed on purpose, by
`bash scripts/screenshots`, never by a test.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from real_archive import HANIYEH

from cliptrace.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
PAGES = ["/", "/search?q=Haniyeh", "/people", f"/people/{HANIYEH}", "/figures", "/timeline", "/network",
         "/outlets"]


@pytest.fixture(scope="module")
def base_url(real_archive):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(real_archive.db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CLIPTRACE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.shots = tmp_path_factory.mktemp("screenshots")
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        yield page
        browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(page.shots / f"{name}.png"), full_page=False)


def test_search_then_article_shows_a_highlighted_quote_with_its_speaker(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Words, “phrases”, OR, -excluded").fill("Haniyeh")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url("**/search?q=Haniyeh**")
    assert page.locator(".results mark").first.inner_text() == "Haniyeh"
    shot(page, "search")
    page.locator(".results h2 a").first.click()
    page.wait_for_url("**/articles/**")
    # A quote with no name inside it: a click on a name inside opens that name's details instead.
    quote = page.locator(".article-text .q[title*='speaker: ']:not([title*='speaker: unknown']):not(:has(.ent))").first
    assert quote.is_visible()
    speaker = quote.get_attribute("title").split("speaker: ")[1].split(" · ")[0]
    quote.click()
    details = page.locator("#details-body")
    assert speaker in details.inner_text() and "Cue" in details.inner_text()
    assert page.locator(".article-text .q.selected").first.is_visible()
    assert page.locator(".article-text .spk").first.is_visible()
    shot(page, "article")


def test_person_page_shows_statements_on_the_timeline(page, base_url):
    page.goto(f"{base_url}/people/{HANIYEH}")
    assert page.locator("h1").inner_text() == "Ismail Haniyeh"
    items = page.locator("#person-timeline li")
    assert items.count() >= 10
    first = items.first
    assert first.locator("blockquote").inner_text().strip()
    first.locator("a").click()  # the statement opens highlighted in its article
    page.wait_for_url("**/articles/**#q*")
    assert "Ismail Haniyeh" in page.locator("#details-body").inner_text()
    page.goto(f"{base_url}/people/{HANIYEH}")
    shot(page, "person")


def test_figures_chart_draws_linked_points(page, base_url):
    page.goto(base_url + "/figures")
    points = page.locator("#figures-chart svg a.point circle")
    points.first.wait_for()
    assert points.count() >= 5
    href = page.locator("#figures-chart svg a.point").first.get_attribute("href")
    assert href.startswith("/articles/") and "#f" in href
    assert page.locator("#figures-legend li").count() >= 2
    shot(page, "figures")


def round_number(text: str) -> bool:
    """1, 2, 2.5 or 5 times a power of ten (or 0), as "20,000" or "2,500" reads."""
    value = float(text.replace(",", ""))
    if value == 0:
        return True
    mantissa = value / 10 ** len(str(int(value))[1:])
    return any(abs(mantissa - m) < 1e-9 for m in (1, 2, 2.5, 5))


def test_figures_axes_have_round_ticks(page, base_url):
    page.goto(base_url + "/figures")
    page.locator("#figures-chart svg a.point").first.wait_for()
    values = page.locator("#figures-chart text.tick.y").all_text_contents()
    dates = page.locator("#figures-chart text.tick.x").all_text_contents()
    assert len(values) >= 3 and all(round_number(v) for v in values), values
    assert 2 <= len(dates) <= 7 and all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d) for d in dates), dates
    assert all(len(d) == len(dates[0]) for d in dates)  # one unit: years, months or days


def test_figures_chart_keeps_far_dates_and_other_counts_from_squashing_it(page, base_url):
    """Over claims that include one dated 18 years before the rest ("in the wake of the September 11,
    2001 attacks") and one misread by orders of magnitude."""
    def claim(date, value, subject, category="killed", source="Health Ministry"):
        return {"date": date, "value": value, "approx": "exact", "category": category, "source": source,
                "place": None, "claims": 1, "subject": subject, "article_id": "x", "anchor": "f1-2", "text": "t",
                "href": "/articles/x#f1-2"}
    toll = [claim(f"2019-0{m}-10", 100 * m, "civilians") for m in range(1, 8)] + [
        claim("2001-09-11", 2977, "civilians"), claim("2019-04-20", 20_000_000, "civilians")]  # a misread number
    data = {"categories": [], "disagreements": [], "series": [
        {"source": "Health Ministry", "category": "killed", "label": "Health Ministry", "points": toll},
        {"source": "Army", "category": "killed", "label": "Army",
         "points": [claim("2019-03-01", 4, "soldiers", source="Army"), claim("2019-05-01", 2500, "fighters", source="Army")]}]}
    page.route("**/api/figures*", lambda route: route.fulfill(json=data))
    try:
        page.goto(base_url + "/figures")
        page.locator("#figures-chart svg a.point").first.wait_for()
        dates = page.locator("#figures-chart text.tick.x").all_text_contents()
        assert dates and all(d.startswith("2019") for d in dates), dates
        assert page.locator("#figures-chart svg a.point").count() == len(toll) - 2 + 2
        note = page.locator("#figures-chart .chart-note").text_content()
        assert "2001-09-11" in note and "20,000,000" in note
        ticks = page.locator("#figures-chart text.tick.y").all_text_contents()
        assert float(ticks[-1].replace(",", "")) <= 10_000, ticks
        xs = page.evaluate("[...document.querySelectorAll('#figures-chart a.point circle')].map(c => +c.getAttribute('cx'))")
        assert max(xs) - min(xs) > 600  # the 2019 points spread over the chart's width
        # the Army's soldiers and fighters are different people: points, no line between them
        assert page.locator("#figures-chart polyline.series-line").count() == 1
    finally:
        page.unroute("**/api/figures*")


def test_figures_lines_break_between_distant_tolls(page, base_url):
    def claim(date, value):
        return {"date": date, "value": value, "approx": "exact", "category": "killed", "source": "Ministry",
                "place": "Gaza", "claims": 1, "subject": "Palestinians", "article_id": "x", "anchor": "f1-2",
                "text": "t", "href": "/articles/x#f1-2"}
    points = [claim("2021-05-12", 120), claim("2021-05-20", 240), claim("2023-10-20", 4000), claim("2023-11-30", 15000)]
    data = {"categories": [], "disagreements": [],
            "series": [{"source": "Ministry", "category": "killed", "label": "Ministry", "points": points}]}
    page.route("**/api/figures*", lambda route: route.fulfill(json=data))
    try:
        page.goto(base_url + "/figures")
        page.locator("#figures-chart svg a.point").first.wait_for()
        lines = page.locator("#figures-chart polyline.series-line")
        assert lines.count() == 2  # May 2021 and autumn 2023: two wars, two lines
        assert [len(lines.nth(i).get_attribute("points").split()) for i in range(2)] == [2, 2]
    finally:
        page.unroute("**/api/figures*")


def test_figures_disagreements_compare_the_same_people(page, base_url):
    page.goto(base_url + "/figures")
    assert page.locator("table.disagreements th", has_text="Counted").count() == 1
    rows = page.locator("table.disagreements tbody tr")
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        if len(cells) > 1:
            assert cells[1] != "other", cells
    groups = page.evaluate("""[...document.querySelectorAll('table.disagreements tbody tr')]
        .map(r => [...r.cells].slice(0, 4).map(c => c.textContent.trim().toLowerCase().replace(/s$/, '')).join('|'))""")
    assert all(groups.count(g) >= 2 for g in groups if "no disagreement" not in g), groups


def test_network_graph_draws_clickable_people(page, base_url):
    page.goto(base_url + "/network")
    nodes = page.locator("#network-chart svg a.node")
    nodes.first.wait_for()
    assert nodes.count() >= 10
    shot(page, "network")
    nodes.first.locator("circle").click()
    page.wait_for_url(f"**/people/{HANIYEH}")


LABEL_BOXES = """() => [...document.querySelectorAll('#network-chart .node-label')]
    .filter(t => getComputedStyle(t).display !== 'none')
    .map(t => { const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.top, b.right, b.bottom]; })"""


def test_network_labels_do_not_collide(page, base_url):
    for path in ("/network", "/network?others=true&max_nodes=120"):  # the second: a dense graph
        page.goto(base_url + path)
        page.locator("#network-chart svg a.node").first.wait_for()
        boxes = page.evaluate(LABEL_BOXES)
        assert len(boxes) >= 10, path
        clashes = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5]
        assert clashes == [], (path, clashes)
        assert "Ismail Haniyeh" in [b[0] for b in boxes]  # the best connected keep their label
    hidden = page.locator("#network-chart .node-label.crowded")
    if hidden.count():  # a crowded label shows when its node is focused
        hidden.first.locator("xpath=..").focus()
        assert hidden.first.evaluate("t => getComputedStyle(t).display") != "none"


def test_network_shows_people_and_others_behind_a_toggle(page, base_url):
    page.goto(base_url + "/network")
    page.locator("#network-chart svg a.node").first.wait_for()
    assert page.locator("#network-chart a.node:not(.person)").count() == 0
    people = page.locator("#network-chart a.node").count()
    page.get_by_label("Also organisations, places and others").check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/network?others=true")
    page.locator("#network-chart svg a.node").first.wait_for()
    others = page.locator("#network-chart a.node:not(.person)")
    assert others.count() >= 3 and others.first.locator("rect").count() == 1
    assert page.locator("#network-chart a.node").count() > people


def test_timeline_and_outlets_pages(page, base_url):
    page.goto(base_url + "/timeline")
    assert page.locator("ol.timeline li").count() > 20
    shot(page, "timeline")
    page.goto(base_url + "/outlets")
    assert page.locator("h3", has_text="Workers Revolutionary Party").is_visible()
    shot(page, "outlets")


def test_outlets_open_with_one_table_of_outlets_by_terms(page, base_url):
    page.goto(base_url + "/outlets")
    overview = page.locator("table.overview")
    first_table = page.locator("main table").first
    assert overview.count() == 1 and first_table.get_attribute("class") == "overview"
    rows = overview.locator("tbody tr")
    assert rows.count() == page.locator("main section h3").count() >= 5  # one row per outlet below
    header = overview.locator("thead th").all_inner_texts()
    assert header[:2] == ["Outlet", "Words"] and any("Zionist" in h for h in header)
    wrp = rows.filter(has_text="Workers Revolutionary Party")
    assert float(wrp.locator("td .loaded").nth(1).inner_text()) > 0  # "Zionist regime", per 1,000 words
    assert overview.bounding_box()["y"] < page.locator("main section h3").first.bounding_box()["y"]
    wrp.locator("a").click()  # the outlet's name leads to its details
    assert page.evaluate("location.hash").startswith("#outlet-")


def test_outlets_that_use_no_term_are_named_in_one_line_not_rows_of_zeros(page, base_url):
    page.goto(base_url + "/outlets")
    rows = page.locator("table.overview tbody tr")
    for i in range(rows.count()):
        values = rows.nth(i).locator("td .loaded, td .neutral").all_inner_texts()
        assert any(float(v) > 0 for v in values), rows.nth(i).inner_text()
    named = page.locator("p.no-terms")
    assert "The Hostile Gazette" in named.inner_text()  # a page about a border crossing: no loaded term
    assert page.locator("main section h3", has_text="The Hostile Gazette").count() == 0
    assert not rows.filter(has_text="The Hostile Gazette").count()
    shot(page, "outlets-overview")


def test_month_facet_reads_in_date_order(page, base_url):
    page.goto(base_url + "/search?q=Hamas")
    months = page.locator(".facets section", has=page.locator("h2", has_text="Month")).locator("li a")
    values = [re.search(r"\d{4}-\d{2}", t)[0] for t in months.all_inner_texts()]
    assert len(values) >= 3 and values == sorted(values, reverse=True)


@pytest.mark.parametrize("width", [1280, 700, 380])
def test_timeline_filters_wrap_inside_the_window(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto(base_url + "/timeline")
        # a mixed archive has people whose names run long (a select is as wide as its widest option)
        page.evaluate("""() => document.querySelector('#person').add(new Option(
            'Spokesperson of the Ministry of Foreign Affairs of a Country With a Very Long Name', 'x'))""")
        overflow = page.evaluate("""() => [...document.querySelectorAll('form.filters, form.filters *')]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(el => el.tagName + (el.id ? '#' + el.id : ''))""")
        assert overflow == []
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_an_unknown_article_is_a_page_with_the_navigation(page, base_url):
    # Chromium reports a 404 on the console a moment after the page loads: wait for each report here,
    # or it lands in a later test's list of console errors.
    with page.expect_console_message(lambda m: m.type == "error"):
        response = page.goto(base_url + "/articles/0000no-such-id")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    assert page.get_by_role("navigation").get_by_role("link", name="People").is_visible()
    page.get_by_role("navigation").get_by_role("link", name="People").click()
    page.wait_for_url("**/people")
    with page.expect_console_message(lambda m: m.type == "error"):
        response = page.goto(base_url + "/api/articles/0000no-such-id")
    assert response.status == 404 and response.json() == {"detail": "No such article"}
    index = page.goto(base_url + "/api/").json()
    assert index["openapi"] == "/openapi.json" and len(index["endpoints"]) >= 8
    page.console_errors.clear()  # the two 404s asked for above


def test_arabic_article_renders_right_to_left(page, base_url, real_archive):
    page.goto(f"{base_url}/articles/{real_archive.ids['arabic']}")
    body = page.locator(".article-text")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert body.get_attribute("lang") == "ar"
    assert page.locator("h1").evaluate("el => getComputedStyle(el).direction") == "rtl"
    shot(page, "article-arabic")


def test_hostile_clipping_runs_nothing(page, base_url, real_archive):
    hostile = f"/articles/{real_archive.ids['hostile']}"
    for path in [hostile, "/search?q=pwned", "/search?q=crossing", "/timeline", "/people", "/figures"]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        for mark in page.locator(".article-text [data-ann]").all()[:20]:
            mark.click()
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    assert page.dialogs == []
    page.goto(base_url + hostile)
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned=1</script>" in text and 'onerror="window.__pwned=1"' in text
    assert page.locator(".article-text script, .article-text img, .article-text a").count() == 0
    shot(page, "article-hostile")


def test_keyboard_reaches_the_search_box_first(page, base_url):
    page.goto(base_url + "/people")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "header-q"  # the search box, before the menu
    page.goto(base_url + "/search?q=Haniyeh")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to content, then the page's own search field
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"


def test_keyboard_reaches_quotes_and_focus_is_visible(page, base_url):
    page.goto(base_url + "/search?q=Haniyeh")
    page.locator(".results h2 a").first.click()
    page.wait_for_url("**/articles/**")
    page.locator(".article-text .q").first.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert "Speaker" in page.locator("#details-body").inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_landmarks_one_h1_and_labelled_controls(page, base_url, path):
    page.goto(base_url + path)
    for role in ["banner", "navigation", "main", "contentinfo", "search"]:
        assert page.get_by_role(role).count() >= 1, (path, role)
    assert page.locator("h1").count() == 1, path
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4')].map(h => +h.tagName[1])")
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)  # no skipped level
    unlabelled = page.evaluate("""[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.outerHTML)""")
    assert unlabelled == [], path
    nameless = page.evaluate("""[...document.querySelectorAll('a[href], button')]
        .filter(el => !((el.textContent || '').trim() || el.getAttribute('aria-label'))).map(el => el.outerHTML)""")
    assert nameless == [], path
    assert page.console_errors == [], path


def test_the_screenshots_command_writes_only_where_it_is_told(real_archive, tmp_path):
    """The README's pictures change only by `bash scripts/screenshots`: with --out it writes there and
    leaves docs/screenshots as committed; every page of the README's table gets its picture."""
    import hashlib
    import subprocess
    import sys

    if not Path(CHROMIUM).exists() and os.environ.get("CLIPTRACE_REQUIRE_BROWSER") != "1":
        pytest.skip(f"{CHROMIUM} is missing")
    root = Path(__file__).resolve().parents[2]
    committed = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "docs" / "screenshots").glob("*.png")}
    subprocess.run([sys.executable, str(root / "scripts" / "screenshots.py"), "--db", real_archive.db,
                    "--out", str(tmp_path)], check=True, capture_output=True, timeout=300)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (root / "docs" / "screenshots").glob("*.png")} == committed
    readme = (root / "README.md").read_text(encoding="utf-8")
    pictures = set(re.findall(r"docs/screenshots/([\w-]+\.png)", readme))
    assert pictures and pictures <= {p.name for p in tmp_path.glob("*.png")}
