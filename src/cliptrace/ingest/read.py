"""Turn a source's bytes into decoded documents: one per file, one per message of an mbox.

Each format has one small reader; `read_source` picks it by sniffing the content. Text is decoded
with charset-normalizer and repaired with ftfy; anything that cannot be read raises
`UnreadableSource` with a reason a person can act on.
"""

from __future__ import annotations

import email
import email.message
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from email import policy

import docx
import ftfy
import lxml.html
from charset_normalizer import from_bytes
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from striprtf.striprtf import rtf_to_text

from cliptrace.ingest import dataset, factiva, lexis_academic, nexis, proquest, telegram, warc
from cliptrace.ingest.encoding import utf8_by_majority
from cliptrace.ingest.errors import UnreadableSource
from cliptrace.ingest.mail_body import article_part
from cliptrace.ingest.sniff import MBOX_SEPARATOR, sniff
from cliptrace.model import Document, Source, SourceFormat, UnreadablePart

_MBOX_SEPARATOR = re.compile(MBOX_SEPARATOR.pattern.encode(), re.M)  # on an mbox's bytes
# mboxrd writes a body line starting "From " as ">From " (and ">From " as ">>From "): undone here.
_MBOX_QUOTED_FROM = re.compile(rb"^>(>*From )", re.M)
BINARY = "binary data (not text, HTML, e-mail, PDF, DOCX, RTF, data set, WARC or zip)"
# Word 97-2003 (.doc), Excel (.xls) and Outlook (.msg) files are OLE2 compound files; no library
# of ours reads them, so the message says what to do instead.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_OFFICE = ("a legacy Microsoft Office file (Word 97-2003 .doc, .xls or .msg): open it in Word or "
                 "LibreOffice, save it as .docx (or CSV for a spreadsheet) and ingest that")

# News database exports, each a layout of lines whatever the file type that carries it.
_EXPORT_LAYOUTS = (nexis, lexis_academic, factiva, proquest)
_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")

# Keep the user's characters: curly quotes and HTML entities are content, not damage.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<[^<>]*\xa0[^<>]*>")
_NBSP_INDENT = re.compile(r"(?<=\n)[ \xa0]*\xa0[ \xa0]*(?=<|\n|$)")

# (header key, XPath) in order of preference; the first hit for a key wins.
_HTML_HEADERS = (
    ("title", "//title/text()"),
    ("title", "//meta[@property='og:title']/@content"),
    ("url", "//link[@rel='canonical']/@href"),
    ("url", "//meta[@property='og:url']/@content"),
    ("outlet", "//meta[@property='og:site_name']/@content"),
    ("author", "//meta[@name='author']/@content"),
)


def read_source(source: Source, columns: Mapping[str, str] | None = None) -> list[Document | UnreadablePart]:
    """The documents of a source, in order. A part of it that cannot be read (a data set's row) is
    an `UnreadablePart` in their place; `columns` maps a data set's roles to its column names
    (`dataset.parse_column_map`). Raises UnreadableSource when nothing of the source can be read."""
    data = source.data
    if not data:
        raise UnreadableSource("empty file")
    fmt = "unknown"
    try:
        fmt = source.format if source.format != "unknown" else sniff(data, source.path)
        return list(_read(data, fmt, columns))
    except UnreadableSource:
        raise
    except Exception as error:  # parsers raise anything (KeyError, struct.error...) on hostile bytes
        raise UnreadableSource(f"{_LABELS[fmt]} is truncated or corrupt: {error}") from error


# Data sets read a row at a time by `read_data_set`: a file of 100,000 rows is never all held as
# articles (`read_source` reads every other format whole).
STREAMED_FORMATS = ("csv", "jsonl", "parquet")


def read_data_set(source: Source, columns: Mapping[str, str] | None = None) -> Iterator[Document | UnreadablePart]:
    """The articles of a data set (a source whose format is one of `STREAMED_FORMATS`), one row
    at a time, in order; a row that cannot be read is an `UnreadablePart`. Raises UnreadableSource
    when the data set cannot be read up to its first row; a failure after that ends the rows with
    an `UnreadablePart` naming where it stopped (what was read before stays)."""
    if not source.data:
        raise UnreadableSource("empty file")
    rows = _read(source.data, source.format, columns)
    read = 0
    try:
        for part in rows:
            read += 1
            yield part
    except Exception as error:  # csv and pyarrow raise anything on hostile bytes (see read_source)
        if not read:
            if isinstance(error, UnreadableSource):
                raise
            raise UnreadableSource(f"{_LABELS[source.format]} is truncated or corrupt: {error}") from error
        yield UnreadablePart(f"after row {read}", f"the rest could not be read: {error}")


_LABELS = {"text": "text", "html": "HTML", "email": "e-mail", "mbox": "mbox", "pdf": "PDF",
           "docx": "DOCX", "rtf": "RTF", "zip": "zip", "gzip": "gzip", "json": "JSON", "jsonl": "JSON Lines",
           "csv": "CSV", "parquet": "Parquet", "warc": "WARC", "unknown": "file"}


