"""Variants of the corpus formats that researchers download (other interface languages, other
download options, other data set shapes), on samples written for these tests (tests/data/formats:
invented outlets and text in the real layouts). Each checks the articles, their metadata, bodies
without export furniture, and that a broken document is reported in place without losing the others."""

from __future__ import annotations

import csv
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cliptrace.ingest.sniff import sniff
from cliptrace.model import Document, UnreadablePart
from test_corpus_readers import FORMATS, assert_no_labels, drafts, parts


def articles_and_gaps(data: bytes) -> tuple[list[Document], list[UnreadablePart]]:
    found = parts(data)
    return ([p for p in found if isinstance(p, Document)], [p for p in found if isinstance(p, UnreadablePart)])


# --- LexisNexis Academic ---------------------------------------------------------------------------

def test_lexis_academic_wire_copyright_on_top_body_label_and_a_broken_document():
    data = (FORMATS / "lexis-academic-wire.txt").read_bytes()
    found = parts(data)
    assert [p.locator for p in found] == ["document 1", "document 2", "document 3"]
    broken = found[1]
    assert isinstance(broken, UnreadablePart) and "no date line" in broken.reason
    wire, gazette = (p.article for p in found if isinstance(p, Document))
    # The copyright notice above the publication is not the outlet; the date line carries a time.
    assert (wire.title, wire.outlet, wire.published) == (
        "Fishermen protest new quota rules at the harbour", "Northern Wire Agency -- English", "2016-03-03")
    assert (wire.authors, wire.section, wire.dateline, wire.stated_words) == (
        ["Ansel Brook"], "ECONOMY", "PORT KESTREL, March 3", 64)
    # "BODY:" opens the body; the closing copyright notice is not body.
    assert (gazette.title, gazette.outlet, gazette.published) == (
        "Quota talks to resume next week", "The Kestrel Gazette", "2016-03-05")
    assert [name.casefold() for name in gazette.authors] == ["fenna holt"]
    assert gazette.text == ("The ministry agreed on Friday to reopen talks on the quotas next week.\n\n"
                            "Union leaders welcomed the offer.")
    assert_no_labels([wire, gazette])
    assert "BODY" not in gazette.text and "Rights Reserved" not in gazette.text


def test_lexis_academic_german_interface():
    [draft] = drafts((FORMATS / "lexis-academic-german.txt").read_bytes())
    assert (draft.title, draft.outlet, draft.published) == (
        "Fischer protestieren gegen neue Fangquoten", "Kestrel Tagesanzeiger", "2016-03-03")
    assert (draft.authors, draft.section, draft.stated_words) == (["Fenna Holt"], "WIRTSCHAFT; S. 5", 21)
    assert draft.text.startswith("Mehrere hundert Fischer") and draft.text.endswith("Kapitän Tilde Marsh.")
    for label in ("UPDATE", "SPRACHE", "LÄNGE", "AUTOR", "Copyright", "Rechte"):
        assert label not in draft.text


def test_lexis_academic_html_download():
    data = (FORMATS / "lexis-academic-two.html").read_bytes()
    assert sniff(data) == "html"
    keeper, museum = drafts(data)
    assert (keeper.title, keeper.outlet, keeper.published, keeper.authors, keeper.section) == (
        "Lighthouse keeper retires after forty years", "The Kestrel Gazette", "2012-04-02", ["Ansel Brook"], "NEWS; Pg. 3")
    assert keeper.text == ("The last keeper of the Kestrel Point light handed over the keys on Sunday.\n\n"
                           '"The lamp never went out on my watch," said Tobias Wren.')
    assert (museum.title, museum.outlet, museum.published, museum.locator) == (
        "New keeper's cottage to become a museum", "Coastal Courier", "2012-04-04", "document 2")
    assert_no_labels([keeper, museum])


# --- Nexis Uni -------------------------------------------------------------------------------------

