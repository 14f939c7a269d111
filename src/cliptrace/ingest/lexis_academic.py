"""LexisNexis Academic text downloads (the service Nexis Uni replaced) -> one article per document.

Layout followed: the LexisNexis Academic "Text" download (2000s to 2019). Each document opens with
a centred "N of M DOCUMENTS" line, then centred publication and date lines (and an edition line),
the title, UPPER-CASE header fields (BYLINE: SECTION: LENGTH: DATELINE: HIGHLIGHT:), the body in
blank-line-separated paragraphs (wrapped lines are joined), UPPER-CASE trailer fields (LOAD-DATE:
LANGUAGE: PUBLICATION-TYPE: SUBJECT: …) and the copyright notice last.

Variants of the same download: the date line may carry a time ("March 3, 2016 Thursday 10:13 AM
GMT"); wire services' documents put their copyright notice ("Copyright 2016 X" / "All Rights
Reserved") above the publication instead of at the end; older downloads mark the start of the body
with "BODY:"; an "UPDATE:" line may sit among the header fields; the German and French interfaces
write "Dokument 1 von 20" / "Document 1 de 20", "LÄNGE:" / "LONGUEUR:", "AUTOR:", "RUBRIK:" and
dates in their language (the keywords the R package LexisNexisTools' lnt_read looks for).
"""

from __future__ import annotations

import re

from cliptrace.ingest import export_fields, meta
from cliptrace.model import ArticleDraft, Document, UnreadablePart

_BODY = "BODY"  # "BODY:", the last header field of older downloads; the body follows (or is its value)
# "1 of 20 DOCUMENTS"; the German interface writes "Dokument 1 von 20", the French "Document 1 de 20".
_SEPARATOR = re.compile(r"^[ \t]*(?:\d+ of \d+ DOCUMENTS?|Dokument \d+ von \d+|Document \d+ de \d+)[ \t\r]*$", re.M)
_FIELD = re.compile(r"^([A-ZÄÖÜÉ][A-ZÄÖÜÉ-]+(?: [A-ZÄÖÜÉ-]+)?):\s*(.*)$")  # "LOAD-DATE: October 13, 2014"
# German and French field names (as LexisNexisTools reads them) -> the English ones.
_FIELD_NAMES = {"LÄNGE": "LENGTH", "LONGUEUR": "LENGTH", "AUTOR": "BYLINE", "RUBRIK": "SECTION"}
_HEADER_FIELDS = {"BYLINE", "SECTION", "LENGTH", "DATELINE", "HIGHLIGHT", "EDITION", "SERIES", "UPDATE", _BODY}
_TAG_FIELDS = {"PUBLICATION-TYPE", "SUBJECT", "ORGANIZATION", "PERSON", "GEOGRAPHIC", "INDUSTRY",
               "COMPANY", "TICKER", "CITY", "STATE", "COUNTRY"}
# Fields that only the trailer has (and LexisNexisTools' end keywords, German and French ones too);
# a body paragraph may open with an upper-case word and a colon ("KARACHI: …", "NOTE: …").
_TRAILER_FIELDS = _TAG_FIELDS | {"LOAD-DATE", "LANGUAGE", "GRAPHIC", "JOURNAL-CODE", "CORRECTION-DATE",
                                 "DOCUMENT-TYPE", "NOTES", "URL", "ACC-NO", "DISTRIBUTION", "SPRACHE",
                                 "GRAFIK", "PUBLIKATIONSTYP", "LANGUE", "TYPE-PUBLICATION"}


def matches(text: str) -> bool:
    return bool(_SEPARATOR.search(text))


def read(text: str) -> list[Document | UnreadablePart]:
    """Each document ("document N": its place in the download); one without a date line or body
    is an UnreadablePart."""
    chunks = _SEPARATOR.split(text)[1:]  # before the first separator: nothing (or a cover note)
    return export_fields.parts([(f"document {n}", _read_document(chunk)) for n, chunk in enumerate(chunks, 1)])


