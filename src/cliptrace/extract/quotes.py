"""Quotations: direct (words inside quotation marks), indirect (a cue's reported clause) and mixed
(a reported clause holding quoted words), each with its cue, speaker mention and date.

Two passes over one spaCy parse:
1. quotation marks are paired by scanning characters (`quoted_spans`): every mark style, apostrophes
   told apart from single quotes by their context, quotes left open at a paragraph end;
2. cue words (`cues.py`) are read off the dependency parse (`_reports`): the cue's subject is the
   speaker mention, its clausal complement (or, for some cues, its object) the reported content.
A direct quote takes the cue whose content holds it, else the nearest cue in its sentence, else
the cue of a short neighbouring sentence ("…." he said.), else the speaker of the quote before it;
a quote set inside a sentence takes that sentence's named subject instead, or no speaker at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import ArticleDraft, Entity, Quote
from .cues import (ACCORDING, CUE_RATE, GOVERNING_CUE_RATE, NOMINAL_CONTENT_CUES, NOT_SPEECH, PHRASAL_CUES,
                   QUOTE_ONLY_CUES, SPEECH_CUES)
from .dates import date_of_act
from .entities import GENERIC_ROLES, ORG_IMPLIES, ROLE_NOUNS, qualifies_only
from .nlp import doc_ents, doc_text

Resolver = Callable[[int, int], Entity | None]
Span = tuple[int, int]

# Mark families: a quote closes only with a mark of the family that opened it, so an apostrophe or
# a single-quoted word inside a double-quoted passage is left alone.
_FAMILY = {'"': "double", "“": "double", "”": "double", "„": "double",
           "'": "single", "‘": "single", "’": "single", "«": "angle", "»": "angle"}
_OPENING_ONLY = "“„‘«"
_CLOSING_ONLY = "”’»"
# A blank line, unless the next line goes on in lower case (a sentence cut by a stray break, as
# left behind where a clipping's image or caption was removed).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n(?![ \t\n]*[a-z])")
# Where reported content must stop: a paragraph break, or a line break after a sentence's last mark
# or bracket, spaces of any kind between (texts pasted with one line per paragraph), or before a
# header line.
_BREAK_LOOKAHEAD = 200  # characters past a span's end a block break's look-ahead may read
_BLOCK_BREAK = re.compile(r"(?:\n[ \t]*\n|(?<=[.!?:\"”’)])[^\S\n]*\n)(?![ \t\n]*[a-z])")
_WORD = re.compile(r"\w+")
_DASH = re.compile(r"\s(?:-|--|[—–])\s")
_DOUBLED_OPENING = re.compile(r"(?:``|'')(?=\w)")
_DOUBLED_CLOSING = re.compile(r"(?<=[\w.,!?;:])''")
# A quote padded inside its marks, alone on its stretch of line: the opening mark starts a line or
# follows white space or a colon, the closing one ends the line or is followed by white space.
_PADDED = re.compile(r'(?:(?<=^)|(?<=[\s:(]))(?P<open>["“])(?P<pad1>[ \t]+)(?P<words>[^"“”\n]*?\w[^"“”\n]*?[\w.,!?])'
                     r'(?P<pad2>[ \t]+)(?P<close>["”])(?=\s|$|[,.;:])', re.M)
# An apostrophe eliding a century ("the '80s", "the ’16 race") opens no quote.
_ELIDED_YEAR = re.compile(r"['‘’]\d\d(?:s\b|(?!\d))")
# A double mark closing right after a nested single quote and a space: `"… the term 'outreach,' "`.
_SPACED_CLOSE = re.compile(r"['’] [\"”]")
_TRIM = " \t\n.,;:!?—–-"
_SENTENCE_END = re.compile(r"[.!?][\"”’'»)]*(?=\s)")
_PRONOUNS = frozenset("he she they i we it his her their you".split())
_PERSONAL_PRONOUNS = frozenset("he she they i we".split())
_SINGULAR_PRONOUNS = frozenset("he she i".split())
_OBJECT_PRONOUNS = frozenset("him her them us me it".split())
_SUBORDINATORS = frozenset("after before when whenever while since until once because".split())
_NO_ONE = frozenset("that this which what".split())  # a subject of these alone names no speaker
_QUANTITIES = frozenset("few many some several most half all none both others".split())  # nor of these
_TITLE_SMALL_WORDS = frozenset("a an the of to in on for and or at by is".split())
_ADJACENT_TOKENS = 6  # a verb this close to a quotation's edge can be its attribution
_LABEL_WORDS = 4  # a speaker label before a colon ("SMITH:", "Prime Minister X:") is this short at most
# `“…” – Name, title` after a quotation's closing mark: a dash, then a name, then the line ends.
_DASH_SIGNATURE = re.compile(r"[\"”’'»]?[^\S\n]*[,.]?[^\S\n]*(?P<dash>--|[—–―]|(?<=\s)-)[^\S\n]*"
                             r"(?P<name>[A-Z][^,(\n]*?)[^\S\n.]*\.?[^\S\n]*(?:[,(][^\n]{0,120})?(?=\n|$)")
_STEM = 6  # words compared by this many first letters: "Palestinian" is written as "Palestine"
_ROLE_WINDOW = 80  # characters either side of a name where its role is written ("X, the foreign minister")
# How sure an attribution is, by how the speaker is linked (`_UNLINKED`: a name or pronoun that no
# entity of the article could be found for).
_CONFIDENCE = {"name": 0.95, "header": 0.8, "pronoun": 0.75, "description": 0.7, "continuation": 0.65,
               "unknown": 0.0}
_UNLINKED = {**_CONFIDENCE, "name": 0.85, "pronoun": 0.3, "continuation": 0.5}
_SHORT_QUOTE_WORDS = 4  # quotes this short count only under a cue (else they are scare quotes)
_MIN_REPORTED_WORDS = 2
_TITLE_TOKENS = 2  # "Dr", "Gen.", "Rep." between a cue and the name after it
_NEIGHBOUR_TOKENS = 12  # a sentence this short next to a quote may carry its cue ("he said.")
_INHERIT_PARAGRAPHS = 1  # an unattributed quote takes the voice of a cue or quote this close before it
_LEDE_PARAGRAPHS = 3  # a lede's description ("The head of X said") is named this soon after


def find_quotes(doc: Doc, draft: ArticleDraft, resolve: Resolver) -> list[Quote]:
    """Every quotation in `draft.text` (parsed as `doc`), sorted by position."""
    text = draft.text
    marked = QuotedSpans(quoted_spans(text))
    plain = _plain_marks(text)
    reports = _reports(doc, marked, plain)
    signed = _dash_reports(doc, marked, plain)
    directs = [q for q in marked if _is_quotation(doc, q, reports, plain)]
    quotes: list[_Found] = []
    consumed: set[Span] = set()
    for report in reports:
        found = None if _relays_another(report, reports) else _reported_quote(doc, report, directs, consumed)
        if found:
            quotes.append(found)
    for span in directs:
        if span not in consumed:
            report = signed.get(span) or _report_for_direct(doc, span, reports, plain, marked)
            if report is not None and report.speaker is None:  # introduced by a line naming no one for sure
                quotes.append(_Found(span, "direct", None, unattributed=True))
            else:
                quotes.append(_Found(span, "direct", report or _governing_report(doc, span, marked)))
    quotes.sort(key=lambda f: f.span)
    _inherit_speakers(doc, marked, quotes, reports, resolve)
    return [_to_quote(doc, found, draft.published, resolve, marked) for found in quotes if _keep(found)]


# ----------------------------------------------------------------------------- quotation marks

def quoted_spans(text: str) -> list[Span]:
    """Character spans of the words inside quotation marks (outermost quotes only, marks excluded).

    A quote left open at a paragraph break ends there (the next paragraph reopens it, by the
    convention for quotes running over several paragraphs); so does one left open at a line end
    when the next line opens a quote with the same family of marks. Doubled ASCII marks (``…''
    and ''…'', the typewriter and Penn Treebank spellings of “…”) and marks padded with spaces
    (" like this ") are read as ordinary double quotes.
    """
    text = _plain_marks(text)
    spans: list[Span] = []
    open_at: int | None = None
    family = ""
    i = 0
    while i < len(text):
        char = text[i]
        if open_at is not None and char == "\n" and _quote_breaks_at(text, i, family):
            _add_span(text, open_at + 1, i, spans)
            open_at = None
        elif open_at is None:
            if char in _FAMILY and _opens(text, i):
                open_at, family = i, _FAMILY[char]
        elif _FAMILY.get(char) == family and _closes(text, i) and not _possessive(text, i, family):
            _add_span(text, open_at + 1, i, spans)
            open_at = None
        i += 1
    if open_at is not None:
        _add_span(text, open_at + 1, len(text), spans)
    return spans


def _plain_marks(text: str) -> str:
    """`text` with doubled and padded marks rewritten as a single " touching the words, same length
    (so offsets still index the original)."""
    text = _DOUBLED_OPENING.sub(' "', text)
    text = _DOUBLED_CLOSING.sub('" ', text)
    return _PADDED.sub(lambda m: m["pad1"] + m["open"] + m["words"] + m["close"] + m["pad2"], text)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in _CLOSING_ONLY or after.isspace() or _ELIDED_YEAR.match(text, i):
        return False
    if text[i] in "“„«":
        return True
    return not (before.isalnum() or before in ".,;:!?")  # ' and ‘ inside a word are apostrophes


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in _OPENING_ONLY or before.isspace() and not _SPACED_CLOSE.match(text, i - 2):
        return False
    if text[i] in "”»":
        return True
    return not after.isalnum()  # don’t, Hamas’s: an apostrophe sits between letters


def _possessive(text: str, i: int, family: str) -> bool:
    """"Hamas’ fighters" inside a single-quoted passage: an s’ followed by a word is a possessive
    when another closing mark follows before the paragraph ends or a new quote opens."""
    if family != "single" or text[i - 1] != "s" or not text[i + 1:i + 3].startswith(" ") or not text[i + 2:i + 3].isalnum():
        return False
    for j in range(i + 1, min(len(text), i + 400)):
        if text[j] == "\n" or (_FAMILY.get(text[j]) == family and _opens(text, j)):
            return False
        if _FAMILY.get(text[j]) == family and _closes(text, j):
            return True
    return False


def _quote_breaks_at(text: str, i: int, family: str) -> bool:
    if _PARAGRAPH_BREAK.match(text, i):
        return True
    rest = text[i + 1:i + 200].lstrip(" \t")
    return bool(rest) and _FAMILY.get(rest[0]) == family and _opens(rest, 0)


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if _WORD.search(text, start, end):
        spans.append((start, end))


# ----------------------------------------------------------------------------- cues in the parse

@dataclass
class _Report:
    cue: Token
    cue_span: Span
    speaker: Span | None
    content: Span | None  # the reported clause, or None for a cue that only introduces quotes
    label: bool = False  # the speaker is a label line ("SMITH:"), not a phrase of a sentence


@dataclass
class _Found:
    span: Span
    kind: str
    report: _Report | None
    inherited: bool = False
    unattributed: bool = False  # it continues the speech around it, but whose voice is not told


def _reports(doc: Doc, marked: QuotedSpans, plain: str) -> list[_Report]:
    """Every cue of the text with its speaker and reported content (`plain`: see `_plain_marks`)."""
    text = doc_text(doc)
    starts, ends = {s for s, _ in marked}, {e for _, e in marked}
    reports = []
    for token in doc:
        if _is_according(token):
            reports.append(_according_report(doc, token))
        elif marked.cover(token.idx):
            continue
        elif _is_cue(token):
            content = _clip_to_block(text, _content(doc, token), token.idx)
            speaker = _speaker(token, marked) or _name_after_quote(token, plain, ends) \
                or _object_after_quote(token, plain, ends)
            if speaker is None and (speaker := _person_after_cue(token, plain, ends)) and content:
                content = None if content[0] <= speaker[0] < content[1] else content  # the misparse's "clause"
            if token.tag_ == "VBG" and reports and (speaker is None or _impersonal(text, speaker)):
                speaker = _previous_voice(text, reports[-1], token.idx)
            reports.append(_Report(token, _cue_span(token), speaker, content))
        elif _introduces_quote(token, plain, starts, ends):
            speaker = _speaker(token, marked) or _object_after_quote(token, plain, ends)
            if speaker is not None:
                reports.append(_Report(token, _cue_span(token), speaker, None))
    return reports


def _introduces_quote(verb: Token, plain: str, starts: set[int], ends: set[int]) -> bool:
    """Any verb set right beside a quotation as its attribution: `"…," sighed X`, `"…," X quipped`,
    `"…," as X put it`, `X shrugged: "…"`. The cue lexicon cannot list every verb journalists use
    for speech; the position can (`plain`: the text with marks made plain, see `_plain_marks`)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NOT_SPEECH:
        return False
    clause_start = verb.doc[_clause_start(verb)]
    as_ = [c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < clause_start.i]
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "it"]
    if as_ and not objects:  # '"…," as the memo put it', not '"…," as crowds lined the streets'
        clause_start = as_[0]
    if verb.i - clause_start.i <= _ADJACENT_TOKENS and _quote_ends_before(plain, clause_start.idx, ends):
        return True
    stop = min(verb.i + _ADJACENT_TOKENS, verb.sent.end)
    return any(t.text == ":" and _quote_starts_after(plain, t.idx + 1, starts) for t in verb.doc[verb.i + 1:stop])


