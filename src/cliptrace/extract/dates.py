"""Dates a sentence speaks of ("on Tuesday", "yesterday", "15 September"), resolved against the
article's publication date (news convention: a bare weekday is the most recent one on or before
publication).

Expressions are found with our own patterns (dateparser's `search_dates` is slow and reads any
number as a date); explicit and relative dates are then resolved by dateparser, weekdays by our
own arithmetic (see `_weekday_on_or_before`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import dateparser

if TYPE_CHECKING:  # annotations only: reading a date (ingest, --since) must not load spaCy
    from spacy.tokens import Span, Token

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

_DATE_PATTERN = re.compile(
    "|".join(
        [
            # 15 September 2021, 18 May
            rf"\b(?P<dmy>{_DAY}\s+(?:of\s+)?{_MONTHS}(?:,?\s+{_YEAR})?)\b",
            # June 29, 2021, October 7th, October 7
            rf"\b(?P<mdy>{_MONTHS}\s+{_DAY}(?:,?\s+{_YEAR})?)\b",
            # (last) Tuesday (night)
            rf"\b(?P<weekday>(?i:(?:last\s+)?(?:{'|'.join(_WEEKDAYS)}){_PART_OF_DAY}))\b",
            rf"\b(?P<relative>(?i:(?:earlier\s+|later\s+)?today|yesterday{_PART_OF_DAY}|tonight"
            rf"|last\s+night|this\s+(?:morning|afternoon|evening)))\b",
        ]
    )
)  # month names are matched case-sensitively so that the verb "may" is not a month

# A sentence ends at . ! ? (plus closing quotes) before white space, or at a blank line. A period
# after a single capital ("U.S.") or a title ("Dr.") does not end one.
# The mark first, then what may not precede it: lookbehinds tried at every character were most
# of the time spent finding sentences.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z][.!?])(?<!\bMr[.!?])(?<!\bMs[.!?])(?<!\bDr[.!?])(?<!\bSt[.!?])(?<!\bMrs[.!?])"
    r"(?<!\bGen[.!?])[\"'”’)]*(?=\s)|\n[ \t]*\n"
)


# Dependency links by which a time expression can hang under a verb as its adverbial ("on Tuesday",
# "last night", "Tuesday morning"); a clausal complement or object in the path means the date is
# part of the reported content.
_TIME_LINKS = frozenset({"npadvmod", "tmod", "obl", "prep", "pobj", "advmod", "nummod", "compound",
                         "amod", "nmod", "appos", "quantmod", "det"})
_BOUNDARY_PREPOSITIONS = frozenset({"since", "until", "till", "by", "before", "after", "from", "through", "between"})


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Every date expression in `text` as (start, end, kind); kind is dmy, mdy, weekday or relative."""
    return [(m.start(), m.end(), m.lastgroup or "") for m in _DATE_PATTERN.finditer(text)]


