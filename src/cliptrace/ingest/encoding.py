"""Is a file UTF-8 with a few bad bytes, or in a legacy code page? Shared by the text and data set readers."""

from __future__ import annotations

import re

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def utf8_by_majority(data: bytes) -> bool:
    """True when the bytes hold more valid multi-byte UTF-8 characters than invalid bytes: valid
    UTF-8 with any non-ASCII character, or UTF-8 with a few stray bytes. A legacy code page
    (cp1252, cp1256) almost never forms valid multi-byte sequences, so its text has nearly none
    (one Arabic case file: 2 against 171). Pure ASCII is False: it may be a 7-bit encoding
    (ISO-2022-JP, UTF-16 of ASCII letters) that only a detector can tell."""
    text = data.decode("utf-8", errors="surrogateescape")  # each invalid byte -> one U+DC80..U+DCFF
    invalid = len(_ESCAPED_BYTE.findall(text))
    return invalid < len(_NON_ASCII.findall(text)) - invalid
