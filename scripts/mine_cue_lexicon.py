"""Mine the cue lexicon from PolNeAR's train split: the verbs its annotators marked as attribution cues.

    python scripts/mine_cue_lexicon.py [--polnear ../shared/eval/polnear] [--min-count 3]

Reads every `Cue` span of `data/train/attributions/*.ann` (brat standoff), lemmatizes the verbs
in it with the installed spaCy pipeline and writes the lemmas seen at least `--min-count` times to
`src/cliptrace/data/cue_lemmas.txt`, one per line with its count (only lemmas, no article text).
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


def mine(surfaces: list[str], nlp) -> Counter:
    counts: Counter = Counter()
    for doc in nlp.pipe(surfaces, batch_size=256):
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.isalpha():
                counts[token.lemma_.lower()] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    counts = mine(cue_surfaces(args.polnear), load_nlp(DEFAULT_MODEL))
    kept = [(lemma, n) for lemma, n in counts.most_common() if n >= args.min_count and lemma not in NOT_ALONE]
    header = "# Attribution cue lemmas mined from PolNeAR train (scripts/mine_cue_lexicon.py): lemma count\n"
    OUTPUT.write_text(header + "".join(f"{lemma} {n}\n" for lemma, n in kept), encoding="utf-8")
    print(f"{len(kept)} lemmas written to {OUTPUT}")


if __name__ == "__main__":
    main()
