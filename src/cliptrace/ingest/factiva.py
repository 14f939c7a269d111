"""Factiva downloads (RTF, HTML or text, once decoded to lines) -> one article per document.

Two layouts, both as Factiva writes them (2015 to 2024):

- "Full Article/Report plus Indexing": every field opens its line with a code (Dow Jones'
  field codes): HD headline, SE section, BY byline, WC word count, PD date, ET time, SN source name,
  SC source code, ED edition, PG page, LA language, CY copyright, LP lead paragraphs, TD the rest
  of the text, CT contact, RF reference, CO companies, IN industries, NS subjects, RE regions,
  IPC/IPD publisher descriptors, PUB publisher, AN accession number. A field runs until the next
  code; LP and TD together are the body; CO IN NS RE IPC IPD become tags ("ns:Military Action").
- "Article Format" (no codes): the same fields in the same order without their codes: headline,
  optional section and byline lines, "N words", date, optional time, source name, source code,
  optional edition, page and volume lines, language, copyright, body, and "Document <accession
  number>" last.

The HTML download holds the same layouts: the coded one as a table, a row per field (code cell,
value cell; `read.html_lines` puts a tab between cells), the article one as a div per field.

The accession number identifies the article in Factiva ("Document LVWIRE0020240313ek3d0002y").
"""

from __future__ import annotations

import re

from cliptrace.ingest import export_fields, meta
from cliptrace.model import ArticleDraft, Document, UnreadablePart

_CODES = ("HD SE BY CR WC PD ET SN SC ED PG VOL LA CY LP TD CT RF ART CO IN NS RE IPC IPD PUB AN "
          "CLM RST").split()
# A code, then white space (a no-break space in the HTML download's code cell) and the value.
_CODE_LINE = re.compile(rf"^({'|'.join(_CODES)})(?:\s+(.*))?$")
_TAG_CODES = {"CO", "IN", "NS", "RE", "IPC", "IPD"}
# "Document X"; the German interface writes "Dokument X", the Spanish, Italian and Portuguese ones "Documento X".
_ACCESSION = re.compile(r"^[ \t]*(?:Document|Dokument|Documento) ([A-Za-z0-9]{16,})[ \t\r]*$", re.M)
_SEARCH_SUMMARY = "Search Summary"  # the heading of the table Factiva appends to every download
_TIME = re.compile(r"^\d{1,2}:\d{2}(?:\s*(?:[AP]M|GMT))?$", re.I)
# Lines under the word count before the body: PD ET SN SC ED PG VOL LA CY, each at most one line.
_HEADER_LINES = 10
_SHORT_FIELD_WORDS = 6  # "Late Edition", "A8", "English"; the source name may be longer


def matches(text: str) -> bool:
    return _has_field_codes(text) or bool(_ACCESSION.search(text) and export_fields.WORD_COUNT_LINE.search(text))


def read(text: str) -> list[Document | UnreadablePart]:
    """Each article, located by its accession number ("Document …", else "document N"); one
    without text (or, in Article Format, without its word count line) is an UnreadablePart."""
    return export_fields.parts(_read_coded(text) if _has_field_codes(text) else _read_plain(text))


# A code with its value on the same line ("HD Dam talks stall"), or alone on its line with the value
# indented under it (the RTF's two-column table as a converter writes it out).
_VALUE_AFTER = r"(?:[^\S\n]+\S|[ \t\r]*\n[ \t]*\S)"


def _has_field_codes(text: str) -> bool:
    return bool(re.search(rf"^[ \t]*HD{_VALUE_AFTER}", text, re.M) and re.search(rf"^[ \t]*(?:LP|TD|AN){_VALUE_AFTER}", text, re.M))


# --- with field codes --------------------------------------------------------------------------

def _read_coded(text: str) -> list[tuple[str, ArticleDraft | str]]:
    articles: list[dict[str, list[str]]] = []
    field: list[str] | None = None
    for line in text.split("\n"):
        line = line.strip()
        match = _CODE_LINE.match(line)
        if line == _SEARCH_SUMMARY:
            field = None  # the table of the search closing the download is no field's value
        elif match:
            code = match.group(1)
            # The accession number (AN) closes an article, and a code the article already has opens
            # the next one: its first code may be SE or another before HD.
            if not articles or code in articles[-1] or "AN" in articles[-1]:
                articles.append({})
            field = articles[-1].setdefault(code, [])
            line = match.group(2) or ""
        if field is not None and line:
            field.append(line)
    found = []
    for n, fields in enumerate(articles, 1):
        draft = _coded_draft(fields)
        found.append((draft.locator or f"document {n}", draft if draft.text else "no text (LP or TD field)"))
    return found