def _name_after_quote(cue: Token, plain: str, ends: set[int]) -> Span | None:
    """`“…,” Flynn, a top aide, said Thursday on “Morning Show.”`: the parser took a quoted title
    for the subject; the person named right after the quotation, shortly before the cue, said it
    (looked up among the people near the cue, not every entity of the page per cue)."""
    doc = cue.doc
    for ent in _people_over(doc, doc[max(0, cue.i - _ADJACENT_TOKENS - 1)].idx, cue.idx):
        if 0 <= cue.i - ent.end <= _ADJACENT_TOKENS and _quote_ends_before(plain, ent.start_char, ends):
            return ent.start_char, ent.end_char
    return None


def _object_after_quote(cue: Token, plain: str, ends: set[int]) -> Span | None:
    """`“…,” added a party official.`: after a quotation the speaker follows the cue, and the parser
    often reads it as the cue's object; the phrase right after a finite cue with no subject speaks
    (never after a participle, "“…,” calling him …", nor an object pronoun)."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or not _quote_ends_before(plain, cue.idx, ends):
        return None
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == cue.i + 1
               and c.lower_ not in _OBJECT_PRONOUNS]
    return _mention(objects[0]) if objects else None


def _person_after_cue(cue: Token, plain: str, ends: set[int]) -> Span | None:
    """`“…,” said Dr Issa Moussa, head of the infectious diseases ward.`: the parser, reading "ward"
    as a verb, gave the cue no subject; after a quotation, the person named right after a finite
    cue (a title between allowed) said it."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or not _quote_ends_before(plain, cue.idx, ends):
        return None
    doc = cue.doc
    last = doc[min(len(doc), cue.i + _TITLE_TOKENS + 2) - 1]
    for ent in _people_over(doc, cue.idx + len(cue), last.idx + len(last)):
        if 0 < ent.start - cue.i <= _TITLE_TOKENS + 1 and all(t.pos_ == "PROPN" for t in doc[cue.i + 1:ent.start]):
            return ent.start_char, ent.end_char
    return None


