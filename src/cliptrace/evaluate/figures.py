"""Scoring numeric claims (figures) against gold, inside the records matched to annotated articles.

Gold figures carry a phrase (`text`), not offsets: the phrase is located in the record text after
folding. A predicted figure matches a gold one when its span overlaps the located phrase, or when it
has the gold value and lies in the same sentence. Matching is one-to-one, overlapping pairs first.
Value, approx, category and cited source are scored over matched pairs; a source is right when
rapidfuzz's token_set_ratio with the gold source is at least 80, or when both are null.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from cliptrace.evaluate.articles import ArticleMatch
from cliptrace.evaluate.folding import fold, fold_name, fold_with_offsets
from cliptrace.evaluate.matching import accuracy, greedy_match, prf

MIN_SOURCE_SIMILARITY = 80
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def locate(phrase: str, text: str) -> list[tuple[int, int]]:
    """Every (start, end) of `phrase` in `text`, compared after folding, as offsets into `text`."""
    folded, offsets = fold_with_offsets(text)
    needle = fold(phrase)
    spans = []
    start = folded.find(needle) if needle else -1
    while start >= 0:
        spans.append((offsets[start], offsets[start + len(needle) - 1] + 1))
        start = folded.find(needle, start + 1)
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) holding text[start:end]."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.end() if after else len(text))


def figure_score(gold_spans: list[tuple[int, int]], sentences: list[tuple[int, int]], gold: dict,
                 predicted: dict) -> float:
    """Above 1 for an overlap (more is better), 0.5 for the same value in the same sentence, else 0."""
    start, end = predicted["start"], predicted["end"]
    best = 0.0
    for (gold_start, gold_end), (sent_start, sent_end) in zip(gold_spans, sentences):
        overlap = min(end, gold_end) - max(start, gold_start)
        if overlap > 0:
            best = max(best, 1 + overlap / (max(end, gold_end) - min(start, gold_start)))
        elif predicted.get("value") == gold["value"] and sent_start <= start and end <= sent_end:
            best = max(best, 0.5)
    return best


def source_correct(gold_source: str | None, predicted_source: str | None) -> bool:
    if gold_source is None or predicted_source is None:
        return gold_source is None and predicted_source is None
    return fuzz.token_set_ratio(fold_name(gold_source), fold_name(predicted_source)) >= MIN_SOURCE_SIMILARITY


def score_figures(gold_figures: dict[tuple[str, int], list[dict]], matches: list[ArticleMatch]) -> dict:
    records = {(m.file, m.index): m.record for m in matches}
    pairs: list[tuple[dict, dict]] = []
    predicted_count = 0
    missed, spurious, not_located, articles_not_found = [], [], [], []
    for key, gold_items in sorted(gold_figures.items()):
        record = records.get(key)
        if record is None:
            articles_not_found.append({"file": key[0], "index": key[1]})
            continue
        text = record["text"]
        predicted = record.get("figures", [])
        predicted_count += len(predicted)
        spans = [locate(g["text"], text) for g in gold_items]
        sentences = [[sentence_around(text, s, e) for s, e in found] for found in spans]
        not_located += [{"file": key[0], "index": key[1], "text": g["text"]}
                        for g, found in zip(gold_items, spans) if not found]
        by_gold = {id(g): (found, sents) for g, found, sents in zip(gold_items, spans, sentences)}
        matched = greedy_match(gold_items, predicted, lambda g, p: figure_score(*by_gold[id(g)], g, p))
        pairs += [(gold_items[g], predicted[p]) for g, p in matched]
        matched_gold = {g for g, _ in matched}
        matched_pred = {p for _, p in matched}
        missed += [{"file": key[0], "index": key[1], "text": g["text"], "value": g["value"]}
                   for i, g in enumerate(gold_items) if i not in matched_gold]
        spurious += [{"file": key[0], "index": key[1], "text": text[p["start"]:p["end"]], "value": p.get("value")}
                     for i, p in enumerate(predicted) if i not in matched_pred]
    gold_count = sum(len(items) for items in gold_figures.values())
    return {
        **prf(len(pairs), predicted_count, gold_count),
        "value": accuracy([g["value"] == p.get("value") for g, p in pairs]),
        "approx": accuracy([g["approx"] == p.get("approx") for g, p in pairs]),
        "category": accuracy([g["category"] == p.get("category") for g, p in pairs]),
        "source": accuracy([source_correct(g.get("source"), p.get("source")) for g, p in pairs]),
        "errors": [{"text": g["text"], "field": name, "gold": g.get(name), "predicted": p.get(name)}
                   for g, p in pairs for name in ("value", "approx", "category")
                   if g.get(name) != p.get(name)],
        "articles_not_found": articles_not_found,
        "not_located": not_located,
        "missed": missed,
        "spurious": spurious,
    }
