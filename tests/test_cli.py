"""The commands as a user meets them: real seed files, a real SQLite file, the real model."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cliptrace.cli import app

runner = CliRunner()
CONTRACT_KEYS = {"id", "source", "title", "published", "outlet", "authors", "language", "url", "text",
                 "duplicate_of", "entities", "quotes", "figures", "events"}


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seeds_dir) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "seeds.sqlite")
    result = invoke("ingest", str(seeds_dir), "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_ingest_summary_counts_every_seed(seed_db, seeds_dir):
    result = invoke("stats", "--db", seed_db)
    stats = json.loads(result.stdout)
    assert stats["sources_ok"] == len(list(seeds_dir.iterdir()))
    assert stats["sources_failed"] == 0
    assert stats["articles"] == 26


def test_reingest_changes_nothing_and_says_so(seed_db, seeds_dir):
    before = invoke("export", "--db", seed_db).stdout
    result = invoke("ingest", str(seeds_dir), "--db", seed_db)
    assert result.exit_code == 0
    assert "0 sources added" in result.output and "unchanged" in result.output
    assert invoke("export", "--db", seed_db).stdout == before


def test_export_follows_the_contract(seed_db):
    lines = invoke("export", "--db", seed_db).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 26
    for record in records:
        assert set(record) >= CONTRACT_KEYS
        for quote in record["quotes"]:
            assert 0 <= quote["start"] < quote["end"] <= len(record["text"])
    assert [r["source"]["path"] for r in records] == sorted(r["source"]["path"] for r in records)
    arabic = [r for r in records if r["language"] == "ar"]
    assert len(arabic) == 1 and arabic[0]["published"] == "2021-06-01"


def test_articles_show_and_search(seed_db):
    listing = invoke("articles", "--db", seed_db, "--outlet", "Al Mayadeen English")
    assert "Hamdan" in listing.output
    records = [json.loads(line) for line in invoke("export", "--db", seed_db).stdout.splitlines()]
    first = records[0]
    shown = invoke("show", first["id"], "--db", seed_db)
    assert first["text"][:60] in shown.output
    hits = invoke("search", "ceasefire", "--db", seed_db, "--since", "2024-01-01")
    assert "No match" not in hits.output
    assert invoke("search", "ceasefire", "--db", seed_db, "--until", "2020-01-01").output.strip() == "No match."


def test_show_unknown_id_is_a_usage_error(seed_db):
    assert invoke("show", "nope", "--db", seed_db).exit_code == 2


def test_bad_files_are_listed_and_good_ones_kept(tmp_path, seeds_dir):
    pile = tmp_path / "pile"
    shutil.copytree(seeds_dir, pile)
    (pile / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (pile / "empty.txt").write_bytes(b"")
    (pile / "empty.pdf").write_bytes(b"")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("inside.txt", "Some article text. " * 200)
    (pile / "truncated.zip").write_bytes(buffer.getvalue()[:120])
    db = str(tmp_path / "pile.sqlite")
    result = invoke("ingest", str(pile), "--db", db, "--no-extract")
    assert result.exit_code == 1
    for name in ("junk.bin", "empty.txt", "empty.pdf", "truncated.zip"):
        assert name in result.output
    failed = invoke("stats", "--failed", "--db", db).output
    assert "truncated.zip" in failed and "empty.pdf" in failed
    stats = json.loads(invoke("stats", "--db", db).stdout)
    assert stats["articles"] == 26


def test_eval_reports_articles_against_gold(seed_db):
    gold = Path(__file__).resolve().parents[2] / "shared" / "gold"
    if not gold.exists():
        pytest.skip("shared gold folder not present")
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--db", seed_db, "--json"])
    report = json.loads(result.stdout)
    assert report["articles"]["found"] == report["articles"]["required"] == 25


def test_people_shows_haniyeh_once_with_his_spellings(seed_db):
    listing = invoke("people", "--db", seed_db, "--limit", "50").output
    rows = [line for line in listing.splitlines() if line.startswith("│ Ismail Hani")]  # first column: name
    assert len(rows) == 1, listing
    assert "Haniya" in listing and "Hnaiyeh" in listing


def test_quotes_by_speaker_cover_every_spelling(seed_db):
    records = [json.loads(line) for line in invoke("export", "--db", seed_db).stdout.splitlines()]
    expected = {(r["id"], q["start"]) for r in records for q in r["quotes"]
                if q["speaker"] and "Nakh" in q["speaker"]}
    spellings = {r["text"][q["speaker_mention"][0]:q["speaker_mention"][1]] for r in records for q in r["quotes"]
                 if q["speaker"] and "Nakh" in q["speaker"] and q["speaker_mention"]}
    assert {"Ziyad al-Nakhaleh", "Al-Nakhalah"} <= spellings  # seeds 004 and 002 spell him apart
    result = invoke("quotes", "--speaker", "Nakhalah", "--db", seed_db)
    assert result.exit_code == 0
    assert f"{len(expected)} quotes" in result.output and len(expected) >= 15


def test_alias_corrections_survive_reextraction(tmp_path, seeds_dir):
    db = str(tmp_path / "small.sqlite")
    assert invoke("ingest", str(seeds_dir / "000_a29189923c9b05dd.txt"), "--db", db).exit_code == 0
    invoke("aliases", "merge", "Mohammad al-Hindi", "Ghazi Hamad", "--db", db)
    merged = invoke("people", "--db", db).output
    assert "Ghazi Hamad" in merged and "Mohammad al-Hindi" in merged  # one row, the other as a spelling
    assert invoke("extract", "--db", db).exit_code == 0
    assert invoke("people", "--db", db).output == merged
    invoke("aliases", "split", "Ghazi Hamad", "--db", db)
    split = invoke("people", "--db", db).output
    assert split != merged and split.count("Ghazi Hamad") == 1


@pytest.mark.parametrize("command", [["articles"], ["stats"], ["serve"], ["quotes", "--speaker", "Haniyeh"]])
def test_a_missing_archive_is_a_clear_usage_error(tmp_path, command):
    db = tmp_path / "nowhere" / "archive.sqlite"
    result = invoke(*command, "--db", str(db))
    assert result.exit_code == 2
    assert "No archive at" in result.output and not db.exists()


def test_zip_member_named_with_dots_is_ingested_and_hidden_ones_listed(tmp_path):
    """Issue 13.4: a member named "../x.txt" vanished ("1 added, 0 failed"); nothing may be written outside."""
    pile = tmp_path / "unpacked"
    pile.mkdir()
    with zipfile.ZipFile(pile / "clips.zip", "w") as archive:
        archive.writestr("../escape.txt", "The harbour reopened on Friday after the storm.")
        archive.writestr("inside.txt", "The council voted to rebuild the bridge.")
        archive.writestr(".DS_Store", b"\x00\x00\x00\x01Bud1")
    db = str(tmp_path / "z.sqlite")
    result = invoke("ingest", str(pile), "--db", db, "--no-extract")
    assert result.exit_code == 0, result.output
    assert "2 sources added" in result.stdout
    assert "skipped" in result.stderr and ".DS_Store: hidden file" in result.stderr
    assert not (tmp_path / "escape.txt").exists() and sorted(p.name for p in pile.iterdir()) == ["clips.zip"]


def test_quotes_filter_on_how_surely_they_are_attributed(seed_db):
    records = [json.loads(line) for line in invoke("export", "--db", seed_db).stdout.splitlines()]
    quotes = [q for r in records for q in r["quotes"]]
    assert all(0.0 <= q["confidence"] <= 1.0 for q in quotes)
    assert {q["speaker_basis"] for q in quotes} >= {"name", "pronoun"}
    sure = sum(q["confidence"] >= 0.9 for q in quotes)
    assert 0 < sure < len(quotes)
    result = invoke("quotes", "--min-confidence", "0.9", "--limit", "5000", "--db", seed_db)
    assert result.exit_code == 0 and f"{sure} quotes" in result.output
