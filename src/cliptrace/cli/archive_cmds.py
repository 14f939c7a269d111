"""Commands over the archive itself: ingest, extract, list, show, search, export, stats, eval."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Literal, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column as ProgressColumn
from rich.table import Table

from ..settings import Settings
from .app import (DbOption, FormatOption, ModelOption, SinceOption, UntilOption, app, console, err,
                  open_archive, refuse, require_model)
from .output import Column, OutputFormat, print_records


def _count_files(paths: list[Path]) -> int:
    """Files the progress bar will see: like ingest, skip hidden files and folders."""
    total = 0
    for path in paths:
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file()
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            total += 1
    return total


def ingest_progress(console) -> Progress:
    """The ingest progress line: bar, count and elapsed time first, at fixed widths, then the file
    name, which alone gives way (cut with an ellipsis) on a narrow terminal. Off when the output is no
    terminal: a transient line there leaves only an empty line before the summary."""
    return Progress(TextColumn("[bold]ingest"), BarColumn(bar_width=20), MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    TextColumn("{task.description}", markup=False,
                               table_column=ProgressColumn(no_wrap=True, overflow="ellipsis", ratio=1)),
                    console=console, transient=True, expand=True, disable=not console.is_terminal)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., exists=True, help="Files, folders (read recursively) and zip archives."),
    db: str = DbOption,
    model: str = ModelOption,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Local worker processes."),
    dask: Optional[str] = typer.Option(
        None, "--dask", help="Run on Dask: 'local' starts a local cluster of --workers processes; "
        "an address (tcp://host:8786) uses a running scheduler."),
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Find entities, quotes, figures and events."),
    near_duplicates: bool = typer.Option(True, "--near-duplicates/--no-near-duplicates",
                                         help="Mark near-duplicate articles (duplicate_of)."),
    columns: str = typer.Option("", "--columns", help="A data set's columns by role, e.g. "
                                "text=article_body,date=pub_date (roles: text title date url outlet author language)."),
    follow_links: bool = typer.Option(False, "--follow-links",
                                      help="Read symbolic links that lead out of a given folder."),
) -> None:
    """Ingest clippings: text, HTML, e-mail (.eml/.mbox), PDF, DOCX, RTF and zip; Nexis Uni, LexisNexis
    and Factiva downloads; data sets (CSV/TSV, JSON Lines, JSON, Parquet); Telegram exports; WARC.
    All sniffed by content.

    The raw bytes of every file are kept. Ingesting the same bytes again adds nothing.

    Exit code: 0 when every file was ingested, 1 when some failed (each is listed with its reason),
    2 on bad usage (a path that does not exist, a --model that is not installed: then nothing is written).
    """
    from ..ingest.dataset import parse_column_map
    from ..pipeline import ingest_paths

    try:
        column_map = parse_column_map(columns)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--columns") from error
    if extract:
        require_model(model)
    settings = Settings(db=db, model=model)
    archive = open_archive(db, create=True)
    with ingest_progress(err) as progress:
        task = progress.add_task("", total=_count_files(paths))
        current = {"top": None}

        def on_result(path: str, status: str) -> None:
            top = path.split("!", 1)[0]
            if top != current["top"]:
                current["top"] = top
                progress.advance(task)
            progress.update(task, description=Path(top).name)

        def on_rows(path: str, rows: int) -> None:  # a data set is one file of many thousand rows
            progress.update(task, description=f"{Path(path.split('!', 1)[0]).name}: {rows:,} rows")

        report = ingest_paths([str(p) for p in paths], archive, settings, extract=extract, workers=workers,
                              dask=dask, near_duplicates=near_duplicates, columns=column_map,
                              on_result=on_result, follow_links=follow_links, on_rows=on_rows)
    console.print(f"[green]{len(report.added)}[/] sources added ({report.articles} articles), "
                  f"[yellow]{len(report.already)}[/] already in the archive, [red]{len(report.failed)}[/] failed"
                  + (f"; [red]{len(report.failed_parts)}[/] of their parts (rows, messages, records) could not be read."
                     if report.failed_parts else "."))
    if report.resumed:
        console.print(f"Finished what an interrupted run left: {', '.join(report.resumed)}.")
    if any(report.missing.values()):
        console.print(_missing_note(report.missing, report.articles), soft_wrap=True)
    if report.already and not report.added and not report.resumed:
        console.print("Nothing new: the archive is unchanged.")
    for path, reason in report.failed + report.failed_parts:
        err.print(f"[red]failed[/] {escape(path)}: {escape(reason)}", soft_wrap=True)
    for path, reason in report.skipped:
        err.print(f"[dim]skipped[/] {escape(path)}: {escape(reason)}", soft_wrap=True)
    raise typer.Exit(report.exit_code)


_MISSING_WORDS = {"published": "date", "outlet": "outlet", "title": "title"}  # field -> what a user calls it


def _missing_note(missing: dict[str, int], articles: int) -> str:
    """ "Of the 26 new articles, 3 have no date and 5 no outlet: `cliptrace articles --missing date` lists them." """
    counts = [(_MISSING_WORDS[name], n) for name, n in missing.items() if n]
    (first, n0), rest = counts[0], counts[1:]
    phrases = [f"{n0:,} {'has' if n0 == 1 else 'have'} no {first}", *(f"{n:,} no {word}" for word, n in rest)]
    listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    return (f"Of the {articles:,} new article{'s' * (articles != 1)}, {listed}: "
            f"`cliptrace articles --missing {first}` lists them.")


@app.command()
def extract(db: str = DbOption, model: str = ModelOption,
            workers: int = typer.Option(1, "--workers", "-w", min=1, help="Local worker processes.")) -> None:
    """Re-run extraction over the stored articles (after an upgrade or a model change), without re-ingesting.

    Articles are parsed in worker processes under the same time and memory budgets as an ingest
    (CLIPTRACE_SOURCE_SECONDS, CLIPTRACE_SOURCE_MEMORY_BYTES); an article over a budget keeps its
    earlier quotations, figures and events and is listed with the reason (exit code 1)."""
    from ..pipeline import reextract

    require_model(model)
    archive = open_archive(db)
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("extract", total=archive.stats()["articles"])
        report = reextract(archive, Settings(db=db, model=model), workers=workers,
                           on_article=lambda: progress.advance(task))
    console.print(f"Re-extracted {report.articles} articles with {model}.")
    for article_id, path, reason in report.failed:
        err.print(f"[red]failed[/] article {article_id} ({escape(path)}): {escape(reason)}; "
                  "its earlier annotations are kept", soft_wrap=True)
    raise typer.Exit(1 if report.failed else 0)


ARTICLE_COLUMNS = [Column("published", "date", 10, 2), Column("outlet", "outlet", 12, 3, prose=1),
                   Column("title", "title", 20, 1, prose=3), Column("language", "lang", 4, 5),
                   Column("words", "words", 6, 4), Column("id", "id", 16, 1)]
ArticleSort = Literal["newest", "oldest", "ingest"]
MissingField = Literal["title", "date", "outlet"]


@app.command()
def articles(
    db: str = DbOption,
    outlet: Optional[str] = typer.Option(None, help="Only this outlet."),
    language: Optional[str] = typer.Option(None, help="Only this language (en, ar, ...)."),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    sort: ArticleSort = typer.Option("newest", "--sort", help="newest or oldest: by publication date; "
                                     "ingest: in the order they were ingested."),
    limit: Optional[int] = typer.Option(None, min=1, help="At most this many rows."),
    missing: Optional[MissingField] = typer.Option(None, "--missing", help="Only articles that came out "
                                                   "without this: to find what the cutting missed."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List articles, newest first: date, outlet, title, language, words, id."""
    field = next((name for name, word in _MISSING_WORDS.items() if word == missing), None)
    rows = open_archive(db).list_articles(outlet=_masthead(outlet), since=since, until=until, language=language,
                                          limit=limit, sort=sort, missing=field)
    print_records(rows, ARTICLE_COLUMNS, fmt, console, err)


