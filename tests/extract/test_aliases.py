"""Archive-wide alias merging on the spellings found in the seed clippings."""

from __future__ import annotations

import re

import pytest

from cliptrace.extract.aliases import canonicalize, resolve_names
from cliptrace.model import entity_id as entity_key

SEED_SPELLINGS = ["Ismail Haniyeh", "Ismail Haniya", "Haniyeh", "Haniya", "Hnaiyeh", "Ziyad al-Nakhaleh",
                  "Ziyad Al-Nakhalah", "Ziad al-Nakhaleh", "Ziad Al-Nakhalah", "Nakhaleh", "Al-Nakhalah",
                  "Raisi", "Raeisi", "Hassan Nasrallah", "Hasan Nasrallah", "Sayyed Hassan Nasrallah",
                  "Osama Hamdan", "Hamdan", "Ghazi Hamad", "Hamad", "Mahmoud Abbas", "Abbas"]


@pytest.fixture(scope="module")
def archive_names(seeds_dir) -> list[tuple[str, str, int]]:
    """(name, "person", count) for the seed spellings, counted in the seed clippings themselves."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    counts = {n: len(re.findall(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)) for n in SEED_SPELLINGS}
    assert all(counts[n] for n in ("Ismail Haniyeh", "Haniya", "Hnaiyeh", "Ziyad al-Nakhaleh", "Raeisi"))
    return [(n, "person", c) for n, c in counts.items() if c]


def test_transliteration_variants_merge(archive_names):
    canon = canonicalize(archive_names)
    for name in ("Ismail Haniya", "Haniyeh", "Haniya", "Hnaiyeh"):
        assert canon[name] == "Ismail Haniyeh"
    nakhaleh = {canon[n] for n in canon if "akhal" in n}
    assert len(nakhaleh) == 1
    assert canon["Raisi"] == canon["Raeisi"]
    assert canon["Hasan Nasrallah"] == canon["Sayyed Hassan Nasrallah"]


def test_different_people_stay_apart(archive_names):
    names = archive_names + [("Sayyed Ali Nasrallah", "person", 1), ("Abbasi", "person", 2),
                             ("Mahmoud Abbas", "person", 3), ("Abbas", "person", 2)]
    canon = canonicalize(names)
    assert canon["Sayyed Ali Nasrallah"] == "Ali Nasrallah"
    assert canon["Hasan Nasrallah"] != canon["Sayyed Ali Nasrallah"]
    assert canon["Ghazi Hamad"] != canon["Osama Hamdan"]
    assert canon["Hamad"] == canon["Ghazi Hamad"] and canon["Hamdan"] == canon["Osama Hamdan"]
    assert canon["Abbas"] == "Mahmoud Abbas" and canon["Abbasi"] == "Abbasi"


def test_bare_surname_shared_by_two_people_stays_unresolved():
    canon = canonicalize([("Hassan Nasrallah", "person", 9), ("Ali Nasrallah", "person", 1),
                          ("Nasrallah", "person", 5)])
    assert canon["Nasrallah"] == "Nasrallah"


def test_canonical_is_most_frequent_full_form_and_orgs_fold():
    canon = canonicalize([("Ziad Al-Nakhalah", "person", 2), ("Ziyad al-Nakhaleh", "person", 5),
                          ("Al-Mayadeen", "org", 1), ("Al Mayadeen", "org", 4), ("the Gaza Strip", "place", 1),
                          ("Gaza Strip", "place", 3)])
    assert canon["Ziad Al-Nakhalah"] == "Ziyad al-Nakhaleh"
    assert canon["Al-Mayadeen"] == "Al Mayadeen"
    assert canon["the Gaza Strip"] == "Gaza Strip"


def test_corrections_survive_reclustering(archive_names):
    corrections = [{"action": "split", "name": "Hnaiyeh"},
                   {"action": "merge", "names": ["Osama Hamdan", "Ghazi Hamad"]},
                   {"action": "rename", "name": "Raisi", "to": "Ebrahim Raisi"}]
    canon = canonicalize(archive_names, corrections)
    assert canon["Hnaiyeh"] == "Hnaiyeh" and canon["Haniya"] == "Ismail Haniyeh"
    assert canon["Ghazi Hamad"] == canon["Hamad"] == "Osama Hamdan"
    assert canon["Raeisi"] == canon["Raisi"] == "Ebrahim Raisi"


def test_entity_key_is_stable_and_typed():
    assert entity_key("Ismail Haniyeh", "person") == entity_key("Ismail Haniyeh", "person")
    assert entity_key("Ismail Haniyeh", "person") != entity_key("Ismail Haniyeh", "org")
    assert len(entity_key("Hamas", "org")) == 12


def test_given_names_written_apart_or_joined_merge_but_other_first_names_do_not():
    canon = canonicalize([("Abdel Majid Tebboune", "person", 2), ("Abdelmadjid Tebboune", "person", 1),
                          ("Ali Akbar Velayati", "person", 3), ("Ali Velayati", "person", 1),
                          ("Ahmad Velayati", "person", 1), ("Mohammad Al-Sinwar", "person", 1),
                          ("Yahya Al-Sinwar", "person", 2), ("Yahya Sinwar", "person", 1)])
    assert canon["Abdelmadjid Tebboune"] == "Abdel Majid Tebboune"
    assert canon["Ali Velayati"] == "Ali Akbar Velayati" and canon["Ahmad Velayati"] == "Ahmad Velayati"
    assert canon["Yahya Sinwar"] == "Yahya Al-Sinwar" and canon["Mohammad Al-Sinwar"] == "Mohammad Al-Sinwar"


def test_canonical_is_a_full_name_even_when_the_surname_form_is_more_frequent():
    canon = canonicalize([("Abu Akleh", "person", 5), ("Shireen Abu Akleh", "person", 1)])
    assert canon["Abu Akleh"] == canon["Shireen Abu Akleh"] == "Shireen Abu Akleh"


def test_a_bare_surname_needs_agreement_beyond_the_surname():
    # A footballer named in full; the same surname alone in a film review and in a match report.
    names = [("Tessa Brannigan", "person", 3), ("Brannigan", "person", 2), ("Branigan", "person", 1)]
    contexts = {"Tessa Brannigan": {"org:harbour city fc", "person:okafor"},
                "Brannigan": {"org:moonrise studios"},
                "Branigan": {"org:harbour city fc"}}
    canon = resolve_names(names, contexts=contexts).mapping
    assert canon["Branigan"] == "Tessa Brannigan"
    assert canon["Brannigan"] == "Brannigan"
    # Without recorded contexts (an older archive) the spelling alone decides, as before.
    assert canonicalize(names)["Brannigan"] == "Tessa Brannigan"


def test_conflicting_first_names_keep_people_apart_even_with_shared_context():
    names = [("Marguerite Okonjo", "person", 2), ("Desmond Okonjo", "person", 2), ("Okonjo", "person", 1)]
    contexts = {n: {"org:lagos harbour authority"} for n, _, _ in names}
    canon = resolve_names(names, contexts=contexts).mapping
    assert canon["Marguerite Okonjo"] != canon["Desmond Okonjo"]
    assert canon["Okonjo"] == "Okonjo"  # two people carry it: left unresolved


def test_comparisons_stay_within_a_block():
    people = [(f"{first} {last}", "person", 1) for first in ("Anselm", "Brigida", "Cosimo")
              for last in ("Tarkowski", "Velasquez", "Moreau", "Lindqvist", "Abernethy", "Quispe")]
    found = resolve_names(people)
    assert found.blocks == 6
    # Three first names per surname: at most 3 comparisons of two keys per name, never 18 x 17.
    assert found.comparisons <= 6 * 3 * 2 * 2
