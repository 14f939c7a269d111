"""The Typer app and what every command shares: consoles, options, opening the archive."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from ..archive.store import Archive
from ..settings import DEFAULT_DB, DEFAULT_MODEL

app = typer.Typer(
    help="Turn a pile of news clippings into an archive of who said what, when, and on whose "
    "authority.\n\nStart with `cliptrace ingest FOLDER`, then `cliptrace articles`, "
    "`cliptrace search WORDS`, `cliptrace quotes --speaker NAME` or `cliptrace serve`.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
console = Console()
err = Console(stderr=True)

DbOption = typer.Option(
    DEFAULT_DB, "--db", envvar="CLIPTRACE_DB",
    help="SQLite file, or a SQLAlchemy URL such as postgresql+psycopg://user@host/db.",
)
ModelOption = typer.Option(
    DEFAULT_MODEL, "--model", envvar="CLIPTRACE_MODEL",
    help="Installed spaCy pipeline used for extraction.",
)
SinceOption = typer.Option(None, "--since", help="Only on or after this date (YYYY-MM-DD).")
UntilOption = typer.Option(None, "--until", help="Only on or before this date (YYYY-MM-DD).")


def open_archive(db: str, create: bool = False) -> Archive:
    """The archive at `db`; a clear message and exit code 2 when it is missing or unreachable."""
    if not create and "://" not in db and not Path(db).expanduser().exists():
        err.print(f"No archive at {db}: create one with `cliptrace ingest FOLDER --db {db}`.")
        raise typer.Exit(2)
    try:
        return Archive.open(db)
    except SQLAlchemyError as exc:
        err.print(f"Cannot open the archive {db}: {getattr(exc, 'orig', None) or exc}")
        raise typer.Exit(2) from exc


# Columns a reader copies or scans (ids, dates) never wrap; prose columns wrap.
_NO_WRAP = {"id", "article", "date", "as of"}


def make_table(*columns: str) -> Table:
    table = Table()
    for name in columns:
        table.add_column(name, no_wrap=name in _NO_WRAP, min_width=16 if name in ("id", "article") else None)
    return table
