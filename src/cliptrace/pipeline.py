"""Runs the stages over many files: in this process, in local worker processes, or on Dask.

The main process walks the paths, skips bytes the archive already holds, and writes each source's
articles in one transaction; the workers do the expensive part (read, split, annotate). Results
come back in input order so that ids, duplicates and the archive are the same whatever the
number of workers.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .archive.store import Archive
from .extract.aliases import canonicalize
from .extract.annotate import annotate
from .extract.nlp import load_nlp
from .ingest.errors import UnreadableSource
from .ingest.read import read_source
from .ingest.sources import iter_sources
from .ingest.split import split_document
from .model import Annotations, Article, Source, SourceFailure, article_id
from .settings import Settings


@dataclass
class Analysed:
    """What a worker returns for one source: its articles, or why it could not be read."""

    source: Source
    articles: list[Article] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestReport:
    added: list[tuple[str, int]] = field(default_factory=list)  # (path, articles)
    already: list[str] = field(default_factory=list)  # same bytes already in the archive
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def articles(self) -> int:
        return sum(n for _, n in self.added)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def analyse_source(source: Source, model: str | None) -> Analysed:
    """Read, split and (when `model` is set) annotate one source. Never raises for bad input."""
    try:
        drafts = [draft for doc in read_source(source) for draft in split_document(doc)]
    except UnreadableSource as exc:
        return Analysed(source, error=str(exc))
    if not drafts:
        return Analysed(source, error="no article text found")
    nlp = load_nlp(model) if model else None
    try:
        annotations = [annotate(draft, nlp) if nlp is not None else Annotations() for draft in drafts]
    except Exception as exc:  # an extractor bug must not stop the other files; re-ingest retries
        return Analysed(source, error=f"extraction failed ({type(exc).__name__}: {exc}); please report it")
    articles = [
        Article(
            id=article_id(source.sha256, position),
            source_path=source.path,
            source_sha256=source.sha256,
            position=position,
            draft=draft,
            annotations=annotation,
        )
        for position, (draft, annotation) in enumerate(zip(drafts, annotations))
    ]
    return Analysed(source, articles)


def _analyse_for_pool(args: tuple[Source, str | None]) -> Analysed:
    return analyse_source(*args)


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
def _executor(workers: int, dask: str | None):
    if dask is not None:
        from dask.distributed import Client, LocalCluster

        if dask in ("", "local"):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            cluster, client = None, Client(dask)
        try:
            yield client.get_executor()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield pool
    else:
        yield None


def ingest_paths(
    paths: list[str],
    archive: Archive,
    settings: Settings,
    *,
    extract: bool = True,
    workers: int = 1,
    dask: str | None = None,
    near_duplicates: bool = True,
    on_result: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and zips into `archive`. `on_result(path, status)` is called once
    per source ("added", "already", "failed") so a caller can show progress."""
    report = IngestReport()
    model = settings.model if extract else None

    def notify(path: str, status: str) -> None:
        if on_result:
            on_result(path, status)

    def fresh_sources() -> Iterator[tuple[Source, str | None]]:
        for item in iter_sources(paths, settings.limits):
            if isinstance(item, SourceFailure):
                archive.add_failure(item)
                report.failed.append((item.path, item.reason))
                notify(item.path, "failed")
            elif archive.has_source(item.sha256):
                report.already.append(item.path)
                notify(item.path, "already")
            else:
                yield item, model

    with _executor(workers, dask) as executor:
        results = (
            map(_analyse_for_pool, fresh_sources())
            if executor is None
            else ordered_map(executor, _analyse_for_pool, fresh_sources(), window=4 * max(workers, 1))
        )
        for result in results:
            source = result.source
            if result.error is not None:
                archive.add_failure(SourceFailure(source.path, result.error, source.data, source.format))
                report.failed.append((source.path, result.error))
                notify(source.path, "failed")
            elif archive.add_source(source, result.articles, near_duplicates=near_duplicates):
                report.added.append((source.path, len(result.articles)))
                notify(source.path, "added")
            else:  # the same bytes twice in one pile: the first copy was stored meanwhile
                report.already.append(source.path)
                notify(source.path, "already")
    if report.added and extract:
        resolve_entities(archive)
    return report


def resolve_entities(archive: Archive) -> None:
    """Merge the spellings of one person across the archive (Haniyeh, Haniya, Hnaiyeh), then apply
    the user's corrections, which live in the archive and so survive re-extraction."""
    archive.apply_entity_map(canonicalize(archive.entity_names(), archive.corrections()))


def reextract(archive: Archive, settings: Settings, on_article: Callable[[], None] | None = None) -> int:
    """Re-run extraction over stored articles (after an upgrade or a model change)."""
    nlp = load_nlp(settings.model)
    count = 0
    for article in archive.iter_articles():
        archive.replace_annotations(article.id, annotate(article.draft, nlp))
        count += 1
        if on_article:
            on_article()
    resolve_entities(archive)
    return count
