"""Named entities of one article, and in-article linking of every way a person is referred to.

spaCy finds the names; this module cleans its errors that matter for attribution (outlets tagged as
people, possessive tails, leading "the", honorifics) and links, inside one article:
  - surnames / first names to the full name ("Haniyeh" -> "Ismail Haniyeh");
  - role descriptions ("the Hamas chief") to the person they were attached to in an apposition or
    compound ("Hamas chief Ismail Haniyeh"), otherwise to the person whose affiliation matches,
    then to the most salient one;
  - pronouns (he/his/she/her) to the most recent person that was the subject of a clause, of a
    compatible gender (known from titles, role words and earlier pronouns).
Nationalities ("Israeli") are typed `other`: they name no one who could speak.
Descriptions and pronouns become mentions of the person, so the UI can highlight them.
Entity ids are local to the article ("p0", "o1", "g2", "x3"); `aliases` makes them archive-wide.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from cliptrace.extract.nlp import doc_ents, doc_text, word_classes
from cliptrace.extract.pronouns import PRONOUNS
from cliptrace.given_names import given_name_gender
from cliptrace.extract.spelling import same_spelling
from cliptrace.model import ArticleDraft, Entity, EntityType

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "org", "NORP": "other",  # a nationality or religion is not an organisation
    "GPE": "place", "LOC": "place", "FAC": "place",
    "EVENT": "other", "LAW": "other", "WORK_OF_ART": "other", "PRODUCT": "other",
}
ID_PREFIX = {"person": "p", "org": "o", "place": "g", "other": "x"}

# Titles and forms of address that precede a name but are not part of it.
HONORIFICS = {
    "sayyed", "sayyid", "sayed", "syed", "sheikh", "shaikh", "sheik", "dr", "dr.", "prof", "prof.",
    "imam", "archbishop", "bishop", "father", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "haj", "hajj",
    "ayatollah", "grand", "mufti", "rabbi", "martyr", "president", "premier", "minister", "general",
    "gen.", "brigadier", "commander", "king", "prince", "emir", "sir", "lord", "the", "his", "her",
    "eminence", "excellency", "highness", "majesty",
}
ADDRESS_FORMS = re.compile(r"^(his|her) (eminence|excellency|highness|majesty)$", re.I)

# Nouns that make a phrase a description of a person ("the Hamas chief", "a senior official").
ROLE_NOUNS = {
    "chief", "leader", "head", "official", "secretary", "general", "deputy", "minister", "diplomat",
    "spokesman", "spokeswoman", "spokesperson", "president", "premier", "commander", "member",
    "chairman", "chairwoman", "chair", "envoy", "ambassador", "representative", "negotiator",
    "politician", "figure", "cleric", "director", "commissioner", "mayor", "governor", "king",
    "emir", "prince", "adviser", "advisor", "aide", "founder", "secretary-general", "mufti",
}
# Heads of a phrase that speak for the organisation named inside it ("Hamas sources", "Hamas
# leaders"; advisers and aides speak for themselves, as our Zyte gold reads "White House advisers");
# a singular role ("a Hamas official") is read as a description first (`ROLE_NOUNS`).
SPEAKS_FOR = {"source", "sources", "statement", "statements", "leadership", "office", "release", "communique",
              "communiqué", "announcement", "officials", "leaders", "spokesmen", "spokeswomen", "spokespeople",
              "representatives", "negotiators", "diplomats", "ministers", "commanders", "envoys", "chiefs"}
TITLES = {h.rstrip(".") for h in HONORIFICS} | ROLE_NOUNS
NAME_PRECEDERS = HONORIFICS | ROLE_NOUNS  # words that come before a name without being part of it
# What an organisation or acronym implies about the people who speak for it; lets "the PIJ leader"
# match someone introduced as "Secretary General of the Palestinian Islamic Jihad".
ORG_IMPLIES = {
    "pij": {"palestinian", "islamic", "jihad"}, "jihad": {"palestinian", "pij"},
    "hamas": {"palestinian"}, "fatah": {"palestinian"}, "plo": {"palestinian"},
    "prc": {"palestinian", "popular", "resistance", "committees"}, "pflp": {"palestinian", "popular"},
    "pa": {"palestinian", "authority"}, "hezbollah": {"lebanese", "lebanon"},
    "irgc": {"iranian", "iran"}, "idf": {"israeli", "israel"}, "ansarallah": {"yemeni", "houthi"},
}
# Platforms people post on; spaCy's small model tags them as people ("across Twitter on Monday").
PLATFORMS = {"twitter", "x", "facebook", "instagram", "youtube", "tiktok", "telegram", "whatsapp", "weibo",
             "wechat", "linkedin", "reddit", "snapchat", "threads", "bluesky", "mastodon", "truth social",
             "pinterest", "substack", "twitch", "discord"}
# Organisations spaCy's small model often tags as people.
KNOWN_ORGS = {"hamas", "hezbollah", "fatah", "islamic jihad", "pij", "ansarallah", "al mayadeen",
              "al-mayadeen", "al jazeera", "al-jazeera", "al-manar", "al manar", "al-akhbar",
              "al akhbar", "al arabiya", "al-arabiya", "press tv", "irna", "tasnim", "reuters", "afp",
              "shin bet", "shabak", "mossad", "ikhwan", "muslim brotherhood"}
ORG_WORDS = {"tv", "news", "agency", "media", "channel", "network", "times", "post", "party",
             "movement", "brigades", "committee", "committees", "ministry", "council", "website",
             "newspaper", "daily", "outlet", "front", "productions", "pictures", "studios", "records",
             "entertainment", "group", "inc", "corp", "llc", "ltd", "company", "foundation", "institute",
             "university", "association", "bank"}
# Bodies whose name goes on with where they sit: "the Ministry of Health in Gaza".
INSTITUTION_WORDS = {"ministry", "department", "directorate", "office"}
# What transliterated "names" spaCy tags as people really are, by a word they start with (Arabic:
# gate, house, mountain, slope, corps, front, army, sword...) or contain (English).
PLACE_WORDS = {"bab", "bait", "beit", "bayt", "jabal", "jebel", "wadi", "deir", "kafr", "khirbet", "aqbat",
               "masjid", "haram", "qasr", "mosque", "church", "camp", "square", "street", "gate", "village"}
GROUP_WORDS = {"faylaq", "jabhat", "jaish", "kataib", "saraya", "harakat", "hizb", "liwa", "majlis"}
EVENT_WORDS = {"seif", "battle", "operation", "war", "day", "intifada", "march", "summit", "conference",
               "ramadan", "eid", "ashura", "nowruz"}
FUNCTION_WORDS = {"of", "the", "for", "and", "to", "on"}  # a person's name never holds these
# Words that tell a person's gender: honorifics, roles, family words.
FEMALE_WORDS = {"mrs", "ms", "miss", "madam", "lady", "queen", "princess", "sister", "spokeswoman",
                "chairwoman", "businesswoman", "congresswoman", "woman", "girl", "mother", "daughter",
                "wife", "widow", "actress", "she", "her", "hers"}
MALE_WORDS = {"mr", "sayyed", "sayyid", "sayed", "syed", "sheikh", "shaikh", "imam", "father", "king",
              "prince", "emir", "spokesman", "chairman", "man", "boy", "son", "brother", "husband",
              "archbishop", "bishop", "ayatollah", "haj", "hajj", "he", "him", "his"}
# Words that make a role another one: the deputy chief is not the chief, the former minister not the minister.
RANK_WORDS = {"deputy", "vice", "assistant", "acting", "former", "ex", "late", "outgoing", "incoming"}
# Role nouns every spokesperson carries: they say nothing about which person a description means.
GENERIC_ROLES = {"leader", "official", "chief", "head", "member", "figure", "politician", "representative"}
PLACE_PREPS = {"in", "on", "at", "of", "into", "near", "from", "across", "around", "outside", "inside"}
DETERMINERS = {"the", "a", "an"}
STOP_WORDS = {"the", "a", "an", "of", "in", "for", "and", "to", "’s", "'s", "’", "'", "-", "senior",
              "top", "former", "current"}
QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’"}
_WORD_BEFORE = re.compile(r"(\S+) $")  # the word before a name on its line
_OPENING_MARK = re.compile("[" + "".join(QUOTE_PAIRS) + "]")


@dataclass
class _Ref:
    """One linked mention: which entity, how it refers (name/desc/pron) and whether it is a subject."""

    start: int
    end: int
    entity: int
    kind: str
    subject: bool = False
    main_subject: bool = False


@dataclass
class _Person:
    names: Counter = field(default_factory=Counter)  # cleaned full surface forms
    profile: set[str] = field(default_factory=set)  # words of the descriptions attached to them
    proper: set[str] = field(default_factory=set)  # their organisations, nationalities, places among those
    affiliation: set[str] = field(default_factory=set)  # the same without places: whom they speak for
    honorifics: set[str] = field(default_factory=set)
    ranks: set[str] | None = None  # RANK_WORDS of the roles attached to them; None: no role attached
    gender: str | None = None  # "female"/"male" once a title, a role word or a pronoun said so
    guessed: bool = False  # the gender is only a guess from the given name (`given_name_gender`)

    def learn_gender(self, words) -> None:
        learned = _gender(words)
        if learned and (self.gender is None or self.guessed):  # what the text says beats a guess
            self.gender, self.guessed = learned, False

    def guess_gender(self, name: str) -> None:
        if self.gender is None:
            self.gender = given_name_gender(name)
            self.guessed = self.gender is not None


def _gender(words) -> str | None:
    words = {w.lower().rstrip(".") for w in words}
    return "female" if words & FEMALE_WORDS else "male" if words & MALE_WORDS else None


@dataclass
class EntityIndex:
    """The article's entities, and a resolver from any mention span to the entity meant."""

    entities: list[Entity]
    doc: Doc
    refs: list[_Ref]
    people: dict[int, _Person]
    quoted: list[tuple[int, int]]

    @cached_property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.sentences]

    def refs_before(self, pos: int) -> int:
        """How many refs start at or before `pos` (refs are kept sorted by start)."""
        return bisect_right(self.refs, pos, key=lambda r: r.start)

    def resolve(self, start: int, end: int) -> Entity | None:
        idx = self._resolve_index(start, end)
        if idx is None:
            return None
        entity = self.entities[idx]
        if not any(s <= start and end <= e for s, e in entity.mentions):
            entity.mentions.append((start, end))
            entity.mentions.sort()
            insort(self.refs, _Ref(start, end, idx, "desc"), key=lambda r: r.start)
        return entity

    def _resolve_index(self, start: int, end: int) -> int | None:
        overlapping = [r for r in self.refs if r.start < end and start < r.end]
        inside = [r for r in overlapping if start <= r.start and r.end <= end] or overlapping
        people = [r for r in inside if r.entity in self.people]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        owners = [r for r in people if span is not None and _owns(self.doc, r, span)]
        if owners and owners == people:
            return None  # "Rudolph's supporters", "Swift's rep": someone of theirs, not the person
        people = [r for r in people if r not in owners]
        if people:  # the person heading the phrase ("Goddard planetary scientist Avi Mandell"), else a name
            names = [r for r in people if r.kind == "name"]
            heads = [r for r in names if span is not None and r.start <= span.root.idx < r.end]
            return (heads or names or people)[0].entity
        text = doc_text(self.doc)[start:end].strip()
        if text.lower() in PRONOUNS or ADDRESS_FORMS.match(text):
            return _antecedent(self, start, text)
        if _GROUP_ANAPHOR.fullmatch(text):
            return _only_group_before(self, start)
        if span is not None and any(t.lower_ in ROLE_NOUNS and t.tag_ in ("NN", "NNP") for t in span):
            # a role description ("a senior Israeli official") is a person, never the org inside it
            return _match_description(self, span, definite=span[0].lower_ not in ("a", "an"))
        if _fold(text).rstrip(".") in HONORIFICS:
            return _person_by_honorific(self, text, start)  # "Archbishop said": the archbishop named before
        # An organisation inside a longer phrase speaks through it when the phrase's head is one who
        # speaks for it ("Hamas sources", "a White House statement"), unless another name heads the
        # phrase ("Brandt, a Kesh ally"): "NASA scientists", "one Weibo commenter", "a career Army
        # officer" speak for themselves; a nationality or a place only when it is the phrase's head
        # ("Israeli media" is not "Israeli").
        named_head = span is not None and span.root.pos_ == "PROPN"
        speaks_for = span is not None and span.root.lower_ in SPEAKS_FOR
        for r in inside:
            heads = span is not None and r.start <= span.root.idx < r.end
            if heads or (self.entities[r.entity].type == "org" and not named_head and speaks_for):
                return r.entity
        return _person_by_name(self, text, start)


