"""Runs every extractor over articles: one spaCy parse per article, read by all of them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Annotations, ArticleDraft, Entity, Figure
from .arabic import annotate_arabic
from .entities import find_entities
from .events import find_events
from .figures import find_figures
from .nlp import index_sentences, with_text
from .quotes import find_quotes

# The English pipeline only reads English; Arabic has its own rule-based annotator (extract.arabic);
# other languages keep their text and metadata but get no annotations (never a wrong-language parse).
ANNOTATED_LANGUAGES = frozenset({"en"})
# Paragraphs parsed together: spaCy's networks run faster on a batch than one text at a time. The
# parser's memory grows with a batch's characters, so a batch also stops at PARSE_BATCH_CHARS: 64
# pieces of a 200 KB text with no blank line took 840 MB where its news paragraphs took a third.
PARSE_BATCH = 64
PARSE_BATCH_CHARS = 60_000
_PARAGRAPH = re.compile(r".*?(?:\n[^\S\n]*\n\s*|\Z)", re.S)
# spaCy refuses a text over 1,000,000 characters (E088) and its parser needs about 1 GB per
# 100,000; news paragraphs are far shorter, so a longer one (a table, a dump without blank lines)
# is parsed in pieces of at most this many characters, cut at a line end, a sentence end or a space.
# A piece also bounds a run-on "sentence": the quotation extractor reads a cue's whole sentence, so
# one without stops full of cues (stray quotation marks) costs the square of its length (1,000
# marks in 10 KB took a minute with pieces of 20,000 characters).
MAX_PIECE = 5_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def _wanted(draft: ArticleDraft) -> bool:
    return draft.language in ANNOTATED_LANGUAGES and bool(draft.text.strip())


def annotate_doc(doc: Doc, draft: ArticleDraft) -> Annotations:
    doc = index_sentences(doc)
    index = find_entities(doc, draft)
    return Annotations(
        entities=index.entities,
        quotes=find_quotes(doc, draft, index.resolve),
        figures=_named_sources(find_figures(doc, draft), index.entities, draft.text),
        events=find_events(doc, draft, index.resolve),
    )


def _named_sources(figures: list[Figure], entities: list[Entity], text: str) -> list[Figure]:
    """A figure's cited source written as a person's mention ("Haniya") becomes that person's name,
    so it can follow the archive-wide canonical name like a quote's speaker does."""
    people = {text[start:end]: e.name for e in entities if e.type == "person" for start, end in e.mentions}
    for figure in figures:
        figure.source = people.get(figure.source, figure.source)
    return figures


def paragraphs(text: str) -> list[str]:
    """The text cut after each blank line, and a paragraph over `MAX_PIECE` characters cut again;
    the pieces concatenate back to exactly `text`."""
    return [piece for m in _PARAGRAPH.finditer(text) if m.group(0) for piece in _pieces(m.group(0))]


def _pieces(paragraph: str) -> list[str]:
    pieces = []
    while len(paragraph) > MAX_PIECE:
        cut = _cut_point(paragraph[:MAX_PIECE])
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:]
    return [*pieces, paragraph] if paragraph else pieces


def _cut_point(window: str) -> int:
    """Just after the last line end, else sentence end, else space in the second half of `window`;
    its end when there is none (a run of 10,000 characters without a space is not prose)."""
    half = len(window) // 2
    line_end = window.rfind("\n", half)
    if line_end != -1:
        return line_end + 1
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(window, half)]
    if sentence_ends:
        return sentence_ends[-1]
    space = max(window.rfind(" ", half), window.rfind("\t", half))
    return space + 1 if space != -1 else len(window)


def parse(texts: list[str], nlp: Language) -> list[Doc]:
    """Parse articles paragraph by paragraph and join each article's paragraphs back into one Doc.

    spaCy's networks run about 1.4x faster on a batch of paragraphs than on whole articles
    (less padding, better batching); no sentence, entity or dependency crosses a blank line, and
    `Doc.from_docs` keeps every offset, so the extractors see the same text.
    """
    pieces = [paragraphs(text) for text in texts]
    parsed = (doc for batch in _batches(p for ps in pieces for p in ps)
              for doc in nlp.pipe(batch, batch_size=len(batch)))
    return [with_text(Doc.from_docs([next(parsed) for _ in ps], ensure_whitespace=False), text)
            for text, ps in zip(texts, pieces)]


def _batches(pieces: Iterator[str]) -> Iterator[list[str]]:
    """`pieces` in order, in lists of at most PARSE_BATCH pieces and PARSE_BATCH_CHARS characters
    (a piece longer than that alone)."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) == PARSE_BATCH or size + len(piece) > PARSE_BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    if batch:
        yield batch


def annotate_many(drafts: list[ArticleDraft], nlp: Language) -> list[Annotations]:
    """Annotations for many articles, parsed together, in the same order."""
    results = [annotate_arabic(d) if d.language == "ar" and d.text.strip() else Annotations() for d in drafts]
    wanted = [i for i, draft in enumerate(drafts) if _wanted(draft)]
    for i, doc in zip(wanted, parse([drafts[i].text for i in wanted], nlp)):
        results[i] = annotate_doc(doc, drafts[i])
    return results
