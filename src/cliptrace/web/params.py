"""Query parameters from forms: empty strings mean 'not given'; malformed dates are ignored."""

from __future__ import annotations

import re

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def text_param(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def date_param(value: str | None) -> str | None:
    value = text_param(value)
    return value if value and _DATE.match(value) else None


def month_param(value: str | None) -> str | None:
    value = text_param(value)
    return value if value and _MONTH.match(value) else None