def test_nexis_uni_cover_page_undated_monthly_and_a_document_without_body():
    found = parts((FORMATS / "nexis-uni-cover-undated.txt").read_bytes())
    assert [p.locator for p in found] == ["document 1", "document 2", "document 3"]
    assert isinstance(found[1], UnreadablePart) and "no body text" in found[1].reason
    monthly, tidal = (p.article for p in found if isinstance(p, Document))
    # No date line (a monthly's "March 2016"): the title and publication are not the cover page's lines.
    assert (monthly.title, monthly.outlet, monthly.published) == (
        "Harbour board names new chair", "Kestrel Monthly Review", None)
    assert (monthly.authors, monthly.section, monthly.stated_words) == (["Fenna Holt"], "PEOPLE; Pg. 14", 45)
    # No "Body" line: the body starts under the fields, past "All Rights Reserved", and ends at "Notes".
    assert (tidal.title, tidal.outlet, tidal.published, tidal.dateline) == (
        "Tidal power plan shelved", "The Kestrel Gazette", "2016-03-10", "PORT KESTREL")
    assert tidal.authors == ["Ivo Brandt", "Selma Ruiz"]
    assert tidal.text == ("The council shelved the tidal power plan on Wednesday after costs doubled.\n\n"
                          '"We will look again next year," the leader said.')
    assert_no_labels([monthly, tidal])
    assert "Rights Reserved" not in tidal.text and "print edition" not in tidal.text


# --- Factiva ----------------------------------------------------------------------------------------

def test_factiva_article_format_with_section_edition_page_and_search_summary():
    found = parts((FORMATS / "factiva-article-sections.txt").read_bytes())
    assert [p.locator for p in found] == ["Document COACOU0020230209ej290000b", "Document COACOU0020230210ej2a0000x",
                                          "Document KESGAZ0020230211ej2b0001d"]
    assert isinstance(found[1], UnreadablePart) and "word count" in found[1].reason
    beach, race = (p.article for p in found if isinstance(p, Document))
    assert (beach.title, beach.section, beach.authors) == (
        "Volunteers clear the beach after the storm", "Regional", ["Ivo Brandt", "Selma Ruiz"])
    assert (beach.outlet, beach.published, beach.stated_words) == ("Coastal Courier", "2023-02-09", 220)
    assert beach.text.startswith("Hundreds of volunteers") and beach.text.endswith("said organiser Mira Tan.")
    # A one-word section and no byline; no copyright line: the body starts after the language line.
    assert (race.title, race.section, race.authors, race.outlet, race.published) == (
        "Rowing club wins the harbour race", "Sport", [], "Kestrel Gazette", "2023-02-11")
    assert race.text == ("The rowing club won the annual harbour race on Saturday by two lengths.\n\n"
                         "It was their first win in nine years.")
    assert_no_labels([beach, race])
    for furniture in ("Late Edition", "COACOU", "KESGAZ", "08:40", "English", "Search Summary", "A4"):
        assert furniture not in beach.text + race.text


def test_factiva_html_full_article_plus_indexing_table():
    data = (FORMATS / "factiva-indexing.html").read_bytes()
    assert sniff(data) == "html"
    wall, ferry = drafts(data)
    assert (wall.title, wall.outlet, wall.published, wall.authors, wall.stated_words) == (
        "Harbour wall to be raised by a metre", "Coastal Courier", "2023-02-10", ["Selma Ruiz"], 95)
    assert wall.text == ("The council will raise the harbour wall by a metre before next winter.\n\n"
                         "Work starts in April.\n\n"
                         '"The sea has reached the top of the wall twice this year," said engineer Ola Berg.')
    assert wall.tags == ["ns:Political/General News", "ns:Politics/International Relations"]
    assert wall.locator == "Document COACOU0020230210ej2a0000c"
    assert (ferry.title, ferry.authors, ferry.locator) == (
        "Ferry timetable cut for the winter", [], "Document KESGAZ0020230212ej2c0000f")
    assert ferry.text == "The island ferry will sail twice a day until March."
    assert_no_labels([wall, ferry])


