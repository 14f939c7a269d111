"""Data sets where each row is an article: CSV/TSV, JSON Lines, JSON arrays and Parquet.

Columns are recognised by the names scrapers and archives commonly give them (`COLUMNS`), or
mapped by the user (`parse_column_map("text=article_body,date=pub_date")`). Rows are read one at a
time (csv on a text stream over the bytes, Parquet in record batches), a row that cannot be read
becomes an `UnreadablePart` with its row number and never stops the others, and every article records its
row ("row 3": the third article row, the header not counted; JSON Lines count lines).
"""

from __future__ import annotations

import ast
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

# Role -> column names recognised for it, most specific first, in English, then German, French,
# Spanish, Italian and Arabic (data sets exported by researchers keep their own language's headers).
# Names are compared folded (`fold`): "Published Date", "pubDate", "published_at" and "PUBLISHED-AT"
# are one name to a data set reader.
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "fulltext", "article", "article_text", "article_body",
             "body_text", "maintext", "story",
             "inhalt", "volltext", "texte", "contenu", "texto", "contenido", "testo", "النص", "المحتوى"),
    "title": ("title", "headline", "heading", "web_title",
              "titel", "überschrift", "titre", "titulo", "título", "titolo", "العنوان"),
    "date": ("date", "published", "published_at", "publish_date", "pub_date", "date_publish", "published_date",
             "publication_date", "date_published", "web_publication_date", "timestamp", "datetime", "created_at",
             "datum", "fecha", "التاريخ"),
    "url": ("url", "link", "href", "source_url", "article_url", "web_url", "permalink", "uri", "الرابط"),
    "outlet": ("outlet", "source", "publication", "publisher", "source_name", "site", "site_name", "media",
               "newspaper", "outlet_name", "publication_name", "media_name", "source_domain", "domain",
               "quelle", "zeitung", "medium", "fuente", "medio", "fonte", "testata", "المصدر", "الصحيفة"),
    "author": ("author", "authors", "byline", "writer", "creator", "author_name",
               "autor", "autoren", "auteur", "auteurs", "autore", "الكاتب"),
    "language": ("language", "lang", "sprache", "langue", "idioma", "lingua", "اللغة"),
}
# Keys under which a JSON document holds its list of articles: {"articles": [...]} (NewsAPI),
# {"data": [...]} (many APIs), {"items"|"results"|"records"|"documents"|"posts": [...]}, also one
# object down: {"response": {"results": [...]}} (The Guardian's API).
JSON_CONTAINERS = ("articles", "data", "items", "results", "records", "documents", "posts")
_FOLD = re.compile(r"[\s_.-]+")
_PLURAL_MARK = re.compile(r"\(s\)", re.I)
SEP_HINT = re.compile(r"^sep=(.)\s*$")  # Excel's first line naming the delimiter: "sep=;"
# The row numbers pandas writes as a first column: its header cell is empty, or "Unnamed: 0" once the
# file has been read and written again.
INDEX_COLUMN = re.compile(r"(?:Unnamed: \d+)?")


def fold(name: str) -> str:
    """A column name as it is compared: "Published Date", "published_at", "publishedAt" -> "publishedat";
    a plural written "(s)" is the name: "Byline(s)" -> "byline"."""
    return _FOLD.sub("", _PLURAL_MARK.sub("", name)).casefold()


COLUMN_NAMES = frozenset(fold(name) for names in COLUMNS.values() for name in names)
_HEAD = 64 * 1024  # bytes that tell the encoding of a text data set
# csv's default 128 KiB field limit is smaller than some articles; this one still stops a runaway
# field (an unclosed quotation mark) from swallowing the rest of a file into one row.
_MAX_FIELD = 16 * 1024 * 1024
_PARQUET_BATCH = 1024
_EPOCH_DIGITS = (10, 13)  # Unix time in seconds or milliseconds
_STAMP_DIGITS = (12, 14)  # YYYYMMDDhhmm(ss): GDELT's DATEADDED, many crawlers' time stamps
# Names in a cell are a list: "A; B", "A | B" (a comma may also part a name from its job title).
_NAMES_SEPARATOR = re.compile(r"\s*[;|]\s*")
# A list written into a CSV cell: JSON's '["A", "B"]', or Python's "['A', 'B']" (pandas writes a
# scraper's author lists so).
_LIST_TEXT = re.compile(r"^\[\s*(?:\]|[\"'].*[\"']\s*\])$", re.S)
_MAX_LIST_TEXT = 10_000
# NewsAPI cuts "content" at 200 characters and says how many it left out: "… the water… [+2871 chars]".
_CUT_MARK = re.compile(r"\s*\[\+\d+ chars\]\s*$")


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
        row = _flatten(row)
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


