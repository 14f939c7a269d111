"""An HTML page -> one article draft: trafilatura for the body, the page's own markup for metadata.

trafilatura finds the main text well, but on saved reader views (Firefox "Reader View", forwarded
by e-mail as a bare fragment) it finds no title, no site name and guesses a wrong date, so the
headline (<h1>), the credits line and the visible date line are read from the markup here.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from cliptrace.ingest import clean, meta
from cliptrace.ingest.errors import UnreadableSource
from cliptrace.model import ArticleDraft

_HAS_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
MAX_DATE_ELEMENT = 60  # characters of text in an element that is only a date

# Where pages and reader views put the byline: Firefox's "reader-credits", a "byline" or "author" box.
_CREDITS = ("//*[contains(@class,'credits') or contains(@class,'byline') or @rel='author'"
            " or contains(@class,'author')]")
# A site logo set in an <h1> sits in a box named for it ("site-logo", "brand", "masthead").
_LOGO_CLASS = re.compile(r"logo|brand|masthead|site-?title|site-?name", re.I)
# Hover cards inside paragraphs, by the names sites give them ("rollover-people-block", "hovercard").
_POPUP_HINT = re.compile(r"class=[\"'][^\"']*(?:rollover|hover-?card|popover)", re.I)
# The card, not the name it pops up from ("rollover-people-link" is the name's own link).
_POPUPS = ("//p//*[contains(@class,'rollover') and (contains(@class,'block') or contains(@class,'card'))"
           " or contains(@class,'hovercard') or contains(@class,'hover-card') or contains(@class,'popover')]")
MAX_LOGO_WORDS = 6
_ARTICLE_HEADING = "//article//h2"
_TITLE_WORD = re.compile(r"\w+")
# Where pages print their time stamp: <time>, or a box named for a date, a time stamp or the byline.
_STAMPS = ("//time | //*[contains(@class,'date') or contains(@class,'timestamp') or contains(@class,'publish')"
           " or contains(@class,'byline')]")
MAX_STAMP = 80
_DECLARED_STAMP = re.compile(r"(?:article:published_time|datePublished)[\"']?\s*(?::|content=)\s*[\"']"
                             r"(?P<stamp>\d{4}-\d\d-\d\dT\d\d:\d\d[^\"']*)[\"']")
_CLOCK = re.compile(r"\b(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::\d\d)?\s*(?:(?P<half>[ap])\.?\s?m\.?)?", re.I)
_ZONE_OR_AT = re.compile(r"\b(?:[A-Z]{1,2}[SD]?T|UTC|GMT|at)\b")
# Where a page names its site: og:site_name, the app's name, the logo's alt text, title or words.
_SITE_NAMES = ("//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content",
               "//meta[@name='apple-mobile-web-app-title']/@content",
               "//*[contains(@class,'logo')]//img/@alt", "//*[contains(@class,'logo')]/@title",
               "//*[contains(@class,'logo')]/text()")
_HOST_NAME = re.compile(r"[\w-]+(?:\.[a-z]{2,3})+", re.I)
_PUBLISHER_NAME = re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{1,80})"')
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
_URLS = ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content",
         "//a[contains(@class,'reader-domain') or contains(@class,'domain')]/@href")
# The page's own address, og:url first: a syndicated copy's canonical link names the original's
# site (an NBC story on MSN), whose domain its site name does not spell.
_OWN_URLS = ("//meta[@property='og:url']/@content", "//link[@rel='canonical']/@href")


def html_to_drafts(html: str) -> list[ArticleDraft]:
    """The page's article (none when it holds no main text). Raises UnreadableSource when libxml2
    stops reading the page at its nesting limit, so the reason is not a puzzling "no text"."""
    page = wrap_fragment(html)
    body = trafilatura.extract(_without_popups(page), include_comments=False, include_tables=True, include_images=False,
                               include_links=False, deduplicate=False)
    if not body:
        if _too_deep(page):
            raise UnreadableSource("HTML nested too deep: the parser (libxml2) stops at 256 levels of elements")
        return []
    tree = _parse(page)
    site = trafilatura.extract_metadata(page)
    site_title = _title_segments(tree)
    declared_site = _site_name(site, site_title)
    url = _first_value(tree, _URLS) or (site.url if site else None)
    declared_name = meta.plausible_outlet(declared_site)
    named = _name_spelling_domain(page, tree, _first_value(tree, _OWN_URLS) or url, declared_name,
                                  [site.sitename if site else None, *reversed(site_title)])
    sitename = named or declared_name
    title = (_headline(tree, sitename, site.title if site else None) or (site.title if site else None)
             or _first_text(tree, _ARTICLE_HEADING))
    header, paragraphs = _read_header(clean_paragraphs(body.split("\n")), title)
    if not paragraphs:
        return []
    text = "\n\n".join(paragraphs)
    declared = _declared_authors(page, site, [declared_site, site_title[-1] if len(site_title) > 1 else None])
    names = _credits(tree, declared)
    outlet = named or meta.plausible_outlet(names.outlet) or header.outlet or sitename
    draft = ArticleDraft(
        text=text,
        title=title,
        published=_published(page, tree),
        outlet=outlet,
        authors=meta.without_outlet(names.authors or header.authors or declared, outlet),
        language=meta.detect_language(text),
        url=url,
    )
    return [draft]


def _without_popups(page: str) -> str:
    """The page without hidden hover cards: a person's name in a paragraph that pops up their
    photo and latest headlines ("Ilhan OmarIlhan OmarHillicon Valley: … MORE"). trafilatura
    cannot see that they are hidden (by the site's CSS) and runs them into the sentence."""
    if not _POPUP_HINT.search(page):
        return page
    tree = _parse(page)
    popups = tree.xpath(_POPUPS) if tree is not None else []
    for popup in popups:
        popup.drop_tree()
    return lxml.html.tostring(tree, encoding="unicode") if popups else page


def wrap_fragment(html: str) -> str:
    """trafilatura returns None for a bare fragment (`<div>…</div>` without <html><body>)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    return html if _HAS_DOCUMENT.search(html) else f"<html><body>{html}</body></html>"


# A run of paragraphs this long seen before, in the same order, is the page's second copy of the
# story (pages that carry their text for two layouts, or a newsletter's body beside the article's);
# shorter repeats are the writer's: the same question put to each person interviewed, a meal plan's
# days (runs of 16 short lines, 1,000 characters, on one Zyte page).
COPIED_CHARS = 1500


def clean_paragraphs(lines: list[str]) -> list[str]:
    """trafilatura's lines without the debris it keeps ("Read more: …" links, photo credits),
    without the link titles under a "Related Stories" / "Popular on …" heading, and without a
    second copy of a run of paragraphs (`without_copies`)."""
    kept: list[str] = []
    in_link_list = False
    for line in (clean.normalize_line(line) for line in lines):
        if not line or (in_link_list and clean.is_title_like(line)):
            continue
        in_link_list = clean.is_link_list_header(line)
        if not (clean.is_debris(line) or clean.is_photo_credit(line)):
            kept.append(line)
    return without_copies(kept)


def without_copies(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without each run of `COPIED_CHARS` or more that repeats an earlier run in order."""
    first_at: dict[str, int] = {}
    kept: list[str] = []
    i = 0
    while i < len(paragraphs):
        j = first_at.get(paragraphs[i])
        run = 0
        while j is not None and i + run < len(paragraphs) and j + run < i \
                and paragraphs[i + run] == paragraphs[j + run]:
            run += 1
        if sum(map(len, paragraphs[i:i + run])) >= COPIED_CHARS:
            i += run
            continue
        first_at.setdefault(paragraphs[i], i)
        kept.append(paragraphs[i])
        i += 1
    return kept


def _read_header(paragraphs: list[str], title: str | None) -> tuple[meta.Byline, list[str]]:
    """trafilatura sometimes keeps the headline, byline, date line or "Source: …" credit on top of
    the body (and a source credit at its end): read them as metadata and take them out of it."""
    header = meta.Byline()
    while paragraphs:
        first = paragraphs[0]
        byline = meta.parse_byline(first) or meta.parse_source_line(first)
        if not (first == title or byline or meta.parse_date_line(first)):
            break
        if byline:
            header.authors = header.authors or byline.authors
            header.outlet = header.outlet or byline.outlet
        paragraphs = paragraphs[1:]
    closing = meta.parse_source_line(paragraphs[-1]) if paragraphs else None
    if closing and closing.outlet and meta.is_outlet_name(closing.outlet):
        header.outlet = header.outlet or closing.outlet  # not "Source: NATO." under a chart
        paragraphs = paragraphs[:-1]
    return header, paragraphs


def _headline(tree, sitename: str | None, declared: str | None) -> str | None:
    """The first <h1> that is not the site's logo (a logo/brand box, or the site's own name),
    preferring one that shares most of its words with the title the page declares (og:title,
    <title>): a masthead set in an <h1> without a logo class ("The Ledger Newspaper The Ledger")
    comes first on some pages."""
    if tree is None:
        return None
    headings = []
    for element in tree.xpath("//h1"):
        text = clean.normalize_line(element.text_content())
        if text and not _is_logo(element, text, sitename):
            headings.append(text)
    declared_words = set(_TITLE_WORD.findall(declared.casefold())) if declared else set()
    for text in headings:
        words = set(_TITLE_WORD.findall(text.casefold()))
        if words and len(words & declared_words) >= 0.5 * len(words):
            return text
    return headings[0] if headings else None


def _is_logo(element, text: str, sitename: str | None) -> bool:
    """A site's name (a few words) in a box named for a logo, on the <h1>, its parent or its link."""
    if sitename and text.casefold() == sitename.casefold():
        return True
    if len(text.split()) > MAX_LOGO_WORDS:
        return False
    boxes = [element, element.getparent(), *element.iterdescendants()]
    return any(box is not None and _LOGO_CLASS.search(f"{box.get('class', '')} {box.get('id', '')}")
               for box in boxes)


def _parse(page: str):
    try:
        return lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def _too_deep(page: str) -> bool:
    parser = etree.HTMLParser()
    try:
        lxml.html.fromstring(page, parser=parser)
    except (etree.ParserError, ValueError):
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


def _first_text(tree, xpath: str, spaced: bool = False) -> str | None:
    """The first non-empty text an element matching `xpath` holds. `spaced` puts a space between
    child elements, so a credits box does not read "Phil HelselPhil Helsel is a reporter"."""
    if tree is None:
        return None
    for element in tree.xpath(xpath):
        text = clean.normalize_line(_spaced_text(element) if spaced else element.text_content())
        if text:
            return text
    return None


def _first_value(tree, xpaths: tuple[str, ...]) -> str | None:
    if tree is None:
        return None
    for xpath in xpaths:
        values = [str(v).strip() for v in tree.xpath(xpath) if str(v).strip()]
        if values:
            return values[0]
    return None


def _spaced_text(element) -> str:
    """An element's text with a space where one child's text ends a word and the next starts a
    capitalised one ("Phil Helsel" + "Phil Helsel is …"), but not inside a word split by markup."""
    text = ""
    for piece in element.itertext():
        if text and piece and text[-1].isalnum() and (piece[0].isupper() or piece[0].isdigit()):
            text += " "
        text += piece
    return text


def _credits(tree, people: list[str]) -> meta.Byline:
    """The visible byline's names; `people` are the authors the page's metadata declares."""
    credits = _first_text(tree, _CREDITS, spaced=True)
    if not credits:
        return meta.Byline()
    return meta.parse_byline(credits, people) or meta.classify_names(credits, people)


def _declared_authors(page: str, site, outlets: list[str | None]) -> list[str]:
    """The people among the authors the page's metadata declares (trafilatura reads JSON-LD and
    <meta name="author">, joined by "; "): job titles, wire agencies and outlets left out, and a
    site name the meta tag appends to a name dropped ("Wen Okafor. Prairie Ledger" -> "Wen Okafor").
    Each is spelled as the page spells it (see _as_spelled)."""
    if site is None or not site.author:
        return []
    people: list[str] = []
    for name in site.author.split(";"):
        for outlet in filter(None, outlets):
            if name.casefold().rstrip().endswith(outlet.casefold()) and len(name.strip()) > len(outlet):
                name = name.rstrip()[:-len(outlet)]
        name = name.strip(" .,-|")
        for person in meta.classify_names(name, [name]).authors:
            spelled = _as_spelled(person, page)
            if spelled and spelled not in people:
                people.append(spelled)
    return people


def _as_spelled(name: str, page: str) -> str | None:
    """`name` as the page writes it, or None when it does not. trafilatura reshapes names: it drops
    an initial's period ("Sarah E. Needleman" -> "Sarah E Needleman") and title-cases a handle
    ("rmb8090" -> "Rmb"), which names nobody."""
    words = [re.escape(word) + (r"\.?" if len(word) == 1 else "") for word in name.split()]
    found = re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", page)
    return " ".join(found.group(0).split()) if found else None


def _title_segments(tree) -> list[str]:
    """The <title> cut at its separators: "Headline | Section | Outlet" -> three segments."""
    text = _first_text(tree, "//title")
    return [part for part in _TITLE_SEPARATOR.split(text) if part] if text else []


def _site_name(site, title_segments: list[str]) -> str | None:
    """The page's site name as it declares it. Without an og:site_name trafilatura takes the
    Twitter handle ("SputnikInt", "BarronsOnline"): a handle gives way to the <title>'s last
    segment when one's letters begin the other's ("… - Sputnik International")."""
    name = site.sitename if site else None
    if name and re.fullmatch(r"\w+", name) and len(title_segments) > 1:  # a handle, not "Space.com"
        handle, closing = _letters(name), _letters(title_segments[-1])
        if handle and closing and (handle.startswith(closing) or closing.startswith(handle)):
            return title_segments[-1]
    return name


def _name_spelling_domain(page: str, tree, url: str | None, declared: str | None,
                          others: list[str | None]) -> str | None:
    """The name the page gives its site that spells a label of its domain (`meta.spells_domain`),
    read from og:site_name, the JSON-LD publisher, the app's name, the logo's text and `others`,
    each cut at its separators ("Catch it Kansas - Content - News"); of several, the one in most
    words ("The New York Times", a <title> segment, before the handle "NYTimes"). "Live Science"
    replaces the `declared` site name "livescience.com"; None where the declared name stands: it
    spells nothing better than itself ("Space.com" is the brand, not "Space"), or it is the spelling
    name with more words ("BBC News", not "BBC"); None where no name spells the domain (the Houston
    Chronicle on chron.com)."""
    labels = meta.domain_labels(url)
    if not labels or tree is None:
        return None
    names = [str(v) for xpath in _SITE_NAMES for v in tree.xpath(xpath)]
    parts = [part for candidate in [*names, *_PUBLISHER_NAME.findall(page), *filter(None, others)]
             for part in meta.site_name_parts(clean.normalize_line(candidate))]
    spelling = [part for part in parts if len(part.split()) <= MAX_LOGO_WORDS
                and any(meta.spells_domain(part, label) for label in labels)]
    if not spelling:
        return None
    named = meta.masthead(max(spelling, key=lambda part: len(part.split())))
    if declared and (_HOST_NAME.fullmatch(declared) and " " not in named
                     or declared.casefold().startswith(named.casefold() + " ")):
        return None
    return named


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _local_day(declared: str, page: str, tree) -> str:
    """The day readers saw when the metadata's time stamp is in UTC and the page prints the same
    instant in its own time zone: "2019-11-20T01:50Z" shown as "Nov. 19, 2019 5:50 PM" is
    November 19. A printed stamp counts only when its clock is the declared one (or its own
    <time datetime>) moved by a real zone offset (whole hours, or :30/:45, at most 14 hours), and
    its day is next to the declared one, so a "today" date in the masthead, a related story's stamp
    or an "Updated" stamp days later with its own <time datetime> does not move the day."""
    published = _declared_instant(page)
    if published is None or published.date().isoformat() != declared or tree is None:
        return declared
    for element in tree.xpath(_STAMPS):
        text = clean.normalize_line(element.text_content())
        shown = _printed_stamp(text) if len(text) <= MAX_STAMP else None
        if shown is None:
            continue
        instant = _instant(element.get("datetime") or "") or published  # <time> names its own instant
        minutes = round((shown - instant).total_seconds() / 60)
        # A zone moves the declared day by one at most: an update's stamp days later names its own day.
        near = abs((shown.date() - published.date()).days) <= 1
        if near and abs(minutes) <= 14 * 60 and minutes % 60 in (0, 30, 45):
            return shown.date().isoformat()
    return declared


def _declared_instant(page: str) -> datetime | None:
    """The publication time stamp the page declares, in UTC (a stamp without a zone read as UTC)."""
    found = _DECLARED_STAMP.search(page)
    return _instant(found["stamp"]) if found else None


def _instant(stamp: str) -> datetime | None:
    """An ISO time stamp with a clock in UTC, naive; None for a date alone or no stamp."""
    if "T" not in stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
    moment = moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
    return moment.replace(second=0, microsecond=0)  # pages print minutes


def _printed_stamp(text: str) -> datetime | None:
    """ "Nov. 19, 2019 5:50 PM", "11:21 pm CST, Tuesday, November 19, 2019" as a naive local time."""
    clock = _CLOCK.search(text)
    if not clock:
        return None
    day = meta.parse_date_line(_ZONE_OR_AT.sub(" ", text[:clock.start()] + " " + text[clock.end():]))
    if not day:
        return None
    hour = int(clock["hour"]) % 12 + (12 if (clock["half"] or "").lower() == "p" else 0) if clock["half"] \
        else int(clock["hour"])
    return datetime.fromisoformat(day).replace(hour=hour % 24, minute=int(clock["minute"]))


def _published(page: str, tree) -> str | None:
    """The date the page declares in its metadata (htmldate without guessing), else the first
    element whose whole text is a date line (a reader view shows "March 6, 2024" under the title)."""
    declared = htmldate.find_date(page, extensive_search=False, original_date=True)
    if declared:
        return _local_day(declared, page, tree)
    if tree is None:
        return None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        text = clean.normalize_line(element.text_content())
        if text and len(text) <= MAX_DATE_ELEMENT:
            date = meta.parse_date_line(text)
            if date:
                return date
    return None
