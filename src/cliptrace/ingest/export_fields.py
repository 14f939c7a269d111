"""Field values that the news database exports (Nexis Uni, LexisNexis Academic, Factiva) share.

Each export has its own layout module; what their fields hold is read here the same way: a stated
length ("386 words"), a byline ("By Salma Aziz"), a copyright line, index terms with relevance
percentages ("NEGOTIATIONS (91%); PRISONERS (88%)").
"""

from __future__ import annotations

import re

from cliptrace.ingest import meta
from cliptrace.model import ArticleDraft, Document, UnreadablePart

# The downloads speak the language of the user's interface: "612 words", "612 Wörter", "612 mots";
# dates "3 March 2016", "3. März 2016 Donnerstag", "3 mars 2016" (Factiva's and LexisNexis' German,
# French, Spanish, Italian, Portuguese and Dutch interfaces; LexisNexisTools reads the German and French).
INTERFACE_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
_WORD_UNITS = r"(?:words?|w(?:ö|oe)rter|worte|mots?|palabras|parole|palavras|woorden)"
_WORDS = re.compile(rf"^\s*(\d[\d,.]*)\s+{_WORD_UNITS}\s*$", re.I)
WORD_COUNT_LINE = re.compile(rf"^[ \t]*\d[\d,.]*[ \t]+{_WORD_UNITS}[ \t\r]*$", re.I | re.M)
_FOREIGN_BY = re.compile(r"^\s*(?:Von|Par|Por|Di|Door)\s+(?=[A-ZÀ-Þ])")  # "Von Selma Ruiz", not "Von der Leyen"
# "Copyright 2016 X", "(c) 2016 X", "© X"; and "All Rights Reserved", which LexisNexis Academic and
# Nexis Uni put on a line of its own under the copyright notice.
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|\(c\)|©|all rights reserved\b)", re.I)
_RELEVANCE = re.compile(r"\s*\(\d{1,3}%\)\s*$")  # Nexis "(91%)": how relevant the term is


def stated_words(value: str) -> int | None:
    """ "386 words" -> 386; None when the value is not a length."""
    match = _WORDS.match(value)
    return int(re.sub(r"[,.]", "", match.group(1))) if match else None


def date_line(line: str) -> str | None:
    """YYYY-MM-DD of a line that is only a date, in English or an interface language, else None."""
    return meta.parse_date_line(line, INTERFACE_LANGUAGES)


def is_copyright(line: str) -> bool:
    """A copyright notice line (or its "All Rights Reserved" line)."""
    return bool(_COPYRIGHT.match(line))


def is_byline(line: str) -> bool:
    """A line that opens with "By" (or the interface language's "Von", "Par", "Por", "Di", "Door")
    and a name."""
    return bool(meta.parse_byline(line) or _FOREIGN_BY.match(line))


def authors(byline: str) -> list[str]:
    """The people of a byline field, with or without its "By" ("Von", "Par" …)."""
    byline = _FOREIGN_BY.sub("", byline)
    names = meta.parse_byline(byline) or meta.classify_names(byline)
    return names.authors


def index_terms(facet: str, value: str) -> list[str]:
    """ "Subject", "NEGOTIATIONS (91%); PRISONERS (88%)" -> ["subject:NEGOTIATIONS", "subject:PRISONERS"]."""
    terms = (_RELEVANCE.sub("", term).strip() for term in value.split(";"))
    return [f"{facet.lower()}:{term}" for term in terms if term]


def paragraphs(lines: list[str]) -> str:
    """Body lines (one paragraph each, as the exports write them) as the article's text."""
    return "\n\n".join(line.strip() for line in lines if line.strip())


def parts(read: list[tuple[str, ArticleDraft | str]]) -> list[Document | UnreadablePart]:
    """(locator, draft or the reason it could not be read) per document of an export, in order ->
    the export's articles, with an `UnreadablePart` in the place of each document that has none."""
    return [Document.of_article(found, locator) if isinstance(found, ArticleDraft) else UnreadablePart(locator, found)
            for locator, found in read]
