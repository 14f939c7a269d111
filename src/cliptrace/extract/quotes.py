"""Quotations: direct (words inside quotation marks), indirect (a cue's reported clause) and mixed
(a reported clause holding quoted words), each with its cue, speaker mention and date.

Two passes over one spaCy parse:
1. quotation marks are paired by scanning characters (`quoted_spans`): every mark style, apostrophes
   told apart from single quotes by their context, quotes left open at a paragraph end;
2. cue words (`cues.py`) are read off the dependency parse (`_reports`): the cue's subject is the
   speaker mention, its clausal complement (or, for some cues, its object) the reported content.
A direct quote takes the cue whose content holds it, else the nearest cue in its sentence, else
the cue of a short neighbouring sentence ("…." he said.), else the speaker of the quote before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import ArticleDraft, Entity, Quote
from .cues import ACCORDING, NOMINAL_CONTENT_CUES, PHRASAL_CUES, QUOTE_ONLY_CUES, SPEECH_CUES
from .dates import date_near
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
# (texts pasted with one line per paragraph) or before a header line.
_BLOCK_BREAK = re.compile(r"(?:\n[ \t]*\n|(?<=[.!?:\"”’])[ \t]*\n)(?![ \t\n]*[a-z])")
_WORD = re.compile(r"\w+")
_TRIM = " \t\n.,;:!?—–-"
_PRONOUNS = frozenset("he she they i we it his her their you".split())
_TITLE_SMALL_WORDS = frozenset("a an the of to in on for and or at by is".split())
_SHORT_QUOTE_WORDS = 4  # quotes this short count only under a cue (else they are scare quotes)
_MIN_REPORTED_WORDS = 2
_NEIGHBOUR_TOKENS = 12  # a sentence this short next to a quote may carry its cue ("he said.")
_INHERIT_PARAGRAPHS = 3  # an unattributed quote takes the speaker of a quote this close before it


def find_quotes(doc: Doc, draft: ArticleDraft, resolve: Resolver) -> list[Quote]:
    """Every quotation in `draft.text` (parsed as `doc`), sorted by position."""
    text = draft.text
    marked = quoted_spans(text)
    reports = _reports(doc, marked)
    directs = [q for q in marked if _is_quotation(doc, q, reports)]
    quotes: list[_Found] = []
    consumed: set[Span] = set()
    for report in reports:
        found = _reported_quote(doc, report, directs, consumed)
        if found:
            quotes.append(found)
    for span in directs:
        if span not in consumed:
            quotes.append(_Found(span, "direct", _report_for_direct(doc, span, reports)))
    quotes.sort(key=lambda f: f.span)
    _inherit_speakers(text, quotes)
    return [_to_quote(text, found, draft.published, resolve) for found in quotes if _keep(found)]


# ----------------------------------------------------------------------------- quotation marks

def quoted_spans(text: str) -> list[Span]:
    """Character spans of the words inside quotation marks (outermost quotes only, marks excluded).

    A quote left open at a paragraph break ends there (the next paragraph reopens it, by the
    convention for quotes running over several paragraphs); so does one left open at a line end
    when the next line opens a quote with the same family of marks.
    """
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


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in _CLOSING_ONLY or after.isspace():
        return False
    if text[i] in "“„«":
        return True
    return not (before.isalnum() or before in ".,;:!?")  # ' and ‘ inside a word are apostrophes


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in _OPENING_ONLY or before.isspace():
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


@dataclass
class _Found:
    span: Span
    kind: str
    report: _Report | None
    inherited: bool = False


def _reports(doc: Doc, marked: list[Span]) -> list[_Report]:
    reports = []
    for token in doc:
        if _is_according(token):
            reports.append(_according_report(doc, token))
        elif _is_cue(token) and not _inside(token.idx, marked):
            content = _clip_to_block(doc_text(doc), _content(doc, token), token.idx)
            speaker = _speaker(token, marked)
            if token.tag_ == "VBG" and reports and (speaker is None or _impersonal(doc_text(doc), speaker)):
                speaker = _previous_voice(doc_text(doc), reports[-1], token.idx)
            reports.append(_Report(token, _cue_span(token), speaker, content))
    return reports


def _impersonal(text: str, mention: Span) -> bool:
    return text[mention[0]:mention[1]].lower() in ("it", "this", "that")


def _previous_voice(text: str, previous: _Report, at: int) -> Span | None:
    """"…,” adding that …" where the parse lost the participle's verb: it goes on in the voice of
    the report just before it in the same paragraph."""
    if _PARAGRAPH_BREAK.search(text, previous.cue_span[1], at):
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


def _speaker(cue: Token, marked: list[Span]) -> Span | None:
    """The cue's subject, climbing from a participle or conjunct ("…, adding that") to its verb."""
    if cue.tag_ == "VBG":  # "…, noting that": the voice is that of the nearest cue verb above with one
        for governing in (a for a in cue.ancestors if _is_cue(a)):
            found = _speaker(governing, marked)
            if found is not None:
                return found
    token = cue
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
                    and not _inside(c.idx, marked)]
        if subjects:  # the parser sometimes splits "Secretary General … Ziyad al-Nakhaleh": take the nearest
            return _mention(min(subjects, key=lambda c: abs(c.i - token.i)))
        participle = token == cue and cue.tag_ == "VBG"  # "…, noting that": the parser attaches it anywhere
        if not participle and token.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl", "relcl") \
                or token.head == token:
            return None
        token = token.head
    return None


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
    return any(e.label_ == "PERSON" and e.start_char < end and start < e.end_char for e in doc_ents(doc))


