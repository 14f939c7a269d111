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
_URLS = ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content",
         "//a[contains(@class,'reader-domain') or contains(@class,'domain')]/@href")


def html_to_drafts(html: str) -> list[ArticleDraft]:
    page = wrap_fragment(html)
    body = trafilatura.extract(page, include_comments=False, include_tables=True, include_images=False,
                               include_links=False, deduplicate=False)
    if not body:
        return []
    tree = _parse(page)
    site = trafilatura.extract_metadata(page)
    title = _first_text(tree, "//h1") or (site.title if site else None)
    paragraphs = _without_header(clean_paragraphs(body.split("\n")), title)
    if not paragraphs:
        return []
    text = "\n\n".join(paragraphs)
    names = _credits(tree)
    draft = ArticleDraft(
        text=text,
        title=title,
        published=_published(page, tree),
        outlet=names.outlet or (meta.masthead(site.sitename) if site and site.sitename else None),
        authors=names.authors,
        language=meta.detect_language(text),
        url=_first_value(tree, _URLS) or (site.url if site else None),
    )
    return [draft]


def wrap_fragment(html: str) -> str:
    """trafilatura returns None for a bare fragment (`<div>…</div>` without <html><body>)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    return html if _HAS_DOCUMENT.search(html) else f"<html><body>{html}</body></html>"


def clean_paragraphs(lines: list[str]) -> list[str]:
    """trafilatura's lines without the debris it keeps ("Read more: …" links, photo credits)."""
    kept = (clean.normalize_line(line) for line in lines)
    return [line for line in kept if line and not clean.is_debris(line) and not clean.is_photo_credit(line)]


def _without_header(paragraphs: list[str], title: str | None) -> list[str]:
    """trafilatura sometimes keeps the headline, byline or date line on top of the body."""
    while paragraphs and (paragraphs[0] == title or meta.parse_byline(paragraphs[0])
                          or meta.parse_date_line(paragraphs[0])):
        paragraphs = paragraphs[1:]
    return paragraphs


def _parse(page: str):
    try:
        return lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def _first_text(tree, xpath: str) -> str | None:
    if tree is None:
        return None
    for element in tree.xpath(xpath):
        text = clean.normalize_line(element.text_content())
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


def _credits(tree) -> meta.Byline:
    credits = _first_text(tree, _CREDITS)
    if not credits:
        return meta.Byline()
    return meta.parse_byline(credits) or meta.classify_names(credits)


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
