"""End to end in a real Chromium (Debian's, driven by Playwright), against uvicorn on a free port.

Each page's screenshot goes to docs/screenshots/<page>.png.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from seed_archive import HANIYEH, HOSTILE

from cliptrace.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def base_url(seed_archive):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(seed_archive.db), host="127.0.0.1", port=port,
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
def page(base_url):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        yield page
        browser.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_search_then_article_shows_a_highlighted_quote_with_its_speaker(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Words, “phrases”, OR, -excluded").fill("Haniyeh")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url("**/search?q=Haniyeh**")
    assert page.locator(".results mark").first.inner_text() == "Haniyeh"
    shot(page, "search")
    page.locator(".results h2 a").first.click()
    page.wait_for_url("**/articles/**")
    quote = page.locator(".article-text .q").first
    assert quote.is_visible()
    assert "Ismail Haniyeh" in quote.get_attribute("title")
    quote.click()
    details = page.locator("#details-body")
    assert "Ismail Haniyeh" in details.inner_text() and "Cue" in details.inner_text()
    assert page.locator(".article-text .spk").first.is_visible()
    shot(page, "article")


def test_person_page_shows_statements_on_the_timeline(page, base_url):
    page.goto(f"{base_url}/people/{HANIYEH}")
    assert page.locator("h1").inner_text() == "Ismail Haniyeh"
    items = page.locator("#person-timeline li")
    assert items.count() == 4
    assert "2023-05-14" in items.first.inner_text()
    shot(page, "person")


def test_figures_chart_draws_linked_points(page, base_url):
    page.goto(base_url + "/figures?category=killed")
    points = page.locator("#figures-chart svg a.point circle")
    points.first.wait_for()
    assert points.count() == 4
    href = page.locator("#figures-chart svg a.point").first.get_attribute("href")
    assert href.startswith("/articles/") and "#f" in href
    assert page.locator("#figures-legend li").count() == 3
    shot(page, "figures")


def test_network_graph_draws_clickable_people(page, base_url):
    page.goto(base_url + "/network")
    nodes = page.locator("#network-chart svg a.node")
    nodes.first.wait_for()
    assert nodes.count() == 3
    shot(page, "network")
    page.locator("#network-chart svg a.node").first.click()
    page.wait_for_url("**/people/**")


def test_timeline_and_outlets_pages(page, base_url):
    page.goto(base_url + "/timeline")
    assert page.locator("ol.timeline li").count() > 5
    shot(page, "timeline")
    page.goto(base_url + "/outlets")
    assert page.locator("h2", has_text="Workers Revolutionary Party").is_visible()
    shot(page, "outlets")


def test_arabic_article_renders_right_to_left(page, base_url, seed_archive):
    page.goto(f"{base_url}/articles/{seed_archive.ids['arabic']}")
    body = page.locator(".article-text")
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert body.get_attribute("lang") == "ar"
    shot(page, "article-arabic")


def test_hostile_clipping_runs_nothing(page, base_url, seed_archive):
    for path in [f"/articles/{seed_archive.ids['hostile']}", "/search?q=spokesman", "/people/" + HOSTILE,
                 "/timeline"]:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.locator(".article-text .q").first.click() if "articles" in path else None
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    assert page.dialogs == []
    assert "&lt;" not in page.locator("body").inner_text()  # shown as text once, not double-escaped
    page.goto(f"{base_url}/articles/{seed_archive.ids['hostile']}")
    assert "<script>window.__pwned = 1</script>" in page.locator(".article-text").inner_text()
    shot(page, "article-hostile")


def test_keyboard_reaches_quotes_and_focus_is_visible(page, base_url, seed_archive):
    page.goto(f"{base_url}/articles/{seed_archive.ids['wrp']}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.locator(".article-text .q").first.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert "Ismail Haniyeh" in page.locator("#details-body").inner_text()
    assert page.console_errors == []