def test_factiva_field_codes_followed_by_the_search_summary():
    text = "\n".join(["HD Gulls return to the pier", "WC 12 words", "PD 4 April 2024", "SN Kestrel Gazette",
                      "LP The gulls came back to the pier on Wednesday.", "AN Document KESGAZ0020240404ek440000a",
                      "", "Search Summary", "Text gulls", "Date All Dates", "Results Found 1"])
    [draft] = drafts(text.encode())
    assert draft.locator == "Document KESGAZ0020240404ek440000a"
    assert draft.text == "The gulls came back to the pier on Wednesday."


def test_factiva_german_interface():
    [draft] = drafts((FORMATS / "factiva-german.txt").read_bytes())
    assert (draft.title, draft.section, draft.authors) == ("Hafenmauer wird um einen Meter erhöht", "Regional", ["Selma Ruiz"])
    assert (draft.outlet, draft.published, draft.stated_words) == ("Kestrel Tagesanzeiger", "2023-02-10", 95)
    assert draft.locator == "Document KESTAG0020230210ej2a0000c"
    assert draft.text == ("Der Rat wird die Hafenmauer vor dem nächsten Winter um einen Meter erhöhen.\n\n"
                          "Die Arbeiten beginnen im April.")


# --- data sets --------------------------------------------------------------------------------------

def test_json_api_response_with_articles_key_and_nested_source():
    data = (FORMATS / "dataset-newsapi.json").read_bytes()
    assert sniff(data) == "json"
    found = parts(data)
    assert [p.locator for p in found] == ["row 1", "row 2", "row 3"]
    assert isinstance(found[1], UnreadablePart) and "content" in found[1].reason
    pier, dunes = drafts(data)
    assert (pier.title, pier.outlet, pier.published, pier.authors, pier.url) == (
        "Pier lights restored", "Kestrel Gazette", "2024-03-12", ["Fenna Holt"], "https://kestrel-gazette.example/pier")
    assert pier.text == "The pier lights were restored on Monday evening after a month in the dark."  # not the description
    assert (dunes.outlet, dunes.authors) == ("Coastal Courier", ["Mira Tan", "Ivo Brandt"])


def test_json_data_key_with_capitalised_columns_rss_dates_and_a_stray_item():
    found = parts((FORMATS / "dataset-data.json").read_bytes())
    assert isinstance(found[1], UnreadablePart) and found[1].locator == "row 2"
    lifeboat, fees = drafts((FORMATS / "dataset-data.json").read_bytes())
    assert (lifeboat.title, lifeboat.outlet, lifeboat.published, lifeboat.authors, lifeboat.url) == (
        "Lifeboat crew rescues two kayakers", "Kestrel Gazette", "2024-03-17", ["Ansel Brook"],
        "https://kestrel-gazette.example/lifeboat")
    assert (fees.published, fees.authors, fees.locator) == ("2024-03-18", [], "row 3")


def test_semicolon_csv_with_bom_crlf_quoted_paragraphs_and_spaced_column_names():
    data = (FORMATS / "dataset-semicolon.csv").read_bytes()
    assert sniff(data) == "csv"
    found = parts(data)
    assert [p.locator for p in found] == ["row 1", "row 2", "row 3"]
    assert isinstance(found[1], UnreadablePart) and "Content" in found[1].reason
    storm, ferries = drafts(data)
    assert (storm.title, storm.outlet, storm.published, storm.authors) == (
        "Storm, then calm", "Coastal Courier", "2024-04-03", ["Ivo Brandt"])  # "Published Date", day first
    assert storm.text == "The storm passed overnight.\n\nBy morning the sea was calm again."
    assert ferries.text == "Ferries ran again on Thursday; the first left at seven."