def resolve_date_expression(expr: str, published: str | None) -> str | None:
    """'YYYY-MM-DD' for one date expression, or None when it cannot be pinned down."""
    expr = " ".join(expr.split())
    base = _parse_iso(published)
    lowered = expr.lower()
    weekday = next((i for i, name in enumerate(_WEEKDAYS) if name in lowered), None)
    if weekday is not None:
        if base is None:
            return None
        return _weekday_on_or_before(base, weekday, strictly_before=lowered.startswith("last ")).isoformat()
    has_year = re.search(_YEAR, expr) is not None
    if base is None and not has_year:
        return None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.combine(base, datetime.min.time())
    relative = re.sub(r"^(?:earlier|later)\s+", "", lowered)  # dateparser does not read "earlier today"
    relative = {"tonight": "today", "last night": "yesterday"}.get(relative, relative)
    relative = re.sub(r"^this\s+\w+$", "today", relative)
    parsed = dateparser.parse(relative, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def date_near(text: str, start: int, end: int, published: str | None) -> str | None:
    """The date the sentence holding text[start:end] speaks of; the expression nearest the span wins."""
    sent_start, sent_end = _sentence_bounds(text, start, end)
    sentence = text[sent_start:sent_end]
    found = find_date_expressions(sentence)
    found.sort(key=lambda e: _distance(e[0] + sent_start, e[1] + sent_start, start, end))
    for e_start, e_end, _kind in found:
        resolved = resolve_date_expression(sentence[e_start:e_end], published)
        if resolved:
            return resolved
    return None


def date_of_act(verb: Token, published: str | None, content: tuple[int, int] | None = None) -> str | None:
    """'YYYY-MM-DD' of the act `verb` names (a quote's cue, a figure's reporting verb), or None.

    Only a time expression that modifies the verb itself counts: "said on Tuesday", "told
    reporters yesterday", "On Monday, the ministry said". A date inside what is said or reported
    ("said he was arrested on 3 May", "killed since October 7") hangs under the verb's complement,
    not the verb, and a period's boundary ("since", "until", "before"…) is never the day of the act.
    Nor is a date naming a thing inside the act's `content` (character span), however the parser
    hung it: a cue reporting through its object ("pointed to the turnout in the March 15 primary",
    "denied any role in the March 3 collapse") has that date in what it reports.
    Relative expressions are resolved against `published` (YYYY-MM-DD); unknown stays None.
    """
    sentence = verb.sent
    doc = verb.doc
    for start, end, _kind in _expressions_in(sentence):
        start, end = sentence.start_char + start, sentence.start_char + end
        expression = doc.char_span(start, end, alignment_mode="expand")
        if expression is None or content is not None and start < content[1] and content[0] < end \
                and _names_a_thing(expression.root):
            continue
        if _modifies(expression.root, verb):
            resolved = resolve_date_expression(expression.text, published)
            if resolved:
                return resolved
    return None


def _expressions_in(sentence: Span) -> list[tuple[int, int, str]]:
    """`find_date_expressions` of a parsed sentence, found once per sentence: asked per cue, a long
    run-on sentence full of cues was searched again for each."""
    found = sentence.doc.user_data.setdefault(_SENTENCE_DATES, {})
    if sentence.start not in found:
        found[sentence.start] = find_date_expressions(sentence.text)
    return found[sentence.start]


_SENTENCE_DATES = "cliptrace_sentence_dates"  # sentence start -> its date expressions


def _modifies(token: Token, verb: Token) -> bool:
    """Whether `token` hangs under `verb` through adverbial and prepositional links only, or through
    the subject set after it: in '"…," said X, the minister, on Monday' the parser hangs the day on X."""
    while token != verb:
        if _inverted_subject(token.head, verb) and token.dep_ == "prep" and token.lower_ not in _BOUNDARY_PREPOSITIONS:
            return True
        if token.dep_ not in _TIME_LINKS or token.lower_ in _BOUNDARY_PREPOSITIONS or token.head == token:
            return False
        token = token.head
    return True


def _names_a_thing(token: Token) -> bool:
    """Whether a date is set before a noun as its modifier ("the March 15 primary")."""
    return token.dep_ in ("compound", "nmod", "amod", "nummod") and token.head.pos_ in ("NOUN", "PROPN") \
        and token.head.i > token.i


def _inverted_subject(token: Token, verb: Token) -> bool:
    return token.dep_ == "nsubj" and token.head == verb and token.i > verb.i


def _weekday_on_or_before(base: date, weekday: int, strictly_before: bool = False) -> date:
    # Our own arithmetic: dateparser with PREFER_DATES_FROM="past" turns "Tuesday" in an article
    # published on a Tuesday into the Tuesday a week earlier, while news usage means that same day.
    back = (base.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return base - timedelta(days=back)


@lru_cache(maxsize=8)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end starts and stops, found once per text (it is asked per quote and figure)."""
    found = list(_SENTENCE_END.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    starts, ends = _sentence_ends(text)
    before = bisect_right(ends, start)
    sent_start = ends[before - 1] if before else 0
    after = bisect_left(starts, max(end - 1, start))
    sent_end = ends[after] if after < len(ends) else len(text)
    return sent_start, sent_end


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
