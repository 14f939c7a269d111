"""Text folding for matching predictions against gold, independent of how the text was cleaned.

Folding maps typographic quotation marks to ASCII (’‘ → ', “”«»„ → "), dashes to "-" and "…" to
"..." (gold annotators type ASCII where the page has typography), and collapses runs of white space
to one space. `fold_with_offsets` also keeps, for every folded character, its index in the
original string, so a phrase found in folded text can be located in the original.
"""

from __future__ import annotations

import re

_TYPOGRAPHY = {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"',
               "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "…": "..."}
_WORD = re.compile(r"\w+")


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index of that character in `text`."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, original in enumerate(text):
        if original.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(index)
            continue
        for char in _TYPOGRAPHY.get(original, original):  # "…" becomes three characters
            chars.append(char)
            offsets.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


def fold(text: str | None) -> str:
    return fold_with_offsets(text or "")[0]


def fold_name(text: str | None) -> str:
    """Folded and case-folded: for titles, names and outlets."""
    return fold(text).casefold()


def tokens(text: str) -> list[str]:
    """Case-folded word tokens (punctuation and quotation marks dropped)."""
    return _WORD.findall(fold(text).casefold())