def test_spreadsheet_headers_with_brackets_and_a_plural_mark_are_still_a_data_set():
    # "Byline(s)" was no column name the sniffer allowed: the whole file became one article of
    # raw semicolons, silently.
    data = ("\ufeffHeadline ;Pub. Date;Source Name;Byline(s);Body Text\r\n"
            "Fares rise in June;2024-04-02;Metro Post;Jo Lin, Ade Bello;Bus fares will rise by a tenth in June.\r\n"
            ).encode()
    assert sniff(data) == "csv"
    [draft] = drafts(data)
    assert (draft.title, draft.published, draft.outlet, draft.authors, draft.text) == (
        "Fares rise in June", "2024-04-02", "Metro Post", ["Jo Lin", "Ade Bello"], "Bus fares will rise by a tenth in June.")


def test_csv_with_excel_delimiter_line():
    data = b"sep=;\r\nTITLE;TEXT;PUBDATE\r\nGulls nest again;Gulls are nesting on the roof again.;2024-05-01\r\n"
    assert sniff(data) == "csv"
    [draft] = drafts(data)
    assert (draft.title, draft.text, draft.published) == ("Gulls nest again", "Gulls are nesting on the roof again.",
                                                           "2024-05-01")


@pytest.mark.parametrize("shape", ["items", "results"])
def test_json_other_containers(shape: str):
    data = json.dumps({shape: [{"headline": "Tide gauge fixed", "story": "The tide gauge works again."}]}).encode()
    [draft] = drafts(data)
    assert (draft.title, draft.text) == ("Tide gauge fixed", "The tide gauge works again.")


# --- Telegram ---------------------------------------------------------------------------------------

def test_telegram_channel_forwarded_entities_replies_media_and_service():
    found = drafts((FORMATS / "telegram-channel-variants.json").read_bytes())
    assert [d.locator for d in found] == ["message 2", "message 3", "message 5"]  # service, photo-only out
    forwarded, count, hashtag = found
    assert (forwarded.text, forwarded.outlet, forwarded.published) == (
        "Gulls have returned to the old pier.", "Gull Watch", "2024-02-01")
    assert count.text == "Count: 212 pairs. See the map" and count.edited == "2024-02-01T10:30:00"
    assert hashtag.text == "#gulls nesting started."


def test_telegram_html_forwarded_reply_and_media_only():
    found = drafts((FORMATS / "telegram-forwarded.html").read_bytes())
    assert [d.locator for d in found] == ["message 2", "message 3"]
    forwarded, count = found
    assert forwarded.text == "Gulls have returned to the old pier."  # the forward's own header is not text
    assert count.text == "Count: 212 pairs.\nSee the map" and "In reply to" not in count.text
    assert {d.outlet for d in found} == {"Gull Watch"} and count.published == "2024-02-01"
    assert forwarded.authors == [] and count.authors == ["Fenna Holt"]  # the channel's name is no author; a signature is


def test_telegram_html_group_senders_carry_over_joined_messages():
    def message(n: int, inner: str, joined: bool = False) -> str:
        return (f'<div class="message default clearfix{" joined" if joined else ""}" id="message{n}"><div class="body">'
                f'<div class="pull_right date details" title="05.03.2024 09:0{n}:00 UTC+01:00">09:0{n}</div>{inner}</div></div>')
    html = ('<html><body><div class="page_header"><div class="content"><div class="text bold">Quay Residents</div>'
            '</div></div><div class="history">'
            + message(1, '<div class="from_name">Ada Quill</div><div class="text">The gate is locked.</div>')
            + message(2, '<div class="text">Again.</div>', joined=True)
            + message(3, '<div class="from_name">Ivo Brandt</div><div class="text">I have a key.</div>')
            + "</div></body></html>")
    found = drafts(html.encode())
    assert [(d.locator, d.authors) for d in found] == [
        ("message 1", ["Ada Quill"]), ("message 2", ["Ada Quill"]), ("message 3", ["Ivo Brandt"])]


