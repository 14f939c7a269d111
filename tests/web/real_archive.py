"""An archive built by really ingesting the seed clippings, plus one hostile clipping.

`build_real_archive(folder)` copies `examples/clippings/` into `folder`, writes `hostile.html` beside
them and runs the whole pipeline (`ingest_paths`: read, split, annotate with the real spaCy model,
resolve aliases). The hostile page carries markup as *text* of its body (escaped in the HTML), so
it survives extraction and reaches the reading room as article text that must never run.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from cliptrace.archive.schema import articles
from cliptrace.archive.store import Archive
from cliptrace.model import entity_id
from cliptrace.pipeline import ingest_paths
from cliptrace.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "clippings"
HANIYEH = entity_id("Ismail Haniyeh", "person")
HOSTILE_MARKUP = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">',
                  '<a href="javascript:window.__pwned=1">click</a>']
HOSTILE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Officials meet at the Rafah crossing - The Hostile Gazette</title>
<meta property="og:site_name" content="The Hostile Gazette">
<meta name="date" content="2024-01-02">
<script>window.__pwned = 1</script>
</head><body><article>
<h1>Officials meet at the Rafah crossing</h1>
<p>RAFAH (Hostile Gazette) - Officials from Egypt and Qatar met at the Rafah crossing on Monday to
discuss the passage of aid trucks into Gaza, according to a statement released after the talks.</p>
<p>The statement, pasted here by a hostile hand, read &lt;script&gt;window.__pwned=1&lt;/script&gt;
before the text went on to describe the meeting at length.</p>
<p>"We discussed the crossing &lt;img src=x onerror="window.__pwned=1"&gt; and nothing else," the
Egyptian spokesman Ahmed Fahmy said after the meeting.</p>
<p>Aid agencies said at least 120 trucks were waiting at the border, and that more than 40 drivers
had been detained for questioning on Sunday.</p>
<p>Further details were promised in a link, &lt;a href="javascript:window.__pwned=1"&gt;click&lt;/a&gt;,
which readers were told to follow for the full statement of the delegations.</p>
</article></body></html>
"""


@dataclass(frozen=True)
class RealArchive:
    db: str
    ids: dict[str, str]  # "arabic", "hostile" -> article id


def build_real_archive(folder: Path) -> RealArchive:
    clippings = folder / "clippings"
    shutil.copytree(SEEDS, clippings)
    (clippings / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    db = str(folder / "real.sqlite")
    archive = Archive.open(db)
    try:
        report = ingest_paths([str(clippings)], archive, Settings(db=db))
        assert not report.failed, report.failed
        with archive.engine.connect() as conn:
            arabic = conn.execute(select(articles.c.id).where(articles.c.language == "ar")).scalar_one()
            hostile = conn.execute(select(articles.c.id)
                                   .where(articles.c.source_path.endswith("hostile.html"))).scalar_one()
    finally:
        archive.close()
    return RealArchive(db, {"arabic": arabic, "hostile": hostile})
