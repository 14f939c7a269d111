"""Corpus exports at scale: a 200-document Nexis Uni download and a 100,000-row CSV data set.

    python benchmarks/formats_scale.py                         # both, default sizes
    python benchmarks/formats_scale.py --documents 20 --rows 1000   # smoke check

Both files are generated here with distinct text per article (random sentences from a fixed
vocabulary, seeded), in the layouts the readers follow. Each is ingested by the `cliptrace`
console script beside this Python in a fresh process into a fresh SQLite file: the Nexis export
with extraction, the CSV with --no-extract. Printed per file: articles expected and archived, wall
time and the child's peak memory (ru_maxrss). Exits 1 when a count is wrong or the CSV's peak
memory is 500 MiB or more.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLIPTRACE = str(Path(sys.executable).with_name("cliptrace"))
CSV_MEMORY_LIMIT_MIB = 500
_WORDS = ("harbour council ferry storm bridge market river quay tide road rail school clinic pier "
          "budget vote board engineer official resident week crossing repair delay agreement").split()
_VERBS = "said reported confirmed announced denied expected approved reopened delayed".split()


def sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(8, 16))
    words.insert(rng.randint(2, len(words) - 1), rng.choice(_VERBS))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def write_nexis(path: Path, documents: int, rng: random.Random) -> None:
    """A Nexis Uni text download: cover page, then each document to "End of Document"."""
    titles = [f"{sentence(rng)[:-1][:60]} ({n})" for n in range(1, documents + 1)]
    lines = ["User Name: =", "Date and Time: = 2025-06-02", "Job Number: = 1", "", f"Documents ({documents})", ""]
    for n, title in enumerate(titles, 1):
        lines += [f"{n}. {title}", "Client/Matter: -None-", "Search Terms: harbour", ""]
    for n, title in enumerate(titles, 1):
        body = [paragraph(rng, 3) for _ in range(6)]
        lines += ["", title, "", f"Outlet {n % 7}", f"May {n % 28 + 1}, 2025 Wednesday", "",
                  f"Copyright 2025 Outlet {n % 7} All Rights Reserved", "", "Section: NEWS; Pg. 2",
                  f"Length: {sum(len(p.split()) for p in body)} words", f"Byline: Reporter {n}", "Body", "",
                  *body, "Classification", "", "Language: ENGLISH", "", "Subject: HARBOURS (90%)", "",
                  "Load-Date: June 1, 2025", "", "", "End of Document", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_csv(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "title", "date", "source", "url", "text"])
        for n in range(rows):
            writer.writerow([n, sentence(rng)[:-1], f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}", f"Outlet {n % 50}",
                             f"https://outlet.example/{n}", "\n\n".join(paragraph(rng, 2) for _ in range(2))])


def ingest(path: Path, db: Path, *options: str) -> tuple[int, float, float, float, str]:
    """(articles archived, wall seconds, CPU seconds, child's peak MiB, output) of one ingest in a
    fresh process. CPU time is printed too: on a shared machine the wall time says little."""
    env = {**os.environ, "CLIPTRACE_MAX_FILE_BYTES": str(4 * 1024**3)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([CLIPTRACE, "ingest", str(path), "--db", str(db), *options],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak_kib = after.ru_maxrss
    if peak_kib <= before.ru_maxrss:  # ru_maxrss is the largest child so far: a smaller one does not show
        print("warning: peak memory not measurable (an earlier child was larger)", file=sys.stderr)
    match = re.search(r"\((\d+) articles\)", done.stdout)
    return (int(match.group(1)) if match else -1), seconds, cpu, peak_kib / 1024, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(10)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, nexis_path = folder / "articles.csv", folder / "nexis.txt"
        write_csv(csv_path, args.rows, rng)
        write_nexis(nexis_path, args.documents, rng)
        # The CSV first: ru_maxrss reports the largest child so far, and the model makes Nexis larger.
        for name, path, expected, options in (
            ("CSV data set (--no-extract)", csv_path, args.rows, ("--no-extract",)),
            ("Nexis Uni export (with extraction)", nexis_path, args.documents, ()),
        ):
            articles, seconds, cpu, peak_mib, output = ingest(path, folder / f"{path.stem}.sqlite", *options)
            size_mib = path.stat().st_size / 1024**2
            print(f"{name}: {size_mib:.1f} MiB, {articles} of {expected} articles archived, "
                  f"{seconds:.1f} s wall, {cpu:.1f} s CPU, peak memory {peak_mib:.0f} MiB", flush=True)
            if articles != expected:
                ok = False
                print(output, file=sys.stderr)
            if path is csv_path and peak_mib >= CSV_MEMORY_LIMIT_MIB:
                ok = False
                print(f"CSV peak memory {peak_mib:.0f} MiB is over {CSV_MEMORY_LIMIT_MIB} MiB", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
