"""Arabic numeric claims about people: "٢٦٧٠ شهيداً", "أكثر من 9600 آخرين", "جريحان",
"ثلاثة أسرى", with hedge, category, cited source and date.

1. a number is digits (Eastern or Western, with a thousands multiplier word after: "3 آلاف"), a run
   of number words ("خمسة وعشرين"), or a dual noun of a person word ("شهيدين" = 2);
2. it counts the noun right after it; counts of time, money, weapons or buildings are measures,
   years and day-of-month numbers are dates, vague amounts ("عشرات") are no figure;
3. the category is the nearest casualty word before it in its clause ("استشهاد 3", "إصابة أكثر من
   9600 آخرين"), reading back no further than the number before (a counted noun belongs to the
   number before it, never to the one after), else the counted noun itself ("أسيراً");
4. the source is "بحسب/وفق X", else the subject of a reporting verb before it in the sentence
   ("وأعلنت وزارة الصحة ارتفاع …"); a figure inside a quotation gets the quotation's speaker later.
"""

from __future__ import annotations

from dataclasses import dataclass

from cliptrace.arabic.dates import date_spoken_of
from cliptrace.model import Figure

from . import lexicon as L
from .entities import EntityIndex, is_common_word
from .tokens import Word, strip_clitic

CATEGORY_WINDOW = 8  # words read back for a casualty word
SOURCE_WORDS = 6
_MONTH_WORDS = L._folded(
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار"
    " نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل جوان جويلية أوت")
_YEAR_WORDS = L._folded("عام العام سنة السنة منذ مطلع أواخر أوائل")


@dataclass
class _Number:
    first: int  # word indexes, inclusive
    last: int
    value: int


def find_figures(text: str, words: list[Word], sentence_ends: list[int], index: EntityIndex,
                 published: str | None) -> list[Figure]:
    """Every numeric claim about people in `text`, in text order."""
    figures: list[Figure] = []
    previous_number = -1
    for number in _numbers(words):
        figure = _figure(text, words, number, previous_number, sentence_ends, index, published)
        previous_number = number.last
        if figure is not None:
            figures.append(figure)
    return figures


def _numbers(words: list[Word]):
    i = 0
    while i < len(words):
        word = words[i]
        if word.form[0].isdigit():
            value = _digits(word.form)
            last = i
            if value is not None and i + 1 < len(words) and words[i + 1].form in L.MULTIPLIERS:
                value, last = value * L.MULTIPLIERS[words[i + 1].form], i + 1
            if value is not None:
                yield _Number(i, last, value)
            i = last + 1
            continue
        if word.bare in L.DUAL_NOUNS:  # "وأسيرين": with the conjunction too
            yield _Number(i, i, 2)
            i += 1
            continue
        run = _number_words(words, i)
        if run is not None:
            yield run
            i = run.last + 1
            continue
        i += 1


def _digits(form: str) -> int | None:
    if "." in form.rstrip("."):
        return None  # a decimal is a rate or a measure, not a head count
    try:
        return int(form.replace(",", "").rstrip("."))
    except ValueError:
        return None


def _number_words(words: list[Word], i: int) -> _Number | None:
    """"خمسة وعشرين", "ثلاثة آلاف", "مئتي": a run of number words and its value."""
    total, current, last = 0, 0, None
    j = i
    while j < len(words):
        form = words[j].form if j == i else words[j].bare
        if j > i and words[j].form == words[j].bare and words[j].form not in L.MULTIPLIERS \
                and words[j].form not in ("عشر", "عشره"):
            break  # words after the first join with و ("وعشرين"), are multipliers or a teen's عشر
        if j > i and form in ("عشر", "عشره") and 0 < current < 10:
            current += 10  # "خمسة عشر"
        elif form in L.NUMBER_WORDS:
            current += L.NUMBER_WORDS[form]
        elif form in L.MULTIPLIERS and (current or j == i):
            total += max(current, 1) * L.MULTIPLIERS[form]
            current = 0
        else:
            break
        last, j = j, j + 1
    if last is None:
        return None
    return _Number(i, last, total + current)


