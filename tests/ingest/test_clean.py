"""Debris and caption predicates, and the passes that prepare a pasted text for cutting."""

from __future__ import annotations

import pytest

from cliptrace.ingest.clean import (
    is_debris,
    is_furniture,
    is_header_field,
    is_link_list_header,
    is_photo_credit,
    is_tag_list,
    is_attribution_line,
    is_short_name_line,
    is_title_like,
    join_wrapped,
    normalize_line,
    prepare_lines,
)


@pytest.mark.parametrize("line", [
    "Related Videos", "Related Stories", "Related Articles", "Related News", "Read more",
    "Read more: Seif Al-Quds taught “Israel” a hard lesson on deterrence equations",
    "Read: Exclusive: Moscow plays key role in preserving Palestinian interests",
    "Stay Updated: Seif Al-Quds: New deterrence equation",
    "[image: 62225bb8-48eb-45c6-b6c6-7a9f23832fa5.jpg]",
    "Exit mobile version", "%d bloggers like this:",
    "al-Aqsa Mosqueflag marchGazaHamasIsmail Haniyeh",
    "The views expressed in this article do not necessarily reflect those of The Cradle.",
    "[اشترك في قناة «الأخبار» على يوتيوب]", "مقالات ذات صلة", ".من ملف : غزة – دمشق: العودة حتمية",
])
def test_debris(line):
    assert is_debris(line)


@pytest.mark.parametrize("line", [
    "Nakhalah: The resistance will not allow Judaization attempts of Al-Aqsa",
    "Ismail Haniyeh",
    "The heavy legacy of Khaled Meshaal",
    "Readers said the report was wrong.",
    "Hamas and Syria reestablished relations after a decade of rupture.",
    "The IOF’s provocations sent settlers into a frenzy, with Israeli media reporting it.",
])
def test_article_lines_are_not_debris(line):
    assert not is_debris(line)


def test_link_list_headers():
    assert is_link_list_header("Related Stories") and is_link_list_header("مقالات ذات صلة")
    assert not is_link_list_header("Read more: Dear Western media, Palestinians took over your coverage")


@pytest.mark.parametrize("line", [
    "Ismail Haniyeh, the head of the political bureau of Hamas, speaks in Beirut, 28 June 2021 (Reuters)",
    "- A Resistance fighter of Hamas' al-Qassam during a parade in Gaza in 2019 (AFP)",
    "• Nasrallah meeting with Hamas chief Ismail Haniyeh, in Beirut, June 29, 2021. (AP)",
    "Syrian President Bashar al-Assad with Ismail Haniyeh in 2006. (Photo Credit: SANA/AP)",
    "Photo Credit: The Cradle",
    "Palestinian leaders meet in Algeria. (Photo: via Algérie Information TW Page)",
])
def test_photo_credits(line):
    assert is_photo_credit(line)


def test_a_sentence_naming_an_agency_is_no_caption():
    assert not is_photo_credit("The Palestinian news agency (WAFA) reported the meeting on Tuesday.")


@pytest.mark.parametrize("line, expected", [
    ("Resistance thwarted Israeli attempts to impose new equations: Haniyeh", True),
    ("Israel’s flag march: Will it trigger the inevitable war in Palestine?", True),
    ("«سيف القدس» تفتح طريق غزّة ــ دمشق", True),
    ("The Palestinian resistance movement has much more to prove still.", False),  # a sentence
    ("Al Mayadeen English", False),  # too short: a masthead
    ("(MEMO, PC, Social Media)", False),
    ("Related Stories", False),
])
def test_title_like(line, expected):
    assert is_title_like(line) is expected


def test_tag_list_needs_glued_words():
    assert is_tag_list("GazaHamasIsmail Haniyeh")
    assert not is_tag_list("McDonald said the iPhone was lost.")


def test_header_fields():
    assert is_header_field("News ID: 126194")
    assert not is_header_field("Haniyeh: Al-Quds is the center of the conflict")


def test_normalize_line():
    assert normalize_line("\xa0\xa0By\xa0Al Mayadeen English\xa0 ") == "By Al Mayadeen English"
    assert normalize_line("Talking to *Al Mayadeen*, al-Hindi") == "Talking to Al Mayadeen, al-Hindi"
    assert normalize_line("5 * 3 = 15") == "5 * 3 = 15"


def test_hard_wrapped_paragraphs_are_rejoined_short_lines_are_kept():
    wrapped = ("Al Mayadeen English\nMarch 26, 2024\n\n"
               + "word " * 14 + "\n" + "word " * 14 + "\nend of the paragraph.\n\n"
               + "A sub-header\n" + ("more words here " * 4 + "\n") * 6)
    lines = prepare_lines(wrapped)
    assert lines[:2] == ["Al Mayadeen English", "March 26, 2024"]
    assert lines[3] == ("word " * 28).strip() + " end of the paragraph."
    assert "A sub-header" in lines


