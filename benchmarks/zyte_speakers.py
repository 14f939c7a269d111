"""Quotations and speakers on 20 Zyte benchmark pages the seeds do not resemble (sports, business,
US politics, culture), scored against our own dev gold `benchmarks/zyte_dev_gold/quotes.jsonl`.

    python benchmarks/zyte_speakers.py [--data ../shared/eval/article-extraction-benchmark] [--json out.json]

The gold pages (`<page id>.html`, article 0) are decompressed into a temp folder and ingested with
`pipeline.ingest_paths` into a temp SQLite archive (extraction on, near-duplicates off), exactly as
`cliptrace ingest` does; the archive's articles are then exported as contract dicts. A page that
cliptrace cuts into several articles is scored on the one holding most gold quotations.

Measures (quote matching and speaker verdicts are `cliptrace.evaluate`'s, as for the seed gold):
- quotations P/R/F1 (one-to-one, text folded, >= 80 % token overlap) and speaker accuracy;
- speaker precision: of the matched quotations whose predicted speaker is a named entity
  (`speaker_id` set), the share naming the right person or organisation (issue 9 asks >= 0.97);
- invented persons: matched quotations the gold marks as naming nobody ("a spokesperson said")
  whose predicted speaker is a `person` entity.
The data are only read here, never copied into the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

from cliptrace.evaluate.articles import ArticleMatch
from cliptrace.evaluate.folding import fold
from cliptrace.evaluate.gold import load_gold, records_by_file
from cliptrace.evaluate.matching import greedy_match
from cliptrace.evaluate.quotes import quote_text_score, score_quotes, speaker_correct
from seed_quotes import print_quotes_report

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE / "zyte_dev_gold"
DEFAULT_DATA = HERE.parents[1] / "shared" / "eval" / "article-extraction-benchmark"


def ingest_records(pages: list[str], data: Path, scratch: Path, extract: bool = True) -> list[dict]:
    """Contract dicts of every article cliptrace finds in `pages` (file names `<id>.html`);
    `extract=False` skips the annotations (quotes, entities), for metadata alone."""
    from cliptrace.archive.export import article_to_contract
    from cliptrace.archive.store import Archive
    from cliptrace.pipeline import ingest_paths
    from cliptrace.settings import Settings

    folder = scratch / "pages"
    folder.mkdir()
    for name in pages:
        (folder / name).write_bytes(gzip.decompress((data / "html" / f"{name}.gz").read_bytes()))
    db = str(scratch / "zyte.sqlite")
    with Archive.open(db) as archive:
        report = ingest_paths([str(folder)], archive, Settings(db=db), extract=extract, near_duplicates=False)
        for path, reason in report.failed + report.failed_parts:
            print(f"FAILED {path}: {reason}", file=sys.stderr)
        return [article_to_contract(article) for article in archive.iter_articles()]


def page_matches(gold_quotes: dict[tuple[str, int], list[dict]], records: list[dict]) -> list[ArticleMatch]:
    """For each gold page, the record holding most of its gold quotations (by folded text)."""
    by_file = records_by_file(records)
    matches = []
    for (name, index), quotes in sorted(gold_quotes.items()):
        candidates = by_file.get(name, [])
        best = max(candidates, key=lambda r: sum(fold(q["quote"]) in fold(r["text"]) for q in quotes), default=None)
        if len(candidates) > 1:
            print(f"NOTE {name[:12]}: cut into {len(candidates)} articles, scoring the one with most gold quotes")
        matches.append(ArticleMatch(name, index, True, "found" if best else "missing", best))
    return matches


def speaker_measures(gold_quotes: dict[tuple[str, int], list[dict]], matches: list[ArticleMatch]) -> dict:
    """Speaker precision over named predictions and persons invented for unnamed sources."""
    named = right = invented = unnamed_gold = 0
    wrong: list[dict] = []
    for match in matches:
        if match.record is None:
            continue
        record, gold_items = match.record, gold_quotes[(match.file, match.index)]
        entities = {entity["id"]: entity for entity in record["entities"]}
        predicted = [{**q, "text": record["text"][q["start"]:q["end"]]} for q in record["quotes"]]
        for g, p in greedy_match(gold_items, predicted, lambda g, p: quote_text_score(g["quote"], p["text"])):
            gold, quote = gold_items[g], predicted[p]
            entity = entities.get(quote.get("speaker_id"))
            if gold["speaker"] is None:
                unnamed_gold += 1
                invented += bool(entity and entity["type"] == "person")
            if entity is None:
                continue
            named += 1
            spellings = {record["text"][s:e] for s, e in entity["mentions"]}
            if speaker_correct(gold, quote["speaker"], spellings):
                right += 1
            else:
                wrong.append({"file": match.file[:12], "quote": gold["quote"][:80],
                              "gold": gold["speaker"] or gold["aliases"], "predicted": quote["speaker"]})
    return {"named": named, "right": right, "precision": right / named if named else None,
            "unnamed_gold_matched": unnamed_gold, "invented_persons": invented, "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder holding quotes.jsonl")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the Zyte benchmark folder (html/*.html.gz)")
    parser.add_argument("--json", type=Path, default=None, help="also write every measure here")
    args = parser.parse_args(argv)

    gold_quotes = load_gold(args.gold).quotes
    pages = sorted({name for name, _ in gold_quotes})
    with tempfile.TemporaryDirectory(prefix="cliptrace-zyte-") as scratch:
        records = ingest_records(pages, args.data, Path(scratch))
    matches = page_matches(gold_quotes, records)
    scores = score_quotes(gold_quotes, matches)
    speakers = speaker_measures(gold_quotes, matches)

    print(f"{len(pages)} pages of {args.data.name}, gold {args.gold}")
    print_quotes_report(scores)
    precision = "-" if speakers["precision"] is None else f"{speakers['precision']:.3f}"
    print(f"speaker precision (named speakers): {precision} ({speakers['right']}/{speakers['named']})")
    print(f"persons named where the gold names nobody: {speakers['invented_persons']} "
          f"of {speakers['unnamed_gold_matched']} matched unnamed-source quotations")
    for item in speakers["wrong"]:
        print(f"WRONG {item['file']} gold {item['gold']!r} got {item['predicted']!r}: {item['quote']}")
    if args.json:
        args.json.write_text(json.dumps({"quotes": scores, "speakers": speakers}, indent=1, default=list),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
