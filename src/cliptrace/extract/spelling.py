"""Transliteration-tolerant spelling keys for names (no spaCy: the archive computes them too).

Arabic and Persian names reach English in many transliterations (Haniyeh / Haniya / Hnaiyeh,
Nakhaleh / al-Nakhalah, Raisi / Raeisi). `transliteration_key` removes the spelling noise those
variants differ by; `skeleton` keeps the first letter, the consonants and the kind of final vowel,
which the variants share. rapidfuzz's ratio over the keys guards against skeleton collisions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from cliptrace.arabic.normalize import fold_arabic, has_arabic

VOWELS = set("aeiou")
# Spelling variants of the same sound in common English transliterations of Arabic and Persian.
SOUND_VARIANTS = [("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("y", "i"), ("q", "k"),
                  ("ph", "f"), ("dh", "d"), ("dj", "j"), ("w", "u")]  # dj: French (Abdelmadjid)
MIN_SPELLING_SIMILARITY = 70  # rapidfuzz ratio of folded spellings that share a skeleton


@lru_cache(maxsize=1 << 16)
def transliteration_key(word: str) -> str:
    """Spelling with transliteration noise removed: "Al-Nakhalah" -> "nakhala", "Haniyyeh" -> "hania".
    An Arabic-script word is its folded spelling ("هنيّة" -> "هنيه"), so Arabic names stay apart."""
    if has_arabic(word):
        return fold_arabic(word).removeprefix("ال")
    w = re.sub(r"^(?:al|el)[-\s’']", "", word.lower().replace("’", "'"))
    w = re.sub(r"[^a-z]", "", w)
    for variant, plain in SOUND_VARIANTS:
        w = w.replace(variant, plain)
    w = re.sub(r"(.)\1+", r"\1", w)  # Haniyyeh, Hassan, Abbas
    w = re.sub(r"(?<=[a-z])[ae]h$", "a", w)  # Haniyeh / Haniya, Nakhalah / Nakhaleh
    w = re.sub(r"(?<=[a-z])e$", "a", w)
    return re.sub(r"(.)\1+", r"\1", w)


def skeleton(word: str) -> str:
    """First letter, the consonants, and whether the name ends in a vowel: hania -> "hna", absi -> "absi"."""
    return key_skeleton(transliteration_key(word))


@lru_cache(maxsize=1 << 16)
def key_skeleton(key: str) -> str:
    """The skeleton of a transliteration key (so a stored key needs no second pass over the word)."""
    if not key:
        return ""
    core = key[0] + "".join(c for c in key[1:-1] if c not in VOWELS)
    last = key[-1] if len(key) > 1 else ""
    ending = {"a": "a", "e": "a", "i": "i", "o": "u", "u": "u"}.get(last, last)
    return re.sub(r"(.)\1+", r"\1", core + ending)


def same_spelling(a: str, b: str) -> bool:
    """Two spellings of one name: same skeleton, and keys at least MIN_SPELLING_SIMILARITY alike."""
    return same_key(transliteration_key(a), transliteration_key(b))


def same_key(a: str, b: str) -> bool:
    """`same_spelling` over transliteration keys already computed."""
    return key_skeleton(a) == key_skeleton(b) and fuzz.ratio(a, b) >= MIN_SPELLING_SIMILARITY


def context_key(name: str, etype: str) -> str:
    """How a co-mentioned person or organisation counts as shared context between two articles:
    a person by their surname's key ("Haniya" = "Ismail Haniyeh"), an organisation by its folded name."""
    words = name.split()
    if etype == "person":
        return "person:" + (transliteration_key(words[-1]) if words else "")
    return f"{etype}:" + " ".join(w.lower() for w in words)
