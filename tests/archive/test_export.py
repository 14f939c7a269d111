"""Exports: the JSONL contract (keys exactly as CONTRACT.md), CSV and Parquet readable back."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from cliptrace.archive.export import TABLE_COLUMNS, article_to_contract, write_csv, write_jsonl, write_parquet
from cliptrace.model import Annotations, Entity, Event, Figure, Quote

# Written out from /work/shared/CONTRACT.md on purpose: a change there must break this test.
ARTICLE_KEYS = {"id", "source", "title", "published", "outlet", "authors", "language", "url", "text",
                "duplicate_of", "entities", "quotes", "figures", "events",
                "tags", "section", "dateline", "stated_words", "edited"}
SOURCE_KEYS = {"path", "sha256", "position", "locator"}
ENTITY_KEYS = {"id", "name", "type", "mentions"}
QUOTE_KEYS = {"start", "end", "kind", "speaker", "speaker_id", "speaker_mention", "cue", "said_on",
              "speaker_basis", "confidence"}  # added by issue 9 (docs/CONTRACT.md)
FIGURE_KEYS = {"start", "end", "value", "approx", "category", "subject", "place", "source", "as_of", "part_of"}
EVENT_KEYS = {"start", "end", "type", "participants", "place", "date"}


@pytest.fixture
def filled(archive, seed, make_articles, paragraphs):
    nakhaleh, hindi = seed("004"), seed("000")
    body = "\n".join(nakhaleh.data.decode().splitlines()[4:])
    [article] = make_articles(nakhaleh, [body], title="Islamic Jihad: U.S. Seeking to Withdraw Zionist Troops",
                              published="2024-04-14", outlet="Kayhan", authors=["Staff", "Dispatches"])
    name_at = body.index("Ziyad al-Nakhaleh")
    quote_at = body.index("We have entered")
    figure_at = body.index("at least 33,500")
    article.annotations = Annotations(
        entities=[Entity("person:ziyad-al-nakhaleh", "Ziyad al-Nakhaleh", "person",
                         [(name_at, name_at + 17)])],
        quotes=[Quote(quote_at, quote_at + 40, "direct", "Ziyad al-Nakhaleh", "person:ziyad-al-nakhaleh",
                      (name_at, name_at + 17), "said", None),
                Quote(quote_at + 50, quote_at + 60, "indirect")],
        figures=[Figure(figure_at, figure_at + 15, 33500, "at_least", "killed", "Palestinians")],
        events=[Event(0, 10, "statement", ["Ziyad al-Nakhaleh"])],
    )
    archive.add_source(nakhaleh, [article])
    archive.add_source(hindi, make_articles(hindi, paragraphs(hindi)[:3], language="en",
                                            outlet="Al Mayadeen English", title="مقابلة «خاصة»"))
    return archive


def test_contract_keys_exact(filled):
    exported = [json.loads(line) for line in _jsonl(filled).splitlines()]
    assert len(exported) == 4
    for obj in exported:
        assert set(obj) == ARTICLE_KEYS
        assert set(obj["source"]) == SOURCE_KEYS
        for key, keys in (("entities", ENTITY_KEYS), ("quotes", QUOTE_KEYS),
                          ("figures", FIGURE_KEYS), ("events", EVENT_KEYS)):
            assert isinstance(obj[key], list)
            assert all(set(item) == keys for item in obj[key])
    first = exported[[o["outlet"] for o in exported].index("Kayhan")]
    text = first["text"]
    assert first["authors"] == ["Staff", "Dispatches"]
    quote, unknown = first["quotes"]
    assert text[slice(*quote["speaker_mention"])] == "Ziyad al-Nakhaleh"
    assert unknown["speaker_mention"] is None and unknown["speaker"] is None
    assert text[first["figures"][0]["start"]:first["figures"][0]["end"]] == "at least 33,500"
    assert first["entities"][0]["mentions"] == [list(quote["speaker_mention"])]
    assert first["events"][0]["participants"] == ["Ziyad al-Nakhaleh"]


def test_jsonl_is_ingest_ordered_utf8(filled):
    out = _jsonl(filled)
    assert "مقابلة «خاصة»" in out  # ensure_ascii=False
    keys = [(o["source"]["path"], o["source"]["position"]) for o in map(json.loads, out.splitlines())]
    assert keys == sorted(keys)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [a.id for a in filled.iter_articles()]


def test_article_to_contract_matches_stored(filled):
    for article in filled.iter_articles():
        assert article_to_contract(filled.get_article(article.id)) == article_to_contract(article)


def test_csv_and_parquet_read_back(filled, tmp_path):
    csv_path, parquet_path = tmp_path / "articles.csv", tmp_path / "articles.parquet"
    assert write_csv(filled, csv_path) == 4
    assert write_parquet(filled, parquet_path) == 4
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    table = pq.read_table(parquet_path).to_pylist()
    assert list(rows[0]) == TABLE_COLUMNS == pq.read_schema(parquet_path).names
    articles = list(filled.iter_articles())
    assert [r["id"] for r in rows] == [r["id"] for r in table] == [a.id for a in articles]
    for row, record, article in zip(rows, table, articles):
        assert row["text"] == record["text"] == article.text  # newlines and quotes survive CSV
        assert record["position"] == article.position and isinstance(record["words"], int)
        assert row["authors"] == record["authors"] == "; ".join(article.draft.authors)


def test_empty_archive_exports(archive, tmp_path):
    assert _jsonl(archive) == ""
    assert write_parquet(archive, tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


def _jsonl(archive) -> str:
    buf = io.StringIO()
    write_jsonl(archive, buf)
    return buf.getvalue()
