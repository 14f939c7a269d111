"""Framing per outlet: loaded vs neutral wording from an editable lexicon, per 1,000 words.

The lexicon is a TOML file (`cliptrace/data/framing_lexicon.toml` by default; users pass their own
path). Near-duplicate copies are skipped so that a republished article is counted once.

Matching regular expressions over every article is slow (seconds per 10,000 articles), so each
article is counted once per lexicon (`count_framing`, run after an ingest and when the reading room
starts) into the `framing_counts` table; `outlet_framing` sums those rows in SQL, counting first
whatever articles arrived since.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, exists, func, select
from sqlalchemy.dialects import postgresql, sqlite

from cliptrace.archive.schema import articles, framing_counts
from cliptrace.questions.excerpt import sentence_around

EXAMPLES = 3  # per outlet, term and wording: the first match of each of the first articles
BATCH = 500  # articles counted per transaction
NO_OUTLET = "(unknown outlet)"


@dataclass(frozen=True)
class TermPair:
    key: str
    label: str
    loaded: re.Pattern | None
    neutral: re.Pattern | None


@dataclass(frozen=True)
class Example:
    article_id: str
    start: int
    end: int
    text: str

    @property
    def href(self) -> str:
        return f"/articles/{self.article_id}?mark={self.start}-{self.end}#mark"


@dataclass
class TermCount:
    loaded: int = 0
    neutral: int = 0
    loaded_examples: list[Example] = field(default_factory=list)
    neutral_examples: list[Example] = field(default_factory=list)


@dataclass
class OutletFraming:
    outlet: str
    articles: int = 0
    words: int = 0
    terms: dict[str, TermCount] = field(default_factory=dict)

    def per_1000(self, count: int) -> float:
        return round(1000 * count / self.words, 2) if self.words else 0.0

    @property
    def uses_terms(self) -> bool:
        """Whether any of the lexicon's wording, loaded or neutral, appears in this outlet."""
        return any(t.loaded or t.neutral for t in self.terms.values())


def _compile(patterns: list[str], case_sensitive: bool) -> re.Pattern | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), 0 if case_sensitive else re.IGNORECASE)


def load_lexicon(path: str | Path | None = None) -> list[TermPair]:
    """The term pairs of a lexicon file (the packaged default when `path` is None)."""
    if path is None:
        raw = resources.files("cliptrace").joinpath("data", "framing_lexicon.toml").read_bytes()
    else:
        raw = Path(path).read_bytes()
    pairs = []
    for entry in tomllib.loads(raw.decode("utf-8"))["pair"]:
        case = bool(entry.get("case_sensitive", False))
        pairs.append(TermPair(key=entry["key"], label=entry.get("label", entry["key"]),
                              loaded=_compile(entry.get("loaded", []), case),
                              neutral=_compile(entry.get("neutral", []), case)))
    return pairs


def lexicon_key(lexicon: list[TermPair]) -> str:
    """A short hash of a lexicon's patterns: counts made with another lexicon are not reused."""
    spec = [[p.key, *((r.pattern, r.flags) if r else None for r in (p.loaded, p.neutral))] for p in lexicon]
    return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:16]


def _first_and_count(pattern: re.Pattern | None, text: str) -> tuple[int, int | None, int | None]:
    if pattern is None:
        return 0, None, None
    matches = list(pattern.finditer(text))
    return (len(matches), matches[0].start(), matches[0].end()) if matches else (0, None, None)


def article_counts(lexicon: list[TermPair], texts: Iterable[tuple[str, str]]) -> list[dict]:
    """The `framing_counts` rows of articles given as (id, text): one per article and term pair,
    zeros included (they record that the article was counted)."""
    key = lexicon_key(lexicon)
    rows = []
    for article_id, text in texts:
        for pair in lexicon:
            loaded, loaded_start, loaded_end = _first_and_count(pair.loaded, text)
            neutral, neutral_start, neutral_end = _first_and_count(pair.neutral, text)
            rows.append({"lexicon": key, "article_id": article_id, "term": pair.key, "loaded": loaded,
                         "neutral": neutral, "loaded_start": loaded_start, "loaded_end": loaded_end,
                         "neutral_start": neutral_start, "neutral_end": neutral_end})
    return rows


