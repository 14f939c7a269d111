"""Commands that question the archive: people, quotes, figures, events, and alias corrections."""

from __future__ import annotations

import shlex
from dataclasses import asdict
from typing import Optional

import typer

from ..archive.store import Archive
from ..model import EntityType, EventType, FigureCategory, QuoteKind
from ..questions.figures import claims
from ..questions.people import find_entities_named, known_names, list_people, shown_name, spellings_of
from ..questions.quotes import statements
from ..questions.timeline import EVENT_TYPES, timeline
from .app import DbOption, FormatOption, SinceOption, UntilOption, app, console, err, open_archive, refuse
from .output import Column, OutputFormat, print_records
from .help import CliptraceTyper

aliases_app = CliptraceTyper(help="Correct who is who: merge two names into one person, split or rename one "
                                  "(corrections live in the archive and survive re-extraction), or merge "
                                  "everyone's spellings again from scratch.",
                             no_args_is_help=True)
app.add_typer(aliases_app, name="aliases")

PEOPLE_COLUMNS = [Column("name", "name", 16, 1, prose=1), Column("articles", "articles", 8, 2),
                  Column("quotes", "quotes", 6, 3), Column("spellings", "other spellings", 16, 4, prose=1),
                  Column("id", "id", 12, 5)]
QUOTE_COLUMNS = [Column("date", "date", 10, 2), Column("speaker", "speaker", 12, 1, prose=1),
                 Column("kind", "kind", 8, 5), Column("cue", "cue", 8, 6), Column("text", "quote", 24, 1, prose=3),
                 Column("outlet", "outlet", 10, 4, prose=1), Column("article_id", "article", 16, 3)]
FIGURE_COLUMNS = [Column("date", "as of", 10, 2), Column("claim", "value", 15, 1), Column("category", "category", 9, 3),
                  Column("subject", "counted", 12, 2, prose=1), Column("source", "source", 12, 2, prose=1),
                  Column("place", "place", 10, 5), Column("text", "sentence", 20, 6, prose=2),
                  Column("article_id", "article", 16, 4)]
EVENT_COLUMNS = [Column("date", "date", 10, 1), Column("type", "type", 9, 3), Column("who", "who", 16, 1, prose=1),
                 Column("place", "place", 10, 4), Column("text", "sentence", 20, 2, prose=1),
                 Column("article_id", "article", 16, 3)]


