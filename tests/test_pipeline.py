"""The pipeline gives the same archive whatever runs it: one process, a pool, Dask, SQLite or PostgreSQL."""

from __future__ import annotations

import io
import shutil

import pytest

from cliptrace.archive.export import write_jsonl
from cliptrace.archive.store import Archive
from cliptrace.pipeline import ingest_paths
from cliptrace.settings import Settings

SMALL_SEEDS = ("000_a29189923c9b05dd.txt", "004_e5c4a71e5aa29ceb.txt")


@pytest.fixture(scope="module")
def small_pile(tmp_path_factory, seeds_dir):
    pile = tmp_path_factory.mktemp("pile")
    for name in SMALL_SEEDS:
        shutil.copy(seeds_dir / name, pile / name)
    return pile


def _export(archive: Archive) -> str:
    out = io.StringIO()
    write_jsonl(archive, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def in_process_export(small_pile, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("one") / "a.sqlite")
    archive = Archive.open(db)
    report = ingest_paths([str(small_pile)], archive, Settings(db=db))
    assert report.exit_code == 0 and report.articles == 2
    exported = _export(archive)
    assert '"speaker": "Ziyad' in exported  # extraction really ran
    return exported.replace(str(small_pile), "PILE")


@pytest.mark.slow
@pytest.mark.parametrize("runner", [{"workers": 2}, {"workers": 2, "dask": "local"}], ids=["processes", "dask"])
def test_parallel_runs_give_the_same_archive(runner, small_pile, in_process_export, tmp_path):
    db = str(tmp_path / "b.sqlite")
    archive = Archive.open(db)
    report = ingest_paths([str(small_pile)], archive, Settings(db=db), **runner)
    assert report.exit_code == 0
    assert _export(archive).replace(str(small_pile), "PILE") == in_process_export


@pytest.mark.postgres
def test_postgresql_archive_matches_sqlite(pg_url, small_pile, in_process_export):
    import sqlalchemy

    engine = sqlalchemy.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sqlalchemy.text("DROP DATABASE IF EXISTS pipeline_test"))
        conn.execute(sqlalchemy.text("CREATE DATABASE pipeline_test"))
    engine.dispose()
    url = pg_url.rsplit("/", 1)[0] + "/pipeline_test"
    archive = Archive.open(url)
    report = ingest_paths([str(small_pile)], archive, Settings(db=url))
    assert report.exit_code == 0
    assert _export(archive).replace(str(small_pile), "PILE") == in_process_export
    assert not ingest_paths([str(small_pile)], archive, Settings(db=url)).added  # same bytes: nothing new


def test_an_extractor_failure_loses_only_its_own_source(monkeypatch, seeds_dir):
    """A bug in an extractor on one file is recorded as that file's failure; the others keep theirs."""
    from cliptrace import pipeline
    from cliptrace.model import Source

    real = pipeline.annotate_many

    def fails_on_kayhan(drafts, nlp):
        if any("Islamic Jihad: U.S." in (d.title or "") for d in drafts):
            raise RuntimeError("boom")
        return real(drafts, nlp)

    monkeypatch.setattr(pipeline, "annotate_many", fails_on_kayhan)
    names = ["000_a29189923c9b05dd.txt", "004_e5c4a71e5aa29ceb.txt"]
    sources = [Source(str(seeds_dir / n), (seeds_dir / n).read_bytes()) for n in names]
    sources.append(Source("junk.bin", bytes(range(256)) * 8))
    good, bad, junk = pipeline.analyse_sources(sources, Settings().model)
    assert good.error is None and good.articles[0].annotations.quotes
    assert bad.articles == [] and "extraction failed (RuntimeError: boom)" in bad.error
    assert junk.error and "binary" in junk.error
    lone, junk_again = pipeline.analyse_sources(sources[1:], Settings().model)  # the only readable one fails
    assert "extraction failed" in lone.error and junk_again.error == junk.error


def test_framing_terms_are_counted_as_articles_arrive(monkeypatch, small_pile, tmp_path):
    """The workers count the reading room's framing terms; the count after the ingest finds nothing left."""
    from sqlalchemy import func, select

    from cliptrace import resume
    from cliptrace.archive.schema import framing_counts

    left_after_ingest = []
    real_count = resume.count_framing
    monkeypatch.setattr(resume, "count_framing",
                        lambda engine, lexicon: left_after_ingest.append(real_count(engine, lexicon)))
    db = str(tmp_path / "f.sqlite")
    with Archive.open(db) as archive:
        assert ingest_paths([str(small_pile)], archive, Settings(db=db)).articles == 2
        with archive.engine.connect() as conn:
            counted = conn.execute(select(func.count(func.distinct(framing_counts.c.article_id)))).scalar()
    assert left_after_ingest == [0] and counted == 2


def test_a_pathological_source_costs_only_itself(tmp_path, seeds_dir):
    """Issue 13.1: many pronouns and quotation marks ran past 300 s and took the batch with them.
    Under a budget the file is recorded as failed with the reason (or, when it fits, simply
    added); its neighbours are stored either way."""
    import time

    from cliptrace.settings import Budgets

    pile = tmp_path / "pile"
    pile.mkdir()
    for name in SMALL_SEEDS:
        shutil.copy(seeds_dir / name, pile / name)
    (pile / "001_pronouns.txt").write_text(" ".join(f'He said "word{i}' for i in range(25000)))
    db = str(tmp_path / "p.sqlite")
    settings = Settings(db=db, budgets=Budgets(seconds=8, memory_bytes=2**30))
    started = time.monotonic()
    with Archive.open(db) as archive:
        report = ingest_paths([str(pile)], archive, settings)
        stored = {row["path"] for row in archive.failures()} | {a.source_path for a in archive.iter_articles()}
    assert time.monotonic() - started < 60
    assert sorted(path for path, _ in report.added if "pronouns" not in path) == sorted(str(pile / n) for n in SMALL_SEEDS)
    # Either budget may stop it first (the text's parse alone is close to 1 GiB).
    assert [reason for path, reason in report.failed] in ([], ["took longer than 8 s"], ["needed more than 1 GiB"])
    assert stored == {str(pile / n) for n in (*SMALL_SEEDS, "001_pronouns.txt")}


