"""Archive-wide entity resolution in the database: the name index, and moving mentions between entities.

Every name as extracted is recorded once per type in `name_index` with its mention count; an
ingest marks the names it wrote `pending`. `resolve` then re-clusters only the components those
names fall in (`aliases.compared_groups`: within a surname block, the full names linked by a
shared first-name or given-names group), read by their indexed groups, with the bare surnames of
their blocks, plus the components of the names that the user's corrections mention, and moves only
the names whose canonical name changed. A bare surname needs of the block's other clusters only
how many heads carry its surname, counted on an index (`head_surname`), and the members of the one
that alone does, read as its component. `aliases` explains why that is the whole archive's
clustering. Its cost follows what the ingest brought (with, per block that has bare surnames, one
range of an index of its heads), not the size of the archive. `full=True` re-clusters every name
(on request, e.g. after a change to the clustering rules); that too is linear in the number of names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import Connection, Row, bindparam, delete, exists, func, select, update

from cliptrace.archive import schema, summaries
from cliptrace.archive.schema import entities, entity_aliases, name_index
from cliptrace.extract.spelling import context_key
from cliptrace.model import Entity, entity_id

_IN_CHUNK = 500  # values per IN (...) list: well under SQLite's limit on bound parameters
CONTEXT_TYPES = ("person", "org")  # what counts as shared context (places are shared too widely)
MAX_CONTEXT = 400  # context keys kept per name: a bound on the row, far above what one name gathers


def _chunks(values: Iterable, size: int = _IN_CHUNK) -> Iterator[list]:
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def record_names(conn: Connection, insert: Callable, articles_entities: Iterable[list[Entity]]) -> None:
    """Count the mentions of newly stored entities by (name as extracted, type), mark them pending,
    and add to each person's context the people and organisations their article names beside them."""
    counts = Counter()
    contexts: dict[tuple[str, str], set[str]] = {}
    for found in articles_entities:
        beside = {e.name: context_key(e.name, e.type) for e in found if e.type in CONTEXT_TYPES}
        for e in found:
            counts[(e.name, e.type)] += len(e.mentions)
            if e.type == "person":
                own = beside[e.name]
                contexts.setdefault((e.name, e.type), set()).update(k for k in beside.values() if k != own)
    if not counts:
        return
    ni = name_index
    for chunk in _chunks(sorted({n for n, _ in contexts})):
        for name, etype, known in conn.execute(select(ni.c.name, ni.c.type, ni.c.context).where(
                ni.c.name.in_(chunk), ni.c.type == "person")).all():
            contexts[(name, etype)].update(known or [])
    upsert = insert(ni)
    conn.execute(upsert.on_conflict_do_update(
        index_elements=["name", "type"],
        set_={"mentions": ni.c.mentions + upsert.excluded.mentions, "pending": True,
              "context": upsert.excluded.context}),
        [{"name": n, "type": t, "mentions": c, "pending": True,
          "context": sorted(contexts[(n, t)])[:MAX_CONTEXT] if t == "person" else None}
         for (n, t), c in sorted(counts.items())])


def forget_names(conn: Connection, article_id: str) -> None:
    """Take an article's mentions off the name counts (before they are deleted)."""
    m = schema.mentions
    gone = conn.execute(select(m.c.name, entities.c.type, m.c.entity_id).join(entities, entities.c.id == m.c.entity_id)
                        .where(m.c.article_id == article_id)).all()
    counts = Counter((name, etype) for name, etype, _ in gone)
    if counts:
        conn.execute(update(name_index).where(name_index.c.name == bindparam("n"), name_index.c.type == bindparam("t"))
                     .values(mentions=name_index.c.mentions - bindparam("c"), pending=True),
                     [{"n": n, "t": t, "c": c} for (n, t), c in counts.items()])