@app.command()
def people(
    db: str = DbOption,
    name: Optional[str] = typer.Option(None, "--name", help="Only entities whose name or a spelling contains this."),
    kind: EntityType = typer.Option("person", "--type", help="Which entities to list."),
    limit: int = typer.Option(30, min=1, help="At most this many rows."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """People ranked by how many articles mention them, with their quotes and every spelling seen."""
    with open_archive(db).engine.connect() as conn:
        rows = list_people(conn, type_=kind, q=name, limit=limit + 1)
        more, rows = len(rows) > limit, rows[:limit]
        spellings = spellings_of(conn, [r.id for r in rows])
    records = [{**asdict(r), "spellings": sorted(s for s in spellings.get(r.id, []) if s != r.name)} for r in rows]
    print_records(records, PEOPLE_COLUMNS, fmt, console, err)
    if fmt == "table" and more:  # say the list goes on; CSV and JSON stay plain rows
        console.print(f"The {limit} most mentioned shown; more with --limit {limit * 10}.")


def _nobody_called(name: str, db: str, like: list[str] | None = None) -> str:
    """The line saying no entity in `db` is called `name`: the people `like` it that the user may
    mean, or else a lookup; either can be pasted into a shell."""
    hint = (f"Did you mean {' or '.join(map(shlex.quote, like))}?" if like
            else f"Try `cliptrace people --name {shlex.quote(name)}`.")
    return f"Nobody called {name!r} in {db}. {hint}"


@app.command()
def quotes(
    db: str = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="A person, in any spelling (Haniyeh, Haniya…)."),
    kind: Optional[QuoteKind] = typer.Option(None, "--kind", help="Direct, reported (indirect) or mixed quotes."),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0,
        help="Only quotes attributed at least this surely (0..1; a named speaker scores highest)."),
    limit: int = typer.Option(200, min=1, help="At most this many quotes."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Statements with their speaker, the day they were said, the cue and the outlet."""
    archive = open_archive(db)
    with archive.engine.connect() as conn:
        speaker_ids: list[str | None] = [None]
        if speaker:
            # A person first; else an organisation or anything else that spoke ("Hamas", a ministry).
            speaker_ids = [e.id for e in find_entities_named(conn, speaker) or find_entities_named(conn, speaker, None)]
            if not speaker_ids:
                refuse(_nobody_called(speaker, db))  # a user error, as in `aliases`: exit 2
        found = [s for sid in speaker_ids for s in statements(conn, speaker_id=sid, since=since, until=until,
                                                              min_confidence=min_confidence, limit=limit)]
    found = [s for s in found if kind is None or s.kind == kind]
    shown = sorted(found, key=lambda s: s.date or "9999")[:limit]
    print_records([asdict(s) for s in shown], QUOTE_COLUMNS, fmt, console, err)
    if fmt == "table" and found:  # with none, the table's "No match." says it
        console.print(f"{len(found)} quotes")
    elif fmt == "table" and speaker:  # the name is known (else refused above): say so
        console.print(f"{speaker!r} is in the archive, but no quotation{' of this kind or time' if kind or since or until else ''} "
                      f"is attributed to them.", soft_wrap=True)


@app.command()
def figures(
    db: str = DbOption,
    category: Optional[FigureCategory] = typer.Option(None, help="Only claims of this kind."),
    source: Optional[str] = typer.Option(None, help="Only figures this source is cited for."),
    limit: int = typer.Option(200, min=1, help="At most this many claims."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Claimed counts over time, with their hedge and the source the article cites."""
    with open_archive(db).engine.connect() as conn:
        found = claims(conn, category=category, source=source, limit=limit)

    def claim(c) -> str:
        hedge = "" if c.approx == "exact" else c.approx.replace("_", " ") + " "
        return f"{hedge}{c.value:,}"

    print_records([{**asdict(c), "claim": claim(c)} for c in found], FIGURE_COLUMNS, fmt, console, err)


@app.command()
def events(
    db: str = DbOption,
    type_: Optional[EventType] = typer.Option(None, "--type", help="Only events of this type."),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    limit: int = typer.Option(200, min=1, help="At most this many events."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Who met whom, where and when."""
    with open_archive(db).engine.connect() as conn:
        found = timeline(conn, types=[type_] if type_ else list(EVENT_TYPES), since=since, until=until, limit=limit)
    print_records([asdict(item) for item in found], EVENT_COLUMNS, fmt, console, err)


def _refuse_unknown(conn, db: str, names: list[str]) -> None:
    """Exit 2 at the first of `names` that is no entity's name or spelling as written: a correction
    naming nobody would be kept and change nothing. The people it may mean are suggested."""
    known = known_names(conn, names)
    for name in names:
        if name not in known:
            refuse(_nobody_called(name, db, [p.name for p in find_entities_named(conn, name)[:3]]))


def _correct(db: str, action: str, args: dict, names: list[str]) -> Archive:
    """Record the correction and apply it to the archive, once every one of `names` is known there."""
    from ..resume import ENTITIES, finish_pending

    archive = open_archive(db)
    with archive.engine.connect() as conn:
        _refuse_unknown(conn, db, names)
    archive.mark_pending([ENTITIES])  # so a kill before the merge still applies the correction later
    archive.add_correction(action, args)
    finish_pending(archive)
    return archive


@aliases_app.command("merge")
def aliases_merge(names: list[str] = typer.Argument(..., help="Two or more names of one person, as `cliptrace "
                                                   "people` lists them (a name or one of its other spellings); the "
                                                   "first one's person is kept."),
                  db: str = DbOption) -> None:
    """Say that several names are one person: `cliptrace aliases merge "Ziad al-Nakhaleh" "Ziyad Al-Nakhalah"`."""
    if len(names) < 2:
        refuse("Give at least two names to merge.")
    archive = _correct(db, "merge", {"names": names}, names)
    with archive.engine.connect() as conn:  # the first name's person, who may be shown by another name
        console.print(f"Merged into {shown_name(conn, names[0]) or names[0]}.", markup=False)


@aliases_app.command("split")
def aliases_split(name: str = typer.Argument(..., help="A spelling wrongly merged into someone else, as written."),
                  db: str = DbOption) -> None:
    """Take one spelling out of the person it was merged into."""
    _correct(db, "split", {"name": name}, [name])
    console.print(f"{name} is now its own entity.")


@aliases_app.command("rename")
def aliases_rename(name: str = typer.Argument(..., help="A name or spelling of the person, as written."),
                   to: str = typer.Argument(..., help="The canonical name to show."), db: str = DbOption) -> None:
    """Choose the canonical name of a person."""
    _correct(db, "rename", {"name": name, "to": to}, [name])
    console.print(f"{name} is now shown as {to}.")


@aliases_app.command("resolve")
def aliases_resolve(db: str = DbOption) -> None:
    """Merge the spellings of every person again from scratch, with your corrections on top.

    Each ingest already merges the names it brings with the archive's; run this after upgrading
    cliptrace to a version that matches spellings differently. Its time grows with the number of
    distinct names, not their pairs; it runs as one transaction, so an interrupted run changes nothing.
    """
    archive = open_archive(db)
    with console.status("Merging the spellings of every name in the archive…"):
        done = archive.resolve_entities(full=True)
    console.print(f"{len(done.mapping):,} names resolved; {done.moved:,} groups of mentions moved to another entity.")
