"""Archive-wide canonical names: one person, many spellings.

Arabic and Persian names reach English in many transliterations (Haniyeh / Haniya / Hnaiyeh,
Nakhaleh / al-Nakhalah, Raisi / Raeisi). Names are folded to a consonant skeleton that those
variants share, then compared with rapidfuzz as a guard against skeleton collisions. First names
must agree too, so two people who share a surname (Hassan and Ali Nasrallah) stay apart; a bare
surname joins a full name only when exactly one full name in the archive carries it.
People's corrections (merge / split / rename) are applied after the automatic clustering, so they
survive re-extraction.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from cliptrace.arabic.normalize import fold_arabic, has_arabic
from cliptrace.extract.entities import strip_honorifics

VOWELS = set("aeiou")
# Spelling variants of the same sound in common English transliterations of Arabic and Persian.
SOUND_VARIANTS = [("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("y", "i"), ("q", "k"),
                  ("ph", "f"), ("dh", "d"), ("dj", "j"), ("w", "u")]  # dj: French (Abdelmadjid)
MIN_SPELLING_SIMILARITY = 70  # rapidfuzz ratio of folded spellings that share a skeleton


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
    key = transliteration_key(word)
    if not key:
        return ""
    core = key[0] + "".join(c for c in key[1:-1] if c not in VOWELS)
    last = key[-1] if len(key) > 1 else ""
    ending = {"a": "a", "e": "a", "i": "i", "o": "u", "u": "u"}.get(last, last)
    return re.sub(r"(.)\1+", r"\1", core + ending)


def _same_spelling(a: str, b: str) -> bool:
    return skeleton(a) == skeleton(b) and fuzz.ratio(transliteration_key(a), transliteration_key(b)) >= MIN_SPELLING_SIMILARITY


def _name_words(name: str) -> list[str]:
    """A person's name word by word, honorifics aside, a particle joined to the surname ("al-Arouri")."""
    tokens = strip_honorifics(name.strip())[0].split()
    if len(tokens) >= 2 and tokens[-2].lower() in ("al", "el", "abu", "bin", "ibn"):
        tokens = tokens[:-2] + [tokens[-2] + "-" + tokens[-1]]
    return tokens


def _person_parts(name: str) -> tuple[str | None, str]:
    """(first name, surname) of a person's name, honorifics and "al-" particles aside."""
    tokens = _name_words(name)
    if not tokens:
        return None, ""
    return (tokens[0] if len(tokens) > 1 else None), tokens[-1]


def _given_names(name: str) -> str:
    """Every name before the surname, run together: compound names are written apart or joined."""
    return "".join(_name_words(name)[:-1])


def _org_key(name: str) -> str:
    folded = re.sub(r"^(?:the|al|el)[-\s]+", "", name.lower().replace("’", "'"))
    return re.sub(r"[^\w]+", " ", folded).strip()


def canonicalize(names: list[tuple[str, str, int]], corrections: list[dict] = ()) -> dict[str, str]:
    """Map every surface name (name, type, count) to the canonical name of its entity.

    The canonical name is the most frequent full form of the cluster. Corrections, applied last:
    {"action": "merge", "names": [a, b, ...]}, {"action": "split", "name": x},
    {"action": "rename", "name": x, "to": y}.
    """
    counts: Counter = Counter()
    types: dict[str, str] = {}
    for name, etype, count in names:
        counts[name] += count
        types.setdefault(name, etype)
    clusters: list[list[str]] = _cluster_people([n for n in counts if types[n] == "person"])
    others: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in counts:
        if types[name] != "person":
            others[(types[name], _org_key(name))].append(name)
    clusters += list(others.values())

    mapping: dict[str, str] = {}
    for cluster in clusters:
        canonical = _most_frequent_full_form(cluster, counts)
        for name in cluster:
            mapping[name] = canonical
    return apply_corrections(mapping, corrections)


def _cluster_people(names: list[str]) -> list[list[str]]:
    full: list[list[str]] = []  # clusters of names with a first name
    bare: list[str] = []
    for name in sorted(names, key=lambda n: (-len(n.split()), n)):
        first, surname = _person_parts(name)
        if not surname:
            continue
        if first is None:
            bare.append(name)
            continue
        for cluster in full:
            f, s = _person_parts(cluster[0])
            if _same_spelling(s, surname) and (_same_spelling(f, first) or _same_spelling(
                    _given_names(cluster[0]), _given_names(name))):  # Abdel Majid / Abdelmadjid
                cluster.append(name)
                break
        else:
            full.append([name])
    alone: list[list[str]] = []
    for name in bare:
        _, surname = _person_parts(name)
        holders = [c for c in full if _same_spelling(_person_parts(c[0])[1], surname)]
        if len(holders) == 1:
            holders[0].append(name)
            continue
        if holders:  # two people share this surname: the bare surname stays its own, unresolved
            alone.append([name])
            continue
        for cluster in alone:
            if len(cluster[0].split()) == 1 and _same_spelling(_person_parts(cluster[0])[1], surname) and not any(
                    _same_spelling(_person_parts(c[0])[1], surname) for c in full):
                cluster.append(name)
                break
        else:
            alone.append([name])
    return full + alone


def _most_frequent_full_form(cluster: list[str], counts: Counter) -> str:
    forms: Counter = Counter()
    for name in cluster:
        forms[strip_honorifics(name.strip())[0] or name] += counts[name]
    full = [f for f in forms if _person_parts(f)[0] is not None] or list(forms)  # not "Abu Akleh"
    return max(full, key=lambda f: (forms[f], len(f), f))


def apply_corrections(mapping: dict[str, str], corrections: list[dict]) -> dict[str, str]:
    """People's fixes to the automatic clustering; later corrections win over earlier ones."""
    mapping = dict(mapping)
    for fix in corrections:
        action = fix.get("action")
        if action == "merge":
            targets = [mapping.get(n, n) for n in fix["names"]]
            into = targets[0]
            for name, canonical in mapping.items():
                if canonical in targets:
                    mapping[name] = into
            for name in fix["names"]:
                mapping[name] = into
        elif action == "split":
            mapping[fix["name"]] = strip_honorifics(fix["name"])[0] or fix["name"]
        elif action == "rename":
            old = mapping.get(fix["name"], fix["name"])
            for name, canonical in mapping.items():
                if canonical == old:
                    mapping[name] = fix["to"]
            mapping[fix["name"]] = fix["to"]
    return mapping
