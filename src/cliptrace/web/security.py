"""What keeps other web pages and hostile requests out of the reading room.

- Host allow-list (Starlette's `TrustedHostMiddleware`): a page the user visits cannot reach the
  server through DNS rebinding (its requests carry the attacker's host name).
- Writes (alias corrections, only with edits allowed) need an `Origin` (or, lacking one, a
  `Referer`) naming this server, and the CSRF token of this server's own forms (the synchronizer
  token pattern, OWASP CSRF Prevention Cheat Sheet), which another site cannot read.
- Control characters (NUL...) in a path or query are refused with 400 before any view runs: they
  are never text a reader typed, and databases reject them deep inside a query (a 500).
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import PlainTextResponse

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
_WILDCARD_BINDS = ("0.0.0.0", "::", "")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def allowed_hosts(bind_host: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Host names the server answers to: loopback names, the address it is bound to (unless a
    wildcard such as 0.0.0.0, which names no host) and `extra` names (e.g. a LAN host name)."""
    named = [] if bind_host in _WILDCARD_BINDS else [bind_host]
    return list(dict.fromkeys([*LOOPBACK_HOSTS, *named, *extra]))


def install(app, hosts: list[str]) -> None:
    """Add the host check and the control-character check to `app`; give it a CSRF token."""
    app.state.csrf_token = secrets.token_urlsafe(32)

    @app.middleware("http")
    async def refuse_control_characters(request: Request, call_next):
        if _CONTROL.search(request.url.path) or any(
                _CONTROL.search(key) or _CONTROL.search(value) for key, value in request.query_params.multi_items()):
            return PlainTextResponse("Control characters (such as NUL) are not allowed in an address or a search.",
                                     status_code=400)
        return await call_next(request)

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)  # added last: runs first


def check_write(request: Request, csrf_token: str) -> None:
    """403 unless the request comes from this server's own page: same origin and its CSRF token."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "Cross-site or unlabelled write refused: send it from the reading room's page")
    if not secrets.compare_digest(csrf_token.encode(), request.app.state.csrf_token.encode()):
        raise HTTPException(403, "The form is stale or forged (CSRF token mismatch): reload the page")