def _owns(doc: Doc, ref: _Ref, phrase: Span) -> bool:
    name = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return name is not None and qualifies_only(name, phrase)


def qualifies_only(name: Span, phrase: Span) -> bool:
    """Whether the name only qualifies a common noun of `phrase` (both spans of one doc): its
    possessor ("Rudolph's supporters") or a modifier ("the Weller campaign", "Brandt, a Kesh ally")."""
    if name.start <= phrase.root.i < name.end:
        return False
    node = name.root
    while node.dep_ in ("compound", "flat") and name.start <= node.head.i < name.end and node.head.i != node.i:
        node = node.head
    owner = node.head
    if _inside_prepositional_phrase(node, phrase):  # "a report in the Argus Leader of Sioux Falls", "people on Twitter"
        return True
    return node.dep_ in ("poss", "compound") and owner.pos_ == "NOUN" and phrase.start <= owner.i < phrase.end


def _inside_prepositional_phrase(node, phrase: Span) -> bool:
    """Whether the way up from `node` (a token) to the head of `phrase` passes through a preposition's
    object before any apposition ("head of the party, Avigdor Lieberman": the apposed name is who
    the phrase is, though the parser may hang it from "party")."""
    while node.i != phrase.root.i and phrase.start <= node.head.i < phrase.end and node.head.i != node.i:
        if node.dep_ == "appos":
            return False
        if node.dep_ == "pobj":
            return True
        node = node.head
    return False


