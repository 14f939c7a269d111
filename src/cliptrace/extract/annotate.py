"""Runs every extractor over one article: one spaCy parse, read by all of them."""

from __future__ import annotations

from spacy.language import Language

from ..model import Annotations, ArticleDraft
from .entities import find_entities
from .events import find_events
from .figures import find_figures
from .nlp import index_sentences
from .quotes import find_quotes

# The English pipeline only reads English; other languages keep their text and metadata but get
# no annotations until a pipeline for them is configured (never a wrong-language parse).
ANNOTATED_LANGUAGES = frozenset({"en"})


def annotate(draft: ArticleDraft, nlp: Language) -> Annotations:
    if draft.language not in ANNOTATED_LANGUAGES or not draft.text.strip():
        return Annotations()
    doc = index_sentences(nlp(draft.text))
    index = find_entities(doc, draft)
    return Annotations(
        entities=index.entities,
        quotes=find_quotes(doc, draft, index.resolve),
        figures=find_figures(doc, draft),
        events=find_events(doc, draft, index.resolve),
    )
