"""Arabic orthographic normalisation, the same for matching names and for full-text search.

News sites write one word several ways: hamza seats on alef (أ إ آ ٱ), final ى for ي, ة for ه,
optional diacritics (harakat, shadda), the tatweel stretch, Eastern Arabic or Persian digits and
invisible direction marks. The folding follows Lucene's ArabicNormalizer (the rules the shared
cases' checker also applies) plus digits and direction marks: alef forms -> ا, ى -> ي, ة -> ه,
harakat and tatweel removed, ٠-٩ / ۰-۹ -> 0-9, ZWJ/ZWNJ/LRM/RLM/ALM/BOM and the bidi embedding
controls removed.

`fold_arabic` may shorten a string: use it on keys and search terms. `fold_digits` is
length-preserving, so offsets into the text survive it.
"""

from __future__ import annotations

import re

# One character for one character (length-preserving); also written into PostgreSQL's copy of
# the folding (archive.schema), so both stay one definition.
FOLD_FROM = "أإآٱىة٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬"
FOLD_TO = "اااايه01234567890123456789.,"
# Harakat (fathatan..sukun), superscript alef, tatweel, and invisible direction/joiner marks.
FOLD_DROPPED = "[\u064b-\u0652\u0670\u0640\u200c-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]"
_SAME_LENGTH = str.maketrans(FOLD_FROM, FOLD_TO)
_DIGITS = str.maketrans(FOLD_FROM[6:], FOLD_TO[6:])
_DROPPED = re.compile(FOLD_DROPPED)
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")


def fold_arabic(text: str) -> str:
    """`text` with Arabic spelling variation folded away (see the module docstring); other scripts
    are left as they are, so English text comes back unchanged."""
    return _DROPPED.sub("", text).translate(_SAME_LENGTH)


def fold_digits(text: str) -> str:
    """Eastern Arabic and Persian digits (and the Arabic decimal/thousands marks) as ASCII;
    one character for one character."""
    return text.translate(_DIGITS)


def has_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))


def strip_marks(text: str) -> str:
    """`text` without harakat, tatweel and invisible marks, spelling otherwise kept (for display)."""
    return _DROPPED.sub("", text)


def fold_arabic_nullable(text: str | None) -> str | None:
    """`fold_arabic` for SQL values, which may be NULL (an article without a title)."""
    return None if text is None else fold_arabic(text)
