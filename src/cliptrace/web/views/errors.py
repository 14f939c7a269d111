"""Errors as a reader meets them: an HTML page with the site's navigation for pages, JSON (FastAPI's
`{"detail": ...}`) for `/api/`, and `/api/`, the index of the JSON API."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.exception_handlers import http_exception_handler
from starlette.exceptions import HTTPException

from cliptrace.web.templating import render

router = APIRouter()

TITLES = {404: "Not found", 405: "Not allowed", 403: "Not allowed"}


def wants_json(request: Request) -> bool:
    """API paths, and clients that do not ask for HTML, get JSON."""
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


async def http_error(request: Request, exc: HTTPException):
    """The handler for every HTTPException (an unknown path or id, a method not allowed)."""
    if wants_json(request):
        return await http_exception_handler(request, exc)
    detail = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else \
        f"Nothing at {request.url.path} in this archive."
    return render(request, "error.html", status_code=exc.status_code, headers=getattr(exc, "headers", None),
                  title=TITLES.get(exc.status_code, "Error"), detail=detail)


@router.get("/api/", summary="Index of the JSON API")
def api_index(request: Request):
    paths = request.app.openapi()["paths"]  # built once by FastAPI, from every included router
    endpoints = [{"path": path, "summary": next(iter(ops.values())).get("summary"), "methods": [m.upper() for m in sorted(ops)]}
                 for path, ops in paths.items() if path.startswith("/api/") and path != "/api/"]
    return {"title": request.app.title, "openapi": "/openapi.json",
            "description": "Every page of the reading room has a JSON twin here; /openapi.json describes "
                           "each endpoint's parameters and answer.",
            "endpoints": sorted(endpoints, key=lambda e: e["path"])}
