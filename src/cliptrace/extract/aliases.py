"""Archive-wide canonical names: one person, many spellings.

Names are compared by transliteration-tolerant keys (`spelling`). First names must agree too, so
two people who share a surname (Hassan and Ali Nasrallah) stay apart; a bare surname joins a full
name only when exactly one full name in the archive carries it and, when the archive knows what
their articles name beside them, they share some of it (a shared surname alone is weak evidence).

Scale: every comparison above needs the two surnames to share a skeleton, so names are blocked by
it (`block_key`; organisations by their folded name) and compared only within their block, and
inside a block a full name only with the clusters whose first or given names share its skeleton
(`compared_groups`). The result is the same as comparing every pair; its cost grows with block
sizes, not with the square of the archive's people. The groups also split a block's full names
into components that never meet (names linked by a shared first-name or given-names group), so
an ingest re-clusters only the components its names fall in, plus the block's bare surnames, which
need of the other components only how many heads carry their surname (`resolve_names`'s
`elsewhere`; `entity_map` reads and stores what that takes).
People's corrections (merge / split / rename) are applied after the automatic clustering, so they
survive re-extraction.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from cliptrace.extract.entities import strip_honorifics
from cliptrace.extract.spelling import key_skeleton, same_key, transliteration_key

PARTICLES = ("al", "el", "abu", "bin", "ibn")  # joined to the surname: "al-Arouri", "Abu Marzouk"


@dataclass(frozen=True)
class NameKeys:
    """A person's name reduced to what clustering compares, computed once per name.

    `first`, `given` and `surname` are transliteration keys of the first name (None for a bare
    surname), of all given names run together, and of the surname; `words` is how many words the
    name has as written (honorifics included).
    """

    name: str
    first: str | None
    given: str
    surname: str
    words: int

    def encode(self) -> str:
        """The keys as one string, stored beside the name (`decode` reverses it)."""
        return "|".join([str(self.words), "-" if self.first is None else "+" + self.first, self.given, self.surname])

    @classmethod
    def decode(cls, name: str, encoded: str) -> NameKeys:
        words, first, given, surname = encoded.split("|")
        return cls(name, None if first == "-" else first[1:], given, surname, int(words))


def person_keys(name: str) -> NameKeys | None:
    """The comparison keys of a person's name; None when it has no surname to compare."""
    first, surname = _person_parts(name)
    if not surname:
        return None
    return NameKeys(name, None if first is None else transliteration_key(first),
                    transliteration_key(_given_names(name)), transliteration_key(surname), len(name.split()))


def block_key(name: str, etype: str) -> str | None:
    """The block a name is compared within: people by their surname's skeleton, other entities by
    their folded name ("Al-Mayadeen" = "Al Mayadeen"). None: a person's name with no surname."""
    if etype != "person":
        return f"{etype}:{_org_key(name)}"
    keys = person_keys(name)
    return None if keys is None else person_block(keys)


def person_block(keys: NameKeys) -> str:
    """`block_key` of a person's name from its keys: "person:" and its surname's skeleton."""
    return "person:" + key_skeleton(keys.surname)


def compared_groups(block: str, keys: NameKeys | None) -> tuple[str | None, str | None]:
    """(first group, given group) of a name in `block` ("person:hna", "org:hamas"), as strings.

    A full name is compared only with cluster heads that share its first group (the block and the
    skeleton of its first name: "person:hna|ismal") or its given group (the block and the skeleton
    of all its given names), so names linked by these groups form a block's independent components.
    A bare surname: its block's `bare_group` and None (all of a block's bare surnames are clustered
    together); any other entity: its block and None (one cluster); no surname: (None, None).
    """
    if keys is None:
        return (block or None), None
    if keys.first is None:
        return bare_group(block), None
    return f"{block}|{key_skeleton(keys.first)}", f"{block}|{key_skeleton(keys.given)}"


def bare_group(block: str) -> str:
    """The first group of a person block's bare surnames ("person:hna|")."""
    return block + "|"


@dataclass
class Resolution:
    """What one resolution did: canonical name per surface name, and how much it compared."""

    mapping: dict[str, str]
    blocks: int = 0
    comparisons: int = 0  # pairs of spellings compared
    moved: int = 0  # mention groups that changed entity (set by the archive)
    heads: set[str] = field(default_factory=set)  # names that head a cluster of full names
    # (block, head's surname key) of clusters not given (`elsewhere`) that alone carry a given bare
    # surname: that bare name's cluster is not known until those clusters are given too
    wanted: set[tuple[str, str]] = field(default_factory=set)


def _name_words(name: str) -> list[str]:
    """A person's name word by word, honorifics aside, a particle joined to the surname ("al-Arouri")."""
    tokens = strip_honorifics(name.strip())[0].split()
    if len(tokens) >= 2 and tokens[-2].lower() in PARTICLES:
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
    return resolve_names(names, corrections).mapping


