"""Tell a source's format from its bytes, not from its file name.

Clippings arrive misnamed (a reader-view HTML page saved as `.txt`), so the content counts. The
name only tells a broken JSON file (`[{"title": …` cut short) from a text that opens with a bracket.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zipfile
from collections.abc import Collection, Iterator

from charset_normalizer import from_bytes

from cliptrace.ingest.dataset import COLUMN_NAMES, INDEX_COLUMN, SEP_HINT, fold
from cliptrace.model import SourceFormat

_HEAD = 8192  # bytes looked at; enough for magic numbers, headers and the first tags

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_WIDE_ENCODINGS = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]

# Headers that only e-mail has at its top; a clipping's "News ID: 12" line is not one of them.
_MAIL_HEADERS = {
    "from", "to", "cc", "subject", "date", "mime-version", "content-type", "message-id",
    "received", "return-path", "reply-to", "delivered-to", "x-mailer", "content-transfer-encoding",
}
# ...and at least one that a pasted "From: Reuters / Date: ..." byline never has.
_STRONG_MAIL_HEADERS = {"subject", "message-id", "mime-version", "received", "content-type", "return-path"}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]*):")
# The line that starts an mbox message: "From alice@x Mon Mar 25 10:00:00 2024" (a sender, then a
# date whose time ends the line but for a zone or year), not a body line "From the ministry, …".
MBOX_SEPARATOR = re.compile(r"^From \S+ +(?:\S+ +){2,5}\d\d?:\d\d(?::\d\d)?(?: +\S+){0,2}[ \t\r]*$", re.M)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|!--|html|head|body|div|p|span|table|meta|article|section|main|header"
    r"|h[1-6]|a|br|img|ul|ol|blockquote|font|center|title|style|script)[\s>/]",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html|body)[\s>]", re.IGNORECASE)
_WARC_VERSION = re.compile(rb"WARC/\d\.\d+\r?\n")  # ISO 28500: every record opens with it
# A data set's header row: names a scraper or a spreadsheet gives its columns. One of them must be
# a name we know (ingest.dataset.COLUMN_NAMES), so a text whose first line has commas stays text.
_JSON_OBJECT_START = re.compile(r'\{\s*"[^"\n]{1,100}"\s*:')
_JSON_START = re.compile(r'\[\s*\{|\{\s*"[^"\n]{1,100}"\s*:')  # an array of objects; an object
# A header cell: a letter of any script first ("Título", "العنوان"), then what spreadsheet headers
# hold ("Pub. Date", "Byline(s)", "Date/Time", "Author's name", "No.").
_COLUMN_NAME = re.compile(r"[^\W\d][\w .\-()/&#'’:]{0,39}")


def sniff(data: bytes, name: str = "") -> SourceFormat:
    """The format of `data`; `name` (the file's) only tells whether a text opening with "[" or "{"
    is JSON that does not parse."""
    head = data[:_HEAD]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx" if _is_docx(data) else "zip"
    if head.startswith(b"PAR1") and data.endswith(b"PAR1"):  # Apache Parquet's magic, both ends
        return "parquet"
    if _is_warc(head):
        return "warc"
    if head.startswith(b"\x1f\x8b"):  # any other gzip file: page.html.gz, clippings.json.gz
        return "gzip"
    if b"%PDF-" in head[:1024]:  # the spec lets junk precede the marker
        return "pdf"
    text = _head_text(head)
    if text is None:
        return "unknown"
    start = text.lstrip()
    if start.startswith("{\\rtf"):
        return "rtf"
    if start[:1] in "[{" and _is_json(data):
        return "json"
    if start[:1] == "{" and _is_json_lines(start):
        return "jsonl"
    if _JSON_START.match(start) or (start[:1] in "[{" and name.lower().endswith(".json")):
        return "json"  # broken: its reader says where
    if _is_delimited_table(start):
        return "csv"
    if MBOX_SEPARATOR.match(start) and _looks_like_mail(start.split("\n", 1)[-1]):
        return "mbox"
    if _looks_like_mail(start):
        return "email"
    if _HTML_START.match(start) or _HTML_ANYWHERE.search(start):
        return "html"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # A truncated DOCX (or one whose header claims a zip version Python lacks) has no central directory; its local headers still name the part.
        return b"word/document.xml" in data[:_HEAD]


def _is_warc(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):  # WARC.gz: each record is its own gzip member
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError):
            return False
    return bool(_WARC_VERSION.match(head))


def _is_json(data: bytes) -> bool:
    """A whole-file JSON document (an array of articles, a Telegram result.json)."""
    try:
        json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return False
    return True


def _is_json_lines(text: str) -> bool:
    """JSON Lines: the first line is one JSON object, or, when it is broken, the lines of the head
    all open like one and another of them is one (a broken line is the reader's to report)."""
    lines = [line for line in text.split("\n") if line.strip()]
    first = lines[0] if lines else ""
    if len(lines) == 1 and len(text.encode()) >= _HEAD - 8:  # a long first row, cut by the head
        return bool(_JSON_OBJECT_START.match(first))
    whole = lines[:-1] if len(text.encode()) >= _HEAD - 8 else lines  # the head may cut its last line
    return _is_json_object(first) or (
        all(line.lstrip().startswith("{") for line in whole) and any(map(_is_json_object, whole[1:])))


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _is_delimited_table(text: str) -> bool:
    """CSV or TSV whose first row names its columns, one of them a name data sets use."""
    first, rest = _header_row(text)
    if not "".join(rest).strip():
        return False
    for cells in _header_cells(first):
        names = [cell.strip() for cell in cells if not INDEX_COLUMN.fullmatch(cell.strip())]
        if len(names) >= 2 and all(_COLUMN_NAME.fullmatch(name) for name in names):
            return any(fold(name) in COLUMN_NAMES for name in names)
    return False


def names_columns(data: bytes, names: Collection[str]) -> bool:
    """Does a text's first row, cut by a comma, tab or semicolon, hold every column `names` (what
    `--columns` gave)? Then the user says it is a data set, whatever its header's other cells."""
    text = _head_text(data[:_HEAD])
    if not text or not names:
        return False
    wanted = {fold(name) for name in names}
    return any(wanted <= {fold(cell) for cell in cells} for cells in _header_cells(_header_row(text)[0]))


def _header_row(text: str) -> tuple[str, list[str]]:
    """A delimited text's header row and the lines after it, past Excel's "sep=;" line."""
    lines = text.splitlines()  # any line break: a lone "\r" would stop csv
    if lines and SEP_HINT.match(lines[0]):
        lines = lines[1:]
    first, *rest = lines or [""]
    return first, rest


def _header_cells(row: str) -> Iterator[list[str]]:
    """The row's cells as each delimiter a data set may use (comma, tab, semicolon) cuts it."""
    for delimiter in (",", "\t", ";"):
        yield next(csv.reader([row], delimiter=delimiter))


def _head_text(head: bytes) -> str | None:
    """The head as text, or None when it is binary (control bytes that no text has, unless they
    are the high bytes of UTF-16 or UTF-32)."""
    if not head:
        return None
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="replace")
    if _utf16_without_bom(head):
        even_zeros = head[0::2].count(0) > head[1::2].count(0)
        return head.decode("utf-16-be" if even_zeros else "utf-16-le", errors="replace")
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    if controls > len(head) * 0.05:
        return _wide_text(head)
    return head.decode("utf-8", errors="replace")


def _wide_text(head: bytes) -> str | None:
    """The head as UTF-16 or UTF-32 without a BOM when charset-normalizer finds it one, else None.
    Cyrillic, Arabic or Chinese in UTF-16 has few NUL bytes (`_utf16_without_bom` misses it) but
    a control byte in every other place (U+0430 is 30 04)."""
    best = from_bytes(head, cp_isolation=_WIDE_ENCODINGS).best()
    return str(best) if best is not None else None


def _utf16_without_bom(head: bytes) -> bool:
    """Mostly-ASCII UTF-16: a NUL in nearly every other byte, on one side only."""
    if len(head) < 4:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) * 0.4 and min(even, odd) < len(head) * 0.02


def _looks_like_mail(text: str) -> bool:
    """True when the text opens with an RFC 822 header block naming two or more mail headers."""
    names: set[str] = set()
    for line in text.split("\n", 40)[:40]:
        line = line.rstrip("\r")
        if not line:
            break
        if line[0] in " \t":  # folded continuation of the previous header
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        names.add(match.group(1).lower())
    return len(names & _MAIL_HEADERS) >= 2 and bool(names & _STRONG_MAIL_HEADERS)
