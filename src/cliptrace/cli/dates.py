"""Dates typed in `--since`/`--until`: read as a person means them, or refused with a clear message.

Accepted: ISO 8601 days, months and years (2019-11-20, 2019-11, 2019), day-first numeric forms
(20/11/2019, 20.11.2019, 20-11-2019), written forms (20 November 2019, Nov 20, 2019) and relative
days (yesterday, 3 days ago). A month or a year is a range: `--since` takes its first day and
`--until` its last, so `--until 2019` includes 31 December 2019.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import typer

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _iso_range(text: str) -> tuple[date, date] | None:
    """(first day, last day) of an ISO year, month or day, or None when `text` is not one."""
    found = _ISO.match(text)
    if found is None:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


def _written_day(text: str) -> date | None:
    """Day-first numeric forms ourselves (dateparser reads 20.11.2019 but also guesses at garbage
    like '2019/20/11'); written and relative forms through dateparser, imported only when needed
    because it costs a third of a second at start-up."""
    found = _DAY_FIRST.match(text)
    if found:
        day, month, year = map(int, found.groups())
        return date(year, month, day)
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={
        "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]})
    return parsed.date() if parsed else None


def parse_bound(text: str, last: bool) -> str:
    """`text` as an inclusive YYYY-MM-DD bound: the last day of a month or year when `last`.

    Raises typer.BadParameter (exit code 2, the message names the accepted forms) when `text` is
    not a date, e.g. 'dead' or '2019-13-01'.
    """
    text = text.strip()
    try:
        whole = _iso_range(text)
        day = (whole[1] if last else whole[0]) if whole else _written_day(text)
    except ValueError:  # 2019-13-01, 31/02/2020: looked like a date but is none
        day = None
    if day is None:
        raise typer.BadParameter(f"{text!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY), "
                                 "DD/MM/YYYY, '20 November 2019' or 'yesterday'.")
    return day.isoformat()


def since_bound(text: str | None) -> str | None:
    return None if text is None else parse_bound(text, last=False)


def until_bound(text: str | None) -> str | None:
    return None if text is None else parse_bound(text, last=True)
