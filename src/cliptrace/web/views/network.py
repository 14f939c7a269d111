"""Network: `/network` (SVG graph drawn by static/network.js) and `/api/network`.

People only by default; `others=true` adds organisations, places and other entities quoted or met."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from cliptrace.questions.network import EVERYONE, NETWORK_ARTICLES, PEOPLE_ONLY, network
from cliptrace.web.templating import answer, json_answer, render

router = APIRouter()

OthersQuery = Query(False, description="Also organisations, places and other entities, not only people.")


def _graph(request: Request, max_nodes: int, others: bool) -> dict:
    types = EVERYONE if others else PEOPLE_ONLY
    return answer(request, ("network", max_nodes, types), lambda conn: network(conn, max_nodes=max_nodes, types=types))


@router.get("/network", summary="Network page")
def network_page(request: Request, max_nodes: int = Query(60, ge=2, le=300), others: bool = OthersQuery):
    return render(request, "network.html", graph=_graph(request, max_nodes, others), others=others,
                  sample=NETWORK_ARTICLES)


@router.get("/api/network", summary="Who met or is quoted with whom")
def network_api(request: Request, max_nodes: int = Query(60, ge=2, le=300), others: bool = OthersQuery):
    return json_answer(_graph(request, max_nodes, others))