def _read(data: bytes, fmt: SourceFormat, columns: Mapping[str, str] | None) -> Iterable[Document | UnreadablePart]:
    if fmt == "text":
        return _text_documents(Document(content=decode_text(data), kind="text"))
    if fmt == "html":
        return _read_html(decode_text(data))
    if fmt == "email":
        return [_read_message(email.message_from_bytes(data, policy=policy.default))]
    if fmt == "mbox":
        return _read_mbox(data)
    if fmt == "pdf":
        return _text_documents(Document(content=_read_pdf(data), kind="text"))
    if fmt == "docx":
        return _text_documents(_read_docx(data))
    if fmt == "rtf":
        return _text_documents(Document(content=_read_rtf(data), kind="text"))
    if fmt == "json":
        parsed = _parse_json(data)
        return telegram.read_json(parsed) if telegram.is_export(parsed) else dataset.articles(
            dataset.json_rows(parsed), columns)
    if fmt in ("jsonl", "csv", "parquet"):
        rows = {"jsonl": dataset.json_lines_rows, "csv": dataset.csv_rows, "parquet": dataset.parquet_rows}[fmt]
        return dataset.articles(rows(data), columns)
    if fmt == "warc":
        return _read_warc(data)
    if fmt in ("zip", "gzip"):
        raise UnreadableSource(f"a {fmt} file is expanded by ingest.sources, not read whole")
    if data.startswith(_OLE2_MAGIC):
        raise UnreadableSource(LEGACY_OFFICE)
    raise UnreadableSource(BINARY)


def _parse_json(data: bytes) -> object:
    """The JSON document; raises UnreadableSource saying where it stops being JSON."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        reason = error.msg.removesuffix(" starting at")  # "Unterminated string starting at": the column says where
        raise UnreadableSource(f"not valid JSON (line {error.lineno} column {error.colno}: {reason})") from error


def decode_text(data: bytes) -> str:
    """Bytes in any common encoding to clean text: detected charset, BOM stripped, mojibake fixed.

    Text that is UTF-8 by majority stays UTF-8, its few invalid bytes replaced by U+FFFD (the
    pipeline counts them): charset-normalizer would otherwise pick whichever legacy code page
    accepts every byte, turning each curly quote of the file into mojibake for one stray byte, or
    read valid UTF-8 that holds mojibake ("â€œ") as Shift-JIS; ftfy repairs that mojibake.
    """
    if utf8_by_majority(data):
        return _repair(data.decode("utf-8", errors="replace"))
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableSource(BINARY)
    # charset-normalizer ranks equally good single-byte candidates arbitrarily (cp1250 often beats
    # cp1252, turning "naïve" into "naďve"); cp1252 is by far the likelier for Western clippings.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if m.encoding == "cp1252"), best)
    return _repair(str(best))


def _text_documents(document: Document) -> list[Document | UnreadablePart]:
    """A text that is a news database export -> its articles, an `UnreadablePart` in the place of
    each of its documents that could not be read; any other text stays one document. An export of
    which no document could be read is its `UnreadablePart`s (the file fails with their reasons):
    archived whole, its fields and furniture would be one article of debris."""
    unread: list[Document | UnreadablePart] = []
    for layout in _EXPORT_LAYOUTS:
        if layout.matches(document.content):
            parts = layout.read(document.content)
            if any(isinstance(part, Document) for part in parts):
                return parts
            unread = unread or parts
    return unread or [document]


def _read_html(html: str) -> list[Document | UnreadablePart]:
    if telegram.is_html_export(html):
        return telegram.read_html(html)
    lines = Document(content=html_lines(html), kind="text")  # a Factiva HTML download, say
    return [doc for doc in _text_documents(lines) if doc is not lines] or [_document(html, "html")]


def html_lines(html: str) -> str:
    """The text of a page with each block element (paragraph, div, heading, row) on a line of its
    own after a blank line, as the text downloads separate paragraphs and fields (LexisNexis
    Academic's HTML download is read like its text one), and a tab between the cells of a row (a
    Factiva field code and its value)."""
    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except etree.ParserError:
        return ""
    for hidden in tree.xpath("//head | //script | //style"):
        hidden.drop_tree()
    for element in tree.iter("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
        element.tail = "\n\n" + (element.tail or "")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for cell in tree.iter("td", "th"):
        cell.tail = "\t" + (cell.tail or "")
    return tree.text_content()


def _read_rtf(data: bytes) -> str:
    """RTF's text; its \\'hh escapes are in the code page the header declares (cp1252 by default)."""
    codepage = _RTF_CODEPAGE.search(data[:1024])
    encoding = f"cp{codepage.group(1).decode()}" if codepage else "cp1252"
    return _repair(rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace"))


def _read_warc(data: bytes) -> list[Document | UnreadablePart]:
    """A WARC's pages, then an `UnreadablePart` for the record the file ends inside, if it does."""
    parts: list[Document | UnreadablePart] = []
    try:
        for page in warc.archived_pages(data):
            document = _document(decode_text(page.payload), "html")
            document.headers.update({key: value for key, value in (("url", page.uri), ("date", page.captured))
                                     if value})
            document.locator = f"record {page.record_id}"
            parts.append(document)
    except warc.TruncatedRecord as cut:
        parts.append(UnreadablePart(cut.locator, cut.reason))
    if not parts:
        raise UnreadableSource("WARC holds no HTML response record")
    return parts


