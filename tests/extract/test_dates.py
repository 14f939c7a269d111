"""Date expressions resolved against the publication date (2022-07-05 is a Tuesday)."""

from __future__ import annotations

import pytest

from cliptrace.extract.dates import date_near, find_date_expressions, resolve_date_expression

TUESDAY = "2022-07-05"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("on Tuesday", "2022-07-05"),  # same weekday as publication: that very day
        ("Tuesday", "2022-07-05"),
        ("last Tuesday", "2022-06-28"),
        ("Saturday night", "2022-07-02"),
        ("earlier on Sunday", "2022-07-03"),
        ("Wednesday", "2022-06-29"),  # never a day after publication
        ("today", "2022-07-05"),
        ("earlier today", "2022-07-05"),
        ("tonight", "2022-07-05"),
        ("yesterday", "2022-07-04"),
        ("last night", "2022-07-04"),
        ("on 15 September", "2021-09-15"),  # after publication in 2022: the year before
        ("18 May", "2022-05-18"),
        ("the 7th of October", "2021-10-07"),
        ("June 29, 2021", "2021-06-29"),
        ("on October 7", "2021-10-07"),
        ("July 5", "2022-07-05"),
    ],
)
def test_resolves_against_publication(expr, expected):
    found = find_date_expressions(expr)
    assert len(found) == 1
    start, end, _kind = found[0]
    assert resolve_date_expression(expr[start:end], TUESDAY) == expected


def test_unanchored_dates_need_a_publication_date():
    assert resolve_date_expression("on Tuesday", None) is None
    assert resolve_date_expression("18 May", None) is None
    assert resolve_date_expression("June 29, 2021", None) == "2021-06-29"


def test_modal_may_and_plain_numbers_are_not_dates():
    assert find_date_expressions("They may 3 times release 240 prisoners in 2019.") == []


def test_date_near_prefers_the_nearest_expression_in_the_same_sentence():
    text = (
        "Nasrallah received Haniyeh in Beirut on Saturday, a day after they spoke on Friday. "
        "The U.S. envoy arrived yesterday. Nothing was said about it."
    )
    received = text.index("received")
    spoke = text.index("spoke")
    arrived = text.index("arrived")
    said = text.index("said")
    assert date_near(text, received, received + 8, "2023-04-09") == "2023-04-08"
    assert date_near(text, spoke, spoke + 5, "2023-04-09") == "2023-04-07"
    # "U.S." does not end the sentence; the next sentence's date does not leak into it
    assert date_near(text, arrived, arrived + 7, "2023-04-09") == "2023-04-08"
    assert date_near(text, said, said + 4, "2023-04-09") is None


def test_date_near_on_a_seed_sentence(seeds_dir):
    text = (seeds_dir / "002_eeecb629ecfb1843.txt").read_text()
    start = text.index("Haniyeh arrived on Saturday in the Russian capital")
    assert date_near(text, start, start + 15, "2022-09-10") == "2022-09-10"


def test_date_of_act_reads_only_time_expressions_modifying_the_verb(nlp):
    from cliptrace.extract.dates import date_of_act

    doc = nlp("On Monday the union said the strike would start on 4 June. It warned members since May 1.")
    said, warned = [t for t in doc if t.lemma_ in ("say", "warn")]
    assert date_of_act(said, "2025-05-28") == "2025-05-26"  # "On Monday", not the strike's 4 June
    assert date_of_act(warned, "2025-05-28") is None  # "since May 1" bounds a period


def test_the_day_after_a_subject_set_after_the_cue_is_the_day_of_saying(nlp):
    # '"…," said X, the mayor, on Tuesday': the parser hangs "on Tuesday" on X, the cue's subject.
    from cliptrace.extract.dates import date_of_act

    doc = nlp('"We will rebuild the pier," said Mario Ruiz, the mayor, on Tuesday. '
              '"It is closed," said the owners of the boat from Friday.')
    first, second = [t for t in doc if t.lemma_ == "say"]
    assert [t.head.text for t in doc if t.text == "on"] == ["Ruiz"]  # the parse this rule is for
    assert date_of_act(first, "2025-05-29") == "2025-05-27"
    assert date_of_act(second, "2025-05-29") is None  # "from" bounds a period: never the day of saying
