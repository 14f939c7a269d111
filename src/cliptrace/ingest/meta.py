"""Article metadata read from single lines: dates, bylines, source credits, outlets, language.

Each function looks at one line (or one name) and answers or returns None, so the splitter can ask
"is this a date line?", "is this a byline?" without knowing anything about the layout around it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

import dateparser

from cliptrace.arabic.dates import to_english_date_words
from cliptrace.given_names import is_given_name

# --- dates -------------------------------------------------------------------------------------

_DATE_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",  # numeric dates in this material are day-first (03/04/2023 = 3 April)
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
# dateparser's "ar" knows the Egyptian month names (يونيو); the Levantine/Iraqi ones (حزيران) live in
# ar-LB and the Maghreb ones (جوان) in ar-DZ, and a locale list may not mix regions of one language.
_DATE_LOCALES = ({"languages": ["en", "ar"]}, {"locales": ["ar-LB"]}, {"locales": ["ar-DZ"]})

# "Published on", and the same label on German, French, Spanish, Portuguese and Italian pages.
_DATE_LABEL = re.compile(
    r"^(?:publish(?:ed)?(?:\s*date)?|date|updated|posted|last\s+updated"
    r"|publiziert|veröffentlicht|publié|publicado|pubblicato|التاريخ|تاريخ النشر)(?:\s+(?:on|am|le|el|em|il))?\s*:?\s*", re.I
)
_TRAILING_TIME = re.compile(
    r"\s*[-–|,@]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|GMT[+-]\d+)?\s*$", re.I
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_WORD = re.compile(r"[^\W\d_]{2,}")  # single letters are initials and list marks more than words
MAX_DATE_LINE = 40  # "Wednesday, September 13, 2023" is 29; a sentence mentioning a date is longer


def parse_date_line(line: str, languages: tuple[str, ...] = ()) -> str | None:
    """The date (YYYY-MM-DD) of a line that is only a date, else None; `languages` (dateparser's
    codes, "de") are tried after English and Arabic.

    dateparser finds a date in almost anything ("On 21 June 2022 the army..."), so a line must first
    look like a dateline: short, with a year, and at most two words (weekday, month) besides numbers.
    """
    line = to_english_date_words(line)  # Arabic months, weekdays and digits as dateparser reads them
    text = _TRAILING_TIME.sub("", _DATE_LABEL.sub("", line.strip())).strip(" .,")
    if not text or len(text) > MAX_DATE_LINE or not _YEAR.search(text):
        return None
    if len(_WORD.findall(text)) > 2:
        return None
    return _parse_date(text, languages)


@lru_cache(maxsize=4096)  # a pile repeats its datelines; dateparser takes about a millisecond a line
def _parse_date(text: str, languages: tuple[str, ...] = ()) -> str | None:
    for where in _DATE_LOCALES + (({"languages": list(languages)},) if languages else ()):
        found = dateparser.parse(text, settings=_DATE_SETTINGS, **where)
        if found:
            return found.date().isoformat()
    return None


# A masthead and its day on one line: "Riverside Times, 3 April 2024", "Island Times | 2 December 2024".
_MASTHEAD_DATE_SEPARATOR = re.compile(r"\s*[,،|·•–—]\s*|\s+-\s+")
MAX_MASTHEAD_DATE_LINE = 90


_SECTION_WORDS = {"world", "local", "national", "international", "business", "sports", "sport", "breaking",
                  "latest", "top", "release", "opinion", "politics", "home", "headlines"}


def parse_masthead_date_line(line: str) -> tuple[str, str] | None:
    """(outlet, YYYY-MM-DD) of a line that is only a publication's name and a date, as clipping
    services and people filing clippings write under a headline ("Riverside Times, 3 April 2024",
    "The Kettleby Courier | June 12, 2024"); None otherwise. The name must carry a medium's word
    (`_OUTLET_WORDS`, `_MASTHEAD_WORDS`, an Arabic medium's noun) or be an article and two more
    words; a person's name, a byline, a section ("World News") or a place ("The Hague") is none.
    Every line of a pasted text is asked (`split.line_kind`), so the date is parsed last."""
    found = _name_beside_date(line)
    if found is None or not names_masthead(found[0]):
        return None
    date = parse_date_line(found[1])
    return (masthead(found[0]), date) if date else None


def _name_beside_date(line: str) -> tuple[str, str] | None:
    """(what stands before the first separator, what follows it) of a short line: the name and the
    date of "Riverside Times, 3 April 2024"; None for a line too long to be one."""
    line = line.strip()
    separator = _MASTHEAD_DATE_SEPARATOR.search(line) if len(line) <= MAX_MASTHEAD_DATE_LINE else None
    # the first separator: "Home | News | 2 May 2024" is a menu
    return (line[:separator.start()].strip(), line[separator.end():]) if separator else None


def names_masthead(name: str) -> bool:
    """Could `name`, standing beside a date or on its own line under a headline, be the
    publication's ("Southern Farmer Weekly")? See parse_masthead_date_line."""
    words = name.split()
    if not name or len(words) > 6 or any(w[0].islower() for w in words) \
            or _BYLINE.match(name) or _is_generic(name) or _is_job_title(name):
        return False  # "By Staff Reporter, 3 April 2024" is a byline
    # A medium's word, or an article and two more words: "The Hague", "El Paso" are places.
    folded = [w.lower().strip(".") for w in words]
    named = any(w in _OUTLET_WORDS | _MASTHEAD_WORDS for w in folded) \
        or words[0] in _ARABIC_MEDIA_HEADS or (is_outlet_name(name) and len(words) >= 3)
    section = all(w in _OUTLET_WORDS | _SECTION_WORDS for w in folded)  # "World News", "Press Release"
    return named and not section


@dataclass(frozen=True)
class DateCredits:
    """What a credits line under a headline says: the day, and the outlet and authors it names."""
    published: str
    outlet: str | None = None
    authors: tuple[str, ...] = ()


# Words that make a name a place, not a publication: "Gaza City, 3 May 2024" is a dateline.
_PLACE_WORDS = {"city", "county", "province", "governorate", "district", "strip", "bank", "state", "region",
                "island", "islands", "valley", "heights", "camp"}
MAX_NAMED_DATE_WORDS = 4
MAX_INITIALS = 4  # an outlet's capitals ("BBC", "WAFA"); a longer word in capitals is a dateline's place


def _named_date_line(line: str) -> DateCredits | None:
    """A line that is only a name and a date whose name carries no medium's word ("Gulf Wire, 3 May
    2024", "Riviera Matin – 11 June 2024", "الأخبار اللبنانية، ٢ أيار ٢٠٢٤"), as people filing
    clippings write under a headline: the date, and the name as the outlet; as an author when its
    first word is a given name ("Ines Vale, 4 March 2025"), as nothing when it is a country, a
    place ("Lebanon, …", "Gaza City, …") or a wire dateline in capitals ("LONDON, …"); a city
    named alone ("Beirut, …") cannot be told from a one-word outlet ("Axios, …") and is taken
    as one. A name with a medium's word is the outlet (`names_masthead`); other names led by an
    article are not ("The Hague" is a place). Without this the line was dropped as a caption and
    its date lost."""
    found = _name_beside_date(line)
    if found is None:
        return None
    name, rest = found
    newspaper = names_masthead(name)  # "Riverside Times, 3 April 2024"
    words = name.split()
    # The name is read before the date: every line of a pasted text is asked.
    if not newspaper and (not 1 <= len(words) <= MAX_NAMED_DATE_WORDS
                          or not all(w[0].isupper() or _ARABIC.match(w) for w in words)
                          or is_outlet_name(name) and not _ARABIC.match(name) or _BYLINE.match(name)
                          or _is_generic(name) or _is_job_title(name)
                          or all(w.lower() in _OUTLET_WORDS | _SECTION_WORDS for w in words)):
        return None
    date = parse_date_line(rest)
    if date is None:
        return None
    if newspaper:
        return DateCredits(date, masthead(name))
    folded = {w.lower().strip(".") for w in words}
    dateline = name.isupper() and len(name) > MAX_INITIALS  # "LONDON, 3 May 2024"; not "BBC"
    if dateline or name in _territories() or folded & _PLACE_WORDS:
        return DateCredits(date)
    if not _ARABIC.match(name) and len(words) > 1 and is_given_name(words[0]):
        return DateCredits(date, authors=(name,))
    return DateCredits(date, masthead(name))


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    """Country and territory names in English and Arabic (CLDR, through Babel)."""
    from babel import Locale

    return frozenset(name for code in ("en", "ar") for name in Locale(code).territories.values())


# Reader views and apps that save a page as text put its credits on one line, pieces between middle
# dots or bars: "The Harbour Herald · Jane Okafor · 3 April 2024", "harbourherald.com | By Jane Okafor
# | April 3, 2024 | 4 min read". Spaced separators only: "Dallas·Fort" and tables are not credits.
_CREDIT_PIECES = re.compile(r"\s+[·•|]\s+")
_READING_TIME = re.compile(r"^\d+\s*(?:min(?:ute)?s?|hours?)\.?(?:\s+read)?$", re.I)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)
MAX_CREDITS_LINE = 160


