"""Network: `/network` (SVG graph drawn by static/network.js) and `/api/network`."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from cliptrace.questions.network import network
from cliptrace.web.templating import answer, render

router = APIRouter()


def _graph(request: Request, max_nodes: int) -> dict:
    return answer(request, ("network", max_nodes), lambda conn: network(conn, max_nodes=max_nodes))


@router.get("/network", summary="Network page")
def network_page(request: Request, max_nodes: int = Query(60, ge=2, le=300)):
    return render(request, "network.html", graph=_graph(request, max_nodes))


@router.get("/api/network", summary="Who met or is quoted with whom")
def network_api(request: Request, max_nodes: int = Query(60, ge=2, le=300)):
    return _graph(request, max_nodes)
