"""LexisNexis Academic text downloads (the service Nexis Uni replaced) -> one article per document.

Layout followed: the LexisNexis Academic "Text" download (2000s to 2019). Each document opens with
a centred "N of M DOCUMENTS" line, then centred publication and date lines (and an edition line),
the title, UPPER-CASE header fields (BYLINE: SECTION: LENGTH: DATELINE: HIGHLIGHT:), the body in
blank-line-separated paragraphs (wrapped lines are joined), UPPER-CASE trailer fields (LOAD-DATE:
LANGUAGE: PUBLICATION-TYPE: SUBJECT: …) and the copyright notice last.
"""

from __future__ import annotations

import re

from cliptrace.ingest import export_fields, meta
from cliptrace.model import ArticleDraft, Document

_SEPARATOR = re.compile(r"^[ \t]*\d+ of \d+ DOCUMENTS?[ \t]*$", re.M)
_FIELD = re.compile(r"^([A-Z][A-Z-]+(?: [A-Z-]+)?):\s*(.*)$")  # "LOAD-DATE: October 13, 2014"
_HEADER_FIELDS = {"BYLINE", "SECTION", "LENGTH", "DATELINE", "HIGHLIGHT", "EDITION", "SERIES"}
_TAG_FIELDS = {"PUBLICATION-TYPE", "SUBJECT", "ORGANIZATION", "PERSON", "GEOGRAPHIC", "INDUSTRY",
               "COMPANY", "TICKER", "CITY", "STATE", "COUNTRY"}


def matches(text: str) -> bool:
    return bool(_SEPARATOR.search(text))


def read(text: str) -> list[Document]:
    chunks = _SEPARATOR.split(text)[1:]  # before the first separator: nothing (or a cover note)
    drafts = [draft for draft in map(_read_document, chunks) if draft is not None]
    return [Document.of_article(draft, f"document {n}") for n, draft in enumerate(drafts, 1)]


def _read_document(chunk: str) -> ArticleDraft | None:
    raw_blocks = [[line.strip() for line in block.split("\n") if line.strip()]
                  for block in re.split(r"\n[ \t]*\n", chunk)]
    raw_blocks = [lines for lines in raw_blocks if lines]
    blocks = [" ".join(lines) for lines in raw_blocks]  # a paragraph or field wrapped over lines
    fields = [i for i, block in enumerate(blocks) if _field(block)]
    header_fields = [i for i in fields if _field(blocks[i])[0] in _HEADER_FIELDS]
    trailer = next((i for i in fields if _field(blocks[i])[0] not in _HEADER_FIELDS), len(blocks))
    # Centred masthead: publication, then the date line, then edition lines; one line each.
    date_block = next((i for i, lines in enumerate(raw_blocks[:trailer])
                       if any(meta.parse_date_line(line) for line in lines)), None)
    if date_block is None:
        return None
    masthead = [line for lines in raw_blocks[:date_block + 1] for line in lines]
    date_line = next(line for line in masthead if meta.parse_date_line(line))
    # The title is the block above the first header field, or else the block under the masthead.
    title_at = header_fields[0] - 1 if header_fields else date_block + 1
    body_start = header_fields[-1] + 1 if header_fields else title_at + 1
    draft = ArticleDraft(
        text=export_fields.paragraphs(blocks[body_start:trailer]),
        title=blocks[title_at] if date_block < title_at < trailer else None,
        outlet=masthead[0] if masthead[0] != date_line else None,
        published=meta.parse_date_line(date_line),
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
    return draft if draft.text else None


def _field(block: str) -> tuple[str, str] | None:
    match = _FIELD.match(block)
    return (match.group(1), match.group(2).strip()) if match else None
