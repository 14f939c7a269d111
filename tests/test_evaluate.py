"""`cliptrace.evaluate` on the real gold files, with records built from the gold itself."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cliptrace.evaluate import evaluate, render_table
from cliptrace.evaluate.figures import locate
from cliptrace.evaluate.folding import fold
from cliptrace.evaluate.quotes import quote_text_score

ROOT = Path(__file__).resolve().parents[1]
GOLD_CANDIDATES = [ROOT / "tests" / "data" / "gold", ROOT.parent / "shared" / "gold"]
GOLD = next((path for path in GOLD_CANDIDATES if (path / "articles.jsonl").exists()), None)
pytestmark = pytest.mark.skipif(GOLD is None, reason="gold files not found")

TWO_TWO = "002_eeecb629ecfb1843.txt"


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _record(article: dict, quotes: list[dict], figures: list[dict]) -> dict:
    """A contract record holding exactly what the gold expects for one article."""
    pieces: list[str] = []
    offset = 0

    def add(piece: str) -> tuple[int, int]:
        nonlocal offset
        start = offset
        pieces.append(piece)
        offset += len(piece) + 2  # the ".\n" joint
        return start, start + len(piece)

    add(article["head"])
    predicted_quotes = []
    for quote in quotes:
        start, end = add(quote["quote"])
        predicted_quotes.append({"start": start, "end": end, "kind": quote["kind"], "speaker": quote["speaker"]})
    predicted_figures = []
    for figure in figures:
        start, end = add(figure["text"])
        predicted_figures.append({"start": start, "end": end, "value": figure["value"], "approx": figure["approx"],
                                  "category": figure["category"], "source": figure["source"]})
    add(article["tail"])
    return {
        "source": {"path": f"examples/clippings/{article['file']}", "position": article["index"]},
        "title": article["title"],
        "published": article["published"],
        "outlet": article["outlet"][0] if article["outlet"] else None,
        "language": article["language"],
        "text": ".\n".join(pieces),
        "quotes": predicted_quotes,
        "figures": predicted_figures,
    }


@pytest.fixture()
def perfect() -> list[dict]:
    quotes, figures = _jsonl("quotes.jsonl"), _jsonl("figures.jsonl")

    def of(rows, article):
        return [r for r in rows if (r["file"], r["article"]) == (article["file"], article["index"])]

    return [_record(a, of(quotes, a), of(figures, a)) for a in _jsonl("articles.jsonl")]


def _find(records: list[dict], file: str, position: int) -> dict:
    return next(r for r in records if r["source"]["path"].endswith(file) and r["source"]["position"] == position)


def _status(report: dict, file: str, index: int) -> str:
    return next(d["status"] for d in report["articles"]["details"] if (d["file"], d["index"]) == (file, index))


def test_perfect_records_score_one(perfect):
    report = evaluate(perfect, GOLD)
    articles = report["articles"]
    assert articles["found"] == articles["required"] == 25
    assert articles["extra"] == 0 and articles["boilerplate_leaks"] == []
    for name in ("title", "published", "outlet", "language"):
        assert articles[name]["accuracy"] == 1.0, name
    quotes, figures = report["quotes"], report["figures"]
    assert (quotes["precision"], quotes["recall"], quotes["f1"]) == (1.0, 1.0, 1.0)
    assert quotes["matched"] == 147 and quotes["speaker"]["accuracy"] == 1.0
    assert all(score["f1"] == 1.0 for score in quotes["by_kind"].values())
    assert (figures["precision"], figures["recall"]) == (1.0, 1.0) and figures["matched"] == 19
    for name in ("value", "approx", "category", "source"):
        assert figures[name]["accuracy"] == 1.0, name
    assert render_table(report).row_count > 10
    assert json.loads(json.dumps(report)) == report  # the CLI prints it as JSON


def test_record_missing_its_tail_is_not_found(perfect):
    gold = _jsonl("articles.jsonl")[0]
    record = _find(perfect, gold["file"], 0)
    record["text"] = record["text"].replace(gold["tail"], "")
    report = evaluate(perfect, GOLD)
    assert _status(report, gold["file"], 0) == "missing"
    assert report["articles"]["found"] == report["articles"]["required"] - 1
    # its quotes are lost with it
    assert report["quotes"]["recall"] < 1.0


def test_merged_neighbours_are_both_wrong(perfect):
    first, second = _find(perfect, TWO_TWO, 3), _find(perfect, TWO_TWO, 4)
    first["text"] += "\n" + second["text"]
    perfect.remove(second)
    report = evaluate(perfect, GOLD)
    assert _status(report, TWO_TWO, 3) == _status(report, TWO_TWO, 4) == "merged"
    assert report["articles"]["found"] == report["articles"]["required"] - 2


def test_optional_article_may_merge_with_neighbour(perfect):
    optional = next(a for a in _jsonl("articles.jsonl") if not a["required"])
    before = _find(perfect, optional["file"], optional["index"] - 1)
    merged = _find(perfect, optional["file"], optional["index"])
    before["text"] += "\n" + merged["text"]
    perfect.remove(merged)
    report = evaluate(perfect, GOLD)
    assert _status(report, optional["file"], optional["index"] - 1) == "found"
    assert _status(report, optional["file"], optional["index"]) == "merged_optional"
    assert report["articles"]["found"] == report["articles"]["required"]


def test_split_article_and_extra_record(perfect):
    record = _find(perfect, TWO_TWO, 5)
    gold = next(a for a in _jsonl("articles.jsonl") if (a["file"], a["index"]) == (TWO_TWO, 5))
    head_part = copy.deepcopy(record)
    head_part["text"] = gold["head"]
    record["text"] = record["text"].replace(gold["head"], "")
    middle = copy.deepcopy(record)
    middle["text"] = "A paragraph that belongs to no gold article."
    perfect += [head_part, middle]
    report = evaluate(perfect, GOLD)
    assert _status(report, TWO_TWO, 5) == "split"
    assert report["articles"]["extra"] == 1


def test_boilerplate_leak_is_listed(perfect):
    record = _find(perfect, TWO_TWO, 2)
    record["text"] += "\nRelated Stories\nSomething else"
    leaks = evaluate(perfect, GOLD)["articles"]["boilerplate_leaks"]
    assert leaks == [{"file": TWO_TWO, "string": "Related Stories", "positions": [2]}]


def test_zip_member_paths_map_to_gold_files(perfect):
    for record in perfect:
        name = record["source"]["path"].rsplit("/", 1)[-1]
        record["source"]["path"] = f"/tmp/bundle.zip!clips/{name}"
    report = evaluate(perfect, GOLD)
    assert report["articles"]["found"] == report["articles"]["required"]


def test_wrong_metadata_lowers_accuracy(perfect):
    record = _find(perfect, TWO_TWO, 0)
    record["published"], record["outlet"] = "2023-05-15", "Some Other Outlet"
    record["title"] = record["title"].upper()  # case is folded: still right
    articles = evaluate(perfect, GOLD)["articles"]
    assert articles["title"]["accuracy"] == 1.0
    assert articles["published"]["errors"] == [{"file": TWO_TWO, "index": 0, "gold": "2023-05-14",
                                                "predicted": "2023-05-15"}]
    assert articles["outlet"]["correct"] == articles["outlet"]["total"] - 1


def test_wrong_speaker_lowers_speaker_accuracy_only(perfect):
    record = next(r for r in perfect if r["quotes"])
    record["quotes"][0]["speaker"] = "Nobody In Particular"
    record["quotes"][1]["speaker"] = record["quotes"][1]["speaker"].upper()  # an alias, case-folded
    quotes = evaluate(perfect, GOLD)["quotes"]
    assert quotes["f1"] == 1.0
    assert quotes["speaker"]["correct"] == quotes["speaker"]["total"] - 1


def test_wrong_kind_and_spurious_quote(perfect):
    record = next(r for r in perfect if r["quotes"])
    record["quotes"][0]["kind"] = "mixed" if record["quotes"][0]["kind"] != "mixed" else "direct"
    record["quotes"].append({"start": 0, "end": 20, "kind": "direct", "speaker": None})
    quotes = evaluate(perfect, GOLD)["quotes"]
    assert quotes["recall"] == 1.0 and quotes["precision"] == 147 / 148
    assert quotes["kind"]["correct"] == 146 and len(quotes["spurious"]) == 1


def test_folding_and_locating_in_the_original_text():
    text = "Al-Quds Shield…  Hamas – “Won’t see\n daylight”"
    assert fold(text) == 'Al-Quds Shield... Hamas - "Won\'t see daylight"'
    (start, end), = locate("Hamas - \"Won't see daylight", text)
    assert text[start:end] == "Hamas – “Won’t see\n daylight"


def test_quote_text_rule():
    quote = "the United States and the Israeli occupation entity are allies, with their disagreements being tactical"
    assert quote_text_score(quote, f"“{quote}”") == 1.0  # quotation marks and case do not matter
    assert quote_text_score(quote, "that " + quote) > 0.9  # one extra word: still the same quote
    assert quote_text_score(quote, quote.split(",")[0]) == 0.0  # half of it is not
    assert quote_text_score(quote, quote.replace("allies", "enemies")) == 0.0


def test_wrong_figure_category_and_overlapping_span(perfect):
    record = next(r for r in perfect if r["figures"])
    record["figures"][0]["category"] = "other" if record["figures"][0]["category"] != "other" else "killed"
    record["figures"][1]["start"] += 3  # a shorter span over the same phrase still matches
    figures = evaluate(perfect, GOLD)["figures"]
    assert figures["recall"] == 1.0 and figures["precision"] == 1.0
    assert figures["category"]["correct"] == figures["category"]["total"] - 1


def test_figure_elsewhere_in_text_does_not_match(perfect):
    record = next(r for r in perfect if r["figures"])
    record["figures"][0]["start"], record["figures"][0]["end"] = 0, 5  # inside the head phrase
    figures = evaluate(perfect, GOLD)["figures"]
    assert figures["matched"] == 18 and len(figures["missed"]) == 1 and len(figures["spurious"]) == 1


@pytest.mark.parametrize("value_delta, matched", [(0, 19), (1, 18)])
def test_same_value_in_same_sentence_matches(perfect, value_delta, matched):
    record = next(r for r in perfect if r["figures"])
    figure = record["figures"][0]
    insert = " and the ministry repeated it on Monday"
    cut = figure["end"]
    record["text"] = record["text"][:cut] + insert + record["text"][cut:]
    for item in record["figures"][1:]:
        item["start"] += len(insert)
        item["end"] += len(insert)
    figure["start"], figure["end"] = cut + insert.index("Monday"), cut + len(insert)  # no overlap with the phrase
    figure["value"] += value_delta
    assert evaluate(perfect, GOLD)["figures"]["matched"] == matched


def test_speaker_spelled_differently_in_the_article_is_the_same_person():
    from cliptrace.evaluate.quotes import speaker_correct

    gold = {"speaker": "Ziyad al-Nakhaleh", "aliases": ["Ziyad al-Nakhaleh", "Nakhaleh"]}
    assert speaker_correct(gold, "Ziyad Al-Nakhalah", {"Ziyad al-Nakhaleh", "he"})
    assert not speaker_correct(gold, "Ziyad Al-Nakhalah", {"Ziyad Al-Nakhalah"})
    assert not speaker_correct(gold, "Ismail Haniyeh", {"Ismail Haniyeh", "he"})