def parse_credits_date_line(line: str) -> DateCredits | None:
    """The credits of a line that is a date with the publication and/or its authors ("Riverside
    Times, 3 April 2024"; "The Harbour Herald · Jane Okafor · 3 April 2024"), else None.

    Three or more pieces between spaced "·", "•" or "|": exactly one is a date, every other one an
    outlet (a masthead as `parse_masthead_date_line` reads one, or a domain), authors ("By" and
    names; beside an outlet or a reading time, also names of two capitalised words or more), or a reading time ("4 min read"); any other piece (a menu's "Home", a
    section) makes the line no credits line. Two pieces: `_named_date_line`.
    """
    line = line.strip()
    pieces = _CREDIT_PIECES.split(line) if len(line) <= MAX_CREDITS_LINE else []
    if len(pieces) < 3:
        return _named_date_line(line)
    read_time = any(_READING_TIME.match(piece) for piece in pieces)
    pieces = [piece for piece in pieces if not _READING_TIME.match(piece)]
    outlets = [masthead(p) for p in pieces if _DOMAIN.match(p) or names_masthead(p)]
    # Unmarked names count only beside an outlet or a reading time: alone, "Gaza City | Middle East"
    # are a place and a section as likely as people.
    unmarked = bool(outlets) or read_time
    names = [p for p in pieces if p not in outlets and not _DOMAIN.match(p)]
    people = [parse_byline(p) or (classify_names(p) if unmarked and len(p.split()) >= 2 else None) for p in names]
    others = [p for p, person in zip(names, people) if person is None or not person.authors]
    if len(others) != 1 or len(outlets) > 1 or len(names) + len(outlets) < 2:
        return None  # the one piece that is neither outlet nor person must be the date
    published = parse_date_line(others[0])
    authors = tuple(a for person in people if person for a in person.authors)
    return DateCredits(published, outlets[0] if outlets else None, authors) if published else None