def _quote_ends_before(text: str, at: int, ends: set[int]) -> bool:
    """Whether a quotation closes just before `at` (a comma after the mark allowed: `"…", he said`)."""
    i = at
    while i and text[i - 1] in " \t":
        i -= 1
    if i and text[i - 1] == ",":
        i -= 1
    return bool(i) and text[i - 1] in _FAMILY and i - 1 in ends


def _quote_starts_after(text: str, at: int, starts: set[int]) -> bool:
    i = at
    while i < len(text) and text[i].isspace():
        i += 1
    return i < len(text) and text[i] in _FAMILY and i + 1 in starts


def _dash_reports(doc: Doc, marked: QuotedSpans, plain: str) -> dict[Span, _Report]:
    """Quotes signed by a line after them: `“…” – Name, title` (press releases, round-ups)."""
    found = {}
    for span in marked:
        line = _DASH_SIGNATURE.match(plain, span[1])
        if not line:
            continue
        mention = _signature_name(doc, line.start("name"), line.end("name"))
        dash = doc.char_span(line.start("dash"), line.end("dash"), alignment_mode="expand")
        if mention and dash is not None:
            found[span] = _Report(dash[0], (line.start("dash"), line.end("dash")), mention, None)
    return found


def _signature_name(doc: Doc, start: int, end: int) -> Span | None:
    """The name opening a signature line: a person entity there, else capitalised words (at most a few)."""
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and start <= ent.start_char < end:
            return (ent.start_char, ent.end_char) if ent.start_char == start else None
    words = doc_text(doc)[start:end].split()
    if len(words) > 4 or not all(w[:1].isupper() for w in words):
        return None
    return start, _trim_end(doc_text(doc), start, end)


def _introduction(doc: Doc, colon: int | None, reports: list[_Report], marked: QuotedSpans) -> _Report | None:
    """The line ending in the `colon` just above or before a quotation (`_colon_before`; None: there
    is none): a cue there ("a spokesperson wrote:"), else the person it names ("And from the
    agency's director, Jane Roe:"), else the line itself when it is a short label ("SMITH:"). A cue before a dash is a headline's
    ("Bankers disagree - Ruth Adams:"); a name with another subject after it is another clause's
    ("X backed the plan, and the Ledger has the tape:"), and a possessor is no speaker ("the plan
    hangs on X's promise:"): a line naming someone only so introduces a quotation whose speaker
    is not told (a report with no speaker)."""
    text = doc_text(doc)
    colon_token = doc.char_span(colon, colon + 1, alignment_mode="expand") if colon is not None else None
    if colon_token is None:
        return None
    line_start = text.rfind("\n", 0, colon) + 1
    on_line = [r for r in reports if line_start <= r.cue_span[0] < colon and r.speaker]
    cues = [r for r in on_line if not _headline_cue(text, r, colon)]
    if cues:
        return cues[-1]
    people = [e for e in doc_ents(doc) if e.label_ == "PERSON" and line_start <= e.start_char and e.end_char <= colon]
    if people and _speaks_up_to(doc, people[-1], colon_token[0], marked):
        return _Report(colon_token[0], (colon, colon + 1), (people[-1].start_char, people[-1].end_char), None)
    label = text[line_start:colon].strip()
    if 0 < len(label.split()) <= _LABEL_WORDS and all(w[0].isupper() for w in label.split()):
        start = line_start + text[line_start:colon].index(label)
        return _Report(colon_token[0], (colon, colon + 1), (start, start + len(label)), None, label=True)
    if on_line or people:
        return _Report(colon_token[0], (colon, colon + 1), None, None)
    return None


def _headline_cue(text: str, report: _Report, colon: int | None) -> bool:
    """Whether a dash stands between the cue and the colon introducing a quotation ("Bankers
    disagree - Ruth Adams: “…”"): the cue is a headline's, the label after the dash speaks."""
    if colon is None or report.cue_span[1] > colon:
        return False
    return _DASH.search(text, report.cue_span[1], colon) is not None


def _speaks_up_to(doc: Doc, person: SpacySpan, colon: Token, marked: QuotedSpans) -> bool:
    """Whether the words between a person's name and the colon go on about that person: the name
    is no possessor ("hangs on X's promise:"), and no subject of another clause follows it (quoted
    words aside: the parser finds subjects in 'rejects "sweeping arbitrary hiring bans"')."""
    between = doc[person.end:colon.i]
    possessor = len(between) > 0 and between[0].tag_ == "POS"
    return not possessor and not any(t.dep_ in ("nsubj", "nsubjpass") and not marked.cover(t.idx) for t in between)


def _colon_before(text: str, span: Span) -> int | None:
    """The offset of the colon that introduces the quotation, marks and white space between skipped."""
    colon = span[0] - 1
    while colon > 0 and (text[colon] in _FAMILY or text[colon] in "`'" or text[colon].isspace()):
        colon -= 1
    return colon if colon > 0 and text[colon] == ":" else None


def _impersonal(text: str, mention: Span) -> bool:
    return text[mention[0]:mention[1]].lower() in ("it", "this", "that")


def _previous_voice(text: str, previous: _Report, at: int) -> Span | None:
    """"…,” adding that …" where the parse lost the participle's verb: it goes on in the voice of
    the report just before it on the same line (a text may write one paragraph a line)."""
    if "\n" in text[previous.cue_span[1]:at]:
        return None
    return previous.speaker


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_CUES:
        return False
    needed = PHRASAL_CUES.get(lemma)
    return needed is None or any(c.lower_ in needed for c in token.children)


def _is_according(token: Token) -> bool:
    return token.lower_ == ACCORDING and any(c.lower_ == "to" for c in token.children)


def _cue_span(token: Token) -> Span:
    particles = [c for c in token.rights if c.dep_ == "prt"]
    end_token = particles[0] if particles and particles[0].i == token.i + 1 else token
    return token.idx, end_token.idx + len(end_token)


def _according_report(doc: Doc, token: Token) -> _Report:
    to = next(c for c in token.children if c.lower_ == "to")
    objects = [c for c in to.children if c.dep_ == "pobj"]
    speaker = _mention(objects[0]) if objects else None
    own = {t.i for t in token.subtree}  # the content is the rest of its sentence, wherever it hangs
    rest = [t for t in token.sent if t.i not in own]
    content = _clip_to_block(doc_text(doc), _longest_run(doc, rest), token.idx)
    return _Report(token, (token.idx, to.idx + len(to)), speaker, content)


