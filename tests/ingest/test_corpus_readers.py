"""The corpus readers (news database exports, data sets, Telegram, WARC) on samples written for
these tests (tests/data/formats: invented outlets and text, the exports' real layouts)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cliptrace.ingest.dataset import parse_column_map
from cliptrace.ingest.errors import UnreadableSource
from cliptrace.ingest.read import read_data_set, read_source
from cliptrace.ingest.sniff import sniff
from cliptrace.ingest.split import split_document
from cliptrace.model import ArticleDraft, Document, UnreadablePart, Source
from test_read import make_docx  # tests/ingest is on the path, as for every test module
from testpaths import DATA

FORMATS = DATA / "formats"
# Labels of the export layouts: none may stay in an article's text.
EXPORT_LABELS = ("Length:", "Byline:", "Section:", "Load-Date", "Classification", "End of Document",
                 "Subject:", "Job Number", "Search Terms", "LOAD-DATE", "LENGTH:", "SECTION:",
                 "DOCUMENT", "Copyright", "words", "Document ", "MERIPA", "VALCOU", "EBEVPO")


def parts(data: bytes, columns: dict[str, str] | None = None) -> list[Document | UnreadablePart]:
    return read_source(Source("sample", data), columns)


def drafts(data: bytes, columns: dict[str, str] | None = None) -> list[ArticleDraft]:
    return [d for p in parts(data, columns) if isinstance(p, Document) for d in split_document(p)]


def assert_no_labels(found: list[ArticleDraft]) -> None:
    for draft in found:
        for label in EXPORT_LABELS:
            assert label not in draft.text, (label, draft.text)


# --- Nexis Uni -------------------------------------------------------------------------------------

def test_nexis_uni_cover_page_fields_and_tags():
    first, second = drafts((FORMATS / "nexis-uni-two.txt").read_bytes())
    assert (first.title, first.outlet, first.published) == (
        "Ferry service to the islands restored after storm", "The Valley Courier", "2025-05-28")
    assert first.authors == ["Lorna Pike"]  # "Byline:" before "Section:" in this export
    assert (first.section, first.dateline, first.stated_words) == ("REGION; Pg. 4", "PORT ALDER", 97)
    assert "organization:ALDER COUNTY COUNCIL" in first.tags and "geographic:ISLES OF WREN" in first.tags
    assert "subject:STORMS" in first.tags and not any("%" in tag for tag in first.tags)
    assert first.text.endswith("the county council said.")  # the Graphic block is not body
    assert "PHOTO" not in first.text and "Late Edition" not in first.text
    assert first.locator == "document 1" and second.locator == "document 2"
    # A document without copyright, section, byline or dateline, its body running into the trailer.
    assert (second.title, second.outlet, second.published, second.authors) == (
        "Harbour pilots end two-day strike", "Meridian Press Agency", "2025-05-30", [])
    assert second.text == "Harbour pilots returned to work on Friday after the port agreed to review their rota."
    assert_no_labels([first, second])


def test_nexis_uni_docx_of_one_document_without_cover_page():
    text = (FORMATS / "nexis-uni-two.txt").read_text()
    one_document = text[text.index("Ferry service to the islands restored after storm\n\nThe Valley"):]
    one_document = one_document[:one_document.index("End of Document") + len("End of Document")]
    data = make_docx([line for line in one_document.split("\n") if line.strip()])
    assert sniff(data) == "docx"
    [draft] = drafts(data)
    assert draft.title == "Ferry service to the islands restored after storm"
    assert draft.outlet == "The Valley Courier" and draft.stated_words == 97
    assert_no_labels([draft])


def test_nexis_uni_rtf():
    text = (FORMATS / "nexis-uni-two.txt").read_text()
    rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0\n" + "".join(
        line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") + "\\par\n" for line in text.split("\n")) + "}"
    assert sniff(rtf.encode()) == "rtf"
    found = drafts(rtf.encode())
    assert [d.outlet for d in found] == ["The Valley Courier", "Meridian Press Agency"]


def test_nexis_uni_pdf_page_headers_and_unknown_header_fields_stay_out_of_the_body():
    # As pypdf gives a Nexis Uni PDF: a page header (page number, the title) inside the body.
    text = "\n".join([
        "Page 1 of 2", "Quarry blast rattles village windows", "Quarry blast rattles village windows",
        "Hillside Weekly", "April 2, 2025 Wednesday", "Copyright 2025 Hillside Weekly",
        "Length: 40 words", "Highlight: Residents want the blasting hours cut,", "and a meeting with the owners.",
        "Newstex Authors: Hillside Weekly Staff", "Body",
        "A blast at the quarry shook windows across the village on Tuesday.",
        "Page 2 of 2", "Quarry blast rattles village windows",
        "The owners said the charge had been larger than planned.",
        "Load-Date: April 3, 2025", "End of Document"])
    [draft] = drafts(text.encode())
    assert draft.title == "Quarry blast rattles village windows" and draft.outlet == "Hillside Weekly"
    assert draft.text == ("A blast at the quarry shook windows across the village on Tuesday.\n\n"
                          "The owners said the charge had been larger than planned.")


# --- LexisNexis Academic ---------------------------------------------------------------------------

def test_lexis_academic_export_of_one_document():
    [draft] = drafts((FORMATS / "lexis-academic-one.txt").read_bytes())
    assert (draft.title, draft.outlet, draft.published) == (
        "Council approves new flood barrier for the river quarter", "Eastbridge Evening Post", "2009-06-03")
    assert draft.authors == [] and draft.section == "LOCAL NEWS; Pg. 7" and draft.stated_words == 88
    # wrapped lines are joined into paragraphs; a field wrapped over two lines keeps all its terms
    assert "along the river quarter, ending a dispute" in draft.text
    assert draft.text.count("\n\n") == 1
    assert "subject:CITY COUNCILS" in draft.tags
    assert draft.locator == "document 1"
    assert_no_labels([draft])


# --- Factiva ----------------------------------------------------------------------------------------

def test_factiva_field_codes_in_another_order_and_missing_fields():
    grain, dock = drafts((FORMATS / "factiva-codes.txt").read_bytes())
    assert (grain.title, grain.outlet, grain.published, grain.authors) == (
        "Grain ships leave the northern port under new corridor deal", "Meridian Press Agency", "2022-08-09", [])
    assert grain.section == "Business" and grain.stated_words == 61
    assert grain.text.endswith("if the weather held.")  # LP then TD
    assert grain.tags == ["ns:Commodity Markets", "ns:Shipping", "re:Northern Port"]
    assert grain.locator == "Document MERIPA0020220809ei890001a"
    assert dock.authors == ["Maren Holt", "Idris Vale"] and dock.outlet == "The Valley Courier"
    assert dock.text.startswith("Dock workers at the northern port") and "overtime bans." in dock.text
    assert dock.tags == ["co:Northern Port Authority", "in:Port Operations"]
    assert_no_labels([grain, dock])


def test_factiva_html_article_format():
    data = (FORMATS / "factiva-one.html").read_bytes()
    assert sniff(data) == "html"
    [draft] = drafts(data)
    assert (draft.title, draft.outlet, draft.published, draft.authors) == (
        "Rail link to the coast reopens after landslide", "Eastbridge Evening Post", "2021-11-14", ["Petra Lund"])
    assert draft.text.startswith("Trains ran to the coast again") and draft.text.endswith("Amos Reed.")
    assert draft.locator == "Document EBEVPO0020211114ehbe0002c"
    assert "07:02" not in draft.text
    assert_no_labels([draft])


# --- data sets --------------------------------------------------------------------------------------

def test_tsv_with_mapped_columns_reports_bad_rows_and_keeps_the_others():
    data = (FORMATS / "dataset-custom.tsv").read_bytes()
    assert sniff(data) == "csv"
    found = parts(data, parse_column_map("text=article_body"))
    assert [p.locator for p in found] == ["row 1", "row 2", "row 3", "row 4", "row 5"]
    skipped = [p for p in found if isinstance(p, UnreadablePart)]
    assert [(s.locator, "article_body" in s.reason or "fields" in s.reason) for s in skipped] == [
        ("row 2", True), ("row 4", True)]
    articles = [d for p in found if isinstance(p, Document) for d in split_document(p)]
    assert [a.published for a in articles] == ["2023-07-01", "2023-07-04", "2023-07-05"]  # ISO, Unix, words
    assert [a.outlet for a in articles] == ["The Valley Courier"] * 3  # "site" is an outlet column
    assert articles[0].authors == ["Lorna Pike"] and articles[1].authors == []
    assert "vc-1" not in articles[0].text


def test_tsv_without_a_known_text_column_names_its_columns():
    data = (FORMATS / "dataset-custom.tsv").read_bytes().replace(b"article_body", b"copy_desk")
    with pytest.raises(UnreadableSource, match="copy_desk"):
        parts(data)
    with pytest.raises(UnreadableSource, match="'story' .*not in the data set"):
        parts(data, {"text": "story"})
    assert len(drafts((FORMATS / "dataset-custom.tsv").read_bytes())) == 3  # "article_body" is a text column


def test_column_map_is_checked():
    assert parse_column_map(" text=article_body , date=pub_date") == {"text": "article_body", "date": "pub_date"}
    with pytest.raises(ValueError, match="unknown role 'body'"):
        parse_column_map("body=article_body")
    with pytest.raises(ValueError, match="ROLE=COLUMN"):
        parse_column_map("text")


def test_json_array_with_a_stray_item_and_author_lists():
    data = (FORMATS / "dataset-array.json").read_bytes()
    assert sniff(data) == "json"
    found = parts(data)
    assert isinstance(found[1], UnreadablePart) and found[1].locator == "row 2"
    festival, arabic = drafts(data)
    assert festival.authors == ["Petra Lund", "Amos Reed"] and festival.outlet == "Eastbridge Evening Post"
    assert festival.published == "2024-08-18" and festival.url == "https://eastbridge-post.example/festival"
    assert arabic.language == "ar" and arabic.locator == "row 3"


def test_json_lines_with_a_broken_line():
    lines = [json.dumps({"headline": "Pier reopens", "body": "The pier reopened on Friday.", "date": "2022-04-01"}),
             '{"headline": "Broken", "body": "no closing brace"',
             json.dumps({"headline": "Tide tables", "body": "New tide tables are out.", "source": "Harbour Notes"})]
    data = "\n".join(lines).encode()
    assert sniff(data) == "jsonl"
    found = parts(data)
    assert [type(p).__name__ for p in found] == ["Document", "UnreadablePart", "Document"]
    assert found[1].locator == "row 2" and "not JSON" in found[1].reason
    assert found[2].article.outlet == "Harbour Notes" and found[2].locator == "row 3"


def streamed(data: bytes, fmt: str) -> list[tuple[str, str]]:
    """(locator, title or reason) of each row as the ingest streams a data set."""
    return [(p.locator, p.article.title if isinstance(p, Document) else p.reason)
            for p in read_data_set(Source("sample", data, fmt))]


def test_csv_row_missing_a_field_fails_alone():
    data = (b"title,date,text\nLock gates,2024-05-01,The lock gates were replaced.\nNo body,2024-05-02\n"
            b"Towpath,2024-05-03,The towpath reopened.\nMoorings,2024-05-04,New moorings were let.\n")
    assert streamed(data, "csv") == [("row 1", "Lock gates"), ("row 2", "2 fields where the header names 3"),
                                     ("row 3", "Towpath"), ("row 4", "Moorings")]


def test_csv_quotation_mark_never_closed_is_named_not_swallowed():
    data = (b'title,date,text\nWeir,2024-06-01,"The weir was cleared, at last."\n'
            b'"Sluice,2024-06-02,The sluice jammed.\nBasin,2024-06-03,The basin was dredged.\n')
    assert streamed(data, "csv") == [
        ("row 1", "Weir"),
        ("row 2", "a quotation mark opened in this row (line 3) is never closed, so the rest of the file "
                  "could not be split into rows")]


def test_json_lines_row_without_a_text_field_fails_alone():
    lines = [{"title": "Canal fete", "text": "The fete drew crowds."}, {"title": "Only a title"},
             {"title": "Lock keeper", "text": "A new lock keeper started."}]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    [first, second, third] = streamed(data, "jsonl")
    assert first == ("row 1", "Canal fete") and third == ("row 3", "Lock keeper")
    assert second[0] == "row 2" and second[1].startswith("no text column") and second[1].endswith("its columns: title")


@pytest.mark.parametrize("data, where", [
    (b'[{"title": "Lock", "text": "The lock was', "line 1 column 28: Unterminated string"),
    (b'{"articles": [\n  {"title": "Weir", "text": "Cleared."},\n]}', "line 3 column 1: Expecting value"),
])
def test_json_that_does_not_parse_says_where_instead_of_becoming_an_article(data, where):
    assert sniff(data) == "json"
    with pytest.raises(UnreadableSource) as caught:
        parts(data)
    assert caught.value.reason == f"not valid JSON ({where})"


def test_a_file_named_json_opening_with_a_brace_is_json_even_when_broken():
    data = b"{'title': 'Weir', 'text': 'Cleared.'}\n"  # a Python dict, not JSON
    with pytest.raises(UnreadableSource, match=r"^not valid JSON \(line 1 column 2: "):
        read_source(Source("weir.json", data))
    assert sniff(data, "weir.txt") == "text"


def test_json_lines_whose_first_line_is_broken_keep_the_others():
    data = b'{"title": "Broken", "text": "no closing brace"\n{"title": "Basin", "text": "The basin was dredged."}\n'
    assert sniff(data) == "jsonl"
    assert [(locator, reason[:8]) for locator, reason in streamed(data, "jsonl")] == [
        ("row 1", "not JSON"), ("row 2", "Basin")]


def test_parquet_rows_stream_in_batches(tmp_path: Path):
    rows = [{"title": f"Notice {n}", "text": f"Notice number {n} was posted.", "published": "2021-01-02"}
            for n in range(2500)]
    path = tmp_path / "notices.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=700)
    data = path.read_bytes()
    assert sniff(data) == "parquet"
    found = drafts(data)
    assert len(found) == 2500 and found[-1].title == "Notice 2499" and found[-1].locator == "row 2500"


def test_text_with_commas_on_its_first_line_is_not_a_data_set():
    data = b"Rain, wind and hail hit the coast\n\nThe storm reached the coast on Monday, officials said.\n"
    assert sniff(data) == "text"


# --- Telegram ---------------------------------------------------------------------------------------

def test_telegram_account_export_with_username_edits_and_captions():
    data = (FORMATS / "telegram-account.json").read_bytes()
    found = drafts(data)
    assert [d.locator for d in found] == ["message 12", "message 14", "message 15"]  # service, media-only out
    river, roads, sandbags = found
    assert river.outlet == "Valley Watch" and river.published == "2024-05-01" and river.authors == ["Lorna Pike"]
    assert river.url == "https://t.me/valleywatch/12"
    assert roads.text == "Road closures: Mill Lane and the ford."  # strings and entity objects joined
    assert roads.published == "2024-05-01" and roads.edited == "2024-05-02T07:45:10"
    assert sandbags.text == "Sandbags at the town hall."  # a photo with a caption is an item


def test_telegram_group_message_is_by_its_sender():
    export = {"name": "Quay Residents", "type": "private_supergroup", "id": 77,
              "messages": [{"id": 3, "type": "message", "date": "2024-06-01T12:00:00", "from": "Ada Quill",
                            "text": "The quay gate is locked again."}]}
    [draft] = drafts(json.dumps(export).encode())
    assert (draft.outlet, draft.authors, draft.url) == ("Quay Residents", ["Ada Quill"], None)


def test_telegram_html_export():
    data = (FORMATS / "telegram-messages.html").read_bytes()
    warning, lifted = drafts(data)
    assert warning.text == "Gale warning for the outer harbour.\nSmall boats should stay in port."
    assert (warning.outlet, warning.published, warning.locator) == ("Harbour Alerts", "2024-03-02", "message 41")
    assert (lifted.published, lifted.locator, lifted.url) == ("2024-03-03", "message 43", None)


# --- WARC -------------------------------------------------------------------------------------------

def _warc(gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    page = (b"<html><head><title>Quay wall repaired</title></head><body><article><h1>Quay wall repaired</h1>"
            b"<p>Engineers finished repairing the old quay wall on Thursday after six weeks of work on the "
            b"foundations, the harbour board said in a statement to residents.</p>"
            b"<p>The quay will reopen to fishing boats next week, and the market stalls will return "
            b"to the waterfront on Saturday morning.</p></article></body></html>")
    for uri, body, content_type in (("https://quay.example/news/wall", page, "text/html; charset=utf-8"),
                                    ("https://quay.example/logo.png", b"\x89PNG\r\n", "image/png")):
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
    writer.write_record(writer.create_warc_record("https://quay.example/news/wall", "request",
                                                  payload=io.BytesIO(b"GET /news/wall HTTP/1.1\r\n\r\n")))
    return out.getvalue()


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_go_through_the_html_path(gzip: bool):
    data = _warc(gzip)
    assert sniff(data) == "warc"
    [document] = parts(data)
    assert document.kind == "html" and document.headers["url"] == "https://quay.example/news/wall"
    assert document.locator.startswith("record <urn:uuid:")
    [draft] = split_document(document)
    assert draft.title == "Quay wall repaired" and "old quay wall" in draft.text
    assert draft.url == "https://quay.example/news/wall" and draft.locator == document.locator
    assert draft.published == document.headers["date"][:10]  # the capture date: the page gives none


def test_json_lines_whose_first_row_is_longer_than_the_sniffed_head():
    body = "The harbour board met again. " * 1000  # about 29 KB on one line
    data = "\n".join(json.dumps({"title": f"Minutes {n}", "text": body}) for n in range(2)).encode()
    assert sniff(data) == "jsonl"
    assert [d.title for d in drafts(data)] == ["Minutes 0", "Minutes 1"]


def _three_page_warc(gzip: bool) -> tuple[bytes, int, int]:
    """A WARC of three HTML responses, and the offsets where its second record starts and ends."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    bounds = []
    for n, topic in enumerate(("Slipway", "Boathouse", "Chandlery"), 1):
        page = f"<html><head><title>{topic}</title></head><body><p>{topic} news, item {n}. " * 30 + "</p></body></html>"
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://quay.example/{topic.lower()}", "response",
                                                      payload=io.BytesIO(page.encode()), http_headers=http))
        bounds.append(out.tell())
    return out.getvalue(), bounds[0], bounds[1]


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("cut_at", [0.05, 0.5, 0.95], ids=["in its headers", "halfway", "near its end"])
def test_warc_cut_short_keeps_its_complete_records_and_reports_the_cut_one(gzip: bool, cut_at: float):
    data, start, end = _three_page_warc(gzip)
    found = parts(data[: start + int((end - start) * cut_at)])
    assert [type(p).__name__ for p in found] == ["Document", "UnreadablePart"]
    assert found[0].headers["title"] == "Slipway"
    assert found[1].locator == "record 2" and found[1].reason.startswith("truncated")
