"""Runs every extractor over articles: one spaCy parse per article, read by all of them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Annotations, ArticleDraft
from .entities import find_entities
from .events import find_events
from .figures import find_figures
from .nlp import index_sentences
from .quotes import find_quotes

# The English pipeline only reads English; other languages keep their text and metadata but get
# no annotations until a pipeline for them is configured (never a wrong-language parse).
ANNOTATED_LANGUAGES = frozenset({"en"})
# Articles parsed together: spaCy's networks run faster on a batch than one text at a time.
PARSE_BATCH = 16


def _wanted(draft: ArticleDraft) -> bool:
    return draft.language in ANNOTATED_LANGUAGES and bool(draft.text.strip())


def annotate_doc(doc: Doc, draft: ArticleDraft) -> Annotations:
    doc = index_sentences(doc)
    index = find_entities(doc, draft)
    return Annotations(
        entities=index.entities,
        quotes=find_quotes(doc, draft, index.resolve),
        figures=find_figures(doc, draft),
        events=find_events(doc, draft, index.resolve),
    )


def annotate(draft: ArticleDraft, nlp: Language) -> Annotations:
    return annotate_doc(nlp(draft.text), draft) if _wanted(draft) else Annotations()


def annotate_many(drafts: list[ArticleDraft], nlp: Language) -> list[Annotations]:
    """`annotate` for many articles, parsed in batches; same results, in the same order."""
    results = [Annotations() for _ in drafts]
    wanted = [i for i, draft in enumerate(drafts) if _wanted(draft)]
    docs = nlp.pipe((drafts[i].text for i in wanted), batch_size=PARSE_BATCH)
    for i, doc in zip(wanted, docs):
        results[i] = annotate_doc(doc, drafts[i])
    return results