def _speaker(cue: Token, marked: QuotedSpans) -> Span | None:
    """The cue's subject, climbing from a participle or conjunct ("…, adding that") or through a
    preposition ("After saying …, she left") to its verb."""
    if _asked(cue):
        return None
    if cue.tag_ == "VBG":  # "…, noting that": the voice is that of the nearest cue verb above with one
        for governing in (a for a in cue.ancestors if _is_cue(a)):
            found = _speaker(governing, marked)
            if found is not None:
                return found
    token = cue
    for _ in range(4):
        # A passive cue's subject is what was said or who was told ("the plan was proposed"),
        # not the speaker; higher up it is ("he was quoted as saying").
        subject_deps = ("nsubj",) if token == cue else ("nsubj", "nsubjpass")
        # The cue is never its own speaker: the parser reads "…, writing “Feels great …”" as the
        # subject of the quoted verb.
        subjects = [c for c in token.children if c.dep_ in subject_deps and not marked.cover(c.idx)
                    and not c.left_edge.i <= cue.i <= c.right_edge.i]
        if subjects:  # the parser sometimes splits "Secretary General … Ziyad al-Nakhaleh": take the nearest
            return _mention(min(subjects, key=lambda c: abs(c.i - token.i)))
        if token == cue and _own_subject_lost(cue):
            return None
        participle = token == cue and cue.tag_ == "VBG"  # "…, noting that": the parser attaches it anywhere
        if not participle and token.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep", "acl", "relcl") \
                or token.head == token:
            return None
        token = token.head
    return None


def _asked(cue: Token) -> bool:
    """A passive participle cue opening the clause it hangs from ("Asked why …, Earnest replied"):
    the main clause's subject is the one asked or told, not the speaker, who is not named."""
    return cue.tag_ == "VBN" and cue.dep_ == "advcl" and cue.head.i > cue.i \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in cue.children)


def _own_subject_lost(cue: Token) -> bool:
    """Whether a finite cue with no subject has a noun right before it, its auxiliaries and adverbs
    skipped ("… and Channel Four News will accuse you of …", "“…,” Berg quipped" with Berg read as
    a compound): the parser lost the cue's own subject, so it must not climb to another verb's."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.tag_ == "MD" for c in cue.children):
        return False
    before = cue.i - 1
    while before >= 0 and cue.doc[before].head == cue and cue.doc[before].dep_ in ("aux", "neg", "advmod"):
        before -= 1
    # Not the end of an adverbial phrase: "but in a second statement said …".
    noun = cue.doc[before] if before >= 0 else None
    return noun is not None and noun.pos_ in ("NOUN", "PROPN", "PRON") and noun.dep_ not in ("pobj", "npadvmod")


def _mention(head: Token) -> Span:
    """The noun phrase headed by `head`, without appositions, relative clauses or what follows a comma."""
    start = head
    for token in reversed(list(head.doc[head.left_edge.i:head.i])):
        if token.is_punct and token.text not in "'’-" or "\n" in token.text_with_ws:
            break  # a header line above is not part of the name: "Hadi al-Amiri\n\nIraqi … Al-Amiri said"
        start = token
    end = head
    named = _names_person(head.doc, start.idx, head.idx + len(head))
    for child in head.subtree:
        if child.i > head.i and child.dep_ == "appos" and not named \
                and _names_person(head.doc, child.left_edge.idx, child.idx + 1):
            return start.idx, child.idx + len(child)  # "The head of the bureau, Ismail Haniyeh, says"
    for child in head.rights:
        if child.dep_ not in ("compound", "flat", "prep", "nmod", "pobj"):
            break
        stop = next((t for t in child.subtree if t.is_punct and t.text not in "'’-"), None)
        if stop is not None:
            break
        end = child.right_edge
    return start.idx, end.idx + len(end)


def _names_person(doc: Doc, start: int, end: int) -> bool:
    """Whether a PERSON entity overlaps text[start:end]."""
    return bool(_people_over(doc, start, end))


def _people_over(doc: Doc, start: int, end: int) -> list[Span]:
    """The PERSON entities overlapping text[start:end], found by bisection (entities never overlap,
    so sorted by start they are sorted by end too): a scan of every entity per quotation was
    quadratic on a long page."""
    index = doc.user_data.get(_PERSON_SPANS)
    if index is None:
        people = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
        index = doc.user_data[_PERSON_SPANS] = (people, [e.end_char for e in people])
    people, ends = index
    k = bisect_right(ends, start)
    found = []
    while k < len(people) and people[k].start_char < end:
        found.append(people[k])
        k += 1
    return found


_PERSON_SPANS = "cliptrace_person_spans"  # (PERSON entities in order, their ends)


def _content(doc: Doc, cue: Token) -> Span | None:
    """The reported clause: the cue's clausal complement, or its object for cues that report one."""
    lemma = cue.lemma_.lower()
    # A clause before the cue that is itself a report ("X explained …. Addressing it, Y noted …",
    # misparsed as one sentence) is not this cue's content.
    parts = [c for c in cue.children if c.dep_ == "ccomp" and not (c.i < cue.i and _has_own_speaker(c))]
    if _introduces_by_colon(cue):  # "a spokesperson wrote: …": what follows the colon is reported
        parts = [c for c in parts if c.i > cue.i]
    if not parts and _closes_sentence(cue):  # "The trucks crossed at noon, the agency said."
        return _longest_run(doc, list(doc[cue.sent.start:_nearest_subject_start(cue) - 1]))
    if not parts and lemma in NOMINAL_CONTENT_CUES:
        particles = PHRASAL_CUES.get(lemma, frozenset())
        parts = [c for c in cue.rights if c.dep_ in ("dobj", "prep", "xcomp", "oprd")
                 and c.lower_ not in ("on", "upon")]
        parts = [p for p in parts if not (p.dep_ == "prep" and p.lower_ not in particles | {"as", "against"})]
        if lemma in PHRASAL_CUES:  # "point to X": the content is the preposition's object
            parts = [g for p in parts for g in ([*p.children] if p.lower_ in particles else [p])]
    if not parts and cue.dep_ == "parataxis":  # "X is true, he said": the cue hangs off the clause
        own = {t.i for t in cue.subtree}
        return _longest_run(doc, [t for t in cue.head.subtree if t.i not in own])
    if not parts:
        return None
    tokens = [t for part in parts for t in part.subtree]
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    if first > cue.i:  # content after the cue runs to the end of the sentence, or of its clause
        tokens = list(doc[first:_subordinate_end(cue)])
    elif last < cue.i:  # "X, while Y, Qassem said": the content runs on up to the speaker
        tokens = list(doc[first:_clause_start(cue)])
    tokens = _cut_nested_cues(tokens, cue)
    if all(p.dep_ == "dobj" for p in parts) and _is_bare_thing(tokens):
        return None  # "announced the tour on Monday", "denied both allegations": a thing named
    # ("described the plan as reckless", "stressed their importance as they …" say something of it)
    return _longest_run(doc, tokens)


_BARE_THING_WORDS = 5


