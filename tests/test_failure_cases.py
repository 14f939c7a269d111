"""The shared failure cases (../shared/cases) and corpus-format samples (../shared/corpus/formats).

Each case is ingested alone by this venv's `cliptrace` console script into a fresh SQLite file and
its JSONL export compared with NAME.expect.json by the shared `check.py` (standard library only).
A case still failing is marked xfail(strict=True) with the issue that tracks it; strict, so the mark
must go as soon as the case passes. Without ../shared beside the clone the cases are skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from testpaths import SHARED

CASES_DIR = SHARED / "cases"
FORMATS_DIR = SHARED / "corpus" / "formats"
CLIPTRACE = str(Path(sys.executable).with_name("cliptrace"))  # the console script of this venv

# case name -> the issue that tracks it. Remove a line when its case passes.
STILL_FAILING = {
    "arabic-name-variants": "issue 9 (people)",
    "dash-and-colon-attribution": "issue 9 (attribution)",
    "dash-attribution-short-title": "issue 9 (attribution, metadata)",
    "eml-quoted-printable": "issue 9 (metadata, said_on)",
    "html-logo-h1-title": "issue 9 (metadata)",
    "since-date-not-said-on": "issue 9 (metadata, said_on)",
    "windows-1256-arabic": "issue 11 (Arabic)",
    "telegram-channel-export": "issue 11 (Arabic: the Arabic message's quote)",
}


def _params(directory: Path) -> list:
    if not (directory / "check.py").exists() and not (CASES_DIR / "check.py").exists():
        return []
    sys.path.insert(0, str(CASES_DIR))
    import check  # noqa: E402  (standard library only)

    params = []
    for case in check.find_cases(directory):
        marks = []
        if case.name in STILL_FAILING:
            marks.append(pytest.mark.xfail(strict=True, reason=STILL_FAILING[case.name]))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


CASES = _params(CASES_DIR) + _params(FORMATS_DIR)


@pytest.mark.slow
@pytest.mark.skipif(not CASES, reason="../shared/cases is not beside this clone")
@pytest.mark.parametrize("case", CASES)
def test_failure_case(case):
    import check

    result = check.run_case(case, cliptrace=CLIPTRACE)
    assert result.passed, "\n".join(result.failures)
