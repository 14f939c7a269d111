"""Outlets and framing: `/outlets` and `/api/outlets`, loaded vs neutral wording per outlet.

Term counts are stored per article (questions/framing.py): an ingest counts its articles with the
packaged lexicon, and the app counts with its own lexicon as it starts. A request counts only the
articles that arrived since, then sums in SQL.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, FastAPI, Request
from cliptrace.questions.framing import OutletFraming, count_framing, outlet_framing
from cliptrace.web.templating import json_answer, render

router = APIRouter()


# Outlets whose examples are shown unless all are asked for: each outlet's examples are cut from
# its articles (up to 3 per wording and term pair), so an archive of 300 outlets made the page draw
# some 6,000 of them (338 ms at 100,000 articles); the counts of every outlet are a few kept rows.
EXAMPLE_OUTLETS = 40


def framing(app: FastAPI, all_examples: bool = False) -> list[OutletFraming]:
    """The framing counts per outlet, busiest first, summed once per archive state; examples for
    the `EXAMPLE_OUTLETS` busiest, or for every outlet with `all_examples`."""
    archive, lexicon = app.state.archive, app.state.lexicon
    examples_for = None if all_examples else EXAMPLE_OUTLETS

    def compute(_conn):
        count_framing(archive.engine, lexicon)  # articles ingested since: usually none
        with archive.engine.connect() as conn:  # a snapshot that sees those counts
            return outlet_framing(conn, lexicon, examples_for)

    return app.state.answers.get(("outlets", examples_for), compute)


@router.get("/outlets", summary="Outlets and framing page")
def outlets_page(request: Request, examples: Literal["busiest", "all"] = "busiest"):
    found = framing(request.app, examples == "all")
    # On a mixed archive most outlets (sports, technology) use none of the terms: a row of zeros
    # each would bury the outlets that do, so they are named in one line instead.
    using = [f for f in found if f.uses_terms]
    return render(request, "outlets.html", outlets=using, without_terms=[f for f in found if not f.uses_terms],
                  detailed=[f for f in using if f.examples_read], lexicon=request.app.state.lexicon)


@router.get("/api/outlets", summary="Per outlet: loaded vs neutral terms per 1,000 words, with examples "
            "for the busiest outlets (examples=all: for every outlet)")
def outlets_api(request: Request, examples: Literal["busiest", "all"] = "busiest"):
    return json_answer([
        {"outlet": f.outlet, "articles": f.articles, "words": f.words, "examples_read": f.examples_read,
         "terms": {key: {"loaded": t.loaded, "neutral": t.neutral,
                         "loaded_per_1000": f.per_1000(t.loaded), "neutral_per_1000": f.per_1000(t.neutral),
                         "loaded_examples": [{**vars(e), "href": e.href} for e in t.loaded_examples],
                         "neutral_examples": [{**vars(e), "href": e.href} for e in t.neutral_examples]}
                   for key, t in f.terms.items()}}
        for f in framing(request.app, examples == "all")
    ])
