"""`cliptrace eval`: scores exported records (the JSONL contract dicts) against the gold files.

    report = evaluate(records, Path("gold"))   # nested dict: articles, quotes, figures
    Console().print(render_table(report))

Records are mapped to gold files by the basename of `source.path`.
"""

from __future__ import annotations

from pathlib import Path

from cliptrace.evaluate.articles import score_articles
from cliptrace.evaluate.figures import score_figures
from cliptrace.evaluate.gold import load_gold, records_by_file
from cliptrace.evaluate.quotes import score_quotes
from cliptrace.evaluate.report import render_table

__all__ = ["evaluate", "render_table"]


def evaluate(records: list[dict], gold_dir: Path) -> dict:
    """Scores `records` against `gold_dir`; `quotes`/`figures` are None when their gold file is absent."""
    gold = load_gold(gold_dir)
    articles, matches = score_articles(gold, records_by_file(records))
    return {
        "articles": articles,
        "quotes": score_quotes(gold.quotes, matches) if gold.quotes else None,
        "figures": score_figures(gold.figures, matches) if gold.figures else None,
    }