def _is_bare_thing(tokens: list[Token]) -> bool:
    """A short object with no verb and no quoted words: what a cue names ("the new album"), not
    what anyone said about it."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    return (len(words) <= _BARE_THING_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in words)
            and not any(t.is_quote for t in tokens))


def _subordinate_end(cue: Token) -> int:
    """Where a cue's content must end: its own clause's end when a conjunction makes the clause
    subordinate to a main clause after it ("When the mill announced that …, Kettering said …"), or
    when it is a relative clause ("Rask, who said that …, issued a statement saying “…”", "the
    business, which friends described as miserable, …"), else its sentence's end."""
    conjunction = any(c.i < cue.i and (c.dep_ == "mark" or c.tag_ == "WRB") for c in cue.children)
    if cue.dep_ == "advcl" and cue.head.i > cue.right_edge.i and conjunction:
        return cue.right_edge.i + 1
    if cue.dep_ == "relcl":
        return cue.right_edge.i + 1
    return cue.sent.end


def _introduces_by_colon(cue: Token) -> bool:
    return any(t.text == ":" for t in cue.doc[cue.i + 1:min(cue.i + _ADJACENT_TOKENS, cue.sent.end)])


def _closes_sentence(cue: Token) -> bool:
    """`…, SUBJECT CUE.`: the cue's clause follows a comma and ends its sentence. The parser often
    misreads the clause before the comma as a second subject, so its complement is lost."""
    start = _nearest_subject_start(cue)
    rest = cue.doc[cue.i + 1:cue.sent.end]
    return (start > cue.sent.start + _MIN_REPORTED_WORDS and cue.doc[start - 1].text == ","
            and all(t.is_punct or t.is_space for t in rest))


def _nearest_subject_start(cue: Token) -> int:
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i]
    return max(subjects, key=lambda c: c.i).left_edge.i if subjects else cue.i


def _has_own_speaker(token: Token) -> bool:
    """A cue with its own subject and its own reported clause."""
    return _is_cue(token) and all(any(c.dep_ in deps for c in token.children)
                                  for deps in (("nsubj", "nsubjpass"), ("ccomp",)))


def _clause_start(cue: Token) -> int:
    """Where the cue's own clause begins: its subject's first token, or the cue itself."""
    subjects = [c.left_edge.i for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    return min([cue.i, *subjects])


def _clip_to_block(text: str, span: Span | None, anchor: int) -> Span | None:
    """The part of `span` in the text block (paragraph) holding the cue at `anchor`."""
    if span is None:
        return None
    # Breaks are runs of white space: those ending inside the span start in the run before it, if not in it.
    run = span[0]
    while run and text[run - 1] in " \t\n":
        run -= 1
    start = max([m.end() for m in _BLOCK_BREAK.finditer(text, run, anchor)] + [span[0]])
    # Only a break before the span's end matters: searching on to the text's end made a page of one
    # endless paragraph quadratic (a 300 KB line: 12 s of 15).
    after = _BLOCK_BREAK.search(text, anchor, min(len(text), span[1] + _BREAK_LOOKAHEAD))
    end = min(span[1], after.start()) if after else span[1]
    while start < end and not text[start].isalnum() and text[start] not in "\"“‘'«":
        start += 1
    end = _trim_end(text, start, end)
    return (start, end) if _WORD.search(text, start, end) else None


def _cut_nested_cues(tokens: list[Token], cue: Token) -> list[Token]:
    """Drop a nested participle or conjunct cue and what it reports ("…, adding that …")."""
    nested = [t for t in tokens if t.i > cue.i and _is_cue(t) and _starts_own_report(t, cue)]
    cuts = [t.i for t in tokens if t.i > cue.i and _is_according(t)]
    for t in nested:  # cut where the nested cue's own clause begins: "…, adding that …"
        start = t.left_edge.i
        cuts.append(start if start > cue.i else t.i)
    if not cuts:
        return tokens
    return [t for t in tokens if t.i < min(cuts)]


def _starts_own_report(token: Token, cue: Token) -> bool:
    """A participle or conjoined cue with its own complement reports a new quote ("…, adding that …",
    "… and stressed that …"). A participle set off by no comma, deep in the content, belongs to the
    reported clause ("arresting civilians claiming they are …", "those threatening to …")."""
    own_content = any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children)
    if not own_content:
        return False
    if token.tag_ == "VBG":
        return token.head == cue or _after_comma(token)
    return token.dep_ in ("conj", "advcl") and token.head == cue


def _after_comma(token: Token) -> bool:
    """Whether a comma (or a dash) sets the token's phrase off, closing quotation marks skipped."""
    i = token.left_edge.i - 1
    while i >= 0 and token.doc[i].text in _FAMILY:
        i -= 1
    return i >= 0 and token.doc[i].text in (",", ";", "—", "–")


def _longest_run(doc: Doc, tokens: list[Token]) -> Span | None:
    """The longest stretch of consecutive token indices (the first of equal ones), trimmed of edge
    punctuation and "that"."""
    indices = sorted({t.i for t in tokens})
    first = last = None  # token indices of the longest run so far
    run_start = 0
    for k in range(1, len(indices) + 1):
        if k == len(indices) or indices[k] != indices[k - 1] + 1:
            if first is None or k - run_start > last - first + 1:
                first, last = indices[run_start], indices[k - 1]
            run_start = k
    if first is None:
        return None
    while first <= last and (doc[first].is_punct and doc[first].text not in "\"“‘'«"
                             or doc[first].lower_ == "that" and doc[first].dep_ == "mark"
                             or doc[first].is_space or doc[first].dep_ == "cc"):
        first += 1
    while first <= last and (doc[last].is_punct and doc[last].text not in "\"”’'»" or doc[last].is_space
                             or doc[last].dep_ == "cc"):
        last -= 1
    if first > last:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return start, _trim_end(doc_text(doc), start, end)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return end


# ----------------------------------------------------------------------------- direct quotes

def _is_quotation(doc: Doc, span: Span, reports: list[_Report], plain: str) -> bool:
    """A quotation rather than a scare-quoted term or a title ("Israel", "Operation Al-Aqsa Flood"). A
    few words count only under a cue of the lexicon or a cue right after their "?" or "!": under a
    verb that often attributes ("Ms. Roe called it “a swindle”") they were right more often on PolNeAR
    train but wrong more often on dev (2026-12-02), so they stay scare quotes."""
    words = _WORD.findall(doc_text(doc)[span[0]:span[1]])
    if all(w[0].isupper() or w.isdigit() or w in _TITLE_SMALL_WORDS for w in words) and len(words) <= 6:
        return False
    if len(words) > _SHORT_QUOTE_WORDS:
        return True
    quote_tokens = _tokens_in(doc, span)
    cues = {r.cue.i for r in reports if r.cue.lower_ != ACCORDING}
    return any(a.i in cues for t in quote_tokens for a in t.ancestors) or _cue_right_after(plain, span, reports) is not None


def _cue_right_after(plain: str, span: Span, reports: list[_Report]) -> _Report | None:
    """`"Why not?" she asked.`: the parser ends a sentence at a quotation's own "?" or "!", so the
    cue right after the closing mark governs none of its words, and its sentence may be long ("she
    wrote, arguing that …"). `plain`: see `_plain_marks`. Not after a ".": 'They call it "the big
    kettle." Berg said …' closes a term and its sentence."""
    if not plain[span[0]:span[1]].rstrip().endswith(("?", "!")):
        return None
    for report in reports:
        if report.speaker and report.cue.lower_ != ACCORDING:
            clause_start = report.cue.doc[_clause_start(report.cue)]
            if report.cue.i - clause_start.i <= _ADJACENT_TOKENS \
                    and _quote_ends_before(plain, clause_start.idx, {span[1]}):
                return report
    return None