# --- WARC -------------------------------------------------------------------------------------------

PAGE = (b"<html><head><title>Terns return</title></head><body><article><h1>Terns return to the spit</h1>"
        b"<p>The terns came back to the sand spit on Monday, a week earlier than last year, the bird "
        b"society said in its weekly note to members.</p><p>Counters found ninety pairs nesting.</p>"
        b"</article></body></html>")


def _warc(records: list[tuple[str, str, bytes, StatusAndHeaders | None, str | None]], gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("capture.warc", {"software": "tests"}))
    for uri, kind, payload, http, content_type in records:
        writer.write_record(writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=http,
                                                      warc_content_type=content_type))
    return out.getvalue()


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_warc_resource_records_and_responses_without_content_type(gzip: bool):
    ok = StatusAndHeaders("200 OK", [], protocol="HTTP/1.1")  # no Content-Type: the payload tells
    moved = StatusAndHeaders("301 Moved Permanently", [("Location", "https://spit.example/terns")], protocol="HTTP/1.1")
    data = _warc([("https://spit.example/terns", "resource", PAGE, None, "text/html"),
                  ("https://spit.example/old", "response", b"", moved, None),
                  ("https://spit.example/terns2", "response", PAGE.replace(b"Terns", b"Gulls"), ok, None),
                  ("https://spit.example/map.png", "response", b"\x89PNG\r\n\x1a\n", ok, None),
                  ("https://spit.example/notes.txt", "resource", b"plain notes", None, "text/plain")], gzip)
    assert sniff(data) == "warc"
    found = parts(data)
    assert [d.headers["url"] for d in found] == ["https://spit.example/terns", "https://spit.example/terns2"]
    terns, gulls = drafts(data)
    assert terns.title == "Terns return to the spit" and "ninety pairs" in terns.text
    assert gulls.title == "Gulls return to the spit"


# --- second round: layouts met in researchers' downloads --------------------------------------------

_RULE = "_" * 60


def test_proquest_text_download_fields_body_and_a_citation_only_record():
    data = f"""{_RULE}

Report Information from ProQuest
02 June 2024 11:40
{_RULE}

Table of contents

1. Ferry timetable cut for winter

2. Lighthouse keeper retires

3. Gull census delayed

{_RULE}

Document 1 of 3

Ferry timetable cut for winter

Author: Holt, Fenna; Brook, Ansel

ProQuest document link

Abstract: Fewer crossings from November.

Full text: The ferry company will run four crossings a day instead of six from November.
Correction: the first crossing leaves at seven, not six.
"We cannot fill the boats in winter," said Ivo Brandt, who manages the route.

Subject: Ferries; Timetables

Title: Ferry timetable cut for winter

Publication title: Kestrel Gazette; Port Kestrel

Publication date: Oct 2, 2023

Section: Local

ProQuest document ID: 1029384756

Document URL: https://www.proquest.com/docview/1029384756

Copyright: Copyright Kestrel Media Oct 2, 2023
{_RULE}

Document 2 of 3

Lighthouse keeper retires

Author: Mira Tan

Full text: The last keeper of the north light retired on Friday after thirty years.

Publication info: Coastal Courier ; Port Kestrel [Port Kestrel]. 06 Oct 2023: 4.

ProQuest document ID: 1029384799
{_RULE}

Document 3 of 3

Gull census delayed

Abstract: The census of nesting gulls was put off by a month.

Publication title: Kestrel Gazette

ProQuest document ID: 1029384801
{_RULE}

Bibliography

Citation style: APA 7th - American Psychological Association, 7th Edition

Holt, F., & Brook, A. (2023, Oct 02). Ferry timetable cut for winter. Kestrel Gazette
{_RULE}

Database copyright (c) 2024 ProQuest LLC. All rights reserved.
""".encode()
    found = parts(data)
    assert [p.locator for p in found] == [f"ProQuest document ID {n}" for n in (1029384756, 1029384799, 1029384801)]
    assert isinstance(found[2], UnreadablePart) and "Full text" in found[2].reason
    ferry, keeper = (p.article for p in found[:2])
    assert (ferry.title, ferry.outlet, ferry.published, ferry.authors, ferry.section) == (
        "Ferry timetable cut for winter", "Kestrel Gazette", "2023-10-02", ["Fenna Holt", "Ansel Brook"], "Local")
    # A paragraph opening with a word and a colon that is no ProQuest field stays in the text.
    assert ferry.text.split("\n\n") == [
        "The ferry company will run four crossings a day instead of six from November.",
        "Correction: the first crossing leaves at seven, not six.",
        "\"We cannot fill the boats in winter,\" said Ivo Brandt, who manages the route."]
    assert ferry.tags == ["subject:Ferries", "subject:Timetables"]
    # Without a "Publication title" field the outlet and date come from "Publication info".
    assert (keeper.outlet, keeper.published, keeper.authors) == ("Coastal Courier", "2023-10-06", ["Mira Tan"])
    assert keeper.text == "The last keeper of the north light retired on Friday after thirty years."