def _coded_draft(fields: dict[str, list[str]]) -> ArticleDraft:
    def one(code: str) -> str | None:
        return " ".join(fields[code]) if fields.get(code) else None

    text = export_fields.paragraphs(fields.get("LP", []) + fields.get("TD", []))
    draft = ArticleDraft(
        text=text, title=one("HD"), outlet=one("SN"), published=export_fields.date_line(one("PD") or ""),
        authors=export_fields.authors(one("BY")) if one("BY") else [], language=meta.detect_language(text),
        section=one("SE"), stated_words=export_fields.stated_words(one("WC") or ""),
    )
    for code, lines in fields.items():
        if code in _TAG_CODES:
            draft.tags += [_tag(code, term) for line in lines for term in line.split("|") if term.strip()]
    accession = _ACCESSION.match(one("AN") or "")
    draft.locator = f"Document {accession.group(1)}" if accession else None
    return draft


def _tag(code: str, term: str) -> str:
    """ "NS", "gvio : Military Action" -> "ns:Military Action" (the description, else the code)."""
    _, _, description = term.partition(" : ")
    return f"{code.lower()}:{(description or term).strip()}"


# --- without field codes -----------------------------------------------------------------------

def _read_plain(text: str) -> list[tuple[str, ArticleDraft | str]]:
    pieces = _ACCESSION.split(text)  # [article, accession, article, accession, …, rest]
    return [(f"Document {accession}", _plain_draft([line.strip() for line in chunk.split("\n")]))
            for chunk, accession in zip(pieces[0::2], pieces[1::2])]


def _plain_draft(lines: list[str]) -> ArticleDraft | str:
    filled = [i for i, line in enumerate(lines) if line]
    length_at = next((i for i in filled if export_fields.stated_words(lines[i])), None)
    if length_at is None or not filled or filled[0] >= length_at:
        return "no headline and word count line (\"N words\") above its \"Document\" line"
    draft = ArticleDraft(text="", title=lines[filled[0]], stated_words=export_fields.stated_words(lines[length_at]))
    draft.section, draft.authors = _section_and_authors([lines[i] for i in filled[1:] if i < length_at])
    after = [lines[i] for i in filled if i > length_at]
    body_from = _header_end(after)
    header = after[:body_from]
    date_at = next((n for n, line in enumerate(header) if export_fields.date_line(line)), None)
    if date_at is not None:
        draft.published = export_fields.date_line(header[date_at])
        # The source name follows the date and its optional time.
        draft.outlet = next((line for line in header[date_at + 1:date_at + 3] if not _TIME.match(line)), None)
    draft.text = export_fields.paragraphs(after[body_from:])
    draft.language = meta.detect_language(draft.text)
    return draft if draft.text else "no body text under its header lines"


def _section_and_authors(lines: list[str]) -> tuple[str | None, list[str]]:
    """The lines between headline and word count: an optional section (SE) above the byline (BY).
    A line opening with "By" ("Von" …) is the byline; a line of one word, or one above another, the section."""
    by_at = next((n for n, line in enumerate(lines) if export_fields.is_byline(line)), None)
    if by_at is None:
        by_at = len(lines) - 1 if lines and (len(lines) > 1 or len(lines[0].split()) > 1) else len(lines)
    section = lines[0] if by_at > 0 else None
    authors = [name for line in lines[by_at:by_at + 1] for name in export_fields.authors(line)]
    return section, authors


def _header_end(lines: list[str]) -> int:
    """Where the body starts under the word count: after the copyright lines (CY, and its "All
    rights reserved") when the header has them, else after the short lines of date, time, source,
    code, edition, page and language."""
    head = lines[:_HEADER_LINES]
    copyright_at = [n for n, line in enumerate(head) if export_fields.is_copyright(line)]
    if copyright_at:
        return copyright_at[-1] + 1
    return next((n for n, line in enumerate(head) if not _is_short_field(line)), len(head))


def _is_short_field(line: str) -> bool:
    return bool(export_fields.date_line(line) or _TIME.match(line)) or (
        len(line.split()) <= _SHORT_FIELD_WORDS and not line.endswith((".", '"', "\u201d")))
