"""Scoring quotations against gold, inside the records matched to the annotated gold articles.

Match rule: a predicted quote's text is `record.text[start:end]`. It matches a gold quote when
their word sequences (case-folded `\\w+` tokens after folding quotation marks and white space) are
equal, or when one sequence is a contiguous part of the other and the shorter holds at least 80 %
of the longer's tokens. Matching is one-to-one, best overlap first.

Gold quotes are exhaustive for the articles they mention, so precision counts the predictions of
those articles only. Kind and speaker are scored over matched pairs; a speaker is right when it
equals (case-folded) the gold speaker or one of its aliases, or when both are null. Our speaker is
the archive-wide canonical name, which may be another spelling of the same person ("Ziyad
Al-Nakhalah" for an article that writes "Ziyad al-Nakhaleh"), so the gold speaker's full name also
counts as right when the article writes it as a mention of our speaker's entity.
"""

from __future__ import annotations

from cliptrace.evaluate.articles import ArticleMatch
from cliptrace.evaluate.folding import fold, fold_name, tokens
from cliptrace.evaluate.matching import accuracy, greedy_match, prf

KINDS = ("direct", "indirect", "mixed")
MIN_TOKEN_OVERLAP = 0.8


def _contains(longer: list[str], shorter: list[str]) -> bool:
    width = len(shorter)
    return any(longer[i:i + width] == shorter for i in range(len(longer) - width + 1))


def quote_text_score(gold_text: str, predicted_text: str) -> float:
    """1.0 for equal word sequences, the token ratio for a contained one above the threshold, else 0."""
    gold_tokens, predicted_tokens = tokens(gold_text), tokens(predicted_text)
    if not gold_tokens or not predicted_tokens:
        return 0.0
    shorter, longer = sorted((gold_tokens, predicted_tokens), key=len)
    ratio = len(shorter) / len(longer)
    return ratio if ratio >= MIN_TOKEN_OVERLAP and _contains(longer, shorter) else 0.0


def speaker_correct(gold: dict, predicted_speaker: str | None, spellings: set[str] = frozenset()) -> bool:
    """`spellings`: how the article writes the predicted speaker's entity (its mention texts)."""
    if predicted_speaker is None:
        return gold.get("speaker") is None
    accepted = {fold_name(name) for name in [gold.get("speaker"), *gold.get("aliases", [])] if name}
    if fold_name(predicted_speaker) in accepted:
        return True
    return bool(gold.get("speaker")) and fold_name(gold["speaker"]) in {fold_name(s) for s in spellings}


def _spellings(record: dict, entity_id: str | None) -> set[str]:
    return {record["text"][start:end] for entity in record.get("entities", []) if entity["id"] == entity_id
            for start, end in entity["mentions"]}


def score_quotes(gold_quotes: dict[tuple[str, int], list[dict]], matches: list[ArticleMatch]) -> dict:
    records = {(m.file, m.index): m.record for m in matches}
    pairs: list[tuple[dict, dict]] = []
    predicted_all: list[dict] = []
    missed, spurious, articles_not_found = [], [], []
    for key, gold_items in sorted(gold_quotes.items()):
        record = records.get(key)
        if record is None:
            articles_not_found.append({"file": key[0], "index": key[1]})
        predicted = [{**q, "text": record["text"][q["start"]:q["end"]],
                      "spellings": _spellings(record, q.get("speaker_id"))}
                     for q in (record or {}).get("quotes", [])]
        predicted_all += predicted
        matched = greedy_match(gold_items, predicted,
                               lambda g, p: quote_text_score(g["quote"], p["text"]))
        pairs += [(gold_items[g], predicted[p]) for g, p in matched]
        matched_gold = {g for g, _ in matched}
        matched_pred = {p for _, p in matched}
        missed += [{"file": key[0], "index": key[1], "kind": q["kind"], "quote": q["quote"]}
                   for i, q in enumerate(gold_items) if i not in matched_gold]
        spurious += [{"file": key[0], "index": key[1], "kind": q.get("kind"), "text": fold(q["text"])}
                     for i, q in enumerate(predicted) if i not in matched_pred]
    gold_all = [q for items in gold_quotes.values() for q in items]
    by_kind = {
        kind: prf(sum(g["kind"] == kind == p.get("kind") for g, p in pairs),
                  sum(p.get("kind") == kind for p in predicted_all),
                  sum(g["kind"] == kind for g in gold_all))
        for kind in KINDS
    }
    speaker_right = [speaker_correct(g, p.get("speaker"), p["spellings"]) for g, p in pairs]
    return {
        **prf(len(pairs), len(predicted_all), len(gold_all)),
        "by_kind": by_kind,
        "kind": accuracy([g["kind"] == p.get("kind") for g, p in pairs]),
        "speaker": accuracy(speaker_right),
        "speaker_errors": [{"quote": g["quote"], "gold": g.get("speaker"), "predicted": p.get("speaker")}
                           for (g, p), right in zip(pairs, speaker_right) if not right],
        "articles_not_found": articles_not_found,
        "missed": missed,
        "spurious": spurious,
    }