def _report_for_direct(doc: Doc, span: Span, reports: list[_Report], plain: str,
                       marked: QuotedSpans) -> _Report | None:
    """The cue of a direct quote: the one reporting or introducing it, else the nearest in its
    sentence, right after it or in a neighbour."""
    colon = _colon_before(doc_text(doc), span)
    for report in reports:
        if report.content and _overlaps(report.content, span) and report.speaker \
                and not _headline_cue(doc_text(doc), report, colon):
            return report
    introduction = _introduction(doc, colon, reports, marked)
    if introduction is not None:
        return introduction
    sentence = _sentence_window(doc, span)
    near = [r for r in reports if sentence[0] <= r.cue_span[0] < sentence[1] and r.speaker
            and not _overlaps(r.cue_span, span) and not _subordinate_elsewhere(r.cue, span)]
    if near:
        return min(near, key=lambda r: _distance(r.cue_span, span))
    after = _cue_right_after(plain, span, reports)
    if after is not None:
        return after
    for neighbour in _neighbour_sentences(doc, span):
        near = [r for r in reports if neighbour[0] <= r.cue_span[0] < neighbour[1] and r.speaker]
        if near:
            return near[0]
    return None


def _subordinate_elsewhere(cue: Token, span: Span) -> bool:
    """Whether the cue heads a clause subordinated by a conjunction of time or cause ("Before the
    referee explained the ruling, the captain snapped, “…”"), and the quotation lies outside that
    clause: the clause tells what led to the quotation, whose speaker is someone else."""
    return _subordinated(cue) and not cue.left_edge.idx <= span[0] < cue.right_edge.idx + len(cue.right_edge)


def _subordinated(cue: Token) -> bool:
    """Whether a conjunction of time or cause opens the cue's clause ("after the engineers announced …")."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS for c in cue.children)


def _governing_report(doc: Doc, span: Span, marked: QuotedSpans) -> _Report | None:
    """A quotation set inside a sentence as what its verb's subject said or wrote, with no cue:
    'X called Y a “…”', 'X attacked “…”'. The first verb above the quotation must be one that
    mostly cues attributions (`cues.CUE_RATE`) and have a named or pronoun subject; else None."""
    tokens = _tokens_in(doc, span)
    heads = [t.head for t in tokens if not span[0] <= t.head.idx < span[1] and t.head.i != t.i]
    if not heads:
        return None  # a sentence of its own
    verb = heads[0]
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    rate = CUE_RATE.get(verb.lemma_.lower(), 0.0)
    if verb.pos_ != "VERB" or rate < GOVERNING_CUE_RATE or marked.cover(verb.idx) \
            or _other_block(doc_text(doc), span, verb.idx):
        return None
    speaker = _speaker(verb, marked)
    phrase = doc.char_span(*speaker, alignment_mode="expand") if speaker else None
    if phrase is None or phrase.root.pos_ not in ("PROPN", "PRON") or _impersonal(doc_text(doc), speaker):
        return None
    return _Report(verb, _cue_span(verb), speaker, None)


def _sentence_window(doc: Doc, span: Span) -> Span:
    """From the start of the sentence holding the quote's first word to the end of the one holding
    its last, kept inside the paragraph (`_BLOCK_BREAK`: in a text written one paragraph a line,
    the parser runs `…."⏎Earlier that evening, Ortiz said …` into one sentence)."""
    tokens = _tokens_in(doc, span)
    if not tokens:
        return span
    start, end = tokens[0].sent.start_char, tokens[-1].sent.end_char
    paragraph_start = max((m.end() for m in _BLOCK_BREAK.finditer(doc_text(doc), 0, span[0])), default=0)
    next_break = _BLOCK_BREAK.search(doc_text(doc), span[1])
    paragraph_end = next_break.start() if next_break else len(doc_text(doc))
    return max(start, paragraph_start), min(end, paragraph_end)


def _other_block(text: str, span: Span, at: int) -> bool:
    """Whether a paragraph break (`_BLOCK_BREAK`) stands between the quotation and offset `at`."""
    return _BLOCK_BREAK.search(text, min(at, span[1]), max(at, span[0])) is not None


def _neighbour_sentences(doc: Doc, span: Span) -> list[Span]:
    """A short sentence right after the quote ("he said.") on its line, unless it introduces the
    next one. The parser may start that sentence at the quote's closing mark: the line is told by
    its first word (`…."⏎Lindgren disagreed.` is the next paragraph's)."""
    tokens = _tokens_in(doc, span)
    if not tokens:
        return []
    found = []
    last = tokens[-1].sent
    if last.end < len(doc):
        after = doc[last.end].sent
        words = [t for t in after if not (t.is_punct or t.is_space)]
        if len(after) <= _NEIGHBOUR_TOKENS and not after.text.rstrip().endswith(":") \
                and words and "\n" not in doc_text(doc)[span[1]:words[0].idx]:  # ":" introduces the next
            found.append((after.start_char, after.end_char))
    return found


# ----------------------------------------------------------------------------- reported speech

def _reported_quote(doc: Doc, report: _Report, directs: list[Span], consumed: set[Span]) -> _Found | None:
    """The indirect or mixed quote a cue reports; None when its content is a direct quote."""
    if report.content is None or (report.speaker is None and report.cue.lower_ != ACCORDING):
        return None
    content = report.content
    if any(_overlaps(d, content) and not _within(d, content) for d in directs):
        return None  # the content is (part of) a direct quote: that quote carries this cue
    inner = [d for d in directs if _within(d, content)]
    if not inner:
        if report.cue.lemma_.lower() in QUOTE_ONLY_CUES or len(_WORD.findall(doc_text(doc), *content)) < _MIN_REPORTED_WORDS:
            return None  # "which he said were:" reports no clause of its own
        return _Found(content, "indirect", report)
    if not _reports_more_than(doc, content, inner):
        return None  # 'called on them to “stop …”': the quote is the content
    consumed.update(inner)
    return _Found(content, "mixed", report)


def _relays_another(report: _Report, reports: list[_Report]) -> bool:
    """An "according to" whose content holds another cue with its speaker ("…, the commission said,
    according to Reuters"; "“…,” he said, according to the Gazette"): the outlet relays that
    speaker's words, which are theirs, not the outlet's (read off unseen Zyte pages, where the
    outlet took both a quotation and its span's "he said")."""
    if report.cue.lower_ != ACCORDING or report.content is None:
        return False
    start, end = report.content
    # Not a cue in a clause of its own inside the content: in "According to Reuters, the talks collapsed
    # after the minister said …" or "…, the driver fled and a witness said …" the rest is the outlet's.
    return any(other is not report and other.speaker and other.cue.lower_ != ACCORDING
               and start <= other.cue.idx < end and not _subordinated(other.cue) and other.cue.dep_ != "conj"
               for other in reports)


def _reports_more_than(doc: Doc, content: Span, inner: list[Span]) -> bool:
    """Whether reported content says more than its quotations: a noun, name or verb of its own
    ('said the killing “will not …”'), or more than two words ('said it would “fight on”')."""
    quoted = QuotedSpans(inner)  # a test per token against every quotation was quadratic
    outside = [t for t in _tokens_in(doc, content) if not quoted.cover(t.idx) and not t.is_punct]
    return (len(_words_outside(doc_text(doc), content, quoted)) > 2
            or any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in outside))


