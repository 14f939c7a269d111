"""Reading the gold files and grouping exported records by the seed file they came from."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


@dataclass
class Gold:
    articles: dict[str, list[dict]]  # file name -> gold articles in order
    boilerplate: dict[str, list[str]]  # file name -> strings no article text may contain
    quotes: dict[tuple[str, int], list[dict]] = field(default_factory=dict)  # (file, article index)
    figures: dict[tuple[str, int], list[dict]] = field(default_factory=dict)


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _by_article(rows: list[dict]) -> dict[tuple[str, int], list[dict]]:
    grouped: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in rows:
        grouped[(row["file"], row["article"])].append(row)
    return dict(grouped)


def load_gold(gold_dir: Path) -> Gold:
    """Reads articles.jsonl and boilerplate.json, and quotes.jsonl / figures.jsonl when present."""
    gold_dir = Path(gold_dir)
    articles: dict[str, list[dict]] = defaultdict(list)
    for row in _read_jsonl(gold_dir / "articles.jsonl"):
        articles[row["file"]].append(row)
    for rows in articles.values():
        rows.sort(key=lambda row: row["index"])
    boilerplate_path = gold_dir / "boilerplate.json"
    boilerplate = json.loads(boilerplate_path.read_text(encoding="utf-8")) if boilerplate_path.exists() else {}
    return Gold(
        articles=dict(articles),
        boilerplate=boilerplate,
        quotes=_by_article(_read_jsonl(gold_dir / "quotes.jsonl")),
        figures=_by_article(_read_jsonl(gold_dir / "figures.jsonl")),
    )


def file_key(source_path: str) -> str:
    """The gold file name for a source path: its basename (zip members `a.zip!d/x.txt` -> `x.txt`)."""
    member = source_path.split("!")[-1].replace("\\", "/")
    return PurePosixPath(member).name


def records_by_file(records: list[dict]) -> dict[str, list[dict]]:
    """Records grouped by gold file name, each group in source order."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        grouped[file_key(record["source"]["path"])].append(record)
    for group in grouped.values():
        group.sort(key=lambda record: record["source"].get("position", 0))
    return dict(grouped)
