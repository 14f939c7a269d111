"""Statements: quotes with their speaker, cue, date and article, read straight from SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from cliptrace.archive.schema import articles, quotes
from cliptrace.questions.anchors import quote_anchor
from cliptrace.questions.articles import is_original


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


def statements(conn: Connection, speaker_id: str | None = None, since: str | None = None,
               until: str | None = None, dated_only: bool = False, min_confidence: float | None = None,
               limit: int = 500) -> list[Statement]:
    """Quotes in date order (undated last), optionally of one speaker, within dates (YYYY-MM-DD,
    inclusive) and attributed with at least `min_confidence` (0..1)."""
    conditions = [is_original(conn)]  # a statement repeated by a copy counts once
    if speaker_id is not None:
        conditions.append(quotes.c.speaker_id == speaker_id)
    if min_confidence is not None:
        conditions.append(quotes.c.confidence >= min_confidence)
    # A quote's date is its own (said_on) or else its article's. The two kinds are read apart, each
    # in date order from an index (quotes by speaker and said_on; articles by date), and merged: a
    # page of statements reads a page of quotes, not every quote of the speaker.
    found = []
    for own, date in ((True, quotes.c.said_on), (False, articles.c.published)):
        kind = [quotes.c.said_on.is_not(None)] if own else [quotes.c.said_on.is_(None)]
        if since:
            kind.append(date >= since)
        if until:
            kind.append(date <= until)
        if dated_only:
            kind.append(date.is_not(None))
        found += conn.execute(
            select(quotes.c.id, date.label("date")).join(articles, articles.c.id == quotes.c.article_id)
            .where(*conditions, *kind).order_by(*([] if own else [date.is_(None)]), date, quotes.c.id)
            .limit(limit)).all()
    found.sort(key=lambda r: (r.date is None, r.date or "", r.id))
    page = {r.id: r.date for r in found[:limit]}
    # Then the words of that page (reading article text).
    rows = conn.execute(
        select(quotes.c.id, quotes.c.article_id, quotes.c.start, quotes.c.end, quotes.c.kind, quotes.c.speaker,
               quotes.c.speaker_id, quotes.c.cue, quotes.c.speaker_basis, quotes.c.confidence, articles.c.outlet,
               articles.c.title, articles.c.language,
               func.substr(articles.c.text, quotes.c.start + 1, quotes.c.end - quotes.c.start).label("text"))
        .join(articles, articles.c.id == quotes.c.article_id).where(quotes.c.id.in_(list(page)))
    ).all()
    return sorted((
        Statement(quote_id=r.id, article_id=r.article_id, anchor=quote_anchor(r.start, r.end), text=r.text,
                  kind=r.kind, speaker=r.speaker, speaker_id=r.speaker_id, cue=r.cue,
                  speaker_basis=r.speaker_basis, confidence=r.confidence, date=page[r.id],
                  outlet=r.outlet, title=r.title, language=r.language)
        for r in rows), key=lambda s: (s.date is None, s.date or "", s.quote_id))
