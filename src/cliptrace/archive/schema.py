"""Tables (SQLAlchemy Core, one schema for SQLite and PostgreSQL) and the migrations that build them.

Migrations are an ordered list of functions; `schema_version` records how many have run. Each runs
in its own transaction on open, so opening an archive twice (or an old archive) is always safe.
Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    inspect,
    select,
    text,
    true,
    update,
)

from cliptrace.arabic.normalize import FOLD_DROPPED, FOLD_FROM, FOLD_TO

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, nullable=False),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # NULL for a failure whose bytes we never got (e.g. unreadable file). Stored bytes have one 'ok'
    # row; failed rows are keyed by path, so two bad files with the same bytes are both listed.
    Column("sha256", String(64), nullable=True, index=True),
    Column("path", Text, nullable=False),
    Column("size", BigInteger),
    Column("format", String(16), nullable=False, default="unknown"),
    Column("status", String(8), nullable=False),  # 'ok' | 'failed' | 'part' (a row of an 'ok' source)
    Column("error", Text),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Invalid bytes replaced by U+FFFD while decoding (a UTF-8 file with a few stray bytes).
    Column("replacement_chars", Integer, nullable=False, default=0, server_default="0"),
    Index("ux_sources_ok_sha256", "sha256", unique=True,
          sqlite_where=text("status = 'ok'"), postgresql_where=text("status = 'ok'")),
)

blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(32), primary_key=True),
    Column("source_sha256", String(64), ForeignKey("blobs.sha256"), nullable=False, index=True),
    Column("source_path", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("title", Text),
    Column("published", String(10), index=True),  # YYYY-MM-DD
    Column("outlet", Text, index=True),
    Column("authors", JSON, nullable=False),
    Column("language", String(8), nullable=False),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("words", Integer, nullable=False),
    Column("duplicate_of", String(32), ForeignKey("articles.id")),
    # Order of arrival; also the FTS5 rowid on SQLite (a plain rowid may change on VACUUM).
    Column("ingest_seq", BigInteger, nullable=False, unique=True),
    Index("ix_articles_order", "source_path", "position"),
)
# Provenance and export fields (migration `_export_provenance`): where in its source file the
# article sits, and what a news database export says beside the text.
EXPORT_COLUMNS = (
    Column("locator", Text),
    Column("tags", JSON),
    Column("section", Text),
    Column("dateline", Text),
    Column("stated_words", Integer),
    Column("edited", String(32)),
)
for _column in EXPORT_COLUMNS:
    articles.append_column(_column)

# Archive-wide canonical entities (id = model.entity_id(canonical name, type)); mentions link them
# to character spans of one article and keep the name as extracted, so the archive can be
# re-canonicalised (Archive.apply_entity_map) without re-extracting.
entities = Table(
    "entities", metadata,
    Column("id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),  # person | org | place | other
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", String(128), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    UniqueConstraint("entity_id", "alias"),
    Index("ix_entity_aliases_alias", "alias"),
)

# Every name as extracted, once per type, with what entity resolution needs of it: its block
# (people: their surname's skeleton; others: their folded name), its spelling keys (computed once),
# the groups it is compared through (`aliases.compared_groups`: the next resolution reads the
# components of a block its new names fall in by them), its surname's key where it heads a
# cluster of full names (how a block's bare surname counts the people carrying it without reading
# them), what a person's articles name beside them (evidence for joining a bare surname), how many
# mentions carry it, the canonical name it was last given, and
# whether an ingest touched it since (`pending`: its component is re-clustered by the next resolution).
name_index = Table(
    "name_index", metadata,
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("block", Text),  # NULL until resolution computes it; "" for a person with no surname
    Column("spelling", Text),  # aliases.NameKeys.encode(); NULL for other entities
    Column("first_group", Text),  # aliases.compared_groups(): "person:hna|ismal", "person:hna|" (bare), "org:hamas"
    Column("given_group", Text),  # the same's given group: full names of people only
    Column("head_surname", Text),  # the surname key of a cluster's head (NULL: not a head, or not yet clustered)
    Column("context", JSON),  # a person's: context keys of the people and organisations named beside them
    Column("mentions", Integer, nullable=False),
    Column("canonical", Text),
    Column("pending", Boolean, nullable=False),
    PrimaryKeyConstraint("name", "type"),
    Index("ix_name_index_heads", "block", "head_surname"),
    Index("ix_name_index_first_group", "first_group"),
    Index("ix_name_index_given_group", "given_group"),
    Index("ix_name_index_pending", "pending"),
)


def _article_fk() -> Column:
    return Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True)


mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("entity_id", String(128), ForeignKey("entities.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),  # the name as extracted from this article (an alias)
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("speaker", Text),
    Column("speaker_id", String(128), index=True),
    Column("speaker_mention_start", Integer),
    Column("speaker_mention_end", Integer),
    Column("cue", Text),
    Column("said_on", String(10)),
    Column("speaker_basis", String(12)),
    Column("confidence", Float),
)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", BigInteger, nullable=False),
    Column("approx", String(10), nullable=False),
    Column("category", String(10), nullable=False, index=True),
    Column("subject", Text),
    Column("place", Text),
    Column("source", Text),
    Column("as_of", String(10)),
    Column("part_of", Integer),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(10), nullable=False),
    Column("participants", JSON, nullable=False),
    Column("place", Text),
    Column("date", String(10)),
)

# Each participant of an event with the event's date (its own, else its article's), kept by
# triggers from `events` (see _EVENT_PARTICIPANTS): a person's timeline reads their events in date
# order from the index instead of testing every event of their articles (or every event by date)
# for their name, some 17,000 rows for a person in 16,000 articles of a million.
event_participants = Table(
    "event_participants", metadata,
    Column("name", Text, nullable=False),  # as in events.participants: the entity's canonical name
    Column("date", String(10)),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Index("ix_event_participants_name_date", "name", "date", "event_id"),
)

# User alias corrections (merge | split | rename); kept apart from extraction output so that
# re-extracting never loses them.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),
    Column("args", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Locality-sensitive-hashing buckets of each article's MinHash (see dedupe.py): near-duplicate
# candidates are the articles sharing a bucket, found with an index lookup instead of a full scan.
lsh_buckets = Table(
    "lsh_buckets", metadata,
    Column("bucket", String(40), nullable=False),
    _article_fk(),
    Index("ix_lsh_buckets_bucket", "bucket"),
)


# Per entity (or quote speaker id): how many articles mention it and how many quotes it gave, kept
# exact by the writers (archive/summaries.py) so that the people list reads rows, not every mention.
entity_counts = Table(
    "entity_counts", metadata,
    Column("entity_id", String(128), primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    Index("ix_entity_counts_articles", "articles"),
)


# Articles and words per outlet, language, month (YYYY-MM) and whether the article is an original
# (not a near-duplicate), kept by the ingest: articles are never updated or deleted, so the sums are
# exact. "" stands for no outlet or no date (a key column must not be NULL for the upsert).
article_counts = Table(
    "article_counts", metadata,
    Column("outlet", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("month", String(7), nullable=False),
    Column("original", Boolean, nullable=False),
    Column("articles", BigInteger, nullable=False),
    Column("words", BigInteger, nullable=False),
    PrimaryKeyConstraint("outlet", "language", "month", "original"),
)


# Framing term counts (questions/framing.py), derived from an article's text alone: counted once per
# article and lexicon (`lexicon` is a hash of its patterns), then summed per outlet in SQL.
# `*_start/_end` locate the first match, an example to show.
framing_counts = Table(
    "framing_counts", metadata,
    Column("lexicon", String(16), nullable=False),
    _article_fk(),
    Column("term", String(64), nullable=False),
    Column("loaded", Integer, nullable=False),
    Column("neutral", Integer, nullable=False),
    Column("loaded_start", Integer),
    Column("loaded_end", Integer),
    Column("neutral_start", Integer),
    Column("neutral_end", Integer),
    PrimaryKeyConstraint("lexicon", "article_id", "term"),
)

# Figures per category, kept exact by the writers (archive/summaries.py): the figures page lists the
# categories with their counts, which would otherwise group every figure.
figure_counts = Table(
    "figure_counts", metadata,
    Column("category", String(10), primary_key=True),
    Column("figures", BigInteger, nullable=False),
)

# What /outlets shows, kept by `questions.framing.store_counts` as it stores counts, so that the page
# reads a few rows: per lexicon, how many articles are counted (`framing_lexicons`); per outlet
# ("(unknown outlet)" for none) and term pair, the sums over original articles (`framing_totals`);
# and per outlet, pair and wording, the first matches in ingest order (`framing_examples`, at most
# `questions.framing.EXAMPLES` each; `ingest_seq` orders them).
framing_lexicons = Table(
    "framing_lexicons", metadata,
    Column("lexicon", String(16), primary_key=True),
    Column("articles", BigInteger, nullable=False),
)
framing_totals = Table(
    "framing_totals", metadata,
    Column("lexicon", String(16), nullable=False),
    Column("outlet", Text, nullable=False),
    Column("term", String(64), nullable=False),
    Column("loaded", BigInteger, nullable=False),
    Column("neutral", BigInteger, nullable=False),
    PrimaryKeyConstraint("lexicon", "outlet", "term"),
)
framing_examples = Table(
    "framing_examples", metadata,
    Column("lexicon", String(16), nullable=False),
    Column("outlet", Text, nullable=False),
    Column("term", String(64), nullable=False),
    Column("wording", String(8), nullable=False),  # loaded | neutral
    Column("ingest_seq", BigInteger, nullable=False),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("lexicon", "outlet", "term", "wording", "ingest_seq"),
)

# Archive-wide steps a writing command still owes (entity merging, framing counts): recorded before
# its first write and deleted once the step has committed, so a run killed in between leaves a
# record that the next writing command, or `cliptrace repair`, completes (see resume.py).
pending_steps = Table(
    "pending_steps", metadata,
    Column("step", String(32), primary_key=True),
    Column("since", DateTime(timezone=True), nullable=False),
)

_SQLITE_FTS = [
    # External-content FTS5 index over title + text, kept in sync by triggers (same transaction).
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
           title, text, content='articles', content_rowid='ingest_seq',
           tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
           INSERT INTO articles_fts(rowid, title, text) VALUES (new.ingest_seq, new.title, new.text);
       END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
           INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.ingest_seq, old.title, old.text);
       END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
           INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.ingest_seq, old.title, old.text);
           INSERT INTO articles_fts(rowid, title, text) VALUES (new.ingest_seq, new.title, new.text);
       END""",
]

