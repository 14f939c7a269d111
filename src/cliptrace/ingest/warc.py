"""Web archives (WARC 1.0/1.1, ISO 28500, plain or gzip per record) -> their archived HTML pages.

warcio reads the records; each `response` record whose HTTP payload is HTML is one page, with the
URI it was captured from, the capture date (WARC-Date) and its WARC-Record-ID. So is a `resource`
record of HTML (ISO 28500 section 6.5: a capture without HTTP headers, as warcit and Webrecorder
write for files and pages). A response whose server sent no Content-Type is a page when its payload
opens like HTML. Requests, metadata, revisits, redirects and non-HTML payloads (images, scripts)
are not pages. A WARC cut short keeps the pages of its complete records; the record it ends in
is reported (`TruncatedRecord`), never read as a shorter page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord


@dataclass(frozen=True)
class ArchivedPage:
    payload: bytes  # the HTTP body, transfer and content encodings undone
    uri: str | None
    captured: str | None  # WARC-Date, ISO 8601 UTC
    record_id: str | None  # "<urn:uuid:…>"


_BLOCK = 64 * 1024
_HTML_HEAD = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)


class TruncatedRecord(Exception):
    """A record that the file ends inside (or whose headers cannot be read): no record after it
    can be found. `locator` is "record N", N counting the file's records from 1."""

    def __init__(self, ordinal: int, reason: str):
        super().__init__(reason)
        self.locator = f"record {ordinal}"
        self.reason = reason


def archived_pages(data: bytes) -> Iterator[ArchivedPage]:
    """The HTML pages of a WARC's records, in order (see the module's doc for which records).
    Raises TruncatedRecord after the pages of the complete records when the file ends in a record."""
    records = ArchiveIterator(io.BytesIO(data))
    ordinal = 0
    while (record := _next_record(records, ordinal + 1)) is not None:
        ordinal += 1
        page = _page(record)
        missing = _drain(record)
        if missing:
            raise TruncatedRecord(ordinal, f"truncated: the last {missing} bytes of its block are missing")
        if page is not None:
            yield page
    if data[records.offset:].strip():  # a gzip member cut before its record's headers end
        raise TruncatedRecord(ordinal + 1, "truncated: the file ends inside it")


def _next_record(records: ArchiveIterator, ordinal: int) -> ArcWarcRecord | None:
    """The next record, None after the last; raises TruncatedRecord when it cannot be parsed."""
    try:
        return next(records, None)
    except ArchiveLoadFailed as error:  # not a record (or a WARC.gz gzipped whole, not per record)
        raise TruncatedRecord(ordinal, f"truncated or corrupt: {' '.join(str(error).split())}") from error
    except Exception as error:  # warcio fails with anything (AttributeError...) on headers cut short
        raise TruncatedRecord(ordinal, "truncated or corrupt: its headers cannot be read") from error


def _page(record: ArcWarcRecord) -> ArchivedPage | None:
    """The record as an HTML page, or None when it is not one."""
    if record.rec_type == "response" and record.http_headers is not None:
        if record.http_headers.get_statuscode() != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    if content_type is not None and "html" not in content_type.lower():
        return None
    payload = record.content_stream().read()
    if content_type is None and not _HTML_HEAD.match(payload[:1024]):
        return None
    headers = record.rec_headers
    return ArchivedPage(payload, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"),
                        headers.get_header("WARC-Record-ID"))


def _drain(record: ArcWarcRecord) -> int:
    """Read the rest of the record's block; how many of the bytes its Content-Length declares the
    file lacks (0 for a complete record)."""
    while record.raw_stream.read(_BLOCK):
        pass
    return getattr(record.raw_stream, "limit", 0)  # a LimitReader unless Content-Length is missing