def resolve(conn: Connection, insert: Callable, corrections: list[dict], full: bool = False):
    """Re-cluster the pending names' components (every name with `full`) and move what changed.

    Returns an `aliases.Resolution` (mapping of the names re-clustered, blocks, comparisons, moved).
    """
    from cliptrace.extract.aliases import NameKeys, resolve_names  # imports spaCy, which reading needs not

    _store_keys(conn)
    ni = name_index
    read = _Components(conn)
    if full:
        read.rows = {(r.name, r.type): r for r in conn.execute(select(*_ROW))}
    else:
        read.read(*_seeds(conn, corrections))
        pending_alone = conn.execute(select(*_ROW).where(ni.c.pending, ni.c.block == "")).all()  # no surname
        read.rows.update(((r.name, r.type), r) for r in pending_alone)
    bare_blocks = {r.block for r in read.rows.values() if _is_bare(r)}
    stored_heads = {} if full else _stored_heads(conn, bare_blocks)
    contexts: dict[str, set[str]] = {}
    while True:  # until no bare surname needs a cluster not read (rarely more than twice)
        alive = [r for r in read.rows.values() if r.mentions > 0]
        keys = {r.name: NameKeys.decode(r.name, r.spelling) for r in alive if r.spelling}
        _read_contexts(conn, contexts, {r.name for r in alive if r.type == "person" and r.block in bare_blocks})
        resolution = resolve_names([(r.name, r.type, r.mentions) for r in alive], corrections, keys, contexts,
                                   _heads_elsewhere(stored_heads, read.rows.values()))
        if not resolution.wanted or not read.read_heads(resolution.wanted):
            break
    mapping = resolution.mapping
    for r in alive:
        mapping.setdefault(r.name, r.name)  # not clustered (no surname): its own entity
    changed = mapping if full else {r.name: mapping[r.name] for r in alive if mapping[r.name] != r.canonical}
    resolution.moved = apply_entity_map(conn, insert, changed)
    heads = {(r.name, r.type): keys[r.name].surname for r in alive if r.type == "person" and r.name in resolution.heads}
    settled = [{"n": r.name, "t": r.type, "c": mapping[r.name], "h": heads.get((r.name, r.type))}
               for r in alive if r.pending or r.name in changed or r.head_surname != heads.get((r.name, r.type))]
    if settled:
        conn.execute(update(ni).where(ni.c.name == bindparam("n"), ni.c.type == bindparam("t"))
                     .values(canonical=bindparam("c"), head_surname=bindparam("h"), pending=False), settled)
    gone = [r for r in read.rows.values() if r.mentions <= 0]  # names re-extraction took away
    for chunk in _chunks([r.name for r in gone]):
        conn.execute(delete(ni).where(ni.c.name.in_(chunk), ni.c.mentions <= 0))
    _drop_unused(conn, {entity_id(r.canonical or r.name, r.type) for r in gone})
    return resolution


_ROW = [name_index.c[c] for c in ("name", "type", "block", "spelling", "mentions", "canonical", "pending",
                                   "first_group", "given_group", "head_surname")]


def _seeds(conn: Connection, corrections: list[dict]) -> tuple[set[str], set[str]]:
    """The first and given groups (`aliases.compared_groups`) of the pending names and of the names
    the corrections mention: as stored, and as a person's would be (a correction may name a
    canonical name that no article wrote as such)."""
    from cliptrace.extract.aliases import block_key, compared_groups, person_keys

    ni = name_index
    named = {n for fix in corrections for n in [*fix.get("names", []), fix.get("name"), fix.get("to")] if n}
    groups = conn.execute(select(ni.c.first_group, ni.c.given_group).where(ni.c.pending)).all()
    for chunk in _chunks(sorted(named)):
        groups += conn.execute(select(ni.c.first_group, ni.c.given_group).where(ni.c.name.in_(chunk))).all()
    groups += [compared_groups(block_key(n, "person") or "", person_keys(n)) for n in named]
    return {f for f, _ in groups if f is not None}, {g for _, g in groups if g is not None}


