"""Data sets where each row is an article: CSV/TSV, JSON Lines, JSON arrays and Parquet.

Columns are recognised by the names scrapers and archives commonly give them (`COLUMNS`), or
mapped by the user (`parse_column_map("text=article_body,date=pub_date")`). Rows are read one at a
time (csv on a text stream over the bytes, Parquet in record batches), a row that cannot be read
becomes an `UnreadablePart` with its row number and never stops the others, and every article records its
row ("row 3": the third article row, the header not counted; JSON Lines count lines).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

from charset_normalizer import from_bytes

from cliptrace.ingest import meta
from cliptrace.ingest.encoding import utf8_by_majority
from cliptrace.ingest.errors import UnreadableSource
from cliptrace.model import ArticleDraft, Document, UnreadablePart

# Role -> column names recognised for it, most specific first. Names are compared folded (`fold`):
# "Published Date", "pubDate", "published_at" and "PUBLISHED-AT" are one name to a data set reader.
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "fulltext", "article", "article_text", "article_body",
             "body_text", "maintext", "story"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "published_at", "publish_date", "pub_date", "date_publish", "published_date",
             "publication_date", "date_published", "timestamp", "datetime", "created_at"),
    "url": ("url", "link", "href", "source_url", "article_url", "web_url", "permalink", "uri"),
    "outlet": ("outlet", "source", "publication", "publisher", "source_name", "site", "site_name", "media",
               "newspaper", "outlet_name", "publication_name"),
    "author": ("author", "authors", "byline", "writer", "creator", "author_name"),
    "language": ("language", "lang"),
}
# Keys under which a JSON document holds its list of articles: {"articles": [...]} (NewsAPI),
# {"data": [...]} (many APIs), {"items"|"results"|"records"|"documents"|"posts": [...]}.
JSON_CONTAINERS = ("articles", "data", "items", "results", "records", "documents", "posts")
_FOLD = re.compile(r"[\s_.-]+")
SEP_HINT = re.compile(r"^sep=(.)\s*$")  # Excel's first line naming the delimiter: "sep=;"


def fold(name: str) -> str:
    """A column name as it is compared: "Published Date", "published_at", "publishedAt" -> "publishedat"."""
    return _FOLD.sub("", name).casefold()


COLUMN_NAMES = frozenset(fold(name) for names in COLUMNS.values() for name in names)
_HEAD = 64 * 1024  # bytes that tell the encoding of a text data set
# csv's default 128 KiB field limit is smaller than some articles; this one still stops a runaway
# field (an unclosed quotation mark) from swallowing the rest of a file into one row.
_MAX_FIELD = 16 * 1024 * 1024
_PARQUET_BATCH = 1024
_EPOCH_DIGITS = (10, 13)  # Unix time in seconds or milliseconds


def parse_column_map(spec: str) -> dict[str, str]:
    """ "text=article_body,date=pub_date" -> {"text": "article_body", "date": "pub_date"}.

    Raises ValueError naming a role that is not one of `COLUMNS` or a pair without "=".
    """
    mapping: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in spec.split(","))):
        role, sep, column = (part.strip() for part in pair.partition("="))
        if not sep or not column:
            raise ValueError(f"'{pair}' is not ROLE=COLUMN")
        if role not in COLUMNS:
            raise ValueError(f"unknown role '{role}' (roles: {', '.join(COLUMNS)})")
        mapping[role] = column
    return mapping


Rows = Iterator[tuple[int, "dict | str"]]  # (row number, the row or why it could not be read)


def articles(rows: Rows, columns: Mapping[str, str] | None = None) -> Iterator[Document | UnreadablePart]:
    """The articles of a data set's rows (`csv_rows`, `json_lines_rows`, `json_rows`,
    `parquet_rows`), one per row, in order; `columns` maps roles to the user's column names.

    Raises UnreadableSource when the first row has no text column (the message lists its
    columns); a later row without one (a JSON object of other keys) is an `UnreadablePart`.
    """
    resolved: dict[tuple[str, ...], dict[str, str] | str] = {}  # column names -> `_roles`, once per shape
    for number, row in rows:
        if isinstance(row, str):  # the reason a row could not be parsed
            yield UnreadablePart(f"row {number}", row)
            continue
        names = tuple(row)
        if names not in resolved:
            resolved[names] = _roles(names, columns or {})
            if isinstance(resolved[names], str) and len(resolved) == 1:
                raise UnreadableSource(resolved[names])  # the first row's columns are the data set's
        roles = resolved[names]
        if isinstance(roles, str):
            yield UnreadablePart(f"row {number}", roles)
            continue
        try:
            yield Document.of_article(_draft(row, roles), f"row {number}")
        except ValueError as error:
            yield UnreadablePart(f"row {number}", str(error))


def _roles(names: Iterable[str], explicit: Mapping[str, str]) -> dict[str, str] | str:
    """Role -> column of this data set: the user's mapping first, then the common names; or why
    `names` cannot be read (a mapped column is missing, no column holds the text)."""
    names = list(names)
    for role, column in explicit.items():
        if column not in names:
            return f"column '{column}' (given for {role}) is not in the data set; its columns: {', '.join(names)}"
    by_folded = {fold(name): name for name in names}
    roles = dict(explicit)
    for role, candidates in COLUMNS.items():
        found = next((by_folded[fold(c)] for c in candidates if fold(c) in by_folded), None)
        if role not in roles and found is not None:
            roles[role] = found
    if "text" not in roles:
        return (f"no text column (one of {', '.join(COLUMNS['text'])}, or map one with "
                f"--columns text=NAME); its columns: {', '.join(names)}")
    return roles


def _draft(row: Mapping[str, Any], roles: Mapping[str, str]) -> ArticleDraft:
    def value(role: str) -> Any:
        found = _named(row.get(roles[role])) if role in roles else None
        return found.strip() if isinstance(found, str) else found

    text = value("text")
    if not isinstance(text, str) or not text:
        raise ValueError(f"no text in column '{roles['text']}'")
    text = "\n\n".join(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
    language = value("language")
    return ArticleDraft(
        text=text,
        title=str(value("title")) if value("title") else None,
        published=_date(value("date")),
        outlet=str(value("outlet")) if value("outlet") else None,
        authors=_authors(value("author")),
        language=language if isinstance(language, str) and len(language) == 2 else meta.detect_language(text),
        url=str(value("url")) if value("url") else None,
    )


def _named(value: Any) -> Any:
    """A nested object stands for its name: NewsAPI's "source": {"id": …, "name": "X"} -> "X"."""
    return value.get("name") if isinstance(value, dict) else value


