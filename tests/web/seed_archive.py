"""A small archive built from the seed clippings with hand-checked annotations.

The texts are real passages cut from `examples/clippings/`; every annotation is located by
searching its phrase in the text, so offsets are exact. One extra clipping is hostile (script
tags, event handlers, `javascript:` links) to prove the reading room never runs what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cliptrace.archive.store import Archive
from cliptrace.model import (Annotations, Article, ArticleDraft, Entity, Event, Figure, Quote, Source,
                             article_id, entity_id)

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "clippings"

HOSTILE_NAME = '<img src=x onerror="window.__pwned=5">Spokesman'
# Archive-wide ids, as the archive derives them from canonical name and type.
HANIYEH = entity_id("Ismail Haniyeh", "person")
ABDOLLAHIAN = entity_id("Hossein Amir-Abdollahian", "person")
BERRI = entity_id("Nabih Berri", "person")
NAKHALEH = entity_id("Ziyad al-Nakhaleh", "person")
HOSTILE = entity_id(HOSTILE_NAME, "person")
HAMAS = entity_id("Hamas", "org")
HOSTILE_TEXT = (
    'Breaking: <script>window.__pwned = 1</script> officials met.\n'
    '<img src=x onerror="window.__pwned=1"> A spokesman said "<b>nothing</b> happened '
    '<script>alert(1)</script>" on Monday.\n'
    'Read more: <a href="javascript:window.__pwned=1">here</a> <iframe src="javascript:alert(1)"></iframe>\n'
)


def seed_text(name_prefix: str) -> str:
    path = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def between(text: str, head: str, tail: str) -> str:
    start = text.index(head)
    return text[start:text.index(tail, start) + len(tail)]


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def spans(text: str, phrase: str, not_after: str = "") -> list[tuple[int, int]]:
    found, start = [], text.find(phrase)
    while start >= 0:
        if not (not_after and text[:start].endswith(not_after)):
            found.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return found


def quote(text, words, speaker, speaker_id, mention, cue, kind="direct", said_on=None) -> Quote:
    """`mention` is the speaker's words, or (context, words) to pick them inside a unique context."""
    start, end = span(text, words)
    context, who = mention if isinstance(mention, tuple) else (mention, mention)
    at = span(text, context)[0] + context.index(who)
    return Quote(start, end, kind, speaker, speaker_id, (at, at + len(who)), cue, said_on)


def figure(text, phrase, value, approx, category, source, place, as_of) -> Figure:
    start, end = span(text, phrase)
    return Figure(start, end, value, approx, category, None, place, source, as_of)


def _haniyeh_mentions(text: str) -> list[tuple[int, int]]:
    return sorted(spans(text, "Ismail Haniyeh") + spans(text, "Haniyeh", not_after="Ismail "))


def al_mayadeen_article() -> tuple[ArticleDraft, Annotations]:
    text = between(seed_text("002"), "The head of the political bureau of Hamas", "Ministry of Health in Gaza.")
    draft = ArticleDraft(text=text, title="Resistance thwarted Israeli attempts to impose new equations: Haniyeh",
                         published="2023-05-14", outlet="Al Mayadeen English", authors=["Al Mayadeen English"])
    ann = Annotations(
        entities=[
            Entity(HANIYEH, "Ismail Haniyeh", "person", _haniyeh_mentions(text)),
            Entity(BERRI, "Nabih Berri", "person", spans(text, "Nabih Berri")),
            Entity(HAMAS, "Hamas", "org", spans(text, "Hamas")),
            Entity(entity_id("Hezbollah", "org"), "Hezbollah", "org", spans(text, "Hezbollah")),
            Entity(entity_id("Iran", "place"), "Iran", "place", spans(text, "Iran")),
        ],
        quotes=[
            quote(text, "the Resistance was unified in its battle against “Israel” thanks to efforts made by "
                  "Palestinian Resistance groups, Iran, and Hezbollah", "Ismail Haniyeh", HANIYEH,
                  "Ismail Haniyeh", "says", kind="indirect", said_on="2023-05-14"),
            quote(text, "The assassination of the leaders will bring more resistance", "Ismail Haniyeh", HANIYEH,
                  ("resistance,” Haniyeh said", "Haniyeh"), "said", said_on="2023-05-14"),
        ],
        figures=[
            figure(text, "martyrdom of 33 Palestinian", 33, "exact", "killed", "Palestinian Ministry of Health",
                   "Gaza", "2023-05-14"),
            figure(text, "injured 190 others", 190, "exact", "injured", "Palestinian Ministry of Health",
                   "Gaza", "2023-05-14"),
        ],
        events=[Event(*span(text, "a meeting with Lebanese Parliament Speaker Nabih Berri"), "meeting",
                      ["Ismail Haniyeh", "Nabih Berri"], "Beirut", "2021-06-28")],
    )
    return draft, ann