def find_entities(doc: Doc, draft: ArticleDraft) -> EntityIndex:
    """Entities of the article in `doc` (parsed from `draft.text`), with every linked mention."""
    text = doc_text(doc)
    outlets = {n.lower() for n in [draft.outlet or ""] if n}
    spans = _clean_ents(doc, outlets)
    entities: list[Entity] = []
    people: dict[int, _Person] = {}
    refs: list[_Ref] = []

    # People first: full names make entities, surnames and first names link to them; a name given
    # as another's alias ("also known as Abu Khaled") is that person, after them.
    aliases = _also_known_as(text, [s for s in spans if s[2] == "person"])
    length = {s[0]: len(_name_tokens(s[3])) for s in spans if s[2] == "person"}
    person_spans = sorted((s for s in spans if s[2] == "person"),  # an alias right after its person
                          key=lambda s: (-length[aliases.get(s[0], s[0])], s[0] in aliases))
    person_at: dict[int, int] = {}  # start of a person's name -> their entity
    for start, end, _, name, honorific in person_spans:
        honorific = honorific or _title_before(text, start)
        idx = person_at.get(aliases.get(start, -1))
        if idx is None:
            idx = _person_for_name(entities, people, refs, name, start, honorific=honorific)
        if idx is None:
            idx = len(entities)
            entities.append(Entity(f"p{idx}", name, "person"))
            people[idx] = _Person()
        people[idx].names[name] += 1
        person_at[start] = idx
        if honorific:
            people[idx].honorifics.add(honorific)
            people[idx].learn_gender(honorific.split())
        people[idx].guess_gender(name)
        refs.append(_Ref(start, end, idx, "name"))

    # Names of other types that are a known person's surname ("Arouri" tagged GPE) are that person;
    # a shortened organisation name ("the Operations Room") is the full one written in the article.
    keyed: dict[tuple[str, str], int] = {}
    full_orgs = _full_org_names([name for _, _, etype, name, _ in spans if etype == "org"])
    for start, end, etype, name, _ in spans:
        if etype == "person":
            continue
        idx = _person_for_name(entities, people, refs, name, start, surname_only=True)
        if idx is None:
            key = (etype, full_orgs.get(_fold(name), _fold(name)) if etype == "org" else _fold(name))
            if key not in keyed:
                keyed[key] = len(entities)
                entities.append(Entity(f"{ID_PREFIX[etype]}{len(entities)}", name, etype))
            idx = keyed[key]
            if len(name) > len(entities[idx].name):
                entities[idx].name = name  # an organisation is named in full
        refs.append(_Ref(start, end, idx, "name"))

    _add_missed_name_mentions(text, entities, people, refs)
    for idx, person in people.items():
        entities[idx].name = _canonical_in_article(person.names)
    refs.sort(key=lambda r: r.start)
    index = EntityIndex(entities, doc, refs, people, _quoted_regions(text))
    _mark_subjects(index)
    _link_descriptions_and_pronouns(index)
    for r in index.refs:
        if (r.start, r.end) not in entities[r.entity].mentions:
            entities[r.entity].mentions.append((r.start, r.end))
    for e in entities:
        e.mentions.sort()
    return index


# --- cleaning spaCy's entities ------------------------------------------------------------------

def _clean_ents(doc: Doc, outlets: set[str]) -> list[tuple[int, int, EntityType, str, str]]:
    """(start, end, type, clean name, honorific) for each usable entity span.

    Fixes: spans end at a line break; leading "the"/honorifics, an organisation or nationality
    before a person's name and trailing possessives/punctuation are cut off; a PERSON that is not a
    person (see `_person_type`) is retyped; an organisation keeps the capitalised words before it
    and "in <place>" after a ministry ("the Ministry of Health in Gaza").
    """
    labels: dict[str, Counter] = {}
    for ent in doc_ents(doc):
        labels.setdefault(_fold(_strip_edges(ent.text)), Counter())[ent.label_] += 1
    # A one-word "person" that only ever follows "in/on/at/of…" is a place spaCy mistook (a town).
    after_place_prep: dict[str, list[bool]] = {}
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and len(ent) == 1:
            prev = doc[ent.start - 1] if ent.start else None
            after_place_prep.setdefault(ent.text, []).append(prev is not None and prev.lower_ in PLACE_PREPS)
    places = {name for name, flags in after_place_prep.items() if all(flags) and _fold(name) not in PLATFORMS}
    name_words = {t.lower_ for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    out = []
    for ent in list(doc_ents(doc)) + _untagged_names(doc):
        etype = LABEL_TYPES.get(ent.label_)
        if etype is None:
            continue
        ent = _first_line(ent)
        if _after_place_noun(doc, ent):
            etype = "place"  # "the city of Nabatieh": whatever spaCy said
        elif etype == "person":
            etype = "place" if ent.text in places else _person_type(ent, labels, outlets)
            if etype == "person":
                ent = _with_given_name(_without_affiliation(_without_sentence_case_verb(ent), labels))
                if _capitalised_common_word(ent, name_words):
                    etype = "other"
        elif ent.label_ == "NORP":
            folded = _fold(_strip_edges(ent.text))
            votes = labels.get(folded, Counter())
            if folded in KNOWN_ORGS or votes["ORG"] > votes["NORP"]:
                etype = "org"
        elif etype == "org":
            ent = _full_org_span(ent)
        raw = ent.text
        core = _strip_edges(raw)
        if not core or not any(c.isalpha() for c in core):
            continue
        start = ent.start_char + raw.find(core)
        name, honorific = core, ""
        if etype == "person":
            name, honorific = strip_honorifics(core)
            if not name or _fold(name).rstrip(".") in HONORIFICS:
                continue  # a bare title ("Hajj") names nobody
            start += core.find(name)
        out.append((start, start + len(name), etype, name, honorific))
    return out


_SETTLEMENT_NOUNS = {"city", "town", "village", "province", "governorate", "district", "region", "county",
                     "camp", "neighbourhood", "neighborhood", "suburb", "port", "capital"}


def _after_place_noun(doc: Doc, ent: Span) -> bool:
    """The span follows "<settlement noun> of": "the southern Lebanese city of Nabatieh"."""
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in _SETTLEMENT_NOUNS


# What stands between a name and another name of the same person: "X, also known as Y", "X (aka Y)".
_ALIAS_BETWEEN = re.compile(r"\s*[,(]?\s*(?:also |better |widely |commonly )?"
                            r"(?:known as|nicknamed|a\.k\.a\.?|aka|alias)\s+", re.I)


def _also_known_as(text: str, person_spans: list) -> dict[int, int]:
    """Start of a name given as another person's alias -> start of that person's name."""
    ordered = sorted(person_spans)
    return {b[0]: a[0] for a, b in zip(ordered, ordered[1:]) if _ALIAS_BETWEEN.fullmatch(text[a[1]:b[0]])}


def _first_line(ent: Span) -> Span:
    """A name never runs over a line break ("Abu Ahmad Fouad" above "Popular Front … said")."""
    for tok in ent:
        if tok.is_space and "\n" in tok.text and tok.i > ent.start:
            return ent.doc[ent.start:tok.i]
        if "\n" in tok.whitespace_ and tok.i + 1 < ent.end:
            return ent.doc[ent.start:tok.i + 1]
    return ent


def _is_affiliation(tok: Token, labels: dict[str, Counter]) -> bool:
    votes = labels.get(tok.lower_, Counter())
    acronym = tok.is_upper and tok.is_alpha and len(tok) > 1 and not tok.nbor().is_upper  # not "ISMAIL HANIYEH"
    return tok.lower_ in KNOWN_ORGS or acronym or votes["ORG"] + votes["NORP"] + votes["GPE"] > votes["PERSON"]


def _without_affiliation(ent: Span, labels: dict[str, Counter]) -> Span:
    """"Hamas Ismail Haniyeh", "PIJ Ziad Al-Nakhaleh": spaCy swallows the organisation, acronym or
    nationality written before a name ("movement Hamas Ismail Haniyeh")."""
    while len(ent) > 1 and _is_affiliation(ent[0], labels):
        ent = ent.doc[ent.start + 1:ent.end]
    return ent


def _person_type(ent: Span, labels: dict[str, Counter], outlets: set[str]) -> EntityType:
    """What a PERSON span really is. The small model tags as people outlets and groups ("Al
    Mayadeen", "Hamas"), transliterated places, groups and operations ("Bab al-Amud", "Jabhat
    al-Nusra", "Seif al-Quds"), and common nouns written with a capital ("the Ummah")."""
    core = _strip_edges(ent.text)
    folded = _fold(strip_honorifics(core)[0])
    words = set(re.split(r"[\s-]+", folded))
    votes = labels.get(folded, Counter())
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.ent_type_ == "NORP" and ent.end + 1 < len(doc):
        after = doc[ent.end + 1]  # "Al-Qastal Palestinian media outlet"
    if (any(o.startswith(folded) for o in outlets) or folded in KNOWN_ORGS or _fold(core) in KNOWN_ORGS
            or words & (ORG_WORDS | GROUP_WORDS) or votes["ORG"] > votes["PERSON"]
            or (after is not None and after.lower_ in ORG_WORDS)):
        return "org"
    if words & PLACE_WORDS or votes["GPE"] + votes["LOC"] + votes["FAC"] > votes["PERSON"]:
        return "place"
    preceded_by_the = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    if words & (EVENT_WORDS | FUNCTION_WORDS) or preceded_by_the:
        return "other"  # "the Resistance", "Chariots of Fire": people are not written "the X"
    if folded in PLATFORMS:
        return "org"
    if _ADDRESS_LIKE.search(core):
        return "other"  # a handle, a tag or a link: "@NGRSenate", "#Budget", "https://t.co/…"
    return "person"


_ADDRESS_LIKE = re.compile(r"^[@#]|://|www\.|/")


def _opens_line_or_sentence(ent: Span) -> bool:
    """The span's first word has its capital from its place: first in its sentence or line
    (after bullets and dashes: "- Playoff")."""
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space) and "\n" not in doc[i].text:
        i -= 1
    return ent.start == ent.sent.start or i < 0 or "\n" in doc[i].text or doc[i].is_sent_end


