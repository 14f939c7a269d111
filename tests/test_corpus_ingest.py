"""Corpus exports end to end: `cliptrace ingest` (with --columns) into a real SQLite archive, the
JSONL export's provenance fields, bad rows listed as failures, and the article page."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cliptrace.archive.store import Archive
from cliptrace.cli import app
from cliptrace.web.app import create_app
from testpaths import DATA

FORMATS = DATA / "formats"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def exported(db: str) -> list[dict]:
    result = invoke("export", "--format", "jsonl", "--db", db)
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_data_set_with_columns_lists_bad_rows_and_keeps_the_rest(tmp_path):
    db = str(tmp_path / "rows.sqlite")
    path = FORMATS / "dataset-custom.tsv"
    result = invoke("ingest", str(path), "--db", db, "--no-extract", "--columns", "text=article_body")
    assert result.exit_code == 1  # two rows could not be read: listed, the others archived
    assert f"{path}#row 2" in result.output and f"{path}#row 4" in result.output
    records = exported(db)
    assert [r["source"]["locator"] for r in records] == ["row 1", "row 3", "row 5"]
    assert {r["source"]["path"] for r in records} == {str(path)}
    failures = {f["path"]: f["reason"] for f in Archive.open(db).failures()}
    assert "article_body" in failures[f"{path}#row 2"]
    # The file itself was read: its bad rows are parts that failed, not failed files.
    assert "1 sources added (3 articles), 0 already in the archive, 0 failed; 2 of their parts" in " ".join(
        result.output.split())
    stats = json.loads(invoke("stats", "--json", "--db", db).stdout)
    assert (stats["sources_ok"], stats["sources_failed"], stats["parts_failed"]) == (1, 0, 2)
    assert "0 files failed; 2 parts of stored files" in " ".join(invoke("stats", "--failed", "--db", db).stdout.split())


def test_unknown_column_role_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(FORMATS / "dataset-custom.tsv"), "--db", str(tmp_path / "x.sqlite"),
                                 "--columns", "story=article_body"])
    assert result.exit_code == 2 and "unknown role 'story'" in result.output


def test_export_fields_and_provenance_reach_the_contract_and_the_article_page(tmp_path):
    db = str(tmp_path / "nexis.sqlite")
    assert invoke("ingest", str(FORMATS / "nexis-uni-two.txt"), "--db", db, "--no-extract").exit_code == 0
    ferry, pilots = exported(db)
    assert ferry["source"]["locator"] == "document 1" and pilots["source"]["locator"] == "document 2"
    assert (ferry["section"], ferry["dateline"], ferry["stated_words"]) == ("REGION; Pg. 4", "PORT ALDER", 97)
    assert "person:OWEN MARSH" in ferry["tags"] and pilots["tags"] == []  # no index terms in the second
    page = TestClient(create_app(db), base_url="http://127.0.0.1").get(f"/articles/{ferry['id']}").text
    assert "document 1" in page and "dateline: PORT ALDER" in page and "subject:STORMS" in page


def test_telegram_edit_date_and_link_are_kept(tmp_path):
    db = str(tmp_path / "telegram.sqlite")
    assert invoke("ingest", str(FORMATS / "telegram-account.json"), "--db", db, "--no-extract").exit_code == 0
    roads = exported(db)[1]
    assert roads["source"]["locator"] == "message 14" and roads["edited"] == "2024-05-02T07:45:10"
    assert roads["url"] == "https://t.me/valleywatch/14"
    page = TestClient(create_app(db), base_url="http://127.0.0.1").get(f"/articles/{roads['id']}").text
    assert "message 14" in page and "edited 2024-05-02T07:45:10" in page


def test_a_large_source_has_its_framing_terms_counted_after_the_ingest(tmp_path, monkeypatch):
    from sqlalchemy import func, select

    from cliptrace import pipeline
    from cliptrace.archive.schema import framing_counts
    from cliptrace.settings import Settings

    monkeypatch.setattr(pipeline, "FRAMING_IN_WORKER_MAX_ARTICLES", 1)  # three rows count as large
    archive = Archive.open(str(tmp_path / "framing.sqlite"))
    report = pipeline.ingest_paths([str(FORMATS / "dataset-custom.tsv")], archive, Settings(), extract=False,
                                   columns={"text": "article_body"})
    assert report.articles == 3
    with archive.engine.connect() as conn:
        counted = conn.execute(select(func.count(func.distinct(framing_counts.c.article_id)))).scalar()
    assert counted == 3


def test_a_data_set_streams_into_the_archive_without_holding_its_rows(tmp_path):
    import csv
    import tracemalloc

    from cliptrace import pipeline
    from cliptrace.settings import Limits, Settings

    path = tmp_path / "harbour-notes.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["headline", "published", "body"])
        for n in range(6000):
            writer.writerow([f"Quay notice {n}", "2024-03-05",
                             f"The ferry to Lantern Island left berth {n} at dawn. " * 6])
    archive = Archive.open(str(tmp_path / "rows.sqlite"))
    # A first ingest loads modules and caches (date parsing, stop lists for language detection) once
    # per process; done here, out of the measurement, so the test measures the rows whichever tests
    # ran before it.
    warm_up = tmp_path / "warm-up" / "one-row.csv"
    warm_up.parent.mkdir()
    warm_up.write_text("headline,published,body\nQuay notice,2024-03-05," + "The ferry left its berth at dawn. " * 6 + "\n",
                       encoding="utf-8")
    pipeline.ingest_paths([str(warm_up)], Archive.open(str(tmp_path / "warm-up.sqlite")), Settings(),
                          extract=False, near_duplicates=False)
    tracemalloc.start()
    # A file is read with one call for up to the size limit + 1 bytes, which tracemalloc counts in full
    # (untouched, the pages never become resident): a limit near the file's size keeps that out.
    settings = Settings(limits=Limits(max_file_bytes=2 * path.stat().st_size))
    report = pipeline.ingest_paths([str(path)], archive, settings, extract=False, near_duplicates=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.articles == 6000 and archive.stats()["articles"] == 6000
    # Held whole, the 6,000 articles came back from the worker as ~25 MB of objects; streamed, this
    # process holds the file's bytes (2 MB) and a chunk of rows.
    assert peak < 5 * 2**20 + 3 * path.stat().st_size, peak


def test_a_data_set_tells_its_progress_by_rows(tmp_path):
    from cliptrace import pipeline
    from cliptrace.settings import Settings

    path = tmp_path / "tide-tables.jsonl"
    path.write_text("".join(json.dumps({"title": f"Tide {n}", "text": f"High water at Corran Sound was late {n}."}) + "\n"
                            for n in range(2500)), encoding="utf-8")
    told = []
    report = pipeline.ingest_paths([str(path)], Archive.open(str(tmp_path / "tides.sqlite")), Settings(),
                                   extract=False, on_rows=lambda p, n: told.append((p, n)))
    assert report.articles == 2500
    assert told == [(str(path), 1000), (str(path), 2000)]


def test_a_utf8_data_set_with_a_stray_byte_stays_utf8_and_counts_it(tmp_path):
    import csv
    import io

    from sqlalchemy import select

    from cliptrace import pipeline
    from cliptrace.archive.schema import sources
    from cliptrace.settings import Settings

    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["title", "text"])
    for n in range(30):
        writer.writerow([f"Ennis Bay’s ferry, day {n}", f"“The quay’s gate opened at dawn,” the harbour master said on day {n}."])
    data = table.getvalue().encode()
    at = data.index("said on day 15".encode())
    path = tmp_path / "ferries.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at:])  # one byte that is not UTF-8, in the text of row 16
    archive = Archive.open(str(tmp_path / "ferries.sqlite"))
    report = pipeline.ingest_paths([str(path)], archive, Settings(), extract=False)
    assert report.articles == 30
    titles = [a.draft.title for a in archive.iter_articles(with_annotations=False)]
    assert titles[0] == "Ennis Bay’s ferry, day 0" and titles[15] == "Ennis Bay’s ferry, day 15"
    with archive.engine.connect() as conn:
        assert conn.execute(select(sources.c.replacement_chars)).scalar() == 1


def test_columns_given_for_a_header_no_name_rule_knows_read_the_file_as_a_data_set(tmp_path):
    # Nothing in "Kopfzeile;Wann;Geschichte" says data set to the sniffer; naming the columns does.
    path = tmp_path / "clips.csv"
    path.write_text("Kopfzeile;Wann;Geschichte\nGulls nest again;2024-05-01;Gulls are nesting on the roof again.\n"
                    "Ferry delayed;2024-05-02;The morning ferry left an hour late.\n")
    db = str(tmp_path / "k.sqlite")
    result = invoke("ingest", str(path), "--db", db, "--no-extract",
                    "--columns", "text=Geschichte,title=Kopfzeile,date=Wann")
    assert result.exit_code == 0, result.output
    records = exported(db)
    assert [(r["title"], r["published"], r["text"]) for r in records] == [
        ("Gulls nest again", "2024-05-01", "Gulls are nesting on the roof again."),
        ("Ferry delayed", "2024-05-02", "The morning ferry left an hour late.")]
