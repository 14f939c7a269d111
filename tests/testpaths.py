"""Paths the tests share (a module of its own: `conftest` names several modules under tests/)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "clippings"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"

# The reading room answers loopback host names only (TestClient's default "testserver" is refused).
LOCAL_URL = "http://localhost"
