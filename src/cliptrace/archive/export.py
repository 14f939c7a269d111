"""Exports: the JSONL contract (CONTRACT.md) and flat article tables (CSV, Parquet)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from cliptrace.archive.rows import word_count
from cliptrace.archive.store import Archive
from cliptrace.model import Article

LIST_SEPARATOR = "; "  # authors and tags in one cell of a flat table
TABLE_COLUMNS = ["id", "source_path", "source_sha256", "position", "title", "published", "outlet",
                 "authors", "language", "url", "duplicate_of", "words", "text", "locator", "tags"]
_PARQUET_BATCH = 1000


def article_to_contract(article: Article) -> dict[str, Any]:
    """The contract dict for one article: every key present, lists possibly empty, unknowns null."""
    draft, ann = article.draft, article.annotations
    return {
        "id": article.id,
        "source": {"path": article.source_path, "sha256": article.source_sha256,
                   "position": article.position, "locator": draft.locator},
        "title": draft.title,
        "published": draft.published,
        "outlet": draft.outlet,
        "authors": list(draft.authors),
        "language": draft.language,
        "url": draft.url,
        "text": draft.text,
        "duplicate_of": article.duplicate_of,
        "tags": list(draft.tags),
        "section": draft.section,
        "dateline": draft.dateline,
        "stated_words": draft.stated_words,
        "edited": draft.edited,
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "mentions": [[s, t] for s, t in e.mentions]}
            for e in ann.entities
        ],
        "quotes": [
            {"start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker,
             "speaker_id": q.speaker_id,
             "speaker_mention": list(q.speaker_mention) if q.speaker_mention else None,
             "cue": q.cue, "said_on": q.said_on,
             "speaker_basis": q.speaker_basis, "confidence": q.confidence}
            for q in ann.quotes
        ],
        "figures": [
            {"start": f.start, "end": f.end, "value": f.value, "approx": f.approx,
             "category": f.category, "subject": f.subject, "place": f.place, "source": f.source,
             "as_of": f.as_of, "part_of": f.part_of}
            for f in ann.figures
        ],
        "events": [
            {"start": e.start, "end": e.end, "type": e.type, "participants": list(e.participants),
             "place": e.place, "date": e.date}
            for e in ann.events
        ],
    }


def write_jsonl(archive: Archive, out: TextIO) -> int:
    """One contract object per line, in ingest order; returns the number of articles written."""
    n = 0
    for article in archive.iter_articles():
        out.write(json.dumps(article_to_contract(article), ensure_ascii=False) + "\n")
        n += 1
    return n


def _table_rows(archive: Archive) -> Iterator[dict[str, Any]]:
    for a in archive.iter_articles(with_annotations=False):
        d = a.draft
        yield {
            "id": a.id, "source_path": a.source_path, "source_sha256": a.source_sha256,
            "position": a.position, "title": d.title, "published": d.published, "outlet": d.outlet,
            "authors": LIST_SEPARATOR.join(d.authors), "language": d.language, "url": d.url,
            "duplicate_of": a.duplicate_of, "words": word_count(d.text), "text": d.text,
            "locator": d.locator, "tags": LIST_SEPARATOR.join(d.tags),
        }


def write_csv(archive: Archive, path: str | Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=TABLE_COLUMNS)
        writer.writeheader()
        for row in _table_rows(archive):
            writer.writerow(row)
            n += 1
    return n


_PARQUET_SCHEMA = pa.schema([
    (name, pa.int64() if name in ("position", "words") else pa.string()) for name in TABLE_COLUMNS
])


def write_parquet(archive: Archive, path: str | Path) -> int:
    n = 0
    with pq.ParquetWriter(str(path), _PARQUET_SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for row in _table_rows(archive):
            batch.append(row)
            if len(batch) == _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=_PARQUET_SCHEMA))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=_PARQUET_SCHEMA))
            n += len(batch)
    return n
