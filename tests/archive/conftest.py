"""Archive fixtures: every test that takes `archive` runs on a real SQLite file and a real PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from cliptrace.archive.store import Archive
from cliptrace.model import Article, ArticleDraft, Source, article_id


@pytest.fixture
def archive(db):
    with Archive.open(db) as opened:
        yield opened


@pytest.fixture(scope="session")
def seed(seeds_dir: Path):
    """seed("000") -> the Source of seed clipping 000."""
    def load(prefix: str) -> Source:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        return Source(path=str(path), data=path.read_bytes(), format="text")
    return load


def _make_articles(source: Source, bodies: list[str], **meta) -> list[Article]:
    """Articles of `source` with the given bodies (positions 0..n-1) and shared metadata."""
    return [
        Article(id=article_id(source.sha256, i), source_path=source.path, source_sha256=source.sha256,
                position=i, draft=ArticleDraft(text=body, **meta))
        for i, body in enumerate(bodies)
    ]


def _paragraphs(source: Source) -> list[str]:
    """The seed's non-trivial paragraphs: real article text to build test articles from."""
    text_ = source.data.decode("utf-8")
    return [p.strip() for p in text_.split("\n\n") if len(p.split()) >= 12]


@pytest.fixture(scope="session")
def make_articles():
    return _make_articles


@pytest.fixture(scope="session")
def paragraphs():
    return _paragraphs