def test_unwrapped_text_is_left_alone():
    text = "A title\n" + "x" * 150 + "\nshort line\n" * 10
    assert prepare_lines(text)[:3] == ["A title", "x" * 150, "short line"]


def test_a_headline_pasted_twice_keeps_the_clean_copy():
    lines = prepare_lines("“Al-Quds Sword” Opens Gaza-Damascus road «سيف القدس»\n\n\n“Al-Quds Sword” Opens Gaza-Damascus road\n")
    assert [line for line in lines if line] == ["“Al-Quds Sword” Opens Gaza-Damascus road"]


def test_a_short_sentence_case_line_is_a_headline_and_a_capitalised_one_a_masthead():
    assert is_title_like("Harbour reopens")
    assert is_title_like("Grain prices fall")
    assert not is_title_like("Harbour Gazette")
    assert is_short_name_line("Harbour Gazette") and not is_short_name_line("Grain prices fall")


def test_a_quotation_with_its_dash_attribution_is_speech_not_a_heading():
    line = "“We will rebuild the school before winter.” – Mara Ilic, mayor of Dornje"
    assert is_attribution_line(line)
    assert not is_title_like(line)


@pytest.mark.parametrize("upper, lower, expected", [
    ("the regional govern-", "ment said on Friday", "the regional government said on Friday"),
    ("a well-", "known figure in town", "a well-known figure in town"),
    ("a self-", "defence group", "a self-defence group"),
    ("met Abu-", "Salim on Monday", "met Abu-Salim on Monday"),
    ("no hyphen here", "at all", "no hyphen here at all"),
])
def test_a_line_end_hyphen_is_a_break_or_a_compound(upper, lower, expected):
    assert join_wrapped(upper, lower) == expected


def test_a_word_used_unbroken_elsewhere_in_the_text_is_rejoined():
    assert join_wrapped("the Dornje-", "ville council", {"dornjeville"}) == "the Dornjeville council"
    assert join_wrapped("the Dornje-", "ville council") == "the Dornje-ville council"


def test_a_hard_wrapped_text_rejoins_hyphenated_words():
    text = "\n".join([
        "Storm closes the coastal road",
        "",
        "A landslide blocked the coastal road north of the har-",
        "bour on Sunday, and the regional transport author-",
        "ity said it would stay closed for a week.",
        "Residents of the two villages cut off by the slide",
        "were taken out by boat, officials said, while crews",
        "cleared the first stretch of the well-",
        "known mountain pass to let supply trucks through",
        "before the next storm.",
    ])
    lines = prepare_lines(text)
    assert "north of the harbour on Sunday, and the regional transport authority said" in lines[2]
    assert "the well-known mountain pass" in lines[3]


@pytest.mark.parametrize("line", [
    "Related: Ten bridges that changed how cities move",  # a labelled link
    "WATCH MORE: The flood seen from a drone",
    "Sign Up: Never miss the morning briefing! Sign up for our newsletters here.",
    "Filed under: Harbours |",
    "Also on harbour.example Council votes to sell the old ferry terminal",  # another story of the site
    "Like this story? Share it with a friend!",  # calls to action
    "Follow the Harbour Gazette on Facebook, Twitter and Instagram.",
    "Get the week's best stories in your inbox. Subscribe to our newsletters.",
    "Click here to download the Harbour Gazette app",
    "Ferry strike talks: unions and owners meet again | Port fees to rise in spring",  # teasers
    "Mayor under fire over harbour plan [REACTION]",
])
def test_page_furniture_of_unseen_sites_is_debris(line):
    assert is_debris(line)


@pytest.mark.parametrize("line", ["Popular on Harbour Gazette", "Most read in business", "DON'T MISS", "More:"])
def test_headings_over_boxes_of_links_head_link_lists(line):
    assert is_link_list_header(line) and is_debris(line)


@pytest.mark.parametrize("line", [
    "The council said it would follow the advice of engineers and share the report with residents here.",
    "Get-togethers in the square were banned, the mayor said.",
    "| Harbour | Ships | Tonnes |",  # a table row
    "Residents were told to follow the evacuation routes posted on Facebook, the police said.",
])
def test_sentences_and_table_rows_are_not_furniture(line):
    assert not is_debris(line)


@pytest.mark.parametrize("line", ["© Harbour Wire 2019", "Copyright ⓒ harbour.example. All rights reserved",
                                  "Updated at 4:05 p.m.", "comments"])
def test_copyright_lines_and_bare_time_stamps_are_debris(line):
    assert is_debris(line)


def test_a_sentence_about_publishing_is_not_a_time_stamp():
    assert not is_debris("Published in 1990, the harbour history sold 40,000 copies in its first year and was reprinted twice.")
