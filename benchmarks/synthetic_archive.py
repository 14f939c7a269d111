"""Any number of distinct annotated articles, written into an archive through the Archive API.

    for draft, annotations in generate(1_000_000): ...        # deterministic, distinct
    build(archive, 1_000_000)                                 # bulk: 1,000 articles per source

For the reading-room benchmark at a million articles (issue 12, item 5), where copies of a few seed
clippings would flatter every index and cache. Extraction is skipped: each article is written
together with the annotations it was generated with (people and their mentions, quotes with
speakers, figures, meetings), so the archive holds what an ingest would have stored.

What varies, so that posting lists and per-person aggregates have realistic sizes:
- words: the real vocabulary of `examples/clippings` (by its own frequency) followed by 60,000
  invented words, drawn with Zipf weights 1/(rank + 3): the commonest words are in nearly every
  article, a word of rank 1,000 in about 1 % of them, the rarest in a few hundred of a million;
- people: 20,000 invented full names (first name × surname syllables), chosen with Zipf weights,
  so a few people are in tens of thousands of articles and most in a few dozen; organisations
  (600) and places (400) likewise;
- outlets: 300, Zipf weights; dates: uniform over 2015-2024;
- per article: a title, 6-11 sentences of 10-24 words, 2-4 people (full name first, surname
  after), 1-3 quotes of theirs, up to 2 figures, a meeting between two of them in a third of them.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from cliptrace.archive.store import Archive
from cliptrace.model import (Annotations, Article, ArticleDraft, Entity, Event, Figure, Quote, Source,
                             article_id, entity_id)

CLIPPINGS = Path(__file__).resolve().parents[1] / "examples" / "clippings"
SEED = 12
INVENTED_WORDS = 60_000
PEOPLE, ORGS, PLACES, OUTLETS = 20_000, 600, 400, 300
FIRST_DAY, DAYS = date(2015, 1, 1), 3653
ARTICLES_PER_SOURCE = 1000
CATEGORIES = ("killed", "injured", "displaced", "arrested")
HEDGES = (("", "exact"), ("at least ", "at_least"), ("more than ", "more_than"), ("about ", "about"))
CUES = ("said", "told reporters", "added", "stated")
_SYLLABLES = ("ka", "ro", "mi", "len", "dor", "va", "sul", "ti", "bar", "ne", "gou", "fa", "lis", "ter", "an",
              "mo", "ri", "chel", "po", "zan", "de", "wyn", "ha", "qu", "el", "sto", "ver", "in", "sa", "bri",
              "tor", "lu", "mek", "nai", "os", "pra", "jun", "ce", "dal", "yo")


class _Pool:
    """Values drawn with Zipf weights 1/(rank + 3), the first value the most frequent."""

    def __init__(self, values: list[str], rng: random.Random):
        self.values, self._rng = values, rng
        self._cum = list(accumulate(1.0 / (rank + 3) for rank in range(len(values))))

    def draw(self, k: int = 1) -> list[str]:
        return self._rng.choices(self.values, cum_weights=self._cum, k=k)


def _invented(rng: random.Random, n: int, syllables: tuple[int, int], taken: set[str]) -> list[str]:
    found: list[str] = []
    while len(found) < n:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*syllables)))
        if word not in taken:
            taken.add(word)
            found.append(word)
    return found


def _pools(rng: random.Random) -> dict[str, _Pool]:
    real = Counter(w.lower() for path in sorted(CLIPPINGS.glob("*.txt"))
                   for w in re.findall(r"[A-Za-z]{2,}", path.read_text(encoding="utf-8")))
    words = [w for w, _ in sorted(real.items(), key=lambda kv: (-kv[1], kv[0]))]
    taken = set(words)
    words += _invented(rng, INVENTED_WORDS, (2, 4), taken)
    first = [w.capitalize() for w in _invented(rng, 400, (2, 3), taken)]
    last = [w.capitalize() for w in _invented(rng, 8000, (2, 4), taken)]
    people = list(dict.fromkeys(f"{rng.choice(first)} {rng.choice(last)}" for _ in range(PEOPLE * 2)))[:PEOPLE]
    orgs = [f"{w.capitalize()} {kind}" for w, kind in
            zip(_invented(rng, ORGS, (2, 3), taken), rng.choices(("Ministry", "Council", "Front", "Agency", "Party"), k=ORGS))]
    places = [w.capitalize() for w in _invented(rng, PLACES, (2, 3), taken)]
    outlets = [f"The {w.capitalize()} {kind}" for w, kind in
               zip(_invented(rng, OUTLETS, (2, 3), taken), rng.choices(("Times", "Herald", "Post", "News", "Daily"), k=OUTLETS))]
    return {name: _Pool(values, rng) for name, values in
            (("words", words), ("people", people), ("orgs", orgs), ("places", places), ("outlets", outlets))}


class _Text:
    """Text assembled piece by piece, with the offsets of the pieces that annotations point at."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def generate(n: int, seed: int = SEED) -> Iterator[tuple[ArticleDraft, Annotations]]:
    """`n` distinct (draft, annotations), the same for the same `n` and `seed`."""
    rng = random.Random(seed)
    pools = _pools(rng)
    words, people, orgs, places = pools["words"], pools["people"], pools["orgs"], pools["places"]
    outlets = pools["outlets"]

    def sentence(k: int) -> str:
        drawn = words.draw(k)
        return " ".join(drawn).capitalize()

    for _ in range(n):
        day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
        cast = list(dict.fromkeys(people.draw(rng.randint(2, 4))))
        org, place = orgs.draw()[0], places.draw()[0]
        body = _Text()
        mentions: dict[tuple[str, str], list[tuple[int, int]]] = {}
        quotes, figures, events = [], [], []
        introduced: set[str] = set()

        def name(person: str) -> tuple[int, int]:
            shown = person if person not in introduced else person.split()[-1]
            introduced.add(person)
            at = body.add(shown)
            mentions.setdefault((person, "person"), []).append(at)
            return at

        kinds = ["plain"] * rng.randint(4, 7) + ["quote"] * rng.randint(1, 3) + ["figure"] * rng.randint(0, 2)
        kinds += ["meeting"] if len(cast) > 1 and rng.random() < 0.33 else []
        rng.shuffle(kinds)
        for kind in kinds:
            if body.length:
                body.add(" ")
            if kind == "plain":
                body.add(sentence(rng.randint(10, 24)) + ", ")
                speaker = rng.choice(cast)
                name(speaker)
                body.add(" " + " ".join(words.draw(rng.randint(3, 8))) + ".")
            elif kind == "quote":
                speaker, cue = rng.choice(cast), rng.choice(CUES)
                body.add('"')
                span = body.add(sentence(rng.randint(10, 22)))
                body.add(f'," {cue} ')
                who = name(speaker)
                body.add(".")
                quotes.append(Quote(*span, "direct", speaker, entity_id(speaker, "person"), who, cue, day,
                                    "name", 0.9))
            elif kind == "figure":
                (hedge, approx), category = rng.choice(HEDGES), rng.choice(CATEGORIES)
                value = int(rng.paretovariate(1.2) * 3)
                span = body.add(f"{hedge}{value:,} people were {category}")
                body.add(" in ")
                mentions.setdefault((place, "place"), []).append(body.add(place))
                body.add(", the ")
                mentions.setdefault((org, "org"), []).append(body.add(org))
                body.add(" said.")
                figures.append(Figure(*span, value, approx, category, "people", place, org, day))
            else:
                host, guest = rng.sample(cast, 2)
                start = name(host)[0]
                body.add(" met ")
                name(guest)
                body.add(" in ")
                mentions.setdefault((place, "place"), []).append(body.add(place))
                end = body.add(".")[1]
                events.append(Event(start, end, "meeting", [host, guest], place, day))
        entities = [Entity(entity_id(n_, t), n_, t, spans) for (n_, t), spans in mentions.items()]
        draft = ArticleDraft(text=body.text(), title=sentence(rng.randint(5, 9)), published=day,
                             outlet=outlets.draw()[0], language="en")
        yield draft, Annotations(entities=entities, quotes=quotes, figures=figures, events=events)


def build(archive: Archive, n: int, seed: int = SEED, progress=None) -> None:
    """Write `n` generated articles into `archive`, ARTICLES_PER_SOURCE per source (one transaction
    each), near-duplicate detection off (generated texts are all distinct). `progress(done)` is
    called after each source."""
    stream = generate(n, seed)
    for s in range(0, n, ARTICLES_PER_SOURCE):
        source = Source(path=f"synthetic/{seed}/{s:08d}.txt", data=f"synthetic {seed} {s}".encode(), format="text")
        batch = [Article(article_id(source.sha256, i), source.path, source.sha256, i, draft, ann)
                 for i, (draft, ann) in zip(range(min(ARTICLES_PER_SOURCE, n - s)), stream)]
        archive.add_source(source, batch, near_duplicates=False)
        if progress:
            progress(s + len(batch))
