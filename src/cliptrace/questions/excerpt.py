"""The sentence (or a window of words) around a span, for showing a claim in context."""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, case, func

from cliptrace.archive.schema import articles

CONTEXT_CHARS = 240

_SENTENCE_END = re.compile(r"[.!?؟。]\s|\n")


def sentence_around(text: str, start: int, end: int, max_chars: int = 320) -> str:
    """The sentence holding text[start:end], cut at word boundaries to about `max_chars`."""
    left = max(0, start - max_chars // 2)
    cuts = list(_SENTENCE_END.finditer(text, left, start))
    if cuts:
        left = cuts[-1].end()
    elif left > 0:  # no sentence start in reach: begin at the next word
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    limit = min(len(text), end + max_chars // 2)
    cut = _SENTENCE_END.search(text, end, limit)
    if cut:
        right = cut.start() + 1
    else:
        space = text.rfind(" ", end, limit)
        right = space if limit < len(text) and space >= 0 else limit
    return " ".join(text[left:right].split())


def context_columns(start: ColumnElement, end: ColumnElement) -> tuple[ColumnElement, ColumnElement]:
    """SQL for (offset, text) of a window of article text around [start, end), so that a query
    over many claims does not load whole articles. Pass the result to `context_sentence`."""
    lo = case((start > CONTEXT_CHARS, start - CONTEXT_CHARS), else_=0)
    return lo.label("ctx_lo"), func.substr(articles.c.text, lo + 1, end - lo + CONTEXT_CHARS).label("ctx")


def context_sentence(row) -> str:
    """The sentence around a claim, from a row selected with `context_columns` plus start/end."""
    return sentence_around(row.ctx, row.start - row.ctx_lo, row.end - row.ctx_lo)
