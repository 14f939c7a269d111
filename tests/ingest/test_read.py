"""Each reader on real inputs, encodings repaired, and every unreadable input named."""

from __future__ import annotations

import io
import random
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

import docx
import lxml.html
import pytest
from pypdf import PdfWriter

from cliptrace.ingest.errors import UnreadableSource
from cliptrace.ingest.read import BINARY, LEGACY_OFFICE, read_source
from cliptrace.ingest.split import split_document
from cliptrace.ingest.sniff import sniff
from cliptrace.model import Source


def read(data: bytes, path: str = "clip.txt"):
    return read_source(Source(path, data, sniff(data)))


def unreadable(data: bytes) -> str:
    with pytest.raises(UnreadableSource) as caught:
        read(data)
    return caught.value.reason


# --- text and HTML -------------------------------------------------------------------------

def test_seed_text_is_read_unchanged(seeds_dir):
    raw = (seeds_dir / "000_a29189923c9b05dd.txt").read_bytes()
    [document] = read(raw)
    assert document.kind == "text"
    assert document.content == raw.decode("utf-8")
    assert document.content.startswith("Al Mayadeen English\nMarch 26, 2024")


def test_seed_html_saved_as_txt_is_html(seeds_dir):
    [document] = read((seeds_dir / "003_196e63016ac7f4ab.txt").read_bytes())
    assert document.kind == "html"
    # the mail client's no-break spaces inside tags are repaired, so the page parses as HTML
    assert document.content.startswith('<div dir="ltr">')
    tree = lxml.html.fromstring(document.content)
    assert {element.tag for element in tree.iter()} <= {"div", "a", "h1", "br", "hr", "p", "li", "ul",
                                                       "strong", "em", "span", "img", "b", "i"}
    [heading] = tree.xpath("//h1")
    assert " ".join(heading.text_content().split()) == (
        "Any aimless negotiations will not continue: Hamdan to Al Mayadeen")


def test_html_headers_from_title_canonical_and_og():
    page = (b"<!DOCTYPE html><html><head><title> Talks  resume </title>"
            b'<link rel="canonical" href="https://news.example/talks">'
            b'<meta property="og:site_name" content="Example News">'
            b"</head><body><p>Body.</p></body></html>")
    [document] = read(page)
    assert document.headers == {"title": "Talks resume", "url": "https://news.example/talks",
                                "outlet": "Example News"}


def test_xhtml_with_encoding_declaration():
    page = ('<?xml version="1.0" encoding="windows-1252"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<head><title>Café talks</title></head><body><p>Body.</p></body></html>").encode("cp1252")
    [document] = read(page)
    assert document.kind == "html"
    assert document.headers == {"title": "Café talks"}


def test_html_with_script_is_read_whole():
    page = b"<html><body><script>alert('x')</script><p>He said &amp; left.</p></body></html>"
    [document] = read(page)
    assert document.kind == "html"
    assert "<script>alert('x')</script>" in document.content
    assert "&amp;" in document.content  # entities are the HTML parser's business, not ftfy's


# --- encodings -----------------------------------------------------------------------------

SENTENCE = "The minister’s “firm” position — café, naïve, résumé.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"])
def test_encodings_decode_right(encoding):
    [document] = read((SENTENCE * 3).encode(encoding))
    assert document.content == SENTENCE * 3  # BOM gone, curly quotes kept


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
@pytest.mark.parametrize("text", ["Паром отплыл на рассвете, сказал капитан.\n",
                                  "أبحرت العبارة عند الفجر، قال القبطان.\n",
                                  "渡し船は夜明けに出航したと船長は語った。\n"], ids=["russian", "arabic", "japanese"])
def test_non_latin_text_in_utf16_or_utf32_without_bom_is_text(encoding, text):
    # Few NUL bytes, but a control byte in every other place (П is 1F 04): it was called binary.
    [document] = read(text.encode(encoding))
    assert document.content == text


def test_arabic_in_cp1256():
    arabic = "قال رئيس المكتب السياسي لحركة حماس إن المقاومة صامدة\n"
    [document] = read(arabic.encode("cp1256"))
    assert document.content == arabic


@pytest.mark.parametrize("stray", [b"\xff", b"\x93", b"\xe2\x80", b"\xc3"])
def test_a_few_invalid_bytes_leave_utf8_text_utf8(stray):
    # One stray byte used to hand the whole file to a Mac or Windows code page: ‘ became â€˜.
    body = (SENTENCE * 4).encode("utf-8")
    [document] = read(body[:40] + stray + body[40:])
    assert "\ufffd" in document.content
    assert document.content.replace("\ufffd", "") == SENTENCE * 4
    assert "â€" not in document.content and "‚Äô" not in document.content


def test_legacy_text_with_a_few_valid_utf8_pairs_stays_legacy():
    # "Ã©" in cp1252 bytes is C3 A9, valid UTF-8 on its own: the majority still decides.
    text = "Der Flüchtling sagte: „Wir bleiben“, sagte er in Österreich – Grüße.\n" * 3
    [document] = read(text.encode("cp1252"))
    assert document.content == text


