"""Runs the stages over many files: in local worker processes, or on Dask.

The main process walks the paths, skips bytes the archive already holds, and writes each source's
articles in one transaction as soon as its worker is done; the workers do the expensive part
(read, split, annotate), one source per task under the time and memory budgets of
`settings.Budgets` (see `workers.py`). Results come back in input order so that ids, duplicates
and the archive are the same whatever the number of workers.
"""

from __future__ import annotations

from collections import Counter, deque
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import chain
from typing import Callable, Iterable, Iterator, Mapping

from .archive.store import MISSING_FIELDS, Archive
from .ingest.errors import UnreadableSource
from .ingest.read import STREAMED_FORMATS, read_data_set, read_source
from .ingest.sniff import names_columns
from .ingest.sources import iter_sources
from .ingest.split import split_document
from .model import Article, Document, Skipped, Source, SourceFailure, UnreadablePart, article_id
from .questions.framing import TermPair, article_counts, load_lexicon, store_counts
from .resume import ENTITIES, FRAMING, checkpoint, finish_pending
from .settings import Budgets, Settings
from .workers import Refused, bounded_map

# Sources handed to a Dask worker at once, and articles annotated at once: parsed as one batch
# (a source of thousands of articles is parsed a batch at a time, never all held at once).
SOURCES_PER_TASK = 8
ARTICLES_PER_TASK = 32
ROWS_PER_CHUNK = 512  # a data set's articles annotated by one worker task
ROWS_PER_NOTICE = 1000  # a data set's progress is told every this many rows
FRAMING_ROWS_PER_WRITE = 2000
FRAMING_IN_WORKER_MAX_ARTICLES = 1000


@dataclass
class Analysed:
    """What a worker returns for one source: its articles, or why it could not be read."""

    source: Source
    articles: list[Article] = field(default_factory=list)
    error: str | None = None
    framing: list[dict] = field(default_factory=list)  # the articles' framing_counts rows
    replacement_chars: int = 0  # invalid bytes the decoder replaced (U+FFFD)
    unreadable: list[UnreadablePart] = field(default_factory=list)  # parts that could not be read
    streamed: bool = False  # a data set: its rows are read as it is written (`_stream_articles`)
    streamed_articles: int = 0  # how many of them have been read so far


@dataclass
class IngestReport:
    added: list[tuple[str, int]] = field(default_factory=list)  # (path, articles)
    already: list[str] = field(default_factory=list)  # same bytes already in the archive
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) of whole sources
    failed_parts: list[tuple[str, str]] = field(default_factory=list)  # ("a.csv#row 7", reason) of added ones
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): hidden files, links out
    resumed: list[str] = field(default_factory=list)  # archive-wide steps an interrupted run had left
    missing: Counter = field(default_factory=Counter)  # field -> added articles without it (MISSING_FIELDS)

    @property
    def articles(self) -> int:
        return sum(n for _, n in self.added)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.failed_parts else 0


def _read(source: Source, columns: Mapping[str, str] | None = None) -> Analysed:
    """Read and split one source; its articles have no annotations yet."""
    try:
        parts = read_source(source, columns)
        documents = [part for part in parts if isinstance(part, Document)]
        unreadable = [part for part in parts if isinstance(part, UnreadablePart)]
        drafts = [draft for doc in documents for draft in _split_or_note(doc, unreadable)]
    except UnreadableSource as exc:
        return Analysed(source, error=str(exc))
    except Exception as exc:  # a splitter bug must cost only this source, as in `_annotate`
        return Analysed(source, error=f"splitting failed ({type(exc).__name__}: {exc}); please report it")
    if not drafts:
        return Analysed(source, error=_nothing_found(unreadable))
    sha256 = source.sha256  # hashed once: a data set is one source with many thousand articles
    return Analysed(source, [
        Article(id=article_id(sha256, position), source_path=source.path,
                source_sha256=sha256, position=position, draft=draft)
        for position, draft in enumerate(drafts)
    ], replacement_chars=sum(doc.content.count("\ufffd") for doc in documents), unreadable=unreadable)


def _split_or_note(document: Document, unreadable: list[UnreadablePart]) -> list:
    """The document's articles; one of several documents (a WARC's record, an export's message)
    that cannot be read is noted in `unreadable` and costs only itself. Raises UnreadableSource for
    a file that is one document."""
    try:
        return split_document(document)
    except UnreadableSource as exc:
        if document.locator is None:
            raise
        unreadable.append(UnreadablePart(document.locator, exc.reason))
        return []


