"""Debris removal: the lines a page pastes around and inside an article that are not the article.

Line-level predicates (`is_debris`, `is_link_list_header`, `is_photo_credit`, `is_title_like`, ...)
that the splitter asks about each line, plus `prepare_lines`, the pass over a whole pasted text
before it is cut (normalise, unwrap hard-wrapped paragraphs, drop a headline pasted twice).
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

# Standalone lines that head a block of links to other articles (compared lower-cased, without a
# trailing colon), and other standalone page chrome.
_LINK_LIST_HEADERS = {
    "related videos", "related stories", "related articles", "related news", "related posts",
    "related content", "related", "more stories", "you may also like", "recommended",
    "مقالات ذات صلة", "أخبار ذات صلة",
}
_CHROME_LINES = _LINK_LIST_HEADERS | {
    "read more", "read also", "exit mobile version", "%d bloggers like this", "share this",
    "like this", "loading...", "advertisement", "comments", "اقرأ أيضا", "اقرأ أيضاً",
}
# A line that is one link to another article: "Read more: …", "Read: …", "Stay Updated: …",
# Arabic "من ملف :" ("from the dossier: …").
_LINK_LINE = re.compile(
    r"^[^\w\[]*(?:read(?:\s+more|\s+also)?|also\s+read|see\s+also|stay\s+updated|اقرأ\s+أيضاً?|من\s+ملف)\s*:", re.I
)
# Furniture that trafilatura leaves in on sites it was not tuned for, by kind (whole lines):
# a label and a link ("Related: …", "SEE MORE: …", "Sign Up: …", "Filed under: …", "Listen: …"),
_LABELLED_LINK = re.compile(
    r"^(?:related(?:\s+\w+)?|see\s+more|more|sign\s+up|filed\s+under|listen|download|watch(?:\s+\w+)?)\s*:\s*\S",
    re.I,
)
# a heading over a box of links ("Popular on IndieWire", "Most read in world news", "DON'T MISS"),
_BOX_HEADING = re.compile(
    r"^(?:(?:most\s+)?(?:popular|read|viewed|shared|watched)|more\s+(?:from|on|in)|trending|top\s+stories"
    r"|don[’']?t\s+miss|editor[’']?s\s+picks?|more)(?:\s+(?:on|in|from|at)\s+.{1,40})?\s*:?$",
    re.I,
)
# a link to another story of the site ("Also on rt.com Journalists threatened …"),
_ALSO_ON = re.compile(r"^also\s+on\s+\S+\s", re.I)
# a call to action about the site itself, not the story ("Follow Newsbeat on Instagram",
# "Like this story? Share it with a friend!", "Click here to subscribe to our newsletter"),
_CALL_TO_ACTION = re.compile(
    r"^(?:follow|sign\s+up|subscribe|click|tap|get|like\s+this|share|join|download|listen)\b.*"
    r"\b(?:newsletters?|inbox|facebook|twitter|instagram|youtube|app|here|friends?|coverage|podcast)\b",
    re.I,
)
MAX_CALL_TO_ACTION_WORDS = 30
# a copyright line ("© Reuters", "Copyright ⓒ Entermedia.co.kr") or a bare time stamp ("Updated at 1:23 p.m.").
_COPYRIGHT = re.compile(r"^(?:©|ⓒ|\(c\)|copyright\b)", re.I)
_TIME_STAMP = re.compile(r"^(?:last\s+)?(?:updated|published|posted)\b(?=.*\d)", re.I)
MAX_STAMP_WORDS = 12
# a teaser for another story: tagged "[INSIGHT]", or headlines run together with pipes
# ("Hillicon Valley: A | B | C"); a table row starts with its pipe and stays.
_TEASER_TAG = re.compile(r"\[[A-Z][A-Z ]{2,15}\]\s*\|?$")
_PIPED_HEADLINES = re.compile(r"^[^|].*?\S\s*\|(?:\s+\S|$)")
# A page's number printed in a PDF's footer or header: "Page 2", "Page 2 of 5", "Seite 3", "- 4 -".
_PAGE_NUMBER = re.compile(r"^(?:(?:page|seite|página|pagina|صفحة)\s*\d+(?:\s*(?:of|von|de|di|/|من)\s*\d+)?|-\s*\d+\s*-)$", re.I)
_PLACEHOLDER = re.compile(r"^\[(?:image|video|embed)\s*:.*\]$", re.I)  # "[image: 62225bb8.jpg]"
_SUBSCRIBE = re.compile(r"^\[?\s*(?:subscribe\s+to|follow\s+us\s+on|join\s+our|اشترك\s+في)\b", re.I)
# "The views expressed in this article do not necessarily reflect those of The Cradle."
_DISCLAIMER = re.compile(r"^the views expressed .* do(?:es)? not necessarily", re.I)
# A tag list pasted without separators: "al-Aqsa Mosqueflag marchGazaHamasIsmail Haniyeh".
_GLUED_WORDS = re.compile(r"[a-z][A-Z]")

_WIRES = (r"Reuters|AP|AFP|EPA|UPI|Getty(?: Images)?|Anadolu(?: Agency)?|Xinhua|SANA|WAFA|IRNA|"
          r"Tasnim|Fars|Mehr|APA|TASS|Sputnik|Shutterstock|File(?: photo)?")
# Photo captions end with the photo agency, "(Reuters)", "(*AFP*)", "(Photo Credit: SANA/AP)".
_CREDIT_AT_END = re.compile(
    rf"\(\s*\*?(?:(?:{_WIRES})(?:\s*/\s*(?:{_WIRES}))*|(?:photo|image|picture)(?:\s*credit)?\s*:[^()]*)\*?\s*\)\.?$",
    re.I,
)
_CREDIT_VIA = re.compile(rf"\bvia\s+(?:{_WIRES})\.?$", re.I)  # "Neilson Barnard via Getty Images."
_CREDIT_LINE = re.compile(r"^(?:photo(?:\s*credit)?|image(?:\s*credit)?|credit|picture)\s*:", re.I)

_DASH_ATTRIBUTION = re.compile(r"^[\"“‘«].*[\"”’»]\s*[–—-]+\s*[^\W\d_]")
_HYPHEN_AT_END = re.compile(r"([^\W\d_]+)-$")
_WORD_AT_START = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+")
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "der", "la", "of", "the", "and"}
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*\S)?)\*(?![\w*])")
_BULLET = re.compile(r"^[•\-*–·]\s+")
_OPENERS = "\"'“‘«"
_CLOSERS = "\"'”’»)]"
TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 4  # shorter lines at an article's top are mastheads or bylines


def normalize_line(line: str) -> str:
    """One line without indentation, no-break or zero-width spaces, or the `*emphasis*` marks a
    mail client writes for bold and italic when it turns HTML into text."""
    line = line.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
    return _EMPHASIS.sub(r"\1", " ".join(line.split()))


def prepare_lines(text: str) -> list[str]:
    """The text as normalised lines ("" for blank lines), ready to be cut into articles."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [normalize_line(line) for line in _unwrap(raw)]
    return _drop_repeated_headlines(lines)


