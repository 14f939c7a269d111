"""How list commands print their records: a table that fits the terminal, JSON or CSV.

A table never squeezes its prose column to a sliver: when the terminal is too narrow for every
column at its minimum width, the columns of least value are left out (and named on stderr) until
the rest fit. Every column gets a fixed width computed here: left to size columns by their content,
Rich will not wrap a column narrower than its longest word ("International", an Arabic phrase) and
then crops the table's right edge. JSON and CSV always carry every column, for scripts.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len
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


def column_widths(columns: list[Column], cells: list[list[str]], width: int) -> list[int]:
    """The width in characters of each column, borders excluded, for a table `width` wide.

    `cells` holds one list per column. A column that does not wrap is as wide as its longest cell
    or header, at most `min_width` + 4 (longer cells end with an ellipsis); the prose columns share
    what is left in proportion to their weight, each at least its floor and at most its longest
    cell, what one cannot use going to the others. A prose column's floor is its `min_width`, or
    its longest word (up to `min_width` + 4) when the table still fits: "International" is not cut.
    """
    natural = [max([cell_len(c.header), *(cell_len(line) for v in col for line in v.splitlines())])
               for c, col in zip(columns, cells)]
    widths = [0 if c.prose else min(n, c.min_width + 4) for c, n in zip(columns, natural)]
    prose = [i for i, c in enumerate(columns) if c.prose]
    left = width - (3 * len(columns) + 1) - sum(widths)
    floor = {i: columns[i].min_width for i in prose}
    words = {i: max((cell_len(w) for v in cells[i] for w in v.split()), default=0) for i in prose}
    wider = {i: max(floor[i], min(words[i], floor[i] + 4)) for i in prose}
    if sum(wider.values()) <= left:
        floor = wider
    while prose:
        weight = sum(columns[i].prose for i in prose)
        share = {i: left * columns[i].prose // weight for i in prose}
        # A column held at its floor or its content needs no share: fix it, share the rest again.
        settled = {i: floor[i] for i in prose if share[i] < floor[i]} or \
            {i: natural[i] for i in prose if natural[i] <= share[i]}
        if not settled:
            share[prose[-1]] += left - sum(share.values())  # the rounding's leftover characters
            settled = share
        for i, w in settled.items():
            widths[i] = w
            left -= w
            prose.remove(i)
    return widths


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
    rows = [[_cell(record.get(c.key)) for c in kept] for record in records]
    table = Table()
    for c, w in zip(kept, column_widths(kept, [list(col) for col in zip(*rows)], console.width)):
        table.add_column(c.header, width=w, no_wrap=not c.prose, overflow="fold" if c.prose else "ellipsis")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    hidden = [c.header for c in columns if c not in kept]
    if hidden:
        err.print(f"{', '.join(hidden)} left out to fit {console.width} columns: widen the terminal or use "
                  "--format csv/json for every column.")
