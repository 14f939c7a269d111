"""Framing per outlet: loaded vs neutral wording from an editable lexicon, per 1,000 words.

The lexicon is a TOML file (`cliptrace/data/framing_lexicon.toml` by default; users pass their own
path). Near-duplicate copies are skipped so that a republished article is counted once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, select

from cliptrace.archive.schema import articles
from cliptrace.questions.excerpt import sentence_around

EXAMPLES = 3
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


def _count(pattern: re.Pattern | None, article_id: str, text: str, examples: list[Example]) -> int:
    if pattern is None:
        return 0
    n = 0
    for m in pattern.finditer(text):
        n += 1
        if len(examples) < EXAMPLES:
            examples.append(Example(article_id, m.start(), m.end(), sentence_around(text, m.start(), m.end())))
    return n


def outlet_framing(conn: Connection, lexicon: list[TermPair]) -> list[OutletFraming]:
    """Per outlet, counts of every term pair's loaded and neutral wording, with examples."""
    per_outlet: dict[str, OutletFraming] = {}
    rows = conn.execute(select(articles.c.id, articles.c.outlet, articles.c.text, articles.c.words)
                        .where(articles.c.duplicate_of.is_(None)).order_by(articles.c.ingest_seq))
    for r in rows:
        framing = per_outlet.setdefault(r.outlet or NO_OUTLET, OutletFraming(r.outlet or NO_OUTLET))
        framing.articles += 1
        framing.words += r.words
        for pair in lexicon:
            counts = framing.terms.setdefault(pair.key, TermCount())
            counts.loaded += _count(pair.loaded, r.id, r.text, counts.loaded_examples)
            counts.neutral += _count(pair.neutral, r.id, r.text, counts.neutral_examples)
    return sorted(per_outlet.values(), key=lambda f: (-f.articles, f.outlet))