# spaCy and the extractors cost 60 MB on import, which an ingest with --no-extract never needs.
def annotate_many(drafts: list, nlp) -> list:
    from .extract.annotate import annotate_many as annotate

    return annotate(drafts, nlp)


def load_nlp(name: str):
    from .extract.nlp import load_nlp as load

    return load(name)


def _annotate(results: list[Analysed], model: str) -> None:
    """Annotate the articles of several sources in one batch of parses (spaCy is faster on a batch).
    If an extractor fails, each source is retried alone, so only the one that fails is lost: it is
    recorded as a failure (an extractor bug must not stop the other files; re-ingest retries it)."""
    readable = [r for r in results if r.error is None]
    articles = [a for r in readable for a in r.articles]
    try:
        for batch in batched(articles, ARTICLES_PER_TASK):
            for article, found in zip(batch, annotate_many([a.draft for a in batch], load_nlp(model))):
                article.annotations = found
    except Exception as exc:
        if len(readable) > 1:
            for result in readable:
                _annotate([result], model)
        elif readable:
            readable[0].articles = []
            readable[0].error = f"extraction failed ({type(exc).__name__}: {exc}); please report it"


def analyse_sources(sources: list[Source], model: str | None,
                    columns: Mapping[str, str] | None = None) -> list[Analysed]:
    """Read, split and (when `model` is set) annotate sources, and count the reading room's framing
    terms in their articles (here, in the workers, rather than after the ingest in one process).
    `columns` maps data set roles to column names. Never raises for bad input."""
    results = [_read(source, columns) for source in sources]
    if model:
        _annotate(results, model)
    for result in results:
        # A data set's rows would hold a dozen count rows each until the source is written; its
        # articles are counted after the ingest instead (the FRAMING step), from the archive.
        if len(result.articles) <= FRAMING_IN_WORKER_MAX_ARTICLES:
            result.framing = article_counts(_ingest_lexicon(), ((a.id, a.draft.text) for a in result.articles))
    return results


@lru_cache(maxsize=1)
def _ingest_lexicon() -> list[TermPair]:
    return load_lexicon()


def _analyse_for_pool(args: tuple[list[Source], str | None, Mapping[str, str] | None]) -> list[Analysed]:
    return analyse_sources(*args)


def _analyse_one(source: Source, model: str | None, columns: Mapping[str, str] | None) -> Analysed | None:
    """None for a data set: the main process streams its rows (`_stream_articles`)."""
    return None if source.format in STREAMED_FORMATS else analyse_sources([source], model, columns)[0]


def _annotate_chunk(articles: list[Article], model: str) -> Analysed:
    """Annotations for a chunk of articles (a data set's, or stored ones re-extracted); the error
    says why when extraction failed."""
    chunk = Analysed(Source("", b""), articles)
    _annotate([chunk], model)
    return chunk


def _stream_articles(result: Analysed, model: str | None, columns: Mapping[str, str] | None, workers: int,
                     budgets: Budgets, on_rows: Callable[[str, int], None] | None = None) -> Iterator[Article]:
    """A data set's articles, read a row at a time in this process (reading a row is cheap) and,
    with `model`, annotated ROWS_PER_CHUNK at a time in workers under `budgets`: a chunk over a budget
    loses only its rows, recorded in `result.unreadable` with the unreadable rows. Never more than a
    few chunks are held; `on_rows(path, n)` is told every ROWS_PER_NOTICE articles. Raises
    UnreadableSource when not even the first row can be read."""
    source, sha256 = result.source, result.source.sha256
    drafts = (draft for document in _readable_rows(result, columns) for draft in split_document(document))
    articles = (Article(id=article_id(sha256, position), source_path=source.path, source_sha256=sha256,
                        position=position, draft=draft) for position, draft in enumerate(drafts))
    if not model:
        yield from _counted(result, articles, on_rows)
        return
    chunks = batched(articles, ROWS_PER_CHUNK)
    for chunk, outcome in bounded_map(partial(_annotate_chunk, model=model), chunks, workers, budgets):
        error = outcome if isinstance(outcome, Refused) else outcome.error
        if error:
            where = f"{chunk[0].draft.locator} to {chunk[-1].draft.locator}"
            result.unreadable.append(UnreadablePart(where, str(error)))
        else:
            yield from _counted(result, outcome.articles, on_rows)


