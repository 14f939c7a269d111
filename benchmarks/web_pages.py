"""Server-side timings of every reading-room page over a 10,000-article archive.

    python benchmarks/web_pages.py [--articles 10000] [--db PATH] [--runs 9]

Builds the archive through the Archive API from the seed passages of tests/web/seed_archive.py
(copies with varied ids, dates, outlets and figure values), then requests each page with
FastAPI's TestClient: a first request (cold: it computes the answer and keeps it until the archive
changes, see cliptrace/web/cache.py), then `runs` timed ones (warm). Prints the first, median and
p95 times per page; exits 1 when a page's warm p95 is over the budget.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))
import seed_archive  # noqa: E402

from fastapi.testclient import TestClient  # noqa: E402

from cliptrace.archive.store import Archive  # noqa: E402
from cliptrace.model import Article, Source, article_id  # noqa: E402
from cliptrace.questions.framing import count_framing, load_lexicon  # noqa: E402
from cliptrace.web.app import create_app  # noqa: E402

BUDGET_MS = 200
OUTLETS = ["Al Mayadeen English", "Workers Revolutionary Party", "Kayhan International", "Al-Akhbar",
           "Press TV", "Tasnim", "Middle East Eye", "Al Jazeera"]
PER_SOURCE = 50


def build(db: str, n_articles: int) -> None:
    seeds = [seed_archive.al_mayadeen_article(), seed_archive.wrp_article(), seed_archive.kayhan_article(),
             seed_archive.arabic_article(), seed_archive.hostile_article()]
    archive = Archive.open(db)
    start = date(2023, 1, 1)
    for s in range(0, n_articles, PER_SOURCE):
        data = f"benchmark source {s}".encode()
        source = Source(path=f"bench/{s:05d}.txt", data=data, format="text")
        articles = []
        for i in range(s, min(s + PER_SOURCE, n_articles)):
            draft, ann = copy.deepcopy(seeds[i % len(seeds)])
            day = (start + timedelta(days=i % 700)).isoformat()
            draft.published, draft.outlet = day, OUTLETS[i % len(OUTLETS)]
            for f in ann.figures:
                f.as_of, f.value = day, f.value + i % 97
            for q in ann.quotes:
                q.said_on = day
            for e in ann.events:
                e.date = day
            articles.append(Article(article_id(source.sha256, i - s), source.path, source.sha256, i - s, draft, ann))
        archive.add_source(source, articles, near_duplicates=False)
    count_framing(archive.engine, load_lexicon())  # as `ingest_paths` does after an ingest
    archive.close()


def pages(client: TestClient) -> list[str]:
    some = client.get("/api/search", params={"q": "Haniyeh", "limit": 1}).json()["hits"][0]["id"]
    hero = seed_archive.HANIYEH
    return [
        "/", "/search?q=Haniyeh", "/search?q=Haniyeh&outlet=Press+TV&since=2023-06-01",
        "/search?q=%22Zionist+regime%22+OR+resistance", f"/articles/{some}",
        "/people", f"/people/{hero}", "/figures", "/figures?category=killed", "/timeline",
        f"/timeline?person={hero}&type=quote", "/network", "/outlets",
        "/api/search?q=Haniyeh", f"/api/articles/{some}", "/api/people", f"/api/people/{hero}",
        "/api/figures", "/api/timeline", "/api/network", "/api/outlets",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", help="reuse or create this archive (default: a temporary file)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="cliptrace-bench-")) / "bench.sqlite")
    if not Archive.open(db).stats()["articles"]:
        t0 = time.perf_counter()
        build(db, args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s -> {db}")
    client = TestClient(create_app(db))
    print(f"{'page':60} {'first ms':>9} {'median ms':>10} {'p95 ms':>8}")
    worst = 0.0
    for path in pages(client):
        t0 = time.perf_counter()
        assert client.get(path).status_code == 200, path
        first = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        worst = max(worst, p95)
        print(f"{path[:60]:60} {first:9.1f} {statistics.median(times):10.1f} {p95:8.1f}")
    print(f"slowest p95: {worst:.1f} ms (budget {BUDGET_MS} ms)")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
