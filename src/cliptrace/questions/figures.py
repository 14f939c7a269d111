"""Claimed figures: series over time per cited source, and claims that disagree.

Identical claims (same source, category, subject, place, date, value) repeated across articles
collapse into one point that counts them and links to the first sentence that made the claim.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from cliptrace.archive.schema import articles, figure_counts, figures
from cliptrace.questions.anchors import figure_anchor
from cliptrace.questions.excerpt import context_columns, context_sentence

UNATTRIBUTED = "(no source given)"


@dataclass(frozen=True)
class Claim:
    date: str
    value: int
    approx: str
    category: str
    source: str
    place: str | None
    claims: int  # how many figures make this same claim
    subject: str | None  # who or what is counted: "Palestinians", "soldiers"
    article_id: str
    anchor: str
    text: str  # the sentence it comes from

    @property
    def href(self) -> str:
        return f"/articles/{self.article_id}#{self.anchor}"


@dataclass
class Series:
    source: str
    category: str
    points: list[Claim] = field(default_factory=list)


def claim_date():
    return func.coalesce(figures.c.as_of, articles.c.published)


def categories(conn: Connection) -> list[tuple[str, int]]:
    """(category, figures), most first, from the counts the archive keeps (`figure_counts`)."""
    return [tuple(r) for r in conn.execute(
        select(figure_counts.c.category, figure_counts.c.figures).where(figure_counts.c.figures > 0)
        .order_by(figure_counts.c.figures.desc(), figure_counts.c.category)).all()]


def window_start(conn: Connection, category: str | None, window: int) -> int | None:
    """The id of the `window`-th most recently stored figure (of `category`), None when fewer."""
    stmt = select(figures.c.id).order_by(figures.c.id.desc()).offset(window - 1).limit(1)
    return conn.execute(stmt.where(figures.c.category == category) if category else stmt).scalar()


def claims(conn: Connection, category: str | None = None, source: str | None = None,
           place: str | None = None, limit: int = 500, start: int | None = None) -> list[Claim]:
    """Distinct dated claims, in date order, each linked to the first sentence making it; with
    `start` (see `window_start`), only the figures stored from there on."""
    date = claim_date()
    source_col = func.coalesce(figures.c.source, UNATTRIBUTED)
    conditions = [date.is_not(None), figures.c.part_of.is_(None)]  # "including three children" is no toll
    if category:
        conditions.append(figures.c.category == category)
    if source:
        conditions.append(source_col == source)
    if place:
        conditions.append(figures.c.place == place)
    if start is not None:
        conditions.append(figures.c.id >= start)
    grouped = (
        select(date.label("date"), figures.c.value, figures.c.approx, figures.c.category,
               source_col.label("source"), figures.c.place, figures.c.subject, func.count().label("claims"),
               func.min(figures.c.id).label("first_id"))
        .join(articles, articles.c.id == figures.c.article_id)
        .where(*conditions)
        .group_by(date, figures.c.value, figures.c.approx, figures.c.category, source_col, figures.c.place,
                  figures.c.subject)
        .order_by(date, figures.c.value).limit(limit)
        .subquery()
    )
    lo, ctx = context_columns(figures.c.start, figures.c.end)
    rows = conn.execute(
        select(grouped, figures.c.article_id, figures.c.start, figures.c.end, lo, ctx)
        .join(figures, figures.c.id == grouped.c.first_id)
        .join(articles, articles.c.id == figures.c.article_id)
        .order_by(grouped.c.date, grouped.c.value)
    ).all()
    return [
        Claim(date=r.date, value=r.value, approx=r.approx, category=r.category, source=r.source,
              place=r.place, claims=r.claims, subject=r.subject, article_id=r.article_id,
              anchor=figure_anchor(r.start, r.end), text=context_sentence(r))
        for r in rows
    ]


def series(found: list[Claim], include_other: bool = False) -> list[Series]:
    """One series per (cited source, category), biggest first. Claims of the catch-all category
    "other" (employees, residents, trucks: counts of unrelated things) make no series unless
    `include_other`."""
    by_key: dict[tuple[str, str], Series] = {}
    for c in found:
        if c.category != "other" or include_other:
            by_key.setdefault((c.source, c.category), Series(c.source, c.category)).points.append(c)
    return sorted(by_key.values(), key=lambda s: (-len(s.points), s.source, s.category))


def counted(subject: str | None) -> str:
    """A subject folded for comparison: case, surrounding space and a plural "s" do not matter
    ("Palestinians" and "palestinian" count the same people)."""
    folded = " ".join((subject or "").casefold().split())
    return folded[:-1] if folded.endswith("s") and len(folded) > 3 else folded


def disagreements(found: list[Claim]) -> list[dict]:
    """Groups of claims about the same thing at the same time that give different numbers from
    different sources: same category, same subject (see `counted`), same place and same day (a
    claim's period is the day it is dated to, as of or published). An unattributed figure counts
    as its own source; "other" claims never disagree, since their subjects are unrelated things."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in found:
        if c.category != "other":
            groups[(c.category, counted(c.subject), c.place or "", c.date)].append(c)
    out = []
    for (category, _, place, date), members in groups.items():
        if len({c.value for c in members}) > 1 and len({c.source for c in members}) > 1:
            out.append({"category": category, "subject": members[0].subject, "place": place or None, "date": date,
                        "claims": sorted(members, key=lambda c: (-c.value, c.source))})
    return sorted(out, key=lambda d: (d["date"], d["category"], d["place"] or ""))
