"""The gender a given name tells, from gender-guesser's dictionary (Jörg Michael's `nam_dict.txt`).

Kept apart from the extractors so that ingest (which reads "Ines Vale, 3 April 2024" lines) can ask
without loading spaCy.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _given_names():
    import gender_guesser.detector  # loads its dictionary (about a second): only when names are read

    return gender_guesser.detector.Detector(case_sensitive=False)


def given_name_gender(name: str) -> str | None:
    """"female" or "male" when `name` is a full name ("Bill Clinton") whose first word is a given
    name borne by one gender only in gender-guesser's dictionary (Jörg Michael's `nam_dict.txt`,
    about 40,000 given names of 54 countries, Arabic transliterations among them); None for one
    name alone, an initial, or a given name of both genders or of none ("Pat", "Kim", "Bernie"
    count as unknown): a pronoun must never be kept from the right person by a guess."""
    words = name.split()
    if len(words) < 2 or len(words[0]) < 2 or not words[0].isalpha():
        return None
    verdict = _given_names().get_gender(words[0])
    return verdict if verdict in ("female", "male") else None


def is_given_name(word: str) -> bool:
    """Is `word` a given name of anyone, of either gender or both ("Ines", "Pat"), in the dictionary?"""
    return len(word) > 1 and word.isalpha() and _given_names().get_gender(word) != "unknown"
