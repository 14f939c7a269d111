"""Fuzzing: mutated clippings through the readers, and through the whole pipeline.

    python benchmarks/fuzz.py [--readers 100000] [--pipeline 1000] [--workers 2] [--seed 0]

Bases: the seed clippings, the corpus-format samples and failure cases beside the clone
(../shared, when present), a PDF and a DOCX from tests/data, and HTML pages built from the seeds.
Mutations (several per input): byte flips, truncation, splices of two bases, runs of quotation
marks, newlines, Arabic text, deep HTML nesting, a repeated chunk, random bytes.

1. Reader level: each input through read -> split (clean, metadata) in a worker process with a
   per-input time limit (`--seconds`); a Python exception other than `UnreadableSource` is a crash.
2. Pipeline level: inputs written to a folder with the unmutated bases among them and ingested by
   `ingest_paths` under per-source budgets: a failure that is an extractor bug or a dead worker is
   a crash, a source over its time budget a hang, an unmutated base not stored a good file lost.

Prints counts, the first crash of each kind, and the peak resident memory of a worker; exits 1
when there is any crash, hang or lost good file.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cliptrace.archive.store import Archive
from cliptrace.ingest.errors import UnreadableSource
from cliptrace.ingest.read import read_source
from cliptrace.ingest.sniff import sniff
from cliptrace.ingest.split import split_document
from cliptrace.model import Document, Source
from cliptrace.pipeline import ingest_paths
from cliptrace.settings import Budgets, Settings
from cliptrace.workers import Refused, bounded_map

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARABIC = "قال المتحدث باسم الوزارة إن «الهدنة» ستستمر حتى الخميس. "
QUOTES = "“”‘’\"'«»„‚"


def bases() -> dict[str, bytes]:
    """name -> bytes of every unmutated input (HTML pages are built from the seed texts)."""
    found: dict[str, bytes] = {}
    folders = [ROOT / "examples" / "clippings", ROOT / "tests" / "data" / "ingest",
               SHARED / "corpus" / "formats", SHARED / "cases"]
    for folder in folders:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file() and not path.name.endswith((".json", ".py", ".md")):
                found[path.name] = path.read_bytes()
    for name, data in list(found.items())[:5]:
        paragraphs = data.decode("utf-8", "replace").split("\n\n")
        body = "".join(f"<p>{p}</p>\n" for p in paragraphs[1:])
        found[f"{name}.html"] = (f"<!doctype html><html><head><title>{paragraphs[0][:80]}</title></head>"
                                 f"<body><nav><a href='/'>Home</a></nav><article><h1>{paragraphs[0][:80]}</h1>"
                                 f"{body}</article><footer>© 2024</footer></body></html>").encode()
    return found


def mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    """One to three random mutations of `data` (`other`: a second base to splice in)."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data) + 1)
        kind = rng.choice(["flip", "truncate", "splice", "quotes", "newlines", "arabic", "nesting",
                           "repeat", "random"])
        if kind == "flip" and data:
            flipped = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            data = bytes(flipped)
        elif kind == "truncate":
            data = data[:at]
        elif kind == "splice":
            data = data[:at] + other[rng.randrange(len(other) + 1):]
        elif kind == "quotes":
            data = data[:at] + "".join(rng.choice(QUOTES) for _ in range(rng.randint(1, 400))).encode() + data[at:]
        elif kind == "newlines":
            data = data[:at] + rng.choice([b"\n", b"\r\n", b"\r", b"\n\n"]) * rng.randint(1, 2000) + data[at:]
        elif kind == "arabic":
            data = data[:at] + (ARABIC * rng.randint(1, 50)).encode(rng.choice(["utf-8", "utf-8", "cp1256"])) + data[at:]
        elif kind == "nesting":
            depth = rng.randint(100, 5000)
            data = data[:at] + b"<div>" * depth + b"deep words" + b"</div>" * rng.randint(0, depth) + data[at:]
        elif kind == "repeat" and data:
            start = rng.randrange(len(data))
            data = data[:at] + data[start:start + rng.randint(1, 3000)] * rng.randint(2, 40) + data[at:]
        else:
            data = data[:at] + rng.randbytes(rng.randint(1, 2000)) + data[at:]
    return data


