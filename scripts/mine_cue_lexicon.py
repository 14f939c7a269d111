"""Mine the cue lexicon from PolNeAR's train split: the verbs its annotators marked as attribution cues.

    python scripts/mine_cue_lexicon.py [--polnear ../shared/eval/polnear] [--min-count 3]

Reads every `Cue` span of `data/train/attributions/*.ann` (brat standoff), lemmatizes the verbs
in it with the installed spaCy pipeline, counts how often each lemma occurs as a verb in the train
texts at all, and writes the lemmas seen as a cue at least `--min-count` times to
`src/cliptrace/data/cue_lemmas.txt`, one per line: lemma, times a cue, times a verb (only lemmas
and counts, no article text). Their ratio is how often the verb attributes what it governs
(`cues.CUE_RATE`): "say" nearly always, "send" or "need" seldom.
Lemmas that are mostly something other than a speech act (be, have, make...) are dropped by the
stop list below: they cue an attribution only with their complement ("make clear").
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from cliptrace.extract.nlp import load_nlp
from cliptrace.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "cliptrace" / "data" / "cue_lemmas.txt"
# Verbs annotated as part of a longer cue ("make clear", "have said", "be quoted") that alone say nothing.
NOT_ALONE = frozenset("be have do make get go take give come put let seem appear keep see".split())


def cue_surfaces(polnear: Path) -> list[str]:
    surfaces = []
    for path in sorted((polnear / "data" / "train" / "attributions").glob("*.ann")):
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 3 and fields[0].startswith("T") and fields[1].startswith("Cue "):
                surfaces.append(fields[2])
    return surfaces


def mine(texts: list[str], nlp) -> Counter:
    """Verb lemmas in `texts` (lower case) and how often each occurs."""
    counts: Counter = Counter()
    for doc in nlp.pipe(texts, batch_size=64):
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.isalpha():
                counts[token.lemma_.lower()] += 1
    return counts


def train_texts(polnear: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((polnear / "data" / "train" / "text").glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    nlp = load_nlp(DEFAULT_MODEL)
    counts = mine(cue_surfaces(args.polnear), nlp)
    verbs = mine(train_texts(args.polnear), nlp)
    kept = [(lemma, n) for lemma, n in counts.most_common() if n >= args.min_count and lemma not in NOT_ALONE]
    header = ("# Attribution cue lemmas mined from PolNeAR train (scripts/mine_cue_lexicon.py): "
              "lemma, times a cue, times a verb in the texts\n")
    OUTPUT.write_text(header + "".join(f"{lemma} {n} {max(n, verbs[lemma])}\n" for lemma, n in kept), encoding="utf-8")
    print(f"{len(kept)} lemmas written to {OUTPUT}")


if __name__ == "__main__":
    main()
