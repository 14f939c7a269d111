"""Web archives (WARC 1.0/1.1, ISO 28500, plain or gzip per record) -> their archived HTML pages.

warcio reads the records; each `response` record whose HTTP payload is HTML is one page, with the
URI it was captured from, the capture date (WARC-Date) and its WARC-Record-ID. So is a `resource`
record of HTML (ISO 28500 section 6.5: a capture without HTTP headers, as warcit and Webrecorder
write for files and pages). A response whose server sent no Content-Type is a page when its payload
opens like HTML. Requests, metadata, revisits, redirects and non-HTML payloads (images, scripts)
are not pages.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator


@dataclass(frozen=True)
class ArchivedPage:
    payload: bytes  # the HTTP body, transfer and content encodings undone
    uri: str | None
    captured: str | None  # WARC-Date, ISO 8601 UTC
    record_id: str | None  # "<urn:uuid:…>"


_HTML_HEAD = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)


def archived_pages(data: bytes) -> Iterator[ArchivedPage]:
    """The HTML pages of a WARC's records, in order (see the module's doc for which records)."""
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type == "response" and record.http_headers is not None:
            if record.http_headers.get_statuscode() != "200":
                continue
            content_type = record.http_headers.get_header("Content-Type")
        elif record.rec_type == "resource":
            content_type = record.rec_headers.get_header("Content-Type")
        else:
            continue
        if content_type is not None and "html" not in content_type.lower():
            continue
        payload = record.content_stream().read()
        if content_type is None and not _HTML_HEAD.match(payload[:1024]):
            continue
        headers = record.rec_headers
        yield ArchivedPage(payload, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"),
                           headers.get_header("WARC-Record-ID"))
