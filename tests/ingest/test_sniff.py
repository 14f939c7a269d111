"""Format by content: the seeds, every container we read, and bytes that are not text."""

from __future__ import annotations

import io
import random
import zipfile
from email.message import EmailMessage

import docx
import pytest

from cliptrace.ingest.sniff import sniff


@pytest.mark.parametrize("name, expected", [
    ("000_a29189923c9b05dd.txt", "text"),
    ("001_812dcc257843b7fa.txt", "text"),
    ("002_eeecb629ecfb1843.txt", "text"),
    ("003_196e63016ac7f4ab.txt", "html"),  # reader-view HTML saved as .txt
    ("004_e5c4a71e5aa29ceb.txt", "text"),  # "News ID: ..." lines are not e-mail headers
])
def test_seeds_are_sniffed_by_content(seeds_dir, name, expected):
    assert sniff((seeds_dir / name).read_bytes()) == expected


def _email_bytes() -> bytes:
    message = EmailMessage()
    message["From"] = "Reader <reader@example.org>"
    message["Subject"] = "Fwd: talks resume"
    message.set_content("Talks resumed in Doha.")
    return bytes(message)


def test_email_and_mbox():
    mail = _email_bytes()
    assert sniff(mail) == "email"
    assert sniff(b"From reader@example.org Mon Mar 25 10:00:00 2024\n" + mail) == "mbox"


def test_byline_that_looks_like_headers_is_text():
    assert sniff(b"From: Reuters\nDate: March 5, 2024\n\nThe minister said on Tuesday...") == "text"


def test_html_by_tags_not_by_name():
    assert sniff(b"<p>Hamas said the talks were over.</p>") == "html"
    assert sniff(b"\n\n  <!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff(b"\xef\xbb\xbf<html><body>x</body></html>") == "html"
    # a text that merely mentions a tag in the middle stays text
    assert sniff(b"The page used a <div> for the quote, he said.") == "text"


def test_pdf_docx_and_zip(data_dir):
    assert sniff((data_dir / "ingest" / "statement.pdf").read_bytes()) == "pdf"
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("A paragraph.")
    document.save(buffer)
    assert sniff(buffer.getvalue()) == "docx"
    assert sniff(buffer.getvalue()[:3000]) == "docx"  # truncated: still named a DOCX
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "hello")
    assert sniff(archive.getvalue()) == "zip"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "cp1256"])
def test_text_in_any_encoding_is_text(encoding):
    text = "He said “we won’t stop” — café" if encoding != "cp1256" else "قال رئيس المكتب السياسي"
    assert sniff((text * 20).encode(encoding)) == "text"


def test_binary_junk_is_unknown():
    assert sniff(random.Random(0).randbytes(4096)) == "unknown"
    assert sniff(b"\x00\x01\x02\x03" * 100) == "unknown"
    assert sniff(b"") == "unknown"
