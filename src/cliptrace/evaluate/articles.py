"""Scoring how the seed files were cut into articles, their metadata and left-over boilerplate.

A gold article is *found* when exactly one record of its file contains both its `head` and its
`tail` (compared after folding) and that record contains no head or tail of another gold article
of the file — except a `required: false` neighbour, which may be merged in. An optional article
is neither counted as missing when absent or merged, nor is its own record counted as extra.
"""

from __future__ import annotations

from dataclasses import dataclass

from cliptrace.evaluate.folding import fold, fold_name
from cliptrace.evaluate.gold import Gold, file_key
from cliptrace.evaluate.matching import accuracy


@dataclass
class ArticleMatch:
    file: str
    index: int
    required: bool
    status: str  # found | missing | split | duplicated | merged | merged_optional
    record: dict | None  # the record holding this article alone (status found)


def match_file(gold_articles: list[dict], records: list[dict]) -> tuple[list[ArticleMatch], list[dict]]:
    """Gold articles of one file matched to its records; also the records matching no gold article."""
    texts = [fold(record.get("text")) for record in records]
    heads = [{i for i, text in enumerate(texts) if fold(g["head"]) in text} for g in gold_articles]
    tails = [{i for i, text in enumerate(texts) if fold(g["tail"]) in text} for g in gold_articles]
    touched_by = [
        {g for g in range(len(gold_articles)) if i in heads[g] or i in tails[g]} for i in range(len(records))
    ]
    matches = []
    for g, gold in enumerate(gold_articles):
        status, record = _status(g, gold_articles, heads[g], tails[g], touched_by, records)
        matches.append(ArticleMatch(gold["file"], gold["index"], gold.get("required", True), status, record))
    extra = [record for record, touched in zip(records, touched_by) if not touched]
    return matches, extra


def _status(g, gold_articles, heads, tails, touched_by, records) -> tuple[str, dict | None]:
    holders = heads & tails
    if not holders:
        return ("split" if heads and tails else "missing"), None
    if len(holders) > 1:
        return "duplicated", None
    (holder,) = holders
    others = touched_by[holder] - {g}
    if not others:
        return "found", records[holder]
    optional_neighbours = {n for n in (g - 1, g + 1)
                           if 0 <= n < len(gold_articles) and not gold_articles[n].get("required", True)}
    if not gold_articles[g].get("required", True) and others <= {g - 1, g + 1}:
        return "merged_optional", None
    if others <= optional_neighbours:
        return "found", records[holder]
    return "merged", None


def _field_score(pairs: list[tuple[ArticleMatch, object, object, bool]]) -> dict:
    errors = [{"file": m.file, "index": m.index, "gold": gold, "predicted": predicted}
              for m, gold, predicted, ok in pairs if not ok]
    return {**accuracy([ok for *_, ok in pairs]), "errors": errors}


def _metadata(matches: list[ArticleMatch], gold_by_key: dict[tuple[str, int], dict]) -> dict:
    """Title, date, outlet and language of found articles; a gold null is not scored."""
    fields: dict[str, list] = {"title": [], "published": [], "outlet": [], "language": []}
    for m in matches:
        if m.record is None:
            continue
        gold, record = gold_by_key[(m.file, m.index)], m.record
        if gold.get("title") is not None:
            ok = fold_name(record.get("title")) == fold_name(gold["title"])
            fields["title"].append((m, gold["title"], record.get("title"), ok))
        if gold.get("published") is not None:
            fields["published"].append((m, gold["published"], record.get("published"),
                                        record.get("published") == gold["published"]))
        if gold.get("outlet") is not None:
            accepted = {fold_name(name) for name in gold["outlet"]}
            ok = record.get("outlet") is not None and fold_name(record["outlet"]) in accepted
            fields["outlet"].append((m, gold["outlet"], record.get("outlet"), ok))
        if gold.get("language") is not None:
            fields["language"].append((m, gold["language"], record.get("language"),
                                       record.get("language") == gold["language"]))
    return {name: _field_score(pairs) for name, pairs in fields.items()}


def boilerplate_leaks(boilerplate: list[str], records: list[dict], file: str) -> list[dict]:
    """Each boilerplate string found in a record text of the file, with the records' positions."""
    texts = [(record["source"].get("position"), fold(record.get("text"))) for record in records]
    leaks = []
    for string in boilerplate:
        positions = [position for position, text in texts if fold(string) in text]
        if positions:
            leaks.append({"file": file, "string": string, "positions": positions})
    return leaks


def score_articles(gold: Gold, records_by_file: dict[str, list[dict]]) -> tuple[dict, list[ArticleMatch]]:
    """The article report, and the matches (quotes and figures are scored inside matched records)."""
    matches: list[ArticleMatch] = []
    extra: list[dict] = []
    leaks: list[dict] = []
    for file, gold_articles in sorted(gold.articles.items()):
        records = records_by_file.get(file, [])
        file_matches, file_extra = match_file(gold_articles, records)
        matches += file_matches
        extra += file_extra
        leaks += boilerplate_leaks(gold.boilerplate.get(file, []), records, file)
    required = [m for m in matches if m.required]
    found = sum(m.status == "found" for m in required)
    gold_by_key = {(g["file"], g["index"]): g for rows in gold.articles.values() for g in rows}
    report = {
        "required": len(required),
        "found": found,
        "recall": found / len(required) if required else None,
        "extra": len(extra),
        "extra_records": [{"file": file_key(r["source"]["path"]), "position": r["source"].get("position"),
                           "title": r.get("title")} for r in extra],
        "files_without_records": sorted(set(gold.articles) - set(records_by_file)),
        **_metadata(matches, gold_by_key),
        "boilerplate_leaks": leaks,
        "details": [{"file": m.file, "index": m.index, "required": m.required, "status": m.status,
                     "position": m.record["source"].get("position") if m.record else None} for m in matches],
    }
    return report, matches
