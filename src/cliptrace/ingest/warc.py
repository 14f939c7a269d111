"""Web archives (WARC 1.0/1.1, ISO 28500, plain or gzip per record) -> their archived HTML pages.

warcio reads the records; each `response` record whose HTTP payload is HTML is one page, with the
URI it was captured from, the capture date (WARC-Date) and its WARC-Record-ID. Requests, metadata,
revisits, redirects and non-HTML payloads (images, scripts) are not pages.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator


@dataclass(frozen=True)
class ArchivedPage:
    payload: bytes  # the HTTP body, transfer and content encodings undone
    uri: str | None
    captured: str | None  # WARC-Date, ISO 8601 UTC
    record_id: str | None  # "<urn:uuid:…>"


def archived_pages(data: bytes) -> Iterator[ArchivedPage]:
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        status = record.http_headers.get_statuscode()
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if status != "200" or "html" not in content_type:
            continue
        headers = record.rec_headers
        yield ArchivedPage(record.content_stream().read(), headers.get_header("WARC-Target-URI"),
                           headers.get_header("WARC-Date"), headers.get_header("WARC-Record-ID"))