def _without_sentence_case_verb(ent: Span) -> Span:
    """"Hosting Cook at the summit…": a verb opening the sentence is not the name's first word."""
    first = ent[0].lower_
    if len(ent) > 1 and _opens_line_or_sentence(ent) and first.endswith(("ing", "ed")) and _is_verb_form(ent.doc, first):
        return ent.doc[ent.start + 1:ent.end]
    return ent


def _is_verb_form(doc: Doc, word: str) -> bool:
    verbs = word_classes(doc).get("verb", frozenset())
    stem = word[:-3] if word.endswith("ing") else word[:-2]
    return any(v in verbs for v in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else stem, word[:-1]))


def _capitalised_common_word(ent: Span, name_words: set[str]) -> bool:
    """A single capitalised English word opening its sentence or line ("Benchmark 10-year notes",
    "- Playoff"), that no full name of the article contains: page furniture or sentence case, not a
    person. Words that are also surnames (Cook, Howard) stay people when a full name carries them
    or when they are the subject of the clause ("Howard said")."""
    if (len(ent) != 1 or ent[0].lower_ in name_words or ent[0].dep_ in ("nsubj", "nsubjpass")
            or not _opens_line_or_sentence(ent)):
        return False
    classes = word_classes(ent.doc)
    return any(ent[0].lower_ in classes.get(c, ()) for c in ("noun", "verb", "adj", "adv"))


