"""The pipeline's attribute ruler, matched through a cache of which rules each kind of token starts.

The English pipelines map tags to parts of speech, morphology and a few lemmas with an
`AttributeRuler`: about 180 one- or two-token rules, which spaCy's `Matcher` tries at every token.
That was a sixth of all parsing time here (2.4 s of 14 s on the seeds copied six times), though a
token's verdict depends only on four of its attributes, which repeat endlessly in running text.
`index_attribute_ruler` swaps the ruler's matching step for `RuleIndex.match` (0.4 s there); the
rules, their order and how they are applied stay spaCy's, so the tokens come out identical (tested
on the seed clippings). A rule using anything the index does not understand leaves the ruler as is.
"""

from __future__ import annotations

import re
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

# A rule's token pattern as a predicate over one token.
TokenTest = Callable[[Token], bool]
# Everything a token test may look at; as `Doc.to_array` columns, in this order, it keys the cache.
_VALUE: dict[str, Callable[[Token], object]] = {
    "LOWER": lambda token: token.lower_,
    "TAG": lambda token: token.tag_,
    "DEP": lambda token: token.dep_,
    "IS_SPACE": lambda token: token.is_space,
}
_TOKEN_ATTRS = list(_VALUE)


class UnsupportedPattern(ValueError):
    pass


def _value_test(attr: str, spec: object) -> TokenTest:
    value_of = _VALUE.get(attr)
    if value_of is None:
        raise UnsupportedPattern(attr)
    if isinstance(spec, (str, bool)):
        return lambda token: value_of(token) == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (operator, argument), = spec.items()
        if operator == "IN":
            allowed = frozenset(argument)
            return lambda token: value_of(token) in allowed
        if operator == "NOT_IN":
            banned = frozenset(argument)
            return lambda token: value_of(token) not in banned
        if operator == "REGEX":  # spaCy's Matcher searches, it does not anchor
            regex = re.compile(argument)
            return lambda token: bool(regex.search(value_of(token)))
    raise UnsupportedPattern(f"{attr}: {spec!r}")


def _token_test(token_pattern: dict) -> TokenTest:
    tests = [_value_test(attr, spec) for attr, spec in token_pattern.items()]
    return lambda token: all(test(token) for test in tests)


def _lower_specs(rules: list[dict]) -> list[object]:
    return [token["LOWER"] for entry in rules for pattern in entry["patterns"] for token in pattern if "LOWER" in token]


class RuleIndex:
    """Finds the same (rule, match id, start, end) matches as `AttributeRuler.match`, sorted alike.

    Whether a token passes a rule's token test depends only on its tag, dependency, whether it is
    space, and its lower-case form; and of that form only on whether it is one the rules name, or
    else which of the rules' regular expressions it fits. So the rules each such combination starts
    are worked out once and remembered, and each token costs a lookup. A longer rule (a handful:
    "gon na", "ai n't") checks its following tokens only where its first one fits.
    """

    CACHE_SIZE = 1 << 17  # exact tokens remembered; that cache starts over when full

    def __init__(self, nlp: Language, rules: list[dict]):
        self.patterns: list[tuple[int, int, list[TokenTest]]] = [
            (rule, nlp.vocab.strings.add(str(rule)), [_token_test(token) for token in pattern])
            for rule, entry in enumerate(rules)  # str(rule) is the key AttributeRuler gives rule number `rule`
            for pattern in entry["patterns"]
        ]
        specs = _lower_specs(rules)
        self.named_lowers = {spec for spec in specs if isinstance(spec, str)} | {
            word for spec in specs if isinstance(spec, dict) for op, words in spec.items() if op in ("IN", "NOT_IN")
            for word in words}
        self.lower_regexes = [re.compile(spec["REGEX"]) for spec in specs if isinstance(spec, dict) and "REGEX" in spec]
        self._by_token: dict[tuple, list] = {}
        self._by_class: dict[tuple, list] = {}

    def _lower_class(self, lower: str) -> object:
        """What the rules can tell about a lower-case form: the form itself if they name it."""
        if lower in self.named_lowers:
            return lower
        return tuple(bool(regex.search(lower)) for regex in self.lower_regexes)

    def _started_by(self, token: Token, others: tuple[int, ...]) -> list[tuple[int, int, list[TokenTest]]]:
        key = (self._lower_class(token.lower_), *others)
        started = self._by_class.get(key)
        if started is None:
            started = self._by_class[key] = [pattern for pattern in self.patterns if pattern[2][0](token)]
        return started

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = set()
        by_token = self._by_token
        if len(by_token) > self.CACHE_SIZE:
            by_token.clear()
        for start, key in enumerate(map(tuple, doc.to_array(_TOKEN_ATTRS).tolist())):
            started = by_token.get(key)
            if started is None:
                started = by_token[key] = self._started_by(doc[start], key[1:])  # key[0]: the lower-case form
            for rule, match_id, tests in started:
                end = start + len(tests)
                if len(tests) == 1 or (end <= len(doc) and all(
                        test(doc[start + k]) for k, test in enumerate(tests) if k)):
                    found.add((rule, match_id, start, end))
        return sorted(found)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Make the pipeline's attribute ruler match through a `RuleIndex`; False if it is left as is."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    try:
        index = RuleIndex(nlp, ruler.patterns)
    except UnsupportedPattern:
        return False
    ruler.match = index.match
    return True
