"""The dataclasses every stage speaks.

The flow is one-way: a path becomes a `Source` (raw bytes), a source is read into one or more
`Document`s, a document is split into `ArticleDraft`s, a draft is annotated into an `Article`.
Every annotation carries character offsets (Python `str` indices) into `Article.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

SourceFormat = Literal[
    "text", "html", "email", "mbox", "pdf", "docx", "rtf", "zip", "gzip", "json", "jsonl", "csv", "parquet",
    "warc", "unknown",
]
QuoteKind = Literal["direct", "indirect", "mixed"]
# How the text links a quote to its speaker: a name in the attribution, a pronoun or a description
# resolved with evidence in the article, a label line ("Hamas: …"), the quote before it
# (a quote running on after "he said."), or nothing the text gives.
SpeakerBasis = Literal["name", "pronoun", "description", "header", "continuation", "unknown"]
Approx = Literal["exact", "at_least", "more_than", "about", "up_to"]
FigureCategory = Literal[
    "killed", "injured", "detained", "captives", "released", "missing", "displaced", "other"
]
EntityType = Literal["person", "org", "place", "other"]
EventType = Literal["meeting", "visit", "call", "statement", "other"]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Source:
    """A file the user gave us, as bytes. `path` is the path as given (zip members: `a.zip!b.txt`)."""

    path: str
    data: bytes
    format: SourceFormat = "unknown"

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class SourceFailure:
    """A file that could not be read; recorded with a reason a person can act on."""

    path: str
    reason: str
    data: bytes | None = None  # kept when we have it, so nothing the user gave is lost
    format: SourceFormat = "unknown"
    part: bool = False  # one row, message or record of a source that was stored ("a.csv#row 7")

    @property
    def sha256(self) -> str | None:
        return sha256_hex(self.data) if self.data is not None else None

    @property
    def size(self) -> int | None:
        return len(self.data) if self.data is not None else None


@dataclass(frozen=True)
class Skipped:
    """An input deliberately not read (a hidden file, a link leaving the folder); listed, not stored."""

    path: str
    reason: str


@dataclass
class Document:
    """Decoded content of a source (or of one message inside it).

    `kind` says whether `content` is plain text or HTML. `headers` carries what the container
    told us (e-mail Subject/Date/From, an HTML <title>, a URL); keys: title, date, url, outlet, author.
    """

    content: str
    kind: Literal["text", "html"]
    headers: dict[str, str] = field(default_factory=dict)
    # Where in its source file this document sits ("document 2", "row 15", "message 502",
    # "record <urn:uuid:…>"); None for a file that is one document.
    locator: str | None = None
    # The article itself, when the export already cut it and named its fields (news database
    # exports, data sets, Telegram): split keeps it as given instead of cutting `content` again.
    article: ArticleDraft | None = None

    @classmethod
    def of_article(cls, draft: ArticleDraft, locator: str) -> Document:
        """A document that is one article an export already cut out, at `locator` in its file."""
        draft.locator = locator
        return cls(content=draft.text, kind="text", locator=locator, article=draft)


@dataclass(frozen=True)
class UnreadablePart:
    """A part of a source (a data set's row, an export's message) that could not be read; the other
    parts of the source are read all the same."""

    locator: str
    reason: str


@dataclass
class ArticleDraft:
    """One article cut out of a document, cleaned, with its metadata."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str = "en"
    url: str | None = None
    # Provenance and the fields that news database exports carry beside the text.
    locator: str | None = None  # place in its source file, as Document.locator
    tags: list[str] = field(default_factory=list)  # index terms / classification codes of the export
    section: str | None = None
    dateline: str | None = None  # "HARBOUR CITY": where the story was filed
    stated_words: int | None = None  # the length the export states ("Length: 386 words")
    edited: str | None = None  # ISO 8601 date-time of the last edit (Telegram messages)


@dataclass
class Entity:
    """A person, organisation or place named in one article.

    `id` is the archive-wide canonical id once aliases are resolved; before that it is a key local
    to the article. `name` is the canonical name; `mentions` are (start, end) offsets, including
    surnames, descriptions ("the Hamas chief") and pronouns linked to it.
    """

    id: str
    name: str
    type: EntityType
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Quote:
    """A quotation. `speaker_id` is set only when the text links the speaker to a person or body
    (`speaker_basis` says how); a description naming nobody stays in `speaker` as written.
    `confidence` in [0, 1] is how sure the attribution is (the basis and how far the cue is)."""

    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: tuple[int, int] | None = None
    cue: str | None = None
    said_on: str | None = None  # YYYY-MM-DD
    speaker_basis: SpeakerBasis = "unknown"
    confidence: float = 0.0


@dataclass
class Figure:
    start: int
    end: int
    value: int
    approx: Approx = "exact"
    category: FigureCategory = "other"
    subject: str | None = None
    place: str | None = None
    source: str | None = None
    as_of: str | None = None  # YYYY-MM-DD
    part_of: int | None = None  # index in the article's figures of the total this is part of


@dataclass
class Event:
    start: int
    end: int
    type: EventType
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None  # YYYY-MM-DD


@dataclass
class Annotations:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class Article:
    """An article in the archive: a draft, where it came from, and what was extracted from it."""

    id: str
    source_path: str
    source_sha256: str
    position: int
    draft: ArticleDraft
    annotations: Annotations = field(default_factory=Annotations)
    duplicate_of: str | None = None

    @property
    def text(self) -> str:
        return self.draft.text


def entity_id(canonical_name: str, entity_type: str) -> str:
    """Archive-wide entity id: the same canonical name and type always give the same id."""
    return hashlib.sha1(f"{entity_type}:{canonical_name.strip().lower()}".encode()).hexdigest()[:12]


def article_id(source_sha256: str, position: int) -> str:
    """Stable id: the same bytes ingested again give the same ids."""
    return hashlib.sha256(f"{source_sha256}:{position}".encode()).hexdigest()[:16]
