"""Timeline: `/timeline` and `/api/timeline`, events and dated statements in order."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Query, Request

from cliptrace.questions.people import list_people
from cliptrace.questions.timeline import TYPES, timeline
from cliptrace.web.params import date_param, text_param
from cliptrace.web.templating import answer, json_answer, render

router = APIRouter()


def _items(request: Request, person, types, since, until, limit):
    person, since, until = text_param(person), date_param(since, "since"), date_param(until, "until")
    types = tuple(t for t in types or [] if t)
    return answer(request, ("timeline", person, types, since, until, limit),
                  lambda conn: timeline(conn, person_id=person, types=list(types), since=since, until=until,
                                        limit=limit))


@router.get("/timeline", summary="Timeline page")
def timeline_page(request: Request, person: str | None = None, type: list[str] | None = Query(None),
                  since: str | None = None, until: str | None = None, limit: int = Query(300, ge=1, le=2000)):
    items = _items(request, person, type, since, until, limit)
    people = answer(request, ("people", "person", None, 300), lambda conn: list_people(conn, limit=300))
    return render(request, "timeline.html", items=items, people=people, person=person or "",
                  types=TYPES, selected=set(type or []), since=since or "", until=until or "")


@router.get("/api/timeline", summary="Events and dated statements, oldest first")
def timeline_api(request: Request, person: str | None = None, type: list[str] | None = Query(None),
                 since: str | None = None, until: str | None = None, limit: int = Query(300, ge=1, le=2000)):
    return json_answer([{**asdict(i), "href": i.href} for i in _items(request, person, type, since, until, limit)])
