"""Tell a source's format from its bytes, never from its file name.

Clippings arrive misnamed (a reader-view HTML page saved as `.txt`), so only the content counts.
"""

from __future__ import annotations

import io
import re
import zipfile

from cliptrace.model import SourceFormat

_HEAD = 8192  # bytes looked at; enough for magic numbers, headers and the first tags

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Headers that only e-mail has at its top; a clipping's "News ID: 12" line is not one of them.
_MAIL_HEADERS = {
    "from", "to", "cc", "subject", "date", "mime-version", "content-type", "message-id",
    "received", "return-path", "reply-to", "delivered-to", "x-mailer", "content-transfer-encoding",
}
# ...and at least one that a pasted "From: Reuters / Date: ..." byline never has.
_STRONG_MAIL_HEADERS = {"subject", "message-id", "mime-version", "received", "content-type", "return-path"}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]*):")
_MBOX_SEPARATOR = re.compile(r"From \S+ +\S.*\d\d:\d\d")  # "From alice@x Mon Mar 25 10:00:00 2024"
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|!--|html|head|body|div|p|span|table|meta|article|section|main|header"
    r"|h[1-6]|a|br|img|ul|ol|blockquote|font|center|title|style|script)[\s>/]",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html|body)[\s>]", re.IGNORECASE)


def sniff(data: bytes) -> SourceFormat:
    head = data[:_HEAD]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx" if _is_docx(data) else "zip"
    if b"%PDF-" in head[:1024]:  # the spec lets junk precede the marker
        return "pdf"
    text = _head_text(head)
    if text is None:
        return "unknown"
    start = text.lstrip()
    if _MBOX_SEPARATOR.match(start) and _looks_like_mail(start.split("\n", 1)[-1]):
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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A truncated DOCX has no central directory; its local headers still name the part.
        return b"word/document.xml" in data[:_HEAD]


def _head_text(head: bytes) -> str | None:
    """The head as text, or None when it is binary (control bytes that no text has)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="replace")
    if _utf16_without_bom(head):
        even_zeros = head[0::2].count(0) > head[1::2].count(0)
        return head.decode("utf-16-be" if even_zeros else "utf-16-le", errors="replace")
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    if not head or controls > len(head) * 0.05:
        return None
    return head.decode("utf-8", errors="replace")


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