# --- bylines, sources, outlets -------------------------------------------------------------------

# "By Staff", "ByNews Desk" (pasted); the name starts with a capital, unlike "By the end of …".
# Arabic "بقلم X" (by X), and "كتب X" (X wrote) when the line is only that (else it opens a sentence).
_BYLINE = re.compile(r"^(?:By(?:\s+|(?=[A-Z]))|بقلم\s*:?\s*|كتبت?\s*:?\s*(?=(?:\S+\s*){1,4}$))"
                     r"(?P<who>[A-Z\u0600-\u06FF].*)$")
# "Source: X", "Net Source: X", "SOURCES: X", Arabic "المصدر: X"
_SOURCE = re.compile(r"^(?:(?:\w+\s+)?(?:Sources?|SOURCES?)|المصدر)\s*:\s*(?P<what>\S.*)$")
_TRANSLATED = re.compile(r"^Translated\s+(?:and\s+edited\s+)?by\b", re.I)
_CREDITED_BY = re.compile(r"\((?:[^()]*\s)?by\s+(?P<outlet>[^()]+)\)")  # "(translated ... by X)"
_DISCLAIMER = re.compile(
    r"do(?:es)? not necessarily (?:reflect|represent) (?:those|the (?:views?|opinions?|position)) of"
    r"\s+(?P<outlet>[^.]+)",
    re.I,
)
_POSSESSIVE_ROLE = re.compile(r"^(?P<owner>.+?)['’]s\s+(?:[\w-]+\s+){0,3}?"
                              r"(?:correspondent|reporter|staff|desk|bureau|editor|team)s?$", re.I)
