"""Cut a document into article drafts: find where each article starts, read its header, keep its body.

HTML pages go to `ingest.html` (trafilatura). Plain text is often a dump of many articles pasted one
after another, which trafilatura cannot cut (it extracts one main text per page), so text is cut
here. An article starts at a headline followed within a few lines by a date line, or directly by a
"By …"/"Source: …" line; sub-headers inside an article have neither, so they stay in its body. A dump
with no such lines is cut where the paster drew a line between articles ("-----", "=====", "* * *")
above a headline, or ("-----", "=====") above a paragraph.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field, replace
from enum import Enum, auto

from cliptrace.ingest import clean, meta
from cliptrace.ingest.html import html_to_drafts
from cliptrace.model import ArticleDraft, Document

HEADER_LINES = 8  # an article's metadata sits in its first few non-blank lines
LEAD_CAPTION_LINES = 2  # a lone photo caption sits in the first lines under the header
STANDFIRST_MAX_CHARS = 300


class Kind(Enum):
    BLANK = auto()
    DEBRIS = auto()
    DATE = auto()
    BYLINE = auto()
    SOURCE = auto()
    CREDIT = auto()  # photo credit/caption
    FIELD = auto()  # "News ID: 126194"
    TRANSLATED = auto()  # "Translated by Staff"
    SEPARATOR = auto()  # "-----", "* * *": a line drawn between articles or sections
    TEXT = auto()


_META_KINDS = {Kind.BYLINE, Kind.SOURCE, Kind.CREDIT, Kind.FIELD, Kind.TRANSLATED}
# A line drawn with one character repeated: "-----", "=====", "_____", "* * *", "###", "~~~".
_SEPARATOR = re.compile(r"^([-=_*#~•·—–])(?:\s?\1){2,}$")
# "Published: 16 May 2024": the day of publication, which page furniture's time stamps ("Updated: …",
# "Posted 3 hours ago") would drop.
_PUBLISHED_STAMP = re.compile(r"^(?:published|posted)\b", re.I)
# Those a paster draws between articles; "* * *" and "###" also break sections of one feature.
_ARTICLE_RULES = set("-=_—–")


@dataclass(frozen=True)
class Start:
    index: int  # first line of the article
    title: int | None  # line of its headline, when it has one


@dataclass
class _Cut:
    draft: ArticleDraft
    translated: bool  # carries a "Translated by" credit: the next article may be its original


def split_document(doc: Document) -> list[ArticleDraft]:
    """The articles inside a document, cleaned, with their metadata. Pure."""
    if doc.article is not None:  # an export already cut this article and named its fields
        return [doc.article]
    drafts = html_to_drafts(doc.content) if doc.kind == "html" else split_text(doc.content)
    for draft in drafts:
        draft.locator = doc.locator
    return fill_from_headers(_headline_of_subject(drafts, doc), doc.headers)


def split_text(text: str) -> list[ArticleDraft]:
    """A pasted text (one article or a dump of many) -> its articles, in order."""
    lines = clean.prepare_lines(text)
    kinds = [line_kind(line) for line in lines]
    starts = find_article_starts(lines, kinds)
    ends = [start.index for start in starts[1:]] + [len(lines)]
    cuts = [read_article(lines[start.index:end], kinds[start.index:end], _relative(start.title, start.index))
            for start, end in zip(starts, ends)]
    return credit_originals([cut for cut in cuts if cut.draft.text])


def line_kind(line: str) -> Kind:
    if not line:
        return Kind.BLANK
    if _SEPARATOR.match(line):
        return Kind.SEPARATOR
    if meta.parse_credits_date_line(line):  # before debris: "Island Times | 2 December 2024" is no menu
        return Kind.DATE
    if _PUBLISHED_STAMP.match(line) and meta.parse_date_line(line):  # not a time stamp to drop
        return Kind.DATE
    if clean.is_debris(line):
        return Kind.DEBRIS
    if meta.parse_date_line(line):
        return Kind.DATE
    if meta.parse_byline(line):
        return Kind.BYLINE
    if meta.parse_source_line(line):
        return Kind.SOURCE
    if clean.is_photo_credit(line):
        return Kind.CREDIT
    if clean.is_header_field(line):
        return Kind.FIELD
    if meta.is_translation_credit(line):
        return Kind.TRANSLATED
    return Kind.TEXT


# --- where articles start --------------------------------------------------------------------------

def find_article_starts(lines: list[str], kinds: list[Kind]) -> list[Start]:
    """Article starts in line order; the text before the first one joins it unless it has a body."""
    candidates: list[Start] = []
    for i, kind in enumerate(kinds):
        if kind is Kind.DATE:
            found = _start_before_date(lines, kinds, i)
        elif kind in (Kind.BYLINE, Kind.SOURCE):
            found = _start_before_byline(lines, kinds, i)
        elif kind is Kind.SEPARATOR:
            found = _start_after_separator(lines, kinds, i)
        else:
            continue
        if found:
            candidates.append(found)
    starts: list[Start] = []
    for start in sorted(set(candidates), key=lambda s: s.index):
        # Two signals of one header (a "By" line and a date under one headline) are one start.
        previous = starts[-1].index if starts else 0
        if not starts and not _has_paragraph(lines, kinds, 0, start.index):
            starts.append(replace(start, index=0))
        elif _has_paragraph(lines, kinds, previous, start.index):
            if not starts:
                starts.append(Start(0, None))
            starts.append(start)
    return starts or [Start(0, None)]


def _start_before_date(lines: list[str], kinds: list[Kind], date: int) -> Start | None:
    """Read upwards from a date line: bylines/credits, then the headline, possibly with a standfirst
    or a short name line (author, masthead) between headline and date."""
    first = date
    j = date - 1
    while j >= 0 and (kinds[j] is Kind.BLANK or kinds[j] in _META_KINDS):
        first = j if kinds[j] is not Kind.BLANK else first
        j -= 1
    if j < 0 or kinds[j] in (Kind.DEBRIS, Kind.SEPARATOR):
        return Start(first, None)  # a date at the top of the text, right after page debris or a rule
    if kinds[j] is not Kind.TEXT:
        return None
    p1, p2 = j, _previous_text(kinds, j)
    title_above = p2 is not None and clean.is_title_like(lines[p2])
    if clean.is_short_name_line(lines[p1]):  # "Al Mayadeen English" / an author's name
        return Start(p2, p2) if title_above else Start(p1, None)
    if clean.is_title_like(lines[p1]):
        if title_above and len(lines[p1]) > max(90, 1.3 * len(lines[p2])):  # p1 is a standfirst
            return Start(p2, p2)
        return Start(p1, p1)
    if title_above and len(lines[p1]) <= STANDFIRST_MAX_CHARS and _credits_follow(kinds, date):
        return Start(p2, p2)  # headline, standfirst sentence, date, then a byline or photo credit
    return None  # a date line inside a body is not a new article


def _credits_follow(kinds: list[Kind], date: int) -> bool:
    """A byline, source or photo credit right under a date line: an article header, not a body."""
    following = [kind for kind in kinds[date + 1:date + 6] if kind is not Kind.BLANK][:2]
    return any(kind in _META_KINDS for kind in following)


def _start_before_byline(lines: list[str], kinds: list[Kind], byline: int) -> Start | None:
    """An article without a date line: a headline directly above "By …" or "Source: …"."""
    j = _previous_nonblank(kinds, byline)
    if j is not None and kinds[j] is Kind.TEXT and clean.is_title_like(lines[j]):
        return Start(j, j)
    return None


def _start_after_separator(lines: list[str], kinds: list[Kind], separator: int) -> Start | None:
    """A dump without date or byline lines: a rule, then a headline over a paragraph, starts an
    article; so does a rule drawn for articles ("-----", not "* * *") right above a paragraph.
    A rule followed by a date or byline is left to those lines' own start rules."""
    following = [i for i in range(separator + 1, len(kinds)) if kinds[i] is not Kind.BLANK][:2]
    if not following or kinds[following[0]] is not Kind.TEXT:
        return None
    first = following[0]
    if clean.is_title_like(lines[first]):
        paragraph_next = len(following) > 1 and kinds[following[1]] is Kind.TEXT and _is_paragraph(lines[following[1]])
        return Start(first, first) if paragraph_next else None
    return Start(first, None) if lines[separator][0] in _ARTICLE_RULES and _is_paragraph(lines[first]) else None


