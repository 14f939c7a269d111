"""Kept answers are dropped as soon as the archive changes."""

from __future__ import annotations

from fastapi.testclient import TestClient
from seed_archive import build_seed_archive

from cliptrace.archive.store import Archive
from cliptrace.model import Annotations, Article, ArticleDraft, Entity, Source, article_id, entity_id
from cliptrace.web.app import create_app
from testpaths import LOCAL_URL as LOCAL


def test_answers_follow_new_ingests(tmp_path):
    seed = build_seed_archive(str(tmp_path / "a.sqlite"))
    client = TestClient(create_app(seed.db), base_url=LOCAL)
    before = client.get("/api/people").json()
    assert client.get("/api/people").json() == before  # kept
    text = "Yahya Sinwar met Ismail Haniyeh in Gaza on Monday."
    source = Source(path="new.txt", data=text.encode(), format="text")
    entity = Entity("p0", "Yahya Sinwar", "person", [(0, 12)])
    archive = Archive.open(seed.db)
    archive.add_source(source, [Article(article_id(source.sha256, 0), source.path, source.sha256, 0,
                                        ArticleDraft(text=text, published="2024-02-05"),
                                        Annotations(entities=[entity]))])
    archive.close()
    after = client.get("/api/people").json()
    assert entity_id("Yahya Sinwar", "person") in {p["id"] for p in after}
    assert client.get("/api/search", params={"q": "Sinwar"}).json()["total"] == 1
