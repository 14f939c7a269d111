"""Figures: `/figures` (SVG chart drawn by static/figures.js from `/api/figures`, and a table of
disagreeing claims) and `/api/figures`.

Claims of the catch-all category "other" are charted only when asked for (`category=other` or
`others=true`): they count unrelated things, and a line through them means nothing."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Query, Request

from cliptrace.questions import figures as q
from cliptrace.web.params import text_param
from cliptrace.web.templating import answer, render

router = APIRouter()

OthersQuery = Query(False, description='Also chart claims of the category "other".')


def _claims(request: Request, category: str | None, source: str | None, place: str | None, others: bool):
    """(categories, series, disagreements), grouped once per archive state rather than per request."""
    wanted = text_param(category), text_param(source), text_param(place)
    include_other = others or wanted[0] == "other"

    def compute(conn):
        found = q.claims(conn, *wanted)
        return q.categories(conn), q.series(found, include_other=include_other), q.disagreements(found)

    return answer(request, ("figures", *wanted, include_other), compute)


def _claim_json(c: q.Claim) -> dict:
    return {**asdict(c), "href": c.href}


@router.get("/figures", summary="Figures page")
def figures_page(request: Request, category: str | None = None, source: str | None = None,
                 place: str | None = None, others: bool = OthersQuery):
    categories, series, disagreements = _claims(request, category, source, place, others)
    return render(request, "figures.html", categories=categories, category=category or "", others=others,
                  series=series, disagreements=disagreements)


@router.get("/api/figures", summary="Claimed figures: series per cited source, and disagreements")
def figures_api(request: Request, category: str | None = None, source: str | None = None,
                place: str | None = None, others: bool = OthersQuery):
    categories, series, disagreements = _claims(request, category, source, place, others)
    return {
        "categories": [{"category": c, "count": n} for c, n in categories],
        "series": [{"source": s.source, "category": s.category, "label": s.source,
                    "points": [_claim_json(c) for c in s.points]} for s in series],
        "disagreements": [{**d, "claims": [_claim_json(c) for c in d["claims"]]}
                          for d in disagreements],
    }
