"""Article-body extraction quality on the Zyte article-extraction benchmark (181 HTML pages).

    python benchmarks/extraction_benchmark.py [--data DIR] [--limit N] [--systems cliptrace,trafilatura]

Metric (the benchmark's, re-implemented from its README): texts are tokenised with `\\w+`, cut into
4-token shingles (multisets); per page TP = shared shingles, FP = surplus predicted, FN = missing
gold. Precision and recall are averaged over pages (a page with FP = FN = 0 scores 1/1; P is
averaged over pages with TP+FP > 0, R over pages with TP+FN > 0); F1 = 2PR/(P+R) of the means.
Accuracy is the share of pages whose token list equals the gold one. Reference: trafilatura 2.0.0
scores F1 0.958 / P 0.938 / R 0.978 there.

The data are only measured here, never copied into the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.table import Table

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article-extraction-benchmark"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_counts(gold: str, predicted: str) -> tuple[int, int, int]:
    """(TP, FP, FN) of 4-token shingles for one page."""
    gold_shingles, predicted_shingles = shingles(gold), shingles(predicted)
    tp = sum((gold_shingles & predicted_shingles).values())
    return tp, sum(predicted_shingles.values()) - tp, sum(gold_shingles.values()) - tp


def score(pages: list[tuple[str, str]]) -> dict:
    """Mean precision / recall over pages, F1 of the means, exact-token accuracy."""
    precisions, recalls = [], []
    for gold, predicted in pages:
        tp, fp, fn = page_counts(gold, predicted)
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    precision, recall = statistics.mean(precisions), statistics.mean(recalls)
    exact = sum(_TOKEN.findall(gold) == _TOKEN.findall(predicted) for gold, predicted in pages)
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "accuracy": exact / len(pages)}


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def cliptrace_body(html: str) -> str:
    """cliptrace's own HTML path: read the bytes as a source, split, join the article bodies."""
    from cliptrace.ingest.errors import UnreadableSource
    from cliptrace.ingest.read import read_source
    from cliptrace.ingest.split import split_document
    from cliptrace.model import Source

    try:
        documents = read_source(Source("page.html", html.encode("utf-8")))
    except UnreadableSource:
        return ""
    return "\n\n".join(draft.text for document in documents for draft in split_document(document))


SYSTEMS: dict[str, Callable[[str], str]] = {"cliptrace": cliptrace_body, "trafilatura": trafilatura_body}


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(id, html, gold body) for each page, in id order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    return [(page_id, gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8"),
             truth[page_id]["articleBody"]) for page_id in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per system")
    args = parser.parse_args()

    pages = load_pages(args.data, args.limit)
    table = Table(title=f"Article bodies, {len(pages)} pages", caption="reference: trafilatura 2.0.0 F1 0.958")
    for column in ("system", "F1", "precision", "recall", "accuracy", "s/page"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name in args.systems.split(","):
        extract = SYSTEMS[name]
        started = time.perf_counter()
        predicted = [extract(html) for _, html, _ in pages]
        elapsed = time.perf_counter() - started
        result = score([(gold, body) for (_, _, gold), body in zip(pages, predicted)])
        table.add_row(name, *(f"{result[k]:.3f}" for k in ("f1", "precision", "recall", "accuracy")),
                      f"{elapsed / len(pages):.3f}")
        if args.worst:
            per_page = sorted(
                (score([(gold, body)])["f1"], page_id) for (page_id, _, gold), body in zip(pages, predicted)
            )
            for f1, page_id in per_page[:args.worst]:
                print(f"{name} worst: {page_id} F1 {f1:.3f}")
    Console().print(table)


if __name__ == "__main__":
    main()
