"""Ingest speed through the whole pipeline into SQLite, on copied or on distinct text, against the
peer pipeline, and as the archive grows.

    python benchmarks/speed.py --corpus polnear --peer             # 924 PolNeAR texts: cliptrace 1 and 2 processes vs the peer
    python benchmarks/speed.py --corpus generated --articles 5000 --peer --near-duplicates
    python benchmarks/speed.py --corpus seeds --copies 400         # the seeds copied 400 times (2,000 files)
    python benchmarks/speed.py --corpus arabic --copies 10 --workers 1   # the Arabic path on one core
    python benchmarks/speed.py --growth 1000,10000,100000 --batch 1000   # per-article cost as the archive grows
    python benchmarks/speed.py --corpus polnear --articles 100 --workers 1 --peer   # a small check

Corpora (`distinct_corpus.py`): `polnear` is PolNeAR's train+dev texts as they are (924 articles,
~690k words; `--articles N` takes the first N); `generated` is N distinct articles recombined from
their paragraphs with names, numbers and dates varied; `seeds` copies examples/clippings, each
copy with its own trailing white space so every file has its own sha256 (repeated text flatters
caches: prefer the distinct corpora); `arabic` copies the same way the 153 Al Mayadeen articles of
`../shared/eval/arabic-news` (~67k words a copy), which take the rule-based Arabic path. Texts are written to a scratch folder, deleted afterwards.

Every run is a fresh process (a model loaded by one run does not flatter the next) on a fresh
archive, extraction on, near-duplicates as `--near-duplicates` says (default off). Printed: wall
and CPU seconds (the process and its finished workers), files/s, words/s (words of the input
files, `str.split`, the same count for both pipelines), articles cliptrace stored, peak memory (the
largest sum of RSS over the process and its workers, sampled with psutil, and `ru_maxrss`), and
with `--peer` the peer pipeline (`peer_baseline.py`: trafilatura + stock spaCy + textacy) on the
same files in the same run, and cliptrace's speed as a multiple of the peer's: the peer's wall
seconds over cliptrace's (files/s ratio) and the same for CPU seconds (steadier on a busy machine).

`--growth SIZES`: one archive is filled with generated articles up to each size in turn, and
after each the next `--batch` new articles are ingested and timed: the printed curve is the wall
and CPU cost per new article at each archive size (issue 12 wants it flat within 20 %). The fill
runs with extraction on, unless `--fill-without-extraction`: then the fill is written as JSON Lines
data sets of FILL_ROWS_PER_FILE generated articles (title, text, language "en") and ingested without
extraction, a few milliseconds an article (one text file per article costs a source, a worker task and
a commit each: some 40 minutes for 100,000). The fill's articles then hold no mentions, quotes or
figures, but their names are in the name index that entity resolution reads: cliptrace's extractors
run once over PolNeAR's texts, each paragraph keeps the names whose mentions fall in it, and a
generated article's names are those of its paragraphs renamed as the generator renamed its text,
recorded with their mention counts (`entity_map.record_names`, as an ingest records them) and
resolved before the timed batch. `--profile DIR` writes a cProfile (CPU time) of the ingesting process
for each timed batch (`batch_<archive articles>.prof`; extraction runs in a worker process and is not
in it); the table gives that process's CPU beside the total (the archive's side: writes,
near-duplicates, entity resolution, framing counts).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import threading
import time
from bisect import bisect_right
from collections import Counter
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

from distinct_corpus import Pool, article_plan, generate_articles, paragraph_pool, polnear_texts, vary

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "clippings"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
ARABIC = ROOT.parent / "shared" / "eval" / "arabic-news"
SAMPLE_EVERY_S = 0.1
GROWTH_BATCH_START = 10_000_000  # numbers of the timed batches' articles: never those of the fill
FILL_ROWS_PER_FILE = 5000  # growth fill without extraction: articles per JSON Lines data set


def unique_suffix(number: int) -> bytes:
    """Trailing white space spelling `number` in binary (space 0, tab 1): changes the sha256 only."""
    return b"\n" + format(number, "b").replace("0", " ").replace("1", "\t").encode() + b"\n"


def make_copies(seeds: Path, copies: int, target: Path, salt: int, pattern: str = "*") -> int:
    """Writes `copies` copies of every seed file (named like `pattern`) under `target`; returns the
    number of files."""
    files = sorted(p for p in seeds.glob(pattern) if p.is_file())
    for copy in range(copies):
        folder = target / f"copy_{copy:05d}"
        folder.mkdir(parents=True)
        for seed in files:
            (folder / seed.name).write_bytes(seed.read_bytes() + unique_suffix(salt * copies + copy))
    return copies * len(files)


def write_texts(texts, target: Path) -> int:
    """Writes (name, text) pairs as UTF-8 files under `target`; returns how many."""
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, text in texts:
        (target / name).write_text(text, encoding="utf-8")
        count += 1
    return count


def write_fill(texts, count: int, start: int, target: Path) -> int:
    """Generated articles `start`.. as JSON Lines data sets of FILL_ROWS_PER_FILE rows under `target`
    (headline as title, the paragraphs as text, language "en"); returns how many."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for first in range(start, start + count, FILL_ROWS_PER_FILE):
        rows = min(FILL_ROWS_PER_FILE, start + count - first)
        with (target / f"fill_{first:07d}.jsonl").open("w", encoding="utf-8") as out:
            for _, text in generate_articles(texts, rows, start=first):
                title, _, body = text.partition("\n")
                out.write(json.dumps({"title": title, "text": body.strip(), "language": "en"}) + "\n")
        written += rows
    return written


