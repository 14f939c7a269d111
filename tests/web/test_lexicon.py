"""A user's own framing lexicon: `create_app(lexicon=PATH)` and `cliptrace serve --lexicon PATH`."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cliptrace.cli import app as cli
from cliptrace.web.app import create_app
from testpaths import LOCAL_URL as LOCAL

SIEGE = "[[pair]]\nkey = 'siege'\nlabel = 'siege / blockade'\nloaded = ['\\bsiege\\b']\nneutral = ['\\bblockade\\b']\n"


def test_outlets_count_the_terms_of_the_given_lexicon(real_archive, tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_text(SIEGE)
    client = TestClient(create_app(real_archive.db, lexicon=path), base_url=LOCAL)
    outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()}
    assert set(outlets["Workers Revolutionary Party"]["terms"]) == {"siege"}
    assert outlets["Workers Revolutionary Party"]["terms"]["siege"]["loaded"] >= 1  # "complete siege"
    assert "siege / blockade" in client.get("/outlets").text


def test_serve_rejects_a_missing_lexicon_file(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "a.sqlite"),
                                      "--lexicon", str(tmp_path / "missing.toml")])
    assert result.exit_code == 2 and "lexicon" in result.output.lower()