def count_framing(engine: Engine, lexicon: list[TermPair]) -> int:
    """Count the lexicon's terms in every article not counted with it yet; returns how many.

    Safe to run beside an ingest or another counter: rows already written are left alone.
    """
    if not lexicon:
        return 0
    key = lexicon_key(lexicon)
    counted = exists().where(framing_counts.c.lexicon == key, framing_counts.c.article_id == articles.c.id)
    done = 0
    while True:
        with engine.connect() as conn:
            batch = conn.execute(select(articles.c.id, articles.c.text).where(~counted)
                                 .order_by(articles.c.ingest_seq).limit(BATCH)).all()
        if not batch:
            return done
        store_counts(engine, article_counts(lexicon, batch))
        done += len(batch)


def store_counts(engine: Engine, rows: list[dict]) -> None:
    """Write `article_counts` rows (of archived articles); rows already there are left alone."""
    if not rows:
        return
    insert = sqlite.insert if engine.dialect.name == "sqlite" else postgresql.insert
    # A writing transaction the way the archive's writers open one (BEGIN IMMEDIATE on SQLite).
    with engine.execution_options(write=True).begin() as conn:
        conn.execute(insert(framing_counts).on_conflict_do_nothing(), rows)  # executemany


def _counted_rows(key: str):
    """Rows of the lexicon's non-zero counts in original articles, with the article's outlet."""
    return (select(func.coalesce(articles.c.outlet, NO_OUTLET).label("outlet"), framing_counts)
            .join(articles, and_(articles.c.id == framing_counts.c.article_id, articles.c.duplicate_of.is_(None)))
            .where(framing_counts.c.lexicon == key,
                   (framing_counts.c.loaded > 0) | (framing_counts.c.neutral > 0)))


def _examples(conn: Connection, key: str, wanted: set[tuple[str, str, str]]) -> dict[tuple, list[Example]]:
    """(outlet, term, wording) -> the first match in each of the first EXAMPLES articles using it.

    Reads counts in ingest order and stops once every wanted list is full (early, usually)."""
    found: dict[tuple, list[tuple[str, int, int]]] = {k: [] for k in wanted}
    open_keys = set(wanted)
    for r in conn.execute(_counted_rows(key).order_by(articles.c.ingest_seq)):
        for wording, start, end in (("loaded", r.loaded_start, r.loaded_end),
                                    ("neutral", r.neutral_start, r.neutral_end)):
            k = (r.outlet, r.term, wording)
            if k in open_keys and start is not None:
                found[k].append((r.article_id, start, end))
                if len(found[k]) == EXAMPLES:
                    open_keys.discard(k)
        if not open_keys:
            break
    ids = {a for spans in found.values() for a, _, _ in spans}
    texts = dict(conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids))).all()) \
        if ids else {}
    return {k: [Example(a, s, e, sentence_around(texts[a], s, e)) for a, s, e in spans] for k, spans in found.items()}


def outlet_framing(conn: Connection, lexicon: list[TermPair]) -> list[OutletFraming]:
    """Per outlet, counts of every term pair's loaded and neutral wording, with examples.

    Reads `framing_counts`: run `count_framing` first so that every article is counted.
    """
    key = lexicon_key(lexicon)
    outlet = func.coalesce(articles.c.outlet, NO_OUTLET)
    per_outlet = {
        r.outlet: OutletFraming(r.outlet, r.n, r.words or 0)
        for r in conn.execute(select(outlet.label("outlet"), func.count().label("n"),
                                     func.sum(articles.c.words).label("words"))
                              .where(articles.c.duplicate_of.is_(None)).group_by(outlet))
    }
    counted = _counted_rows(key).subquery()
    totals = conn.execute(select(counted.c.outlet, counted.c.term, func.sum(counted.c.loaded).label("loaded"),
                                 func.sum(counted.c.neutral).label("neutral"))
                          .group_by(counted.c.outlet, counted.c.term)).all()
    counts = {(r.outlet, r.term): (int(r.loaded), int(r.neutral)) for r in totals}
    examples = _examples(conn, key, {(o, t, w) for (o, t), (loaded, neutral) in counts.items()
                                     for w, n in (("loaded", loaded), ("neutral", neutral)) if n})
    for name, framing in per_outlet.items():
        for pair in lexicon:
            loaded, neutral = counts.get((name, pair.key), (0, 0))
            framing.terms[pair.key] = TermCount(loaded, neutral, examples.get((name, pair.key, "loaded"), []),
                                                examples.get((name, pair.key, "neutral"), []))
    return sorted(per_outlet.values(), key=lambda f: (-f.articles, f.outlet))