def _content(doc: Doc, cue: Token) -> Span | None:
    """The reported clause: the cue's clausal complement, or its object for cues that report one."""
    lemma = cue.lemma_.lower()
    # A clause before the cue that is itself a report ("X explained …. Addressing it, Y noted …",
    # misparsed as one sentence) is not this cue's content.
    parts = [c for c in cue.children if c.dep_ == "ccomp" and not (c.i < cue.i and _has_own_speaker(c))]
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
    if first > cue.i:  # content after the cue runs to the end of the sentence
        tokens = list(doc[first:cue.sent.end])
    elif last < cue.i:  # "X, while Y, Qassem said": the content runs on up to the speaker
        tokens = list(doc[first:_clause_start(cue)])
    tokens = _cut_nested_cues(tokens, cue)
    return _longest_run(doc, tokens)


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
    after = _BLOCK_BREAK.search(text, anchor)
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
    """The longest stretch of consecutive token indices, trimmed of edge punctuation and "that"."""
    indices = sorted({t.i for t in tokens})
    best: list[int] = []
    run: list[int] = []
    for i in indices:
        run = run + [i] if run and i == run[-1] + 1 else [i]
        if len(run) > len(best):
            best = run
    while best and (doc[best[0]].is_punct and doc[best[0]].text not in "\"“‘'«"
                    or doc[best[0]].lower_ == "that" and doc[best[0]].dep_ == "mark"
                    or doc[best[0]].is_space or doc[best[0]].dep_ == "cc"):
        best = best[1:]
    while best and (doc[best[-1]].is_punct and doc[best[-1]].text not in "\"”’'»" or doc[best[-1]].is_space
                    or doc[best[-1]].dep_ == "cc"):
        best = best[:-1]
    if not best:
        return None
    start, end = doc[best[0]].idx, doc[best[-1]].idx + len(doc[best[-1]])
    return start, _trim_end(doc_text(doc), start, end)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return end


# ----------------------------------------------------------------------------- direct quotes

def _is_quotation(doc: Doc, span: Span, reports: list[_Report]) -> bool:
    """A quotation rather than a scare-quoted term or a title ("Israel", "Operation Al-Aqsa Flood")."""
    words = _WORD.findall(doc_text(doc)[span[0]:span[1]])
    if all(w[0].isupper() or w.isdigit() or w in _TITLE_SMALL_WORDS for w in words) and len(words) <= 6:
        return False
    if len(words) > _SHORT_QUOTE_WORDS:
        return True
    quote_tokens = _tokens_in(doc, span)
    cues = {r.cue.i for r in reports if r.cue.lower_ != ACCORDING}
    return any(a.i in cues for t in quote_tokens for a in t.ancestors)


def _report_for_direct(doc: Doc, span: Span, reports: list[_Report]) -> _Report | None:
    """The cue of a direct quote: the one reporting it, else the nearest in its sentence or a neighbour."""
    for report in reports:
        if report.content and _overlaps(report.content, span) and report.speaker:
            return report
    sentence = _sentence_window(doc, span)
    near = [r for r in reports if sentence[0] <= r.cue_span[0] < sentence[1] and r.speaker
            and not _overlaps(r.cue_span, span)]
    if near:
        return min(near, key=lambda r: _distance(r.cue_span, span))
    for neighbour in _neighbour_sentences(doc, span):
        near = [r for r in reports if neighbour[0] <= r.cue_span[0] < neighbour[1] and r.speaker]
        if near:
            return near[0]
    return None


