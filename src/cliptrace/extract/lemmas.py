"""The pipeline's lemmatizer, run over a document's arrays instead of token by token.

spaCy's rule lemmatizer caches each lemma by (form, part of speech, morphology), so on running text
almost all its time (5 % of an ingest here) goes to its Python loop: a Token object and two
attribute writes per token. `batch_lemmatizer` makes `nlp.pipe` run it over `Doc.to_array`
columns with a cache under the same key, asking the lemmatizer itself only for combinations it has
not seen; every lemma comes out as spaCy's (tested on the seed clippings).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

CACHE_SIZE = 1 << 18  # (form, part of speech, morphology) combinations; the cache starts over when full


def _lemmatize(lemmatizer: Lemmatizer, doc: Doc, cache: dict[tuple[int, int, int], int]) -> Doc:
    if len(cache) > CACHE_SIZE:
        cache.clear()
    columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = columns[:, 3].copy()
    for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
        if lemma and not lemmatizer.overwrite:
            continue  # set before, e.g. by the attribute ruler's exceptions
        found = cache.get((orth, pos, morph))
        if found is None:
            found = cache[(orth, pos, morph)] = doc.vocab.strings.add(lemmatizer.lemmatize(doc[i])[0])
        lemmas[i] = found
    doc.from_array([LEMMA], lemmas.reshape(-1, 1))
    return doc


def batch_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Make `nlp.pipe` run the named rule or lookup lemmatizer over arrays; False if left as is."""
    lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in ("rule", "lookup"):
        return False
    cache: dict[tuple[int, int, int], int] = {}

    def pipe(docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield _lemmatize(lemmatizer, doc, cache)

    lemmatizer.pipe = pipe
    return True