def _flatten(row: dict) -> dict:
    """A row with the fields of its nested objects beside its own (The Guardian's "fields":
    {"bodyText": …, "byline": …}); an object with a "name" stands for that name (`_named`)."""
    nested = [value for value in row.values() if isinstance(value, dict) and "name" not in value]
    if not nested:
        return row
    flat = dict(row)
    for value in nested:
        for key, inner in value.items():
            flat.setdefault(key, inner)
    return flat


def _roles(names: Iterable[str], explicit: Mapping[str, str]) -> dict[str, tuple[str, ...]] | str:
    """Role -> the columns of this data set that may hold it, in order of preference (a row takes
    the first that is not empty: news-please's "text" is null where "maintext" holds the text): the
    user's column, else the common names; or why `names` cannot be read (a mapped column is
    missing, no column holds the text)."""
    names = list(names)
    for role, column in explicit.items():
        if column not in names:
            return f"column '{column}' (given for {role}) is not in the data set; its columns: {', '.join(names)}"
    by_folded = {fold(name): name for name in names}
    roles = {role: (column,) for role, column in explicit.items()}
    for role, candidates in COLUMNS.items():
        found = tuple(dict.fromkeys(by_folded[fold(c)] for c in candidates if fold(c) in by_folded))
        if role not in roles and found:
            roles[role] = found
    if "text" not in roles:
        return (f"no text column (one of {', '.join(COLUMNS['text'])}, or map one with "
                f"--columns text=NAME); its columns: {', '.join(names)}")
    return roles


def _draft(row: Mapping[str, Any], roles: Mapping[str, tuple[str, ...]]) -> ArticleDraft:
    def value(role: str) -> Any:
        for column in roles.get(role, ()):
            found = _named(row.get(column))
            found = found.strip() if isinstance(found, str) else found
            if found not in (None, "", []):
                return found
        return None

    text = value("text")
    if not isinstance(text, str) or not text:
        raise ValueError(f"no text in column {' or '.join(repr(column) for column in roles['text'])}")
    text = _CUT_MARK.sub("", text)
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
    if text.isdigit() and len(text) in _STAMP_DIGITS:
        text = text[:8]  # the day; ISO 8601's basic form, read below
    try:  # ISO 8601, the usual case in data sets: the standard library is ~1000x faster than dateparser
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return meta.parse_date_line(text)


def _authors(value: Any) -> list[str]:
    if isinstance(value, str) and _LIST_TEXT.match(value):
        value = _list_text(value)
    if isinstance(value, list):  # names, or objects with a "name"
        names = (_named(name) for name in value)
        return [str(name).strip() for name in names if name is not None and str(name).strip()]
    if isinstance(value, str) and value:
        return [name for part in _NAMES_SEPARATOR.split(value) if part
                for name in (meta.parse_byline(part) or meta.classify_names(part)).authors]
    return []


def _list_text(text: str) -> list | str:
    """The list a cell writes out as JSON or Python; the text itself when it is neither."""
    if len(text) > _MAX_LIST_TEXT:
        return text
    try:
        found = json.loads(text)
    except ValueError:
        try:
            found = ast.literal_eval(text)  # literals only: never runs code
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return text
    return found if isinstance(found, list) else text


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
        inner = (value for value in document.values() if isinstance(value, dict))
        document = _container(document) or next(filter(None, map(_container, inner)), None) or document
    items = document if isinstance(document, list) else [document]
    for number, row in enumerate(items, 1):
        yield number, row if isinstance(row, dict) else "not a JSON object"


def _container(document: dict) -> list | None:
    return next((document[key] for key in JSON_CONTAINERS if isinstance(document.get(key), list)), None)


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