def test_mojibake_is_repaired():
    [document] = read("He donâ€™t know, the officials said.".encode("utf-8"))
    assert document.content == "He don’t know, the officials said."


def test_valid_utf8_holding_mojibake_stays_utf8_and_is_repaired():
    # Every byte is valid UTF-8, yet charset-normalizer called it Shift-JIS ("テ「竄ャナ展e").
    # The closing quote's byte was lost before the file was saved (U+FFFD): it stays lost.
    text = "Harbour bridge to reopen\n\nâ€œWe will rebuild it by spring,â€\ufffd the mayor told reporters.\n"
    [document] = read(text.encode("utf-8"))
    assert document.content == (
        "Harbour bridge to reopen\n\n“We will rebuild it by spring,\ufffd the mayor told reporters.\n")


# --- e-mail --------------------------------------------------------------------------------

def make_email(subject: str, html: str | None, text: str, charset: str = "utf-8") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "A Reader <reader@example.org>"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2024, 3, 26, 9, 30, tzinfo=timezone.utc))
    message.set_content(text, charset=charset)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def test_eml_prefers_html_and_carries_headers():
    message = make_email("Fwd: Hamdan interview", "<div><p>Hamdan said “no”.</p></div>", "Hamdan said no.")
    [document] = read(bytes(message), "saved.eml")
    assert document.kind == "html"
    assert "<p>Hamdan said “no”.</p>" in document.content
    assert document.headers["title"] == "Fwd: Hamdan interview"
    assert document.headers["date"] == "Tue, 26 Mar 2024 09:30:00 +0000"
    assert document.headers["from"] == "A Reader <reader@example.org>"


def test_eml_text_only_in_declared_legacy_charset():
    message = make_email("Statement", None, SENTENCE, charset="cp1252")
    [document] = read(bytes(message))
    assert document.kind == "text"
    assert document.content == SENTENCE


def test_eml_without_body():
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "only an attachment"
    message.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream", filename="x.bin")
    assert unreadable(bytes(message)) == "e-mail has no text or HTML body"


def test_mbox_gives_one_document_per_message():
    separator = b"From reader@example.org Tue Mar 26 09:30:00 2024\n"
    box = b"".join(separator + bytes(make_email(f"Clip {i}", None, f"Body number {i}.\n")) + b"\n"
                   for i in range(3))
    assert sniff(box) == "mbox"
    documents = read(box, "clips.mbox")
    assert [d.headers["title"] for d in documents] == ["Clip 0", "Clip 1", "Clip 2"]
    assert [d.content.strip() for d in documents] == ["Body number 0.", "Body number 1.", "Body number 2."]


def test_mbox_body_line_starting_with_from_is_no_separator():
    # an mbox written without ">From" escaping: only a line with a sender and a time starts a message
    body = "The port stayed shut on Monday.\n\nFrom the harbour master's office, no word came.\n"
    box = (b"From reader@example.org Tue Mar 26 09:30:00 2024\n" + bytes(make_email("Port", None, body))
           + b"\nFrom - Wed Mar 27 10:00:00 2024\n" + bytes(make_email("Roads", None, "Roads reopened.\n")))
    documents = read(box, "clips.mbox")
    assert [d.headers["title"] for d in documents] == ["Port", "Roads"]
    assert "From the harbour master's office, no word came." in documents[0].content


# --- PDF -----------------------------------------------------------------------------------

def test_pdf_text_from_every_page(data_dir):
    [document] = read((data_dir / "ingest" / "statement.pdf").read_bytes(), "statement.pdf")
    assert document.kind == "text"
    assert "Gaza health ministry says 120 people were killed." in document.content
    assert '"We will not stop," the spokesman said.' in document.content
    assert document.content.rstrip().endswith("Second page: talks in Doha resumed on Tuesday.")


def test_encrypted_pdf(data_dir):
    writer = PdfWriter(clone_from=str(data_dir / "ingest" / "statement.pdf"))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert unreadable(buffer.getvalue()) == "PDF is encrypted (password-protected)"


