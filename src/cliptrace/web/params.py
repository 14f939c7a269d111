"""Query parameters from forms: empty strings mean 'not given'; a malformed date or month is refused
(HTTP 400, naming the parameter), never silently ignored: the answer would seem filtered but not be."""

from __future__ import annotations

import re
from datetime import date

from fastapi import HTTPException

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def text_param(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _real_day(value: str, pattern: re.Pattern, first_day: str) -> bool:
    """`value` has the form `pattern` and names a day of the calendar once `first_day` is added
    ("-01" for a month): 2024-02-30 and 2024-13 do not."""
    try:
        return bool(pattern.match(value)) and bool(date.fromisoformat(value + first_day))
    except ValueError:
        return False


def date_param(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD day, None when not given; anything else is refused with HTTP 400 naming `name`."""
    value = text_param(value)
    if value is not None and not _real_day(value, _DATE, ""):
        raise HTTPException(400, f"{name}: {value!r} is not a date: use YYYY-MM-DD.")
    return value


def month_param(value: str | None, name: str = "month") -> str | None:
    """A YYYY-MM month, None when not given; anything else is refused with HTTP 400 naming `name`."""
    value = text_param(value)
    if value is not None and not _real_day(value, _MONTH, "-01"):
        raise HTTPException(400, f"{name}: {value!r} is not a month: use YYYY-MM.")
    return value
