"""Figures: `/figures` (SVG chart drawn by static/figures.js from `/api/figures`, and a table of
disagreeing claims) and `/api/figures`.

Claims of the catch-all category "other" are charted only when asked for (`category=other` or
`others=true`): they count unrelated things, and a line through them means nothing."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Query, Request

from cliptrace.questions import figures as q
from cliptrace.web.params import text_param
from cliptrace.web.templating import answer, json_answer, render

router = APIRouter()

OthersQuery = Query(False, description='Also chart claims of the category "other".')


# The chart and the table of disagreements are drawn from this many most recently stored figures
# (of the category asked for): a page's cost does not grow with the archive (the page says so).
FIGURES_WINDOW = 2000


def _claims(request: Request, category: str | None, source: str | None, place: str | None, others: bool):
    """(categories, series, disagreements, window), grouped once per archive state rather than per
    request; `window` is FIGURES_WINDOW when older figures were left out, else None."""
    wanted = text_param(category), text_param(source), text_param(place)
    include_other = others or wanted[0] == "other"

    def compute(conn):
        start = q.window_start(conn, wanted[0], FIGURES_WINDOW)
        found = q.claims(conn, *wanted, start=start)
        return (q.categories(conn), q.series(found, include_other=include_other), q.disagreements(found),
                FIGURES_WINDOW if start is not None else None)

    return answer(request, ("figures", *wanted, include_other), compute)


def _claim_json(c: q.Claim) -> dict:
    return {**asdict(c), "href": c.href}


@router.get("/figures", summary="Figures page")
def figures_page(request: Request, category: str | None = None, source: str | None = None,
                 place: str | None = None, others: bool = OthersQuery):
    categories, series, disagreements, window = _claims(request, category, source, place, others)
    return render(request, "figures.html", categories=categories, category=category or "", others=others,
                  series=series, disagreements=disagreements, window=window)


@router.get("/api/figures", summary="Claimed figures: series per cited source, and disagreements")
def figures_api(request: Request, category: str | None = None, source: str | None = None,
                place: str | None = None, others: bool = OthersQuery):
    categories, series, disagreements, window = _claims(request, category, source, place, others)
    return json_answer({
        "window": window,
        "categories": [{"category": c, "count": n} for c, n in categories],
        "series": [{"source": s.source, "category": s.category, "label": s.source,
                    "points": [_claim_json(c) for c in s.points]} for s in series],
        "disagreements": [{**d, "claims": [_claim_json(c) for c in d["claims"]]}
                          for d in disagreements],
    })
