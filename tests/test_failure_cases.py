"""The shared failure cases (../shared/cases), corpus-format samples (../shared/corpus/formats) and
the project's own cases (tests/data/cases: inputs written for cliptrace, each modelled on a
publicly reported failure of a comparable tool, named in its expectation's `about`).

Each case is ingested alone by this venv's `cliptrace` console script into a fresh SQLite file and
its JSONL export compared with NAME.expect.json by the shared `check.py` (standard library only).
Every case must pass. Without ../shared beside the clone the cases are skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from testpaths import DATA, SHARED

CASES_DIR = SHARED / "cases"
FORMATS_DIR = SHARED / "corpus" / "formats"
OWN_CASES_DIR = DATA / "cases"
CLIPTRACE = str(Path(sys.executable).with_name("cliptrace"))  # the console script of this venv

def _params(directory: Path) -> list:
    if not (directory / "check.py").exists() and not (CASES_DIR / "check.py").exists():
        return []
    sys.path.insert(0, str(CASES_DIR))
    import check  # noqa: E402  (standard library only)

    return [pytest.param(case, id=case.name) for case in check.find_cases(directory)]


CASES = _params(CASES_DIR) + _params(FORMATS_DIR) + _params(OWN_CASES_DIR)
CASES += _params(Path(__file__).parent / "data" / "formats")  # this repository's format samples with expectations


@pytest.mark.slow
@pytest.mark.skipif(not CASES, reason="../shared/cases is not beside this clone")
@pytest.mark.parametrize("case", CASES)
def test_failure_case(case):
    import check

    result = check.run_case(case, cliptrace=CLIPTRACE)
    assert result.passed, "\n".join(result.failures)
