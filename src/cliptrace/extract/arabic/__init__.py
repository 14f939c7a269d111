"""The Arabic annotator: the same `Annotations` as the English pipeline, by rules over words.

No Arabic NER or parser model can be installed here, so this package reads Arabic news by its
regularities (reporting verbs first, «» quotations, titles before names, formulaic casualty
sentences) with curated word lists (`lexicon`) and the bilingual actors list (`actors`).
"""

from __future__ import annotations

from cliptrace.model import Annotations, ArticleDraft

from .entities import find_entities
from .events import find_events
from .figures import find_figures
from .quotes import find_quotes
from .tokens import sentence_ends, words_of


def annotate_arabic(draft: ArticleDraft) -> Annotations:
    """Entities, quotations, figures and events of one Arabic article (offsets into `draft.text`)."""
    text = draft.text
    words = words_of(text)
    ends = sentence_ends(text)
    index = find_entities(text, words)
    quotes = find_quotes(text, words, ends, index, draft.published)
    figures = find_figures(text, words, ends, index, draft.published)
    for figure in figures:  # a figure inside a quotation is its speaker's claim
        speaker = next((q.speaker for q in quotes if q.start <= figure.start < q.end and q.speaker), None)
        figure.source = speaker or figure.source
    return Annotations(entities=index.entities, quotes=quotes, figures=figures,
                       events=find_events(text, words, ends, index, draft.published))
