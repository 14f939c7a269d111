"""A small run of benchmarks/fuzz.py: mutated clippings never crash a reader, hang, or cost a good file."""

from __future__ import annotations

import sys

import pytest

from testpaths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz  # noqa: E402

from cliptrace.settings import Budgets  # noqa: E402

BUDGETS = Budgets(seconds=60, memory_bytes=2**30)


def test_mutations_are_reproducible_and_varied():
    first, again = fuzz.inputs(40, seed=7), fuzz.inputs(40, seed=7)
    assert first == again
    assert len({data for _, data in first}) == 40
    bases = set(fuzz.bases().values())
    assert not any(data in bases for _, data in first)


def test_mutated_inputs_through_the_readers():
    tally = fuzz.fuzz_readers(150, seed=13, workers=2, budgets=BUDGETS)
    assert tally.counts["ok"] + tally.counts["unreadable"] == 150, tally.examples
    assert tally.counts["ok"] > 50 and tally.peak_kib < 2**20


@pytest.mark.slow
def test_mutated_inputs_through_the_pipeline_lose_no_good_file():
    tally = fuzz.fuzz_pipeline(8, seed=13, workers=2, budgets=BUDGETS)
    assert not (tally.counts["crash"] or tally.counts["hang"] or tally.counts["lost"]), tally.examples
    assert tally.counts["ok"] >= len(fuzz.bases()) - 5