def _full_org_span(ent: Span) -> Span:
    """An organisation's name as written: spaCy drops leading words ("the Joint Operations Room"
    tagged "Operations Room") and a ministry's seat ("Ministry of Health in Gaza")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > 0:
        prev = doc[start - 1]
        if not (prev.is_title and prev.is_alpha and not prev.ent_type_ and not prev.is_sent_start
                and prev.pos_ in ("PROPN", "ADJ") and prev.lower_ not in NAME_PRECEDERS):
            break
        start -= 1
    if {t.lower_ for t in ent} & INSTITUTION_WORDS and end + 1 < len(doc) and doc[end].lower_ == "in":
        seat = next((e for e in doc_ents(doc) if e.start == end + 1 and e.label_ in ("GPE", "LOC")), None)
        if seat is not None:
            end = seat.end
    return Span(doc, start, end, label=ent.label_)


def _untagged_names(doc: Doc) -> list[Span]:
    """Names the model missed after a title or role ("Sheikh Naim Qassem", "Deputy Naim Qassem").

    The small English model knows few Arabic names; a run of two to four capitalised proper nouns
    right after an honorific or a role noun is a person's name.
    """
    tagged = {t.i for ent in doc_ents(doc) for t in ent}
    found = []
    i = 1
    while i < len(doc):
        prev = doc[i - 1].lower_
        if prev.rstrip(".") in NAME_PRECEDERS and prev not in ("the", "his", "her"):
            j = i
            while j < len(doc) and j - i < 4 and j not in tagged and doc[j].pos_ == "PROPN" and (
                    doc[j].text[:1].isupper() or doc[j].text in ("-", "al", "el")) and (
                    doc[j].lower_.rstrip(".") not in NAME_PRECEDERS):
                j += 1
            if j - i >= 2:
                found.append(Span(doc, i, j, label="PERSON"))
                i = j
                continue
        i += 1
    return found


def _with_given_name(ent: Span) -> Span:
    """A lone surname right after a capitalised word spaCy left out ("Hamas, Ghazi Hamad")."""
    if len(ent) != 1 or ent.start == 0:
        return ent
    prev = ent.doc[ent.start - 1]
    if (prev.pos_ == "PROPN" and prev.text.istitle() and not prev.is_sent_start and not prev.ent_type_
            and prev.lower_ not in NAME_PRECEDERS and not prev.whitespace_.count("\n")):
        return ent.doc[ent.start - 1:ent.end]
    return ent


_TRAILING_JUNK = re.compile(r"(?:['’‘]s?|[\s.,;:!?\"“”()*\[\]-])+$")
# quotes, brackets, bullets and dashes ("— Ann Lee"), and a possessive the model took into the name
# that follows it ("the city’s Hoa Lo prison" tagged "’s Hoa Lo")
_LEADING_JUNK = re.compile(r"^(?:['’]s(?=\s)|[\s\"“”‘’'(*\[•·|—–-])+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_SPACES = re.compile(r"\s+")
_PARTICLE = re.compile(r"\b(?:al|el)[-\s]+")


def _strip_edges(text: str) -> str:
    text = _TRAILING_JUNK.sub("", text.strip())
    return _LEADING_THE.sub("", _LEADING_JUNK.sub("", text))


# Occupations English news writes as a title before a name ("Lawyer Deborah Mensah", "Councilmember
# Ben Achebe"): not part of the name, stripped only when a given and a family name follow.
JOB_TITLES = {
    "lawyer", "attorney", "councilmember", "councilman", "councilwoman", "councillor", "councilor",
    "superintendent", "senator", "sen", "rep", "congressman", "congresswoman", "assemblyman",
    "assemblywoman", "judge", "justice", "officer", "sergeant", "sgt", "lieutenant", "lt", "captain",
    "capt", "colonel", "col", "detective", "inspector", "chancellor", "coach", "professor", "economist",
    "analyst", "activist", "journalist", "reporter", "correspondent", "sheriff", "trustee", "pastor",
    "reverend", "rev", "dean", "principal",
}  # (roles in TITLES, "Spokeswoman", "Deputy", are stripped before a single name too)


def strip_honorifics(name: str) -> tuple[str, str]:
    """("Sayyed Hassan Nasrallah") -> ("Hassan Nasrallah", "Sayyed"); titles and roles written
    before a name ("Spokeswoman Layla Haddad", "Lawyer Deborah Mensah") are not the name."""
    words = name.split()
    cut = 0
    while cut < len(words) - 1 and (words[cut].lower().rstrip(".") in TITLES
                                    or cut < len(words) - 2 and words[cut].lower().rstrip(".") in JOB_TITLES):
        cut += 1
    return " ".join(words[cut:]), " ".join(words[:cut])


# Names are folded and compared over and over while linking; the same few hundred per article.
@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    return _SPACES.sub(" ", name.replace("’", "'").lower()).strip()


@lru_cache(maxsize=1 << 16)
def _name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person's name: lower case, without "al-"/"el-" particles."""
    tokens = tuple(_PARTICLE.sub("", _fold(name)).split())
    return tuple(t for t in tokens if t not in {"bin", "ibn", "abu"} or len(tokens) == 1) or tokens


# --- linking names of people --------------------------------------------------------------------

_SURNAME_NEAR_CHARS = 300  # about two sentences


def _person_for_name(entities, people, refs, name: str, pos: int, surname_only: bool = False,
                     honorific: str = "") -> int | None:
    """The known person `name` names: same full name, or its surname/first name (when several
    share it, one with the mention's `honorific`, "Dr. Khoury" the doctor; see below).

    Words compare by transliteration ("Haniya" is "Haniyeh", "Mohammad" is "Mohammed"), so a
    variant spelling, or one the model typed as an organisation, still names the person.
    """
    tokens = _name_tokens(name)
    if not tokens:
        return None
    candidates = []
    for idx, person in people.items():
        for full in person.names:
            ft = _name_tokens(full)
            if _same_words(ft, tokens) or (len(tokens) == 1 and len(ft) > 1 and (
                    _same_word_spelling(tokens[0], ft[-1]) or (not surname_only and tokens[0] == ft[0]))):
                candidates.append(idx)
                break
            if len(tokens) > 1 and len(ft) > 1 and _same_word_spelling(ft[-1], tokens[-1]) and (
                    _same_word_spelling(ft[0], tokens[0]) or set(ft) <= set(tokens) or set(tokens) <= set(ft)):
                candidates.append(idx)
                break
    if len(set(candidates)) <= 1:
        return candidates[0] if candidates else None
    # Several people share the surname: the one with the same title, else not of the other gender;
    # among them the one named just before this mention ("Bill Clinton … Clinton said"), else the one
    # the article named first, whom a bare surname means in news style (an article on Hillary
    # Clinton writes "Bill Clinton" or "her husband" for him).
    candidates = _with_title(people, candidates, honorific)
    named = sorted((r for r in refs if r.entity in candidates), key=lambda r: r.start)
    before = [r for r in named if r.start <= pos]
    if before and pos - before[-1].start <= _SURNAME_NEAR_CHARS:
        return before[-1].entity
    return named[0].entity if named else candidates[0]


def _with_title(people, candidates: list[int], honorific: str) -> list[int]:
    """The `candidates` (people's indexes) a title before a shared surname can mean."""
    title = {w.lower().rstrip(".") for w in honorific.split()}
    if not title:
        return candidates
    titled = [idx for idx in candidates
              if title & {w.lower().rstrip(".") for h in people[idx].honorifics for w in h.split()}]
    gender = _gender(title)
    return titled or [idx for idx in candidates if people[idx].gender in (None, gender)] or candidates


_ADDRESS_WORDS = HONORIFICS - DETERMINERS - PRONOUNS  # "Dr.", "Mrs.": not "the", "his"


def _title_before(text: str, start: int) -> str:
    """The form of address written right before a name that spaCy's span left out ("Dr." Khoury)."""
    match = _WORD_BEFORE.search(text, max(0, start - 20), start)
    word = match.group(1) if match else ""
    return word if word.lower() in _ADDRESS_WORDS else ""


@lru_cache(maxsize=1 << 16)
def _same_word_spelling(a: str, b: str) -> bool:
    """One word of a name in two transliterations; short words (Ali / Ala) must match exactly."""
    return a == b or (min(len(a), len(b)) >= 5 and same_spelling(a, b))


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(_same_word_spelling(x, y) for x, y in zip(a, b))


def _canonical_in_article(names: Counter) -> str:
    """The most frequent full name: "Shireen Abu Akleh", not the surname form "Abu Akleh"."""
    full = [(n, c) for n, c in names.items() if len(_name_tokens(n)) > 1] or list(names.items())
    return max(full, key=lambda nc: (nc[1], len(nc[0])))[0]


def _full_org_names(names: list[str]) -> dict[str, str]:
    """Folded short org name -> the one longer name of the article it ends ("operations room" ->
    "joint operations room"); one-word names stay apart ("Brigades" of which brigades?)."""
    folded = {_fold(n) for n in names}
    out = {}
    for short in folded:
        longer = [f for f in folded if len(short.split()) > 1 and f != short and f.endswith(" " + short)]
        if len(longer) == 1:
            out[short] = longer[0]
    return out


