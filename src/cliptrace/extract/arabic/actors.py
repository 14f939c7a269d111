"""The bilingual actors list (`cliptrace/data/actors.toml`, extended by the file CLIPTRACE_ACTORS
names) and the cross-script name key.

The list maps Arabic spellings to one canonical Latin name per person, organisation or place, so
Arabic mentions join the English ones in the archive. `cross_script_key` compares an Arabic and a
Latin spelling of a name that is not on the list (رندة موسى / Randa Mousa).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from cliptrace.arabic.normalize import fold_arabic, has_arabic

ACTOR_TYPES = {"person": "person", "org": "org", "place": "place"}


@dataclass(frozen=True)
class Actor:
    name: str  # canonical Latin name
    type: str  # person | org | place
    latin: tuple[str, ...] = ()  # other Latin spellings


class ActorsError(ValueError):
    """The actors file cannot be read (the message names the file and the reason)."""


@lru_cache(maxsize=4)
def load_actors(extra: str | None = None) -> dict[tuple[str, ...], Actor]:
    """Folded Arabic spellings (as word tuples) -> Actor, from the shipped list plus `extra`.

    Raises ActorsError when a file is not valid TOML or an entry lacks `name` or `arabic`."""
    sources = [("cliptrace/data/actors.toml",
                resources.files("cliptrace").joinpath("data", "actors.toml").read_bytes())]
    if extra:
        try:
            sources.append((extra, Path(extra).read_bytes()))
        except OSError as error:
            raise ActorsError(f"{extra}: cannot read the actors file ({error.strerror})") from error
    table: dict[tuple[str, ...], Actor] = {}
    for where, data in sources:
        try:
            parsed = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ActorsError(f"{where}: not a valid actors file ({error})") from error
        for kind, etype in ACTOR_TYPES.items():
            for entry in parsed.get(kind, []):
                if "name" not in entry or not entry.get("arabic"):
                    raise ActorsError(f"{where}: a [[{kind}]] entry needs `name` and `arabic`: {entry}")
                actor = Actor(entry["name"], etype, tuple(entry.get("latin", [])))
                for spelling in [*entry["arabic"], *entry.get("short", [])]:
                    table[tuple(fold_arabic(spelling).split())] = actor
    return table


def actors() -> dict[tuple[str, ...], Actor]:
    return load_actors(os.environ.get("CLIPTRACE_ACTORS") or None)


def latin_names_spelled(arabic: str) -> list[str]:
    """The Latin names (canonical, then the others) of the actors one of whose Arabic spellings
    contains `arabic`, spelling variants folded: "نتنياهو" -> ["Benjamin Netanyahu"]. The archive
    files these actors under their Latin name, so this is how an Arabic query finds them."""
    wanted = fold_arabic(arabic).strip()
    if not wanted or not has_arabic(wanted):
        return []
    found = {actor.name: actor for spelling, actor in actors().items() if wanted in " ".join(spelling)}
    return [name for actor in found.values() for name in (actor.name, *actor.latin)]


# --- cross-script key -------------------------------------------------------------------------
# Arabic letters -> the Latin consonant class English transliterations use for them; long vowels,
# semivowels, ع and hamza carriers have no consonant (they are written as vowels or dropped).
_ARABIC_CLASS = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "b", "گ": "j", "چ": "s",
    "ا": "", "و": "", "ي": "", "ع": "", "ء": "", "ئ": "", "ؤ": "", "ى": "",
})
# Latin digraphs first, then the single letters with the same class.
_LATIN_DIGRAPHS = [("sh", "s"), ("ch", "s"), ("kh", "k"), ("th", "t"), ("dh", "d"), ("gh", "G"),
                   ("ph", "f"), ("dj", "j"), ("q", "k"), ("c", "k"), ("g", "j"), ("G", "g"), ("x", "ks")]
_LATIN_VOWELS = re.compile(r"[aeiouyw'’`ʿʾ-]")


def _arabic_word_key(word: str) -> str:
    word = fold_arabic(word)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    if word.endswith(("ه", "ح")) and len(word) > 1:
        word = word[:-1]  # ة (folded to ه) is a vowel in Latin spelling, and a final h is often dropped
    return word.translate(_ARABIC_CLASS)


def _latin_word_key(word: str) -> str:
    word = re.sub(r"^(?:al|el)[-\s’']", "", word.lower())
    word = re.sub(r"(?<=[aeiou])h$", "", word)  # Haniyeh, Allah, Saleh
    for digraph, plain in _LATIN_DIGRAPHS:
        word = word.replace(digraph, plain)
    return _LATIN_VOWELS.sub("", word)


def cross_script_key(name: str) -> tuple[str, str]:
    """(given name, rest of the name) as consonant skeletons shared by Arabic and Latin spellings:
    "إسماعيل هنية" and "Ismail Haniyeh" -> ("sml", "hn"); "حسن نصر الله" and "Hassan Nasrallah"
    -> ("hsn", "nsrl"). Articles (ال, al-) are dropped and doubled consonants collapse, so
    transliteration noise vanishes, while the given name keeps two people who share a family name
    apart (خليل الحية / Hamza al-Hayya). A one-word name gives ("", key)."""
    words = name.split()
    key = _arabic_word_key if has_arabic(name) else _latin_word_key
    parts = [re.sub(r"(.)\1+", r"\1", key(w)) for w in words]
    parts = [p for p in parts if p]
    if not parts:
        return "", ""
    if len(parts) == 1:
        return "", parts[0]
    return parts[0], re.sub(r"(.)\1+", r"\1", "".join(parts[1:]))


def same_person_across_scripts(arabic_name: str, latin_name: str) -> bool:
    """Whether an Arabic-script and a Latin-script name may be one person: the actors list says so,
    or both names have a given name and their cross-script keys are equal."""
    actor = actors().get(tuple(fold_arabic(arabic_name).split()))
    if actor is not None:
        return latin_name.casefold() in {n.casefold() for n in (actor.name, *actor.latin)}
    a, b = cross_script_key(arabic_name), cross_script_key(latin_name)
    return bool(a[0]) and a == b
