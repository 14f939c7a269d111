"""Agreement of a reporting verb with its speaker: "وقالت" never reports a man, "قالوا" or "مؤكدين"
never one person.

Arabic verbs and participles inflect for their subject's gender and number, so a candidate speaker
the cue's inflection rules out is not the speaker; the quotation goes to the next candidate, or to
nobody. Agreement is "m" (a man or a masculine noun), "f" (a woman, a feminine noun) or "pl" (two or
more); None where it is not known, as for organisations (قال حزب الله، قالت حماس), which agrees
with any cue.
"""

from __future__ import annotations

from . import lexicon as L
from .actors import actors
from .tokens import Word

_TITLES = L.ROLE_NOUNS | L.HONORIFICS
_SPEAKER_NOUNS = _TITLES | L.RELATIONAL_NOUNS | L.UNNAMED_SOURCES  # "مصدر" is a man, "مصادر" many
_MASCULINE_IN_TA = L._folded("آية")  # آية الله: a man's title
_ONE_OF = {"احد": "m", "احدي": "f", "بعض": "pl"}  # "أحد المسؤولين": one man of them


def agrees(cue: str | None, speaker: str | None) -> bool:
    """Can a cue inflected for `cue` report a speaker of agreement `speaker`? A verb before its
    subject stays singular ("قال مسؤولون", "قالت مصادر"), so only a plural cue rules out plural-less
    speakers; a masculine cue rules out a woman, a feminine one a man."""
    if cue is None or speaker is None:
        return True
    if cue == "pl":
        return speaker == "pl"
    return speaker != ("m" if cue == "f" else "f")


def word_agreement(word: Word) -> str | None:
    """The gender or number a given name or a speaker noun (title, role, relative, source) carries."""
    for form in (word.form, word.bare):
        if form in L.MALE_GIVEN_NAMES:
            return "m"
        if form in L.FEMALE_GIVEN_NAMES:
            return "f"
        if form in L.PLURAL_SPEAKER_NOUNS:
            return "pl"
        if form in _SPEAKER_NOUNS:
            feminine = form.endswith(("ه", "تنا")) and form not in _MASCULINE_IN_TA  # الوزيرة، مراسلتنا
            return "f" if feminine else "m"
    return None


def description_agreement(description: list[Word]) -> str | None:
    """The agreement of an unnamed speaker ("مراسلة القناة", "أحد المسؤولين"): its head noun's."""
    head = next((w for w in description if not w.is_punct), None)
    if head is None:
        return None
    return _ONE_OF.get(head.bare) or word_agreement(head)


def person_agreement(words: list[Word], mentions: list[tuple[int, int]], latin_name: str) -> str | None:
    """A named person's gender: the given name starting one of their mentions (word spans), else a
    title right before one ("الوزيرة X"), else the given name of their actors-list spelling."""
    for first, _last in mentions:
        title = words[first - 1] if first and L.listed(words[first - 1], _TITLES) else None  # not "والدة X"
        found = word_agreement(words[first]) or (word_agreement(title) if title else None)
        if found in ("m", "f"):
            return found
    return _listed_gender(latin_name)


def _listed_gender(latin_name: str) -> str | None:
    """The gender of the given name an actors-list person is spelled with ("بنيامين نتنياهو": m)."""
    for spelling, actor in actors().items():
        if actor.name == latin_name and actor.type == "person":
            if spelling[0] in L.MALE_GIVEN_NAMES:
                return "m"
            if spelling[0] in L.FEMALE_GIVEN_NAMES:
                return "f"
    return None