def test_factiva_field_codes_alone_on_their_lines_with_the_section_first():
    data = b"""SE
   Harbour
HD
   Crane toppled in gale
BY
   Ansel Brook
WC
   41 words
PD
   9 January 2024
SN
   Kestrel Gazette
SC
   KSTGZT
LP
   A crane toppled onto the quay in Tuesday's gale.
TD
   Nobody was hurt, the harbour master said.
AN
   Document KSTGZT0020240109ek190000a
SE
   Harbour
HD
   Quay reopens
PD
   11 January 2024
SN
   Kestrel Gazette
LP
   The quay reopened on Thursday.
AN
   Document KSTGZT0020240111ek1b0000b
"""
    crane, quay = drafts(data)
    assert (crane.title, crane.outlet, crane.published, crane.authors, crane.section, crane.stated_words) == (
        "Crane toppled in gale", "Kestrel Gazette", "2024-01-09", ["Ansel Brook"], "Harbour", 41)
    assert crane.text == "A crane toppled onto the quay in Tuesday's gale.\n\nNobody was hurt, the harbour master said."
    assert (quay.title, quay.published, quay.text, quay.locator) == (
        "Quay reopens", "2024-01-11", "The quay reopened on Thursday.", "Document KSTGZT0020240111ek1b0000b")


def test_lexis_academic_body_paragraphs_opening_with_an_upper_case_word_and_a_colon():
    data = b"""                              1 of 1 DOCUMENT

                              Kestrel Gazette

                           March 8, 2016 Tuesday

Quay repairs start

LENGTH: 40 words


PORT KESTREL: Repairs to the north quay started on Monday.

UPDATE: The work will take three weeks, the council said.

Boats will use the south quay meanwhile.


LOAD-DATE: March 9, 2016

LANGUAGE: ENGLISH
"""
    [draft] = drafts(data)
    assert draft.text.split("\n\n") == ["PORT KESTREL: Repairs to the north quay started on Monday.",
                                        "UPDATE: The work will take three weeks, the council said.",
                                        "Boats will use the south quay meanwhile."]


@pytest.mark.parametrize("index", ["", "Unnamed: 0"])
def test_csv_written_by_pandas_with_its_index_column(index: str):
    data = f'{index},title,date,content\n0,Quay reopens,2024-01-11,"The quay reopened, at last."\n'.encode()
    assert sniff(data) == "csv"
    [draft] = drafts(data)
    assert (draft.title, draft.published, draft.text) == ("Quay reopens", "2024-01-11", "The quay reopened, at last.")


@pytest.mark.parametrize("cell, names", [
    ("['Fenna Holt', 'Ansel Brook']", ["Fenna Holt", "Ansel Brook"]),
    ('["Mira Tan"]', ["Mira Tan"]),
    ("[]", []),
])
def test_author_lists_written_into_a_csv_cell(cell: str, names: list[str]):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["title", "authors", "text"], ["Quay reopens", cell, "The quay reopened on Thursday."]])
    [draft] = drafts(buffer.getvalue().encode())
    assert draft.authors == names


