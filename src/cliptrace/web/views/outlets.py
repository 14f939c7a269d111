"""Outlets and framing: `/outlets` and `/api/outlets`, loaded vs neutral wording per outlet.

Counting scans every article's text (seconds for 10,000 articles): the answer is kept until the
archive changes (web/cache.py), and the app computes it in the background as it starts.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from cliptrace.questions.framing import OutletFraming, outlet_framing
from cliptrace.web.templating import render

router = APIRouter()


def framing(app: FastAPI) -> list[OutletFraming]:
    """The framing counts, computed once per archive state (the app warms them at start)."""
    return app.state.answers.get(("outlets",), lambda conn: outlet_framing(conn, app.state.lexicon))


@router.get("/outlets", summary="Outlets and framing page")
def outlets_page(request: Request):
    return render(request, "outlets.html", outlets=framing(request.app), lexicon=request.app.state.lexicon)


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