def paragraph_names(pool: Pool, model: str) -> list[Counter]:
    """Per paragraph of `pool`, how many mentions of each (name, type) cliptrace's extractors find in
    it. The paragraphs of one source text are annotated together, as its article, so a paragraph
    saying "Trump" counts a mention of the name its article gives him. Kept in the system's temp
    folder (`cliptrace-paragraph-names-<hash of the paragraphs and model>.json`): it takes minutes."""
    key = hashlib.sha256("\n\n".join([model, *pool.paragraphs]).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"cliptrace-paragraph-names-{key}.json"
    if cache.exists():
        return [Counter({(name, etype): n for name, etype, n in found}) for found in json.loads(cache.read_text())]
    found = _annotated_paragraph_names(pool, model)
    cache.write_text(json.dumps([[[name, etype, n] for (name, etype), n in names.items()] for names in found]))
    return found


def _annotated_paragraph_names(pool: Pool, model: str) -> list[Counter]:
    from cliptrace.model import ArticleDraft
    from cliptrace.pipeline import annotate_many, batched, load_nlp

    members: dict[int, list[int]] = {}
    for paragraph, origin in enumerate(pool.origins):
        members.setdefault(origin, []).append(paragraph)
    articles = []  # (paragraph indices, their start offsets, draft)
    for chosen in members.values():
        starts, text = [], ""
        for paragraph in chosen:
            starts.append(len(text))
            text += pool.paragraphs[paragraph] + "\n\n"
        articles.append((chosen, starts, ArticleDraft(text=text.rstrip())))
    found = [Counter() for _ in pool.paragraphs]
    nlp = load_nlp(model)
    for batch in batched(articles, 32):
        for (chosen, starts, _), annotations in zip(batch, annotate_many([draft for *_, draft in batch], nlp)):
            for entity in annotations.entities:
                for start, _ in entity.mentions:
                    found[chosen[bisect_right(starts, start) - 1]][(entity.name, entity.type)] += 1
    return found


def record_fill_names(db: str, pool: Pool, names: list[Counter], start: int, count: int) -> None:
    """Records in the name index the names of generated articles `start`.. (their paragraphs' names,
    renamed as `vary` renames the article), as an ingest with extraction records them, and resolves
    them. No mention rows are written: the fill stays a fill without extraction."""
    from sqlalchemy.dialects import sqlite

    from cliptrace.archive.entity_map import record_names
    from cliptrace.archive.store import Archive
    from cliptrace.model import Entity

    with Archive.open(db) as archive:
        for first in range(start, start + count, FILL_ROWS_PER_FILE):
            per_article = []
            for index in range(first, min(first + FILL_ROWS_PER_FILE, start + count)):
                counts = Counter()
                for paragraph in article_plan(pool, index)[1]:
                    counts.update(names[paragraph])
                renamed = vary("\n".join(name for name, _ in counts), pool.names, index).split("\n")
                per_article.append([Entity(id="", name=new, type=etype, mentions=[(0, 0)] * n)
                                    for new, ((_, etype), n) in zip(renamed, counts.items())])
            with archive.engine.execution_options(write=True).begin() as conn:
                record_names(conn, sqlite.insert, per_article)
        archive.resolve_entities()


def input_words(folder: Path) -> int:
    return sum(len(p.read_bytes().decode("utf-8", errors="replace").split()) for p in folder.rglob("*") if p.is_file())


def cpu_seconds(children: bool = True) -> float:
    """User + system CPU of this process and (with `children`) of its children that have ended (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN) if children else None
    return own.ru_utime + own.ru_stime + (ended.ru_utime + ended.ru_stime if ended else 0.0)


def ingest(folder: Path, db: str, workers: int, near_duplicates: bool, extract: bool = True):
    """cliptrace's full ingest of `folder` into `db`; returns the IngestReport."""
    from cliptrace.archive.store import Archive
    from cliptrace.pipeline import ingest_paths
    from cliptrace.settings import Settings

    with Archive.open(db) as archive:
        return ingest_paths([str(folder)], archive, Settings(db=db), extract=extract, workers=workers,
                            near_duplicates=near_duplicates)


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


def _timed(run) -> dict:
    """Runs `run()` (returning a dict) and adds wall, CPU and memory measures to its result."""
    with PeakRss() as rss:
        started, cpu_started, own_started = time.perf_counter(), cpu_seconds(), cpu_seconds(children=False)
        result = run()
        wall, cpu, own = time.perf_counter() - started, cpu_seconds() - cpu_started, cpu_seconds(False) - own_started
    return {**result, "wall_s": wall, "cpu_s": cpu, "cpu_self_s": own, "peak_tree_mib": rss.peak / 2**20,
            # Linux reports KiB; CHILDREN is the largest single finished child, not a sum
            "maxrss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "maxrss_children_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def measure_cliptrace(folder: Path, db: str, workers: int, near_duplicates: bool) -> dict:
    def run() -> dict:
        report = ingest(folder, db, workers, near_duplicates)
        return {"articles": report.articles, "failed": len(report.failed)}

    return _timed(run)


def measure_peer(folder: Path) -> dict:
    from peer_baseline import run_peer

    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return _timed(lambda: {**run_peer(files, io.StringIO()), "articles": len(files), "failed": 0})


def measure_growth(polnear: Path, sizes: list[int], batch: int, scratch: Path, near_duplicates: bool,
                   fill_extract: bool, profile: Path | None = None) -> list[dict]:
    """Per-article cost of ingesting `batch` new articles into one archive filled to each size
    (generated articles numbered up to the size; the timed batches stay in the archive). Each
    point also has the fill's wall and CPU seconds (`fill_wall_s`, `fill_cpu_s`)."""
    from cliptrace.settings import Settings

    texts = polnear_texts(polnear)
    db = str(scratch / "growth.sqlite")
    if not fill_extract:
        pool = paragraph_pool(texts)
        started = time.perf_counter()
        names = paragraph_names(pool, Settings().model)
        print(f"names of {len(pool.paragraphs):,} paragraphs found in {time.perf_counter() - started:.0f} s",
              file=sys.stderr, flush=True)
    curve, filled, held = [], 0, 0  # held: articles in the archive, fills and timed batches
    for step, size in enumerate(sorted(sizes)):
        fill_wall = fill_cpu = 0.0
        if size > filled:
            fill = scratch / f"fill{step}"
            started, cpu_started = time.perf_counter(), cpu_seconds()
            if fill_extract:
                write_texts(generate_articles(texts, size - filled, start=filled), fill)
            else:
                write_fill(texts, size - filled, filled, fill)
            held += ingest(fill, db, 1, near_duplicates, extract=fill_extract).articles
            if not fill_extract:
                record_fill_names(db, pool, names, filled, size - filled)
            fill_wall, fill_cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
            shutil.rmtree(fill)
            print(f"filled to {size:,} articles in {fill_wall:.0f} s ({fill_cpu:.0f} s CPU)", file=sys.stderr, flush=True)
            filled = size
        new = scratch / f"batch{step}"
        write_texts(generate_articles(texts, batch, start=GROWTH_BATCH_START + step * batch), new)
        profiler = cProfile.Profile(time.process_time) if profile else None  # CPU: steadier on a busy machine

        def run() -> dict:
            if profiler:
                profiler.enable()
            try:
                return {"articles": ingest(new, db, 1, near_duplicates).articles}
            finally:
                if profiler:
                    profiler.disable()

        point = _timed(run)
        if profiler:
            profile.mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(profile / f"batch_{held}.prof")
        shutil.rmtree(new)
        curve.append({"archive_articles": held, **point, "fill_wall_s": fill_wall, "fill_cpu_s": fill_cpu})
        held += point["articles"]
    return curve


def _into_queue(queue, fn, *args) -> None:
    queue.put(fn(*args))


def in_fresh_process(fn, *args):
    """`fn(*args)` in a new spawned interpreter; its (small, picklable) result."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_into_queue, args=(queue, fn, *args))
    process.start()
    process.join()  # the results are small dicts: they fit the queue's pipe buffer
    if process.exitcode != 0:
        raise SystemExit(f"{fn.__name__} failed (exit code {process.exitcode})")
    return queue.get(timeout=10)


def prepare_corpus(args, folder: Path, run: int) -> int:
    """Writes the chosen corpus under `folder`; returns the number of files."""
    if args.corpus == "seeds":
        return make_copies(args.seeds, args.copies, folder, salt=run)
    if args.corpus == "arabic":  # the articles only, not the folder's README and manifest
        return make_copies(args.arabic, args.copies, folder, salt=run, pattern="*.txt")
    texts = polnear_texts(args.polnear)
    if args.corpus == "polnear":
        return write_texts(texts[:args.articles], folder)
    return write_texts(generate_articles(texts, args.articles or len(texts)), folder)


def _row(table: Table, system: str, workers: str, files: int, words: int, r: dict, peer: dict | None) -> None:
    ratio = "-" if peer is None else f"{peer['wall_s'] / r['wall_s']:.2f} / {peer['cpu_s'] / r['cpu_s']:.2f}"
    table.add_row(system, workers, str(files), str(r["articles"]), str(words), f"{r['wall_s']:.1f}",
                  f"{r['cpu_s']:.1f}", f"{files / r['wall_s']:.2f}", f"{words / r['wall_s']:.0f}",
                  f"{r['peak_tree_mib']:.0f}", f"{r['maxrss_self_mib']:.0f}/{r['maxrss_children_mib']:.0f}",
                  str(r["failed"]), ratio)


def throughput(args, scratch: Path) -> bool:
    label = {"seeds": f"{args.copies} copies of {args.seeds.name}/", "polnear": "PolNeAR train+dev texts",
             "generated": "generated distinct articles",
             "arabic": f"{args.copies} copies of the Arabic news articles"}[args.corpus]
    table = Table(title=f"Ingest speed, {label}; near-duplicates {'on' if args.near_duplicates else 'off'}")
    for column in ("system", "workers", "files", "articles", "words", "wall s", "CPU s", "files/s", "words/s",
                   "peak MiB", "maxrss MiB", "failed", "x peer wall/CPU"):
        table.add_column(column, justify="left" if column == "system" else "right")
    distinct = args.corpus not in ("seeds", "arabic")  # ingested as they are by every run: written once
    ok, peer = True, None
    for run, workers in enumerate(int(w) for w in args.workers.split(",")):
        if run == 0 or not distinct:
            folder = scratch / ("corpus" if distinct else f"run{run}")
            files = prepare_corpus(args, folder, run)
            words = input_words(folder)
        if args.peer and peer is None:
            peer = in_fresh_process(measure_peer, folder)
            _row(table, "peer", "1", files, words, peer, None)
        db = args.db or str(scratch / f"run{run}.sqlite")
        r = in_fresh_process(measure_cliptrace, folder, db, workers, args.near_duplicates)
        ok = ok and r["articles"] > 0
        _row(table, "cliptrace", str(workers), files, words, r, peer)
        if not distinct:
            shutil.rmtree(folder)
    table.caption = ("files/s and words/s count the input files; x peer: the peer's wall (CPU) s over cliptrace's "
                     "(> 1: cliptrace faster). "
                     "peak MiB: RSS of the process tree, sampled; maxrss MiB: ru_maxrss self/largest child")
    Console(width=160).print(table)
    return ok


def growth(args, scratch: Path) -> bool:
    sizes = [int(s) for s in args.growth.split(",")]
    curve = in_fresh_process(measure_growth, args.polnear, sizes, args.batch, scratch, args.near_duplicates,
                             not args.fill_without_extraction, args.profile)
    table = Table(title=f"Cost of {args.batch} new generated articles as the archive grows "
                        f"(near-duplicates {'on' if args.near_duplicates else 'off'})")
    for column in ("archive articles", "new articles", "wall s", "CPU s", "wall ms/article", "CPU ms/article",
                   "of which ingesting process", "vs first (wall / CPU)", "fill before it: wall s / CPU s"):
        table.add_column(column, justify="right")
    first_wall = curve[0]["wall_s"] / max(curve[0]["articles"], 1)
    first_cpu = curve[0]["cpu_s"] / max(curve[0]["articles"], 1)
    for point in curve:
        wall, cpu = (point[key] / max(point["articles"], 1) for key in ("wall_s", "cpu_s"))
        table.add_row(f"{point['archive_articles']:,}", str(point["articles"]), f"{point['wall_s']:.1f}",
                      f"{point['cpu_s']:.1f}", f"{1000 * wall:.0f}", f"{1000 * cpu:.0f}",
                      f"{1000 * point['cpu_self_s'] / max(point['articles'], 1):.0f}",
                      f"{wall / first_wall:.2f} / {cpu / first_cpu:.2f}",
                      f"{point['fill_wall_s']:.0f} / {point['fill_cpu_s']:.0f}")
    Console(width=160).print(table)
    return all(point["articles"] > 0 for point in curve)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("seeds", "polnear", "generated", "arabic"), default="polnear")
    parser.add_argument("--articles", type=int, default=None,
                        help="polnear: the first N texts; generated: N articles (default 924)")
    parser.add_argument("--copies", type=int, default=400,
                        help="seeds, arabic: copies of the folder's files (default 400)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--peer", action="store_true", help="also run the peer pipeline on the same files")
    parser.add_argument("--near-duplicates", action="store_true", help="detect near-duplicates while ingesting")
    parser.add_argument("--growth", default=None, help="comma-separated archive sizes: print the growth curve instead")
    parser.add_argument("--batch", type=int, default=1000, help="growth: new articles timed at each size")
    parser.add_argument("--fill-without-extraction", action="store_true", help="growth: fill the archive faster")
    parser.add_argument("--profile", type=Path, default=None,
                        help="growth: write a cProfile of each timed batch's ingesting process into this folder")
    parser.add_argument("--db", default=None,
                        help="SQLite path or SQLAlchemy URL shared by all runs (default: a fresh temp file per run)")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--arabic", type=Path, default=ARABIC)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="cliptrace-speed-"))
    try:
        ok = growth(args, scratch) if args.growth else throughput(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