def _date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO string, a date line, a datetime (Parquet) or Unix time."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):  # a date
        return value.isoformat()[:10]
    text = str(value).strip()
    if text.isdigit() and len(text) in _EPOCH_DIGITS:
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
    try:  # ISO 8601, the usual case in data sets: the standard library is ~1000x faster than dateparser
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return meta.parse_date_line(text)


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):  # names, or objects with a "name"
        names = (_named(name) for name in value)
        return [str(name).strip() for name in names if name is not None and str(name).strip()]
    if isinstance(value, str) and value:
        return (meta.parse_byline(value) or meta.classify_names(value)).authors
    return []


# --- the rows of each format ------------------------------------------------------------------

def csv_rows(data: bytes) -> Rows:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=_text_encoding(data), errors="replace", newline="")
    head = stream.readline()
    hint = SEP_HINT.match(head)
    if hint:  # Excel's "sep=;" line names the delimiter; the header row follows it
        head = stream.readline()
    # The delimiter that cuts the header into most columns (csv.Sniffer guesses wrong on one line).
    delimiter = hint.group(1) if hint else max(",\t;", key=lambda d: len(next(csv.reader([head], delimiter=d))))
    header = next(csv.reader([head], delimiter=delimiter))
    csv.field_size_limit(_MAX_FIELD)
    lines = _Lines(stream)
    reader = csv.reader(lines, delimiter=delimiter)
    lines_above = 2 if hint else 1  # the header (and the "sep=" line)
    number = 0
    while True:
        number += 1
        first_line = lines_above + reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # the reader goes on with the next line
            yield number, f"not a CSV row ({error})"
            continue
        if lines.ended:  # the row ran into the end of the file
            yield number, (f"a quotation mark opened in this row (line {first_line}) is never closed, so the "
                           "rest of the file could not be split into rows")
            return
        if not any(cell.strip() for cell in cells):
            number -= 1  # a blank line is not a row
            continue
        if len(cells) != len(header):
            yield number, f"{len(cells)} fields where the header names {len(header)}"
            continue
        yield number, dict(zip(header, cells))


class _Lines:
    """The lines of a text stream for csv.reader, noting when it asks for one past the last: a
    row only does that when a quotation mark opened in it is never closed."""

    def __init__(self, stream: io.TextIOBase):
        self._stream = stream
        self.ended = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            self.ended = True
            raise StopIteration
        return line


def json_lines_rows(data: bytes) -> Rows:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=_text_encoding(data), errors="replace")
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            yield number, f"not JSON ({error})"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def json_rows(document: Any) -> Rows:
    """The rows of a parsed JSON document: an array of objects, an object holding that array under
    one of `JSON_CONTAINERS` ({"status": "ok", "articles": [...]}), or one object (one article)."""
    if isinstance(document, dict):
        document = next((document[key] for key in JSON_CONTAINERS if isinstance(document.get(key), list)), document)
    items = document if isinstance(document, list) else [document]
    for number, row in enumerate(items, 1):
        yield number, row if isinstance(row, dict) else "not a JSON object"


def parquet_rows(data: bytes) -> Rows:
    import pyarrow.parquet as pq  # only Parquet needs it; it is slow to import

    number = 0
    for batch in pq.ParquetFile(io.BytesIO(data)).iter_batches(batch_size=_PARQUET_BATCH):
        for row in batch.to_pylist():
            number += 1
            yield number, row


def _text_encoding(data: bytes) -> str:
    """The encoding of a text data set, told from its head (decoding all of it is not needed)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data[:_HEAD].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start > _HEAD - 4 or utf8_by_majority(data[:_HEAD]):  # a character cut at the end; a stray byte
            return "utf-8"
    best = from_bytes(data[:_HEAD]).best()
    return best.encoding if best is not None else "utf-8"
