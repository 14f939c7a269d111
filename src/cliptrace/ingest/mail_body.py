"""What of a plain-text e-mail body is the article: the forwarded message, without the signature.

People send themselves articles by forwarding a newsletter or a colleague's mail. The body then
opens with the forwarder's note ("FYI – the piece I mentioned") and the mail program's marker and
header block (From:, Date:, Subject:, To:), which describe the forwarded message, not the e-mail
around it. The markers are those Gmail, Outlook, Apple Mail and Thunderbird write (English, German,
French, Spanish); the forwarded header block is read like the message's own headers. A signature
follows the separator line "-- " (RFC 3676, section 4.3): a newsletter's unsubscribe links.
"""

from __future__ import annotations

import email.utils
import re

from cliptrace.ingest import meta

_MARKER = re.compile(
    r"^[ \t>]*(?:-{2,}[ \t]*(?:Forwarded message|Original Message|Weitergeleitete Nachricht|"
    r"Message transféré|Mensaje reenviado)[ \t]*-{2,}|Begin forwarded message:)[ \t]*$", re.I | re.M)
_FIELD = re.compile(r"^[ \t>]*(From|Von|De|Date|Datum|Fecha|Sent|Gesendet|Envoyé|Enviado|Subject|Betreff|Objet"
                    r"|Asunto|To|An|À|Para|Cc)[ \t]*:[ \t]*(.*)$", re.I)
_ROLE = {"von": "from", "de": "from", "datum": "date", "fecha": "date", "gesendet": "sent", "envoyé": "sent",
         "enviado": "sent", "betreff": "subject", "objet": "subject", "asunto": "subject"}
_SIGNATURE = re.compile(r"^-- $", re.M)  # with its space (RFC 3676); a bare "--" may rule stories apart
MAX_SIGNATURE_CHARS = 600  # a longer tail after "-- " is more text, not a signature


def article_part(text: str) -> tuple[str, dict[str, str]]:
    """(the body's article text, the headers of a forwarded message in it; see `forwarded_message`)."""
    forwarded = forwarded_message(text)
    text, headers = forwarded if forwarded else (text, {})
    return without_signature(text), headers


def without_signature(text: str) -> str:
    """`text` without the signature after its last "-- " line, when that tail is short."""
    separators = list(_SIGNATURE.finditer(text))
    if not separators:
        return text
    tail = text[separators[-1].end():].strip()
    return text[:separators[-1].start()].rstrip() if len(tail) <= MAX_SIGNATURE_CHARS else text


def forwarded_message(text: str) -> tuple[str, dict[str, str]] | None:
    """(the forwarded message's text, its headers: "title", "date", "outlet" where it names one)
    for an e-mail body that forwards one (the innermost, when forwards nest); None otherwise. The
    forwarder's note and the header block are left out (the raw e-mail is kept in the archive)."""
    markers = list(_MARKER.finditer(text))
    if not markers:
        return None
    lines = text[markers[-1].end():].lstrip("\r\n").splitlines()
    fields: dict[str, str] = {}
    k = 0
    while k < len(lines) and (field := _FIELD.match(lines[k])):
        role = _ROLE.get(field[1].lower(), field[1].lower())
        fields[role] = field[2].strip()
        k += 1
        while k < len(lines) and lines[k][:1] in (" ", "\t") and lines[k].strip():  # a folded header line
            fields[role] += " " + lines[k].strip()
            k += 1
    message = "\n".join(lines[k:]).strip("\n")
    if not message.strip():
        return None  # nothing after the header block: the mail itself is what there is
    headers = {}
    if fields.get("subject"):
        headers["title"] = fields["subject"]
    if fields.get("date") or fields.get("sent"):  # Gmail's "Fri, Mar 7, 2025 at 6:00 PM"
        headers["date"] = re.sub(r"\s+at\s+(?=\d)", " ", fields.get("date") or fields["sent"])
    sender = email.utils.parseaddr(fields.get("from", ""))[0]
    if sender and meta.is_outlet_name(sender):  # a newsletter, not a colleague
        headers["outlet"] = sender
    return message, headers
