"""In-article entity linking on the real seed clippings with the real spaCy pipeline."""

from __future__ import annotations

import re

import pytest

from cliptrace.extract.entities import EntityIndex, find_entities
from cliptrace.model import ArticleDraft


def seed_draft(seeds_dir, prefix: str, header_lines: int = 2) -> ArticleDraft:
    """A simple draft from a seed file: its first line is the outlet, header lines are dropped."""
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    return ArticleDraft(text="\n".join(lines[header_lines:]).strip(), outlet=lines[0].strip())


def nth(text: str, phrase: str, n: int = 0) -> tuple[int, int]:
    """Offsets of the n-th occurrence of `phrase` (white space may be a line wrap)."""
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    m = list(re.finditer(pattern, text))[n]
    return m.start(), m.end()


def after(text: str, anchor: str, phrase: str) -> tuple[int, int]:
    """Offsets of the first `phrase` after `anchor`."""
    a = nth(text, anchor)[1]
    m = re.search(r"\s+".join(re.escape(w) for w in phrase.split()), text[a:])
    return a + m.start(), a + m.end()


def first_word(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The first word of a phrase found by `nth`/`after`: its pronoun or surname."""
    return span[0], span[0] + len(re.match(r"[\w-]+", text[span[0]:]).group())


@pytest.fixture(scope="module")
def seed000(nlp, seeds_dir) -> tuple[str, EntityIndex]:
    draft = seed_draft(seeds_dir, "000")
    return draft.text, find_entities(nlp(draft.text), draft)


@pytest.fixture(scope="module")
def seed001(nlp, seeds_dir) -> tuple[str, EntityIndex]:
    draft = seed_draft(seeds_dir, "001")
    return draft.text, find_entities(nlp(draft.text), draft)


def name_of(index: EntityIndex, span: tuple[int, int]) -> str | None:
    entity = index.resolve(*span)
    return entity.name if entity else None


def test_surnames_descriptions_and_pronouns_link_to_al_hindi(seed000):
    text, index = seed000
    assert name_of(index, nth(text, "al-Hindi", 1)) == "Mohammad al-Hindi"  # "Talking to Al Mayadeen, al-Hindi"
    assert name_of(index, nth(text, "Al-Hindi")) == "Mohammad al-Hindi"
    assert name_of(index, first_word(text, after(text, "Talking to", "He pointed out"))) == "Mohammad al-Hindi"
    assert name_of(index, nth(text, "The deputy chief of the PIJ")) == "Mohammad al-Hindi"
    assert name_of(index, nth(text, "the senior Islamic Jihad official")) == "Mohammad al-Hindi"
    assert name_of(index, nth(text, "The deputy chief of the Islamic Jihad Resistance movement")) == "Mohammad al-Hindi"


def test_late_hamas_official_is_ghazi_hamad_not_the_pij_leader(seed000):
    text, index = seed000
    assert name_of(index, nth(text, "the Hamas official")) == "Ghazi Hamad"
    assert name_of(index, first_word(text, nth(text, "Hamad shed light"))) == "Ghazi Hamad"
    he = after(text, "Commenting on the Israeli potential attack", "he stressed")
    assert name_of(index, first_word(text, he)) == "Ghazi Hamad"


def test_outlet_is_never_a_person(seed000, seed001):
    for text, index in (seed000, seed001):
        people = {e.name for e in index.entities if e.type == "person"}
        assert not any("Mayadeen" in p for p in people)
        assert not {"Hamas", "Hezbollah"} & people
    text, index = seed000
    entity = index.resolve(*nth(text, "Al Mayadeen"))
    assert entity is not None and entity.type == "org"


def test_hamas_chief_and_the_foreign_minister_in_seed_001(seed001):
    text, index = seed001
    assert name_of(index, nth(text, "The Hamas chief")) == "Ismail Haniyeh"
    assert name_of(index, nth(text, "THE head of Hamas’ political bureau")) == "Ismail Haniyeh"
    assert name_of(index, nth(text, "the top Iranian diplomat")) == "Hossein Amir-Abdollahian"
    # "‘Today, no one has doubts …,’ he said." follows Amir-Abdollahian's "for his part, stressed"
    he = after(text, "sacrificing more than 20,000 martyrs", "he said")
    assert name_of(index, first_word(text, he)) == "Hossein Amir-Abdollahian"
    assert name_of(index, nth(text, "The Hamas official")) == "Saleh al-Arouri"


def test_an_unnamed_official_is_nobody_and_not_the_country(seed001):
    text, index = seed001
    assert index.resolve(*nth(text, "A senior Israeli official")) is None


def test_resolved_descriptions_and_pronouns_become_mentions(seed000):
    text, index = seed000
    hindi = index.resolve(*nth(text, "Mohammad al-Hindi"))
    mentioned = {text[s:e] for s, e in hindi.mentions}
    assert {"Mohammad al-Hindi", "al-Hindi", "Al-Hindi", "He", "The deputy chief of the PIJ"} <= mentioned
    assert hindi.id.startswith("p")


def test_honorific_forms_and_section_headers(nlp):
    text = ("Hezbollah Secretary General His Eminence Sayyed Hassan Nasrallah received Sheikh Naim Qassem "
            "on Monday.\n\nSayyed Nasrallah said the meeting was useful.\n\nNaim Qassem\n\n"
            "He said the resistance was ready.")
    index = find_entities(nlp(text), ArticleDraft(text))
    assert name_of(index, nth(text, "Sayyed Nasrallah")) == "Hassan Nasrallah"
    assert name_of(index, nth(text, "His Eminence")) == "Hassan Nasrallah"
    # the header line names the speaker of the paragraph below it
    assert name_of(index, first_word(text, nth(text, "He said"))) == "Naim Qassem"


@pytest.fixture(scope="module")
def seed002(nlp, seeds_dir) -> dict[int, tuple[str, EntityIndex]]:
    """The articles of the multi-article dump (seed 002), cut by the real reader and splitter."""
    from cliptrace.ingest.read import read_source
    from cliptrace.ingest.split import split_document
    from cliptrace.model import Source

    path = next(seeds_dir.glob("002_*.txt"))
    drafts = [d for doc in read_source(Source(str(path), path.read_bytes())) for d in split_document(doc)]
    return {i: (d.text, find_entities(nlp(d.text), d)) for i, d in enumerate(drafts) if d.language == "en"}


def test_role_descriptions_go_to_the_person_of_that_organisation(seed002):
    text, index = seed002[14]  # Haniyeh speaks first, then the PIJ's Secretary-General
    assert name_of(index, nth(text, "The PIJ chief")) == "Ziyad Al-Nakhalah"
    text, index = seed002[12]
    assert name_of(index, nth(text, "The PIJ leader")) == "Ziyad Al-Nakhalah"
    text, index = seed002[7]  # the dead founder's profile says "leader" too: generic, the speaker wins
    assert name_of(index, nth(text, "The resistance leader")) == "Ziad Al-Nakhalah"
    text, index = seed002[0]  # "The leader" is a person, never the org "Resistance"
    assert name_of(index, nth(text, "The leader")) == "Ismail Haniyeh"


def test_org_and_nationality_before_a_name_are_not_part_of_it(seed002):
    text, index = seed002[19]  # "movement Hamas Ismail Haniyeh"
    assert name_of(index, nth(text, "Ismail Haniyeh")) == "Ismail Haniyeh"
    names = {e.name for _, (_, ix) in seed002.items() for e in ix.entities if e.type == "person"}
    assert not [n for n in names if n.split()[0] in ("Hamas", "Hezbollah", "PIJ")]
    assert "Abu Ahmad Fouad" in names and "Abu Ahmad Fouad Popular Front" not in names  # header line


def test_words_that_are_not_people(seed002):
    people = {e.name for _, (_, ix) in seed002.items() for e in ix.entities if e.type == "person"}
    for junk in ("Ummah", "Resistance", "Seif Al-Quds", "Bab al-Amud", "Jabhat Al-Nusra", "Hajj", "Ramadan",
                 "Shin Bet", "Ikhwan"):
        assert junk not in people
    nationalities = {e.type for _, (_, ix) in seed002.items() for e in ix.entities
                     if e.name in ("Israeli", "Palestinian", "Iranian")}
    assert nationalities == {"other"}


def test_org_names_keep_their_full_span(seed002):
    text, index = seed002[0]
    assert name_of(index, nth(text, "the Operations Room")) == "Joint Operations Room"
    assert name_of(index, nth(text, "the Palestinian Ministry of Health in Gaza")) == "Palestinian Ministry of Health in Gaza"


def test_surname_form_takes_the_full_name_and_pronouns_respect_gender(seed002):
    text, index = seed002[13]
    assert name_of(index, nth(text, "Abu Akleh", 1)) == "Shireen Abu Akleh"
    assert name_of(index, after(text, "was accompanying", "she")) == "Shireen Abu Akleh"
    # "…,” Haniyeh said, referring to Abu Akleh.  The Hamas leader said": the subject, not the object
    assert name_of(index, nth(text, "The Hamas leader")) == "Ismail Haniyeh"
    assert name_of(index, after(text, "In ", "his")) == "Ismail Haniyeh"  # "In his remarks, Ismail Haniyeh"
    assert name_of(index, first_word(text, nth(text, "He cited"))) == "Ismail Haniyeh"


def test_she_never_goes_to_a_man(nlp):
    text = ("Minister Ahmad Khalil spoke in Beirut on Monday. He said the talks had failed.\n\n"
            "She said the talks would go on.\n\n"
            "Spokeswoman Layla Haddad met Ahmad Khalil on Tuesday. She said the meeting was useful. "
            "He said nothing.")
    index = find_entities(nlp(text), ArticleDraft(text))
    assert index.resolve(*first_word(text, nth(text, "She said the talks"))) is None
    assert name_of(index, first_word(text, nth(text, "She said the meeting"))) == "Layla Haddad"
    assert name_of(index, first_word(text, nth(text, "He said nothing"))) == "Ahmad Khalil"


def test_nationality_and_place_speak_only_as_the_head(seed001, seed002):
    text, index = seed001
    assert index.resolve(*nth(text, "Israeli media")) is None  # the quote keeps "Israeli media"
    israeli = nth(text, "Israeli media")[0]
    assert index.resolve(israeli, israeli + len("Israeli")).type == "other"
    text, index = seed002[14]
    assert name_of(index, first_word(text, nth(text, "Archbishop added"))) == "Atallah Hanna"  # a bare title


# --- people: variant spellings, aliases, possessives, roles, page furniture (invented sentences) ----

def _people(nlp, text: str) -> tuple[str, EntityIndex]:
    return text, find_entities(nlp(text), ArticleDraft(text))


def _person_at(index: EntityIndex, span: tuple[int, int]):
    return next((e for e in index.entities if any(s <= span[0] and span[1] <= t for s, t in e.mentions)), None)


def test_a_variant_spelling_joins_the_person_even_when_typed_otherwise(nlp):
    text, index = _people(nlp, "Yusuf Haddadeen, the head of the dockworkers' union, met the minister on "
                               "Tuesday. Haddadin said the strike would go on.")
    assert name_of(index, nth(text, "Haddadin")) == "Yusuf Haddadeen"
    text, index = _people(nlp, "Karim Mansouri arrived in Tunis on Sunday for the talks. Speaking to reporters "
                               "later, Karim Mansoury said the port deal was close.")
    assert name_of(index, nth(text, "Karim Mansoury")) == "Karim Mansouri"


def test_his_is_not_the_person_named_as_what_he_owns(nlp):
    text, index = _people(nlp, "Tariq Bazzal, who runs the family bakery, was not at home on Friday. "
                               "His son, Nabil Bazzal, was injured in the fire.")
    his = _person_at(index, first_word(text, nth(text, "His son")))
    assert his is None or his.name == "Tariq Bazzal"
    assert name_of(index, nth(text, "Nabil Bazzal")) == "Nabil Bazzal"


def test_a_role_goes_to_the_person_named_in_that_role(nlp):
    text, index = _people(nlp, "Leila Farouk, who was deputy governor of the province, resigned on Monday. "
                               "Omar Sadiq, the governor of the province, said he regretted her decision.")
    assert name_of(index, nth(text, "deputy governor of the province")) == "Leila Farouk"
    text, index = _people(nlp, "Corvin Haldane, the chief of the Northern Guild, arrived in Lisbon on Monday. "
                               "The guild's deputy chief in the southern provinces said the talks had stalled.")
    assert _person_at(index, nth(text, "deputy chief in the southern provinces")) is None
    # "the minister" was never named: the description stays unlinked, not given to whoever was named.
    text, index = _people(nlp, "Yusuf Haddadeen met the minister on Tuesday to discuss the strike.")
    assert _person_at(index, nth(text, "the minister")) is None


def test_also_known_as_links_the_alias_to_the_person(nlp):
    text, index = _people(nlp, "Rami Saadeh, also known as Abu Sami, ran the smuggling network for a decade. "
                               "Abu Sami was arrested in March.")
    assert name_of(index, nth(text, "Abu Sami", 0)) == name_of(index, nth(text, "Abu Sami", 1)) == "Rami Saadeh"


def test_platforms_handles_and_page_furniture_are_not_people(nlp):
    text, index = _people(nlp, "Standings\n\n- Playoff\n\n- Schedule\n\nThe clip spread across Twitter on "
                               "Monday. Benchmark rates fell again.\n\nHosting Cook at the summit was a coup, "
                               "said Marc Benioff.")
    people = {e.name for e in index.entities if e.type == "person"}
    assert not people & {"Twitter", "Playoff", "Benchmark", "Hosting Cook"}
    assert "Marc Benioff" in people
    # A dash before a signature is not part of the name; links and studios are not people.
    text, index = _people(nlp, "Nobody asked for this, a viewer wrote.\n\n— Perpetua Ollander (@pollander) "
                               "https://t.co/Zx81QqPw\n\nThe rights belong to Harrowgate Productions, which "
                               "said the concert would go ahead.")
    people = {e.name for e in index.entities if e.type == "person"}
    assert "Perpetua Ollander" in people
    assert not any("http" in p or "Productions" in p or p.startswith("—") for p in people)
    # A surname that is also an English word stays a person when it acts ("Howard said").
    text, index = _people(nlp, "Howard said the film was finished. Brown agreed with him.")
    assert {"Howard", "Brown"} <= {e.name for e in index.entities if e.type == "person"}


def test_a_name_after_city_of_or_village_of_is_a_place_whatever_the_model_says(nlp):
    text = ("A strike hit a block of flats in the southern city of Qarvelin on Sunday, and shells fell "
            "on the village of Ossipaw.")
    index = find_entities(nlp(text), ArticleDraft(text=text))
    types = {e.name: e.type for e in index.entities}
    assert types.get("Qarvelin") == "place" and types.get("Ossipaw") == "place"


def test_a_possessive_taken_into_the_next_name_is_not_part_of_it(nlp):
    """The small model tags "’s Hoa Lo" in "the city’s Hoa Lo prison": the name began with "s"."""
    text = "Minister Karl Ostrom toured the city’s Hoa Lo prison on Monday."
    names = [e.name for e in find_entities(nlp(text), ArticleDraft(text)).entities]
    assert not [n for n in names if n.startswith(("s ", "’", "'"))], names


@pytest.mark.parametrize(("text", "person"), [
    ("Maria Lopez arrived early. John Park spoke next to the crowd. She said the race would be close.",
     "Maria Lopez"),
    ("John Park arrived early. Maria Lopez spoke next to the crowd. He said the race would be close.",
     "John Park"),
])
def test_a_pronoun_goes_to_the_person_whose_given_name_has_its_gender(nlp, text, person):
    """With no title or role word, "she" went to the man named last, and stayed his."""
    index = find_entities(nlp(text), ArticleDraft(text))
    pronoun = re.search(r"\b(?:She|He) said", text).start()
    assert name_of(index, (pronoun, pronoun + 2 + (text[pronoun] == "S"))) == person


def test_a_pronoun_in_the_sentence_of_a_person_only_guessed_of_the_other_gender_is_that_person(nlp):
    """Gender-guesser reads "Ilhan" as a man's name (Turkish); in "Ilhan Omar asked …, saying she
    …" the only subject before "she" is Omar, so "she" is Omar, and the next "She added" too, not
    the woman named a paragraph before."""
    text = ("Rep. Alexandria Ocasio-Cortez linked the arrest to a television host.\n\n"
            "Ilhan Omar asked for compassion at the sentencing, saying she did not think a severe sentence "
            "would help. She added that the defendant must be taught love.")
    index = find_entities(nlp(text), ArticleDraft(text))
    first, second = text.index("she did"), text.index("She added")
    assert name_of(index, (first, first + 3)) == "Ilhan Omar"
    assert name_of(index, (second, second + 3)) == "Ilhan Omar"


def test_an_occupation_written_before_a_name_is_not_part_of_it(nlp):
    text = ("Councilmember Ben Achebe said the plan was late. Lawyer Deborah Mensah said the court would "
            "sit in June. Judge Judy was not there.")
    names = {e.name for e in find_entities(nlp(text), ArticleDraft(text)).entities if e.type == "person"}
    assert {"Ben Achebe", "Deborah Mensah"} <= names
    assert not names & {"Councilmember Ben Achebe", "Lawyer Deborah Mensah"}


def test_a_given_name_of_either_gender_tells_nothing(nlp):
    from cliptrace.extract.entities import given_name_gender

    assert [given_name_gender(n) for n in ("Hillary Clinton", "Bill Clinton", "Pat Tan", "Clinton", "D. Ryan")] == [
        "female", "male", None, None, None]


def test_a_shared_surname_far_from_the_other_full_name_is_the_person_introduced_first(nlp):
    """An article on Sarah Mitchell that once names her husband David Mitchell goes on to write
    "Mitchell" for her; "Mitchell" right after "David Mitchell" is still him."""
    filler = "The campaign spent the week on buses between the county fairs and the union halls. " * 4
    text = (f"Sarah Mitchell opened her campaign in Dover on Monday. {filler}David Mitchell visited the town in 2006 "
            f"and Mitchell spoke at the mill then. {filler}Mitchell starts her week on Tuesday in Salem.")
    index = find_entities(nlp(text), ArticleDraft(text))
    assert name_of(index, after(text, "in 2006 and", "Mitchell")) == "David Mitchell"
    late = text.index("Mitchell starts")
    assert name_of(index, (late, late + len("Mitchell"))) == "Sarah Mitchell"


def test_a_title_chooses_between_people_who_share_a_surname(nlp):
    # the most recently named Haddad is the teacher; "Prof. Haddad" is still the professor
    text = ("Prof. Nabil Haddad, who teaches law at the university, said the decree was void.\n\n"
            "Mrs. Samira Haddad, a teacher at the village school, said the children were scared.\n\n"
            "Prof. Haddad said the court would rule within a month.\n\n"
            "Mrs. Haddad said classes would resume on Monday.")
    index = find_entities(nlp(text), ArticleDraft(text))
    assert name_of(index, nth(text, "Haddad", 2)) == "Nabil Haddad"
    assert name_of(index, nth(text, "Haddad", 3)) == "Samira Haddad"