def resolve_names(names: list[tuple[str, str, int]], corrections: list[dict] = (),
                  keys: dict[str, NameKeys] | None = None,
                  contexts: dict[str, set[str]] | None = None,
                  elsewhere: dict[str, Counter] | None = None) -> Resolution:
    """`canonicalize`, block by block, saying how many comparisons it made.

    `names` may be whole blocks of a larger archive (with the names its corrections mention): the
    mapping of those names is then the one the whole archive would give. Or, within a person
    block, whole components (`compared_groups`) with all the block's bare surnames, and in
    `elsewhere` (block -> Counter of surname keys) the heads of the block's other clusters of full
    names: the same holds, except for a bare surname carried by one head of those alone, which
    `Resolution.wanted` then names. `keys`: people's keys computed before (stored in the
    archive), so they are not computed again. `contexts`: per person's name, what their articles
    name beside them (`spelling.context_key`); where it is known, a bare surname joins a full name
    (or another bare spelling) only when they share some.
    """
    counts: Counter = Counter()
    types: dict[str, str] = {}
    for name, etype, count in names:
        counts[name] += count
        types.setdefault(name, etype)
    keys = keys or {}
    people: dict[str, list[NameKeys]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        if types[name] == "person":
            found = keys.get(name) or person_keys(name)
            if found is not None:
                people[person_block(found)].append(found)
        else:
            others[block_key(name, types[name])].append(name)
    resolution = Resolution({}, blocks=len(people) + len(others))
    clusters: list[list[str]] = []
    for block, found in people.items():
        clusters += _cluster_people(block, found, resolution, contexts, (elsewhere or {}).get(block))
    clusters += list(others.values())
    for cluster in clusters:
        canonical = _most_frequent_full_form(cluster, counts)
        for name in cluster:
            resolution.mapping[name] = canonical
    resolution.mapping = apply_corrections(resolution.mapping, corrections)
    return resolution


def _cluster_people(block: str, names: list[NameKeys], resolution: Resolution,
                    contexts: dict[str, set[str]] | None = None, elsewhere: Counter | None = None) -> list[list[str]]:
    """Clusters of one block's names (people whose surnames share a skeleton).

    Longest names first: a full name joins the first cluster whose first name's surname and first
    (or all given) names are spelled alike; a bare surname joins the one cluster of full names
    spelled like it, stays alone when two people share it, or else joins another bare spelling.
    With `contexts`, a bare surname joins only where the articles agree on something else too:
    the footballer Howard is not the Howard of a film review. `elsewhere`: surname keys of the
    heads of the block's clusters not in `names` (see `resolve_names`).
    """
    def same(a: str, b: str) -> bool:
        resolution.comparisons += 1
        return same_key(a, b)

    def agree(name: str, cluster: list[str]) -> bool:
        known = [contexts[other] for other in cluster if other in contexts] if contexts else []
        if not known or name not in contexts:
            return True  # context not recorded (an archive older than the name index): spelling decides
        return any(contexts[name] & other for other in known)

    full: list[tuple[NameKeys, list[str]]] = []  # (first name's keys, cluster)
    # A full name can join only a cluster whose head's first or given names share their skeleton
    # (`same_key` needs it), so only those heads are compared, in the order the clusters began:
    # the same first match as a pass over every head, without comparing a large block's every pair.
    by_first: dict[str, list[int]] = defaultdict(list)
    by_given: dict[str, list[int]] = defaultdict(list)
    bare: list[NameKeys] = []
    for keys in sorted(names, key=lambda k: (-k.words, k.name)):
        if keys.first is None:
            bare.append(keys)
            continue
        first, given = compared_groups(block, keys)
        for head, cluster in (full[i] for i in sorted({*by_first.get(first, ()), *by_given.get(given, ())})):
            if same(head.surname, keys.surname) and (
                    same(head.first, keys.first) or same(head.given, keys.given)):  # Abdel Majid / Abdelmadjid
                cluster.append(keys.name)
                break
        else:
            by_first[first].append(len(full))
            by_given[given].append(len(full))
            full.append((keys, [keys.name]))
    resolution.heads.update(head.name for head, _ in full)
    by_surname: dict[str, list[list[str]]] = defaultdict(list)  # the full clusters per head's surname key
    for head, cluster in full:
        by_surname[head.surname].append(cluster)
    alone: list[tuple[NameKeys, list[str]]] = []
    for keys in bare:
        holders = [cluster for surname, clusters in by_surname.items() if same(surname, keys.surname)
                   for cluster in clusters]
        carriers = [(surname, n) for surname, n in (elsewhere or {}).items() if n > 0 and same(surname, keys.surname)]
        unseen = sum(n for _, n in carriers)
        if len(holders) + unseen == 1:
            if unseen:
                resolution.wanted.add((block, carriers[0][0]))
            elif agree(keys.name, holders[0]):
                holders[0].append(keys.name)
                continue
        if not holders and not unseen:
            joined = next((cluster for head, cluster in alone if head.words == 1 and same(head.surname, keys.surname)
                           and agree(keys.name, cluster)), None)
            if joined is not None:
                joined.append(keys.name)
                continue
        alone.append((keys, [keys.name]))  # shared by two people, or no other agreement: unresolved
    return [cluster for _, cluster in full + alone]


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