@app.command()
def show(article_id: str = typer.Argument(..., help="An article id from `cliptrace articles`."), db: str = DbOption) -> None:
    """Show one article: metadata, where it came from, and its clean text."""
    article = open_archive(db).get_article(article_id)
    if article is None:
        refuse(f"No article with id {article_id!r} in {db}.")
    d = article.draft
    console.print(f"[bold]{escape(d.title or '(no title)')}[/]")
    console.print(f"date: {d.published or '?'}  outlet: {d.outlet or '?'}  authors: {', '.join(d.authors) or '?'}  "
                  f"language: {d.language}  url: {d.url or '-'}", markup=False)
    console.print(f"source: {article.source_path} (sha256 {article.source_sha256[:12]}…, article {article.position})",
                  markup=False)
    if article.duplicate_of:
        console.print(f"near-duplicate of {article.duplicate_of}")
    console.print()
    console.print(d.text, markup=False, highlight=False, soft_wrap=True)


# For --format json/csv (the table format prints each hit as a title line and its snippet).
SEARCH_COLUMNS = [Column("id", "id", 16, 1), Column("title", "title", 20, 1, prose=1), Column("published", "date", 10, 2),
                  Column("outlet", "outlet", 10, 3, prose=1), Column("snippet", "snippet", 20, 1, prose=2)]


