"""The one error the readers raise: a source whose bytes cannot be turned into a document."""

from __future__ import annotations


class UnreadableSource(Exception):
    """Raised by `ingest.read` with a reason a person can act on (e.g. "PDF is encrypted")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