def _read_document(chunk: str) -> ArticleDraft | str:
    raw_blocks = [[line.strip() for line in block.split("\n") if line.strip()]
                  for block in re.split(r"\n[ \t]*\n", chunk)]
    raw_blocks = [lines for lines in raw_blocks if lines]
    blocks = [" ".join(lines) for lines in raw_blocks]  # a paragraph or field wrapped over lines
    fields = [i for i, block in enumerate(blocks) if _field(block)]
    header_fields = _header_run(blocks, fields)
    last_header = header_fields[-1] if header_fields else -1
    trailer = _trailer_start(blocks, [i for i in fields if i > last_header])
    # Centred masthead: publication, then the date line, then edition lines; one line each.
    date_block = next((i for i, lines in enumerate(raw_blocks[:trailer])
                       if any(export_fields.date_line(line) for line in lines)), None)
    if date_block is None:
        return "no date line in the publication's masthead under \"N of M DOCUMENTS\""
    # A wire service's copyright notice may sit above the publication's name: not the masthead.
    masthead = [line for lines in raw_blocks[:date_block + 1] for line in lines
                if not export_fields.is_copyright(line)]
    date_line = next(line for line in masthead if export_fields.date_line(line))
    # The title is the block above the first header field, or else the block under the masthead.
    title_at = header_fields[0] - 1 if header_fields else date_block + 1
    body_start = header_fields[-1] + 1 if header_fields else title_at + 1
    body = blocks[body_start:trailer]
    last_field = _field(blocks[header_fields[-1]]) if header_fields else None
    if last_field and last_field[0] == _BODY:
        body.insert(0, last_field[1])  # "BODY: First paragraph…" (empty when the body starts below)
    while body and export_fields.is_copyright(body[-1]):
        body.pop()  # the copyright notice closing a document without trailer fields
    draft = ArticleDraft(
        text=export_fields.paragraphs(body),
        title=blocks[title_at] if date_block < title_at < trailer else None,
        outlet=masthead[0] if masthead[0] != date_line else None,
        published=export_fields.date_line(date_line),
    )
    for i in fields:
        name, value = _field(blocks[i])
        if name == "BYLINE":
            draft.authors = export_fields.authors(value)
        elif name == "SECTION":
            draft.section = value
        elif name == "LENGTH":
            draft.stated_words = export_fields.stated_words(value)
        elif name == "DATELINE":
            draft.dateline = value
        elif name in _TAG_FIELDS:
            draft.tags += export_fields.index_terms(name, value)
    draft.language = meta.detect_language(draft.text)
    return draft if draft.text else "no body text between its header fields and its trailer"


def _header_run(blocks: list[str], fields: list[int]) -> list[int]:
    """The header fields: the run of blocks that are header fields from the first one on. A body
    paragraph that opens like one ("UPDATE: …") is not in the run."""
    header = [i for i in fields if _field(blocks[i])[0] in _HEADER_FIELDS][:1]
    while header and header[-1] + 1 in fields and _field(blocks[header[-1] + 1])[0] in _HEADER_FIELDS:
        header.append(header[-1] + 1)
    return header


def _trailer_start(blocks: list[str], fields: list[int]) -> int:
    """The first block of the trailer: its first known field ("UPDATE:" may sit among the header's),
    else the run of fields (and copyright lines) closing the document."""
    known = next((i for i in fields if _field(blocks[i])[0] in _TRAILER_FIELDS), None)
    if known is not None:
        return known
    start = len(blocks)
    while start > 0 and (start - 1 in fields or export_fields.is_copyright(blocks[start - 1])):
        start -= 1
    return start


def _field(block: str) -> tuple[str, str] | None:
    match = _FIELD.match(block)
    return (_FIELD_NAMES.get(match.group(1), match.group(1)), match.group(2).strip()) if match else None