def wrp_article() -> tuple[ArticleDraft, Annotations]:
    text = between(seed_text("001"), "THE head of Hamas’ political bureau", "‘complete siege’ by Israel.")
    draft = ArticleDraft(text=text, title="The Palestinian resistance stands firm on the battlefield",
                         published="2023-12-21", outlet="Workers Revolutionary Party")
    ann = Annotations(
        entities=[
            Entity(HANIYEH, "Ismail Haniyeh", "person", _haniyeh_mentions(text)),
            Entity(ABDOLLAHIAN, "Hossein Amir-Abdollahian", "person",
                   sorted(spans(text, "Hossein Amir-Abdollahian")
                          + spans(text, "Amir-Abdollahian", not_after="Hossein "))),
            Entity(entity_id("Doha", "place"), "Doha", "place", spans(text, "Doha")),
        ],
        quotes=[
            quote(text, "The Zionist regime and its allies thought that they could eliminate the resistance this way "
                  "and force it to raise the white flag,", "Ismail Haniyeh", HANIYEH, ("he noted", "he"), "noted",
                  said_on="2023-12-20"),
            quote(text, "There is no way for negotiations under Israel’s attacks.", "Ismail Haniyeh", HANIYEH,
                  ("He earlier said", "He"), "said", said_on="2023-12-20"),
            quote(text, "Today, no one has doubts that the resistance and the Palestinian nation have proven their "
                  "power", "Hossein Amir-Abdollahian", ABDOLLAHIAN, ("75 days,’ he said", "he"), "said", kind="mixed",
                  said_on="2023-12-20"),
        ],
        figures=[
            figure(text, "more than 20,000 martyrs", 20000, "more_than", "killed", "Hossein Amir-Abdollahian",
                   "Gaza", "2023-12-20"),
            figure(text, "at least 19,667 Palestinians", 19667, "at_least", "killed", None, "Gaza", "2023-12-20"),
        ],
        events=[Event(*span(text, "In a meeting with Iran’s Foreign Minister Hossein Amir-Abdollahian"), "meeting",
                      ["Ismail Haniyeh", "Hossein Amir-Abdollahian"], "Doha", "2023-12-20")],
    )
    return draft, ann


def kayhan_article() -> tuple[ArticleDraft, Annotations]:
    text = between(seed_text("004"), "GAZA STRIP (Dispatches)", "mostly women and children.")
    draft = ArticleDraft(text=text, title="Islamic Jihad: U.S. Seeking to Withdraw Zionist Troops After Gaza Failure",
                         published="2024-04-14", outlet="Kayhan International")
    ann = Annotations(
        entities=[Entity(NAKHALEH, "Ziyad al-Nakhaleh", "person",
                         spans(text, "Ziyad al-Nakhaleh") + spans(text, "Nakhaleh ", not_after="al-"))],
        quotes=[quote(text, "We have entered the seventh month of the aggression of the Zionist regime, which has "
                      "not achieved any of its goals, but is retreating day by day,", "Ziyad al-Nakhaleh",
                      "person:ziyad-al-nakhaleh", "he said", "said", said_on="2024-04-14")],
        figures=[figure(text, "at least 33,500 Palestinians", 33500, "at_least", "killed", None, "Gaza",
                        "2024-04-14")],
    )
    return draft, ann


def arabic_article() -> tuple[ArticleDraft, Annotations]:
    text = between(seed_text("002"), "بعد سنوات من القطيعة", "طوال عقود.")
    draft = ArticleDraft(text=text, title="«سيف القدس» تفتح طريق غزّة ــ دمشق", published="2021-06-01",
                         outlet="Al-Akhbar", language="ar", authors=["رجب المدهون"])
    ann = Annotations(entities=[Entity(HAMAS, "Hamas", "org", spans(text, "حماس"))])
    return draft, ann


def hostile_article() -> tuple[ArticleDraft, Annotations]:
    text = HOSTILE_TEXT
    draft = ArticleDraft(text=text, title="<script>window.__pwned=2</script>Hostile clipping",
                         published="2024-01-02", outlet="<i>Evil Outlet</i>", url="javascript:window.__pwned=3",
                         authors=["<svg onload=window.__pwned=4>"])
    ann = Annotations(
        entities=[Entity(HOSTILE, HOSTILE_NAME, "person", spans(text, "A spokesman"))],
        quotes=[quote(text, "<b>nothing</b> happened <script>alert(1)</script>", HOSTILE_NAME, HOSTILE,
                      "A spokesman", "said", said_on="2024-01-01")],
    )
    return draft, ann


@dataclass(frozen=True)
class SeedArchive:
    db: str
    ids: dict[str, str]  # name -> article id
    sha256: dict[str, str]  # name -> source sha256


def _add(archive: Archive, name: str, data: bytes, drafts) -> tuple[str, str]:
    source = Source(path=f"examples/clippings/{name}", data=data, format="text")
    articles = [Article(article_id(source.sha256, i), source.path, source.sha256, i, draft, ann)
                for i, (draft, ann) in enumerate(drafts)]
    archive.add_source(source, articles)
    return articles[0].id, source.sha256


def build_seed_archive(db: str) -> SeedArchive:
    archive = Archive.open(db)
    ids, shas = {}, {}
    try:
        for name, prefix, builders in [
            ("al_mayadeen", "002", [al_mayadeen_article]),
            ("wrp", "001", [wrp_article]),
            ("kayhan", "004", [kayhan_article]),
        ]:
            data = next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()
            ids[name], shas[name] = _add(archive, f"{prefix}.txt", data, [b() for b in builders])
        ids["arabic"], shas["arabic"] = _add(archive, "002-arabic.txt", arabic_article()[0].text.encode(),
                                             [arabic_article()])
        ids["hostile"], shas["hostile"] = _add(archive, "hostile.html", HOSTILE_TEXT.encode(), [hostile_article()])
        # The Al Mayadeen article again, republished elsewhere: a near-duplicate.
        copy_draft, copy_ann = al_mayadeen_article()
        copy_draft.outlet, copy_draft.published = "Press TV", "2023-05-15"
        ids["copy"], shas["copy"] = _add(archive, "copy.txt", b"copy\n" + copy_draft.text.encode(),
                                         [(copy_draft, copy_ann)])
    finally:
        archive.close()
    return SeedArchive(db, ids, shas)