def _figure(text, words, number, previous_number, sentence_ends, index, published) -> Figure | None:
    first, last = number.first, number.last
    dual = words[first].bare in L.DUAL_NOUNS
    if dual:
        noun: Word | None = words[first]
        if first and words[first - 1].form[:1].isdigit():
            return None
    else:
        noun = words[last + 1] if last + 1 < len(words) else None
    if not dual and _is_date_or_measure(words, number, noun):
        return None
    noun_category = _noun_category(noun)
    # A dual that names its people keeps their category: "استشهد شاب وجريحان" (two wounded).
    category = noun_category if dual and noun_category else _category_before(words, first, previous_number)
    # A dual of people counts when something happened to them: "استشهد شابان", not "يبتسم جنديان".
    counts_people = noun is not None and ((dual and category is not None) or noun_category is not None
                                          or _is_nisba(noun) or any(
        f in L.PEOPLE_NOUNS for f in strip_clitic(noun.form)))
    if category is None and noun is not None and noun.i + 1 < len(words):
        after = words[noun.i + 1]
        category = L.CATEGORY_EVENTS.get(after.bare)  # "أربعة أشخاص قُتلوا"
        if category is None and after.form == "من" and noun.i + 2 < len(words):
            category = _noun_category(words[noun.i + 2])  # "شخصين من الضحايا"
    if category is None:
        category = noun_category
    following = words[(noun.i if noun is not None else last) + 1:(noun.i if noun is not None else last) + 3]
    if category == "detained" and any(w.form in L.CAPTIVE_NATIONALITIES for w in following):
        category = "captives"  # "30 أسيراً إسرائيلياً"
    content_noun = noun is not None and not noun.is_punct and noun.form not in L.STOP_WORDS and not any(
        f in L.CATEGORY_EVENTS for f in strip_clitic(noun.form))  # "وأصيب 3 بجروح"
    if not counts_people and (category is None or content_noun):
        return None  # "3 محاور": a count of things; "استشهاد 3 في جنين": of people
    if number.value < 2 and not dual:
        return None
    hedge_first, approx = _hedge(words, first)
    after_noun = (noun.i if noun is not None and counts_people else last) + 1
    trailing = [w.form for w in words[after_noun:after_noun + 3]]
    if approx == "exact" and ("الاقل" in trailing[:3] and "علي" in trailing[:2]):
        approx = "at_least"  # "11 جندياً أميركياً على الأقل"
    end_word = noun if counts_people and noun is not None else words[last]
    start, end = words[hedge_first].start, end_word.end
    return Figure(
        start=start, end=end, value=number.value, approx=approx,  # type: ignore[arg-type]
        category=(category or "other"),  # type: ignore[arg-type]
        subject=noun.text if counts_people and noun is not None and not dual else None,
        place=_place(words, last, sentence_ends, index),
        source=_source(words, first, sentence_ends, index, text),
        as_of=date_spoken_of(text[_sentence_start(sentence_ends, start):_sentence_end(sentence_ends, start)],
                             published),
    )


def _is_date_or_measure(words: list[Word], number: _Number, noun: Word | None) -> bool:
    before = words[number.first - 1] if number.first else None
    if before is not None and (before.form in ("ال", "الـ") or before.bare in _YEAR_WORDS):
        return True  # "الـ 5 من شباط", "عام 2004"
    if noun is None:
        return False
    if noun.form in _MONTH_WORDS or noun.bare in _MONTH_WORDS or noun.form in ("/", "-", ":", "%"):
        return True
    if noun.form == "من" and number.last + 2 < len(words) and words[number.last + 2].form in _MONTH_WORDS:
        return True
    value_is_year = 1900 <= number.value <= 2100 and number.first == number.last
    return value_is_year and noun.form not in L.PEOPLE_NOUNS and _noun_category(noun) is None or any(
        f in L.UNIT_NOUNS for f in strip_clitic(noun.form)[:2]) or noun.form in L.VAGUE_AMOUNTS