def _previous_nonblank(kinds: list[Kind], i: int) -> int | None:
    return next((j for j in range(i - 1, -1, -1) if kinds[j] is not Kind.BLANK), None)


def _previous_text(kinds: list[Kind], i: int) -> int | None:
    j = _previous_nonblank(kinds, i)
    return j if j is not None and kinds[j] is Kind.TEXT else None


def _has_paragraph(lines: list[str], kinds: list[Kind], start: int, end: int) -> bool:
    return any(kinds[i] is Kind.TEXT and _is_paragraph(lines[i]) for i in range(start, end))


def _is_paragraph(line: str) -> bool:
    return not clean.is_title_like(line) and not clean.is_short_name_line(line)


def _relative(index: int | None, origin: int) -> int | None:
    return None if index is None else index - origin


# --- one article ------------------------------------------------------------------------------------

@dataclass
class _Header:
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    byline_outlet: str | None = None
    source_outlet: str | None = None
    disclaimer_outlet: str | None = None
    masthead: str | None = None
    dateline_outlet: str | None = None
    translated: bool = False

    def outlet(self) -> str | None:
        # A byline names the writer's outlet; a "Source:" credit may name a feed it came through;
        # a dateline credit ("GAZA (Reuters) –") is the weakest sign.
        return (self.byline_outlet or self.source_outlet or self.disclaimer_outlet or self.masthead
                or self.dateline_outlet)


