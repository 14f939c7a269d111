"""Article metadata (title, publication date, outlet, authors) on 89 Zyte benchmark pages, scored
against our own dev gold `benchmarks/zyte_dev_gold/metadata.jsonl`.

    python benchmarks/zyte_metadata.py [--split dev|dev-2|held-out|all] [--errors] [--json out.json]

The gold pages are chosen by fixed rules (see the gold's README): 30 marked `dev` and 39 `dev-2`
(read for error analysis while writing the rules; dev-2 was scored once before anyone read it) and
20 `held-out` (scored only, to tell whether a rule generalises). They are decompressed into a temp folder and ingested through
the library (`pipeline.ingest_paths`, as `cliptrace ingest` does, annotations off) and exported as
contract dicts; a page cut into several articles is scored on its first.

Per field, exact-match accuracy:
- title and outlet: equal after folding (typographic quotation marks and dashes to ASCII, runs of
  white space to one, case folded); an outlet's leading "The" is ignored ("Wall Street Journal"
  is the masthead "The Wall Street Journal");
- published: the same YYYY-MM-DD, or both empty where the page gives no date;
- authors: the same set of folded names (an empty set where the page names no person).
`--errors` lists every wrong value, gold against predicted. The data are only read here, never
copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cliptrace.evaluate.folding import fold_name
from cliptrace.evaluate.gold import records_by_file
from zyte_speakers import DEFAULT_DATA, ingest_records

DEFAULT_GOLD = Path(__file__).resolve().parent / "zyte_dev_gold" / "metadata.jsonl"
FIELDS = ("title", "published", "outlet", "authors")
SPLITS = ("dev", "dev-2", "held-out")
_LEADING_THE = re.compile(r"^the\s+")


def comparable(field: str, value):
    """A field's value as compared: folded text, a date string, a frozenset of folded names."""
    if field == "authors":
        return frozenset(fold_name(name) for name in value or ())
    if field == "outlet":
        return _LEADING_THE.sub("", fold_name(value)) if value else None
    if field == "title":
        return fold_name(value) if value else None
    return value or None


def score(gold_rows: list[dict], records: list[dict]) -> dict:
    """{split: {field: {"right", "total"}}} and the list of wrong values."""
    by_file = records_by_file(records)
    counts = {split: {field: {"right": 0, "total": 0} for field in FIELDS} for split in SPLITS}
    errors = []
    for gold in gold_rows:
        found = by_file.get(gold["file"], [])
        record = found[0] if found else {}
        for field in FIELDS:
            predicted = record.get(field)
            right = comparable(field, predicted) == comparable(field, gold[field])
            tally = counts[gold["split"]][field]
            tally["total"] += 1
            tally["right"] += right
            if not right:
                errors.append({"file": gold["file"][:12], "split": gold["split"], "field": field,
                               "gold": gold[field], "predicted": predicted if found else "(no article)"})
    return {"counts": counts, "errors": errors}


def print_table(counts: dict, splits: tuple[str, ...]) -> None:
    table = Table(title="Zyte metadata: exact-match accuracy")
    table.add_column("field")
    for split in splits:
        table.add_column(f"{split} ({counts[split][FIELDS[0]]['total']} pages)", justify="right")
    for field in FIELDS:
        cells = []
        for split in splits:
            tally = counts[split][field]
            share = tally["right"] / tally["total"] if tally["total"] else 0.0
            cells.append(f"{share:.3f} ({tally['right']}/{tally['total']})")
        table.add_row(field, *cells)
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the metadata gold (JSON Lines)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the Zyte benchmark folder (html/*.html.gz)")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all",
                        help="score one split, or all side by side (default)")
    parser.add_argument("--errors", action="store_true", help="list every wrong value, gold against predicted")
    parser.add_argument("--json", type=Path, default=None, help="also write the counts and errors here")
    args = parser.parse_args(argv)

    splits = SPLITS if args.split == "all" else (args.split,)
    gold_rows = [row for row in map(json.loads, args.gold.read_text(encoding="utf-8").splitlines())
                 if row["split"] in splits]
    with tempfile.TemporaryDirectory(prefix="cliptrace-zyte-meta-") as scratch:
        records = ingest_records([row["file"] for row in gold_rows], args.data, Path(scratch), extract=False)
    result = score(gold_rows, records)
    print_table(result["counts"], splits)
    if args.errors:
        for error in sorted(result["errors"], key=lambda e: (e["field"], e["split"], e["file"])):
            print(f"{error['field']:9} {error['split']:8} {error['file']} "
                  f"gold {error['gold']!r} got {error['predicted']!r}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
