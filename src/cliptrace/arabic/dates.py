"""Arabic date wording mapped to English words that dateparser reads.

Arabic news writes one month four ways: Egyptian/Gulf transliterations (أكتوبر), Levantine/Iraqi
Syriac names (تشرين الأول), the Levantine shorthand with a number (كانون 2, تشرين 1) and Maghrebi
French-derived names (جوان, جويلية, أوت; Moroccan يوليوز, غشت, شتنبر, نونبر, دجنبر), in Eastern
Arabic digits or ASCII ones. dateparser knows some of these per locale (ar, ar-LB, ar-DZ) but not the
numbered shorthand nor Eastern digits, and a locale list may not mix regions. So we only translate
the words (month, weekday, relative day) and leave the parsing to dateparser.
"""

from __future__ import annotations

import re

from cliptrace.extract.dates import find_date_expressions, resolve_date_expression

from .normalize import fold_arabic, fold_digits

_MONTHS = {
    "January": ["يناير", "كانون الثاني", "كانون 2", "جانفي"],
    "February": ["فبراير", "شباط", "فيفري"],
    "March": ["مارس", "آذار"],
    "April": ["أبريل", "ابريل", "نيسان", "أفريل", "افريل"],
    "May": ["مايو", "أيار", "ماي"],
    "June": ["يونيو", "يونية", "حزيران", "جوان"],
    "July": ["يوليو", "يولية", "تموز", "جويلية", "يوليوز"],
    "August": ["أغسطس", "اغسطس", "آب", "أوت", "غشت"],
    "September": ["سبتمبر", "أيلول", "شتنبر"],
    "October": ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين 1"],
    "November": ["نوفمبر", "تشرين الثاني", "تشرين 2", "نونبر"],
    "December": ["ديسمبر", "كانون الأول", "كانون 1", "دجنبر"],
}
_WEEKDAYS = {
    "Monday": "الاثنين الإثنين", "Tuesday": "الثلاثاء", "Wednesday": "الأربعاء", "Thursday": "الخميس",
    "Friday": "الجمعة", "Saturday": "السبت", "Sunday": "الأحد",
}
_RELATIVE = {"yesterday": ["أمس", "الأمس", "البارحة"], "today": ["اليوم"], "tomorrow": ["غدا", "غداً"]}


def _alternation(words: list[str]) -> str:
    forms = sorted({fold_arabic(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in forms)


# Keyed without spaces: the pattern lets "كانون 2" be written "كانون2" or "كانون  2".
_WORD_TO_ENGLISH: dict[str, str] = {}
for _english, _forms in [*_MONTHS.items(), *((e, f.split()) for e, f in _WEEKDAYS.items()),
                         *_RELATIVE.items()]:
    for _form in _forms:
        _WORD_TO_ENGLISH["".join(fold_arabic(_form).split())] = _english
_NAMED = re.compile(
    r"(?<![\w])(?:يوم\s+)?(" + _alternation([f for forms in (*_MONTHS.values(), *_RELATIVE.values())
                                                for f in forms] + " ".join(_WEEKDAYS.values()).split())
    + r")(?![\w])"
)
# A Hijri date (day, month, year, هـ) written beside the Gregorian one: dateparser would read its
# year as a Gregorian year, and a Hijri date alone is left undated rather than converted.
_HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة",
                 "جمادى الثانية", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
_HIJRI_DATE = re.compile(r"(?<![\w])\d{1,2}\s*(?:" + _alternation(_HIJRI_MONTHS) + r")\s*\d{3,4}(?:\s*ه(?![\w]))?")
_FILLER = re.compile(r"(?:(?<![\w])|(?<=\d))(?:الموافق|ميلادي[ةه]?|م)(?![\w])|[،؛]")
_BOTH_NAMES = re.compile(r"\b([A-Z][a-z]+)\s*/\s*\1\b")  # "تشرين الثاني/نوفمبر": one month, two names
_LAST = re.compile(r"\b([A-Z][a-z]+day)\s+(?:الماضي|المنصرم|الفائت)(?![\w])")


def to_english_date_words(text: str) -> str:
    """`text` with Arabic month, weekday and relative-day words as English ones, digits as ASCII
    and fillers (الموافق, م for "AD", Arabic commas) and Hijri dates dropped; text without Arabic letters comes back
    unchanged. "الأحد ١٥ تشرين الأول ٢٠٢٣" -> "Sunday 15 October 2023"."""
    if not re.search("[\u0600-\u06ff]", text):
        return text
    folded = _HIJRI_DATE.sub(" ", fold_digits(fold_arabic(text)))
    folded = _NAMED.sub(lambda m: " " + _WORD_TO_ENGLISH["".join(m.group(1).split())] + " ", folded)
    folded = _LAST.sub(r"last \1", _BOTH_NAMES.sub(r"\1", folded))
    return " ".join(_FILLER.sub(" ", folded).split())


def date_spoken_of(sentence: str, published: str | None) -> str | None:
    """The date (YYYY-MM-DD) an Arabic sentence speaks of ("يوم الأحد", "أمس", "الثلاثاء الماضي",
    "١٥ تشرين الأول"), resolved against the publication date by the English date rules."""
    english = to_english_date_words(sentence)
    for start, end, _kind in find_date_expressions(english):
        resolved = resolve_date_expression(english[start:end], published)
        if resolved:
            return resolved
    return None
