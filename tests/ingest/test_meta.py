"""Metadata read from single lines: every date, byline and source form met in the clippings."""

from __future__ import annotations

import pytest

from cliptrace.ingest.meta import (
    classify_names,
    detect_language,
    masthead,
    outlet_from_dateline,
    outlet_from_disclaimer,
    parse_byline,
    parse_date_line,
    parse_source_line,
    plausible_outlet,
)


@pytest.mark.parametrize("line, expected", [
    ("May 14, 2023", "2023-05-14"),
    ("  May 14, 2023", "2023-05-14"),
    ("9 Apr 2023", "2023-04-09"),
    ("October 07 2022", "2022-10-07"),
    ("AUGUST 07, 2021", "2021-08-07"),
    ("Nov 29, 2021", "2021-11-29"),
    ("April 26, 2022\xa0", "2022-04-26"),
    ("Publish Date : 14 April 2024 - 22:03", "2024-04-14"),
    ("Monday, April 10, 2023", "2023-04-10"),
    ("الثلاثاء 1 حزيران 2021", "2021-06-01"),  # Levantine month name
    ("1 يونيو 2021", "2021-06-01"),  # Egyptian month name
    ("03/04/2023", "2023-04-03"),  # day first
])
def test_date_lines(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize("line", [
    "From the commemoration of Palestinian martyr Jamal Abu Samhadana on July 1, 2022",
    "Israeli vehicle near Aqbat Jabr camp during a raid (Monday, April 10, 2023).",
    "Ismail Haniyeh",
    "In 2016, Assad said",
    "News ID: 126194",
    "May 2023",  # no day: not a dateline we can date
])
def test_lines_that_are_not_date_lines(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize("line, authors, outlet", [
    ("By Abdelrahman Nassar", ["Abdelrahman Nassar"], None),
    ("By Rajab al-Madhoun/Al-Akhbar Newspaper", ["Rajab al-Madhoun"], "Al-Akhbar"),
    ("By\xa0Al Mayadeen English\xa0", [], "Al Mayadeen"),
    ("By Al Mayadeen Net", [], "Al Mayadeen"),
    ("By Al Mayadeen", [], "Al Mayadeen"),
    ("By Staff", [], None),
    ("By Staff, Agencies", [], None),
    ("ByNews Desk", [], None),
    ("By The Cradle’s Palestine Correspondent", [], "The Cradle"),
    ("By John Smith and Jane Doe", ["John Smith", "Jane Doe"], None),
])
def test_bylines(line, authors, outlet):
    byline = parse_byline(line.replace("\xa0", " ").strip())
    assert byline is not None
    assert (byline.authors, byline.outlet) == (authors, outlet)


@pytest.mark.parametrize("line", ["Bye for now", "By the end of the week", "By 2024 the talks had failed"])
def test_sentences_starting_with_by_are_not_bylines(line):
    assert parse_byline(line) is None


def test_a_name_line_without_by():
    assert classify_names("رجب المدهون").authors == ["رجب المدهون"]
    assert masthead("Workers Revolutionary Party") == "Workers Revolutionary Party"


@pytest.mark.parametrize("line, outlet", [
    ("Source: Al-Manar English Website", "Al-Manar"),
    ("Source: Palestinian and Israeli media (translated and edited by Al-Manar English Website)", "Al-Manar"),
    ("Source: Al Mayadeen Net", "Al Mayadeen"),
    ("Source: Agencies", None),
    ("Net Source: Agencies", None),
])
def test_source_lines(line, outlet):
    credit = parse_source_line(line)
    assert credit is not None and credit.outlet == outlet


def test_a_sentence_is_not_a_source_line():
    assert parse_source_line("The source said the talks failed.") is None


def test_disclaimer_names_the_outlet():
    line = "The views expressed in this article do not necessarily reflect those of The Cradle."
    assert outlet_from_disclaimer(line) == "The Cradle"
    assert outlet_from_disclaimer("Hamas said the talks failed.") is None


PORTUGUESE = ("O prefeito da pequena cidade de Vila Serena disse nesta terça-feira que as obras da "
              "nova ponte sobre o rio vão começar no próximo mês. Segundo ele, o dinheiro já foi "
              "liberado pelo governo do estado e a empresa escolhida tem um prazo de dois anos para "
              "terminar o trabalho. Os moradores, que esperam por isso há muito tempo, não acreditam "
              "nas promessas e pedem mais transparência.")
INDONESIAN = ("Kepala desa Sukamaju mengatakan bahwa jalan baru ke pasar akan selesai sebelum musim "
              "hujan. Menurut dia, warga sudah lama menunggu jalan itu dan banyak petani yang tidak "
              "bisa membawa hasil panen ke kota. Dia juga berkata bahwa dana dari pemerintah daerah "
              "sudah diterima dan pekerjaan akan dimulai minggu depan oleh para pekerja dari desa ini.")
RUSSIAN = "Мэр небольшого города сказал во вторник, что строительство нового моста начнётся весной."
ENGLISH = ("The mayor of the small town of Lindenfield said on Tuesday that work on the new bridge over "
           "the river would begin next month. According to him, the money has already been released by "
           "the county and the builder has two years to finish the job. Residents, who have waited a "
           "long time, said they did not believe the promises and asked for more openness.")
SCORES = ("GIRLS SOCCER Marwood d. Eastbrook 3-1 Marwood 2 1 Eastbrook 0 1 Goals: M: Tilda Vance 2, "
          "Oona Peck; E: Rhea Moss. Saves: M: Ida Lund 6; E: Cleo Hart 9. Records: Marwood 4-2, "
          "Eastbrook 1-5. BOYS SOCCER Westfall d. Pinecrest 2-0 Westfall 1 1 Pinecrest 0 0 Goals: "
          "W: Ned Ortiz, Abe Kim. Saves: W: Lou Park 4; P: Sam Reyes 7. Records: Westfall 6-0, Pinecrest 2-3.")


def test_language():
    assert detect_language("«سيف القدس» تفتح طريق غزّة ــ دمشق") == "ar"
    assert detect_language("Gaza | After years of estrangement (سيف القدس)") == "en"
    assert detect_language("") == "en"


@pytest.mark.parametrize("text", [PORTUGUESE, INDONESIAN, RUSSIAN])
def test_a_text_in_another_language_is_not_taken_for_english(text):
    assert detect_language(text) == "und"


@pytest.mark.parametrize("text", [ENGLISH, SCORES, "Lindenfield council votes today."])
def test_english_prose_lists_and_short_lines_stay_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(("paragraph", "outlet"), [
    ("GAZA STRIP (Dispatches) – A senior Palestinian resistance leader says", "Kayhan International"),
    ("MOSCOW (Reuters) - Russia said on Monday", "Reuters"),
    ("The deputy chief (PIJ) - said nothing", None),
    ("A plain opening paragraph with no dateline.", None),
])
def test_outlet_from_dateline(paragraph, outlet):
    assert outlet_from_dateline(paragraph) == outlet


# --- credits and site names on pages cliptrace was not tuned on ------------------------------------

def test_a_byline_keeps_every_author_and_stops_at_the_page_furniture():
    byline = parse_byline("By Noor Haddad and Tomas Berg · Email the author")
    assert byline.authors == ["Noor Haddad", "Tomas Berg"]
    assert parse_byline("By Ines Kovac | Updated 2 hours ago").authors == ["Ines Kovac"]


@pytest.mark.parametrize("credits", [
    "The Kuwaiti and Omani foreign ministries",  # a description split on "and"
    "Sami Ortiz is a columnist for the Harbour Daily",  # an author's blurb
])
def test_descriptions_and_blurbs_name_neither_an_author_nor_an_outlet(credits):
    byline = classify_names(credits)
    assert (byline.authors, byline.outlet) == ([], None)


def test_a_credit_loses_its_time_stamp_and_a_job_title_is_no_author():
    assert classify_names("Harbour Press November 3").outlet == "Harbour Press"
    assert classify_names("Lena Park, AP Science Writer").authors == ["Lena Park"]
    assert classify_names("Dev Ray Published 10:42 AM EST").authors == ["Dev Ray"]


def test_where_a_writer_filed_from_is_not_part_of_the_name():
    assert classify_names("Noor Haddad in Port Kestrel").authors == ["Noor Haddad"]
    assert classify_names("Tomas Berg in Lisbon and Ines Kovac in Split").authors == ["Tomas Berg", "Ines Kovac"]
    assert classify_names("Staff in Harbour City").authors == []


@pytest.mark.parametrize("name, expected", [
    ("Harbour Gazette", "Harbour Gazette"),
    ("https://www.harbourgazette.example/", "harbourgazette.example"),
    ("Tidewater | Your coast's favourite news platform", "Tidewater"),
    ("by Valley Science Weekly", "Valley Science Weekly"),
    ("Copyright 2016", None),
    ("so you can simply carry the figure over from last week's plan", None),
    (None, None),
])
def test_a_site_name_is_kept_only_as_a_masthead(name, expected):
    assert plausible_outlet(name) == expected


def test_a_source_credit_names_a_feed_unless_it_names_nobody():
    assert parse_source_line("Source: Wire").outlet == "Wire"
    assert parse_source_line("Source: News Agencies").outlet is None


def test_handles_initials_and_a_date_before_by_are_not_names():
    assert classify_names("Ada Brun@adabrun_writes").authors == ["Ada Brun"]
    assert classify_names("Ada Brun, BBC").authors == ["Ada Brun"]
    assert classify_names("Friday June 7, 2024 9:15 am by Ada Brun").authors == ["Ada Brun"]
    assert classify_names("Ada Brun, NBC Science").outlet == "NBC Science"


# --- metadata kinds found on the Zyte dev pages (benchmarks/zyte_metadata.py) ---------------------

@pytest.mark.parametrize("line, authors", [
    ("By Odile Marchetti and Ravi Kundra Thursday, March 4, 2021, 09:15 am PT (12:15 pm ET)",
     ["Odile Marchetti", "Ravi Kundra"]),  # a weekday opens the time stamp
    ("By Odile Marchetti 2021-03-04T17:15:02Z Health & Medicine", ["Odile Marchetti"]),  # ISO stamp, section
    ("By Ravi Kundra On 3/4/21 at 9:15 AM EST", ["Ravi Kundra"]),  # a numeric date
    ("By Ravi Kundra ravik@tidewater.example(555) 201-3344", ["Ravi Kundra"]),  # contact details
])
def test_a_byline_ends_where_its_time_stamp_or_contact_details_begin(line, authors):
    assert parse_byline(line).authors == authors


def test_a_wire_agency_is_no_author():
    assert classify_names("REUTERS").authors == []
    assert classify_names("Agence France-Presse").authors == []
    assert classify_names("Ada Brun and AFP").authors == ["Ada Brun"]


def test_a_name_the_page_declares_a_person_is_not_taken_for_an_outlet():
    assert classify_names("Al Verano").outlet == "Al Verano"  # "Al" opens mastheads (Al Mayadeen)
    byline = classify_names("Al Verano", people=["Al Verano"])
    assert (byline.authors, byline.outlet) == (["Al Verano"], None)


def test_a_site_name_loses_a_tagline_after_a_spaced_dash():
    assert plausible_outlet("Rewind 70/80 - Ricordi degli anni 70/80") == "Rewind 70/80"
    assert plausible_outlet("NBC 4 Tri-State Area") == "NBC 4 Tri-State Area"


@pytest.mark.parametrize("line, expected", [
    ("veröffentlicht am 3. März 2020", "2020-03-03"),
    ("Publié le 3 mars 2020", "2020-03-03"),
    ("publicado em 03/03/2020", "2020-03-03"),
])
def test_a_date_line_labelled_in_another_language(line, expected):
    assert parse_date_line(line, ("de", "fr", "pt")) == expected


def test_a_site_name_spells_its_domain_word_by_word():
    from cliptrace.ingest.meta import domain_labels, spells_domain

    assert domain_labels("https://blog.prairieledger.co.uk/2019/a") == ["prairieledger"]
    assert domain_labels("https://www.vmtimes.com/a") == ["vmtimes"]
    assert domain_labels("not a url") == []
    for name, label in (("Prairie Ledger", "prairieledger"), ("The Valley Messenger Times", "vmtimes"),
                        ("The Prairie Ledger", "prairieledger"), ("The Prairie Ledger", "theprairieledger"),
                        ("Jornal São Paulo", "jornalsaopaulo")):
        assert spells_domain(name, label), (name, label)
    for name, label in (("Prairie Ledger Magazine", "prairieledger"), ("Ledger", "prairieledger"),
                        ("Valley Times", "vmtimes")):
        assert not spells_domain(name, label), (name, label)


def test_a_month_or_a_single_capitalised_handle_is_no_author():
    from cliptrace.ingest.meta import classify_names

    # a date a site's metadata split into "authors"; a station's call letters signing the story
    for credit in ("November", "Thursday", "PRLEDGER"):
        assert classify_names(credit).authors == [], credit
    assert classify_names("June Carter").authors == ["June Carter"]  # a month as a first name is a name


def test_a_hostile_site_name_is_compared_with_its_domain_at_once():
    from cliptrace.ingest.meta import spells_domain

    # Twelve words of one repeated letter against a label of it: every cut of the label matches a
    # prefix, so trying each way of cutting it would not end; compared by (word, letter) it does.
    assert spells_domain(" ".join(["a" * 60] * 12), "a" * 63)
    assert not spells_domain(" ".join(["a" * 60] * 12), "a" * 62 + "b")
    # more words than the label has letters cannot spell it (and do not recurse word by word)
    assert not spells_domain(" ".join(["a"] * 5000), "a" * 63)


def test_a_doubled_byline_name_is_read_once_and_the_names_after_it_stay():
    from cliptrace.ingest.meta import classify_names

    assert classify_names("Ana Ruiz Ana Ruiz and Wen Okafor").authors == ["Ana Ruiz", "Wen Okafor"]
    assert classify_names("Ana Ruiz Ana Ruiz is a reporter for the Valley Messenger.").authors == ["Ana Ruiz"]


def test_an_arabic_date_label_is_read_like_the_english_one():
    from cliptrace.ingest.meta import parse_date_line

    assert parse_date_line("التاريخ: 7 آذار 2025") == parse_date_line("Date: 7 March 2025") == "2025-03-07"


def test_a_newspaper_after_a_comma_in_a_byline_is_the_outlet_not_an_author():
    from cliptrace.ingest.meta import classify_names, parse_byline

    byline = parse_byline("By Jelena Markovic, Harbourside Echo")
    assert (byline.authors, byline.outlet) == (["Jelena Markovic"], "Harbourside Echo")  # was a second author
    assert parse_byline("By Jelena Markovic and Tom Star").authors == ["Jelena Markovic", "Tom Star"]
    assert (classify_names("صحيفة الساحل").authors, classify_names("صحيفة الساحل").outlet) == ([], "صحيفة الساحل")


def test_a_byline_a_section_or_a_place_before_a_date_is_no_masthead():
    from cliptrace.ingest.meta import classify_names, parse_masthead_date_line

    for line in ("By Staff Reporter, 3 April 2024", "World News | 2 May 2024", "The Hague, 3 April 2024"):
        assert parse_masthead_date_line(line) is None, line
    assert parse_masthead_date_line("صحيفة الساحل، 3 نيسان 2024") == ("صحيفة الساحل", "2024-04-03")
    assert classify_names("Ann Lee, Tom Star and Bo Kim").outlet is None
