"""The commands as a user meets them: real seed files, a real SQLite file, the real model."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cliptrace.archive.store import Archive
from cliptrace.cli import app

runner = CliRunner()
CONTRACT_KEYS = {"id", "source", "title", "published", "outlet", "authors", "language", "url", "text",
                 "duplicate_of", "entities", "quotes", "figures", "events"}


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False, prog_name="cliptrace")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seeds_dir) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "seeds.sqlite")
    result = invoke("ingest", str(seeds_dir), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no progress line (nor the empty line it left) when stderr is no terminal
    return db


def test_ingest_summary_counts_every_seed(seed_db, seeds_dir):
    result = invoke("stats", "--db", seed_db, "--json")
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
    stats = json.loads(invoke("stats", "--db", db, "--json").stdout)
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


@pytest.fixture(scope="module")
def one_seed_db(tmp_path_factory, seeds_dir) -> str:
    """An archive of one seed: Ghazi Hamad, Mohammad al-Hindi, Biden and Netanyahu (no corrections)."""
    db = str(tmp_path_factory.mktemp("one") / "one.sqlite")
    assert invoke("ingest", str(seeds_dir / "000_a29189923c9b05dd.txt"), "--db", db).exit_code == 0
    return db


@pytest.mark.parametrize("args, refused, hint", [
    (["merge", "Nobody Atall", "Ghazi Hamad"], "Nobody Atall", "`cliptrace people --name 'Nobody Atall'`"),
    (["merge", "Mohammad al-Hindi", "Hamad"], "Hamad", "Did you mean 'Ghazi Hamad'?"),
    (["split", "Nobody Here"], "Nobody Here", "--name 'Nobody Here'"),
    (["rename", "hindi", "Abu Hamad"], "hindi", "Did you mean 'Mohammad al-Hindi'?"),
])
def test_an_alias_correction_naming_nobody_is_refused_and_not_kept(one_seed_db, args, refused, hint):
    before = invoke("people", "--db", one_seed_db, "-f", "json").stdout
    result = invoke("aliases", *args, "--db", one_seed_db)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"Nobody called {refused!r} in {one_seed_db}" in result.stderr
    assert hint in result.stderr
    assert Archive.open(one_seed_db).corrections() == []
    assert invoke("people", "--db", one_seed_db, "-f", "json").stdout == before


def test_a_merge_names_the_person_people_then_lists(tmp_path, one_seed_db):
    db = str(tmp_path / "copy.sqlite")
    with sqlite3.connect(one_seed_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    assert invoke("aliases", "rename", "Ghazi Hamad", "Abu Hamad", "--db", db).exit_code == 0
    result = invoke("aliases", "merge", "Ghazi Hamad", "Mohammad al-Hindi", "--db", db)
    assert result.exit_code == 0 and result.stdout.strip() == "Merged into Abu Hamad."  # the first name's person
    people = {p["name"]: p["spellings"] for p in json.loads(invoke("people", "--db", db, "-f", "json").stdout)}
    assert people["Abu Hamad"] == ["Ghazi Hamad", "Mohammad al-Hindi"] and "Mohammad al-Hindi" not in people


def test_resolving_aliases_again_merges_spellings_an_older_resolution_left_apart(tmp_path):
    """An upgrade that merges spellings differently has only new names resolved by an ingest:
    `aliases resolve` re-clusters every name the archive holds."""
    pile = tmp_path / "clips"
    pile.mkdir()
    (pile / "a.txt").write_text("Hamas leader Ismail Haniyeh met Egyptian mediators in Cairo on Monday.",
                                encoding="utf-8")
    (pile / "b.txt").write_text("Ismail Haniya told reporters in Doha on Tuesday that talks would go on.",
                                encoding="utf-8")
    db = str(tmp_path / "a.sqlite")
    assert invoke("ingest", str(pile), "--db", db).exit_code == 0

    def people_named_haniyeh() -> list[str]:
        return sorted(row["name"] for row in json.loads(invoke("people", "--db", db, "--format", "json").stdout)
                      if "Hani" in row["name"])

    assert people_named_haniyeh() == ["Ismail Haniyeh"]
    Archive.open(db).apply_entity_map({"Ismail Haniya": "Ismail Haniya"})  # as older rules left it
    assert people_named_haniyeh() == ["Ismail Haniya", "Ismail Haniyeh"]
    result = invoke("aliases", "resolve", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 groups of mentions moved" in result.output
    assert people_named_haniyeh() == ["Ismail Haniyeh"]


def test_an_unknown_speaker_gets_a_hint_that_can_be_pasted(seed_db):
    result = invoke("quotes", "--speaker", "Nobody Atall", "--db", seed_db)
    assert result.exit_code == 2  # a user error, like every refusal; 1 is for files that failed
    assert "Nobody called 'Nobody Atall'" in result.stderr
    assert "`cliptrace people --name 'Nobody Atall'`" in result.stderr  # quoted for the shell, on one line


def test_no_quotes_found_is_said_once(seed_db):
    result = invoke("quotes", "--since", "2030-01-01", "--db", seed_db)
    assert result.exit_code == 0 and result.stdout.strip() == "No match."
    assert invoke("quotes", "--speaker", "Nakhalah", "--db", seed_db).stdout.rstrip().endswith(" quotes")


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


def test_an_archive_kept_in_the_folder_it_reads_is_not_read_as_a_clipping(tmp_path):
    pile = tmp_path / "clips"
    pile.mkdir()
    (pile / "a.txt").write_text("The council voted to rebuild the bridge on Monday.", encoding="utf-8")
    db = str(pile / "archive.sqlite")
    assert invoke("ingest", str(pile), "--db", db, "--no-extract").exit_code == 0
    (pile / "b.txt").write_text("The harbour reopened on Friday after the storm.", encoding="utf-8")
    again = invoke("ingest", str(pile), "--db", db, "--no-extract")  # the archive (and its journals) beside them
    assert again.exit_code == 0, again.output
    assert "1 sources added" in again.stdout and "0 failed" in again.stdout
    assert "archive.sqlite: the archive being written" in again.stderr


def test_quotes_filter_on_how_surely_they_are_attributed(seed_db):
    records = [json.loads(line) for line in invoke("export", "--db", seed_db).stdout.splitlines()]
    quotes = [q for r in records for q in r["quotes"]]
    assert all(0.0 <= q["confidence"] <= 1.0 for q in quotes)
    assert {q["speaker_basis"] for q in quotes} >= {"name", "pronoun"}
    sure = sum(q["confidence"] >= 0.9 for q in quotes)
    assert 0 < sure < len(quotes)
    result = invoke("quotes", "--min-confidence", "0.9", "--limit", "5000", "--db", seed_db)
    assert result.exit_code == 0 and f"{sure} quotes" in result.output


# ---- the first hour (issue 14): what a newcomer types --------------------------------------------

def dates_listed(output: str) -> list[str]:
    return re.findall(r"^│ (\d{4}-\d{2}-\d{2}) ", output, flags=re.M)


def test_day_first_and_written_dates_filter_like_iso(seed_db):
    iso = invoke("articles", "--db", seed_db, "--since", "2022-07-01", "-f", "csv").stdout
    for typed in ("01/07/2022", "1.7.2022", "1 July 2022", "July 1, 2022"):
        assert invoke("articles", "--db", seed_db, "--since", typed, "-f", "csv").stdout == iso, typed
    later = invoke("articles", "--db", seed_db, "--since", "15/04/2024", "-f", "json").stdout
    assert json.loads(later) == []  # the newest seed is from 14 April 2024


def test_a_year_or_month_as_until_reaches_its_last_day(seed_db):
    rows = json.loads(invoke("articles", "--db", seed_db, "--until", "2021", "-f", "json").stdout)
    assert "2021-12-15" in {r["published"] for r in rows}
    assert all(r["published"] <= "2021-12-31" for r in rows)


def test_relative_dates_are_read_against_today():
    from datetime import date, timedelta

    from cliptrace.cli.dates import since_bound, until_bound

    assert since_bound("yesterday") == (date.today() - timedelta(days=1)).isoformat()
    assert since_bound("2019-11") == "2019-11-01" and until_bound("2019-11") == "2019-11-30"
    assert until_bound("29/02/2024") == "2024-02-29"


@pytest.mark.parametrize("typed", ["dead", "2019-13-01", "31/02/2020", "next blue moon"])
def test_a_date_that_is_not_one_is_a_usage_error(seed_db, typed):
    result = invoke("search", "ceasefire", "--db", seed_db, "--since", typed)
    assert result.exit_code == 2
    assert "is not a date" in result.output and "YYYY-MM-DD" in result.output


@pytest.mark.parametrize("args, valid", [
    (["quotes", "--kind", "direkt"], ["direct", "indirect", "mixed"]),
    (["figures", "--category", "dead"], ["killed", "injured", "displaced"]),
    (["events", "--type", "party"], ["meeting", "visit", "call"]),
    (["people", "--type", "persons"], ["person", "org", "place"]),
    (["articles", "--sort", "date"], ["newest", "oldest", "ingest"]),
    (["articles", "--format", "yaml"], ["table", "json", "csv"]),
])
def test_an_unknown_choice_lists_the_valid_ones(seed_db, args, valid):
    result = invoke(*args, "--db", seed_db)
    assert result.exit_code == 2
    assert all(f"'{v}'" in result.output for v in valid), result.output
    assert re.search(rf"Invalid value for '{args[1]}'[^:]*: '{args[2]}' is not one of", result.output)  # no "Value error, "


@pytest.mark.parametrize("args, missing", [(["ingest"], "PATHS..."), (["show"], "ARTICLE_ID"),
                                           (["aliases", "merge"], "NAMES...")])
def test_a_missing_argument_is_named_as_in_the_usage_line(args, missing):
    result = invoke(*args)
    assert result.exit_code == 2
    assert f"Missing argument '{missing}'" in result.output and f" {missing}" in result.output.splitlines()[0]


def test_ingest_of_a_missing_path_writes_nothing(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "fresh.sqlite"
    result = invoke("ingest", "clipings", "--db", str(db))
    assert result.exit_code == 2 and "'clipings' does not exist" in result.output
    assert not db.exists()
    # beside a real folder, into an existing archive: still nothing written, no failed source kept
    one = seeds_dir / "000_a29189923c9b05dd.txt"
    assert invoke("ingest", str(one), "--db", str(db), "--no-extract").exit_code == 0
    before = invoke("stats", "--db", str(db), "--json").stdout
    assert invoke("ingest", str(seeds_dir), str(tmp_path / "typo"), "--db", str(db)).exit_code == 2
    assert invoke("stats", "--db", str(db), "--json").stdout == before


def test_an_unknown_model_is_refused_before_an_archive_is_made(tmp_path, seeds_dir, one_seed_db):
    db = tmp_path / "x.sqlite"
    result = invoke("ingest", str(seeds_dir), "--model", "nosuchmodel", "--db", str(db))
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1, result.output
    assert "'nosuchmodel' is not installed" in result.stderr and "--model" in result.stderr
    assert not db.exists()
    again = invoke("extract", "--model", "nosuchmodel", "--db", one_seed_db)
    assert again.exit_code == 2 and again.stderr == result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_makes_missing_folders_and_refuses_a_path_it_cannot_write(tmp_path, one_seed_db, fmt):
    deeper = tmp_path / "out" / "deeper" / f"seeds.{fmt}"
    assert invoke("export", "-f", fmt, "-o", str(deeper), "--db", one_seed_db).exit_code == 0  # as ingest's --db
    assert deeper.stat().st_size > 0
    (tmp_path / "a-file").write_text("kept", encoding="utf-8")
    for target, reason in ((tmp_path, "Is a directory"), (tmp_path / "a-file" / f"x.{fmt}", "Not a directory")):
        result = invoke("export", "-f", fmt, "-o", str(target), "--db", one_seed_db)
        assert result.exit_code == 2 and result.stderr == f"Cannot write {target}: {reason}\n", result.output
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "out"]


def test_a_mistyped_db_next_to_a_real_one_is_not_created(tmp_path, seed_db):
    typo = tmp_path / "seed.sqlite"
    for command in (["people"], ["search", "ceasefire"], ["figures"], ["events"], ["export"]):
        assert invoke(*command, "--db", str(typo)).exit_code == 2, command
    assert list(tmp_path.iterdir()) == []


def test_tables_fit_80_columns_and_keep_the_quote_readable(seed_db):
    result = invoke("quotes", "--db", seed_db, "--speaker", "Haniyeh", "--limit", "5")
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    quote_width = len(lines[0].split("┳")[2])  # the header row: ┏ date ┳ speaker ┳ quote ┳ …
    assert "quote" in lines[1].split("┃")[3] and quote_width >= 24
    assert "left out to fit" in result.stderr


@pytest.mark.parametrize("command", ["articles", "quotes"])
def test_narrow_tables_keep_their_right_edge_and_whole_ids(seed_db, command):
    """Outlets with a long word ("International") and Arabic quotes, at 80 columns: nothing is cropped."""
    shown = invoke(command, "--db", seed_db, "--limit", "50").stdout.splitlines()
    table = [line for line in shown if line[:1] in "┏┃┡│└"]
    assert table and all(line[-1] in "┓┃┩│┘" for line in table), "\n".join(table)
    key = "id" if command == "articles" else "article_id"
    ids = {r[key] for r in json.loads(invoke(command, "--db", seed_db, "--limit", "50", "-f", "json").stdout)}
    shown = {cell.strip() for line in table for cell in line.split("│")}
    assert ids <= shown
    if command == "articles":  # a word as long as "International" is not cut when the table has room
        assert any("│ Kayhan" in line for line in table) and any(" International " in line for line in table)


def test_column_widths_never_exceed_the_terminal():
    from cliptrace.cli.output import Column, column_widths, fit_columns

    columns = [Column("date", "date", 10, 2), Column("who", "speaker", 12, 1, prose=1),
               Column("text", "quote", 24, 1, prose=3), Column("place", "outlet", 10, 4, prose=1),
               Column("id", "article", 16, 3)]
    cells = [["2031-02-03"], ["Wenceslas Oberholtzer-Quintanilla"], ["قال رئيس البلدية إن الجسر سيُفتح قريباً " * 3],
             ["Lindenfield Intergovernmental Chronicle"], ["a1b2c3d4e5f60718"]]
    for width in range(60, 160):
        kept = fit_columns(columns, width)
        widths = column_widths(kept, [cells[columns.index(c)] for c in kept], width)
        assert sum(widths) + 3 * len(kept) + 1 <= width, (width, widths)
        assert all(w >= c.min_width or not c.prose for w, c in zip(widths, kept))


def test_help_at_80_columns_keeps_each_option_readable():
    for command in ("ingest", "quotes", "figures", "events", "export"):
        shown = runner.invoke(app, [command, "--help"], prog_name="cliptrace", env={"COLUMNS": "80"}).output
        assert max(len(line) for line in shown.splitlines()) <= 80, shown
        if command == "ingest":  # long option names push the text below them, never into a sliver
            assert "Mark near-duplicate articles (duplicate_of)." in shown and "PATHS..." in shown
            assert "paths..." not in shown


def test_list_commands_speak_json_and_csv(seed_db):
    people = json.loads(invoke("people", "--db", seed_db, "-f", "json").stdout)
    assert {"id", "name", "articles", "quotes", "spellings"} <= set(people[0])
    rows = list(csv.DictReader(io.StringIO(invoke("quotes", "--db", seed_db, "-f", "csv").stdout)))
    assert rows and {"date", "speaker", "kind", "cue", "text", "outlet", "article_id"} <= set(rows[0])
    figures = json.loads(invoke("figures", "--db", seed_db, "-f", "json").stdout)
    assert all(isinstance(f["value"], int) for f in figures)
    hits = json.loads(invoke("search", "Haniyeh", "--db", seed_db, "-f", "json").stdout)
    assert hits and "\x02" not in hits[0]["snippet"]


def test_stats_are_tables_for_people_and_json_for_scripts(seed_db):
    shown = invoke("stats", "--db", seed_db).stdout
    assert "articles per outlet" in shown and "unknown" in shown and "null" not in shown
    assert not shown.lstrip().startswith("{")
    counts = json.loads(invoke("stats", "--db", seed_db, "--json").stdout)
    assert "null" not in counts["per_outlet"] and counts["per_outlet"]["unknown"] >= 1


def test_eval_shows_its_table_first(seed_db, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    records = [json.loads(line) for line in invoke("export", "--db", seed_db).stdout.splitlines()[:2]]
    (gold / "articles.jsonl").write_text("".join(json.dumps({
        "file": Path(r["source"]["path"]).name, "index": 0, "title": r["title"], "published": r["published"],
        "outlet": r["outlet"], "language": r["language"], "head": r["text"][:60], "tail": r["text"][-60:],
        "required": True,
    }) + "\n" for r in records))
    table = invoke("eval", "--gold", str(gold), "--db", seed_db)
    assert table.stdout.lstrip().startswith("cliptrace evaluation") and "articles found" in table.stdout
    assert len(table.stdout.splitlines()) < 60
    assert "articles" in json.loads(invoke("eval", "--gold", str(gold), "--db", seed_db, "--json").stdout)


def test_articles_are_listed_newest_first_unless_sorted_otherwise(seed_db):
    newest = dates_listed(invoke("articles", "--db", seed_db).stdout)
    assert len(newest) >= 20 and newest == sorted(newest, reverse=True)
    oldest = dates_listed(invoke("articles", "--db", seed_db, "--sort", "oldest").stdout)
    assert oldest == sorted(oldest)
    arrived = json.loads(invoke("articles", "--db", seed_db, "--sort", "ingest", "-f", "json").stdout)
    exported = [json.loads(line)["id"] for line in invoke("export", "--db", seed_db).stdout.splitlines()]
    assert [r["id"] for r in arrived] == exported  # one ingest reads a folder in the export's (path) order


def test_sort_ingest_lists_articles_in_the_order_they_arrived(tmp_path):
    pile = tmp_path / "clips"
    pile.mkdir()
    db = str(tmp_path / "order.sqlite")
    for name, text in (("b.txt", "The harbour reopened on Friday after the storm."),
                       ("a.txt", "The council voted on Monday to rebuild the bridge.")):
        (pile / name).write_text(text, encoding="utf-8")
        assert invoke("ingest", str(pile / name), "--db", db, "--no-extract").exit_code == 0
    listed = json.loads(invoke("articles", "--sort", "ingest", "--db", db, "-f", "json").stdout)
    assert [invoke("show", r["id"], "--db", db).stdout.count("harbour") for r in listed] == [1, 0]  # b.txt first


def test_serve_on_a_busy_port_says_so_in_one_line(seed_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke("serve", "--db", seed_db, "--port", str(port))
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and f"port {port}" in result.output
    assert "reading room on" not in result.output


@pytest.mark.parametrize("command", [[], ["ingest"], ["quotes"], ["show"], ["aliases", "merge"]])
def test_help_reads_like_click_help(command):
    shown = invoke(*command, "--help").output
    assert "Usage: cliptrace" in shown
    assert not re.search(r"<\w[^>]*>|\{\w+\}", shown), shown  # no <bool>, <str>, {paths}
    if command == ["ingest"]:
        assert "ingest [OPTIONS] PATHS..." in shown and "--db" in shown and "TEXT" in shown
    if command == ["quotes"]:
        assert "[direct|indirect|mixed]" in shown and "DATE" in shown


def test_ingest_progress_keeps_bar_count_and_time_beside_a_long_name():
    from rich.console import Console

    from cliptrace.cli.archive_cmds import ingest_progress

    screen = Console(file=io.StringIO(), width=80, force_terminal=True, color_system=None)
    progress = ingest_progress(screen)
    task = progress.add_task("an-extremely-long-clipping-name-saved-from-a-browser-" * 3 + "page.html", total=30)
    progress.update(task, completed=12)
    screen.print(progress.make_tasks_table(progress.tasks))
    line = screen.file.getvalue().rstrip("\n")
    assert "\n" not in line and len(line) <= 80
    assert "12/30" in line and "0:00:0" in line and "━" in line and "…" in line


def test_search_colours_only_the_hit(seed_db):
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120", "TTY_COMPATIBLE": "1"}
    shown = subprocess.run([sys.executable, "-m", "cliptrace", "search", "Haniyeh", "--db", seed_db,
                            "--limit", "3"], capture_output=True, text=True, env=env, check=True).stdout
    snippets = [line for line in shown.splitlines() if line.startswith("  ")]
    assert any("Haniyeh" in s for s in snippets)
    coloured = re.findall(r"\x1b\[([0-9;]+)m([^\x1b]*)\x1b\[0m", "\n".join(snippets))
    assert coloured and all(text.lower() == "haniyeh" for _, text in coloured), coloured


def test_version_names_the_model_and_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("CLIPTRACE_DB", str(tmp_path / "mine.sqlite"))
    result = invoke("--version")
    assert result.exit_code == 0
    assert re.match(r"cliptrace \d+\.\d+", result.output)
    assert "spaCy 3." in result.output and "en_core_web_sm" in result.output
    assert str(tmp_path / "mine.sqlite") in result.output and "not created yet" in result.output


def test_read_commands_do_not_load_the_language_model(seed_db):
    """Start-up of read-only commands: spaCy (and the other slow imports) stay out of their path."""
    program = ("import sys\nfrom cliptrace.cli import app\n"
               "for args in (['articles'], ['search', 'ceasefire'], ['people'], ['stats'], "
               "['articles', '--outlet', 'Al Mayadeen', '--since', '2022-01-01']):\n"
               "    try:\n        app(args + ['--db', sys.argv[1]])\n    except SystemExit as exit:\n"
               "        assert exit.code == 0, (args, exit.code)\n"
               "print(sorted(m for m in ('spacy', 'datasketch', 'scipy', 'uvicorn') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", program, seed_db], capture_output=True, text=True,
                            check=True).stdout.splitlines()[-1]
    assert loaded == "[]"


def test_quotes_of_an_organisation_are_found_by_its_name(seed_db):
    records = [json.loads(line) for line in invoke("export", "--db", seed_db).stdout.splitlines()]
    org_speakers = {e["name"] for r in records for e in r["entities"] if e["type"] == "org"} & {
        q["speaker"] for r in records for q in r["quotes"]}
    assert org_speakers, "the sample clippings quote an organisation"
    name = sorted(org_speakers)[0]
    result = invoke("quotes", "--speaker", name, "--db", seed_db)
    assert result.exit_code == 0 and result.output.rstrip().endswith(" quotes"), result.output


def test_a_people_list_cut_by_its_limit_says_so(seed_db):
    cut = invoke("people", "--db", seed_db, "--limit", "3").output
    assert "The 3 most mentioned shown; more with --limit 30." in cut
    whole = invoke("people", "--db", seed_db, "--limit", "100000").output
    assert "most mentioned shown" not in whole
    assert "most mentioned shown" not in invoke("people", "--db", seed_db, "--limit", "3", "--format", "csv").output


def test_ingest_says_which_metadata_the_cutting_missed_and_articles_lists_those(tmp_path):
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "dated.txt").write_text("Bridge to reopen in spring\n\nMarch 3, 2024\n\nBy Ines Vale\n\n"
                                    "The harbour bridge will reopen in spring, the council said on Monday.\n")
    (pile / "paste.txt").write_text("The ferry adds two evening sailings from June, its manager said.\n")
    db = str(tmp_path / "m.sqlite")
    result = invoke("ingest", str(pile), "--db", db, "--no-extract")
    assert result.exit_code == 0
    assert ("Of the 2 new articles, 1 has no title, 1 no date and 2 no outlet: "
            "`cliptrace articles --missing title` lists them.") in " ".join(result.stdout.split())
    undated = json.loads(invoke("articles", "--missing", "date", "--format", "json", "--db", db).stdout)
    assert [row["title"] for row in undated] == [None]
    titled = json.loads(invoke("articles", "--missing", "outlet", "--format", "json", "--db", db).stdout)
    assert sorted(str(row["title"]) for row in titled) == ["Bridge to reopen in spring", "None"]


def test_quotes_for_a_known_person_with_none_says_the_person_is_there(tmp_path):
    # A bare "No match." read like an unknown name; the person is known and simply quoted nowhere.
    (tmp_path / "library.txt").write_text("Mayor Ana Ruiz opened the library on Friday.\n\n"
                                          "The library has 20,000 books, a spokesperson said.\n")
    db = str(tmp_path / "q.sqlite")
    assert invoke("ingest", str(tmp_path / "library.txt"), "--db", db).exit_code == 0
    result = invoke("quotes", "--speaker", "Ana Ruiz", "--db", db)
    assert result.exit_code == 0
    assert "'Ana Ruiz' is in the archive, but no quotation is attributed to them." in " ".join(result.stdout.split())