def test_a_row_takes_the_first_candidate_column_that_is_not_empty():
    row = {"title": "Quay reopens", "text": None, "maintext": "The quay reopened on Thursday.",
           "date_publish": None, "date": "2024-01-11", "source_domain": "kestrel-gazette.example"}
    [draft] = drafts((json.dumps(row) + "\n").encode())
    assert (draft.text, draft.published, draft.outlet) == (
        "The quay reopened on Thursday.", "2024-01-11", "kestrel-gazette.example")


def test_json_api_response_nested_one_object_down_with_nested_fields():
    data = json.dumps({"response": {"status": "ok", "results": [
        {"webTitle": "Quay reopens", "webPublicationDate": "2024-01-11T09:00:00Z",
         "webUrl": "https://kestrel-gazette.example/quay",
         "fields": {"bodyText": "The quay reopened on Thursday.", "byline": "Mira Tan in Port Kestrel"}}]}}).encode()
    [draft] = drafts(data)
    assert (draft.title, draft.published, draft.url, draft.text, draft.authors) == (
        "Quay reopens", "2024-01-11", "https://kestrel-gazette.example/quay", "The quay reopened on Thursday.",
        ["Mira Tan"])


def test_the_mark_of_a_cut_api_content_is_not_text():
    data = json.dumps({"articles": [{"title": "Quay reopens", "content": "The quay reopened on Thurs\u2026 [+1893 chars]"}]})
    [draft] = drafts(data.encode())
    assert draft.text == "The quay reopened on Thurs\u2026"


@pytest.mark.parametrize("cell, names", [("Fenna Holt; Ansel Brook", ["Fenna Holt", "Ansel Brook"]),
                                         ("Mira Tan | Ivo Brandt", ["Mira Tan", "Ivo Brandt"])])
def test_names_in_a_cell_parted_by_semicolons_or_bars(cell: str, names: list[str]):
    [draft] = drafts(json.dumps([{"text": "The quay reopened on Thursday.", "author": cell}]).encode())
    assert draft.authors == names


@pytest.mark.parametrize("stamp", ["20240111093000", "202401110930"])
def test_a_time_stamp_of_digits_is_a_day(stamp: str):
    [draft] = drafts(json.dumps([{"text": "The quay reopened on Thursday.", "date": stamp}]).encode())
    assert draft.published == "2024-01-11"


def test_an_export_of_which_no_document_can_be_read_is_its_reasons_not_one_article_of_fields():
    data = f"""{_RULE}

Document 1 of 1

Gull census delayed

Abstract: The census of nesting gulls was put off by a month.

Publication title: Kestrel Gazette

ProQuest document ID: 1029384801
{_RULE}
""".encode()
    [unread] = parts(data)
    assert isinstance(unread, UnreadablePart) and unread.locator == "ProQuest document ID 1029384801"
    assert "Full text" in unread.reason


@pytest.mark.parametrize("header", ["Titel;Datum;Quelle;Autor;Text", "Titre;Date;Source;Auteur;Texte",
                                    "Título;Fecha;Fuente;Autor;Texto", "العنوان;التاريخ;المصدر;الكاتب;النص"])
def test_a_data_set_with_column_names_in_its_own_language(header: str):
    data = (header + "\r\nGulls nest again;03.05.2024;Kestrel Gazette;Fenna Holt;Gulls are nesting on the roof.\r\n")
    [draft] = drafts(data.encode("utf-8-sig"))
    assert (draft.title, draft.published, draft.outlet, draft.authors, draft.text) == (
        "Gulls nest again", "2024-05-03", "Kestrel Gazette", ["Fenna Holt"], "Gulls are nesting on the roof.")
