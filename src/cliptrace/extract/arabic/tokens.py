"""Words and sentences of an Arabic article, looked up in folded spelling, with offsets into the text.

We cut words with one regular expression instead of spaCy's blank Arabic tokenizer: that tokenizer
leaves closing marks and full stops glued to Arabic words ('أسراه».', 'شهيداً.') and splits no
clitics, so its tokens would need this same pass again, at several times the cost.
Each `Word` carries its folded form (`cliptrace.arabic.normalize.fold_arabic`) and the form without
the proclitic conjunction و ("and"), which is how the word lists are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cliptrace.arabic.normalize import fold_arabic, fold_digits

from . import lexicon as L
from .actors import actors

# A word may hold harakat and tatweel, which are not \w characters.
_TOKEN = re.compile(r"\d[\d.,]*\d|(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+|[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?؟](?=[\s\"”»)]*(?:\s|$))|\n\s*\n")
QUOTE_OPEN = "«“\""
QUOTE_CLOSE = "»”\""
PHRASE_STOPS = set("،,.:؛;!؟?")  # marks that end a speaker or source phrase


@dataclass(frozen=True)
class Word:
    i: int  # position in the article's word list
    start: int  # offsets into the article text
    end: int
    text: str  # as written
    form: str  # folded (hamza seats, ى, ة, diacritics, tatweel, digits)
    bare: str  # folded, without a leading و conjunction
    is_punct: bool


def _without_conjunction(form: str) -> str:
    # Only و: a word starting with ف is more often a name (فارس، فراج) than ف + word; the cue
    # lookups try ف themselves. A given name that itself begins with و (وليد، وحيد، وسام) keeps
    # it: "ليد" is no name, and "حيد" would escape the check on ambiguous given names.
    if len(form) > 3 and form[0] == "و" and form not in _NAMES_WITH_WAW:
        return form[1:]
    return form


_NAMES_WITH_WAW = frozenset(w for w in L.GIVEN_NAMES if w.startswith("و"))


# Scraped pages lose the spaces around a link's text: "قال عصام مخولللميادينإنّ" is مخول +
# للميادين + إنّ. Such glues are cut where Arabic spelling makes them unambiguous: a complementizer
# (إنّ، إن، أنّ، بأنّ) ending a word of three letters or more (إ only begins a word, and no word
# ends in أنّ with its shadda); a one-word organisation of the actors list with its article
# (الميادين، للميادين) inside a longer word (not places: "العراقية" is العراق + the nisba ending);
# a letter after one that only ends a word, ة, ى (not ىء, a spelling of ئ) or tanween with its
# alef ("دقةمن", "إلىفقدان", "رسالةًمن"); and a definite word after a preposition no word starts
# with ("منالتطبيع", "فيالبيان"; not مع: معالجات).
_LETTER = "[\u0621-\u064a]"
_GLUED_COMPLEMENTIZER = re.compile(f"(?<={_LETTER}{{3}})(?<!ال)(?:ب?أنّ|ب?أنَّ|إنّ|إنَّ|إن)(?!{_LETTER})")
_LETTER_NO_TATWEEL = "[\u0621-\u063a\u0641-\u064a]"
_GLUED_AFTER_WORD_END = re.compile(
    f"(?<=[\u0621-\u0652])(?:[ةى](?!ء)[\u064b-\u0652]*+|ا\u064b|[\u064b-\u064d]ا?+)(?={_LETTER_NO_TATWEEL})")
_GLUED_PREPOSITION = re.compile(
    f"(?<!{_LETTER})و?(?:في|من|عن|خلال|عبر|حول|بعد|قبل|ضد|منذ|بين|هو|هي)(?=ال{_LETTER}{{3}})")


@lru_cache(maxsize=4)
def _glued_actor(names: tuple[str, ...]) -> re.Pattern | None:
    stems = sorted({name[2:] for name in names}, key=len, reverse=True)  # without ال
    if not stems:
        return None
    name = f"(?:ال|لل)(?:{'|'.join(map(re.escape, stems))})"
    return re.compile(f"(?<={_LETTER}{{3}}){name}|{name}(?={_LETTER}{{2}})")


def _glue_cuts(text: str) -> set[int]:
    """Offsets inside words of `text` where two glued words meet (see above)."""
    cuts = {m.start() for m in _GLUED_COMPLEMENTIZER.finditer(text)}
    cuts.update(m.end() for pattern in (_GLUED_AFTER_WORD_END, _GLUED_PREPOSITION) for m in pattern.finditer(text))
    one_word = tuple(key[0] for key, actor in actors().items()
                     if actor.type == "org" and len(key) == 1 and key[0].startswith("ال") and len(key[0]) >= 6)
    pattern = _glued_actor(one_word)
    for m in pattern.finditer(text) if pattern else ():
        cuts.update(cut for cut in m.span() if 0 < cut < len(text) and text[cut - 1].isalpha() and text[cut].isalpha())
    return cuts


def words_of(text: str) -> list[Word]:
    """Every word and punctuation mark of `text`, in order, with folded forms."""
    out: list[Word] = []
    cuts = _glue_cuts(text)
    for m in _TOKEN.finditer(fold_digits(text)):
        inside = sorted(cut for cut in cuts if m.start() < cut < m.end()) if cuts else []
        bounds = [m.start(), *inside, m.end()]
        for start, end in zip(bounds, bounds[1:]):
            form = fold_arabic(text[start:end])
            if not form:
                continue
            out.append(Word(len(out), start, end, text[start:end], form, _without_conjunction(form),
                            not form[0].isalnum()))
    return out


def sentence_ends(text: str) -> list[int]:
    """Offsets where sentences end (a full stop, ?, ! or a blank line), ascending, with len(text)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]


@lru_cache(maxsize=65536)  # asked for every word by several rules; words repeat
def strip_clitic(form: str) -> tuple[str, ...]:
    """`form` and its readings without one or two proclitics (و، ف، ب، ل، ك), longest first: the
    word lists are looked up with each. ل before ال drops the alef: "للميادين" = ل + الميادين."""
    found = [form]
    rest = form
    for _ in range(2):
        if len(rest) <= 3 or rest[0] not in "وفبلك":
            break
        rest = rest[1:]
        found.append(rest)
        if rest.startswith("ل") and len(rest) > 3:
            found.append("ا" + rest)  # (و)للميادين -> الميادين
    return tuple(found)