def _readable_rows(result: Analysed, columns: Mapping[str, str] | None) -> Iterator[Document]:
    """A data set's rows as documents; the unreadable ones and the replaced bytes are noted in `result`."""
    for part in read_data_set(result.source, columns):
        if isinstance(part, UnreadablePart):
            result.unreadable.append(part)
        else:
            result.replacement_chars += part.content.count("\ufffd")
            yield part


def _counted(result: Analysed, articles: Iterable[Article],
             on_rows: Callable[[str, int], None] | None) -> Iterator[Article]:
    for article in articles:
        result.streamed_articles += 1
        if on_rows and result.streamed_articles % ROWS_PER_NOTICE == 0:
            on_rows(result.source.path, result.streamed_articles)
        yield article


def _started(result: Analysed, articles: Iterator[Article]) -> Iterator[Article]:
    """`articles` with its first one already read, so that a data set of which nothing can be read
    is a failure of the source (set as `result.error`, nothing returned) before anything is written."""
    try:
        first = next(articles)
    except UnreadableSource as exc:
        result.error = str(exc)
        return iter(())
    except StopIteration:
        result.error = _nothing_found(result.unreadable)
        return iter(())
    return chain([first], articles)


def _tally_missing(articles: Iterable[Article], missing: Counter) -> Iterator[Article]:
    """`articles`, counting in `missing` those that came out without a title, date or outlet."""
    for article in articles:
        for name in MISSING_FIELDS:
            missing[name] += not getattr(article.draft, name)
        yield article


def _nothing_found(unreadable: list[UnreadablePart]) -> str:
    reasons = "; ".join(f"{part.locator}: {part.reason}" for part in unreadable[:3])
    return "no article text found" + (f" ({reasons})" if reasons else "")


def _in_workers(sources: Iterable[Source], model: str | None, columns: Mapping[str, str] | None,
                workers: int, budgets: Budgets) -> Iterator[Analysed]:
    """Each source analysed in a worker process under `budgets`, in input order; over a budget,
    it is an `Analysed` with the reason as its error."""
    if model:
        load_nlp(model)  # here, once: the forked workers share it
    for source, outcome in bounded_map(partial(_analyse_one, model=model, columns=columns), sources, workers, budgets):
        yield (Analysed(source, streamed=True) if outcome is None
               else outcome if isinstance(outcome, Analysed) else Analysed(source, error=str(outcome)))


