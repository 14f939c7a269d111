"""The README's getting-started path, as a newcomer types it: `bash scripts/demo`, then the tour's
first lines in a new shell (no virtual environment active), in a copy of the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tour_lines(readme: str) -> list[str]:
    """The commands of the README's tour block, comments stripped, in order."""
    block = re.search(r"## A tour.*?```bash\n(.*?)```", readme, flags=re.S)[1]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_demo_then_the_tour_works_in_a_new_shell(tmp_path):
    repo = tmp_path / "cliptrace"
    for part in ("examples", "scripts"):
        shutil.copytree(ROOT / part, repo / part)
    shutil.copy(ROOT / "README.md", repo)
    (repo / ".venv").symlink_to(Path(sys.prefix))  # the environment scripts/setup would have made
    shell_env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
                 **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}}

    demo = subprocess.run(["bash", "scripts/demo"], cwd=repo, capture_output=True, text=True,
                          env={**shell_env, "CLIPTRACE_NO_SETUP": "1", "CLIPTRACE_NO_SERVE": "1"})
    assert demo.returncode == 0, demo.stderr
    assert "source .venv/bin/activate" in demo.stdout

    first = tour_lines((repo / "README.md").read_text())[:3]
    assert first[0] == "source .venv/bin/activate"
    typed = subprocess.run(["bash", "-e", "-c", "\n".join(first)], cwd=repo, capture_output=True, text=True,
                           env=shell_env)
    assert typed.returncode == 0, typed.stderr
    assert "Al Mayadeen" in typed.stdout and "unchanged" in typed.stdout  # the demo's archive, reopened
    assert (repo / "cliptrace.sqlite").exists()
