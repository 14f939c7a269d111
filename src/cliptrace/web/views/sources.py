"""`/sources/{sha256}/raw`: the bytes exactly as ingested, as a download, never rendered as HTML."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

router = APIRouter()

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@router.get("/sources/{sha256}/raw", summary="Raw source bytes (attachment)")
def raw_source(request: Request, sha256: str):
    data = request.app.state.archive.raw_bytes(sha256) if _SHA256.match(sha256) else None
    if data is None:
        raise HTTPException(404, "No such source")
    return Response(
        data, media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{sha256}.bin"',
                 # a sandboxed, script-less origin even if a browser tried to render it
                 "Content-Security-Policy": "sandbox; default-src 'none'"},
    )