class _Components:
    """Rows of the name index, by (name, type), read as whole components of their blocks."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[tuple[str, str], Row] = {}
        self._first: set[str] = set()  # groups read
        self._given: set[str] = set()

    def read(self, first: set[str], given: set[str]) -> int:
        """Reads the names of these first and given groups, then those of the other groups of each
        full name found, until no group is new; a full name's block brings its bare surnames along
        (whom a bare surname joins depends on the block's clusters). Returns how many rows were new."""
        from cliptrace.extract.aliases import bare_group

        ni, new = name_index, 0
        first, given = first - self._first, given - self._given
        while first or given:
            self._first |= first
            self._given |= given
            found = []
            for column, groups in ((ni.c.first_group, first), (ni.c.given_group, given)):
                for chunk in _chunks(sorted(groups)):
                    found += self.conn.execute(select(*_ROW).where(column.in_(chunk))).all()
            first, given = set(), set()
            for r in found:
                if (r.name, r.type) in self.rows:
                    continue
                self.rows[(r.name, r.type)] = r
                new += 1
                if r.given_group is not None:
                    first |= {r.first_group, bare_group(r.block)}
                    given.add(r.given_group)
            first -= self._first
            given -= self._given
        return new

    def read_heads(self, wanted: set[tuple[str, str]]) -> int:
        """Reads the components of the stored cluster heads of these (block, surname key) that are
        not read yet (`aliases.Resolution.wanted`). Returns how many rows were new."""
        ni = name_index
        surnames: dict[str, set[str]] = {}
        for block, surname in wanted:
            surnames.setdefault(block, set()).add(surname)
        first, given = set(), set()
        for block, keys in surnames.items():
            for r in self.conn.execute(select(ni.c.name, ni.c.type, ni.c.first_group, ni.c.given_group)
                                       .where(ni.c.block == block, ni.c.head_surname.in_(keys))):
                if (r.name, r.type) not in self.rows:
                    first.add(r.first_group)
                    given.add(r.given_group)
        return self.read(first, given)


def _is_bare(row: Row) -> bool:
    """A person's bare surname ("Haniyeh"): whom it joins depends on the heads of its whole block."""
    return row.type == "person" and bool(row.block) and row.given_group is None


def _stored_heads(conn: Connection, blocks: set[str]) -> dict[str, Counter]:
    """Per person block, how many stored cluster heads carry each surname key: an index range
    per block is counted, its rows are not read."""
    ni = name_index
    heads = {block: Counter() for block in blocks}
    for chunk in _chunks(sorted(blocks)):
        for block, surname, n in conn.execute(
                select(ni.c.block, ni.c.head_surname, func.count())
                .where(ni.c.block.in_(chunk), ni.c.head_surname.is_not(None)).group_by(ni.c.block, ni.c.head_surname)):
            heads[block][surname] = n
    return heads


def _heads_elsewhere(stored: dict[str, Counter], rows: Iterable[Row]) -> dict[str, Counter]:
    """The stored heads of each block but those among `rows`, whose clustering is done again."""
    elsewhere = {block: Counter(heads) for block, heads in stored.items()}
    for r in rows:
        if r.head_surname is not None and r.block in elsewhere:
            elsewhere[r.block][r.head_surname] -= 1
    return elsewhere


def _read_contexts(conn: Connection, contexts: dict[str, set[str]], names: set[str]) -> None:
    """Adds to `contexts` those of these people's names that it lacks and the index records."""
    ni = name_index
    for chunk in _chunks(sorted(names - contexts.keys())):
        for name, context in conn.execute(select(ni.c.name, ni.c.context)
                                          .where(ni.c.name.in_(chunk), ni.c.type == "person")):
            if context is not None:
                contexts[name] = set(context)


def _store_keys(conn: Connection) -> None:
    """Block, spelling keys and groups of the names that have none yet: computed once per name."""
    from cliptrace.extract.aliases import block_key, compared_groups, person_keys

    ni = name_index
    fresh = conn.execute(select(ni.c.name, ni.c.type).where(ni.c.block.is_(None))).all()
    found = []
    for name, etype in fresh:
        keys = person_keys(name) if etype == "person" else None
        block = block_key(name, etype) or ""
        first, given = compared_groups(block, keys)
        found.append({"n": name, "t": etype, "b": block, "s": keys and keys.encode(), "f": first, "g": given})
    if found:
        conn.execute(update(ni).where(ni.c.name == bindparam("n"), ni.c.type == bindparam("t"))
                     .values(block=bindparam("b"), spelling=bindparam("s"), first_group=bindparam("f"),
                             given_group=bindparam("g")), found)


def apply_entity_map(conn: Connection, insert: Callable, canonical: dict[str, str]) -> int:
    """Move the mentions of each name in `canonical` (name as extracted -> canonical name) to the
    entity of that canonical name; names not in it stay where they are.

    Quote speakers, event participants, figure sources and aliases follow, in the articles touched;
    entities left without mentions or quotes are dropped. Returns how many mention groups moved.
    """
    m, q = schema.mentions, schema.quotes
    groups = []
    for chunk in _chunks(canonical):
        groups += conn.execute(
            select(m.c.article_id, m.c.entity_id, m.c.name, entities.c.type, entities.c.name.label("old"))
            .join(entities, entities.c.id == m.c.entity_id).where(m.c.name.in_(chunk)).distinct()
            .order_by(m.c.article_id, m.c.entity_id, m.c.name)
        ).all()
    renamed: dict[str, str] = {}  # old canonical name -> new, for event participants
    named: dict[str, tuple[str, str]] = {}  # entity id -> (canonical name, type)
    moves = []
    for g in groups:
        name = canonical[g.name]
        new_id = entity_id(name, g.type)
        named[new_id] = (name, g.type)
        if new_id != g.entity_id:
            renamed[g.old] = name
            moves.append({"article": g.article_id, "old": g.entity_id, "extracted": g.name,
                          "new": new_id, "new_name": name})
    # In bulk: one statement per group took minutes on a large archive.
    current = {}
    for chunk in _chunks(named):
        current.update(conn.execute(select(entities.c.id, entities.c.name).where(entities.c.id.in_(chunk))).all())
    changed = [{"id": i, "name": n, "type": t} for i, (n, t) in named.items() if current.get(i) != n]
    if changed:
        upsert = insert(entities)
        conn.execute(upsert.on_conflict_do_update(index_elements=["id"], set_={"name": upsert.excluded.name}), changed)
    if moves:  # executed in order: of two groups moving one article's speaker, the first wins
        conn.execute(update(m).where(m.c.article_id == bindparam("article"), m.c.entity_id == bindparam("old"),
                                     m.c.name == bindparam("extracted")).values(entity_id=bindparam("new")), moves)
        conn.execute(update(q).where(q.c.article_id == bindparam("article"), q.c.speaker_id == bindparam("old"))
                     .values(speaker_id=bindparam("new"), speaker=bindparam("new_name")), moves)
        _rename_in_articles(conn, {mv["article"] for mv in moves}, lambda p: canonical.get(p, renamed.get(p, p)))
    touched = {mv["old"] for mv in moves} | {mv["new"] for mv in moves} | {c["id"] for c in changed}
    summaries.recount_entities(conn, insert, touched)
    _rebuild_aliases(conn, touched)
    _drop_unused(conn, {mv["old"] for mv in moves})
    return len(moves)


def _rename_in_articles(conn: Connection, article_ids: set[str], rename: Callable[[str], str]) -> None:
    """Event participants and figure sources of these articles, by name ("Saleh Al-Arouri" or an
    earlier canonical name) -> the canonical name."""
    ev, fig = schema.events, schema.figures
    for chunk in _chunks(sorted(article_ids)):
        retold = []
        for row in conn.execute(select(ev.c.id, ev.c.participants).where(ev.c.article_id.in_(chunk))).all():
            participants = [rename(p) for p in row.participants or []]
            if participants != list(row.participants or []):
                retold.append({"event": row.id, "new_participants": participants})
        if retold:
            conn.execute(update(ev).where(ev.c.id == bindparam("event"))
                         .values(participants=bindparam("new_participants")), retold)
        recited = []
        for row in conn.execute(select(fig.c.id, fig.c.source).where(fig.c.article_id.in_(chunk),
                                                                      fig.c.source.is_not(None))).all():
            if rename(row.source) != row.source:
                recited.append({"figure": row.id, "new_source": rename(row.source)})
        if recited:
            conn.execute(update(fig).where(fig.c.id == bindparam("figure")).values(source=bindparam("new_source")),
                         recited)


def _rebuild_aliases(conn: Connection, entity_ids: set[str]) -> None:
    """An entity's aliases are exactly the extracted names of its mentions, plus its own name."""
    m = schema.mentions
    for chunk in _chunks(sorted(entity_ids)):
        conn.execute(delete(entity_aliases).where(entity_aliases.c.entity_id.in_(chunk)))
        found = set(conn.execute(select(m.c.entity_id, m.c.name).where(m.c.entity_id.in_(chunk)).distinct()).all())
        found |= set(conn.execute(select(entities.c.id, entities.c.name).where(entities.c.id.in_(chunk))).all())
        if found:
            conn.execute(entity_aliases.insert(), [{"entity_id": e, "alias": a} for e, a in sorted(found)])


def _drop_unused(conn: Connection, entity_ids: set[str]) -> None:
    """Entities (and their aliases) that no mention and no quote points to any more."""
    m, q = schema.mentions, schema.quotes
    for chunk in _chunks(sorted(entity_ids)):
        unused = select(entities.c.id).where(
            entities.c.id.in_(chunk), ~exists().where(m.c.entity_id == entities.c.id),
            ~exists().where(q.c.speaker_id == entities.c.id)).scalar_subquery()
        conn.execute(delete(entity_aliases).where(entity_aliases.c.entity_id.in_(unused)))
        conn.execute(delete(entities).where(entities.c.id.in_(unused)))
