"""People: `/people` (list), `/people/{id}` (spellings, statements timeline, outlets, company) and
their API twins; alias corrections by POST only when the app allows edits."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from cliptrace.model import entity_id
from cliptrace.questions.people import PERSON_SAMPLE, get_person, list_people
from cliptrace.web.params import text_param
from cliptrace.web.security import check_write
from cliptrace.web.templating import answer, json_answer, render

router = APIRouter()

ENTITY_TYPES = ("person", "org", "place", "other")


def _people(request: Request, q: str | None, type_: str | None):
    type_, q = (type_ if type_ in ENTITY_TYPES else None), text_param(q)
    return answer(request, ("people", type_, q), lambda conn: list_people(conn, type_=type_, q=q))


@router.get("/people", summary="People page")
def people_page(request: Request, q: str | None = None, type: str | None = "person"):
    return render(request, "people.html", people=_people(request, q, type), q=q or "", type=type or "",
                  entity_types=ENTITY_TYPES)


@router.get("/api/people", summary="People (or other entities) by presence in the archive")
def people_api(request: Request, q: str | None = None, type: str | None = Query("person")):
    return json_answer([asdict(p) for p in _people(request, q, type)])


def _person(request: Request, person_id: str):
    person = answer(request, ("person", person_id), lambda conn: get_person(conn, person_id))
    if person is None:
        raise HTTPException(404, "No such person")
    return person


@router.get("/api/people/{person_id:path}", summary="One person: spellings, statements, outlets, company")
def person_api(request: Request, person_id: str):
    return json_answer(asdict(_person(request, person_id)))


@router.get("/people/{person_id:path}", summary="Person page")
def person_page(request: Request, person_id: str, saved: str | None = None):
    return render(request, "person.html", person=_person(request, person_id), saved=saved, sample=PERSON_SAMPLE,
                  allow_edits=request.app.state.allow_edits, csrf_token=request.app.state.csrf_token)


def _check_edit(request: Request, person_id: str, csrf_token: str):
    if not request.app.state.allow_edits:
        raise HTTPException(403, "This archive is read-only (start the server with edits allowed)")
    check_write(request, csrf_token)
    return _person(request, person_id)  # 404 for an unknown id


def _apply(request: Request, action: str, args: dict, name: str, type_: str) -> RedirectResponse:
    """Record the correction, re-canonicalise the archive with it, and go to the resulting entity."""
    archive = request.app.state.archive
    archive.add_correction(action, args)
    archive.resolve_entities()
    return RedirectResponse(f"/people/{quote(entity_id(name, type_), safe='')}?saved={action}", status_code=303)


@router.post("/people/{person_id:path}/merge", summary="Merge another entity into this one")
def merge_person(request: Request, person_id: str, other: str = Form(...), csrf_token: str = Form("")):
    person = _check_edit(request, person_id, csrf_token)
    duplicate = _person(request, other)
    return _apply(request, "merge", {"names": [person.name, duplicate.name]}, person.name, person.type)


@router.post("/people/{person_id:path}/rename", summary="Give this entity a better canonical name")
def rename_person(request: Request, person_id: str, name: str = Form(..., min_length=1, max_length=200),
                  csrf_token: str = Form("")):
    person = _check_edit(request, person_id, csrf_token)
    return _apply(request, "rename", {"name": person.name, "to": name.strip()}, name.strip(), person.type)
