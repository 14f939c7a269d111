"""Ingest speed: the seed clippings copied many times, through the whole pipeline, into SQLite.

    python benchmarks/speed.py                    # 400 copies of the seeds (2,000 files), workers 1 and 2
    python benchmarks/speed.py --copies 2         # smoke check: 10 files, exits 1 if nothing was ingested
    python benchmarks/speed.py --workers 2 --db /tmp/bench.sqlite

Each copy gets a different run of trailing white space, so every file has its own sha256 (nothing
is skipped as "already archived") while the extracted text stays the same. Near-duplicate
detection is off. Each worker setting runs in a fresh process (so a model loaded by one run does
not flatter the next) and reports wall time, articles/s, words/s and peak memory: the largest
sum of RSS over the process and its workers (sampled with psutil), and `ru_maxrss`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "clippings"
SAMPLE_EVERY_S = 0.1


def unique_suffix(number: int) -> bytes:
    """Trailing white space spelling `number` in binary (space 0, tab 1): changes the sha256 only."""
    return b"\n" + format(number, "b").replace("0", " ").replace("1", "\t").encode() + b"\n"


def make_copies(seeds: Path, copies: int, target: Path, salt: int) -> int:
    """Writes `copies` copies of every seed file under `target`; returns the number of files."""
    files = sorted(p for p in seeds.iterdir() if p.is_file())
    for copy in range(copies):
        folder = target / f"copy_{copy:05d}"
        folder.mkdir(parents=True)
        for seed in files:
            (folder / seed.name).write_bytes(seed.read_bytes() + unique_suffix(salt * copies + copy))
    return copies * len(files)


def run_pipeline(folder: Path, db: str, workers: int, on_source) -> tuple[int, int, int]:
    """cliptrace's full ingest of `folder` into `db`: (articles, words, failed sources).
    `on_source()` is called as each source is done."""
    from cliptrace.archive.store import Archive
    from cliptrace.pipeline import ingest_paths
    from cliptrace.settings import Settings

    with Archive.open(db) as archive:
        report = ingest_paths([str(folder)], archive, Settings(db=db), workers=workers, near_duplicates=False,
                              on_result=lambda path, status: on_source())
        words = sum(len(article.text.split()) for article in archive.iter_articles(with_annotations=False)
                    if article.source_path.startswith(str(folder)))
    return report.articles, words, len(report.failed)


class PeakRss:
    """Samples the RSS of this process plus all its descendants in a thread; keeps the peak."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:  # a worker ended between listing and reading
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(SAMPLE_EVERY_S)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure(folder: Path, db: str, workers: int) -> dict:
    done: list[float] = []  # when each source was finished
    with PeakRss() as rss:
        started = time.perf_counter()
        articles, words, failed = run_pipeline(folder, db, workers, lambda: done.append(time.perf_counter()))
        wall = time.perf_counter() - started
    return {
        "workers": workers, "wall_s": wall, "articles": articles, "words": words, "failed": failed,
        "first_s": done[0] - started if done else None,  # start-up: model loading, first file
        "peak_tree_mib": rss.peak / 2**20,
        # Linux reports KiB; CHILDREN is the largest single finished child, not a sum
        "maxrss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "maxrss_children_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _measure_into(queue, folder: Path, db: str, workers: int) -> None:
    queue.put(measure(folder, db, workers))


def measure_in_fresh_process(folder: Path, db: str, workers: int) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_measure_into, args=(queue, folder, db, workers))
    process.start()
    process.join()  # the result is a small dict: it fits the queue's pipe buffer
    if process.exitcode != 0:
        raise SystemExit(f"the run with {workers} worker(s) failed (exit code {process.exitcode})")
    return queue.get(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=400, help="copies of the seed folder (default 400)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--db", default=None,
                        help="SQLite path or SQLAlchemy URL shared by all runs (default: a fresh temp file per run)")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="cliptrace-speed-"))
    table = Table(title=f"cliptrace ingest, {args.copies} copies of {args.seeds.name}/")
    for column in ("workers", "files", "articles", "words", "wall s", "1st file s", "art/s", "words/s",
                   "peak MiB", "maxrss MiB", "failed"):
        table.add_column(column, justify="right")
    ok = True
    try:
        for run, workers in enumerate(int(w) for w in args.workers.split(",")):
            folder = scratch / f"run{run}"
            files = make_copies(args.seeds, args.copies, folder, salt=run)
            db = args.db or str(scratch / f"run{run}.sqlite")
            r = measure_in_fresh_process(folder, db, workers)
            ok = ok and r["articles"] > 0
            table.add_row(str(workers), str(files), str(r["articles"]), str(r["words"]), f"{r['wall_s']:.1f}",
                          "-" if r["first_s"] is None else f"{r['first_s']:.1f}",
                          f"{r['articles'] / r['wall_s']:.1f}", f"{r['words'] / r['wall_s']:.0f}",
                          f"{r['peak_tree_mib']:.0f}", f"{r['maxrss_self_mib']:.0f}/{r['maxrss_children_mib']:.0f}",
                          str(r["failed"]))
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    table.caption = "peak MiB: RSS of the process tree, sampled; maxrss MiB: ru_maxrss self/largest child"
    Console(width=140).print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
