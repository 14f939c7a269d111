"""One-to-one matching of predictions to gold items, and precision/recall/F1."""

from __future__ import annotations

from collections.abc import Callable


def greedy_match(gold: list, predicted: list, score: Callable[[object, object], float]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), best-scoring first, each item used once; score 0 = no match."""
    candidates = sorted(
        ((s, g, p) for g, gold_item in enumerate(gold) for p, pred_item in enumerate(predicted)
         if (s := score(gold_item, pred_item)) > 0),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def prf(matched: int, predicted: int, gold: int) -> dict:
    precision = matched / predicted if predicted else None
    recall = matched / gold if gold else None
    if precision is None and recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {"gold": gold, "predicted": predicted, "matched": matched,
            "precision": precision, "recall": recall, "f1": f1}


def accuracy(flags: list[bool]) -> dict:
    return {"correct": sum(flags), "total": len(flags), "accuracy": sum(flags) / len(flags) if flags else None}