def _is_nisba(noun: Word) -> bool:
    """A nationality or origin counted ("100 ألف عراقي", "12 فلسطينياً"): the nisba ending -ي."""
    return len(noun.form) > 4 and noun.form.endswith(("ي", "يا", "يين", "يون")) and noun.form not in L.UNIT_NOUNS


def _noun_category(noun: Word | None) -> str | None:
    if noun is None:
        return None
    for form in strip_clitic(noun.form):
        form = form.removeprefix("ال") if len(form) > 4 else form
        if form in L.CATEGORY_NOUNS:
            return L.CATEGORY_NOUNS[form]
        if form in L.DUAL_NOUNS and L.DUAL_NOUNS[form] != "other":
            return L.DUAL_NOUNS[form]
    return None


def _category_before(words: list[Word], first: int, previous_number: int) -> str | None:
    """The nearest casualty word before the number, in its clause, after the previous number."""
    for j in range(first - 1, max(previous_number, first - CATEGORY_WINDOW - 1), -1):
        word = words[j]
        if word.form in (".", "؛", ";", ":") or word.form[0].isdigit():
            return None
        for form in strip_clitic(word.form):
            if form in L.CATEGORY_EVENTS:
                return L.CATEGORY_EVENTS[form]
    return None


def _hedge(words: list[Word], first: int) -> tuple[int, str]:
    for hedge, approx in sorted(L.HEDGES, key=lambda h: -len(h[0])):
        width = len(hedge)
        if first - width < 0:
            continue
        found = tuple(w.form for w in words[first - width:first])
        if found == hedge or (found[0] != hedge[0] and found[1:] == hedge[1:] and hedge[0] in strip_clitic(found[0])):
            return first - width, approx
    return first, "exact"


def _sentence_start(ends: list[int], pos: int) -> int:
    return max((e for e in ends if e <= pos), default=0)


def _sentence_end(ends: list[int], pos: int) -> int:
    return next((e for e in ends if e > pos), ends[-1])


def _source(words: list[Word], first: int, ends: list[int], index: EntityIndex, text: str) -> str | None:
    """"بحسب X" anywhere in the sentence, else the subject of a reporting verb before the figure."""
    start, end = _sentence_start(ends, words[first].start), _sentence_end(ends, words[first].start)
    sentence = [w for w in words if start <= w.start < end]
    for k, word in enumerate(sentence):
        if L.listed(word, L.ACCORDING):
            rest = sentence[k + 1:]
            if rest and rest[0].form in ("ل", "لما"):
                rest = rest[1:]
            return _named_phrase(rest, index)
    for k, word in enumerate(sentence):
        if word.start >= words[first].start:
            break
        if L.is_cue(word):
            return _named_phrase(sentence[k + 1:], index)
    return None


def _named_phrase(phrase: list[Word], index: EntityIndex) -> str | None:
    """The name at the head of a phrase: an entity mention there, else its first words."""
    if not phrase:
        return None
    mention = index.mention_at(phrase[0].i)
    if mention is not None:
        return index.entity_of(mention).name
    kept = []
    for word in phrase[:SOURCE_WORDS]:
        if word.is_punct or word.form in L.STOP_WORDS or word.form[0].isdigit() or is_common_word(word):
            break  # "أعلنت شرطة الاحتلال وقوع 7 قتلى": the source ends where the object starts
        kept.append(word)
    return " ".join(w.text for w in kept) or None


def _place(words: list[Word], last: int, ends: list[int], index: EntityIndex) -> str | None:
    """A known place named after "في" in the figure's sentence."""
    end = _sentence_end(ends, words[last].start)
    for j in range(last + 1, len(words) - 1):
        if words[j].start >= end:
            break
        if words[j].form == "في":
            mention = index.mention_at(j + 1)
            if mention is not None and index.entity_of(mention).type == "place":
                return index.entity_of(mention).name
    return None
