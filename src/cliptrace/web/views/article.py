"""Article page `/articles/{id}` and `/api/articles/{id}`: the clean text with every extracted
item highlighted from its offsets, metadata, the raw source link, and near-duplicates."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request

from cliptrace.archive.export import article_to_contract
from cliptrace.model import Article
from cliptrace.questions.anchors import event_anchor, figure_anchor, mention_anchor, quote_anchor
from cliptrace.questions.articles import also_seen_in
from cliptrace.web.highlight import Mark, highlight
from cliptrace.web.templating import connect, json_answer, render, text_direction

router = APIRouter()

_MARK = re.compile(r"^(\d+)-(\d+)$")


def _quote_title(q) -> str:
    parts = [f"{q.kind} quote", f"speaker: {q.speaker or 'unknown'}"]
    if q.cue:
        parts.append(f"cue: {q.cue}")
    if q.said_on:
        parts.append(f"said on: {q.said_on}")
    return " · ".join(parts)


def _figure_title(f) -> str:
    parts = [f"{f.value:,} {f.category}", f"hedge: {f.approx.replace('_', ' ')}",
             f"source: {f.source or 'not given'}"]
    if f.place:
        parts.append(f"place: {f.place}")
    if f.as_of:
        parts.append(f"as of: {f.as_of}")
    return " · ".join(parts)


def article_marks(article: Article, mark: str | None = None) -> list[Mark]:
    """Highlights for quotes, their speakers, entity mentions, figures, and an optional `start-end` mark."""
    ann = article.annotations
    marks = []
    for q in ann.quotes:
        anchor = quote_anchor(q.start, q.end)
        marks.append(Mark(q.start, q.end, f"q {q.kind}", anchor, anchor, _quote_title(q)))
        if q.speaker_mention:
            s, e = q.speaker_mention
            marks.append(Mark(s, e, "spk", f"s{s}-{e}-{anchor}", anchor,
                              f"speaker of a quote: {q.speaker or 'unknown'}", focusable=False))
    for i, entity in enumerate(ann.entities):
        for s, e in entity.mentions:
            marks.append(Mark(s, e, f"ent {entity.type}", mention_anchor(s, e), f"e{i}",
                              f"{entity.name} ({entity.type})", focusable=False))
    for f in ann.figures:
        anchor = figure_anchor(f.start, f.end)
        marks.append(Mark(f.start, f.end, "fig", anchor, anchor, _figure_title(f)))
    found = _MARK.match(mark or "")
    if found:
        marks.append(Mark(int(found[1]), int(found[2]), "mark", "mark", "mark", "linked passage"))
    return marks


def _load(request: Request, article_id: str) -> Article:
    article = request.app.state.archive.get_article(article_id)
    if article is None:
        raise HTTPException(404, "No such article")
    return article


@router.get("/articles/{article_id}", summary="Article page")
def article_page(request: Request, article_id: str, mark: str | None = None):
    article = _load(request, article_id)
    with connect(request) as conn:
        copies = also_seen_in(conn, article.id, article.duplicate_of)
    ann = article.annotations
    return render(
        request, "article.html", article=article, body=highlight(article.text, article_marks(article, mark)),
        direction=text_direction(article.draft.language), copies=copies,
        quotes=[(quote_anchor(q.start, q.end), q, article.text[q.start:q.end]) for q in ann.quotes],
        figures=[(figure_anchor(f.start, f.end), f, article.text[f.start:f.end]) for f in ann.figures],
        events=[(event_anchor(e.start, e.end), e, article.text[e.start:e.end]) for e in ann.events],
        entities=list(enumerate(ann.entities)),
    )


@router.get("/api/articles/{article_id}", summary="One article in the export contract's shape")
def article_api(request: Request, article_id: str):
    article = _load(request, article_id)
    with connect(request) as conn:
        copies = also_seen_in(conn, article.id, article.duplicate_of)
    return json_answer({**article_to_contract(article), "also_seen_in": copies})