_NAME_SPLIT = re.compile(r"\s*/\s*|\s*,\s*|\s*&\s*|\s+and\s+")
# A credits box runs on after the names with page furniture: "By A and B · Email the author",
# "By A | Updated 3 hours ago". The names come before the first such separator.
_CREDITS_SEPARATOR = re.compile(r"\s*[·•|]\s*")
# A site name runs on with a tagline after a spaced dash too ("Rewind 70/80 - Ricordi degli anni 70/80");
# an unspaced one joins a name ("Dallas-Fort Worth").
_SITE_SEPARATOR = re.compile(r"\s*[·•|]\s*|\s+[-–—]\s+")

# A byline made only of these words names nobody ("By Staff, Agencies", "ByNews Desk").
_GENERIC_BYLINE_WORDS = {
    "staff", "agencies", "agency", "news", "desk", "editor", "editors", "editorial", "team",
    "correspondent", "correspondents", "reporter", "reporters", "wire", "wires", "media", "social",
    "reports", "board", "web", "online", "net", "and", "the", "وكالات", "مواقع", "متابعات",
}
# A "Source:" credit made only of these names no feed ("Source: Agencies", "Sources: News Wires");
# a single "Wire" or "Desk" is a feed's name there, unlike in a byline.
_ANONYMOUS_SOURCES = {"agencies", "agency", "staff", "wires", "media", "news", "reports", "social",
                      "websites", "various", "local", "sources", "online", "and", "the",
                      "وكالات", "مواقع", "متابعات"}  # agencies, websites, follow-ups
# Wire agencies credited in a byline are a source, never a person ("By REUTERS", "Ada Brun and AFP").
_WIRE_AGENCIES = {"reuters", "afp", "ap", "associated press", "agence france-presse", "agence france presse",
                  "upi", "united press international", "dpa", "xinhua", "tass", "efe", "ansa", "kyodo",
                  "bloomberg", "pti", "ians", "ani", "anadolu agency", "bernama"}
# Words that mark a publication rather than a person ("Al-Akhbar Newspaper", "Al Mayadeen English").
_OUTLET_WORDS = {
    "english", "net", "news", "newspaper", "website", "tv", "agency", "media", "network", "times",
    "post", "press", "channel", "online", "daily", "tribune", "journal", "herald", "gazette",
    "radio", "magazine", "chronicle", "monitor", "broadcasting", "broadcaster", "corporation",
}
# Newspaper title words also borne by people or places ("Sam Courier"): a sign of a masthead only on
# a line that is a name and a date (`parse_masthead_date_line`), not in a byline.
_MASTHEAD_WORDS = {"weekly", "courier", "echo", "standard", "observer", "telegraph", "guardian", "mirror",
                   "examiner", "inquirer", "register", "bulletin", "sentinel", "dispatch", "advertiser",
                   "ledger", "digest", "star", "mail", "express", "record", "argus", "wire", "review", "report",
                   "eye", "voice", "today", "matin", "soir", "zeitung", "gazzetta"}
# Trailing words that name an edition or a medium of a masthead, not the masthead itself:
# "Al Mayadeen English", "Al Mayadeen Net" and "Al-Manar English Website" are Al Mayadeen / Al-Manar.
_EDITION_WORDS = {"english", "international", "net", "website", "site", "newspaper", "online"}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "van", "von", "der", "la"}
# Lower-case words that names and mastheads may carry ("Voice of America", "Corriere della Sera").
_CONNECTIVES = _NAME_PARTICLES | {
    "and", "of", "for", "the", "in", "on", "at", "to", "by", "du", "des", "del", "della", "di", "le",
    "los", "las", "y", "und", "den", "e", "ibn", "bint",
}
_JOB_WORDS = {"writer", "reporter", "correspondent", "editor", "columnist", "contributor", "producer",
              "photographer", "journalist", "staff", "staffer", "analyst"}
