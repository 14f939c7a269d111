"""Nexis Uni downloads (DOCX, RTF, PDF or text, once decoded to lines) -> one article per document.

Layout followed: the Nexis Uni "Full documents" download (2019 to 2024 releases; DOCX, RTF and PDF
carry the same lines). An optional cover page (user name, job number, "Documents (N)", the numbered
list of titles and the search terms) comes first; then each document runs to a line "End of
Document":

    title / publication / date line (weekday and time after the date) / optional edition line
    "Copyright …" / "Section:" "Length:" "Byline:" "Dateline:" "Highlight:" … / "Body"
    body paragraphs, one per line
    "Graphic" / "Notes" / "Classification" blocks: "Language:" "Publication-Type:" "Subject:"
    "Organization:" "Person:" "Geographic:" … (terms with relevance percentages) / "Load-Date:"
"""

from __future__ import annotations

import re

from cliptrace.ingest import export_fields, meta
from cliptrace.model import ArticleDraft, Document, UnreadablePart

# Spaces only, never \s, around a line under re.M: "^\s*" at each of N blank lines scans all N (quadratic).
_END = re.compile(r"^[ \t]*End of Document[ \t\r]*$", re.M)
_FIELD = re.compile(r"^([A-Z][A-Za-z-]*(?: [A-Za-z-]+)?):\s*(.*)$")  # "Section: WORLD; Pg. A8"
_BODY = "Body"
# Headings of the blocks after the body; a line that is only one of these ends the body.
_TRAILER_HEADINGS = {"Graphic", "Notes", "Classification"}
_TRAILER_FIELDS = {"Load-Date", "Correction-Date", "Language", "Publication-Type", "Subject",
                   "Organization", "Person", "Geographic", "Industry", "Company", "Ticker",
                   "Document-Type", "Journal Code"}
# The PDF download repeats "Page 2 of 12" and the document's title at the top of every page.
_PAGE_HEADER = re.compile(r"^Page \d+ of \d+$")
# Index fields whose terms become the article's tags (the rest of the trailer is dropped).
_TAG_FIELDS = {"Publication-Type", "Subject", "Organization", "Person", "Geographic", "Industry",
               "Company", "Ticker"}
_HEADER_FIELDS = {"Section", "Length", "Byline", "Dateline", "Highlight", "Edition", "Series"}
# The cover page's lines: its labels, "Documents (N)" and the numbered list of titles. Its "Narrowed
# by" filters run over lines of their own ("Content Type Narrowed by", "News Sources: X; Timeline: …").
_COVER_LINE = re.compile(r"^(?:Documents? \(\d+\)$|\d+\.\s|Content Type\b.*\bNarrowed by|(?:User Name|Date and Time"
                         r"|Job Number|Client/Matter|Search Terms|Search Type|Narrowed by|News Sources|Timeline):)")


def matches(text: str) -> bool:
    """A Nexis Uni download: documents closed by "End of Document" with a "Length:" or "Body" line."""
    return bool(_END.search(text)) and bool(re.search(r"^[ \t]*(?:Length: \d|Body[ \t\r]*$)", text, re.M))


def read(text: str) -> list[Document | UnreadablePart]:
    """Each document of the download ("document N": its place in the download), with its fields as
    metadata and its index terms as tags; a document without fields or body is an UnreadablePart."""
    chunks = _END.split(text)
    if not chunks[-1].strip():
        chunks.pop()  # what follows the last "End of Document"
    return export_fields.parts([(f"document {n}", _read_document(chunk.split("\n")))
                                for n, chunk in enumerate(chunks, 1)])


def _read_document(lines: list[str]) -> ArticleDraft | str:
    lines = [line.strip() for line in lines]
    first_field = next((i for i, line in enumerate(lines) if _header_field(line) or line == _BODY), None)
    if first_field is None:
        return "no Nexis Uni header fields (Length:, Byline:, Body …) before its \"End of Document\""
    header = [line for line in lines[:first_field] if line]
    title, outlet, published = _masthead(header)
    draft = ArticleDraft(text="", title=title, outlet=outlet, published=published)
    body_start = _read_header_fields(lines, first_field, draft)
    body_end = next((i for i in range(body_start, len(lines)) if _ends_body(lines[i])), len(lines))
    for line in lines[body_end:]:
        field = _FIELD.match(line)
        if field and field.group(1) in _TAG_FIELDS:
            draft.tags += export_fields.index_terms(field.group(1), field.group(2))
    body = [line for line in lines[body_start:body_end] if not _PAGE_HEADER.match(line) and line != title]
    draft.text = export_fields.paragraphs(body)
    draft.language = meta.detect_language(draft.text)
    return draft if draft.text else "no body text between its header fields and its trailer"


def _masthead(header: list[str]) -> tuple[str | None, str | None, str | None]:
    """(title, publication, date) from the lines above the fields: the date line is the last line
    that is a date; the publication is above it and the title above that. Lines further up are the
    cover page; an edition line and the copyright sit below the date."""
    date_at = next((i for i in range(len(header) - 1, -1, -1) if export_fields.date_line(header[i])), None)
    if date_at is None:  # no date line ("Spring 2016" of a quarterly): title and publication come first
        header = header[1 + max((i for i, line in enumerate(header) if _COVER_LINE.match(line)), default=-1):]
        header = [line for line in header if not export_fields.is_copyright(line)]
        return (header[0] if header else None), (header[1] if len(header) > 1 else None), None
    outlet = header[date_at - 1] if date_at >= 1 else None
    title = header[date_at - 2] if date_at >= 2 else None
    return title, outlet, export_fields.date_line(header[date_at])


def _read_header_fields(lines: list[str], start: int, draft: ArticleDraft) -> int:
    """Read "Section:" … "Highlight:" into the draft; returns the first body line: the one after
    "Body", or without a "Body" line the first line that is neither a field nor the copyright.
    Between the fields and "Body" nothing is body (a wrapped "Highlight:", a field we do not know)."""
    body_line = lines.index(_BODY, start) if _BODY in lines[start:] else None
    for i in range(start, len(lines) if body_line is None else body_line):
        line = lines[i]
        field = _header_field(line)
        if field:
            name, value = field
            if name == "Section":
                draft.section = value
            elif name == "Length":
                draft.stated_words = export_fields.stated_words(value)
            elif name == "Byline":
                draft.authors = export_fields.authors(value)
            elif name == "Dateline":
                draft.dateline = value
        elif body_line is None and line and not export_fields.is_copyright(line):
            return i
    return len(lines) if body_line is None else body_line + 1


def _header_field(line: str) -> tuple[str, str] | None:
    match = _FIELD.match(line)
    if match and match.group(1) in _HEADER_FIELDS:
        return match.group(1), match.group(2).strip()
    return None


def _ends_body(line: str) -> bool:
    if line in _TRAILER_HEADINGS:
        return True
    field = _FIELD.match(line)
    return bool(field) and field.group(1) in _TRAILER_FIELDS
