"""People, organisations and places in an Arabic article, without a NER model.

1. names on the actors list (any clitic on the first word: "لحركة حماس", "وحزب الله");
2. people by rule: a given name from the curated list, a title or honorific (الشيخ، اللواء) or a
   kunya (أبو عبيدة) starts a name; it runs over the following words until a function word, a
   punctuation mark, a reporting verb, a title or a common word such as عملية or رداً (four words
   at most, joiners such as عبد/بن aside);
3. organisations by head noun (حركة، حزب، كتائب، وزارة، جيش …) and the words that name them;
4. a person's family name alone ("وأضاف حمدان") is linked to the nearest full name before it that
   ends with it, so two people who share a family name stay apart.
A person on the actors list is named by its Latin canonical name; others keep their Arabic name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cliptrace.arabic.normalize import strip_marks
from cliptrace.model import Entity

from . import lexicon as L
from .actors import Actor, actors
from .tokens import PHRASE_STOPS, QUOTE_CLOSE, QUOTE_OPEN, Word, strip_clitic

MAX_NAME_WORDS = 4
MAX_ACTOR_WORDS = 6
MAX_ORG_WORDS = 5
_KNOWN_AS = L._folded("عرف يعرف تعرف المعروف المعروفة معروف معروفة سمي يسمى تسمى الملقب")


@dataclass
class Mention:
    first: int  # word indexes, inclusive
    last: int
    entity: int  # index into EntityIndex.entities


@dataclass
class EntityIndex:
    words: list[Word]
    created: list[Entity] = field(default_factory=list)  # Mention.entity indexes this list
    mentions: list[Mention] = field(default_factory=list)  # in text order
    _by_word: dict[int, Mention] = field(default_factory=dict)

    @property
    def entities(self) -> list[Entity]:
        """The entities that kept at least one mention."""
        return [e for e in self.created if e.mentions]

    def mention_at(self, i: int) -> Mention | None:
        """The mention covering word `i`, if any."""
        return self._by_word.get(i)

    def entity_of(self, mention: Mention) -> Entity:
        return self.created[mention.entity]

    def resolve(self, start: int, end: int) -> Entity | None:
        """The entity with a mention inside the character span [start, end)."""
        for m in self.mentions:
            if start <= self.words[m.first].start and self.words[m.last].end <= end:
                return self.created[m.entity]
        return None

    def remove(self, first: int, last: int) -> None:
        """Drop the mentions inside words first..last (a place inside an organisation's name)."""
        for mention in {id(m): m for i in range(first, last + 1) if (m := self._by_word.get(i))}.values():
            self.mentions.remove(mention)
            span = (self.words[mention.first].start, self.words[mention.last].end)
            self.created[mention.entity].mentions.remove(span)
            for i in range(mention.first, mention.last + 1):
                self._by_word.pop(i, None)

    def add(self, first: int, last: int, entity: int) -> bool:
        """Adds a mention unless it overlaps one already there; says whether it did."""
        if any(i in self._by_word for i in range(first, last + 1)):
            return False
        mention = Mention(first, last, entity)
        self.mentions.append(mention)
        for i in range(first, last + 1):
            self._by_word[i] = mention
        span = (self.words[first].start, self.words[last].end)
        self.created[entity].mentions.append(span)
        return True


def find_entities(text: str, words: list[Word]) -> EntityIndex:
    """Every person, organisation and place named in `text` (cut into `words`)."""
    index = EntityIndex(words)
    keys: dict[tuple[str, str], int] = {}  # (type, name) -> entity index

    def entity_for(name: str, etype: str) -> int:
        key = (etype, name)
        if key not in keys:
            keys[key] = len(index.created)
            index.created.append(Entity(id=f"ar{len(index.created)}", name=name, type=etype))
        return keys[key]

    table = actors()
    places = {key for key, actor in table.items() if actor.type == "place"}
    # Strong signs first: the actors list, then given names; after each, family names standing
    # alone are linked, so that "الأسير عدنان" joins the Adnan named before instead of starting a
    # new person. Then the weaker signs: a title before an unknown name, an organisation's head noun.
    first_words = {key[0] for key in table}
    for find in (lambda i: _actor_at(words, i, table, first_words), lambda i: _given_name_at(words, i, index)):
        people = []
        for i, last, found in _scan(words, find):
            actor = found if isinstance(found, Actor) else Actor(strip_marks(_display(words, i, last)), "person")
            if index.add(i, last, entity_for(actor.name, actor.type)) and actor.type == "person":
                people.append((i, last, _name_forms(words, i, last)))
        _link_family_names(index, people)
    people = []
    for i, last, etype in _scan(words, lambda i: None if index.mention_at(i) else _titled_or_org(words, i, places)):
        if etype == "org":  # a place in an organisation's name is part of it: "وزارة الصحة في غزة"
            last = _with_nisba(words, last, index)
            inside = [index.mention_at(j) for j in range(i, last + 1) if index.mention_at(j) is not None]
            others = [m.first for m in inside if index.entity_of(m).type != "place"]
            if others:  # ... but a person after it is not: "الحركة حازم قاسم"
                last = min(others) - 1
                if last < i or words[last].form == "في":
                    continue
            index.remove(i, last)
        name = _display(words, i, last) if etype == "person" else _org_name(words, i, last)
        if index.add(i, last, entity_for(strip_marks(name), etype)) and etype == "person":
            people.append((i, last, _name_forms(words, i, last)))
    _link_family_names(index, people)
    _link_quoted_org_names(index)
    index.mentions.sort(key=lambda m: m.first)
    return index


def _scan(words: list[Word], found_at):
    """(first, last, what) for each non-overlapping find, left to right; `found_at(i)` returns
    (last, what) or None."""
    i = 0
    while i < len(words):
        found = found_at(i)
        if found is None:
            i += 1
            continue
        yield i, found[0], found[1]
        i = found[0] + 1


def _given_name_at(words: list[Word], i: int, index: EntityIndex):
    if index.mention_at(i) is None and (_is_given_name(words[i]) or words[i].bare in ("ابو", "ام")):
        last = _person_end(words, i)
        if last is not None and last > i and all(index.mention_at(j) is None for j in range(i, last + 1)):
            return last, "person"
    return None


def _is_given_name(word: Word) -> bool:
    # Folding writes the preposition على ("on") as علي (Ali).
    if word.bare == "علي" and word.text.endswith("ى"):
        return False
    return word.form in L.GIVEN_NAMES or word.bare in L.GIVEN_NAMES


def _apposed_name_end(words: list[Word], i: int) -> int | None:
    """A name set off by commas after a role: "رئيس مجلس الأمن القومي، تساحي هنغبي، قال …"."""
    if i == 0 or words[i - 1].form not in ("،", ",") or words[i].form.startswith("ال"):
        return None
    close = next((k for k in range(i, min(i + 4, len(words))) if words[k].form in ("،", ",")), None)
    if close is None or close - i not in (2, 3) or not all(is_name_word(w) for w in words[i:close]):
        return None
    before = words[max(0, i - 12):i - 1]
    stops = [k for k, w in enumerate(before) if w.form in PHRASE_STOPS]
    segment = before[stops[-1] + 1:] if stops else before
    return close - 1 if any(L.listed(w, L.ROLE_NOUNS) for w in segment) else None


def _titled_or_org(words: list[Word], i: int, places: set[tuple[str, ...]]):
    last = _person_end(words, i)
    if last is None or last == i:  # "، يوسي يهوشع،": a name set off after a role, whatever its letters
        last = _apposed_name_end(words, i)
    if last is not None and last > i:
        return last, "person"
    last = _org_end(words, i, places)
    return (last, "org") if last is not None else None


def _display(words: list[Word], first: int, last: int) -> str:
    """The name as written, without a conjunction glued to its first word ("ومحمد")."""
    head = words[first]
    cut = len(head.form) - len(head.bare) if head.form != head.bare else 0
    return " ".join([head.text[cut:], *(w.text for w in words[first + 1:last + 1])])


def _name_forms(words: list[Word], first: int, last: int) -> tuple[str, ...]:
    return tuple(w.form for w in words[first:last + 1])


def _actor_at(words: list[Word], i: int, table: dict[tuple[str, ...], Actor],
              first_words: set[str]) -> tuple[int, Actor] | None:
    """The longest actors-list name starting at word `i` (its first word may carry clitics). Its
    proper part may stand in quotation marks ('حركة "حماس"', "حركة «حماس»"): the marks are no
    words of the name, and the mention runs on to the closing one."""
    if words[i].is_punct:
        return None
    firsts = [f for f in strip_clitic(words[i].form) if f in first_words]
    if not firsts:
        return None
    spots: list[int] = []  # the words after `i` that may go on with the name, marks left out
    for k in range(i + 1, min(len(words), i + 2 * MAX_ACTOR_WORDS)):
        if words[k].text in QUOTE_OPEN or words[k].text in QUOTE_CLOSE:
            continue
        if words[k].is_punct or len(spots) == MAX_ACTOR_WORDS - 1:
            break
        spots.append(k)
    for width in range(len(spots) + 1, 0, -1):
        rest = tuple(words[k].form for k in spots[:width - 1])
        for first in firsts:
            actor = table.get((first, *rest))
            if actor is not None:
                last = spots[width - 2] if width > 1 else i
                marks = sum(words[k].text in QUOTE_OPEN or words[k].text in QUOTE_CLOSE for k in range(i + 1, last))
                if marks % 2 and last + 1 < len(words) and words[last + 1].text in QUOTE_CLOSE:
                    last += 1  # the mark that closes the name's quoted part
                return last, actor
    return None


def is_name_word(word: Word) -> bool:
    """Can `word` be part of a person's name (no function word, mark, cue, common word or title)?"""
    # "لل…" is ل + ال ("to the …"): "قال عصام مخول للميادين" ends the name before it; so does
    # "بال…" (ب + ال: "بالمطالبة").
    return (not word.is_punct and not word.form[0].isdigit() and word.form not in L.STOP_WORDS
            and not word.form.startswith(("لل", "بال"))
            and not L.is_cue(word) and not is_common_word(word)
            and word.form not in L.HONORIFICS and word.form not in L.ROLE_NOUNS
            and (word.form == word.bare or word.form in L.GIVEN_NAMES) and len(word.form) > 1)


def is_common_word(word: Word) -> bool:
    """A common noun, verbal noun or adverb (`lexicon.COMMON_WORDS`, with or without a clitic), or a
    word written with the accusative tanween (رداً، احتياطياً): no part of a name or a source."""
    return "\u064b" in word.text or any(form in L.COMMON_WORDS for form in strip_clitic(word.form))


def _looks_like_verb(word: Word) -> bool:
    """An imperfect verb (يرفض، تؤكد) after a name ends it; family names rarely start so."""
    form = word.form
    return form[0] in "يت" and len(form) >= 4 and form[1] != "ا" and form not in L.GIVEN_NAMES


def _role_before(words: list[Word], i: int, reach: int = 6) -> bool:
    """A role noun a few words before, with no punctuation between: "المتحدث باسم الدفاع المدني سليم"."""
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if words[j].is_punct:
            return False
        if L.listed(words[j], L.ROLE_NOUNS):
            return True
    return False


def _starts_name(words: list[Word], i: int) -> bool:
    """Does a person's name start at word `i`?"""
    word = words[i]
    before = words[i - 1] if i else None
    after_trigger = before is not None and (
        L.listed(before, L.HONORIFICS) or before.form in ("،", ",") or _role_before(words, i))
    if word.bare in L.NAME_JOINERS and word.bare in ("ابو", "ام") and i + 1 < len(words):
        return is_name_word(words[i + 1])  # a kunya: أبو عبيدة
    if _is_given_name(word):
        if word.bare in L.PREPOSITIONAL_GIVEN and not _name_goes_on(words, i):
            return False  # "الناطق (الرسمي) باسم الحركة": "on behalf of", not the name Basem
        return word.bare not in L.AMBIGUOUS_GIVEN or after_trigger
    return (before is not None and L.listed(before, L.HONORIFICS) and is_name_word(word)
            and not word.form.startswith("ال"))  # "السفير الأميركي …" is a title, not a name


def _name_goes_on(words: list[Word], i: int) -> bool:
    """Is the given name at `i`, also a preposition and a noun (باسم: ب + اسم, "in the name of"),
    a name here: after a title ("الدكتور باسم الخطيب"), or before a name word that is neither
    definite nor an organisation ("باسم نعيم"), and not right after a role ("المتحدث باسم حماس")
    or a word of naming ("المعروف باسم سيرهي")?"""
    before = words[i - 1] if i else None
    if before is not None and L.listed(before, L.HONORIFICS):
        return True
    if before is not None and L.listed(before, L.ROLE_NOUNS | _KNOWN_AS) or i + 1 == len(words):
        return False
    following = words[i + 1]
    return is_name_word(following) and not following.form.startswith("ال") and not L.listed(following, L.ORG_HEADS)


def _person_end(words: list[Word], i: int) -> int | None:
    """The last word of a person's name starting at `i`, or None when no name starts there."""
    if words[i].is_punct or not _starts_name(words, i):
        return None
    last, counted = i, 1
    j = i + 1
    while j < len(words) and counted < MAX_NAME_WORDS:
        word = words[j]
        if word.form in L.NAME_JOINERS and j + 1 < len(words) and is_name_word(words[j + 1]):
            last, j = j + 1, j + 2  # عبد الله، بن سلمان
            counted += 1
            continue
        if not is_name_word(word) or word.form in L.ORG_HEADS or _looks_like_verb(word):
            break
        last, j, counted = j, j + 1, counted + 1
    if counted == 1 and j < len(words) and _is_family_title(words, j):
        last = j  # "سامي النقيب،": a title after a given name, ending the phrase, is a family name
    return last


def _is_family_title(words: list[Word], j: int) -> bool:
    """A title word (النقيب "captain", الشيخ) right after a given name and before punctuation or the
    end: titles come before names, so there it is the family's name."""
    return words[j].form in L.HONORIFICS and (j + 1 == len(words) or words[j + 1].is_punct)


def _org_end(words: list[Word], i: int, places: set[tuple[str, ...]]) -> int | None:
    """The last word of an organisation named from the head noun at `i`: one word after an
    indefinite head, then definite words ("وزارة الصحة الفلسطينية", "هيئة شؤون الأسرى والمحررين"),
    then "في" and a known place ("وزارة الصحة في غزة"), up to a common word; None when no head
    noun stands at `i`."""
    head = next((f for f in strip_clitic(words[i].form) if f in L.ORG_HEADS), None)
    if head is None:
        return None
    last = None
    j = i + 1
    while j < len(words) and j - i <= MAX_ORG_WORDS:
        word = words[j]
        if word.text in QUOTE_OPEN and last is None:
            close = next((k for k in range(j + 1, min(j + 5, len(words))) if words[k].text in QUOTE_CLOSE), None)
            if close is not None and close > j + 1:
                return close  # مؤسسة "مهجة القدس": a name in quotation marks
        if word.is_punct or L.is_cue(word) or word.form[0].isdigit():
            break
        if word.form == "في":
            place = next((w for w in range(3, 0, -1) if tuple(x.form for x in words[j + 1:j + 1 + w]) in places), None)
            if place and last is not None:
                last = j + place
            break
        if word.form in L.STOP_WORDS or is_common_word(word):
            break  # "أعلنت شرطة الاحتلال وقوع …": the object starts
        definite = word.bare.startswith("ال") and (word.form == word.bare or word.form.startswith("وال"))
        definite = definite or (word.form[0] == "ل" and len(word.form) > 3 and last is not None)  # لدراسات
        # An indefinite head is in construct with the word after it ("حركة فتح"); a definite head
        # ("الحكومة") takes only definite words ("الحكومة إكمال التحقيق" is the head and an object).
        construct = last is None and not head.startswith("ال") and word.form == word.bare
        if not (definite or construct):
            break
        last, j = j, j + 1
    return last


def _with_nisba(words: list[Word], last: int, index: EntityIndex) -> int:
    """An organisation followed by a one-word place is that place's: "الخارجية السعودية"."""
    nxt = last + 1
    mention = index.mention_at(nxt) if nxt < len(words) else None
    if mention is not None and mention.first == mention.last == nxt and words[nxt].form.startswith("ال") \
            and index.entity_of(mention).type == "place":
        return nxt
    return last


def _org_name(words: list[Word], first: int, last: int) -> str:
    """The organisation's words as written, without a clitic on the head noun ("لحركة" -> "حركة")."""
    head = words[first]
    form = next(f for f in strip_clitic(head.form) if f in L.ORG_HEADS)
    cut = len(head.form) - len(form)
    written = head.text[cut:] if cut or form == head.form else "ا" + head.text[1:]  # للحركة -> الحركة
    # Without the marks around its proper part: 'حزب "الليكود"' is the party حزب الليكود.
    return " ".join([written, *(w.text for w in words[first + 1:last + 1]
                                if w.text not in QUOTE_OPEN and w.text not in QUOTE_CLOSE)])


def _link_quoted_org_names(index: EntityIndex) -> None:
    """An organisation named with its name in quotation marks (منظمة "هيومن رايتس ووتش") is that
    name alone later on ("وأشارت هيومن رايتس ووتش")."""
    words = index.words
    names: dict[tuple[str, ...], int] = {}
    for m in list(index.mentions):
        inner = [w for w in words[m.first:m.last + 1]]
        opens = [k for k, w in enumerate(inner) if w.text in QUOTE_OPEN]
        closes = [k for k, w in enumerate(inner) if w.text in QUOTE_CLOSE and k > (opens[0] if opens else 99)]
        if opens and closes and index.entity_of(m).type == "org":
            names.setdefault(tuple(w.form for w in inner[opens[0] + 1:closes[0]]), m.entity)
    for name, entity in names.items():
        width = len(name)
        for i in range(len(words) - width + 1):
            if index.mention_at(i) is None and tuple(w.form for w in words[i:i + width]) == name:
                index.add(i, i + width - 1, entity)


def _link_family_names(index: EntityIndex, people: list[tuple[int, int, tuple[str, ...]]]) -> None:
    """A family name standing alone joins the nearest full name before it that ends with it."""
    words = index.words
    endings: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for first, last, forms in people:
        if len(forms) < 2:
            continue
        entity = index.mention_at(first).entity
        family = forms[1:] if forms[0] not in L.NAME_JOINERS else forms[2:]
        if family:
            endings.setdefault(family, []).append((first, entity))
    for family, owners in endings.items():
        width = len(family)
        for i in range(len(words) - width + 1):
            if index.mention_at(i) is not None:
                continue
            if family[0] not in strip_clitic(words[i].form):
                continue
            if tuple(w.form for w in words[i + 1:i + width]) != family[1:]:
                continue
            before = [entity for first, entity in owners if first < i]
            index.add(i, i + width - 1, before[-1] if before else owners[0][1])
