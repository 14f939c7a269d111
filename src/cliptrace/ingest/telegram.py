"""Telegram Desktop chat and channel exports -> one item per message with text.

Layouts followed: Telegram Desktop's "Export chat history" (versions 2.x to 5.x), machine-readable
JSON (`result.json`) and HTML (`messages.html`, `messages2.html` …).

- JSON: {"name", "type", "id", "messages": [...]} for one chat, or {"chats": {"list": [chat…]}}
  for a whole account. A message has "id", "type" ("message" or "service"), "date" (local time,
  ISO 8601), optional "edited", "from", "author" (a channel post's signature) and "text": a string
  or a list of strings and entity objects ({"type": "bold", "text": …}).
- HTML: <div class="message default clearfix" id="message502"> holding <div class="pull_right date
  details" title="14.10.2023 11:21:40 UTC+03:00">, <div class="from_name">, <div class="text"> and
  a channel post's <div class="signature details">; a message "joined" to the one above (class
  "joined") has no from_name of its own: it is by the same sender. A forwarded message nests the
  original's from_name and text in <div class="forwarded body">. Service messages have class
  "message service"; the chat's name is the page header's text.

Each message with text becomes an item dated by the message, from the channel (the outlet),
located by its message id; service and media-only messages are skipped. A chat with a public
username ("username" in exports made by tools that record it) gets the message's t.me link.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from cliptrace.ingest import meta
from cliptrace.model import ArticleDraft, Document

_HTML_MARKERS = re.compile(r'class="page_header".*class="history"', re.S)
_HTML_DATE = re.compile(r"^(\d\d)\.(\d\d)\.(\d{4}) (\d\d:\d\d:\d\d)")  # "14.10.2023 11:21:40 UTC+03:00"


def is_export(document: Any) -> bool:
    """A parsed result.json: one chat with its messages, or an account's list of chats."""
    return isinstance(document, dict) and (
        isinstance(document.get("messages"), list) or isinstance(document.get("chats"), dict))


def read_json(document: dict) -> list[Document]:
    chats = document["chats"].get("list", []) if "chats" in document else [document]
    return [item for chat in chats for item in _chat_items(chat)]


def _chat_items(chat: dict) -> list[Document]:
    items = []
    for message in chat.get("messages", []):
        text = _message_text(message.get("text", "")).strip()
        if message.get("type") != "message" or not text:
            continue  # service messages (pins, joins) and media without a caption
        # A channel post's author is its signature; in a group, the member who wrote it.
        sender = message.get("from") if message.get("from") != chat.get("name") else None
        items.append(_item(chat.get("name"), chat.get("username"), message.get("id"), text,
                           message.get("date"), message.get("edited"), message.get("author") or sender))
    return items


def _message_text(text: str | list) -> str:
    """The text of a message: a string, or a list of strings and entity objects, joined."""
    if isinstance(text, str):
        return text
    return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in text)


def _item(channel: str | None, username: str | None, message_id: Any, text: str, date: str | None,
          edited: str | None, signature: str | None) -> Document:
    draft = ArticleDraft(
        text=text, outlet=channel, published=(date or "")[:10] or None, edited=edited,
        authors=[signature] if signature else [], language=meta.detect_language(text),
        url=f"https://t.me/{username}/{message_id}" if username else None,
    )
    return Document.of_article(draft, f"message {message_id}")


# --- the HTML export ---------------------------------------------------------------------------

def is_html_export(html: str) -> bool:
    return bool(_HTML_MARKERS.search(html[:200_000]))


def read_html(html: str) -> list[Document]:
    tree = lxml.html.fromstring(html)
    channel = " ".join(tree.xpath("string(//div[@class='page_header']//div[contains(@class,'text')])").split())
    items = []
    sender = None  # the member who wrote the last message with a from_name
    for message in tree.xpath("//div[contains(concat(' ', @class, ' '), ' message ')]"):
        classes = message.get("class", "").split()
        if "service" in classes:
            continue
        own_name = message.xpath("string(./div[@class='body']/div[@class='from_name'])")
        if own_name.strip() or "joined" not in classes:
            sender = " ".join(own_name.split()) or None
        body = message.xpath(".//div[@class='text']")
        text = _html_text(body[0]) if body else ""
        if not text:
            continue
        date = _html_date(message.xpath("string(.//div[contains(@class,'date')]/@title)"))
        message_id = message.get("id", "").removeprefix("message")
        # As in the JSON export: a channel post's author is its signature; in a group, its sender.
        signature = " ".join(message.xpath("string(./div[@class='body']/div[contains(@class,'signature')])").split())
        author = signature or (sender if sender != channel else None)
        items.append(_item(channel or None, None, message_id, text, date, None, author))
    return items


def _html_text(element: lxml.html.HtmlElement) -> str:
    for br in element.iter("br"):  # a line break in the message is a new line, not nothing
        br.tail = "\n" + (br.tail or "")
    return "\n".join(line.strip() for line in element.text_content().split("\n")).strip()


def _html_date(title: str) -> str | None:
    match = _HTML_DATE.match(title.strip())
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}T{match.group(4)}" if match else None