def inputs(count: int, seed: int) -> list[tuple[str, bytes]]:
    found = bases()
    names = sorted(found)
    rng = random.Random(seed)
    made = []
    for i in range(count):
        name, other = rng.choice(names), rng.choice(names)
        made.append((f"{i:06d}_{name}", mutate(found[name], found[other], rng)))
    return made


def read_one(item: tuple[str, bytes]) -> tuple[str, str, int]:
    """(outcome, detail, peak resident KiB of this worker): outcome is ok, unreadable or crash."""
    name, data = item
    try:
        parts = read_source(Source(name, data, sniff(data)))
        drafts = [d for doc in parts if isinstance(doc, Document) for d in split_document(doc)]
        outcome, detail = "ok", str(len(drafts))
    except UnreadableSource as refused:
        outcome, detail = "unreadable", str(refused)
    except Exception:  # what the fuzzing is for: any other exception is a bug
        outcome, detail = "crash", traceback.format_exc(limit=-3)
    return outcome, detail, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # first input of each kind of crash
    peak_kib: int = 0

    def add(self, name: str, outcome: str, detail: str) -> None:
        self.counts[outcome] += 1
        if outcome in ("crash", "hang", "lost"):
            self.examples.setdefault(detail.strip().splitlines()[-1][:200], name)


def fuzz_readers(count: int, seed: int, workers: int, budgets: Budgets) -> Tally:
    tally = Tally()
    for (name, _), outcome in bounded_map(read_one, inputs(count, seed), workers, budgets):
        if isinstance(outcome, Refused):
            tally.add(name, "hang" if "longer" in outcome else "crash", str(outcome))
        else:
            tally.add(name, outcome[0], outcome[1])
            tally.peak_kib = max(tally.peak_kib, outcome[2])
    return tally


# A source's failure reason that is a bug, not a refusal of bad input (see pipeline._annotate, workers.py).
_CRASH_REASONS = ("extraction failed", "splitting failed", "died twice")


def fuzz_pipeline(count: int, seed: int, workers: int, budgets: Budgets) -> Tally:
    tally = Tally()
    # Good files: the bases the readers accept; each must be stored, whatever its neighbours do.
    good = {f"good_{name}": data for name, data in bases().items() if read_one((name, data))[0] == "ok"}
    with tempfile.TemporaryDirectory() as tmp:
        pile = Path(tmp) / "pile"
        pile.mkdir()
        for name, data in [*inputs(count, seed + 1), *good.items()]:
            (pile / name).write_bytes(data)
        db = str(Path(tmp) / "fuzz.sqlite")
        with Archive.open(db) as archive:
            report = ingest_paths([str(pile)], archive, Settings(db=db, budgets=budgets), workers=workers)
        for path, reason in report.failed + report.failed_parts:
            kind = ("lost" if Path(path).name in good else "hang" if "longer than" in reason
                    else "crash" if any(bug in reason for bug in _CRASH_REASONS) else "unreadable")
            tally.add(path, kind, reason)
        tally.counts["ok"] += len(report.added) + len(report.already)
    tally.peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=100_000, help="inputs through read/split")
    parser.add_argument("--pipeline", type=int, default=1000, help="inputs through the whole pipeline")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=30, help="time limit per input")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it logs every repair of a damaged PDF
    budgets = Budgets(seconds=args.seconds, memory_bytes=2**30)
    summary = {}
    for level, count, run in (("readers", args.readers, fuzz_readers), ("pipeline", args.pipeline, fuzz_pipeline)):
        if count:
            started = time.monotonic()
            tally = run(count, args.seed, args.workers, budgets)
            summary[level] = {"inputs": count, **tally.counts, "peak_worker_mib": round(tally.peak_kib / 1024),
                              "seconds": round(time.monotonic() - started), "first_of_each_kind": tally.examples}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    bad = sum(level.get(kind, 0) for level in summary.values() for kind in ("crash", "hang", "lost"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
