"""`python -m cliptrace`: the same as the `cliptrace` command."""

from cliptrace.cli import app

app(prog_name="cliptrace")
