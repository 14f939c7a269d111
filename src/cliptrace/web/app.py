"""The reading room: `create_app(db)` builds a FastAPI app over one archive.

Every page is a thin view over `cliptrace.questions`; each has a JSON twin under `/api/`.
The archive's text is untrusted, so every response carries a strict Content-Security-Policy and
templates autoescape everything (see `web/templating.py` and `web/highlight.py`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from cliptrace.archive.store import Archive
from cliptrace.questions.framing import count_framing, load_lexicon
from cliptrace.web import security
from cliptrace.web.cache import AnswerCache
from cliptrace.web.templating import compile_templates
from cliptrace.web.views import article, errors, figures, network, outlets, people, search, sources, timeline

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
STATIC = Path(__file__).parent / "static"


def create_app(db: str, allow_edits: bool = False, lexicon: str | Path | None = None,
               hosts: list[str] | None = None) -> FastAPI:
    """An app serving the archive at `db` (SQLite path or SQLAlchemy URL); read-only unless
    `allow_edits`; `lexicon` is a framing lexicon TOML file replacing the packaged one. It answers
    only requests whose Host is in `hosts` (default: loopback names, `security.LOOPBACK_HOSTS`)."""
    app = FastAPI(title="cliptrace reading room", docs_url=None, redoc_url=None)
    app.state.archive = Archive.open(db)
    app.state.allow_edits = allow_edits
    app.state.lexicon = load_lexicon(lexicon)
    app.state.answers = AnswerCache(app.state.archive.engine)
    compile_templates()
    security.install(app, hosts or list(security.LOOPBACK_HOSTS))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    # Articles not yet counted with this lexicon (all of them, for a new lexicon): count them now,
    # once (the counts are stored), rather than at the first visit of /outlets.
    threading.Thread(target=count_framing, args=(app.state.archive.engine, app.state.lexicon),
                     name="cliptrace-count-framing", daemon=True).start()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for view in (search, article, sources, people, figures, timeline, network, outlets, errors):
        app.include_router(view.router)
    app.add_exception_handler(HTTPException, errors.http_error)
    return app