def _on_dask(sources: Iterable[Source], model: str | None, columns: Mapping[str, str] | None,
             workers: int, dask: str) -> Iterator[Analysed]:
    """Batches of sources on a Dask cluster, in input order (its nanny bounds each worker's memory)."""
    with _dask_executor(workers, dask) as executor:
        batches = ((batch, model, columns) for batch in batched(sources, SOURCES_PER_TASK))
        for results in ordered_map(executor, _analyse_for_pool, batches, window=2 * max(workers, 1)):
            yield from results


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ordered_map(executor: Executor, fn: Callable, items: Iterable, window: int) -> Iterator:
    """Like `executor.map`, in input order, but with at most `window` items in flight so a
    large pile is never all in memory at once (Executor.map submits everything up front)."""
    pending: deque = deque()
    for item in items:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def _dask_executor(workers: int, dask: str):
    from dask.distributed import Client, LocalCluster

    if dask in ("", "local"):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(dask)
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest_paths(
    paths: list[str],
    archive: Archive,
    settings: Settings,
    *,
    extract: bool = True,
    workers: int = 1,
    dask: str | None = None,
    near_duplicates: bool = True,
    columns: Mapping[str, str] | None = None,
    on_result: Callable[[str, str], None] | None = None,
    follow_links: bool = False,
    on_rows: Callable[[str, int], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and zips into `archive`. `on_result(path, status)` is called once
    per input ("added", "already", "failed", "skipped") so a caller can show progress, and
    `on_rows(path, n)` every ROWS_PER_NOTICE rows of a data set as they are written. Links out
    of a given folder are read only with `follow_links`. `columns` maps data set roles to column
    names (`ingest.dataset.parse_column_map`). A part of a source that cannot be read (a data set's
    row) is recorded as a failed part at "path#row 7" beside the source's articles (`failed_parts`)."""
    report = IngestReport(resumed=finish_pending(archive))
    model = settings.model if extract else None
    owed = [ENTITIES, FRAMING] if extract else [FRAMING]

    def notify(path: str, status: str) -> None:
        if on_result:
            on_result(path, status)

    def fresh_sources() -> Iterator[Source]:
        for item in iter_sources(paths, settings.limits, follow_links, archive.files):
            if isinstance(item, Skipped):
                report.skipped.append((item.path, item.reason))
                notify(item.path, "skipped")
            elif isinstance(item, SourceFailure):
                archive.add_failure(item)
                report.failed.append((item.path, item.reason))
                notify(item.path, "failed")
            elif archive.has_source(item.sha256):
                report.already.append(item.path)
                notify(item.path, "already")
            elif columns and item.format == "text" and names_columns(item.data, columns.values()):
                yield replace(item, format="csv")  # `--columns` names its header's cells: a data set
            else:
                yield item

    results = (_on_dask(fresh_sources(), model, columns, workers, dask) if dask is not None
               else _in_workers(fresh_sources(), model, columns, workers, settings.budgets))
    framing_rows: list[dict] = []  # written a few hundred articles at a time
    for result in results:
        source = result.source
        articles = result.articles
        if result.streamed:
            articles = _started(result, _stream_articles(result, model, columns, workers, settings.budgets, on_rows))
        if result.error is not None:
            archive.add_failure(SourceFailure(source.path, result.error, source.data, source.format))
            report.failed.append((source.path, result.error))
            notify(source.path, "failed")
            continue
        if not report.added:  # before the first write, so that a kill from here on leaves them owed
            archive.mark_pending(owed)
        if archive.add_source(source, _tally_missing(articles, report.missing), near_duplicates=near_duplicates,
                              replacement_chars=lambda: result.replacement_chars):
            checkpoint("source-stored")
            report.added.append((source.path, result.streamed_articles if result.streamed else len(result.articles)))
            notify(source.path, "added")
            for part in result.unreadable:
                archive.add_failure(SourceFailure(f"{source.path}#{part.locator}", part.reason, part=True))
                report.failed_parts.append((f"{source.path}#{part.locator}", part.reason))
            framing_rows += result.framing
            if len(framing_rows) >= FRAMING_ROWS_PER_WRITE:
                store_counts(archive.engine, framing_rows)
                framing_rows = []
        else:  # the same bytes twice in one pile: the first copy was stored meanwhile
            report.already.append(source.path)
            notify(source.path, "already")
    store_counts(archive.engine, framing_rows)
    checkpoint("sources-stored")
    if report.added:  # marked again: a concurrent command may have finished the first mark's steps
        archive.mark_pending(owed)
        finish_pending(archive)
    return report


@dataclass
class ReextractReport:
    articles: int = 0  # re-extracted
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, source path, reason)


def reextract(archive: Archive, settings: Settings, workers: int = 1,
              on_article: Callable[[], None] | None = None) -> ReextractReport:
    """Re-run extraction over the stored articles (after an upgrade or a model change) in `workers`
    processes, ARTICLES_PER_TASK at a time under `settings.budgets`, as an ingest does. A batch over
    a budget, or whose extraction fails, is tried again an article at a time; an article that still
    fails keeps its earlier annotations and is reported with the reason. `on_article()` is called
    once per article, re-extracted or not."""
    load_nlp(settings.model)  # here, once: the forked workers share it
    archive.mark_pending([ENTITIES])  # the new mentions must be merged even if this run is killed
    report = ReextractReport()
    annotate = partial(_annotate_chunk, model=settings.model)

    def store(batches: Iterable[list[Article]]) -> list[Article]:
        """Writes what was extracted; returns the articles of the failed batches of several."""
        retry: list[Article] = []
        for batch, outcome in bounded_map(annotate, batches, workers, settings.budgets):
            error = outcome if isinstance(outcome, Refused) else outcome.error
            if error and len(batch) > 1:
                retry += batch
                continue
            if error:
                report.failed.append((batch[0].id, batch[0].source_path, str(error)))
            else:
                for article in outcome.articles:
                    archive.replace_annotations(article.id, article.annotations)
                    report.articles += 1
            for _ in batch:
                if on_article:
                    on_article()
        return retry

    retry = store(batched(archive.iter_articles(with_annotations=False), ARTICLES_PER_TASK))
    store([article] for article in retry)
    finish_pending(archive)
    return report