# A credit's time stamp: "November 19", "Nov. 19, 2019", "Published 11:11 PM EST Nov 19", "5 Min Read",
# "Thursday, March 4, 2021", "2021-03-04T17:15Z", "On 3/4/21"; or its contact details ("ravik@x.example").
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_TIMESTAMP_TAIL = re.compile(
    rf"\s*(?:\b(?:published|updated|posted)\b.*|\b{_MONTH}\s+\d{{1,2}}\b.*|\d{{1,2}}:\d{{2}}.*"
    r"|\d+\s*min(?:ute)?s?\s+read\b.*|\d+\s+(?:minute|hour|day|week|month)s?\s+ago\b.*"
    rf"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:{_MONTH}|\d).*|\b\d{{4}}-\d\d-\d\d.*"
    r"|(?:\bon\s+)?\b\d{1,2}/\d{1,2}/\d{2,4}\b.*|[\w.+-]+@[\w-]+\.\w.*)$",
    re.I,
)
_HANDLE = re.compile(r"\s*@\w+")  # "Keris Lahiff@kerisalison"
# Where the writer filed from, after the name: "Clara Vogt in Zermatt" (The Guardian's bylines).
_FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
# A name printed twice (a link and its text), or before a sentence about its bearer.
_DOUBLED_NAME = re.compile(r"^(?P<name>[^\W\d]\S*(?:\s+\S+){1,3})\s+(?P=name)\b(?P<rest>.*)$")
_GLUED_HANDLE = re.compile(r"\s+[A-Z]{3,}[a-z]\w*$")  # "FOXBusiness", "NYTimes" after a name
_CALENDAR_WORD = re.compile(rf"{_MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_EMBEDDED_BY = re.compile(r"\s+by\s+(?=[A-Z])")
_ACRONYM_FIRST = re.compile(r"^[A-Z]{3,4}\s+\S*[a-z]")  # "CNN Business", "NBC Sports"
_URL = re.compile(r"^https?://(?:www\.)?(?P<host>[^/\s]+)/?\S*$", re.I)
_LEADING_BY = re.compile(r"^by\s+", re.I)
_NOT_A_MASTHEAD = re.compile(r"copyright|©|@|\{|https?:|\d{4}", re.I)
_WORD_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
MAX_OUTLET_WORDS = 6
_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


def masthead(name: str) -> str:
    """An outlet's name without edition suffixes: "Al-Manar English Website" -> "Al-Manar"."""
    words = name.strip(" .*_\"'“”").split()
    while len(words) > 1 and words[-1].lower().strip(".") in _EDITION_WORDS:
        words.pop()
    return " ".join(words)


def parse_byline(line: str, people: Collection[str] = ()) -> Byline | None:
    """A "By …" line as people and/or an outlet; None when the line is not a byline. `people`: see
    classify_names."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    who = _TIMESTAMP_TAIL.sub("", _CREDITS_SEPARATOR.split(match["who"], maxsplit=1)[0])
    if len(who.split()) > 10:
        return None
    return classify_names(who, people)


def classify_names(who: str, people: Collection[str] = ()) -> Byline:
    """Sort the names of a byline into people and an outlet.

    "Rajab al-Madhoun/Al-Akhbar Newspaper" -> author Rajab al-Madhoun, outlet Al-Akhbar;
    "Al Mayadeen English" -> outlet; "Staff, Agencies" -> nobody; "The Cradle's Palestine
    Correspondent" -> outlet The Cradle (an anonymous correspondent is not a person we can name).
    A wire agency is neither ("By REUTERS": the page's source, not its author or publisher); a name
    in `people` (the page's metadata declares it a person) is no masthead ("Al Root").
    """
    byline = Byline()
    who = _EMBEDDED_BY.split(who)[-1]  # "Monday November 18, 2019 7:45 am PST by Joe Rossignol"
    who = _HANDLE.sub("", _TIMESTAMP_TAIL.sub("", who)).strip(" .")
    who = _DOUBLED_NAME.sub(_once, who)  # "Sean Martin Sean Martin", "X X is a reporter for …"
    parts = [_without_credit_tail(_FILED_FROM.sub("", part.strip(" ."))) for part in _NAME_SPLIT.split(who)]
    parts = [part for part in parts if part and not _is_generic(part) and part.casefold() not in _WIRE_AGENCIES]
    declared = {person.casefold() for person in people}
    if any(_is_description(part) and not _is_job_title(part) for part in parts):
        return byline  # "The Russian and Syrian defense ministries", "Phil Helsel is a reporter for …"
    for part in parts:
        role = _POSSESSIVE_ROLE.match(part)
        if role:
            byline.outlet = byline.outlet or masthead(role["owner"])
        elif _is_job_title(part):
            continue
        elif (is_outlet_name(part) or _masthead_after_comma(part, who)) and part.casefold() not in declared:
            byline.outlet = byline.outlet or masthead(part)
        elif _is_person_name(part):
            byline.authors.append(part)
    return byline


def _masthead_after_comma(part: str, who: str) -> bool:
    """"Jelena Markovic, Harbourside Echo": the last name of a byline, after a comma, ending in a
    newspaper word is the paper (not after "and", nor before one: "Ann Lee, Tom Star and Bo Kim")."""
    return len(part.split()) >= 2 and part.split()[-1].lower().strip(".") in _MASTHEAD_WORDS \
        and not _is_job_title(part) and re.search(r",\s*" + re.escape(part) + r"\s*$", who) is not None


def _once(doubled: re.Match) -> str:
    """A doubled byline name once, with the names after it; without the sentence about its bearer
    that starts in lower case ("is a reporter for NBC News")."""
    rest = doubled["rest"].strip()
    sentence = rest[:1].islower() and not re.match(r"and\b", rest)
    return doubled["name"] + ("" if sentence or not rest else f" {rest}")


def _without_credit_tail(part: str) -> str:
    """A byline's name without what sites print right after it: a wire agency ("JILL LAWLESS
    Associated Press") or the site's handle ("Jonathan Garber FOXBusiness")."""
    part = _GLUED_HANDLE.sub("", part)
    words = part.split()
    for n in (3, 2, 1):
        if len(words) > n + 1 and " ".join(words[-n:]).casefold() in _WIRE_AGENCIES:
            return " ".join(words[:-n])
    return part


# "صحيفة الساحل" (the newspaper al-Sahel), "وكالة الأنباء الوطنية", "قناة …", "موقع …", "جريدة …", "إذاعة …".
_ARABIC_MEDIA_HEADS = {"صحيفة", "جريدة", "وكالة", "قناة", "موقع", "إذاعة", "مجلة", "شبكة"}


def is_outlet_name(name: str) -> bool:
    """Publications start with an article ("The Cradle", "Al Mayadeen", "الأخبار") or a medium's
    noun ("صحيفة الساحل"), with a broadcaster's
    initials ("CNN Business") or carry a medium word ("Press TV", "Al-Akhbar Newspaper"); people
    rarely do any of these."""
    words = name.split()
    first = words[0]
    if first in ("The", "Al", "El") or re.match(r"^(?:Al|El)-[A-Z]", first) or first.startswith("ال") \
            or first in _ARABIC_MEDIA_HEADS:
        return True
    return bool(_ACRONYM_FIRST.match(name)) or any(w.lower().strip(".") in _OUTLET_WORDS for w in words)


def without_outlet(authors: list[str], outlet: str | None) -> list[str]:
    """The authors who are not the outlet itself: a page's author tag often names its publisher
    ("Harbour Broadcasting" or "Harbour Broadcasting Corporation" on Harbour Broadcasting's site),
    and a byline runs the outlet on after the name ("Elliot Brownstein Florida Today" -> "Elliot
    Brownstein")."""
    if not outlet:
        return authors
    name = f" {' '.join(outlet.casefold().split())} "
    kept = []
    for author in authors:
        spaced = f" {' '.join(author.casefold().split())} "
        if name not in spaced:
            kept.append(author)
        elif spaced.endswith(name) and _is_person_name(before := " ".join(author.split()[:-len(outlet.split())])):
            kept.append(before)
    return kept


def site_name_parts(name: str) -> list[str]:
    """A declared site name cut at its separators ("The Jerusalem Post | JPost.com" -> two parts)."""
    return [part.strip() for part in _SITE_SEPARATOR.split(name) if part.strip()]


def plausible_outlet(name: str | None) -> str | None:
    """A page's site name or credited outlet as a masthead, or None when it is no name.

    Site names guessed from a page are often something else: a domain URL ("https://www.x.com" ->
    "x.com"), a masthead with a tagline or a section list ("LinkNaija | Nigeria's popular news
    platform" -> "LinkNaija"), a credit with its time stamp ("Associated Press November 19" ->
    "Associated Press"), "by X" (-> "X"), a copyright line or a sentence (-> None).
    """
    if not name:
        return None
    name = name.strip()
    url = _URL.match(name)
    if url:
        return url["host"]
    parts = [p for p in site_name_parts(name) if not _is_description(p)]
    name = next((p for p in parts if is_outlet_name(p)), parts[0] if parts else "")
    name = _LEADING_BY.sub("", _TIMESTAMP_TAIL.sub("", name)).strip(" .,;:-–—")
    words = name.split()
    if not 1 <= len(words) <= MAX_OUTLET_WORDS or _is_description(name) or _NOT_A_MASTHEAD.search(name):
        return None
    return masthead(name)


# Host labels that name no site: the web server, a section, the registry's part of the domain.
_NAMELESS_LABELS = {"www", "m", "amp", "mobile", "news", "blog", "blogs", "hosted", "edition", "com", "org",
                    "net", "gov", "edu", "co", "ac"}


def domain_labels(url: str | None) -> list[str]:
    """The labels of a page's host that can be its site's name, letters and digits only:
    "https://blog.givewell.org/…" -> ["givewell"], "https://www.jaraguadosul.sc.gov.br/…" ->
    ["jaraguadosul"] (the top-level label and the registry's, "www", "blog", "news" left out)."""
    found = _URL.match(url or "")
    if not found:
        return []
    labels = found["host"].split(":")[0].casefold().split(".")[:-1]
    return [label for label in (re.sub(r"[\W_]", "", label) for label in labels)
            if len(label) >= 3 and label not in _NAMELESS_LABELS]


def spells_domain(name: str, label: str) -> bool:
    """Whether a site's name spells `label` (a `domain_labels` label): each of its words, in order,
    gives the label its first letters (at least one), a leading "The" may give none. "The Wall
    Street Journal" spells wsj, "Los Angeles Times" latimes, "The Jerusalem Post" jpost, "Live
    Science" livescience; "Slate Magazine" does not spell slate (its last word gives nothing).
    Compared case- and accent-folded, letters and digits only. Sites are commonly named so; where a
    page declares several names (a handle, a site name with a tagline, a logo's alt text), the one
    spelling its domain is the masthead."""
    words = re.findall(r"[^\W_]+", _folded(name))
    if words[:1] == ["the"] and len(words) > 1 and not _spelled(words, label):
        words = words[1:]
    return 0 < len(words) <= len(label) and _spelled(words, label)  # each word gives a letter


def _spelled(words: list[str], label: str) -> bool:
    # Whether words[i:] spell label[j:]; memoised on (i, j), so a hostile name of repeated letters
    # costs words × label × word length steps, not one per way of cutting it.
    @lru_cache(maxsize=None)
    def rest(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(label)
        word, left = words[i], len(words) - i - 1
        return any(label[j:j + k] == word[:k] and rest(i + 1, j + k)
                   for k in range(min(len(word), len(label) - j - left), 0, -1))

    return rest(0, 0)


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _is_description(text: str) -> bool:
    """Text with lower-case content words ("is a reporter for", "defense ministries") describes
    someone or something; names and mastheads capitalise all but short connectives and particles."""
    for word in _WORD_TOKEN.findall(text):
        if word[0].islower() and word.split("-")[0] not in _CONNECTIVES and "." not in word:
            return True
    return False


def _is_job_title(name: str) -> bool:
    """ "AP Auto Writer", "CNN Editor-at-large": a role in a byline, not a person's name."""
    words = name.lower().split()
    return bool(words) and words[-1].split("-")[0] in _JOB_WORDS


def _is_generic(name: str) -> bool:
    return all(w.lower().strip(".") in _GENERIC_BYLINE_WORDS for w in name.split())


def _is_person_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or (len(words) == 1 and (name.isupper() or _CALENDAR_WORD.fullmatch(name))):
        return False  # "CNN", "RDN", "KWCHCIK": an outlet's letters, a degree, a handle; "November"
    if _ARABIC.search(name):
        return len(words) <= 4
    return all(w[0].isupper() or w.split("-")[0].lower() in _NAME_PARTICLES for w in words)


def parse_source_line(line: str) -> Byline | None:
    """A "Source: …" credit as the outlet it names (outlet None for "Source: Agencies");
    None when the line is not a source credit."""
    match = _SOURCE.match(line.strip())
    if not match or len(match["what"].split()) > 14:
        return None
    what = match["what"].strip()
    credited = _CREDITED_BY.search(what)  # "Palestinian media (translated and edited by Al-Manar ...)"
    if credited:
        return Byline(outlet=masthead(credited["outlet"]))
    # A description ("Palestinian and Israeli media") has lower-case words; a name does not.
    described = any(w[0].islower() and w.split("-")[0] not in _NAME_PARTICLES for w in what.split())
    anonymous = all(w.lower().strip(".") in _ANONYMOUS_SOURCES for w in what.split())
    return Byline(outlet=None if described or anonymous else masthead(what))


# A wire dateline opens the first paragraph: "GAZA STRIP (Dispatches) –", "MOSCOW (Reuters) -".
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}\((?P<credit>[A-Za-z][A-Za-z .&-]{1,30})\)\s*[–—-]")
# Credits that stand for the publishing outlet itself rather than a wire agency: Kayhan
# International signs its compiled reports "(Dispatches)". Extend as new outlets' templates appear.
_HOUSE_CREDITS = {"dispatches": "Kayhan International"}


def outlet_from_dateline(paragraph: str) -> str | None:
    """The outlet a dateline credits: "MOSCOW (Reuters) - …" -> Reuters; None without a dateline."""
    match = _DATELINE.match(paragraph.strip())
    if not match:
        return None
    credit = match["credit"].strip()
    return _HOUSE_CREDITS.get(credit.lower(), masthead(credit))


def is_translation_credit(line: str) -> bool:
    return bool(_TRANSLATED.match(line.strip()))


def outlet_from_disclaimer(line: str) -> str | None:
    """ "The views expressed in this article do not necessarily reflect those of The Cradle." """
    match = _DISCLAIMER.search(line)
    return masthead(match["outlet"]) if match else None


# --- language ------------------------------------------------------------------------------------

# Below this many words a text is too short to tell English from another language: it stays "en".
_FEW_WORDS = 40
_WORD = re.compile(r"[^\W\d_]{2,}")  # single letters are initials and list marks more than words


@lru_cache(maxsize=1)
def _stopword_languages() -> dict[str, frozenset[str]]:
    """Word -> the jusText stop lists (100 languages, from Wikipedia) that hold it."""
    import justext

    languages: dict[str, set[str]] = {}
    for name in justext.get_stoplists() - {"Simple_English"}:
        for word in justext.get_stoplist(name):
            languages.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in languages.items()}


def detect_language(text: str) -> str:
    """"ar" when most letters are Arabic script; "und" (undetermined) when the text is in another
    language than English; else "en". Only "en" and "ar" texts are annotated: an English parse of
    Portuguese or Indonesian names phrases as speakers.

    Not English: most letters in another script than Latin (Cyrillic, Hangul, kana...), or at least
    `_FEW_WORDS` words of which under a fifth are English stop words while another language's stop
    words are a fifth and half as frequent again (English news: 40-60 % English stop words; a
    list of names or of sports scores has few stop words in any language and stays "en").
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    arabic = sum(1 for c in letters if _ARABIC.match(c))
    if arabic / len(letters) > 0.5:
        return "ar"
    if sum(1 for c in letters if c < "\u0250") / len(letters) < 0.5:  # Latin: up to Latin Extended-B
        return "und"
    words = _WORD.findall(text.lower())[:1000]
    if len(words) < _FEW_WORDS:
        return "en"
    stop = _stopword_languages()
    counts: dict[str, int] = {}
    for word in words:
        for name in stop.get(word, ()):
            counts[name] = counts.get(name, 0) + 1
    english = counts.get("English", 0)
    other = max((n for name, n in counts.items() if name != "English"), default=0)
    return "und" if english < 0.2 * len(words) and other >= max(1.5 * english, 0.2 * len(words)) else "en"
