"""The benchmark helpers measure what they claim: distinct generated text, the peer's quotes, a
well-formed dev gold. Invented texts only."""

from __future__ import annotations

import json
import sys

import pytest

from testpaths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from distinct_corpus import article_plan, generate_articles, paragraph_pool, proper_nouns, vary  # noqa: E402
import synthetic_archive  # noqa: E402

PARAGRAPHS = [
    "Mayor Odile Brancusi said on Tuesday that the harbour bridge would reopen in March after 14 months of repairs costing 2,400,000 dollars.",
    "Residents of Kettleby told the council in April 2015 that the detour added 35 minutes to every trip across the river.",
    "The engineer in charge, Tomasz Ferrante, warned that the cables from 1987 still needed work and that 12 crews were on site.",
    "A spokesman for the Kettleby council, asked about the cost, said the budget had been agreed with Brancusi in February.",
    "Ferrante added that the Kettleby crossing would carry 9,000 cars a day once the lanes opened in the spring.",
    "Critics in Kettleby said Brancusi had promised the same date twice before and that 3 of the 5 contractors had left.",
    "Brancusi replied that the delays came from the storm of 2014, which tore 40 metres of railing from the deck.",
    "Ferrante and Brancusi will meet the Kettleby residents' association again in June to present the final schedule.",
]
TEXTS = [(f"bridge_{n}.txt", f"Bridge works headline {n}.\n\n" + "\n\n".join(PARAGRAPHS[n:] + PARAGRAPHS[:n]))
         for n in range(len(PARAGRAPHS))]


def test_proper_nouns_are_the_names_not_the_sentence_openers_or_months():
    names = proper_nouns([text for _, text in TEXTS])
    assert {"Brancusi", "Kettleby", "Ferrante"} <= names
    assert not names & {"Residents", "The", "March", "Tuesday", "Critics"}


def test_generated_articles_are_distinct_and_the_same_on_every_run():
    first = list(generate_articles(TEXTS, 30))
    again = list(generate_articles(TEXTS, 30))
    assert first == again
    assert len({text for _, text in first}) == 30
    assert [name for name, _ in first] == [f"gen_{n:07d}.txt" for n in range(30)]
    assert list(generate_articles(TEXTS, 5, start=25)) == first[25:]


def test_varying_renames_people_scales_numbers_and_moves_dates_but_keeps_the_words_between():
    text = PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1]
    names = frozenset({"Odile", "Brancusi", "Kettleby"})
    varied = [vary(text, names, index) for index in range(0, 200, 10)]  # one article per cast
    assert len(set(varied)) == len(varied)
    assert sum("Brancusi" not in v for v in varied) >= len(varied) // 2  # renamed with probability 0.8
    assert sum("2,400,000" not in v for v in varied) >= len(varied) - 1
    assert all("said on Tuesday that the harbour bridge would reopen in" in v for v in varied)
    assert all("told the council in" in v for v in varied)


def test_a_name_renamed_alone_is_the_name_its_article_prints():
    # speed.py --growth records a generated article's names this way, without writing its text
    pool = paragraph_pool(TEXTS)
    checked = 0
    for index, (_, text) in enumerate(generate_articles(TEXTS, 20)):
        paragraphs = [pool.paragraphs[i] for i in article_plan(pool, index)[1]]
        if any("Odile Brancusi" in paragraph for paragraph in paragraphs):
            assert vary("Odile Brancusi", pool.names, index) in text
            checked += 1
    assert checked >= 5


def test_one_cast_keeps_one_name_for_one_person():
    names = frozenset({"Brancusi"})
    renamed = {vary("Brancusi spoke.", names, index).split()[0] for index in range(10)}  # cast 0
    assert len(renamed - {"Brancusi"}) == 1


def test_the_peer_finds_a_direct_quotation_with_its_speaker(nlp):
    pytest.importorskip("textacy")
    from peer_baseline import quotations

    doc = nlp('"We will open the bridge before the summer," Odile Brancusi said on Tuesday.')
    quotes, error = quotations(doc)
    assert error is None
    assert [q["speaker"] for q in quotes] == ["Odile Brancusi"]
    assert "open the bridge before the summer" in quotes[0]["content"]
    assert quotations(nlp('He said "we will open it" and "then go.'))[1] is not None  # textacy refuses odd marks


def test_the_zyte_dev_gold_is_well_formed():
    rows = [json.loads(line) for line in (ROOT / "benchmarks" / "zyte_dev_gold" / "quotes.jsonl").open()]
    assert len({row["file"] for row in rows}) == 20
    for row in rows:
        assert row["kind"] in {"direct", "indirect", "mixed"}
        assert row["file"].endswith(".html") and row["article"] == 0 and row["quote"].strip()
        assert (row["speaker"] is None) == bool(row.get("anonymous"))
        assert row["speaker"] is None or row["speaker"] in row["aliases"]


def test_the_zyte_metadata_gold_is_well_formed_and_scored_per_field():
    from zyte_metadata import comparable

    rows = [json.loads(line) for line in (ROOT / "benchmarks" / "zyte_dev_gold" / "metadata.jsonl").open()]
    assert len({row["file"] for row in rows}) == 89
    assert [sum(row["split"] == split for row in rows) for split in ("dev", "dev-2", "held-out")] == [30, 39, 20]
    for row in rows:
        assert row["title"].strip() and row["outlet"].strip() and isinstance(row["authors"], list)
        assert row["published"] is None or len(row["published"]) == 10
    assert comparable("title", "‘Ferry  resumes’") == comparable("title", "'ferry resumes'")
    assert comparable("outlet", "The Harbour Gazette") == comparable("outlet", "Harbour Gazette")
    assert comparable("authors", ["Dev Ray", "Ines Kovac"]) == comparable("authors", ["Ines Kovac", "Dev Ray"])


def test_the_synthetic_archive_is_distinct_repeatable_and_its_annotations_point_at_their_words():
    first = list(synthetic_archive.generate(300))
    assert first == list(synthetic_archive.generate(300))
    assert len({draft.text for draft, _ in first}) == 300
    people = {e.name for _, ann in first for e in ann.entities if e.type == "person"}
    assert len(people) > 200  # names drawn from a pool of thousands, not a handful
    for draft, ann in first:
        text = draft.text
        for entity in ann.entities:
            for start, end in entity.mentions:
                assert text[start:end] in (entity.name, entity.name.split()[-1])
        for q in ann.quotes:
            assert text[q.start - 1] == '"' and text[slice(*q.speaker_mention)] in (q.speaker, q.speaker.split()[-1])
        for f in ann.figures:
            assert f"{f.value:,}" in text[f.start:f.end] and f.category in text[f.start:f.end]
        for e in ann.events:
            assert all(p.split()[-1] in text[e.start:e.end] for p in e.participants)