@app.command()
def search(
    query: str = typer.Argument(..., help='Words to find, e.g. "ceasefire talks".'),
    db: str = DbOption,
    outlet: Optional[str] = typer.Option(None, help="Only this outlet."),
    language: Optional[str] = typer.Option(None, help="Only this language."),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    limit: int = typer.Option(20, min=1, help="At most this many hits."),
    fmt: OutputFormat = typer.Option("table", "--format", "-f",
                                     help="table: title and snippet per hit; json or csv for scripts."),
) -> None:
    """Full-text search, best matches first (BM25), with the hit highlighted in a snippet."""
    hits = open_archive(db).search(query, outlet=_masthead(outlet), since=since, until=until, language=language,
                                   limit=limit, start_mark="\x02", end_mark="\x03")
    if fmt != "table":
        records = [{"id": h.id, "title": h.title, "published": h.published, "outlet": h.outlet,
                    "snippet": h.snippet.replace("\x02", "").replace("\x03", "")} for h in hits]
        print_records(records, SEARCH_COLUMNS, fmt, console, err)
        return
    if not hits:
        console.print("No match.")
        return
    for hit in hits:
        console.print(f"[bold]{escape(hit.title or '(no title)')}[/]  "
                      f"[dim]{hit.id} · {hit.published or '?'} · {escape(hit.outlet or '?')}[/]")
        console.print("  " + _rich_snippet(hit.snippet))


def _masthead(outlet: str | None) -> str | None:
    """Outlets are stored by masthead: "Al Mayadeen English" and "Al Mayadeen Net" are Al Mayadeen."""
    if not outlet:
        return None
    from ..ingest.meta import masthead  # imports dateparser: only when an outlet is asked for

    return masthead(outlet)


def _rich_snippet(snippet: str) -> str:
    """Archive snippets mark hits with \x02…\x03; show them bold yellow, everything else escaped."""
    return escape(" ".join(snippet.split())).replace("\x02", "[bold yellow]").replace("\x03", "[/]")


