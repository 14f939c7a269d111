"""Statements: quotes with their speaker, cue, date and article, read straight from SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, func, select

from cliptrace.archive.schema import articles, quotes
from cliptrace.questions.anchors import quote_anchor


@dataclass(frozen=True)
class Statement:
    quote_id: int
    article_id: str
    anchor: str  # element id of the quote on the article page
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    speaker_basis: str | None  # name, pronoun, description, header, continuation or unknown
    confidence: float | None  # 0..1; None for quotes stored before it was measured
    date: str | None  # said_on, else the article's publication date
    outlet: str | None
    title: str | None
    language: str


def statement_date() -> ColumnElement:
    return func.coalesce(quotes.c.said_on, articles.c.published)


def statements(conn: Connection, speaker_id: str | None = None, since: str | None = None,
               until: str | None = None, dated_only: bool = False, min_confidence: float | None = None,
               limit: int = 500) -> list[Statement]:
    """Quotes in date order (undated last), optionally of one speaker, within dates (YYYY-MM-DD,
    inclusive) and attributed with at least `min_confidence` (0..1)."""
    date = statement_date()
    conditions = [articles.c.duplicate_of.is_(None)]  # a statement repeated by a copy counts once
    if speaker_id is not None:
        conditions.append(quotes.c.speaker_id == speaker_id)
    if since:
        conditions.append(date >= since)
    if until:
        conditions.append(date <= until)
    if dated_only:
        conditions.append(date.is_not(None))
    if min_confidence is not None:
        conditions.append(quotes.c.confidence >= min_confidence)
    # First the page of quote ids (sorting narrow rows), then their words (reading article text).
    page = (select(quotes.c.id, date.label("date"))
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(*conditions).order_by(date.is_(None), date, quotes.c.id).limit(limit)
            .subquery())
    rows = conn.execute(
        select(quotes.c.id, quotes.c.article_id, quotes.c.start, quotes.c.end, quotes.c.kind, quotes.c.speaker,
               quotes.c.speaker_id, quotes.c.cue, quotes.c.speaker_basis, quotes.c.confidence, page.c.date, articles.c.outlet, articles.c.title,
               articles.c.language,
               func.substr(articles.c.text, quotes.c.start + 1, quotes.c.end - quotes.c.start).label("text"))
        .join(page, page.c.id == quotes.c.id)
        .join(articles, articles.c.id == quotes.c.article_id)
        .order_by(page.c.date.is_(None), page.c.date, quotes.c.id)
    ).all()
    return [
        Statement(quote_id=r.id, article_id=r.article_id, anchor=quote_anchor(r.start, r.end), text=r.text,
                  kind=r.kind, speaker=r.speaker, speaker_id=r.speaker_id, cue=r.cue,
                  speaker_basis=r.speaker_basis, confidence=r.confidence, date=r.date,
                  outlet=r.outlet, title=r.title, language=r.language)
        for r in rows
    ]

