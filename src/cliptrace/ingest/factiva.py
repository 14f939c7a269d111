"""Factiva downloads (RTF, HTML or text, once decoded to lines) -> one article per document.

Two layouts, both as Factiva writes them (2015 to 2024):

- "Full Article/Report plus Indexing": every field opens its line with a code (Dow Jones'
  field codes): HD headline, SE section, BY byline, WC word count, PD date, ET time, SN source name,
  SC source code, ED edition, PG page, LA language, CY copyright, LP lead paragraphs, TD the rest
  of the text, CT contact, RF reference, CO companies, IN industries, NS subjects, RE regions,
  IPC/IPD publisher descriptors, PUB publisher, AN accession number. A field runs until the next
  code; LP and TD together are the body; CO IN NS RE IPC IPD become tags ("ns:Military Action").
- "Article Format" (no codes): headline, optional byline lines, "N words", date, optional time,
  source name, source code, language, copyright, body, and "Document <accession number>" last.

The accession number identifies the article in Factiva ("Document LVWIRE0020240313ek3d0002y").
"""

from __future__ import annotations

import re

from cliptrace.ingest import export_fields, meta
from cliptrace.model import ArticleDraft, Document

_CODES = ("HD SE BY CR WC PD ET SN SC ED PG VOL LA CY LP TD CT RF ART CO IN NS RE IPC IPD PUB AN "
          "CLM RST").split()
_CODE_LINE = re.compile(rf"^({'|'.join(_CODES)})(?:[ \t]+(.*))?$")
_TAG_CODES = {"CO", "IN", "NS", "RE", "IPC", "IPD"}
_ACCESSION = re.compile(r"^[ \t]*Document ([A-Za-z0-9]{16,})[ \t\r]*$", re.M)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?:\s*(?:[AP]M|GMT))?$", re.I)
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")  # Factiva's short source code, e.g. "HRBGZT"
_LANGUAGE = re.compile(r"^[A-Z][a-z]+$")  # the language line: "English", "Arabic"


def matches(text: str) -> bool:
    return _has_field_codes(text) or bool(_ACCESSION.search(text) and re.search(r"^\d[\d,]* words$", text, re.M))


def read(text: str) -> list[Document]:
    drafts = _read_coded(text) if _has_field_codes(text) else _read_plain(text)
    return [Document.of_article(draft, draft.locator or f"document {n}") for n, draft in enumerate(drafts, 1)]


def _has_field_codes(text: str) -> bool:
    return bool(re.search(r"^HD[ \t]\S", text, re.M) and re.search(r"^(?:LP|TD|AN)[ \t]\S", text, re.M))


# --- with field codes --------------------------------------------------------------------------

def _read_coded(text: str) -> list[ArticleDraft]:
    articles: list[dict[str, list[str]]] = []
    field: list[str] | None = None
    for line in text.split("\n"):
        line = line.strip()
        match = _CODE_LINE.match(line)
        if match:
            code = match.group(1)
            if code == "HD" or not articles:
                articles.append({})
            field = articles[-1].setdefault(code, [])
            line = match.group(2) or ""
        if field is not None and line:
            field.append(line)
    return [draft for draft in map(_coded_draft, articles) if draft.text]


def _coded_draft(fields: dict[str, list[str]]) -> ArticleDraft:
    def one(code: str) -> str | None:
        return " ".join(fields[code]) if fields.get(code) else None

    text = export_fields.paragraphs(fields.get("LP", []) + fields.get("TD", []))
    draft = ArticleDraft(
        text=text, title=one("HD"), outlet=one("SN"), published=meta.parse_date_line(one("PD") or ""),
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

def _read_plain(text: str) -> list[ArticleDraft]:
    drafts = []
    pieces = _ACCESSION.split(text)  # [article, accession, article, accession, …, rest]
    for chunk, accession in zip(pieces[0::2], pieces[1::2]):
        draft = _plain_draft([line.strip() for line in chunk.split("\n")])
        if draft is not None:
            draft.locator = f"Document {accession}"
            drafts.append(draft)
    return drafts


def _plain_draft(lines: list[str]) -> ArticleDraft | None:
    filled = [i for i, line in enumerate(lines) if line]
    length_at = next((i for i in filled if export_fields.stated_words(lines[i])), None)
    if length_at is None or not filled or filled[0] >= length_at:
        return None
    title, byline = lines[filled[0]], [lines[i] for i in filled[1:] if i < length_at]
    after = [i for i in filled if i > length_at]
    draft = ArticleDraft(text="", title=title, stated_words=export_fields.stated_words(lines[length_at]))
    draft.authors = [name for line in byline for name in export_fields.authors(line)]
    # The header lines in order, each optional after the date: time, source name, source code,
    # language, copyright. The body starts after the last of them that is present.
    body_from = 0
    for n, i in enumerate(after[:8]):
        line = lines[i]
        if n == 0 and meta.parse_date_line(line):
            draft.published = meta.parse_date_line(line)
        elif _TIME.match(line):
            pass
        elif draft.outlet is None and n <= 2:
            draft.outlet = line
        elif _SOURCE_CODE.match(line) or _LANGUAGE.match(line):
            pass
        elif export_fields.is_copyright(line):
            body_from = n + 1
            break
        else:
            break
        body_from = n + 1
    draft.text = export_fields.paragraphs([lines[i] for i in after[body_from:]])
    draft.language = meta.detect_language(draft.text)
    return draft if draft.text else None
