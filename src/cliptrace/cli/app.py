"""The Typer app and what every command shares: consoles, options, opening the archive.

Read-only commands must start fast: nothing here (or in the command modules' top-level imports)
may import spaCy, dateparser or the pipeline; commands that need them import them in their body.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from ..archive.store import Archive
from ..settings import DEFAULT_DB, DEFAULT_MODEL
from .dates import since_bound, until_bound
from .help import CliptraceTyper
from .output import OutputFormat

app = CliptraceTyper(
    help="Turn a pile of news clippings into an archive of who said what, when, and on whose "
    "authority.\n\nStart with `cliptrace ingest FOLDER`, then `cliptrace articles`, "
    "`cliptrace search WORDS`, `cliptrace quotes --speaker NAME` or `cliptrace serve`.",
    no_args_is_help=True,
    # Click's plain help: it gives an option's text the next line when its names are long, where
    # Rich's six-column table squeezes the text into a narrow strip on an 80-column terminal.
    rich_markup_mode=None,
)
# No default highlighter: Rich would colour every number and date in article text as if it mattered.
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = typer.Option(
    DEFAULT_DB, "--db", envvar="CLIPTRACE_DB",
    help="SQLite file, or a SQLAlchemy URL such as postgresql+psycopg://user@host/db.",
)
ModelOption = typer.Option(
    DEFAULT_MODEL, "--model", envvar="CLIPTRACE_MODEL",
    help="Installed spaCy pipeline used for extraction.",
)
SinceOption = typer.Option(None, "--since", metavar="DATE", parser=since_bound,
                           help="Only on or after this day: 2019-11-20, 20/11/2019, 2019-11, 2019, yesterday.")
UntilOption = typer.Option(None, "--until", metavar="DATE", parser=until_bound,
                           help="Only on or before this day (a month or year: up to its last day).")
FormatOption = typer.Option("table", "--format", "-f", help="table for reading; json or csv for scripts.")


def _version(db: str) -> str:
    """Version lines read from package metadata: spaCy is not imported for this."""
    def installed(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    model = os.environ.get("CLIPTRACE_MODEL", DEFAULT_MODEL)
    where = db if "://" in db else f"{Path(db).expanduser().resolve()}" + (
        "" if Path(db).expanduser().exists() else " (not created yet)")
    return (f"cliptrace {installed('cliptrace')}\n"
            f"spaCy {installed('spacy')}, model {model} {installed(model.replace('_', '-'))}\n"
            f"database {where}")


def _print_version(asked: bool) -> None:
    if asked:
        console.print(_version(os.environ.get("CLIPTRACE_DB", DEFAULT_DB)), markup=False, soft_wrap=True)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version, the spaCy model and the database in use, and exit."),
) -> None:
    """Options of `cliptrace` itself (the app's help text is given above)."""


def refuse(message: str) -> NoReturn:
    """Stop on a user error before anything is written: `message` on stderr as one line, never
    wrapped (names and paths in it can be copied whole), and exit code 2."""
    err.print(message, markup=False, soft_wrap=True)
    raise typer.Exit(2)


def require_model(model: str) -> None:
    """Refuse (exit 2) a spaCy pipeline that is not installed: checked before the archive is opened
    or created, so that nothing is written."""
    from ..extract.nlp import ModelNotInstalled, require_installed

    try:
        require_installed(model)
    except ModelNotInstalled as exc:
        refuse(str(exc))


def open_archive(db: str, create: bool = False) -> Archive:
    """The archive at `db`; a clear message and exit code 2 when it is missing or unreachable.

    Only `create=True` (ingest) may create a file: a mistyped --db elsewhere leaves nothing behind.
    """
    from sqlalchemy.exc import SQLAlchemyError

    if not create and "://" not in db and not Path(db).expanduser().is_file():
        refuse(f"No archive at {db}: create one with `cliptrace ingest FOLDER --db {db}`.")
    try:
        return Archive.open(db)
    except SQLAlchemyError as exc:
        refuse(f"Cannot open the archive {db}: {getattr(exc, 'orig', None) or exc}")

