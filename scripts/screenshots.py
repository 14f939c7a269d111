"""Screenshots of the reading room for the README, taken in Chromium (Playwright) at 1280x900.

`python scripts/screenshots.py [--db ARCHIVE] [--out docs/screenshots] [FOLDER ...]`: without --db,
ingests examples/clippings and any FOLDERs given (e.g. a folder of saved news pages, for a mixed
archive) into a temporary archive; serves it on a free port; saves one PNG per page into --out.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from cliptrace.archive.schema import articles
from cliptrace.archive.store import Archive
from cliptrace.pipeline import ingest_paths
from cliptrace.questions.people import list_people
from cliptrace.settings import Settings
from cliptrace.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def build_archive(db: str, folders: list[str]) -> None:
    archive = Archive.open(db)
    try:
        ingest_paths([str(ROOT / "examples" / "clippings"), *folders], archive, Settings(db=db))
    finally:
        archive.close()


def pages(db: str) -> tuple[dict[str, str], set[str]]:
    """Screenshot name -> path on the site, chosen from what the archive holds; and the names of
    the people in it (the article's picture selects a quote one of them said)."""
    archive = Archive.open(db)
    with archive.engine.connect() as conn:
        top = list_people(conn, limit=1)
        people = {p.name for p in list_people(conn, limit=500)}
        arabic = conn.execute(select(articles.c.id).where(articles.c.language == "ar").limit(1)).scalar()
    words = top[0].name.split()[-1] if top else "said"  # the best-known person's surname
    hits = archive.search(words, limit=1)
    archive.close()
    found = {"search": f"/search?q={words}", "article": f"/articles/{hits[0].id}" if hits else "/",
             "person": f"/people/{top[0].id}" if top else "/people",
             "figures": "/figures", "timeline": "/timeline", "network": "/network", "outlets": "/outlets"}
    if arabic:
        found["article-arabic"] = f"/articles/{arabic}"
    return found, people


def serve(db: str) -> tuple[uvicorn.Server, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def select_a_quote(page, people: set[str]) -> None:
    """Select the first quote a person said, then show the article from its top. The click is sent
    to the quote itself: a click on its middle could land on a name inside and open that instead."""
    quotes = page.locator(".article-text .q")
    for i in range(quotes.count()):
        speaker = (quotes.nth(i).get_attribute("title") or "").partition("speaker: ")[2].split(" · ")[0]
        if speaker in people:
            quotes.nth(i).dispatch_event("click")
            page.evaluate("window.scrollTo(0, 0)")
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", help="More clippings to ingest beside examples/clippings.")
    parser.add_argument("--db", help="Use this archive as it is instead of building one.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or str(Path(scratch) / "screenshots.sqlite")
        if not args.db:
            build_archive(db, args.folders)
        server, base = serve(db)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM) if CHROMIUM.exists() else None)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            shown, people = pages(db)
            for name, path in shown.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if name == "article":  # show a quote selected, with its details
                    select_a_quote(page, people)
                page.screenshot(path=str(args.out / f"{name}.png"))
                print(f"{args.out / name}.png  <- {path}")
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
