"""Quote extraction on the seed clippings, through the real chain, scored by `cliptrace.evaluate`.

    python benchmarks/seed_quotes.py [--seeds examples/clippings] [--gold ../shared/gold] [--json out.json]

Chain: `read_source` → `split_document` → `nlp(draft.text)` → `find_entities` →
`find_quotes(doc, draft, index.resolve)` (figures and events are skipped: they do not touch
quotes). Records are the export contract's dicts; matching, P/R/F1 and speaker accuracy are those of
`cliptrace.evaluate` (text folded, speaker right when it equals the gold speaker or an alias).
Prints the totals, then every miss, false positive and wrong speaker.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cliptrace.archive.export import article_to_contract
from cliptrace.evaluate import evaluate
from cliptrace.extract.entities import find_entities
from cliptrace.extract.nlp import load_nlp
from cliptrace.extract.quotes import find_quotes
from cliptrace.ingest.read import read_source
from cliptrace.ingest.split import split_document
from cliptrace.model import Annotations, Article, Source, article_id
from cliptrace.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]


def seed_records(seeds: Path, nlp) -> list[dict]:
    records = []
    for path in sorted(seeds.glob("*.txt")):
        source = Source(str(path), path.read_bytes())
        drafts = [draft for document in read_source(source) for draft in split_document(document)]
        for position, draft in enumerate(drafts):
            annotations = Annotations()
            if draft.language == "en" and draft.text.strip():
                doc = nlp(draft.text)
                index = find_entities(doc, draft)
                annotations = Annotations(entities=index.entities, quotes=find_quotes(doc, draft, index.resolve))
            article = Article(article_id(source.sha256, position), source.path, source.sha256, position,
                              draft, annotations)
            records.append(article_to_contract(article))
    return records


def print_quotes_report(scores: dict) -> None:
    print(f"quotes: P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
          f"({scores['matched']}/{scores['gold']} gold, {scores['predicted']} predicted)  "
          f"speaker {scores['speaker']['accuracy']:.3f} ({scores['speaker']['correct']}/{scores['speaker']['total']})  "
          f"kind {scores['kind']['accuracy']:.3f}")
    for item in scores["articles_not_found"]:
        print(f"ARTICLE NOT FOUND {item['file']}#{item['index']}")
    for item in scores["missed"]:
        print(f"MISS  {item['file'][:3]}#{item['index']} {item['kind']:<8} {item['quote'][:150]}")
    for item in scores["spurious"]:
        print(f"FP    {item['file'][:3]}#{item['index']} {item['kind']:<8} {item['text'][:150]}")
    for item in scores["speaker_errors"]:
        print(f"SPK   gold {item['gold']!r} got {item['predicted']!r}: {item['quote'][:90]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "examples" / "clippings")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None, help="also write the quote scores here")
    args = parser.parse_args(argv)
    scores = evaluate(seed_records(args.seeds, load_nlp(args.model)), args.gold)["quotes"]
    print_quotes_report(scores)
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