def _add_missed_name_mentions(text: str, entities, people, refs) -> None:
    """Occurrences of a person's known name/surname spaCy did not tag (e.g. a header line)."""
    taken = [(r.start, r.end) for r in refs]
    forms: dict[str, int] = {}
    for idx, person in people.items():
        for name in person.names:
            forms.setdefault(name, idx)
            surname = name.split()[-1]
            if len(name.split()) > 1 and len(surname) > 3:
                forms.setdefault(surname, idx)
    for form, idx in sorted(forms.items(), key=lambda f: -len(f[0])):
        for start, end in _whole_word_occurrences(text, form):
            if any(s < end and start < e for s, e in taken):
                continue
            refs.append(_Ref(start, end, idx, "name"))
            taken.append((start, end))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _whole_word_occurrences(text: str, form: str) -> Iterator[tuple[int, int]]:
    """Where `form` stands as a whole word in `text`, its first letter in either case, left to right
    without overlaps. `str.find` on the rest of the form, then the checks: a regular expression per
    form and article scanned the whole text each time (2 % of an ingest)."""
    firsts, rest = form[0].upper() + form[0].lower(), form[1:]
    at = 1
    while (found := text.find(rest, at)) >= 0:
        start, end = found - 1, found + len(rest)
        if (text[start] in firsts and (start == 0 or not _is_word_char(text[start - 1]))
                and (end == len(text) or not _is_word_char(text[end]))):
            yield start, end
            at = end + 1
        else:
            at = found + 1


def _person_by_honorific(index: EntityIndex, title: str, pos: int) -> int | None:
    titled = {idx for idx, p in index.people.items() if _fold(title) in {_fold(h) for h in p.honorifics}}
    before = [r for r in index.refs if r.entity in titled and r.start < pos]
    return before[-1].entity if before else None


def _person_by_name(index: EntityIndex, text: str, pos: int) -> int | None:
    name, _ = strip_honorifics(_strip_edges(text))
    if not name:
        return None
    idx = _person_for_name(index.entities, index.people, index.refs, name, pos)
    if idx is not None:
        return idx
    folded = _fold(name)
    return next((i for i, e in enumerate(index.entities) if _fold(e.name) == folded), None)


# --- subjects, quotations -----------------------------------------------------------------------

