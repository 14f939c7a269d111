"""Highlighting from offsets: escaped text, well-formed nesting, overlaps reopened."""

from __future__ import annotations

from html.parser import HTMLParser

from cliptrace.web.highlight import Mark, highlight


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ok, self.tags = [], True, []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def _balanced(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    assert parser.ok and not parser.stack
    return parser


def test_text_between_marks_is_escaped_and_only_spans_are_markup():
    text = '<script>alert(1)</script> said "<img onerror=x>"'
    html = str(highlight(text, [Mark(27, 31, "q", "q1", "q1", title='<b onmouseover="x">')]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'title="&lt;b onmouseover=&#34;x&#34;&gt;"' in html
    assert set(_balanced(html).tags) == {"span"}


def test_nested_and_overlapping_marks_stay_well_formed():
    text = "Haniyeh said the war killed 20,000 people in Gaza."
    quote_end = text.index(" Gaza") + 2  # the quote ends inside "Gaza"
    figure = text.index("killed"), text.index(" in")
    gaza = text.index("Gaza"), text.index("Gaza") + 4
    marks = [
        Mark(0, 7, "spk", "s", "q"),
        Mark(13, quote_end, "q", "q", "q"),  # the quote holds a figure...
        Mark(*figure, "fig", "f", "f"),
        Mark(*gaza, "ent place", "m", "e", focusable=False),  # ...and overlaps a mention past its end
    ]
    html = str(highlight(text, marks))
    _balanced(html)
    assert html.count('id="f"') == 1 and html.count('data-ann="e"') == 2  # reopened once, id kept once
    assert html.count('tabindex="0"') == 3
    # the visible text is unchanged
    assert "".join(_Text.of(html)) == text


def test_offsets_outside_the_text_are_dropped():
    assert str(highlight("abc", [Mark(2, 9, "q", "q", "q"), Mark(-1, 1, "q", "r", "r")])) == "abc"


class _Text(HTMLParser):
    @classmethod
    def of(cls, html: str) -> list[str]:
        parser = cls()
        parser.parts = []
        parser.feed(html)
        return parser.parts

    def handle_data(self, data):
        self.parts.append(data)
