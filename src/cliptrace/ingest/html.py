"""An HTML page -> one article draft: trafilatura for the body, the page's own markup for metadata.

trafilatura finds the main text well, but on saved reader views (Firefox "Reader View", forwarded
by e-mail as a bare fragment) it finds no title, no site name and guesses a wrong date, so the
headline (<h1>), the credits line and the visible date line are read from the markup here.
"""

from __future__ import annotations

import re

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from cliptrace.ingest import clean, meta
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
_URLS = ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content",
         "//a[contains(@class,'reader-domain') or contains(@class,'domain')]/@href")


def html_to_drafts(html: str) -> list[ArticleDraft]:
    page = wrap_fragment(html)
    body = trafilatura.extract(_without_popups(page), include_comments=False, include_tables=True, include_images=False,
                               include_links=False, deduplicate=False)
    if not body:
        return []
    tree = _parse(page)
    site = trafilatura.extract_metadata(page)
    sitename = meta.plausible_outlet(site.sitename) if site else None
    title = _headline(tree, sitename) or (site.title if site else None) or _first_text(tree, _ARTICLE_HEADING)
    header, paragraphs = _read_header(clean_paragraphs(body.split("\n")), title)
    if not paragraphs:
        return []
    text = "\n\n".join(paragraphs)
    names = _credits(tree)
    outlet = meta.plausible_outlet(names.outlet) or header.outlet or sitename
    draft = ArticleDraft(
        text=text,
        title=title,
        published=_published(page, tree),
        outlet=outlet,
        authors=meta.without_outlet(names.authors or header.authors or _declared_authors(site), outlet),
        language=meta.detect_language(text),
        url=_first_value(tree, _URLS) or (site.url if site else None),
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


def clean_paragraphs(lines: list[str]) -> list[str]:
    """trafilatura's lines without the debris it keeps ("Read more: …" links, photo credits), and
    without the link titles under a "Related Stories" / "Popular on …" heading."""
    kept: list[str] = []
    in_link_list = False
    for line in (clean.normalize_line(line) for line in lines):
        if not line or (in_link_list and clean.is_title_like(line)):
            continue
        in_link_list = clean.is_link_list_header(line)
        if not (clean.is_debris(line) or clean.is_photo_credit(line)):
            kept.append(line)
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


def _headline(tree, sitename: str | None) -> str | None:
    """The first <h1> that is not the site's logo (a logo/brand box, or the site's own name)."""
    if tree is None:
        return None
    for element in tree.xpath("//h1"):
        text = clean.normalize_line(element.text_content())
        if text and not _is_logo(element, text, sitename):
            return text
    return None


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


def _credits(tree) -> meta.Byline:
    credits = _first_text(tree, _CREDITS, spaced=True)
    if not credits:
        return meta.Byline()
    return meta.parse_byline(credits) or meta.classify_names(credits)


def _declared_authors(site) -> list[str]:
    """The people the page's metadata (JSON-LD, author tags) credits, when no byline is marked up;
    trafilatura joins several with "; "."""
    declared = (site.author or "") if site else ""
    return [name for part in declared.split(";") for name in meta.classify_names(part).authors]


def _published(page: str, tree) -> str | None:
    """The date the page declares in its metadata (htmldate without guessing), else the first
    element whose whole text is a date line (a reader view shows "March 6, 2024" under the title)."""
    declared = htmldate.find_date(page, extensive_search=False, original_date=True)
    if declared:
        return declared
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