def test_a_page_in_another_language_is_kept_but_not_parsed_as_english(tmp_path):
    """A Portuguese page parsed as English named "terça-feira" and clauses as speakers: it keeps
    its text and metadata, marked "und" (undetermined), and gets no quotes or entities."""
    from sqlalchemy import func, select

    from cliptrace.archive.schema import quotes

    story = ("A câmara municipal de Vila Serena aprovou ontem o projeto da nova ponte sobre o rio. "
             "Segundo o vereador, as obras vão começar no próximo mês e devem durar dois anos. Os "
             "moradores dizem que esperam por isso há muito tempo e que não acreditam nas promessas "
             "feitas antes das eleições, mas querem ver o trabalho começar.")
    page = tmp_path / "ponte.html"
    page.write_text(f"<html><head><title>A ponte de Vila Serena</title></head><body><article><h1>A ponte "
                    f"de Vila Serena</h1><p>{story}</p><p>“Vamos cumprir”, disse o prefeito Tomé "
                    f"Arrais aos jornalistas.</p></article></body></html>", encoding="utf-8")
    db = str(tmp_path / "pt.sqlite")
    with Archive.open(db) as archive:
        ingest_paths([str(page)], archive, Settings(db=db))
        [article] = list(archive.iter_articles())
        with archive.engine.connect() as conn:
            found = conn.execute(select(func.count()).select_from(quotes)).scalar()
    assert article.draft.language == "und" and "Vila Serena" in article.text
    assert found == 0


def test_a_zip_claiming_an_unknown_zip_version_fails_alone(tmp_path):
    """Python's zipfile raises NotImplementedError (not BadZipFile) for a version it lacks; sniffing
    such a DOCX used to stop the whole ingest."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6:central + 8] = (231).to_bytes(2, "little")  # "version needed to extract": 23.1
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "a.docx").write_bytes(bytes(data))
    (pile / "b.txt").write_text("The ferry to the islands resumed on Monday after a week of storms.\n")
    with Archive.open(str(tmp_path / "z.sqlite")) as archive:
        report = ingest_paths([str(pile)], archive, Settings(db=str(tmp_path / "z.sqlite")), extract=False)
    assert [p for p, _ in report.added] == [str(pile / "b.txt")]
    assert [p for p, _ in report.failed] == [str(pile / "a.docx")]


def test_a_page_nested_past_the_parsers_limit_says_so_and_costs_only_itself(tmp_path):
    """libxml2 stops at 256 levels of elements, so a page nested deeper had "no article text found"
    as its reason; in a web archive it is one record, and the others are kept."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    deep = ("<html><body>" + "<div>" * 400 + "<p>The bridge on the coast road reopened to traffic this "
            "morning after repairs that lasted most of the summer.</p>" + "</div>" * 400 + "</body></html>")
    shallow = deep.replace("<div>", "").replace("</div>", "")
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "deep.html").write_text(deep)
    with (pile / "crawl.warc").open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for n, page in enumerate((shallow, deep)):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://road.example/{n}", "response",
                                                          payload=io.BytesIO(page.encode()), http_headers=http))
    db = str(tmp_path / "d.sqlite")
    with Archive.open(db) as archive:
        report = ingest_paths([str(pile)], archive, Settings(db=db), extract=False)
    assert report.added == [(str(pile / "crawl.warc"), 1)]
    reasons = dict(report.failed)
    assert "nested too deep" in reasons[str(pile / "deep.html")]
    [(record, reason)] = [(p, r) for p, r in report.failed_parts if p.startswith(str(pile / "crawl.warc#record"))]
    assert "nested too deep" in reason


@pytest.mark.slow
def test_reextraction_is_bounded_like_an_ingest(tmp_path, small_pile):
    """`cliptrace extract` parsed every stored article in its own process with no budget: one huge
    article took hours and gigabytes. Now a batch over the budget is retried an article at a time,
    so only the huge article fails, with the reason, and the others get their quotations."""
    from cliptrace.pipeline import reextract
    from cliptrace.settings import Budgets

    pile = tmp_path / "pile"
    shutil.copytree(small_pile, pile)
    sentences = (f"Councillor Number{i} told the meeting that plan {i} would cost {i} dollars." for i in range(60000))
    (pile / "002_huge.txt").write_text("Council minutes\n\n" + " ".join(sentences))
    db = str(tmp_path / "r.sqlite")
    with Archive.open(db) as archive:
        assert ingest_paths([str(pile)], archive, Settings(db=db), extract=False).articles == 3
        report = reextract(archive, Settings(db=db, budgets=Budgets(seconds=8, memory_bytes=2**30)), workers=1)
        quoted = {a.source_path: len(a.annotations.quotes) for a in archive.iter_articles()}
    assert report.articles == 2
    assert [(path, reason) for _, path, reason in report.failed] in (
        [(str(pile / "002_huge.txt"), "took longer than 8 s")], [(str(pile / "002_huge.txt"), "needed more than 1 GiB")])
    assert quoted[str(pile / "002_huge.txt")] == 0
    assert all(quoted[str(pile / name)] > 0 for name in SMALL_SEEDS)