def _words_outside(text: str, span: Span, quoted: QuotedSpans) -> list[str]:
    words = [m.group() for m in _WORD.finditer(text, span[0], span[1]) if not quoted.cover(m.start())]
    return [w for w in words if w.lower() not in ("that", "to")]


def _inherit_speakers(doc: Doc, marked: QuotedSpans, quotes: list[_Found], reports: list[_Report],
                      resolve: Resolver) -> None:
    """A direct quote with no cue of its own continues the latest voice shortly before it: the
    speaker of the quote before it, or of a report after that quote ("The leader praised the
    fighters. ¶ “…”"). A report nested in another ("he said Hamas said …") is not the voice, nor a
    denied one ("He did not suggest retaliation."), nor one in a clause of time or cause: in "“…,” X
    said, an hour after the engineers announced a delay. “…”" the voice is X's. A quote set inside a sentence of its own words
    is not the voice before it: it is the sentence's subject's when that names someone ("Then Lee
    leaned in and boomed: “…”"), else it is kept with no speaker ("The leaflet shows a “…”"), and
    so is a quote continuing it."""
    text = doc_text(doc)
    voices = [r for before, r in zip([None, *reports], reports) if r.speaker is not None
              and not (before and before.content and _within(r.cue_span, before.content))
              and not any(c.dep_ == "neg" for c in r.cue.children) and r.cue.dep_ != "relcl"]
    previous: _Found | None = None
    next_voice = 0
    latest = main = None  # the latest voice, and the latest outside a clause of time or cause
    for found in quotes:
        while next_voice < len(voices) and voices[next_voice].cue_span[1] <= found.span[0]:
            latest = voices[next_voice]
            main = main if _subordinated(latest.cue) else latest
            next_voice += 1
        if found.report is None and found.kind == "direct" and not found.unattributed:
            after_quote = latest is not None and (previous is None or latest.cue_span[0] >= previous.span[1])
            since = latest.cue_span[1] if after_quote else previous.span[1] if previous else None
            if since is not None and len(re.findall(r"\n\s*", text[since:found.span[0]])) <= _INHERIT_PARAGRAPHS:
                voice = latest if after_quote else previous.report
                if voice is not None and _subordinated(voice.cue):
                    voice = main if main is not None and (previous is None or main.cue_span[0] >= previous.span[1]) \
                        else None
                quoted = previous is not None and previous.kind != "indirect" and voice is previous.report
                if _inside_sentence(doc, found.span):
                    found.report = _main_clause_report(doc, found.span, marked)
                    found.unattributed = found.report is None
                elif voice is None or not _goes_on(doc, voice, quoted, since, found.span[0], resolve):
                    found.unattributed = True  # whose words these are is not told: never guessed
                else:
                    found.report, found.inherited = voice, True
        nested = previous is not None and _within(found.span, previous.span)
        voiced = found.report is not None and found.report.speaker is not None and not _subordinated(found.report.cue)
        if (found.unattributed or voiced) and not nested:
            previous = found


def _goes_on(doc: Doc, voice: _Report, quoted: bool, since: int, at: int, resolve: Resolver) -> bool:
    """Whether a quotation at `at` with no cue of its own goes on in `voice`, whose report, or the
    quotation it spoke (`quoted`), ends at `since`. In the same paragraph it does ("“…,” added a
    chairman. “…”"). Past a paragraph break (`_BLOCK_BREAK`: a line break, in a text written one
    paragraph a line), only when the voice's sentence is the last thing written before it ("“…,”
    he said. He then asked the crowd: ¶ “…”" is not his), and, when the voice was only reported,
    not quoted, names one person."""
    text = doc_text(doc)
    if not _BLOCK_BREAK.search(text, since, at):
        return True
    end = max(voice.cue.sent.end_char, since)
    return (end >= at or _WORD.search(text, end, at) is None) and (quoted or _one_person(doc, voice.speaker, resolve))


def _one_person(doc: Doc, mention: Span, resolve: Resolver) -> bool:
    """Whether a voice's mention stands for one person: "he", "she", "I", a person the article
    names, or an office nobody is named in ("the resistance leader"); not a plural, two joined by
    "and", or an organisation. A quotation in the paragraph after a report is taken to go on in the
    reported voice only then: after a group's or an organisation's report ("Critics said …", "the
    water board warned …", "according to a poll …") come other people's words about as often as its own."""
    phrase = doc.char_span(*mention, alignment_mode="expand")
    if phrase is None:
        return False
    root = phrase.root
    if root.lower_ in _PRONOUNS or root.tag_ in ("WP", "WDT"):
        return root.lower_ in _SINGULAR_PRONOUNS
    if root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children):
        return False
    if _several_people(root):
        return False
    entity = resolve(*mention)
    return entity.type == "person" if entity is not None else root.lower_ in ROLE_NOUNS


def _several_people(root: Token) -> bool:
    """Whether the phrase a mention heads, with all the parser hung on it, joins two or more
    named people ("Berg, Channel Nine's X and the Courier's Y argued": the others read as
    appositions, or the "and" missed and two names made one mention)."""
    phrase = root.doc[root.left_edge.i:root.right_edge.i + 1]
    people = [e for e in doc_ents(root.doc) if e.label_ == "PERSON"
              and phrase.start_char <= e.start_char and e.end_char <= phrase.end_char]
    return len(people) > 1 and any(t.lower_ == "and" for t in phrase)


def _inside_sentence(doc: Doc, span: Span) -> bool:
    """Whether words of the quotation's sentence come before its opening mark on its line. The
    sentence starts at the latest of the parser's sentence start and a written one (after ".", "!"
    or "?", closing marks allowed): the parser often runs `… paranoia,” Lee said. “Some …` into one."""
    tokens = _tokens_in(doc, span)
    if not tokens:
        return False
    text = doc_text(doc)
    start = max(tokens[0].sent.start_char, text.rfind("\n", 0, span[0]) + 1,
                *(m.end() for m in _SENTENCE_END.finditer(text, max(0, span[0] - _ROLE_WINDOW), span[0])))
    return _WORD.search(text, start, span[0]) is not None


def _main_clause_report(doc: Doc, span: Span, marked: QuotedSpans) -> _Report | None:
    """The subject of the verb heading the sentence a quotation is set in, when it is a name or a
    personal pronoun outside quotation marks ("He anticipated that the hardest task would be “…”");
    that verb stands as the cue."""
    tokens = _tokens_in(doc, span)
    heads = [t.head for t in tokens if not span[0] <= t.head.idx < span[1] and t.head.i != t.i]
    if not heads:
        return None
    root = heads[0]
    while root.head.i != root.i:
        root = root.head
    subjects = [c for c in root.children if c.dep_ == "nsubj" and not marked.cover(c.idx)]
    if root.pos_ != "VERB" or not subjects or not (subjects[0].pos_ == "PROPN" or subjects[0].lower_ in _PERSONAL_PRONOUNS):
        return None
    return _Report(root, _cue_span(root), _mention(subjects[0]), None)


def _keep(found: _Found) -> bool:
    """A quotation with no cue near it and no speaker before it is a title, a slogan or a term."""
    return found.report is not None or found.unattributed