def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks.

    A double quote left open at the end of its paragraph is not a quotation (a stray mark); a
    single curly quote left open ends with its line (interview answers often lose the closing mark).
    """
    regions = []
    i = 0
    while found := _OPENING_MARK.search(text, i):
        i = found.start()
        ch = text[i]
        if ch != "‘" or i == 0 or not text[i - 1].isalnum():
            close = QUOTE_PAIRS[ch]
            limit = text.find("\n\n" if ch != "‘" else "\n", i)
            limit = len(text) if limit < 0 else limit
            j = text.find(close, i + 1, limit)
            while j >= 0 and close == "’" and j + 1 < len(text) and text[j + 1].isalpha():  # "’" in "Israel’s"
                j = text.find(close, j + 1, limit)
            j = limit if j < 0 else j
            if j < limit or ch == "‘":
                regions.append((i, min(j + 1, len(text))))
                i = j + 1
                continue
        i += 1
    return regions


def _in_quote(index: EntityIndex, pos: int) -> tuple[int, int] | None:
    """The quoted region around `pos`; regions are sorted and never overlap."""
    k = bisect_left(index.quoted, (pos,))
    return index.quoted[k - 1] if k and pos < index.quoted[k - 1][1] else None


def _mark_subjects(index: EntityIndex) -> None:
    text = doc_text(index.doc)
    line_names: dict[str, str] = {}  # a line as a bare name; one-line paragraphs hold many mentions
    for ref in index.refs:
        line_start = text.rfind("\n", 0, ref.start) + 1
        line_end = text.find("\n", ref.end)
        line = text[line_start: len(text) if line_end < 0 else line_end]
        if line not in line_names:
            line_names[line] = strip_honorifics(_strip_edges(line))[0]
        if line_names[line] == text[ref.start:ref.end]:
            ref.subject = ref.main_subject = True  # a header line naming the speaker below
            continue
        span = index.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            continue
        _set_subject(ref, span.root)


def _set_subject(ref: _Ref, root: Token) -> None:
    node = root
    while node.dep_ in ("compound", "appos", "poss") and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("nsubj", "nsubjpass"):
        ref.subject = True
        verb = node.head
        ref.main_subject = verb.dep_ == "ROOT" or verb.head.i == verb.i


# --- descriptions and pronouns ------------------------------------------------------------------

def _link_descriptions_and_pronouns(index: EntityIndex) -> None:
    """Walk the article in order, linking each description and pronoun with what came before it."""
    doc = index.doc
    names = [(r.start, r.end) for r in index.refs if r.entity in index.people]
    items: list[tuple[int, str, Span]] = [(s.start_char, "desc", s) for s in _descriptions(doc, names)]
    items += [(t.idx, "pron", doc[t.i:t.i + 1]) for t in doc if t.lower_ in PRONOUNS and t.pos_ == "PRON"]
    items += [(m.start(), "pron", doc.char_span(m.start(), m.end(), alignment_mode="expand"))
              for m in re.finditer(r"\b(?:His|Her) (?:Eminence|Excellency|Highness|Majesty)\b", doc_text(doc))]
    _attach_appositions(index, [s for _, kind, s in items if kind == "desc"])
    for pos, kind, span in sorted(items, key=lambda it: it[0]):
        k = index.refs_before(span.start_char)  # a ref holding the span starts just before it
        if any(span.end_char <= r.end for r in index.refs[max(0, k - _CONTAINING_REFS):k]):
            continue
        if kind == "pron":
            idx = _antecedent(index, pos, span.text)
            if idx is not None and not _in_quote(index, pos):
                index.people[idx].learn_gender([span[0].text])
        else:
            if _in_quote(index, pos):
                continue
            idx = _match_description(index, span, definite=span[0].lower_ not in ("a", "an"))
        if idx is None:
            continue
        ref = _Ref(span.start_char, span.end_char, idx, kind)
        _set_subject(ref, span.root)
        insort(index.refs, ref, key=lambda r: r.start)


# Refs looked at before a pronoun or description: a name or description never holds more than a
# few others, and an antecedent is never hundreds of mentions back. Both bounds keep a text of
# thousands of pronouns linear (issue 13: 25,000 "He said" took minutes and gigabytes).
_CONTAINING_REFS = 8
_ANTECEDENT_WINDOW = 300


# "the group said": an organisation referred to by its kind. Linked only when the article has named
# exactly one group before it; an institution (ministry, army) or an outlet is not a group.
_GROUP_ANAPHOR = re.compile(r"[Tt]he\s+(?:(?:militant|armed|Islamist|resistance)\s+)?"
                            r"(?:group|movement|organi[sz]ation|militia|faction)")
_NOT_GROUPS = INSTITUTION_WORDS | ORG_WORDS - {"party", "movement", "brigades", "committees", "front"} | {
    "military", "army", "government", "forces", "police", "court", "un", "united", "nations"}


def _only_group_before(index: EntityIndex, pos: int) -> int | None:
    groups = {r.entity for r in index.refs[:index.refs_before(pos)]
              if r.kind == "name" and r.end <= pos and index.entities[r.entity].type == "org"
              and not set(_fold(index.entities[r.entity].name).split()) & _NOT_GROUPS}
    return groups.pop() if len(groups) == 1 else None


def _descriptions(doc: Doc, names: list[tuple[int, int]]) -> list[Span]:
    """Singular noun phrases headed by a role noun: "the deputy chief of the PIJ", "Hamas chief"."""
    def in_name(tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in names)

    modifiers = {"JJ", "NNP", "NN", "POS", "HYPH", "JJR", "JJS", "CD", "VBN", "''", "_SP"}

    def skip(i: int) -> int:  # line wraps inside a phrase are spaces, paragraph breaks are not
        while i < len(doc) and doc[i].is_space and "\n\n" not in doc[i].text:
            i += 1
        return i

    found: list[tuple[int, int]] = []
    for tok in doc:
        if tok.lower_ not in ROLE_NOUNS or tok.tag_ not in ("NN", "NNP") or in_name(tok):
            continue
        left = tok.i
        while left > 0:
            prev = doc[left - 1]
            if in_name(prev) or "\n\n" in prev.text:
                break
            if prev.lower_ in DETERMINERS:
                left -= 1
                break
            if prev.tag_ not in modifiers and prev.text not in ("’s", "'s", "’"):
                break
            left -= 1
        right = skip(tok.i + 1)
        while right < len(doc) and not in_name(doc[right]) and (
                doc[right].lower_ in ROLE_NOUNS or doc[right].tag_ == "HYPH"):
            right = skip(right + 1)
        while right < len(doc) and doc[right].lower_ in ("of", "in"):
            nxt = skip(right + 1)
            if nxt < len(doc) and doc[nxt].lower_ in DETERMINERS:
                nxt = skip(nxt + 1)
            end = nxt
            while end < len(doc) and not in_name(doc[end]) and (
                    doc[end].tag_ in modifiers | {"NNPS", "NNS"} or doc[end].text in ("’s", "’")):
                end = skip(end + 1)
            if end == nxt:
                break
            right = end
        while right > tok.i + 1 and (doc[right - 1].tag_ in ("POS", "HYPH", "''") or doc[right - 1].is_space):
            right -= 1
        while doc[left].is_space:
            left += 1
        if doc[left].tag_ == "PRP$" or (left > 0 and doc[left - 1].tag_ in ("PRP$", "POS")):
            continue  # "his deputy", "Hamas' chief's aide": someone else's role
        found.append((left, right))
    merged: list[tuple[int, int]] = []
    for left, right in sorted(found):
        if merged and left < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(right, merged[-1][1]))
        else:
            merged.append((left, right))
    return [doc[l:r] for l, r in merged]


# "Nadia Karam, who was deputy head of …": a relative clause giving the named person's role.
_RELATIVE_ROLE = re.compile(r"\s*,\s*who\s+(?:is|was|has been|had been|became|serves as|served as)"
                            r"(?:\s+(?:also|now|then|once|previously|formerly))?\s+")


def _attach_appositions(index: EntityIndex, descriptions: list[Span]) -> None:
    """Descriptions written next to a name ("Hamas chief Ismail Haniyeh", "X, the head of Y",
    "X, who was deputy head of Y")."""
    text = doc_text(index.doc)
    names = [r for r in index.refs if r.kind == "name" and r.entity in index.people]
    for span in descriptions:
        if _in_quote(index, span.start_char):
            continue
        for r in names:
            between_after = text[span.end_char:r.start]
            between_before = text[r.end:span.start_char]
            if (r.start >= span.end_char and re.fullmatch(r"\s*,?\s*", between_after)) or (
                    span.start_char >= r.end and re.fullmatch(r"\s*,\s*", between_before)
                    and span[0].lower_ in DETERMINERS) or (
                    span.start_char >= r.end and _RELATIVE_ROLE.fullmatch(between_before)):
                person = index.people[r.entity]
                person.profile |= _description_words(span)
                person.proper |= _description_words(span, proper_only=True)
                person.affiliation |= _affiliation(span)
                person.ranks = (person.ranks or set()) | _ranks(span)
                person.learn_gender(t.lower_ for t in span)
                index.refs.append(_Ref(span.start_char, span.end_char, r.entity, "desc"))
                break
    index.refs.sort(key=lambda r: r.start)


def _ranks(span: Span) -> set[str]:
    return {part for tok in span for part in tok.lower_.split("-") if part in RANK_WORDS}


def _description_words(span: Span, proper_only: bool = False) -> set[str]:
    """Content words of a description; `proper_only`: its proper nouns (organisations, countries)."""
    words = set()
    for tok in span:
        if proper_only and not (tok.pos_ == "PROPN" or tok.ent_type_ in ("NORP", "GPE", "ORG")):
            continue
        words |= _words_of(tok, skip_roles=proper_only)
    return words


def _affiliation(span: Span) -> set[str]:
    """Whom the described person speaks for: the organisations, nationalities and countries named
    in the description, not capitalised role words ("Foreign Minister") nor a seat ("Gaza-based")."""
    words = set()
    for tok in span:
        seat = tok.i + 2 < len(tok.doc) and tok.nbor().text == "-" and tok.nbor(2).lower_ == "based"
        if (tok.ent_type_ in ("NORP", "GPE", "ORG") or tok.lower_ in KNOWN_ORGS | ORG_IMPLIES.keys()) and not seat:
            words |= _words_of(tok, skip_roles=True)
    return words


def _words_of(tok: Token, skip_roles: bool) -> set[str]:
    return {part for part in re.split(r"[-’']", tok.lower_)
            if part and part not in STOP_WORDS and part != "s" and not (skip_roles and part in ROLE_NOUNS)}


def _implied(words: set[str]) -> set[str]:
    return words | {w for word in words for w in ORG_IMPLIES.get(word, set())}


def _same_word(a: str, b: str) -> bool:
    """Word match tolerant of demonyms: iran/iranian, palestine/palestinian, lebanon/lebanese."""
    if a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))):
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 5


def _overlap(words: set[str], other: set[str]) -> int:
    return sum(1 for w in words if any(_same_word(w, o) for o in other))


def _match_description(index: EntityIndex, span: Span, definite: bool) -> int | None:
    """The person a description refers to.

    A person whose known affiliation contradicts it (another organisation or country) is out, and
    so is one of the other gender, and one whose attached roles lack its rank ("the deputy chief" is
    not the man introduced as the chief). Among the rest, first the best affiliation match ("the PIJ
    chief" is the man introduced as Secretary General of the Palestinian Islamic Jihad), then
    shared specific role words ("foreign minister"; generic ones like "leader" say nothing), then
    the person mentioned most recently (before anyone is named: first named after it). A
    description with a specific role ("the minister") links only to someone the article names in
    that role (title or attached description) or of that affiliation; else it stays unlinked.
    An indefinite description ("a senior official") introduces someone new unless it opens the
    article (lede before the name).
    """
    words = _description_words(span)
    proper = _description_words(span, proper_only=True)
    affiliation = _affiliation(span)
    roles = words - proper - GENERIC_ROLES
    ranks = _ranks(span)
    specific = roles & ROLE_NOUNS  # "minister", "spokesman", "governor": a role someone must hold
    gender = _gender(t.lower_ for t in span)
    if not definite and any(r.entity in index.people for r in index.refs if r.end <= span.start_char):
        return None
    # Closeness: the latest mention before the description, as a subject first (the narrative's
    # topic, not someone it talks about); failing any, the first one after it (a lede names its
    # subject by role before by name).
    closeness: dict[int, float] = {}
    as_subject: dict[int, float] = {}
    for r in index.refs:
        if r.entity in index.people and not _in_quote(index, r.start):
            if r.end <= span.start_char:
                closeness[r.entity] = r.start
                if r.subject:
                    as_subject[r.entity] = r.start
            elif r.entity not in closeness:
                closeness[r.entity] = -r.start / len(doc_text(index.doc))
    outside_quotes = {r.entity for r in index.refs if not _in_quote(index, r.start)}
    best, best_key = None, None
    for idx, person in index.people.items():
        if idx not in outside_quotes:
            continue  # someone only named inside a quotation is not whom the narrative describes
        if person.ranks is not None and ranks - person.ranks:
            continue  # "the deputy chief" is not the man introduced as the chief
        if _contradicts(affiliation, person.affiliation) or person.gender not in (None, gender or person.gender):
            continue  # "the Hamas official" is not the Iranian foreign minister nor the PIJ chief
        titles = {w.rstrip(".") for title in person.honorifics for w in title.lower().split()}
        key = (_overlap(_implied(proper), _implied(person.proper)),
               _overlap(roles, (person.profile - person.proper) | titles), as_subject.get(idx, -1),
               closeness.get(idx, -1))
        if specific and not key[0] and not _overlap(specific, (person.profile - person.proper) | titles):
            continue  # "the minister" is not whoever was named last: only someone named in that role
        if best_key is None or key > best_key:
            best, best_key = idx, key
    return best


def _contradicts(described: set[str], known: set[str]) -> bool:
    """Affiliations that cannot be the same side: nothing in common, or two different known groups
    (Hamas and the PIJ are both Palestinian, yet not one organisation)."""
    if not described or not known:
        return False
    if not _overlap(_implied(described), _implied(known)):
        return True
    groups, their_groups = described & ORG_IMPLIES.keys(), known & ORG_IMPLIES.keys()
    return bool(groups and their_groups) and not (_implied(groups) & their_groups or groups & _implied(their_groups))


def _antecedent(index: EntityIndex, pos: int, pronoun: str) -> int | None:
    """The person a pronoun at `pos` refers to: the subject of the nearest clause before it.

    Mentions inside a quotation are skipped unless the pronoun is in the same quotation. Within the
    pronoun's own sentence, the latest subject before it, or for a possessive before any subject
    the name that is the subject after it ("In his remarks, Ismail Haniyeh urged"); in earlier
    sentences, the main-clause subject (up to a few sentences back, across paragraphs); failing
    that, the latest person named. Gender: "he" never goes to a person known female, "she" never
    to one known male, and to a woman named before when there is one, unless the pronoun's own
    or the previous sentence has as subject only people of unknown gender ("…, said Sowers. She
    said …" is Sowers even when another woman was named earlier).
    """
    gender = _gender(pronoun.split()[:1])
    quote = _in_quote(index, pos)
    k = index.refs_before(pos)
    candidates = [r for r in index.refs[max(0, k - _ANTECEDENT_WINDOW):k] if r.entity in index.people
                  and r.end <= pos and (_in_quote(index, r.start) == quote or not _in_quote(index, r.start))]
    people = [r for r in candidates if index.people[r.entity].gender in (None, gender)]
    doc = index.doc
    sents = index.sentences
    here = max(bisect_right(index.sentence_starts, pos) - 1, 0)
    guessed = _subject_only_a_guess_rules_out(index, candidates, people, here, gender)
    if guessed is not None:
        return guessed
    if gender == "female" and any(index.people[r.entity].gender == "female" for r in people) \
            and not _unknown_subject_just_before(index, people, here):
        people = [r for r in people if index.people[r.entity].gender == "female"]
    same = [r for r in people if r.start >= sents[here].start_char and r.subject]
    if same:
        return same[-1].entity
    word = doc.char_span(pos, pos + len(pronoun.split()[0]))
    if word is not None and word[0].tag_ == "PRP$" and not quote:
        address = ADDRESS_FORMS.match(pronoun)  # "His Eminence X" is X; "His son, X" is not
        later = [r for r in index.refs[k:k + _ANTECEDENT_WINDOW] if r.entity in index.people
                 and pos < r.start < sents[here].end_char and r.kind == "name" and r.subject
                 and index.people[r.entity].gender in (None, gender)
                 and (address or not _names_the_possessed(index, r, word[0]))]
        if later:
            return later[0].entity
    if not people:
        return None
    for i in range(here - 1, max(here - 6, -1), -1):
        in_sent = [r for r in people if sents[i].start_char <= r.start < sents[i].end_char and r.subject]
        if in_sent:
            main = [r for r in in_sent if r.main_subject]
            return (main or in_sent)[0].entity
    return people[-1].entity


def _subject_only_a_guess_rules_out(index: EntityIndex, candidates: list[_Ref], fitting: list[_Ref], here: int,
                                    gender: str | None) -> int | None:
    """The latest subject of the pronoun's own sentence when only a guess from their given name
    gives them the other gender and no subject there fits: in "Omar asked for compassion …,
    saying she did not think …" she is Omar (Ilhan is a man's name in Turkey, a woman's in
    Somalia), not a woman named two paragraphs back. Across sentences the guess stands ("Maria
    Lopez arrived. John Park spoke. She said …" is Maria Lopez); the pronoun then teaches the
    person's gender, which a later "She added" follows."""
    if gender is None:
        return None
    near = [r for r in candidates if r.start >= index.sentences[here].start_char and r.subject]
    if not near or any(r in fitting for r in near):
        return None
    person = index.people[near[-1].entity]
    return near[-1].entity if person.guessed and person.gender != gender else None


def _unknown_subject_just_before(index: EntityIndex, people: list[_Ref], here: int) -> bool:
    """Whether the subjects among `people` in sentence `here` or the one before are all of unknown gender."""
    start = index.sentences[max(here - 1, 0)].start_char
    subjects = [r for r in people if r.start >= start and r.subject]
    return bool(subjects) and all(index.people[r.entity].gender is None for r in subjects)


def _names_the_possessed(index: EntityIndex, ref: _Ref, possessive: Token) -> bool:
    """A name in apposition to what a possessive owns: in "His son, Hamza Odeh", "His" is not Hamza."""
    span = index.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None:
        return False
    owned = possessive.head
    node = span.root
    while node.i != owned.i and node.dep_ in ("compound", "appos", "flat") and node.head.i != node.i:
        node = node.head
    return node.i == owned.i
