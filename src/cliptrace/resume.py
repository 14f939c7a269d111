"""Archive-wide steps that follow writes, kept resumable: a run killed at any moment is completed
by the next writing command or by `cliptrace repair`.

A writing command records the steps it will owe (`Archive.mark_pending`) before its first write; each step deletes
its record only after it has committed (`finish_pending`). Every step is idempotent (it recomputes
from what is stored), so running one twice after a kill is harmless.
"""

from __future__ import annotations

import os
import signal

from cliptrace.archive.store import Archive
from cliptrace.questions.framing import count_framing, load_lexicon

ENTITIES = "entities"  # merge the spellings of one person archive-wide (Archive.resolve_entities)
FRAMING = "framing"  # the reading room's framing counts of articles not counted yet

# Tests only: the process kills itself (SIGKILL, no cleanup) the first time it reaches this stage.
KILL_AT_ENV = "CLIPTRACE_TEST_KILL_AT"


def finish_pending(archive: Archive) -> list[str]:
    """Run every pending step, clearing each once done; returns the steps run."""
    done = []
    for step in archive.pending_steps():
        if step == ENTITIES:
            archive.resolve_entities()
        elif step == FRAMING:
            count_framing(archive.engine, load_lexicon())
        checkpoint(f"{step}-run")
        archive.clear_pending(step)
        done.append(step)
    return done


def checkpoint(stage: str) -> None:
    """A named stage boundary; `CLIPTRACE_TEST_KILL_AT=stage` makes the process die here, as kill -9 would."""
    if os.environ.get(KILL_AT_ENV) == stage:
        os.kill(os.getpid(), signal.SIGKILL)