def _unwrap(lines: list[str]) -> list[str]:
    """Rejoin paragraphs of a text hard-wrapped at a fixed width (e-mail, "save as text", PDF).

    A text is hard-wrapped when no line is longer than a mail-like width; a line that reaches
    close to that width, or ends in a word hyphenated by the wrapper, was broken by the wrapper,
    not by the author, so the next line joins it.
    """
    nonblank = [line.rstrip() for line in lines if line.strip()]
    width = max((len(line) for line in nonblank), default=0)
    if len(nonblank) < 8 or width > 100:
        return lines
    vocabulary = {word.casefold() for line in nonblank for word in _WORD.findall(line)}
    joined: list[str] = []
    broken_by_wrapper = False
    for line in lines:
        if broken_by_wrapper and line.strip():
            joined[-1] = join_wrapped(joined[-1].rstrip(), line.strip(), vocabulary)
        else:
            joined.append(line)
        broken_by_wrapper = len(line.rstrip()) >= 0.8 * width or bool(_HYPHEN_AT_END.search(line.rstrip()))
    return joined


def join_wrapped(upper: str, lower: str, vocabulary: set[str] | frozenset[str] = frozenset()) -> str:
    """Two lines of one wrapped paragraph as one. A word the wrapper hyphenated is rejoined
    ("min-" + "istry" -> "ministry"); a compound broken at its own hyphen keeps it ("well-" +
    "known" -> "well-known"), as does a break before a capital ("Abu-" + "Taha").

    Which of the two a break is cannot be read from the letters, so word frequencies decide
    (wordfreq, English): the joined word must be more common than the hyphenated compound, or be
    used unbroken elsewhere in the text (`vocabulary`, case-folded words).
    """
    head, tail = _HYPHEN_AT_END.search(upper), _WORD_AT_START.match(lower)
    if not (head and tail):
        return f"{upper} {lower}"
    joined = head[1] + tail[0]
    if tail[0][0].islower() and (joined.casefold() in vocabulary or
                                 zipf_frequency(joined, "en") > zipf_frequency(f"{head[1]}-{tail[0]}", "en")):
        return upper[:head.start()] + joined + lower[tail.end():]
    return upper + lower


