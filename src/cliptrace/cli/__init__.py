"""The `cliptrace` command: each command is a few lines over the library."""

from . import archive_cmds, explore, serve  # noqa: F401  (each module registers its commands)
from .app import app

__all__ = ["app"]
