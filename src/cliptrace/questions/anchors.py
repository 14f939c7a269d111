"""Element ids of highlighted items on an article page, derived from their offsets so that any
question can link to `/articles/{id}#<anchor>` without knowing how the page numbers them."""


def quote_anchor(start: int, end: int) -> str:
    return f"q{start}-{end}"


def figure_anchor(start: int, end: int) -> str:
    return f"f{start}-{end}"


def event_anchor(start: int, end: int) -> str:
    return f"v{start}-{end}"


def mention_anchor(start: int, end: int) -> str:
    return f"m{start}-{end}"
