"""Meetings, visits and calls on sentences from the seed clippings, with the real entity index."""

from __future__ import annotations

import pytest

from cliptrace.extract.entities import find_entities
from cliptrace.extract.events import find_events
from cliptrace.model import ArticleDraft


def events_in(nlp, text: str, published: str | None):
    draft = ArticleDraft(text=text, published=published)
    doc = nlp(text)
    return find_events(doc, draft, find_entities(doc, draft).resolve)


def seed_paragraph(seeds_dir, file: str, phrase: str) -> str:
    """The paragraph of a seed clipping that holds `phrase`."""
    text = (seeds_dir / file).read_text()
    at = text.index(phrase)
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:end].strip()


@pytest.mark.parametrize(
    ("phrase", "published", "kind", "participants", "place", "date"),
    [
        ("Sayyed Hassan Nasrallah received on Saturday", "2023-04-09", "meeting",
         ["Hassan Nasrallah", "Ismail Haniyeh"], None, "2023-04-08"),
        ("Mahmoud Abbas met on Tuesday with the head", "2022-07-06", "meeting",
         ["Mahmoud Abbas", "Ismail Haniyeh"], None, "2022-07-05"),
        ("made the remarks in a Sunday phone call", "2022-04-18", "call",
         ["Ali Akbar Velayati", "Ismail Haniya"], None, "2022-04-17"),
        ("Raeisi said in a Friday meeting", "2021-08-07", "meeting",
         ["Raeisi"], None, "2021-08-06"),
        ("Haniya met with Hezbollah Secretary-General", "2022-06-24", "meeting",
         ["Ismail Haniya", "Hassan Nasrallah"], "Beirut", None),
    ],
)
def test_seed_events(nlp, seeds_dir, phrase, published, kind, participants, place, date):
    text = seed_paragraph(seeds_dir, "002_eeecb629ecfb1843.txt", phrase)
    events = [e for e in events_in(nlp, text, published) if e.type == kind]
    assert events, text
    event = events[0]
    assert all(any(p in name for name in event.participants) for p in participants)
    assert event.place == place
    if date is not None:
        assert event.date == date
    assert event.start <= text.index(phrase) + len(phrase) and event.end > text.index(phrase)


def test_visit_with_destination(nlp, seeds_dir):
    text = seed_paragraph(seeds_dir, "001_812dcc257843b7fa.txt", "Haniyeh went to the Egyptian capital")
    text = "Hamas chief Ismail Haniyeh spoke to reporters.\n" + text
    (visit,) = [e for e in events_in(nlp, text, "2023-12-21") if e.type == "visit"]
    assert (visit.participants, visit.place, visit.date) == (["Ismail Haniyeh"], "Cairo", "2023-12-20")


def test_meeting_place_is_not_a_possessive(nlp, seeds_dir):
    text = seed_paragraph(seeds_dir, "001_812dcc257843b7fa.txt", "In a meeting with Iran")
    (meeting,) = [e for e in events_in(nlp, text, "2023-12-21") if e.type == "meeting"]
    assert set(meeting.participants) == {"Ismail Haniyeh", "Hossein Amir-Abdollahian"}
    assert meeting.place == "Doha"
    assert meeting.date == "2023-12-20"


def test_statement(nlp):
    text = "Hamas said in a statement that the talks had failed."
    (statement,) = events_in(nlp, text, None)
    assert (statement.type, statement.participants) == ("statement", ["Hamas"])


@pytest.mark.parametrize(
    "sentence",
    [
        "The phone call came amid an escalation of attacks.",  # nobody named
        "Hamas called for a general strike on Friday.",  # a demand, not a call
        "The leaders went on with their speeches.",  # travel without a destination
        "Nasrallah met the press.",  # one participant is no meeting
    ],
)
def test_not_events(nlp, sentence):
    assert events_in(nlp, sentence, "2023-04-09") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The striker Leo Marsh received a two-match ban for shoving the goalkeeper Pavel Dvorak.",
        "The agency will receive bids from Orbital Haulers and Lunar Freight next month.",
        "Norway hosts the headquarters of Equinor and Aker BP.",
        "Visit the Harbour Boat Show on Facebook and Twitter.",  # no visitor
    ],
)
def test_things_received_and_visits_without_a_visitor_are_no_events(nlp, sentence):
    assert [e for e in events_in(nlp, sentence, "2024-03-16") if e.type in ("meeting", "visit")] == []


def test_a_host_receiving_a_person_is_still_a_meeting(nlp):
    text = "Prime Minister Ana Brnabic received Foreign Minister Sergey Lavrov in Belgrade on Friday."
    (meeting,) = [e for e in events_in(nlp, text, "2024-03-16") if e.type == "meeting"]
    assert set(meeting.participants) >= {"Ana Brnabic", "Sergey Lavrov"}


def test_a_place_in_a_phrase_before_the_meeting_is_not_where_it_was_held(nlp):
    # "to Sofia" belongs to "trip", not to "met"; "In Riga," belongs to "met".
    text = ("After his trip to Sofia, Minister Karl Ostrom met Foreign Minister Lena Varga in Vienna. "
            "In Riga, Karl Ostrom met Lena Varga again.")
    places = [e.place for e in events_in(nlp, text, "2024-03-16") if e.type == "meeting"]
    assert places == ["Vienna", "Riga"]


def test_what_is_met_or_received_is_no_meeting_unless_someone_meets_it(nlp):
    """'If the demands are not met, Mr. Orr warned, supporters of Senator Dale will leave.' made a
    meeting of Orr and Dale: the passive "met" has the demands for its subject, and nobody meets them."""
    unmet = ("If the demands are not met, Mr. Peter Orr warned, supporters of Senator Ruth Dale will "
             "leave the party.")
    assert [e for e in events_in(nlp, unmet, "2024-03-16") if e.type == "meeting"] == []
    welcomed = "Foreign Minister Lena Varga was received by President Karl Ostrom in Vienna on Friday."
    (meeting,) = [e for e in events_in(nlp, welcomed, "2024-03-16") if e.type == "meeting"]
    assert set(meeting.participants) == {"Lena Varga", "Karl Ostrom"}