@app.command()
def export(
    db: str = DbOption,
    format: Literal["jsonl", "csv", "parquet"] = typer.Option(
        "jsonl", "--format", "-f", help="jsonl (the contract), csv or parquet."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (jsonl: default stdout)."),
) -> None:
    """Export the archive. JSONL follows docs/CONTRACT.md: one article per line with every annotation.

    The folders --output needs are created; a path that cannot be written is refused (exit code 2).
    """
    from ..archive import export as exporter

    if format != "jsonl" and output is None:
        refuse(f"--output is required for {format}.")
    archive = open_archive(db)
    if output is None:
        exporter.write_jsonl(archive, sys.stdout)
        return
    try:
        _export_file(archive, format, output)
    except OSError as exc:  # a folder, a file in the way, no permission: refused as it is opened
        refuse(f"Cannot write {output}: {os.strerror(exc.errno) if exc.errno else exc}")
    err.print(f"Wrote {output}")


def _export_file(archive, format: str, output: Path) -> None:
    """Write the export as `format` to `output`, creating its missing folders (as ingest does for --db)."""
    from ..archive import export as exporter

    if not output.parent.exists():
        output.parent.mkdir(parents=True)
    if format == "jsonl":
        with output.open("w", encoding="utf-8") as out:
            exporter.write_jsonl(archive, out)
    else:
        (exporter.write_csv if format == "csv" else exporter.write_parquet)(archive, output)


def _stats_tables(s: dict) -> list[Table]:
    """The archive's counts as small tables: a summary, then per outlet, language and year."""
    summary = Table("sources ingested", "sources failed", "parts failed", "articles", "near-duplicates",
                    title="archive")
    summary.add_row(*(f"{s[k]:,}" for k in ("sources_ok", "sources_failed", "parts_failed", "articles", "duplicates")))
    tables = [summary]
    for key, label in (("per_outlet", "outlet"), ("per_language", "language"), ("per_year", "year")):
        table = Table(label, "articles", title=f"articles per {label}")
        for value, count in s[key].items():
            table.add_row(value, f"{count:,}")
        tables.append(table)
    return tables


def _named_unknowns(s: dict) -> dict:
    """`stats` with articles of no known outlet, language or year counted under "unknown"."""
    return {k: {("unknown" if key is None else key): n for key, n in v.items()} if isinstance(v, dict) else v
            for k, v in s.items()}


@app.command()
def stats(
    db: str = DbOption,
    failed: bool = typer.Option(False, "--failed", help="List the files that failed, and the parts of stored "
                                "ones (a data set's rows) that could not be read, with the reason."),
    check: bool = typer.Option(False, "--check", help="Verify the archive (database, search index, "
                               "stored bytes, interrupted steps); exit code 1 on a problem."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object."),
) -> None:
    """Sources ingested and failed, parts of them failed (a data set's rows), articles, and counts per
    outlet, language and year."""
    archive = open_archive(db)
    if check:
        from ..archive.integrity import check as check_archive

        problems = check_archive(archive)
        for problem in problems:
            err.print(escape(problem), soft_wrap=True)
        console.print(f"{len(problems)} problems found." if problems else "The archive is whole.")
        raise typer.Exit(1 if problems else 0)
    if failed:
        failures = archive.failures()
        if as_json:
            console.print_json(data=failures, default=str)
            return
        for row in failures:  # one line each, unwrapped, so paths can be copied
            console.print(f"{escape(row['path'])}: {escape(row['reason'])}", soft_wrap=True)
        parts = sum(row["status"] == "part" for row in failures)
        console.print(f"{len(failures) - parts} files failed" + (
            f"; {parts} part{'s' * (parts != 1)} of stored files (rows, messages, records) could not be read."
            if parts else "."))
        return
    s = _named_unknowns(archive.stats())
    if as_json:
        print(json.dumps(s, indent=2, ensure_ascii=False))
        return
    for table in _stats_tables(s):
        console.print(table)


@app.command()
def repair(db: str = DbOption) -> None:
    """Finish what an interrupted command left (entity merging, framing counts) and rebuild the search index."""
    from ..archive.integrity import rebuild_search_index
    from ..resume import finish_pending

    archive = open_archive(db)
    done = finish_pending(archive)
    rebuild_search_index(archive)
    console.print(f"Finished: {', '.join(done)}." if done else "No interrupted step was pending.")
    console.print("Search index rebuilt.")


@app.command("eval")
def evaluate_cmd(
    gold: Path = typer.Option(..., "--gold", help="A gold folder shaped like shared/gold (articles.jsonl, ...)."),
    db: str = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the full JSON report instead of the table."),
) -> None:
    """Compare the archive with a gold folder: articles, metadata, boilerplate, quotes and figures."""
    from ..archive.export import article_to_contract
    from ..evaluate import evaluate, render_table

    if not (gold / "articles.jsonl").exists():
        refuse(f"{gold} has no articles.jsonl: not a gold folder.")
    records = [article_to_contract(a) for a in open_archive(db).iter_articles()]
    report = evaluate(records, gold)
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    tables = render_table(report)
    for table in tables if isinstance(tables, list) else [tables]:
        console.print(table)
    console.print("Every match and miss: --json.")
