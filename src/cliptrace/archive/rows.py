"""The one place where an `Article` and its annotations become table rows, and back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cliptrace.model import Annotations, Article, ArticleDraft, Entity, Event, Figure, Quote


def word_count(text: str) -> int:
    return len(text.split())


def article_row(article: Article, ingest_seq: int) -> dict[str, Any]:
    draft = article.draft
    return {
        "id": article.id,
        "source_sha256": article.source_sha256,
        "source_path": article.source_path,
        "position": article.position,
        "title": draft.title,
        "published": draft.published,
        "outlet": draft.outlet,
        "authors": list(draft.authors),
        "language": draft.language,
        "url": draft.url,
        "text": draft.text,
        "words": word_count(draft.text),
        "duplicate_of": article.duplicate_of,
        "ingest_seq": ingest_seq,
        "locator": draft.locator,
        "tags": list(draft.tags),
        "section": draft.section,
        "dateline": draft.dateline,
        "stated_words": draft.stated_words,
        "edited": draft.edited,
    }


def article_from_row(row: Mapping[str, Any], annotations: Annotations | None = None) -> Article:
    draft = ArticleDraft(
        text=row["text"], title=row["title"], published=row["published"], outlet=row["outlet"],
        authors=list(row["authors"] or []), language=row["language"], url=row["url"],
        locator=row["locator"], tags=list(row["tags"] or []), section=row["section"],
        dateline=row["dateline"], stated_words=row["stated_words"], edited=row["edited"],
    )
    return Article(
        id=row["id"], source_path=row["source_path"], source_sha256=row["source_sha256"],
        position=row["position"], draft=draft, annotations=annotations or Annotations(),
        duplicate_of=row["duplicate_of"],
    )


def annotation_rows(article_id: str, ann: Annotations,
                    archive_entity: Mapping[str, tuple[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Rows per table name for one article's annotations.

    `archive_entity` maps each article-local entity id to its archive entity (id, canonical name);
    quotes and events are rewritten to those ids and names. 'entities' and 'entity_aliases' rows
    are archive-wide.
    """
    canonical_name = {e.name: archive_entity[e.id][1] for e in ann.entities}

    def speaker(q: Quote) -> tuple[str | None, str | None]:
        if q.speaker_id in archive_entity:
            return archive_entity[q.speaker_id]
        return q.speaker_id, q.speaker

    quotes = []
    for q in ann.quotes:
        speaker_id, speaker_name = speaker(q)
        quotes.append({
            "article_id": article_id, "start": q.start, "end": q.end, "kind": q.kind,
            "speaker": speaker_name, "speaker_id": speaker_id,
            "speaker_mention_start": q.speaker_mention[0] if q.speaker_mention else None,
            "speaker_mention_end": q.speaker_mention[1] if q.speaker_mention else None,
            "cue": q.cue, "said_on": q.said_on,
            "speaker_basis": q.speaker_basis, "confidence": q.confidence,
        })
    return {
        "entities": [{"id": archive_entity[e.id][0], "name": archive_entity[e.id][1], "type": e.type}
                     for e in ann.entities],
        "entity_aliases": [{"entity_id": archive_entity[e.id][0], "alias": e.name} for e in ann.entities],
        "mentions": [
            {"article_id": article_id, "entity_id": archive_entity[e.id][0], "name": e.name,
             "start": s, "end": t}
            for e in ann.entities for s, t in e.mentions
        ],
        "quotes": quotes,
        "figures": [
            {
                "article_id": article_id, "start": f.start, "end": f.end, "value": f.value,
                "approx": f.approx, "category": f.category, "subject": f.subject, "place": f.place,
                "source": canonical_name.get(f.source, f.source), "as_of": f.as_of, "part_of": f.part_of,
            }
            for f in ann.figures
        ],
        "events": [
            {
                "article_id": article_id, "start": e.start, "end": e.end, "type": e.type,
                "participants": [canonical_name.get(p, p) for p in e.participants],
                "place": e.place, "date": e.date,
            }
            for e in ann.events
        ],
    }


def entities_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Entity]:
    """Mention rows joined with their entity (id, name, type, start, end), in mention order."""
    by_id: dict[str, Entity] = {}
    for r in rows:
        entity = by_id.setdefault(r["entity_id"], Entity(r["entity_id"], r["name"], r["type"]))
        entity.mentions.append((r["start"], r["end"]))
    return list(by_id.values())


def quote_from_row(r: Mapping[str, Any]) -> Quote:
    mention = r["speaker_mention_start"], r["speaker_mention_end"]
    return Quote(
        start=r["start"], end=r["end"], kind=r["kind"], speaker=r["speaker"],
        speaker_id=r["speaker_id"], speaker_mention=mention if mention[0] is not None else None,
        cue=r["cue"], said_on=r["said_on"],
        speaker_basis=r["speaker_basis"] or "unknown", confidence=r["confidence"] or 0.0,
    )


def figure_from_row(r: Mapping[str, Any]) -> Figure:
    return Figure(
        start=r["start"], end=r["end"], value=r["value"], approx=r["approx"], category=r["category"],
        subject=r["subject"], place=r["place"], source=r["source"], as_of=r["as_of"],
        part_of=r["part_of"],
    )


def event_from_row(r: Mapping[str, Any]) -> Event:
    return Event(
        start=r["start"], end=r["end"], type=r["type"], participants=list(r["participants"] or []),
        place=r["place"], date=r["date"],
    )
