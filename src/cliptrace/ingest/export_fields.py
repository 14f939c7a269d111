"""Field values that the news database exports (Nexis Uni, LexisNexis Academic, Factiva) share.

Each export has its own layout module; what their fields hold is read here the same way: a stated
length ("386 words"), a byline ("By Salma Aziz"), a copyright line, index terms with relevance
percentages ("NEGOTIATIONS (91%); PRISONERS (88%)").
"""

from __future__ import annotations

import re

from cliptrace.ingest import meta

_WORDS = re.compile(r"^\s*(\d[\d,.]*)\s+words?\s*$", re.I)
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|\(c\)|©)", re.I)
_RELEVANCE = re.compile(r"\s*\(\d{1,3}%\)\s*$")  # Nexis "(91%)": how relevant the term is


def stated_words(value: str) -> int | None:
    """ "386 words" -> 386; None when the value is not a length."""
    match = _WORDS.match(value)
    return int(re.sub(r"[,.]", "", match.group(1))) if match else None


def is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.match(line))


def authors(byline: str) -> list[str]:
    """The people of a byline field, with or without its "By"."""
    names = meta.parse_byline(byline) or meta.classify_names(byline)
    return names.authors


def index_terms(facet: str, value: str) -> list[str]:
    """ "Subject", "NEGOTIATIONS (91%); PRISONERS (88%)" -> ["subject:NEGOTIATIONS", "subject:PRISONERS"]."""
    terms = (_RELEVANCE.sub("", term).strip() for term in value.split(";"))
    return [f"{facet.lower()}:{term}" for term in terms if term]


def paragraphs(lines: list[str]) -> str:
    """Body lines (one paragraph each, as the exports write them) as the article's text."""
    return "\n\n".join(line.strip() for line in lines if line.strip())
