"""The indexed attribute ruler and the array lemmatizer give every token the same part of speech,
morphology and lemma as spaCy's own components, on real clippings and on the rare rules."""

from __future__ import annotations

import pytest
import spacy

from cliptrace.extract.annotate import paragraphs
from cliptrace.extract.attribute_index import RuleIndex, UnsupportedPattern, index_attribute_ruler
from cliptrace.extract.lemmas import batch_lemmatizer
from cliptrace.settings import DEFAULT_MODEL
from testpaths import SEEDS


def _token_attributes(docs):
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for doc in docs for t in doc]


@pytest.fixture(scope="module")
def stock_nlp():
    return spacy.load(DEFAULT_MODEL)


def test_tokens_come_out_as_with_spacys_matcher(nlp, stock_nlp):
    assert isinstance(vars(nlp.get_pipe("attribute_ruler"))["match"].__self__, RuleIndex)
    assert "pipe" in vars(nlp.get_pipe("lemmatizer"))
    texts = [p for seed in sorted(SEEDS.glob("*.txt")) for p in paragraphs(seed.read_text(encoding="utf-8"))]
    texts.append("They ain't gonna stop, nothin' doin', nuthin' at all.\n")  # two-token and regex rules
    indexed, stock = list(nlp.pipe(texts)), list(stock_nlp.pipe(texts))
    assert sum(len(doc) for doc in indexed) > 10_000
    assert _token_attributes(indexed) == _token_attributes(stock)
    ruler = stock_nlp.get_pipe("attribute_ruler")
    for doc in stock[:200]:
        assert nlp.get_pipe("attribute_ruler").match(doc) == sorted(set(ruler.match(doc)))
    assert [t.lemma_ for t in indexed[-1]][1:9] == ["be", "not", "go", "to", "stop", ",", "nothing", "do"]
    assert indexed[-1][10].lemma_ == "nothing"


def test_a_rule_the_index_cannot_read_leaves_spacys_ruler(stock_nlp):
    with pytest.raises(UnsupportedPattern):
        RuleIndex(stock_nlp, [{"patterns": [[{"LENGTH": {">": 3}}]], "attrs": {"POS": "X"}}])
    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add([[{"TEXT": "x", "OP": "+"}]], {"POS": "X"})
    assert index_attribute_ruler(blank) is False
    assert "match" not in vars(blank.get_pipe("attribute_ruler"))


def test_a_lemmatizer_of_another_kind_is_left_as_is():
    blank = spacy.blank("en")
    assert batch_lemmatizer(blank) is False  # none in the pipeline
    blank.add_pipe("sentencizer", name="lemmatizer")
    assert batch_lemmatizer(blank) is False  # not a Lemmatizer
    assert "pipe" not in vars(blank.get_pipe("lemmatizer"))