def _repair(text: str) -> str:
    text = ftfy.fix_text(text.lstrip("\ufeff"), config=_FTFY)
    if not text.strip():
        raise UnreadableSource("file contains only white space")
    return text


def _document(content: str, kind: str) -> Document:
    if kind == "text":
        return Document(content=content, kind="text")
    content = repair_markup(content)
    return Document(content=content, kind="html", headers=html_headers(content))


def repair_markup(html: str) -> str:
    """Undo what rich-text mail clients do to saved HTML: no-break spaces inside tags.

    A reader view forwarded by e-mail (seed 003) arrives as `<div\xa0dir="ltr">`, which every
    HTML parser reads as a tag named `div\xa0dir="ltr"`; the page then has no structure at all.
    Indentation made of no-break spaces is turned back into spaces for the same reason.
    """
    html = _TAG.sub(lambda tag: tag.group().replace("\xa0", " "), html)
    return _NBSP_INDENT.sub(lambda indent: " " * len(indent.group()), html)


def html_headers(html: str) -> dict[str, str]:
    """Title, canonical URL, site name and author that an HTML page declares, when it does."""
    try:  # lxml refuses a str that still declares an encoding: the text is already decoded
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except etree.ParserError:  # nothing but comments or white space
        return {}
    headers: dict[str, str] = {}
    for key, xpath in _HTML_HEADERS:
        values = [str(v).strip() for v in tree.xpath(xpath) if str(v).strip()]
        if values and key not in headers:
            headers[key] = " ".join(values[0].split())
    return headers


def _read_message(message: email.message.Message) -> Document:
    """An e-mail's HTML body (preferred: forwarded reader views keep their structure) or text body."""
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        raise UnreadableSource("e-mail has no text or HTML body")
    kind = "html" if part.get_content_subtype() == "html" else "text"
    text, forwarded = article_part(_part_text(part)) if kind == "text" else (_part_text(part), {})
    document = _document(text, kind)
    for key, header in (("title", "Subject"), ("date", "Date"), ("from", "From")):
        if message[header]:
            document.headers[key] = str(message[header])
    document.headers.update(forwarded)  # a forwarded message's own Subject, Date and sender
    return document


def _part_text(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True) or b""
    try:
        return _repair(payload.decode(part.get_content_charset() or "ascii"))
    except (LookupError, UnicodeDecodeError):  # unknown or wrong declared charset: detect it
        return decode_text(payload)


def _read_mbox(data: bytes) -> list[Document]:
    starts = [m.start() for m in _MBOX_SEPARATOR.finditer(data)]
    # Each message runs from the line after its separator to the next separator.
    messages = [email.message_from_bytes(_MBOX_QUOTED_FROM.sub(rb"\1", data[begin:end].split(b"\n", 1)[-1]),
                                         policy=policy.default)
                for begin, end in zip(starts, starts[1:] + [len(data)])]
    documents = []
    for message in messages:
        try:
            documents.append(_read_message(message))
        except UnreadableSource:
            continue  # a message without a body (attachments only) has no article to give
    if not documents:
        raise UnreadableSource("mbox holds no message with a text or HTML body")
    return documents


def _read_pdf(data: bytes) -> str:
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableSource("PDF is truncated or corrupt: no end-of-file marker")
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not _decrypts_without_password(reader):
        raise UnreadableSource("PDF is encrypted (password-protected)")
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise UnreadableSource("PDF has no text layer (a scanned image?)")
    return _repair(text)


def _decrypts_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only against editing, with an empty password for reading."""
    try:
        return bool(reader.decrypt(""))
    except (DependencyError, PdfReadError, NotImplementedError):
        return False


def _cell_texts(row) -> list[str]:
    """A table row's cells, a cell merged across columns once (python-docx repeats it per column)."""
    cells = []
    for cell in row.cells:
        if not cells or cell._tc is not cells[-1]._tc:
            cells.append(cell)
    return [" ".join(cell.text.split()) for cell in cells]


def _read_docx(data: bytes) -> Document:
    """The document's paragraphs and tables in order; a table row is one line, its cells between
    " | " (a table of pledges or casualty counts is part of the clipping, not layout)."""
    document = docx.Document(io.BytesIO(data))
    blocks = [[block.text] if isinstance(block, docx.text.paragraph.Paragraph)
              else [" | ".join(_cell_texts(row)) for row in block.rows]
              for block in document.iter_inner_content()]
    paragraphs = [text.strip() for lines in blocks for text in lines if text.strip(" |\n")]
    if not paragraphs:
        raise UnreadableSource("DOCX has no text")
    title = (document.core_properties.title or "").strip()
    return Document(content=_repair("\n\n".join(paragraphs)), kind="text", headers={"title": title} if title else {})