def read_article(lines: list[str], kinds: list[Kind], title: int | None) -> _Cut:
    """One article's lines -> draft: metadata lines are read and removed, debris dropped."""
    if title is None:
        title = _find_title(lines, kinds)
    header = _Header(title=lines[title] if title is not None else None)
    body: list[tuple[int, str]] = []
    started = False  # has the body had a paragraph yet? Headers and credits come before it.
    date_line: int | None = None
    in_link_list = False
    seen = 0
    # A "Source:" credit sits in the header or closes the article; elsewhere it credits a chart.
    last_text = max((i for i, kind in enumerate(kinds) if kind in (Kind.TEXT, Kind.SOURCE)), default=-1)
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind in (Kind.BLANK, Kind.SEPARATOR) or i == title:
            continue
        seen += 1
        if in_link_list and clean.is_title_like(line):
            continue  # the link titles under "Related Stories"
        in_link_list = clean.is_link_list_header(line)
        if kind is Kind.DEBRIS:
            header.disclaimer_outlet = header.disclaimer_outlet or meta.outlet_from_disclaimer(line)
        elif kind is Kind.SOURCE and (not started or i == last_text):
            credited = meta.parse_source_line(line).outlet
            if not started or (credited and meta.is_outlet_name(credited)):
                header.source_outlet = header.source_outlet or credited  # not "Source: NATO." under a chart
        elif kind is Kind.CREDIT:
            pass
        elif seen <= HEADER_LINES and kind in (Kind.FIELD, Kind.TRANSLATED, Kind.BYLINE, Kind.DATE):
            if kind is Kind.DATE and header.published is None:
                header.published, date_line = meta.parse_date_line(line), i
                if header.published is None:  # "Riverside Times, 3 April 2024", "Outlet · Author · date"
                    credits = meta.parse_credits_date_line(line)
                    header.masthead, header.published = credits.outlet, credits.published
                    header.authors.extend(credits.authors)
            elif kind is Kind.BYLINE:
                _add_names(header, meta.parse_byline(line))
            header.translated = header.translated or kind is Kind.TRANSLATED
        elif header.title and _fold(line) == _fold(header.title):
            pass  # the headline repeated under the date
        elif seen <= HEADER_LINES and not started and clean.is_short_name_line(line):
            if (title is None or i < title) and date_line is None or meta.names_masthead(line):
                header.masthead = meta.masthead(line)  # the publication's name: above the article, or a paper's
            else:
                _add_names(header, meta.classify_names(line))  # a name under the headline
        else:
            if not started and _is_paragraph(line):
                header.dateline_outlet = meta.outlet_from_dateline(line)
            body.append((i, line))
            started = started or _is_paragraph(line)
    header_end = date_line if date_line is not None else title
    paragraphs = [line for _, line in body] if header_end is None else _drop_lone_captions(body, header_end)
    text = "\n\n".join(paragraphs)
    draft = ArticleDraft(
        text=text, title=header.title, published=header.published, outlet=header.outlet(),
        authors=header.authors, language=meta.detect_language(text),
    )
    return _Cut(draft, header.translated)


