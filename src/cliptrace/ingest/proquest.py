"""ProQuest text downloads (Global Newsstream, ProQuest Central; "TXT - Text only") -> one article
per document.

Layout followed (2015 to 2024 downloads): rows of 60 underscores cut the file into a report header
("Report Information from ProQuest" and the date), the table of contents ("1. Title" …), the
documents, a bibliography and the database's copyright. Each document is:

    "Document 1 of 12" (newer downloads) / the title, unlabelled / "Author: Last, First; Last, First"
    "ProQuest document link" (or its URL) / "Abstract: …" / "Links: …"
    "Full text: first paragraph" and one paragraph a line under it
    index fields ("Subject:", "Location:", "People:", "Company / organization:" …) and the
    record: "Title:", "Publication title: X; City", "Publication date: Mar 7, 2024", "Section:",
    "Language of publication:", "ProQuest document ID: 2937712345", "Document URL:", "Copyright:" …

A line opens a field only when it starts with one of ProQuest's field names, so a paragraph of the
text that opens with "Note:" stays in the text. A document without "Full text:" (a citation or an
abstract only) has no article: it is an UnreadablePart in its place.
"""

from __future__ import annotations

import re

from cliptrace.ingest import export_fields, meta
from cliptrace.model import ArticleDraft, Document, UnreadablePart

# Spaces only around a line under re.M (see nexis._END): "^\s*" would scan runs of blank lines.
_RULE = re.compile(r"^[ \t]*_{20,}[ \t\r]*$", re.M)
_DOCUMENT_OF = re.compile(r"^Document \d+ of \d+$")
_FIELDS = (
    "Title", "Author", "Publication info", "Abstract", "Links", "Full text", "Subject", "Location",
    "People", "Company / organization", "Identifier / keyword", "Credit", "Illustration", "Caption",
    "Publication title", "Volume", "Issue", "First page", "Pages", "Number of pages", "Publication year",
    "Publication date", "Year", "Dateline", "Section", "Edition", "Column", "Publisher",
    "Place of publication", "Country of publication", "Publication subject", "ISSN", "e-ISSN", "ISBN",
    "Source type", "Language of publication", "Document type", "Document feature", "ProQuest document ID",
    "Document URL", "Copyright", "Last updated", "Database", "Update", "Accession number",
    "Source attribution", "Classification", "Named person",
)
_FIELD = re.compile(rf"^({'|'.join(map(re.escape, _FIELDS))}):(?:\s+(.*))?$")
_TAG_FIELDS = ("Subject", "Location", "People", "Company / organization")
_COMPANY_CODES = re.compile(r"\b(?:Name:\s*|(?:NAICS|SIC|Ticker|DUNS):\s*[^;]*;?)")  # "Name: X; NAICS: 921120" -> "X"
_MARKERS = re.compile(r"^(?:ProQuest document ID|Publication title|Full text):", re.M)


def matches(text: str) -> bool:
    """A ProQuest download: rows of underscores between documents labelled with its field names."""
    return bool(_RULE.search(text)) and len(_MARKERS.findall(text)) >= 2


def read(text: str) -> list[Document | UnreadablePart]:
    """Each document, located by its ProQuest document ID ("ProQuest document ID 2937712345", else
    "document N": its place among the documents); the report header, contents, bibliography and
    copyright between the rows are no documents."""
    documents = [chunk for chunk in _RULE.split(text) if _is_document(chunk)]
    return export_fields.parts([_read_document(chunk, n) for n, chunk in enumerate(documents, 1)])


def _is_document(chunk: str) -> bool:
    return any(_FIELD.match(line.strip()) for line in chunk.split("\n"))


def _read_document(chunk: str, number: int) -> tuple[str, ArticleDraft | str]:
    heading, fields = _fields([line.strip() for line in chunk.split("\n")])
    found = fields.get("ProQuest document ID")
    locator = f"ProQuest document ID {found[0]}" if found else f"document {number}"

    def one(name: str) -> str:
        return " ".join(fields.get(name, [])).strip()

    if not fields.get("Full text"):
        return locator, "no \"Full text:\" field (a citation or an abstract only)"
    text = export_fields.paragraphs(fields["Full text"])
    draft = ArticleDraft(
        text=text, title=one("Title") or heading, outlet=_publication(one("Publication title") or one("Publication info")),
        published=_published(one("Publication date"), one("Publication info")),
        authors=_authors(one("Author")), section=one("Section") or None, dateline=one("Dateline") or None,
        language=meta.detect_language(text),
    )
    for name in _TAG_FIELDS:
        if fields.get(name):
            draft.tags += export_fields.index_terms(name.split(" ")[0], _COMPANY_CODES.sub("", one(name)))
    return locator, draft


def _fields(lines: list[str]) -> tuple[str | None, dict[str, list[str]]]:
    """(the unlabelled title, field name -> its lines): a line under a field, up to the next field,
    is the field's; lines before the first field other than "Document N of M" give the title."""
    heading = None
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        field = _FIELD.match(line)
        if field:
            current = fields.setdefault(field.group(1), [])
            line = field.group(2) or ""
        elif current is None:
            if line and not _DOCUMENT_OF.match(line):
                heading = heading or line
            continue
        if line and line != "ProQuest document link":
            current.append(line)
    return heading, fields


def _publication(value: str) -> str | None:
    """ "The Selwyn Courier; Port Selwyn" or "The Selwyn Courier ; Port Selwyn [Port Selwyn]. 07 Mar
    2024: A3." -> "The Selwyn Courier"."""
    name = re.split(r"\s*[;\[]", value, maxsplit=1)[0].strip(" .")
    return name or None


def _published(date: str, info: str) -> str | None:
    """The "Publication date" field, else the date in "Publication info" ("… [City]. 07 Mar 2024: A3.")."""
    if date:
        return export_fields.date_line(date)
    found = re.search(r"\.\s+(\d{1,2} \w{3,9} \d{4}|\w{3,9} \d{1,2}, \d{4})", info)
    return export_fields.date_line(found.group(1)) if found else None


def _authors(value: str) -> list[str]:
    """ "Okafor, Adaeze; Brandt, Lukas" -> ["Adaeze Okafor", "Lukas Brandt"]; a name written in
    reading order ("By Adaeze Okafor") is read as a byline."""
    names = []
    for part in filter(None, (part.strip() for part in value.split(";"))):
        last, comma, first = part.partition(", ")
        if comma and "," not in first and len(first.split()) <= 3:
            names += export_fields.authors(f"{first} {last}")
        else:
            names += export_fields.authors(part)
    return names
