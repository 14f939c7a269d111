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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, delete, exists, func, select, true
from sqlalchemy.dialects import postgresql, sqlite

from cliptrace.archive import schema, summaries
from cliptrace.archive.schema import articles, framing_counts, framing_examples, framing_lexicons, framing_totals
from cliptrace.questions.excerpt import context_columns, context_sentence

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
    examples_read: bool = True  # False: counts only, its examples were not asked for (`outlet_framing`)

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

    Safe to run beside an ingest or another counter: rows already written are left alone. When the
    archive holds as many articles as are counted with this lexicon, it reads two rows and returns.
    """
    if not lexicon:
        return 0
    key = lexicon_key(lexicon)
    with engine.connect() as conn:
        counted_already = conn.execute(select(framing_lexicons.c.articles)
                                       .where(framing_lexicons.c.lexicon == key)).scalar() or 0
        archived = summaries.archived_articles(conn)
    if counted_already >= archived:
        return 0
    counted = exists().where(framing_counts.c.lexicon == key, framing_counts.c.article_id == articles.c.id)
    done = last = 0
    while True:  # each batch starts after the last one read: asking again from the first article
        with engine.connect() as conn:  # would pass over every article counted so far, each time
            batch = conn.execute(select(articles.c.ingest_seq, articles.c.id, articles.c.text)
                                 .where(articles.c.ingest_seq > last, ~counted)
                                 .order_by(articles.c.ingest_seq).limit(BATCH)).all()
        if not batch:
            return done
        last = batch[-1].ingest_seq
        store_counts(engine, article_counts(lexicon, [(r.id, r.text) for r in batch]))
        done += len(batch)


def store_counts(engine: Engine, rows: list[dict]) -> None:
    """Write `article_counts` rows (of archived articles); rows already there are left alone. The
    rows written are added to what /outlets reads (`framing_lexicons`, `framing_totals`,
    `framing_examples`) in the same transaction."""
    if not rows:
        return
    insert = sqlite.insert if engine.dialect.name == "sqlite" else postgresql.insert
    fc = framing_counts
    # A writing transaction the way the archive's writers open one (BEGIN IMMEDIATE on SQLite).
    with engine.execution_options(write=True).begin() as conn:
        written = set(conn.execute(insert(fc).on_conflict_do_nothing().returning(fc.c.lexicon, fc.c.article_id, fc.c.term),
                                   rows).all())  # executemany; only the rows inserted come back
        _add_to_summaries(conn, insert, [r for r in rows if (r["lexicon"], r["article_id"], r["term"]) in written])


def _add_to_summaries(conn: Connection, insert, rows: list[dict]) -> None:
    if not rows:
        return
    ids = sorted({r["article_id"] for r in rows})
    about = {}
    for i in range(0, len(ids), BATCH):
        about.update((r.id, r) for r in conn.execute(
            select(articles.c.id, articles.c.outlet, articles.c.duplicate_of, articles.c.ingest_seq)
            .where(articles.c.id.in_(ids[i:i + BATCH]))))
    counted = {(r["lexicon"], r["article_id"]) for r in rows}
    lexicons = Counter(lexicon for lexicon, _ in counted)
    upsert = insert(framing_lexicons)
    conn.execute(upsert.on_conflict_do_update(index_elements=["lexicon"],
                                              set_={"articles": framing_lexicons.c.articles + upsert.excluded.articles}),
                 [{"lexicon": k, "articles": n} for k, n in sorted(lexicons.items())])
    sums: dict[tuple, list[int]] = {}
    candidates: dict[tuple, list[tuple]] = {}
    for r in rows:
        article = about[r["article_id"]]
        if article.duplicate_of is not None or not (r["loaded"] or r["neutral"]):
            continue
        outlet = article.outlet or NO_OUTLET
        total = sums.setdefault((r["lexicon"], outlet, r["term"]), [0, 0])
        total[0] += r["loaded"]
        total[1] += r["neutral"]
        for wording in ("loaded", "neutral"):
            if r[f"{wording}_start"] is not None:
                candidates.setdefault((r["lexicon"], outlet, r["term"], wording), []).append(
                    (article.ingest_seq, r["article_id"], r[f"{wording}_start"], r[f"{wording}_end"]))
    if sums:
        ft = framing_totals
        upsert = insert(ft)
        conn.execute(upsert.on_conflict_do_update(
            index_elements=["lexicon", "outlet", "term"],
            set_={"loaded": ft.c.loaded + upsert.excluded.loaded, "neutral": ft.c.neutral + upsert.excluded.neutral}),
            [{"lexicon": k, "outlet": o, "term": t, "loaded": n[0], "neutral": n[1]}
             for (k, o, t), n in sorted(sums.items())])
    _keep_first_examples(conn, candidates)


def _keep_first_examples(conn: Connection, candidates: dict[tuple, list[tuple]]) -> None:
    """Add new example candidates (ingest_seq, article id, start, end) per (lexicon, outlet, term,
    wording), keeping the EXAMPLES first in ingest order of each."""
    fe = framing_examples
    keys = sorted(candidates)
    kept: dict[tuple, list[int]] = {}
    for lexicon in sorted({k[0] for k in keys}):
        outlets = sorted({k[1] for k in keys if k[0] == lexicon})
        for i in range(0, len(outlets), BATCH):
            for r in conn.execute(select(fe.c.outlet, fe.c.term, fe.c.wording, fe.c.ingest_seq)
                                  .where(fe.c.lexicon == lexicon, fe.c.outlet.in_(outlets[i:i + BATCH]))):
                kept.setdefault((lexicon, r.outlet, r.term, r.wording), []).append(r.ingest_seq)
    added, dropped = [], []
    for key in keys:
        have = kept.get(key, [])
        first = sorted(set(have) | {c[0] for c in candidates[key]})[:EXAMPLES]
        dropped += [{"k": key[0], "o": key[1], "t": key[2], "w": key[3], "s": seq} for seq in have if seq not in first]
        added += [dict(zip(("lexicon", "outlet", "term", "wording"), key), ingest_seq=seq, article_id=a, start=s, end=e)
                  for seq, a, s, e in sorted(candidates[key]) if seq in first and seq not in have]
    if dropped:
        conn.execute(delete(fe).where(fe.c.lexicon == bindparam("k"), fe.c.outlet == bindparam("o"),
                                      fe.c.term == bindparam("t"), fe.c.wording == bindparam("w"),
                                      fe.c.ingest_seq == bindparam("s")), dropped)
    if added:
        conn.execute(fe.insert(), added)


def outlet_framing(conn: Connection, lexicon: list[TermPair], examples_for: int | None = None) -> list[OutletFraming]:
    """Per outlet, busiest first, counts of every term pair's loaded and neutral wording, with
    examples for the `examples_for` outlets with the most articles (all when None; the others have
    `examples_read` False): the counts are a few kept rows, the examples are cut from articles.

    Reads the sums kept as counts are stored: run `count_framing` first so that every article is
    counted. Outlets, articles and words are those of original articles (`schema.article_counts`).
    """
    key = lexicon_key(lexicon)
    ac = schema.article_counts
    per_outlet: dict[str, OutletFraming] = {}
    for r in conn.execute(select(ac.c.outlet, func.sum(ac.c.articles).label("n"), func.sum(ac.c.words).label("words"))
                          .where(ac.c.original == true()).group_by(ac.c.outlet)):
        name = r.outlet or NO_OUTLET
        found = per_outlet.setdefault(name, OutletFraming(name))
        found.articles += int(r.n)
        found.words += int(r.words or 0)
    counts = {(r.outlet, r.term): (int(r.loaded), int(r.neutral)) for r in conn.execute(
        select(framing_totals.c.outlet, framing_totals.c.term, framing_totals.c.loaded, framing_totals.c.neutral)
        .where(framing_totals.c.lexicon == key))}
    busiest = sorted(per_outlet.values(), key=lambda f: (-f.articles, f.outlet))
    for framing in busiest[examples_for:] if examples_for is not None else []:
        framing.examples_read = False
    fe = framing_examples
    examples: dict[tuple, list[Example]] = {}
    lo, ctx = context_columns(fe.c.start, fe.c.end)  # the words around each match, not whole articles
    query = (select(fe.c.outlet, fe.c.term, fe.c.wording, fe.c.article_id, fe.c.start, fe.c.end, lo, ctx)
             .join(articles, articles.c.id == fe.c.article_id).where(fe.c.lexicon == key).order_by(fe.c.ingest_seq))
    if examples_for is not None:
        query = query.where(fe.c.outlet.in_([f.outlet for f in busiest[:examples_for]]))
    for r in conn.execute(query):
        examples.setdefault((r.outlet, r.term, r.wording), []).append(
            Example(r.article_id, r.start, r.end, context_sentence(r)))
    for name, framing in per_outlet.items():
        for pair in lexicon:
            loaded, neutral = counts.get((name, pair.key), (0, 0))
            framing.terms[pair.key] = TermCount(loaded, neutral, examples.get((name, pair.key, "loaded"), []),
                                                examples.get((name, pair.key, "neutral"), []))
    return busiest
