"""Outlets and framing: `/outlets` and `/api/outlets`, loaded vs neutral wording per outlet.

Term counts are stored per article (questions/framing.py): an ingest counts its articles with the
packaged lexicon, and the app counts with its own lexicon as it starts. A request counts only the
articles that arrived since, then sums in SQL.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from cliptrace.questions.framing import OutletFraming, count_framing, outlet_framing
from cliptrace.web.templating import render

router = APIRouter()


def framing(app: FastAPI) -> list[OutletFraming]:
    """The framing counts per outlet, summed once per archive state."""
    archive, lexicon = app.state.archive, app.state.lexicon

    def compute(_conn):
        count_framing(archive.engine, lexicon)  # articles ingested since: usually none
        with archive.engine.connect() as conn:  # a snapshot that sees those counts
            return outlet_framing(conn, lexicon)

    return app.state.answers.get(("outlets",), compute)


@router.get("/outlets", summary="Outlets and framing page")
def outlets_page(request: Request):
    found = framing(request.app)
    # On a mixed archive most outlets (sports, technology) use none of the terms: a row of zeros
    # each would bury the outlets that do, so they are named in one line instead.
    return render(request, "outlets.html", outlets=[f for f in found if f.uses_terms],
                  without_terms=[f for f in found if not f.uses_terms], lexicon=request.app.state.lexicon)


@router.get("/api/outlets", summary="Per outlet: loaded vs neutral terms per 1,000 words, with examples")
def outlets_api(request: Request):
    return [
        {"outlet": f.outlet, "articles": f.articles, "words": f.words,
         "terms": {key: {"loaded": t.loaded, "neutral": t.neutral,
                         "loaded_per_1000": f.per_1000(t.loaded), "neutral_per_1000": f.per_1000(t.neutral),
                         "loaded_examples": [{**vars(e), "href": e.href} for e in t.loaded_examples],
                         "neutral_examples": [{**vars(e), "href": e.href} for e in t.neutral_examples]}
                   for key, t in f.terms.items()}}
        for f in framing(request.app)
    ]
