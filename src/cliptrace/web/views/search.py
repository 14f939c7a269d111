"""Search page (`/`, `/search`) and `/api/search`: ranked hits, snippets, facets, filters."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, HTTPException, Query, Request

from cliptrace.archive.search import QueryRefused, time_limit
from cliptrace.questions.search import ENTITY_FACET_SAMPLE, SearchFilters, search_articles
from cliptrace.web.params import date_param, month_param, text_param
from cliptrace.web.templating import answer, json_answer, render

router = APIRouter()

# One search (hits and facets) may take this long; the reader gets an answer or a refusal within 2 s.
SEARCH_SECONDS = 1.5

FACET_LABELS = {"outlet": "Outlet", "month": "Month", "language": "Language", "speaker": "Speaker",
                "entity": "Organisations and places"}


def _run(request: Request, q: str | None, outlet, month, language, speaker, entity, since, until, limit):
    filters = SearchFilters(outlet=text_param(outlet), month=month_param(month), language=text_param(language),
                            speaker=text_param(speaker), entity=text_param(entity),
                            since=date_param(since, "since"), until=date_param(until, "until"))
    query = text_param(q) or ""

    def bounded_search(conn):
        with time_limit(conn, SEARCH_SECONDS):
            return search_articles(conn, query, filters, limit=limit)

    try:
        result = answer(request, ("search", query, filters, limit), bounded_search)
    except QueryRefused as refused:
        raise HTTPException(400, str(refused)) from refused
    return filters, result


@router.get("/", include_in_schema=False)
@router.get("/search", summary="Search page")
def search_page(request: Request, q: str | None = None, outlet: str | None = None, month: str | None = None,
                language: str | None = None, speaker: str | None = None, entity: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = Query(20, ge=1, le=200)):
    filters, result = _run(request, q, outlet, month, language, speaker, entity, since, until, limit)
    params = {"q": result.query, **{k: v for k, v in asdict(filters).items() if v}}
    return render(request, "search.html", result=result, filters=filters, params=params,
                  facet_labels=FACET_LABELS, entity_facet_sample=ENTITY_FACET_SAMPLE)


@router.get("/api/search", summary="Ranked hits with snippets and facet counts")
def search_api(request: Request, q: str | None = None, outlet: str | None = None, month: str | None = None,
               language: str | None = None, speaker: str | None = None, entity: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = Query(20, ge=1, le=200)):
    _, result = _run(request, q, outlet, month, language, speaker, entity, since, until, limit)
    # Snippet hits are delimited by U+E000 / U+E001 (private-use): clients choose their own marks.
    return json_answer({"query": result.query, "total": result.total, "hits": result.hits,
                        "facets": {name: [asdict(v) for v in values] for name, values in result.facets.items()},
                        "sampled_facets": sorted(result.sampled_facets), "window": result.window})
