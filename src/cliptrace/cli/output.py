"""How list commands print their records: a table that fits the terminal, JSON or CSV.

A table never squeezes its prose column to a sliver: when the terminal is too narrow for every
column at its minimum width, the columns of least value are left out (and named on stderr) until
the rest fit. JSON and CSV always carry every column, for scripts.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from typing import Any, Literal

from rich.console import Console
from rich.table import Table

OutputFormat = Literal["table", "json", "csv"]


@dataclass(frozen=True)
class Column:
    """One column: `key` in the records, its header, its minimum width in characters, and its
    `rank` (1 is kept longest; the highest rank goes first when the terminal is narrow).
    `prose` columns wrap and share the width left over in proportion to their `prose` weight;
    other columns never wrap and are cut with an ellipsis past `min_width` plus a little."""

    key: str
    header: str
    min_width: int
    rank: int
    prose: int = 0


def fit_columns(columns: list[Column], width: int) -> list[Column]:
    """The columns (in their order) that fit in `width` characters, dropping the highest ranks
    first. A rich Table with box borders needs 3 characters per column plus 1."""
    kept = list(columns)
    while len(kept) > 1 and sum(c.min_width + 3 for c in kept) + 1 > width:
        kept.remove(max(kept, key=lambda c: c.rank))
    return kept


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


def print_records(records: list[dict[str, Any]], columns: list[Column], fmt: OutputFormat,
                  console: Console, err: Console) -> None:
    """Print `records` (dicts holding at least every column's key) as `fmt`."""
    if fmt == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=[c.key for c in columns], extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
                          for k, v in record.items()} for record in records)
        return
    if not records:
        console.print("No match.")
        return
    kept = fit_columns(columns, console.width)
    table = Table()
    for c in kept:
        table.add_column(c.header, min_width=c.min_width, no_wrap=not c.prose, ratio=c.prose or None,
                         max_width=None if c.prose else c.min_width + 4,
                         overflow="fold" if c.prose else "ellipsis")
    for record in records:
        table.add_row(*(_cell(record.get(c.key)) for c in kept))
    console.print(table)
    hidden = [c.header for c in columns if c not in kept]
    if hidden:
        err.print(f"{', '.join(hidden)} left out to fit {console.width} columns: widen the terminal or use "
                  "--format csv/json for every column.")