def _to_quote(doc: Doc, found: _Found, published: str | None, resolve: Resolver, marked: QuotedSpans) -> Quote:
    text = doc_text(doc)
    report = found.report
    mention = report.speaker if report else None
    # The phrase the mention stands for: itself, or a relative pronoun's antecedent.
    referent = _antecedent_of_relative(doc, mention) if mention else None
    if referent is not None and _no_one(doc, referent, marked):
        mention = referent = None
    basis = _basis(doc, found, referent)
    speaker = speaker_id = None
    if referent is not None:
        entity = resolve(*referent)
        if entity is not None and basis == "description" and entity.type == "person" \
                and not _described_as(doc, entity, referent):
            entity = None  # a role nobody in the article is named in: abstain, never the nearest person
        if entity is not None:
            speaker, speaker_id = entity.name, entity.id
        elif text[referent[0]:referent[1]].lower() not in _PRONOUNS:
            speaker = text[referent[0]:referent[1]]
    confidence = _CONFIDENCE[basis] if speaker_id or basis in ("description", "header") else _UNLINKED[basis]
    cue = text[report.cue_span[0]:report.cue_span[1]] if report else None
    said_on = date_of_act(report.cue, published, report.content) if report else None
    return Quote(start=found.span[0], end=found.span[1], kind=found.kind, speaker=speaker,
                 speaker_id=speaker_id, speaker_mention=mention, cue=cue, said_on=said_on,
                 speaker_basis=basis, confidence=confidence)


def _no_one(doc: Doc, referent: Span, marked: QuotedSpans) -> bool:
    """A subject that names no speaker: a bare 'that', 'this', 'which' or 'what' ("That's not to
    suggest", "the chant … that ricocheted"), a bare quantity ("a promise many repeat and few carry
    out:", "some said"), or quoted words ("a “very positive step” that recognized"): the quotation is
    left without a speaker rather than given one."""
    phrase = doc.char_span(*referent, alignment_mode="expand")
    bare = phrase is not None and len(phrase) == 1 and phrase[0].lower_ in _NO_ONE | _QUANTITIES
    return bare or marked.cover(referent[0])


def _antecedent_of_relative(doc: Doc, mention: Span) -> Span:
    """"Smith, who said …": the speaker is the phrase a relative pronoun stands for."""
    word = doc.char_span(*mention, alignment_mode="expand")
    if word is None or len(word) != 1 or word[0].tag_ not in ("WP", "WDT") or word[0].head.dep_ != "relcl":
        return mention
    return _mention(word[0].head.head)


def _basis(doc: Doc, found: _Found, referent: Span | None) -> str:
    """How the text links the quote to its speaker (`model.SpeakerBasis`)."""
    report = found.report
    if report is None or referent is None:
        return "unknown"
    if found.inherited:
        return "continuation"
    if report.label:
        return "header"
    start, end = referent
    if doc_text(doc)[start:end].lower() in _PRONOUNS:
        return "pronoun"
    phrase = doc.char_span(start, end, alignment_mode="expand")
    if phrase is None:
        return "name" if _names_person(doc, start, end) else "description"
    names = _people_over(doc, start, end)
    if phrase.root.pos_ == "PROPN" or any(not qualifies_only(name, phrase) for name in names):
        return "name"
    return "description"  # a role, or a person's someone ("Rudolph's supporters")


def _words_beside(text: str, start: int, end: int, skip: Span) -> set[str]:
    """Lower-case words of the paragraph around text[start:end], at most `_ROLE_WINDOW` characters
    either side, leaving out the span `skip`; with the initials of each run of capitalised words,
    so that "PIJ" is found beside "Palestinian Islamic Jihad"."""
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, max(0, start - _ROLE_WINDOW), start)]
    after = _PARAGRAPH_BREAK.search(text, end, end + _ROLE_WINDOW)
    lo, hi = max([start - _ROLE_WINDOW, *breaks]), after.start() if after else end + _ROLE_WINDOW
    words = [m.group() for m in _WORD.finditer(text, max(0, lo), hi) if not skip[0] <= m.start() < skip[1]]
    runs = re.findall(r"(?:[A-Z]\w*\s?)+", " ".join(w if w[0].isupper() else "\n" for w in words))
    return {w.lower() for w in words} | {"".join(w[0] for w in run.split()).lower() for run in runs}


def _described_as(doc: Doc, entity: Entity, mention: Span) -> bool:
    """Evidence in the article that the description at `mention` is `entity`: the person's name
    in apposition to it ("a member of the bureau, X, said"); every content word of it, but generic
    roles, written beside one of the person's names ("Foreign Minister X", "X, the deputy head of
    …", "a Hamas member, X" for "the Hamas official"); or a lede
    that describes before anyone is named and names the person in the next paragraphs."""
    phrase = doc.char_span(*mention, alignment_mode="expand")
    if phrase is None:
        return False
    text = doc_text(doc)
    names = [(s, e) for s, e in entity.mentions if not _overlaps((s, e), mention) and _names_person(doc, s, e)]
    appositions = [t for t in phrase.root.subtree if t.dep_ == "appos" or doc[t.left_edge.i - 1].text == ","]
    if any(_overlaps((t.idx, t.idx + len(t)), name) for t in appositions for name in names):
        return True
    # A generic role word ("the Hamas official") needs only its organisation written beside the name.
    words = {t.lower_ for t in phrase if t.pos_ in ("NOUN", "PROPN", "ADJ") and not t.is_stop} - GENERIC_ROLES
    if words and any(_all_written(words, _words_beside(text, s, e, mention)) for s, e in names):
        return True
    return _lede(doc, mention, names)


def _all_written(words: set[str], beside: set[str]) -> bool:
    """Every word is among `beside`, compared by their first letters ("Palestinian", "Palestine"),
    an organisation's acronym also by the words it stands for (`entities.ORG_IMPLIES`)."""
    stems = {w[:_STEM] for w in beside}
    return all(w[:_STEM] in stems or (w in ORG_IMPLIES and {x[:_STEM] for x in ORG_IMPLIES[w]} <= stems)
               for w in words)


def _lede(doc: Doc, mention: Span, names: list[Span]) -> bool:
    """A description named nobody before it, and the person is named within the next paragraphs."""
    if any(e.label_ == "PERSON" and e.start_char < mention[0] for e in doc_ents(doc)):
        return False
    first = min((s for s, _ in names if s > mention[1]), default=None)
    text = doc_text(doc)
    return first is not None and len(_PARAGRAPH_BREAK.findall(text, mention[1], first)) <= _LEDE_PARAGRAPHS


# ----------------------------------------------------------------------------- span helpers

def _tokens_in(doc: Doc, span: Span) -> list[Token]:
    """Tokens starting inside the character span (found by spaCy's index, not a scan of the doc)."""
    covering = doc.char_span(span[0], span[1], alignment_mode="expand")
    return [t for t in covering or () if t.idx >= span[0] and not t.is_space]


class QuotedSpans(list):
    """The article's quoted spans (possibly nested), with `cover(offset)` in O(log n): a token test
    per token against every quotation was quadratic on long texts full of quotation marks."""

    def __init__(self, spans: list[Span]):
        super().__init__(spans)
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))  # furthest end so far

    def cover(self, offset: int) -> bool:
        """Whether some span holds `offset` (start <= offset < end)."""
        k = bisect_right(self._starts, offset)
        return k > 0 and self._reach[k - 1] > offset


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] + 1


def _distance(a: Span, b: Span) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)