def _sentence_window(doc: Doc, span: Span) -> Span:
    """From the start of the sentence holding the quote's first word to the end of the one holding
    its last, kept inside the paragraph."""
    tokens = _tokens_in(doc, span)
    if not tokens:
        return span
    start, end = tokens[0].sent.start_char, tokens[-1].sent.end_char
    paragraph_start = max((m.end() for m in _PARAGRAPH_BREAK.finditer(doc_text(doc), 0, span[0])), default=0)
    next_break = _PARAGRAPH_BREAK.search(doc_text(doc), span[1])
    paragraph_end = next_break.start() if next_break else len(doc_text(doc))
    return max(start, paragraph_start), min(end, paragraph_end)


def _neighbour_sentences(doc: Doc, span: Span) -> list[Span]:
    """A short sentence right after the quote ("he said."), or right before it when it ends in ':'."""
    tokens = _tokens_in(doc, span)
    if not tokens:
        return []
    found = []
    last = tokens[-1].sent
    if last.end < len(doc):
        after = doc[last.end].sent
        if len(after) <= _NEIGHBOUR_TOKENS:
            found.append((after.start_char, after.end_char))
    first = tokens[0].sent
    if first.start > 0:
        before = doc[first.start - 1].sent
        if before.text.rstrip().endswith(":"):
            found.append((before.start_char, before.end_char))
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
    outside = _words_outside(doc_text(doc), content, inner)
    if len(outside) <= 2:
        return None  # 'called on them to “stop …”': the quote is the content
    consumed.update(inner)
    return _Found(content, "mixed", report)


def _words_outside(text: str, span: Span, inner: list[Span]) -> list[str]:
    words = []
    for match in _WORD.finditer(text, span[0], span[1]):
        if not any(s <= match.start() < e for s, e in inner):
            words.append(match.group())
    return [w for w in words if w.lower() not in ("that", "to")]


def _inherit_speakers(text: str, quotes: list[_Found]) -> None:
    """A direct quote with no cue of its own continues the speaker of the quote shortly before it."""
    previous: _Found | None = None
    for found in quotes:
        if found.report is None and found.kind == "direct" and previous is not None:
            between = text[previous.span[1]:found.span[0]]
            if len(re.findall(r"\n\s*", between)) <= _INHERIT_PARAGRAPHS:
                found.report, found.inherited = previous.report, True
        nested = previous is not None and _within(found.span, previous.span)
        if found.report is not None and found.report.speaker is not None and not nested:
            previous = found  # a report nested in another ("he said Hamas said …") is not the voice


def _keep(found: _Found) -> bool:
    """A quotation with no cue near it and no speaker before it is a title, a slogan or a term."""
    return found.report is not None


def _to_quote(text: str, found: _Found, published: str | None, resolve: Resolver) -> Quote:
    report = found.report
    speaker = speaker_id = None
    mention = report.speaker if report else None
    if mention is not None:
        entity = resolve(*mention)
        if entity is not None:
            speaker, speaker_id = entity.name, entity.id
        elif text[mention[0]:mention[1]].lower() not in _PRONOUNS:
            speaker = text[mention[0]:mention[1]]
    cue = text[report.cue_span[0]:report.cue_span[1]] if report else None
    anchor = report.cue_span if report and not found.inherited else found.span
    said_on = date_near(text, min(anchor[0], found.span[0]), max(anchor[1], found.span[1]), published)
    return Quote(start=found.span[0], end=found.span[1], kind=found.kind, speaker=speaker,
                 speaker_id=speaker_id, speaker_mention=mention, cue=cue, said_on=said_on)


# ----------------------------------------------------------------------------- span helpers

def _tokens_in(doc: Doc, span: Span) -> list[Token]:
    """Tokens starting inside the character span (found by spaCy's index, not a scan of the doc)."""
    covering = doc.char_span(span[0], span[1], alignment_mode="expand")
    return [t for t in covering or () if t.idx >= span[0] and not t.is_space]


def _inside(offset: int, spans: list[Span]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _within(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] + 1


def _distance(a: Span, b: Span) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)
