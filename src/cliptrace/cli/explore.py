"""Commands that question the archive: people, quotes, figures, events, and alias corrections."""

from __future__ import annotations

from typing import Optional

import typer

from ..questions.figures import claims
from ..questions.people import find_entities_named, list_people, spellings_of
from ..questions.quotes import statements
from ..questions.timeline import EVENT_TYPES, timeline
from .app import DbOption, SinceOption, UntilOption, app, console, err, make_table, open_archive

aliases_app = typer.Typer(help="Correct who is who: merge two names into one person, split or rename one. "
                               "Corrections live in the archive and survive re-extraction.",
                          no_args_is_help=True)
app.add_typer(aliases_app, name="aliases")


@app.command()
def people(
    db: str = DbOption,
    name: Optional[str] = typer.Option(None, "--name", help="Only entities whose name or a spelling contains this."),
    kind: str = typer.Option("person", "--type", help="person, org, place or other."),
    limit: int = typer.Option(30, help="At most this many rows."),
) -> None:
    """People ranked by how many articles mention them, with their quotes and every spelling seen."""
    with open_archive(db).engine.connect() as conn:
        rows = list_people(conn, type_=kind, q=name, limit=limit)
        spellings = spellings_of(conn, [r.id for r in rows])
    table = make_table("name", "articles", "quotes", "other spellings", "id")
    for row in rows:
        others = sorted(s for s in spellings.get(row.id, []) if s != row.name)
        table.add_row(row.name, str(row.articles), str(row.quotes), ", ".join(others), row.id)
    console.print(table)


@app.command()
def quotes(
    db: str = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="A person, in any spelling (Haniyeh, Haniya…)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect or mixed."),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0,
        help="Only quotes attributed at least this surely (0..1; a named speaker scores highest)."),
    limit: int = typer.Option(200, help="At most this many quotes."),
) -> None:
    """Statements with their speaker, the day they were said, the cue and the outlet."""
    archive = open_archive(db)
    with archive.engine.connect() as conn:
        speaker_ids: list[str | None] = [None]
        if speaker:
            speaker_ids = [e.id for e in find_entities_named(conn, speaker)]
            if not speaker_ids:
                err.print(f"Nobody called {speaker!r} in {db}. Try `cliptrace people --name {speaker}`.")
                raise typer.Exit(1)
        found = [s for sid in speaker_ids for s in statements(conn, speaker_id=sid, since=since, until=until,
                                                              min_confidence=min_confidence, limit=limit)]
    found = [s for s in found if kind is None or s.kind == kind]
    table = make_table("date", "speaker", "kind", "cue", "quote", "outlet", "article")
    for s in sorted(found, key=lambda s: s.date or "9999")[:limit]:
        table.add_row(s.date or "?", s.speaker or "?", s.kind, s.cue or "", s.text, s.outlet or "", s.article_id)
    console.print(table)
    console.print(f"{len(found)} quotes")


@app.command()
def figures(
    db: str = DbOption,
    category: Optional[str] = typer.Option(
        None, help="killed, injured, detained, captives, released, missing, displaced or other."),
    source: Optional[str] = typer.Option(None, help="Only figures this source is cited for."),
    limit: int = typer.Option(200, help="At most this many claims."),
) -> None:
    """Claimed counts over time, with their hedge and the source the article cites."""
    with open_archive(db).engine.connect() as conn:
        found = claims(conn, category=category, source=source, limit=limit)
    table = make_table("as of", "value", "category", "source", "place", "sentence", "article")
    for c in found:
        hedge = "" if c.approx == "exact" else c.approx.replace("_", " ") + " "
        table.add_row(c.date, f"{hedge}{c.value:,}", c.category, c.source, c.place or "", c.text, c.article_id)
    console.print(table)


@app.command()
def events(
    db: str = DbOption,
    type_: Optional[str] = typer.Option(None, "--type", help="meeting, visit, call, statement or other."),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    limit: int = typer.Option(200, help="At most this many events."),
) -> None:
    """Who met whom, where and when."""
    if type_ is not None and type_ not in EVENT_TYPES:
        err.print(f"Unknown event type {type_!r}: choose one of {', '.join(EVENT_TYPES)}.")
        raise typer.Exit(2)
    with open_archive(db).engine.connect() as conn:
        found = timeline(conn, types=[type_] if type_ else list(EVENT_TYPES), since=since, until=until, limit=limit)
    table = make_table("date", "type", "who", "place", "sentence", "article")
    for item in found:
        table.add_row(item.date, item.type, ", ".join(item.who), item.place or "", item.text, item.article_id)
    console.print(table)


def _correct(db: str, action: str, args: dict) -> None:
    from ..resume import ENTITIES, finish_pending

    archive = open_archive(db)
    archive.mark_pending([ENTITIES])  # so a kill before the merge still applies the correction later
    archive.add_correction(action, args)
    finish_pending(archive)


@aliases_app.command("merge")
def aliases_merge(names: list[str] = typer.Argument(..., help="Two or more names of one person; the first is kept."),
                  db: str = DbOption) -> None:
    """Say that several names are one person: `cliptrace aliases merge "Ziad al-Nakhaleh" "Ziyad Al-Nakhalah"`."""
    if len(names) < 2:
        err.print("Give at least two names to merge.")
        raise typer.Exit(2)
    _correct(db, "merge", {"names": names})
    console.print(f"Merged into {names[0]}.")


@aliases_app.command("split")
def aliases_split(name: str = typer.Argument(..., help="A spelling wrongly merged into someone else."),
                  db: str = DbOption) -> None:
    """Take one spelling out of the person it was merged into."""
    _correct(db, "split", {"name": name})
    console.print(f"{name} is now its own entity.")


@aliases_app.command("rename")
def aliases_rename(name: str = typer.Argument(..., help="A name or spelling of the person."),
                   to: str = typer.Argument(..., help="The canonical name to show."), db: str = DbOption) -> None:
    """Choose the canonical name of a person."""
    _correct(db, "rename", {"name": name, "to": to})
    console.print(f"{name} is now shown as {to}.")