def _drop_repeated_headlines(lines: list[str]) -> list[str]:
    """Drop a line that is the next non-blank line plus more: a headline pasted twice, once with
    the original-language headline glued on ("“Al-Quds Sword” Opens … road «سيف القدس» …")."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        following = next((nxt for nxt in lines[i + 1:i + 4] if nxt), "")
        if line and len(following) >= 15 and line != following and line.startswith(following):
            continue
        kept.append(line)
    return kept


def is_debris(line: str) -> bool:
    """Page chrome, link lines, placeholders, page numbers, subscription calls, disclaimers, glued
    tag lists."""
    key = line.strip().rstrip(":").strip().lower()
    return (
        key in _CHROME_LINES
        or is_link_list_header(line)
        or is_furniture(line)
        or bool(_LINK_LINE.match(line))
        or bool(_PLACEHOLDER.match(line))
        or bool(_PAGE_NUMBER.match(line.strip()))
        or bool(_SUBSCRIBE.match(line))
        or bool(_DISCLAIMER.match(line))
        or is_tag_list(line)
    )


def is_link_list_header(line: str) -> bool:
    """A heading over a list of links to other stories: "Related Stories", "Popular on X"."""
    text = line.strip()
    return text.rstrip(":").strip().lower() in _LINK_LIST_HEADERS or bool(_BOX_HEADING.match(text))


def is_furniture(line: str) -> bool:
    """A site's own furniture inside the body: a labelled link, a link to another story, a call to
    follow or subscribe, a teaser of other headlines, a copyright line or a time stamp."""
    text = line.strip()
    if _CALL_TO_ACTION.match(text) and len(text.split()) <= MAX_CALL_TO_ACTION_WORDS:
        return True
    if _PIPED_HEADLINES.match(text) and not text.endswith((".", "?", "!", "\"", "”")):
        return True
    if (_COPYRIGHT.match(text) or _TIME_STAMP.match(text)) and len(text.split()) <= MAX_STAMP_WORDS:
        return True
    return bool(_LABELLED_LINK.match(text) or _ALSO_ON.match(text) or _TEASER_TAG.search(text))


def is_tag_list(line: str) -> bool:
    """Tags pasted as one line run words together ("MosqueflagmarchGaza"): two or more
    lower-to-upper joins and no sentence punctuation."""
    return len(_GLUED_WORDS.findall(line)) >= 2 and not re.search(r"[.,;:!?\"“”]", line)


def is_photo_credit(line: str) -> bool:
    """A photo caption or credit: ends with a photo agency or "Photo: …", or is a "Photo Credit:" line."""
    short = len(line) <= 80  # "…via Reuters" ends sentences too; a credit line is short
    return bool(_CREDIT_AT_END.search(line) or (short and _CREDIT_VIA.search(line)) or _CREDIT_LINE.match(line))


def is_title_like(line: str) -> bool:
    """Could this line be a headline (or a sub-header)? Short, starts like a heading, and does
    not end like a sentence (headlines may end with "?" or "!", never with a full stop)."""
    text = line.strip()
    words = text.split()
    if len(words) > 30 or len(text) > TITLE_MAX_CHARS:
        return False
    if len(words) < TITLE_MIN_WORDS and (len(words) < 2 or is_name_like(text)):
        return False  # "Al Mayadeen English" is a masthead; "Crossing reopens" is a short headline
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS or _is_arabic_letter(first)):
        return False
    if text.rstrip(_CLOSERS).endswith((".", ",", ";", ":")) and not text.endswith("..."):
        return False
    return not (is_debris(text) or is_photo_credit(text) or is_attribution_line(text))


def is_attribution_line(line: str) -> bool:
    """A quotation followed by a dash and its speaker: `“…” – Name, Title`. Speech, not a heading
    or a caption, however short."""
    return bool(_DASH_ATTRIBUTION.match(line.strip()))


def is_short_name_line(line: str) -> bool:
    """One to three capitalised words, no sentence punctuation: a masthead ("Al Mayadeen English")
    or a name. A sentence-case line ("Gaza toll rises") is a short headline instead."""
    words = line.split()
    return (1 <= len(words) < TITLE_MIN_WORDS and not re.search(r"[.!?:;]", line) and not _BULLET.match(line)
            and is_name_like(line))


def is_name_like(line: str) -> bool:
    """Every word capitalised (or a name particle, or in a script without case): how names and
    mastheads are written, unlike a sentence-case headline."""
    return all(not word[0].islower() or word.split("-")[0] in _NAME_PARTICLES for word in line.split())


def _is_arabic_letter(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


# "News ID: 126194", "Article No. 5512": a page's bookkeeping field, a label and one coded value.
_HEADER_FIELD = re.compile(r"^[A-Z][\w .]{0,24}?\s?:\s*[\w#./-]*\d[\w#./-]*$")


def is_header_field(line: str) -> bool:
    return bool(_HEADER_FIELD.match(line.strip()))
