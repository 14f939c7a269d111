"""Quote extraction measured on a PolNeAR split (US political news, every attribution annotated).

    python benchmarks/polnear_quotes.py [--split dev|train] [--offset K] [--limit N]
                                        [--polnear ../shared/eval/polnear] [--json out.json]

The attribution rules were tuned on dev's errors; train (840 documents) is text they were not tuned
on. `--offset`/`--limit` take a slice of the split's documents in file-name order (train 0-199 to
study errors, 200-839 to check that a fix generalises).

The brat annotations are converted in memory as `CONVERSION.md` describes (texts are read from the
shared folder, never copied): one gold quote per attribution, spanning from its first Content
fragment's start to its last one's end (a discontinuous `"X," he said, "Y."` becomes ONE covering
span), its Source span, and a kind derived from double quotation marks (NYT's doubled
apostrophes ''…'' included).

Predictions, two ways:
- unmerged: our quotes as the contract has them (the two direct parts of `"X," he said, "Y."` are
  two quotes, words inside the marks);
- merged: quotes of one paragraph that share a cue occurrence and a speaker mention are merged into
  their covering span first, like PolNeAR's conversion, for a like-for-like comparison.

Scoring is the Gender Gap Tracker's (`nlp/english/evaluation/src/evaluate_quotes.py`): the match
score of a gold and a predicted quote is the share of the gold span's characters that the predicted
span covers (asymmetric, the gold span is the reference); gold quotes are taken in order, each
matched to the remaining prediction with the highest score above the threshold. Speaker accuracy
(GGT's "speaker match"): over matched quotes with a gold Source, the share whose `speaker_mention`
overlaps the gold Source span. Speaker precision: the same share over those of them that we gave
a speaker mention (an empty speaker is no error there: the product abstains rather than guess).

Sets: `direct+mixed` (gold quotes holding double quotation marks), `filtered` (those plus
indirect ones whose cue is a speech word, `SPEECH_CUE_WORDS`), `all`. Predictions are filtered
the same way by kind, so precision is comparable: direct+mixed counts only our direct and mixed
quotes; filtered and all count every prediction.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from cliptrace.evaluate.matching import prf
from cliptrace.extract.nlp import index_sentences, load_nlp
from cliptrace.extract.annotate import parse
from cliptrace.extract.entities import find_entities
from cliptrace.extract.quotes import find_quotes
from cliptrace.model import ArticleDraft, Quote
from cliptrace.settings import DEFAULT_MODEL

DEFAULT_POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
THRESHOLDS = (0.3, 0.8)
SPEECH_CUE_WORDS = re.compile(
    r"\b(?:say|said|says|saying|tell|told|tells|according|add|added|adds|wrote|write|writes|ask|asked"
    r"|note|noted|announce|announced|state|stated|declare|declared|claim|claimed|argue|argued|insist"
    r"|insisted|explain|explained|warn|warned|urge|urged|suggest|suggested|report|reported|reports"
    r"|acknowledge|acknowledged|admit|admitted|repl(?:y|ied)|respond|responded|tweet|tweeted|post|posted"
    r"|testif(?:y|ied)|confirm|confirmed|den(?:y|ied)|call|called|stress|stressed|emphasi[sz]ed"
    r"|comment|commented|predict|predicted|promise|promised|vow|vowed)\b", re.IGNORECASE)
_DOUBLE_QUOTES = '"“”'
_DOUBLED = re.compile(r"''|``")
_TEXT_BOUND, _EVENT = re.compile(r"T\d+\t"), re.compile(r"E\d+\t")


@dataclass
class GoldQuote:
    fragments: list[tuple[int, int]]
    kind: str
    cue: str
    source: tuple[int, int] | None

    @property
    def speech(self) -> bool:
        return self.kind != "indirect" or bool(SPEECH_CUE_WORDS.search(self.cue))


def read_annotations(path: Path, text: str) -> list[GoldQuote]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # A line not starting with an id is the rest of a multi-line span's surface (3 in train).
        if _TEXT_BOUND.match(line):
            tid, label_offsets, _surface = line.split("\t", 2)
            _label, offsets = label_offsets.split(" ", 1)
            spans[tid] = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
        elif _EVENT.match(line):
            roles: dict[str, list[str]] = {}
            for pair in line.split("\t")[1].split():
                role, tid = pair.split(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(tid)
            events.append(roles)
    quotes = []
    for roles in events:
        if "Content" not in roles:
            continue
        fragments = sorted(f for tid in roles["Content"] for f in spans[tid])
        cue = " ".join(text[s:e] for tid in roles.get("Cue", []) for s, e in spans[tid])
        source_fragments = [f for tid in roles.get("Source", []) for f in spans[tid]]
        source = (min(s for s, _ in source_fragments), max(e for _, e in source_fragments)) if source_fragments else None
        quotes.append(GoldQuote(fragments, _kind(text, fragments), cue, source))
    return quotes


def _kind(text: str, fragments: list[tuple[int, int]]) -> str:
    # NYT texts write “…” as ''…'' (two apostrophes); each pair counts as one double mark.
    pieces = [_DOUBLED.sub('"', text[s:e]).strip().rstrip(".,;:!?—").strip() for s, e in fragments]
    counts = [sum(piece.count(q) for q in _DOUBLE_QUOTES) for piece in pieces]
    if not any(counts):
        return "indirect"
    if all(c == 2 and p[:1] in _DOUBLE_QUOTES and p[-1:] in _DOUBLE_QUOTES for p, c in zip(pieces, counts)):
        return "direct"
    return "mixed"


def ggt_score(gold: tuple[int, int], predicted: tuple[int, int]) -> float:
    """The share of the gold span's characters inside the predicted span (GGT's match score)."""
    if gold[1] <= gold[0] or predicted[1] <= predicted[0]:
        return 0.0
    return max(0, min(gold[1], predicted[1]) - max(gold[0], predicted[0])) / (gold[1] - gold[0])


def ggt_match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], threshold: float) -> list[tuple[int, int]]:
    """GGT matching: each gold span in order takes the best remaining prediction scoring above `threshold`."""
    remaining = set(range(len(predicted)))
    pairs = []
    for g, span in enumerate(gold):
        best, best_score = None, threshold
        for p in sorted(remaining):
            score = ggt_score(span, predicted[p])
            if score > best_score:
                best, best_score = p, score
        if best is not None:
            remaining.discard(best)
            pairs.append((g, best))
    return pairs


def merge_shared_cues(text: str, quotes: list[Quote]) -> list[Quote]:
    """Quotes of one paragraph sharing a cue occurrence and a speaker mention, merged into their
    covering span (PolNeAR's conversion of a discontinuous attribution)."""
    merged: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        last = merged[-1] if merged else None
        if (last is not None and quote.speaker_mention is not None and quote.cue is not None
                and (last.cue, last.speaker_mention) == (quote.cue, quote.speaker_mention)
                and "\n" not in text[last.end:quote.start]):
            kind = last.kind if last.kind == quote.kind else "mixed"
            merged[-1] = replace(last, end=max(last.end, quote.end), kind=kind)
        else:
            merged.append(quote)
    return merged


def read_split(polnear: Path, split: str, offset: int = 0,
               limit: int | None = None) -> list[tuple[str, str, str | None, list[GoldQuote]]]:
    """The split's documents `offset` to `offset + limit` in file-name order, each with the
    annotation file whose name sorts first (`CONVERSION.md`)."""
    dates = {}
    with open(polnear / "data" / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    documents = []
    texts = sorted((polnear / "data" / split / "text").glob("*.txt"))
    for text_path in texts[offset:None if limit is None else offset + limit]:
        annotations = sorted((polnear / "data" / split / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        documents.append((text_path.stem, text, dates.get(text_path.stem), read_annotations(annotations[0], text)))
    return documents


@dataclass
class SpeakerError:
    """A matched direct or mixed quote whose speaker mention misses the gold Source."""
    document: str
    quote: str
    source: str
    mention: str | None
    speaker: str | None  # whom the mention resolved to (`Quote.speaker`: "who" is its antecedent)
    basis: str | None
    cue: str | None

    @property
    def kind(self) -> str:
        """A coarse reason, read off how we linked the speaker (`Quote.speaker_basis`)."""
        if self.mention is None:
            return "no speaker"
        if self.basis == "continuation":
            return "continuation picked the wrong voice"
        if self.basis == "pronoun":
            return "pronoun"
        if self.source.lower() in self.mention.lower() or self.mention.lower() in self.source.lower():
            return "mention off the source span"
        return f"other cue ({self.basis})"


def speaker_error(document: str, text: str, gold: GoldQuote, quote: Quote) -> SpeakerError | None:
    """The error of one matched pair, or None when the mention overlaps the gold Source (or it has none)."""
    source, mention = gold.source, quote.speaker_mention
    if source is None or (mention and mention[0] < source[1] and source[0] < mention[1]):
        return None
    return SpeakerError(document, text[quote.start:quote.end], text[source[0]:source[1]],
                        text[mention[0]:mention[1]] if mention else None, quote.speaker, quote.speaker_basis, quote.cue)


def print_speaker_errors(errors: list[SpeakerError]) -> None:
    """Speaker errors grouped by kind, biggest kind first."""
    groups: dict[str, list[SpeakerError]] = {}
    for error in errors:
        groups.setdefault(error.kind, []).append(error)
    for kind, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"== {kind}: {len(items)}")
        for e in items:
            quote = e.quote if len(e.quote) < 90 else e.quote[:60] + " … " + e.quote[-25:]
            resolved = f" = {e.speaker!r}" if e.speaker and e.speaker != e.mention else ""
            print(f"  {e.document[:14]} gold {e.source!r} got {e.mention!r}{resolved} [{e.basis}, {e.cue!r}]: "
                  f"{quote!r}")


def evaluate(documents, nlp, errors: list[SpeakerError] | None = None) -> dict:
    """Scores per (way, set, threshold); `errors`, when given, receives the speaker errors of
    merged direct+mixed quotes matched at the lowest threshold."""
    sets = {"direct+mixed": (lambda g: g.kind != "indirect", lambda p: p.kind != "indirect"),
            "filtered": (lambda g: g.speech, lambda p: True),
            "all": (lambda g: True, lambda p: True)}
    ways = ("merged", "unmerged")
    counts = {(way, name, t): [0, 0, 0, 0, 0, 0] for way in ways for name in sets for t in THRESHOLDS}
    # The product's own path: paragraph parsing, indexed sentences, the entity linker's resolver.
    docs = parse([text for _, text, _, _ in documents], nlp)
    for (stem, text, published, gold), doc in zip(documents, docs):
        draft = ArticleDraft(text=text, published=published)
        doc = index_sentences(doc)
        unmerged = find_quotes(doc, draft, find_entities(doc, draft).resolve)
        for way, predicted in (("merged", merge_shared_cues(text, unmerged)), ("unmerged", unmerged)):
            for set_name, (keep_gold, keep_pred) in sets.items():
                g_items = [g for g in gold if keep_gold(g)]
                p_items = [p for p in predicted if keep_pred(p)]
                g_spans = [(g.fragments[0][0], max(e for _, e in g.fragments)) for g in g_items]
                p_spans = [(p.start, p.end) for p in p_items]
                for threshold in THRESHOLDS:
                    pairs = ggt_match(g_spans, p_spans, threshold)
                    # matched, predicted, gold, speaker right, speaker scored, speaker named
                    row = counts[(way, set_name, threshold)]
                    row[0] += len(pairs)
                    row[1] += len(p_items)
                    row[2] += len(g_items)
                    for g, p in pairs:
                        listed = (way, set_name, threshold) == ("merged", "direct+mixed", THRESHOLDS[0])
                        error = speaker_error(stem, text, g_items[g], p_items[p]) if listed else None
                        if errors is not None and error:
                            errors.append(error)
                        source, mention = g_items[g].source, p_items[p].speaker_mention
                        if source is None:
                            continue
                        row[4] += 1
                        row[5] += mention is not None
                        row[3] += bool(mention and mention[0] < source[1] and source[0] < mention[1])
    return {f"{way} {name}@{t}": {**prf(*row[:3]), "speaker_accuracy": row[3] / row[4] if row[4] else None,
                                  "speaker_precision": row[3] / row[5] if row[5] else None}
            for (way, name, t), row in counts.items()}


def print_table(results: dict) -> None:
    print(f"{'predictions set@overlap':<28}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}{'spk':>7}"
          f"{'spkP':>7}")
    for key, r in results.items():
        print(f"{key:<28}{r['gold']:>6}{r['predicted']:>6}{r['matched']:>7}{r['precision'] or 0:>7.3f}"
              f"{r['recall'] or 0:>7.3f}{r['f1'] or 0:>7.3f}{r['speaker_accuracy'] or 0:>7.3f}"
              f"{r['speaker_precision'] or 0:>7.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--offset", type=int, default=0, help="skip the split's first K documents")
    parser.add_argument("--limit", type=int, default=None, help="then take only N documents")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--speaker-errors", action="store_true",
                        help="also list the speaker errors of merged direct+mixed@0.3, grouped by kind")
    args = parser.parse_args(argv)
    documents = read_split(args.polnear, args.split, args.offset, args.limit)
    errors: list[SpeakerError] | None = [] if args.speaker_errors else None
    results = evaluate(documents, load_nlp(args.model), errors)
    print(f"PolNeAR {args.split} [{args.offset}:{args.offset + len(documents)}]: {len(documents)} documents, "
          f"{sum(len(d[3]) for d in documents)} attributions")
    print_table(results)
    if errors is not None:
        print_speaker_errors(errors)
    payload = {"split": args.split, "offset": args.offset, "documents": len(documents), "speech_cues": SPEECH_CUE_WORDS.pattern, "results": results}
    print(json.dumps(payload, indent=1))
    if args.json:
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
