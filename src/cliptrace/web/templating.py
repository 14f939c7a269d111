"""Jinja2 with autoescape on for every template, and helpers the views share."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from sqlalchemy import Connection

from cliptrace.questions.search import highlight_snippet

T = TypeVar("T")

_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
templates = Jinja2Templates(env=_env)

# Navigation: (path, label), in the order of the header.
NAV = [("/", "Search"), ("/people", "People"), ("/figures", "Figures"), ("/timeline", "Timeline"),
       ("/network", "Network"), ("/outlets", "Outlets")]


def query_url(path: str, params: dict, **changes) -> str:
    """`path?params` with some parameters changed (None removes one): facet and filter links."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept, doseq=True) if kept else "")


_env.globals.update(nav=NAV, query_url=query_url)


def compile_templates() -> None:
    """Compile every template now (Jinja compiles on first use, ~tens of ms each): call at start-up
    so that no visitor's first request pays for it."""
    for name in _env.list_templates(extensions=["html"]):
        _env.get_template(name)


def render(request: Request, name: str, status_code: int = 200, headers: dict | None = None, **context):
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers=headers)


def connect(request: Request) -> Connection:
    """A read connection to the app's archive (use in a `with` block)."""
    return request.app.state.archive.engine.connect()


def json_answer(content: object) -> JSONResponse:
    """`content` (dicts, lists, strings, numbers, booleans and None only) as a JSON response,
    written by the standard library's encoder. Returned as it is, FastAPI would first copy it through
    `jsonable_encoder`, which walks every value in Python: 180 ms for the 600 KB of /api/outlets at
    a million articles (FastAPI's docs: "Return a Response Directly"). Raises TypeError for any
    other value (a date, a set, a dataclass)."""
    return JSONResponse(content)


def answer(request: Request, key: Hashable, compute: Callable[[Connection], T]) -> T:
    """`compute(conn)`, kept until the archive changes (see web/cache.py). Do not mutate it."""
    return request.app.state.answers.get(key, compute)


def text_direction(language: str | None) -> str:
    return "rtl" if language in {"ar", "fa", "he", "ur"} else "ltr"


_env.globals.update(text_direction=text_direction)
_env.filters["snippet"] = highlight_snippet  # escapes the text, marks the hits
_env.filters["pathq"] = lambda value: quote(str(value), safe="")  # an id as one URL path segment