_POSTGRES_FTS = [
    # Title weighs more than body; 'english' stems English and leaves Arabic words as they are.
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
           setweight(to_tsvector('english'::regconfig, text), 'B')) STORED""",
    "CREATE INDEX ix_articles_search ON articles USING GIN (search_vector)",
]


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not schema_version])
    for ddl in _SQLITE_FTS if conn.dialect.name == "sqlite" else _POSTGRES_FTS:
        conn.execute(text(ddl))


def _framing_counts(conn: Connection) -> None:
    # checkfirst: an archive created after this table existed got it from _initial's create_all.
    framing_counts.create(conn, checkfirst=True)
    # Covering indexes for the reading room's sums: they read these columns of every article,
    # quote or mention, and the rows themselves are wide (article text).
    for ddl in ["ix_articles_outlet_words ON articles (duplicate_of, outlet, words)",
                "ix_articles_id_outlet ON articles (id, duplicate_of, outlet, ingest_seq)",
                "ix_quotes_article_speaker ON quotes (article_id, speaker_id)",
                "ix_mentions_article_entity ON mentions (article_id, entity_id)"]:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {ddl}"))


def _reading_room_indexes(conn: Connection) -> None:
    # Covering indexes so that the reading room's first requests read indexes, not wide rows:
    # search facets (outlet, month, language of the matches, found by FTS rowid = ingest_seq);
    # framing examples (original articles in ingest order, joined to their counts without a sort);
    # events of some types with their dates (timeline, people met, network).
    for ddl in ["ix_articles_facets ON articles (ingest_seq, outlet, published, language, id)",
                "ix_articles_original_seq ON articles (duplicate_of, ingest_seq, id, outlet)",
                "ix_events_type_date ON events (type, date, article_id)"]:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {ddl}"))


def _export_provenance(conn: Connection) -> None:
    # An archive created after these columns existed got them from _initial's create_all.
    present = {column["name"] for column in inspect(conn).get_columns("articles")}
    for column in EXPORT_COLUMNS:
        if column.name not in present:
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE articles ADD COLUMN {column.name} {kind}"))


def _pending_steps(conn: Connection) -> None:
    # checkfirst and the column test: an archive created after these existed got them from _initial.
    pending_steps.create(conn, checkfirst=True)
    if "replacement_chars" not in {c["name"] for c in inspect(conn).get_columns("sources")}:
        conn.execute(text("ALTER TABLE sources ADD COLUMN replacement_chars INTEGER NOT NULL DEFAULT 0"))


def _name_index(conn: Connection) -> None:
    # Resolution re-clusters only the blocks an ingest touched; an older archive's names are all
    # pending, so its first resolution clusters everything once.
    name_index.create(conn, checkfirst=True)
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_mentions_name ON mentions (name)"))
    if conn.execute(select(name_index.c.name).limit(1)).first() is None:
        conn.execute(name_index.insert().from_select(
            ["name", "type", "mentions", "pending"],
            select(mentions.c.name, entities.c.type, func.count(), true())
            .join(entities, entities.c.id == mentions.c.entity_id).group_by(mentions.c.name, entities.c.type)))


def _name_components(conn: Connection) -> None:
    # Resolution re-clusters the components of a block its new names fall in, found by their
    # groups, and counts a block's heads by their surname key (entity_map). An archive created
    # after these columns existed got them from _initial's create_all; an older one's names get
    # their keys again and are all pending, so its next resolution clusters everything once.
    present = {c["name"] for c in inspect(conn).get_columns("name_index")}
    added = [c for c in ("first_group", "given_group", "head_surname") if c not in present]
    for column in added:
        conn.execute(text(f"ALTER TABLE name_index ADD COLUMN {column} TEXT"))
    conn.execute(text("DROP INDEX IF EXISTS ix_name_index_block"))  # the prefix of ix_name_index_heads
    for index in name_index.indexes:
        index.create(conn, checkfirst=True)
    if added:
        conn.execute(update(name_index).values(block=None, pending=True))


def _quote_attribution_basis(conn: Connection) -> None:
    # How each quote's speaker was found, and how sure: the CLI and reading room filter on it.
    # Archives created after these columns existed got them from _initial's create_all.
    present = {c["name"] for c in inspect(conn).get_columns("quotes")}
    for column, kind in (("speaker_basis", "VARCHAR(12)"), ("confidence", "FLOAT")):
        if column not in present:
            conn.execute(text(f"ALTER TABLE quotes ADD COLUMN {column} {kind}"))


def _figure_parts(conn: Connection) -> None:
    # figures.part_of: a sub-count ("including three children") points at its total. An archive
    # created after the column existed got it from _initial's create_all.
    if "part_of" not in {c["name"] for c in inspect(conn).get_columns("figures")}:
        conn.execute(text("ALTER TABLE figures ADD COLUMN part_of INTEGER"))


# Arabic spelling folded on both sides of full-text search (cliptrace.arabic.normalize): the index
# holds folded title and text, the query is folded before it is parsed. SQLite calls the Python
# function `fold_arabic` that Archive registers on every connection; its tokenizer keeps harakat
# (Mn) and tatweel (Lm) inside words, so the raw text that snippet() re-reads splits into the same
# tokens as the folded text indexed. PostgreSQL gets the same folding as an immutable SQL function.
_SQLITE_ARABIC_FTS = [
    "DROP TRIGGER IF EXISTS articles_fts_ai",
    "DROP TRIGGER IF EXISTS articles_fts_ad",
    "DROP TRIGGER IF EXISTS articles_fts_au",
    "DROP TABLE IF EXISTS articles_fts",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
           title, text, content='articles', content_rowid='ingest_seq',
           tokenize="porter unicode61 remove_diacritics 2 categories 'L* N* Co Mn Lm'")""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
           INSERT INTO articles_fts(rowid, title, text)
           VALUES (new.ingest_seq, fold_arabic(new.title), fold_arabic(new.text));
       END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
           INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.ingest_seq, fold_arabic(old.title), fold_arabic(old.text));
       END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
           INSERT INTO articles_fts(articles_fts, rowid, title, text)
           VALUES ('delete', old.ingest_seq, fold_arabic(old.title), fold_arabic(old.text));
           INSERT INTO articles_fts(rowid, title, text)
           VALUES (new.ingest_seq, fold_arabic(new.title), fold_arabic(new.text));
       END""",
    """INSERT INTO articles_fts(rowid, title, text)
       SELECT ingest_seq, fold_arabic(title), fold_arabic(text) FROM articles""",
]
_POSTGRES_ARABIC_FTS = [
    f"""CREATE OR REPLACE FUNCTION fold_arabic(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
          SELECT translate(regexp_replace(value, '{FOLD_DROPPED}', '', 'g'), '{FOLD_FROM}', '{FOLD_TO}')
        $$""",
    "DROP INDEX IF EXISTS ix_articles_search",
    "ALTER TABLE articles DROP COLUMN search_vector",
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('english'::regconfig, fold_arabic(coalesce(title, ''))), 'A') ||
           setweight(to_tsvector('english'::regconfig, fold_arabic(text)), 'B')) STORED""",
    "CREATE INDEX ix_articles_search ON articles USING GIN (search_vector)",
]


def _arabic_search(conn: Connection) -> None:
    for ddl in _SQLITE_ARABIC_FTS if conn.dialect.name == "sqlite" else _POSTGRES_ARABIC_FTS:
        conn.execute(text(ddl))


def _entity_counts(conn: Connection) -> None:
    # checkfirst: an archive created after this table existed got it from _initial's create_all
    # (empty, like its archive); an older archive's counts are computed once here.
    entity_counts.create(conn, checkfirst=True)
    if conn.execute(select(entity_counts.c.entity_id).limit(1)).first() is not None:
        return
    for dml in ["""INSERT INTO entity_counts (entity_id, articles, quotes)
                   SELECT entity_id, count(DISTINCT article_id), 0 FROM mentions GROUP BY entity_id""",
                """UPDATE entity_counts SET quotes =
                   (SELECT count(*) FROM quotes WHERE quotes.speaker_id = entity_counts.entity_id)""",
                """INSERT INTO entity_counts (entity_id, articles, quotes)
                   SELECT speaker_id, 0, count(*) FROM quotes WHERE speaker_id IS NOT NULL
                   AND speaker_id NOT IN (SELECT entity_id FROM entity_counts) GROUP BY speaker_id"""]:
        conn.execute(text(dml))


def _article_counts(conn: Connection) -> None:
    # checkfirst: an archive created after this table existed got it (empty) from _initial.
    article_counts.create(conn, checkfirst=True)
    if conn.execute(select(article_counts.c.outlet).limit(1)).first() is None:
        conn.execute(text("""INSERT INTO article_counts (outlet, language, month, original, articles, words)
                             SELECT coalesce(outlet, ''), language, coalesce(substr(published, 1, 7), ''),
                                    duplicate_of IS NULL, count(*), sum(words)
                             FROM articles GROUP BY 1, 2, 3, 4"""))


def _scale_indexes(conn: Connection) -> None:
    # Indexes that let the reading room read a page of rows in order instead of sorting every
    # candidate, at a million articles: browsing an outlet newest first; a speaker's (or everyone's)
    # statements and the timeline's events by date.
    for ddl in ["ix_articles_outlet_published ON articles (outlet, published)",
                "ix_quotes_speaker_said ON quotes (speaker_id, said_on, id)",
                "ix_quotes_said ON quotes (said_on, id)",
                "ix_events_date ON events (date, id)",
                "ix_mentions_entity_recent ON mentions (entity_id, id)",
                "ix_figures_category_id ON figures (category, id)"]:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {ddl}"))


def _outlet_recent_index(conn: Connection) -> None:
    # An outlet's most recent articles (browsing an outlet samples its 300 newest for the speaker and
    # entity facets) read from the index in order: by (outlet, published), each of a large outlet's
    # rows was looked up for its ingest_seq and sorted (300 ms at a million articles).
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_outlet_seq ON articles (outlet, ingest_seq)"))


def _framing_summaries(conn: Connection) -> None:
    # checkfirst: an archive created after these tables existed got them (empty) from _initial; an
    # older archive's are summed once here from its framing_counts (3 examples per wording).
    for table in (framing_lexicons, framing_totals, framing_examples):
        table.create(conn, checkfirst=True)
    if conn.execute(select(framing_lexicons.c.lexicon).limit(1)).first() is not None:
        return
    for dml in ["""INSERT INTO framing_lexicons (lexicon, articles)
                   SELECT lexicon, count(DISTINCT article_id) FROM framing_counts GROUP BY lexicon""",
                """INSERT INTO framing_totals (lexicon, outlet, term, loaded, neutral)
                   SELECT f.lexicon, coalesce(a.outlet, '(unknown outlet)'), f.term, sum(f.loaded), sum(f.neutral)
                   FROM framing_counts f JOIN articles a ON a.id = f.article_id
                   WHERE a.duplicate_of IS NULL AND (f.loaded > 0 OR f.neutral > 0)
                   GROUP BY f.lexicon, coalesce(a.outlet, '(unknown outlet)'), f.term"""]:
        conn.execute(text(dml))
    for wording in ("loaded", "neutral"):
        conn.execute(text(f"""
            INSERT INTO framing_examples (lexicon, outlet, term, wording, ingest_seq, article_id, start, "end")
            SELECT lexicon, outlet, term, '{wording}', ingest_seq, article_id, s, e FROM (
                SELECT f.lexicon, coalesce(a.outlet, '(unknown outlet)') AS outlet, f.term, a.ingest_seq,
                       f.article_id, f.{wording}_start AS s, f.{wording}_end AS e,
                       row_number() OVER (PARTITION BY f.lexicon, coalesce(a.outlet, '(unknown outlet)'), f.term
                                          ORDER BY a.ingest_seq) AS n
                FROM framing_counts f JOIN articles a ON a.id = f.article_id
                WHERE a.duplicate_of IS NULL AND f.{wording}_start IS NOT NULL) AS ranked
            WHERE n <= 3"""))


def _figure_counts(conn: Connection) -> None:
    # checkfirst: an archive created after this table existed got it (empty) from _initial.
    figure_counts.create(conn, checkfirst=True)
    if conn.execute(select(figure_counts.c.category).limit(1)).first() is None:
        conn.execute(text("INSERT INTO figure_counts (category, figures) "
                          "SELECT category, count(*) FROM figures GROUP BY category"))


# PostgreSQL keeps the search vectors in a table of their own, (ingest_seq, vector), so that
# finding a query's window (`search.window`) reads narrow rows: the GIN index gives row addresses
# only, and each match's row must be read for its ingest_seq. Inside `articles` (five rows to a
# page) that was a page per match, 400 ms for a word in a quarter of 100,000 articles; with the
# vectors moved out of line (toast_tuple_target) about 140 rows share a page. A trigger keeps the
# table in step with each article's title and text, like SQLite's FTS5 triggers.
_POSTGRES_SEARCH_TABLE = [
    """CREATE TABLE article_search (
           ingest_seq BIGINT PRIMARY KEY REFERENCES articles (ingest_seq) ON DELETE CASCADE,
           search_vector tsvector NOT NULL) WITH (toast_tuple_target = 128)""",
    "INSERT INTO article_search SELECT ingest_seq, search_vector FROM articles",
    "CREATE INDEX ix_article_search ON article_search USING GIN (search_vector)",
    "DROP INDEX ix_articles_search",
    "ALTER TABLE articles DROP COLUMN search_vector",
    """CREATE FUNCTION article_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO article_search VALUES (NEW.ingest_seq,
           setweight(to_tsvector('english'::regconfig, fold_arabic(coalesce(NEW.title, ''))), 'A') ||
           setweight(to_tsvector('english'::regconfig, fold_arabic(NEW.text)), 'B'))
         ON CONFLICT (ingest_seq) DO UPDATE SET search_vector = EXCLUDED.search_vector;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER article_search_sync AFTER INSERT OR UPDATE OF title, text ON articles
       FOR EACH ROW EXECUTE FUNCTION article_search_sync()""",
    "ANALYZE article_search",
]

# The ingest_seqs of the `n` most recent matches of `query`, newest first, read range by range
# from the newest article back. One pass over the whole archive through the GIN index, as before,
# made a common word visit the rows of all its matches for the newest 1,000 (at a million articles
# p95 358 ms, max 5.6 s). A range is read one of two ways, chosen by the share of articles the
# ranges read so far matched: walked backwards testing each vector (`ts_match_vq`, which no index
# serves), which stops at the n-th match, when that share says it is near; else through the GIN
# index ANDed with the range, never by the walk the planner would choose itself: it prices the test
# (a vector read from TOAST) like a comparison and guesses a phrase's matches from its words'
# (4,522 guessed, 33 found: 600 ms for a rare phrase of common words). The first range is the
# newest 2n articles, walked; the next is twice as long as the share seen predicts (eight times the
# last while nothing matched). A phrase with biwords (`_BIWORDS`) is read through their GIN index,
# which names the articles holding its pairs of words, each then tested against the query; without
# (an OR, a NOT, words a stop word apart), through its words' index, each candidate holding them
# re-read for their positions. A query of stop words alone matches nothing. EXECUTE plans each
# range with its values; the planner settings are put back as they were before returning.
_SEARCH_WINDOW = """CREATE OR REPLACE FUNCTION search_window(query tsquery, n integer) RETURNS SETOF bigint
   LANGUAGE plpgsql STABLE AS $$
   DECLARE
     top bigint := (SELECT max(ingest_seq) FROM article_search);
     hi bigint := top;
     lo bigint;
     span bigint := 2 * n;
     walk boolean := true;
     biwords tsquery := query_biwords(query);
     found bigint[] := '{}';
     more bigint[];
     indexscan text := current_setting('enable_indexscan');
     seqscan text := current_setting('enable_seqscan');
   BEGIN
     IF top IS NULL OR n < 1 OR numnode(query) = 0 THEN RETURN; END IF;
     PERFORM set_config('enable_seqscan', 'off', true);
     LOOP
       lo := greatest(hi - span, 0);
       PERFORM set_config('enable_indexscan', CASE WHEN walk THEN 'on' ELSE 'off' END, true);
       EXECUTE format('SELECT array(SELECT ingest_seq FROM article_search WHERE %s
                         AND ingest_seq > $2 AND ingest_seq <= $3 ORDER BY ingest_seq DESC LIMIT $4)',
                      CASE WHEN walk THEN 'ts_match_vq(search_vector, $1)'
                           WHEN biwords IS NULL THEN 'search_vector @@ $1'
                           ELSE 'biwords(search_vector) @@ $5 AND ts_match_vq(search_vector, $1)' END)
         INTO more USING query, lo, hi, n - cardinality(found), biwords;
       found := found || more;
       EXIT WHEN cardinality(found) >= n OR lo = 0;
       IF cardinality(found) = 0 THEN
         span := span * 8;
         walk := false;
       ELSE  -- twice the articles the share seen so far needs for the matches still wanted
         span := ceil((n - cardinality(found)) * (top - lo)::numeric / cardinality(found) * 2);
         walk := span <= 8 * n;
       END IF;
       hi := lo;
     END LOOP;
     PERFORM set_config('enable_indexscan', indexscan, true), set_config('enable_seqscan', seqscan, true);
     RETURN QUERY SELECT unnest(found);
   END $$"""


def _search_table(conn: Connection) -> None:
    # SQLite's FTS5 index already keeps its own narrow lists; an archive whose recorded version was
    # set back before this migration (as tests do) has the table already.
    if conn.dialect.name == "postgresql" and not inspect(conn).has_table("article_search"):
        for ddl in _POSTGRES_SEARCH_TABLE:
            conn.execute(text(ddl))


# A biword index (Manning, Raghavan & Schütze, "Introduction to Information Retrieval", 2.4.1) for
# phrases on PostgreSQL: a GIN index over each article's pairs of adjacent lexemes, 'offici hama'
# for "official Hamas", computed from its search vector (an expression index: nothing is stored in
# the rows, which a walk reads; a column of its own pushed both vectors out to TOAST and doubled a
# keyword's walk). A phrase of common words was found by reading the positions of every article
# holding both words (at a million articles "official Hamas": about 300,000 articles re-read,
# 0.9 s; three phrases in 200 refused after 1.5 s); its biwords' list names the articles holding
# the pairs. The pairs come from the vector, so every article matching a phrase holds its biwords
# (a title's last and the text's first word make a pair too, as they make a phrase) and the vector
# is still tested. `query_biwords` reads them from a query's text form (`'a' <-> 'b' & 'c'`): only
# for a query of words and phrases ANDed (an OR, a NOT, brackets, weights or prefixes: NULL, no
# biword required).
_BIWORDS = [
    """CREATE OR REPLACE FUNCTION biwords(vector tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
         SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), ''::tsvector)
         FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(vector)) a
         JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(vector)) b ON b.p = a.p + 1 $$""",
    """CREATE OR REPLACE FUNCTION query_biwords(query tsquery) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE AS $$
       DECLARE
         tokens text[] := array(SELECT m[1] FROM regexp_matches(query::text,
                                '(''(?:[^'']|'''')*''|<->|<[0-9]+>|[&|!()]|:)', 'g') AS m);
         pairs text[] := '{}';
       BEGIN
         IF tokens && ARRAY['|', '!', '(', ')', ':'] THEN RETURN NULL; END IF;
         FOR i IN 1 .. coalesce(cardinality(tokens), 0) - 2 LOOP
           IF tokens[i + 1] = '<->' AND left(tokens[i], 1) = '''' AND left(tokens[i + 2], 1) = '''' THEN
             pairs := pairs || (left(tokens[i], -1) || ' ' || substr(tokens[i + 2], 2));
           END IF;
         END LOOP;
         RETURN CASE WHEN cardinality(pairs) > 0 THEN array_to_string(pairs, ' & ')::tsquery END;
       END $$""",
    "CREATE INDEX IF NOT EXISTS ix_article_search_biwords ON article_search USING GIN (biwords(search_vector))",
    "ANALYZE article_search",
]


def _biword_index(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for ddl in _BIWORDS:
            conn.execute(text(ddl))
        _search_window_by_ranges(conn)  # the window now reads a phrase's biwords


def _search_window_by_ranges(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(_SEARCH_WINDOW))


# The participants of a new or changed event (a rename rewrites its list). Deleting an event
# deletes its rows (foreign key). DISTINCT: a list may name someone twice.
_PARTICIPANTS_OF_NEW = {
    "sqlite": """SELECT DISTINCT value, coalesce(new.date, (SELECT published FROM articles WHERE id = new.article_id)),
                        new.id FROM json_each(new.participants)""",
    "postgresql": """SELECT DISTINCT p, coalesce(NEW.date, (SELECT published FROM articles WHERE id = NEW.article_id)),
                            NEW.id FROM json_array_elements_text(NEW.participants) AS p""",
}
_EVENT_PARTICIPANTS = {
    "sqlite": [
        f"""CREATE TRIGGER IF NOT EXISTS event_participants_ai AFTER INSERT ON events BEGIN
              INSERT INTO event_participants (name, date, event_id) {_PARTICIPANTS_OF_NEW["sqlite"]};
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS event_participants_au AFTER UPDATE OF participants, date ON events BEGIN
              DELETE FROM event_participants WHERE event_id = old.id;
              INSERT INTO event_participants (name, date, event_id) {_PARTICIPANTS_OF_NEW["sqlite"]};
            END""",
        """INSERT INTO event_participants (name, date, event_id)
           SELECT DISTINCT j.value, coalesce(e.date, a.published), e.id
           FROM events e JOIN articles a ON a.id = e.article_id, json_each(e.participants) j""",
    ],
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION event_participants_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'UPDATE' THEN
                DELETE FROM event_participants WHERE event_id = OLD.id;
              END IF;
              INSERT INTO event_participants (name, date, event_id) {_PARTICIPANTS_OF_NEW["postgresql"]};
              RETURN NULL;
            END $$""",
        """CREATE OR REPLACE TRIGGER event_participants_sync AFTER INSERT OR UPDATE OF participants, date ON events
           FOR EACH ROW EXECUTE FUNCTION event_participants_sync()""",
        """INSERT INTO event_participants (name, date, event_id)
           SELECT DISTINCT p, coalesce(e.date, a.published), e.id
           FROM events e JOIN articles a ON a.id = e.article_id
           CROSS JOIN LATERAL json_array_elements_text(e.participants) AS p""",
    ],
}


def _event_participants(conn: Connection) -> None:
    # checkfirst: an archive created after this table existed got it (empty) from _initial; the
    # events already stored are listed once (the last statement), unless the triggers already have.
    event_participants.create(conn, checkfirst=True)
    *triggers, fill = _EVENT_PARTICIPANTS[conn.dialect.name]
    for ddl in triggers:
        conn.execute(text(ddl))
    if conn.execute(select(event_participants.c.event_id).limit(1)).first() is None:
        conn.execute(text(fill))


def _person_sample_indexes(conn: Connection) -> None:
    # A person's page and timeline read their most recent mentions and quotes (PERSON_SAMPLE of
    # each). On PostgreSQL, with (entity_id, id) alone, the planner priced a heap visit per mention
    # above walking the whole table back by id and testing each row: 27,000 rows read for a
    # frequent speaker's 1,000 quotes, 70 ms at a million articles. Indexes holding the columns
    # those statements read let it answer from the index alone (INCLUDE, PostgreSQL 11+); the
    # covering one replaces ix_mentions_entity_recent, same key and the same size there. SQLite
    # already reads both samples in order from ix_mentions_entity_recent and ix_quotes_speaker_id
    # (an index entry ends in its rowid, the id), no sort (EXPLAIN QUERY PLAN).
    if conn.dialect.name == "postgresql":
        for ddl in ['CREATE INDEX IF NOT EXISTS ix_mentions_entity_sample ON mentions (entity_id, id) '
                    'INCLUDE (article_id, start, "end")',
                    "DROP INDEX IF EXISTS ix_mentions_entity_recent",
                    "CREATE INDEX IF NOT EXISTS ix_quotes_speaker_sample ON quotes (speaker_id, id) INCLUDE (article_id)"]:
            conn.execute(text(ddl))


MIGRATIONS: list[Callable[[Connection], None]] = [
    _initial, _framing_counts, _reading_room_indexes, _export_provenance, _pending_steps, _name_index,
    _quote_attribution_basis, _figure_parts, _arabic_search, _entity_counts,
    _article_counts, _scale_indexes, _framing_summaries, _figure_counts, _search_table, _name_components,
    _outlet_recent_index, _event_participants, _search_window_by_ranges,
    _biword_index, _person_sample_indexes,
]


def migrate(conn: Connection) -> int:
    """Apply the migrations this database has not seen yet, inside the caller's transaction.

    Returns the schema version reached. The caller holds a write lock (SQLite BEGIN IMMEDIATE,
    PostgreSQL advisory lock), so two processes opening the same archive do not race.
    """
    schema_version.create(conn, checkfirst=True)
    current = conn.execute(select(schema_version.c.version)).scalar()
    if current is None:
        conn.execute(schema_version.insert().values(version=0))
        current = 0
    for migration in MIGRATIONS[current:]:
        migration(conn)
    if current < len(MIGRATIONS):
        conn.execute(schema_version.update().values(version=len(MIGRATIONS)))
    return len(MIGRATIONS)