def _find_title(lines: list[str], kinds: list[Kind]) -> int | None:
    """Without a start signal (a single-article text): the first heading-like line on top, past
    mastheads, dates and bylines, if it comes before any paragraph."""
    for i in [i for i, kind in enumerate(kinds) if kind is not Kind.BLANK][:HEADER_LINES]:
        if kinds[i] is not Kind.TEXT or clean.is_short_name_line(lines[i]):
            continue
        return i if clean.is_title_like(lines[i]) else None
    return None


def _add_names(header: _Header, names: meta.Byline) -> None:
    header.authors.extend(names.authors)
    header.byline_outlet = header.byline_outlet or names.outlet


def _drop_lone_captions(body: list[tuple[int, str]], header_end: int) -> list[str]:
    """Drop a photo caption left without its photo: a heading-like line just under the header,
    followed by a paragraph. Sub-headers there name a speaker ("Haniyeh: …"), are a few words
    ("Ceasefire details") or ask the writer's own questions, so keep those."""
    kept: list[str] = []
    lead = [i for i, _ in body if i > header_end][:LEAD_CAPTION_LINES]
    for n, (i, line) in enumerate(body):
        following = body[n + 1][1] if n + 1 < len(body) else None
        caption = (i in lead and clean.is_title_like(line) and ":" not in line
                   and len(line.split()) >= clean.TITLE_MIN_WORDS
                   and not line.endswith(("?", "!")) and following is not None and _is_paragraph(following))
        if not caption:
            kept.append(line)
    return kept


def credit_originals(cuts: list[_Cut]) -> list[ArticleDraft]:
    """An article in another language right after a translation ("Translated by …") is the
    translation's original: it was published by the outlet the translation credits."""
    for translation, original in zip(cuts, cuts[1:]):
        if (translation.translated and original.draft.outlet is None
                and original.draft.language != translation.draft.language):
            original.draft.outlet = translation.draft.outlet
    return [cut.draft for cut in cuts]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- what the container said ------------------------------------------------------------------------

# What mail programs put before a forwarded or answered message's subject ("Fwd: Re: FW:"; German
# AW/WG, French TR, Spanish RV/ENC, Outlook's "[2]" counts): not the article's title.
_REPLY_PREFIXES = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|enc)\s*(?:\[\d+\])?\s*:)+\s*", re.I)


def fill_from_headers(drafts: list[ArticleDraft], headers: dict[str, str]) -> list[ArticleDraft]:
    """Fill gaps from the container's headers (an HTML <title>, an e-mail Subject). They describe
    the whole document, so they only apply when it holds one article."""
    if len(drafts) != 1 or not headers:
        return drafts
    draft = drafts[0]
    draft.title = draft.title or _REPLY_PREFIXES.sub("", headers.get("title") or "") or None
    draft.published = draft.published or _header_date(headers.get("date"))
    draft.outlet = draft.outlet or (meta.masthead(headers["outlet"]) if headers.get("outlet") else None)
    draft.url = draft.url or headers.get("url")
    if not draft.authors and headers.get("author"):
        draft.authors = meta.without_outlet(meta.classify_names(headers["author"]).authors, draft.outlet)
    return drafts


def _headline_of_subject(drafts: list[ArticleDraft], doc: Document) -> list[ArticleDraft]:
    """A forwarded reader view pastes the headline again under the credits line, below the
    forwarder's note ("Worth a read. -S"), which the cutting took for the title: when the
    container's title (an e-mail's Subject without "Fwd:") stands as a line of its own text, that
    line is the one article's headline. (A page's <title> is no such thing: SEO wording.)"""
    subject = _REPLY_PREFIXES.sub("", doc.headers.get("title") or "").strip()
    if doc.kind != "text" or len(drafts) != 1 or not subject or _fold(drafts[0].title or "") == _fold(subject):
        return drafts
    if any(_fold(line) == _fold(subject) for line in doc.content.splitlines()):
        draft = drafts[0]
        draft.title = subject
        first, _, rest = draft.text.partition("\n\n")
        draft.text = rest if _fold(first) == _fold(subject) else draft.text
    return drafts


def _header_date(value: str | None) -> str | None:
    if not value:
        return None
    try:  # an e-mail Date header: "Mon, 25 Mar 2024 10:00:00 +0000"
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return meta.parse_date_line(value)