def test_truncated_and_empty_pdf(data_dir):
    pdf = (data_dir / "ingest" / "statement.pdf").read_bytes()
    assert unreadable(pdf[: len(pdf) // 2]).startswith("PDF is truncated or corrupt")
    assert unreadable(b"") == "empty file"


def test_corrupt_pdf_body(data_dir):
    pdf = (data_dir / "ingest" / "statement.pdf").read_bytes()
    garbled = pdf[:9] + random.Random(0).randbytes(len(pdf) - 40) + pdf[-31:]  # header and %%EOF kept, body junk
    assert unreadable(garbled).startswith("PDF is truncated or corrupt: ")


# --- DOCX ----------------------------------------------------------------------------------

def make_docx(paragraphs: list[str], title: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_joined_by_blank_lines():
    data = make_docx(["Haniyeh met Amir-Abdollahian in Doha.", "", "“We are firm,” he said."], "Meeting")
    [document] = read(data, "clip.docx")
    assert document.kind == "text"
    assert document.content == "Haniyeh met Amir-Abdollahian in Doha.\n\n“We are firm,” he said."
    assert document.headers == {"title": "Meeting"}


def test_a_docx_table_is_read_in_its_place_a_row_a_line():
    document = docx.Document()
    document.add_paragraph("Donors pledged more than two billion euros on Monday.")
    table = document.add_table(rows=2, cols=2)
    for row, (donor, amount) in zip(table.rows, [("Donor", "Pledge"), ("EU", "355 million euros")]):
        row.cells[0].text, row.cells[1].text = donor, amount
    document.add_paragraph("The conference ended in the evening.")
    buffer = io.BytesIO()
    document.save(buffer)
    [read_back] = read(buffer.getvalue(), "pledges.docx")
    assert read_back.content == ("Donors pledged more than two billion euros on Monday.\n\nDonor | Pledge\n\n"
                                 "EU | 355 million euros\n\nThe conference ended in the evening.")


def test_truncated_docx():
    data = make_docx(["A paragraph."])
    assert unreadable(data[: len(data) // 2]).startswith("DOCX is truncated or corrupt")


# --- nothing to read -----------------------------------------------------------------------

def test_empty_whitespace_and_binary():
    assert unreadable(b"") == "empty file"
    assert unreadable(b" \n\t\r\n  ") == "file contains only white space"
    assert unreadable(random.Random(0).randbytes(2048)) == BINARY


def test_a_word_97_file_says_to_save_it_as_docx():
    # An OLE2 compound file's header, then sectors of binary (a .doc saved by Word 97-2003).
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(24) + b"\x3e\x00\x03\x00" + random.Random(1).randbytes(4000)
    assert unreadable(ole2) == LEGACY_OFFICE and "save it as .docx" in LEGACY_OFFICE


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_long_run_of_blank_lines_is_read_in_linear_time(fmt):
    # The export-layout checks looked for a field at the start of any line with "^\s*" under
    # re.M: at each of N blank lines the pattern ran over all N, and 60,000 of them took minutes.
    import time

    from cliptrace.model import Source

    body = "The night ferry to Carrick Isle was cancelled again." + "\n" * 60_000 + "Passengers waited in the hall."
    data = (body if fmt == "text" else f"<html><body><p>{body}</p></body></html>").encode()
    started = time.process_time()
    documents = read_source(Source(f"ferry.{fmt}", data, fmt))
    assert documents and time.process_time() - started < 5


def test_a_forwarded_newsletter_is_the_forwarded_message_with_its_own_headers():
    mail = ("From: Ana Reyes <ana@home.example>\nTo: me@work.example\nSubject: Fwd: Evening edition\n"
            "Date: Fri, 7 Mar 2025 20:15:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n"
            "Thought you'd want this one for the file.\n\nAna\n\n"
            "---------- Forwarded message ---------\nFrom: The Harbour Gazette <news@gazette.example>\n"
            "Date: Fri, 7 Mar 2025 at 18:00\nSubject: Evening edition: Pier reopens after storm repairs\n"
            "To: <ana@home.example>\n\n\nPier reopens after storm repairs\n\n"
            "The east pier reopened to walkers on Friday after six weeks of repairs.\n\n"
            "-- \nThe Harbour Gazette | manage your subscription\n").encode()
    [document] = read(mail, "clip.eml")
    assert document.content.startswith("Pier reopens after storm repairs")
    assert "Thought you'd want" not in document.content and "subscription" not in document.content
    assert document.headers["title"] == "Evening edition: Pier reopens after storm repairs"
    assert document.headers["outlet"] == "The Harbour Gazette"
    [draft] = split_document(document)  # Gmail's "Fri, 7 Mar 2025 at 18:00" is read as the day
    assert (draft.title, draft.published) == ("Pier reopens after storm repairs", "2025-03-07")


def test_an_mbox_line_escaped_as_from_is_read_back():
    mbox = ("From alerts@x.example Fri Mar  7 06:00:00 2025\nFrom: alerts@x.example\nSubject: Alert\n"
            "Content-Type: text/plain; charset=utf-8\n\nThe market opened late.\n\n"
            ">From Monday the stalls move to the square.\n").encode()
    [document] = read(mbox, "alerts.mbox")
    assert "\nFrom Monday the stalls move" in document.content and ">From" not in document.content


def test_a_german_forward_and_a_ruled_line_between_stories():
    from cliptrace.ingest.mail_body import article_part, without_signature

    text, headers = article_part("Zur Info.\n\n---------- Weitergeleitete Nachricht ---------\n"
                                 "Von: Hafenblatt <post@hafen.example>\nDatum: Fr., 7. März 2025\n"
                                 "Betreff: Hafen wieder offen\nAn: <ich@example.de>\n\nDer Hafen ist wieder offen.\n")
    assert (text, headers["title"]) == ("Der Hafen ist wieder offen.", "Hafen wieder offen")
    assert without_signature("Story one.\n\n--\nStory two.") == "Story one.\n\n--\nStory two."  # no "-- "
