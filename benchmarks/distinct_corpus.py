"""Distinct-text corpora for the speed benchmarks: PolNeAR's news as it is, and any number of new
articles recombined from its paragraphs with names, numbers and dates varied.

    texts = polnear_texts(Path("../shared/eval/polnear"))       # [(name, text)], train + dev: 924
    for name, text in generate_articles(texts, 10_000): ...      # distinct, deterministic

Copying one file many times flatters every cache and hides costs that grow with the number of
different people and words (issue 12). Here every generated article is a new headline plus 8-26
paragraphs drawn from the whole pool, and its proper nouns, numbers, months and years are varied:
- proper nouns: a word the corpus writes capitalised mid-sentence and almost never in lower case
  ("Kasich", "Senate", "Milwaukee") is replaced, with probability 0.8, by an invented word built
  from syllables and seeded by (word, cast). A *cast* is a run of `ARTICLES_PER_CAST` consecutive
  articles: inside it the same person keeps the same invented name, so entity resolution across
  articles has work to do, and the number of distinct names grows linearly with the corpus;
- numbers (other than years) are scaled by a factor in [0.5, 2] and printed in the same style;
- years 2010-2019 move by one offset per article, month names are permuted per article.
Texts are generated in memory and written to a scratch folder by the caller; nothing of PolNeAR is
stored in the project. The text of an article is the first line (headline) + blank-line paragraphs,
PolNeAR's own layout.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SPLITS = ("train", "dev")
ARTICLES_PER_CAST = 10
RENAME_PROBABILITY = 0.8
PARAGRAPHS = (8, 26)  # PolNeAR: 17 paragraphs of 8+ words per article on average
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b")
_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,]\d)")
_YEAR = re.compile(r"\b(20[01]\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_SYLLABLES = ("ka", "ro", "mi", "len", "dor", "va", "sul", "ti", "bar", "ne", "gou", "fa", "lis", "ter",
              "an", "mo", "ri", "chel", "po", "zan", "de", "wyn", "ha", "qu", "el", "sto", "ver", "in")


def polnear_texts(root: Path) -> list[tuple[str, str]]:
    """(file name, text) of PolNeAR's train and dev articles, in name order (924 files, ~690k words)."""
    files = sorted(path for split in SPLITS for path in (root / "data" / split / "text").glob("*.txt"))
    if not files:
        raise SystemExit(f"no PolNeAR texts under {root}/data/{{{','.join(SPLITS)}}}/text")
    return [(path.name, path.read_text(encoding="utf-8")) for path in files]


def proper_nouns(texts: list[str]) -> frozenset[str]:
    """Words written capitalised mid-sentence at least twice and in lower case under a tenth as
    often: names of people, places and organisations, not sentence openers. Months and weekdays
    are left alone (they carry the dates)."""
    capitalised = Counter(word for text in texts for word in _MID_SENTENCE_CAPITAL.findall(text))
    lower = Counter(word for text in texts for word in _WORD.findall(text) if word.islower())
    return frozenset(word for word, n in capitalised.items()
                     if n >= 2 and lower[word.lower()] * 10 < n and word not in MONTHS and word not in WEEKDAYS)


@lru_cache(maxsize=65536)
def invented_name(word: str, cast: int) -> str:
    """A pronounceable word of about `word`'s length, the same for the same (word, cast)."""
    rng = random.Random(f"{word}|{cast}")
    name = ""
    while len(name) < max(4, len(word) - 1):
        name += rng.choice(_SYLLABLES)
    return name.capitalize()


def _scaled(match: re.Match, rng: random.Random) -> str:
    whole, fraction = match.group(1), match.group(2) or ""
    value = int(whole.replace(",", "")) * rng.uniform(0.5, 2.0)
    if fraction:
        return f"{value:.{len(fraction) - 1}f}"
    number = max(1, round(value))
    return f"{number:,}" if "," in whole else str(number)


def vary(text: str, names: frozenset[str], index: int) -> str:
    """`text` with its proper nouns renamed for cast `index // ARTICLES_PER_CAST`, numbers
    scaled, years shifted and months permuted, all seeded by `index`."""
    rng = random.Random(index)
    cast = index // ARTICLES_PER_CAST
    # One draw per proper noun of the corpus, in name order, so an article's renamings do not depend
    # on its words; the invented names are built only for the words it holds (thousands per draw).
    renamed = {word for word in sorted(names) if rng.random() < RENAME_PROBABILITY}
    year_shift = rng.randint(-5, 8)
    months = dict(zip(MONTHS, rng.sample(MONTHS, len(MONTHS))))
    text = re.sub(r"\b[A-Z][a-z]{2,}\b",
                  lambda m: invented_name(m.group(0), cast) if m.group(0) in renamed else m.group(0), text)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text)
    text = _MONTH.sub(lambda m: months[m.group(1)], text)
    parts = _YEAR.split(text)  # numbers are scaled outside the (already shifted) years only
    return "".join(part if i % 2 else _NUMBER.sub(lambda m: _scaled(m, rng), part) for i, part in enumerate(parts))


@dataclass(frozen=True)
class Pool:
    """What articles are recombined from: the corpus's proper nouns, headlines and paragraphs (of 8+
    words), and for each paragraph the index of the text it comes from."""

    names: frozenset[str]
    headlines: list[str]
    paragraphs: list[str]
    origins: list[int]


def paragraph_pool(texts: list[tuple[str, str]]) -> Pool:
    bodies = [text for _, text in texts]
    headlines, paragraphs, origins = [], [], []
    for number, body in enumerate(bodies):
        head, _, rest = body.partition("\n")
        headlines.append(head.strip())
        kept = [p.strip() for p in rest.split("\n\n") if len(p.split()) >= 8]
        paragraphs += kept
        origins += [number] * len(kept)
    return Pool(proper_nouns(bodies), headlines, paragraphs, origins)


def article_plan(pool: Pool, index: int) -> tuple[int, list[int]]:
    """(headline, paragraphs) of article `index`, as indices into the pool."""
    rng = random.Random(f"article|{index}")
    chosen = rng.sample(range(len(pool.paragraphs)), rng.randint(*PARAGRAPHS))
    return rng.randrange(len(pool.headlines)), chosen


def generate_articles(texts: list[tuple[str, str]], count: int, start: int = 0) -> Iterator[tuple[str, str]]:
    """`count` distinct articles (file name, text), numbered from `start`: the same numbers give the
    same articles, so a run can add articles 1,000-1,999 to an archive holding 0-999."""
    pool = paragraph_pool(texts)
    for index in range(start, start + count):
        headline, chosen = article_plan(pool, index)
        article = pool.headlines[headline] + "\n\n" + "\n\n".join(pool.paragraphs[i] for i in chosen) + "\n"
        yield f"gen_{index:07d}.txt", vary(article, pool.names, index)
