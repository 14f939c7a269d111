"""`python -m cliptrace.cli`: the same as the `cliptrace` command."""

from . import app

app(prog_name="cliptrace")
