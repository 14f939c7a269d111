"""Article text with its annotations as HTML, built from offsets.

The article text is untrusted: every piece of it is escaped on its own, between annotation
boundaries, and only the `<span>` tags written here are markup. Nothing is ever marked `|safe`
that came from the text. Annotations may nest or overlap (an entity inside a quote, a quote
crossing a figure): a span that must close early is closed and reopened, so the HTML stays
well formed.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """One highlighted range: `css` is its class, `anchor` its element id, `title` its tooltip and
    `detail` the key of its details (several marks may share one: all mentions of an entity)."""

    start: int
    end: int
    css: str
    anchor: str
    detail: str
    title: str = ""
    focusable: bool = True  # reachable with Tab (quotes, figures); entity mentions are not


def _open_tag(mark: Mark, first: bool) -> str:
    attrs = [f'class="{escape(mark.css)}"', f'data-ann="{escape(mark.detail)}"']
    if first:  # the id and keyboard focus go on the first piece only
        attrs.append(f'id="{escape(mark.anchor)}"')
        if mark.focusable:
            attrs.append('tabindex="0"')
    if mark.title:
        attrs.append(f'title="{escape(mark.title)}"')
    return "<span " + " ".join(attrs) + ">"


def highlight(text: str, marks: list[Mark]) -> Markup:
    """`text` as escaped HTML with every mark wrapped in a `<span>`; bad offsets are dropped."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    # Longest first at the same start, so the outer span opens first.
    valid.sort(key=lambda m: (m.start, -m.end))
    boundaries = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)

    out: list[str] = []
    stack: list[Mark] = []
    for i, pos in enumerate(boundaries):
        ending = [k for k, m in enumerate(stack) if m.end == pos]
        if ending:
            lowest = ending[0]
            reopen = [m for m in stack[lowest:] if m.end != pos]
            out.append("</span>" * (len(stack) - lowest))
            del stack[lowest:]
            for m in reopen:
                out.append(_open_tag(m, first=False))
                stack.append(m)
        for m in starts.get(pos, []):
            out.append(_open_tag(m, first=True))
            stack.append(m)
        if i + 1 < len(boundaries):
            out.append(str(escape(text[pos : boundaries[i + 1]])))
    out.append("</span>" * len(stack))
    return Markup("".join(out))
