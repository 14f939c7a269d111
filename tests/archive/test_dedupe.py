"""Near-duplicate detection (MinHash LSH over word 5-shingles) on real clipping text."""

from __future__ import annotations

from cliptrace.archive.dedupe import jaccard, lsh_buckets, shingles
from cliptrace.model import Source


def _body(source: Source) -> str:
    return "\n".join(source.data.decode().splitlines()[4:])  # seed 004 without its header lines


def _repost(body: str, path: str) -> Source:
    """The same article saved again elsewhere: new header, reflowed, a trailing 'Read more' line."""
    text = "Kayhan International\n\n" + body.replace("\n", " ") + "\nRead more: Gaza truce talks"
    return Source(path=path, data=text.encode(), format="text")


def test_shingles_ignore_case_and_punctuation():
    assert shingles("The US is negotiating, he said.") == shingles("the US is  negotiating -- he SAID")
    assert shingles("two words") == {"two words"}
    assert shingles("...") == set()
    assert jaccard({"a"}, set()) == 0.0


def test_buckets_are_stable_across_runs_and_versions():
    # The buckets are stored in archives: if this changes, old archives need a re-bucketing migration.
    buckets = lsh_buckets(shingles("The Israeli aggression has so far killed at least 33,500 Palestinians, "
                                   "mostly women and children."))
    assert len(buckets) == 9
    assert buckets[0] == "0:64368b098a40eaeff00e3491a02d9f72"
    assert buckets[-1] == "8:d423a3fa421cbcb38d9988f6663f53ce"
    assert lsh_buckets(set()) == []


def test_near_identical_article_points_to_first_seen(archive, seed, make_articles):
    original = seed("004")
    [first] = make_articles(original, [_body(original)])
    archive.add_source(original, [first])

    repost = _repost(_body(original), "later/kayhan-copy.txt")
    [copy] = make_articles(repost, [repost.data.decode()])
    archive.add_source(repost, [copy])
    assert copy.duplicate_of == first.id
    assert archive.get_article(copy.id).duplicate_of == first.id

    # A copy of the copy still points at the original, not at the copy.
    third = _repost(_body(original) + " Edited.", "even-later/copy2.txt")
    [copy2] = make_articles(third, [third.data.decode()])
    archive.add_source(third, [copy2])
    assert copy2.duplicate_of == first.id
    assert archive.stats()["duplicates"] == 2


def test_different_or_partly_shared_articles_are_not_duplicates(archive, seed, make_articles, paragraphs):
    nakhaleh, hindi = seed("004"), seed("000")
    lines = _body(nakhaleh).splitlines()
    archive.add_source(nakhaleh, make_articles(nakhaleh, [_body(nakhaleh)]))
    half = Source("half.txt", "\n".join(lines[: len(lines) // 2]).encode(), "text")
    unrelated = make_articles(hindi, ["\n\n".join(paragraphs(hindi))])
    archive.add_source(hindi, unrelated)
    [partial] = make_articles(half, [half.data.decode()])
    archive.add_source(half, [partial])
    assert unrelated[0].duplicate_of is None
    assert partial.duplicate_of is None  # shares half its text: related, not the same article
    assert archive.stats()["duplicates"] == 0


def test_duplicates_inside_one_source_and_opt_out(archive, seed, make_articles, paragraphs):
    dump = seed("001")
    body = "\n\n".join(paragraphs(dump)[:6])
    articles = make_articles(dump, [body, "\n\n".join(paragraphs(dump)[6:12]), body])
    archive.add_source(dump, articles)
    assert [a.duplicate_of for a in articles] == [None, None, articles[0].id]

    other = _repost(body, "no-dedupe.txt")
    [copy] = make_articles(other, [other.data.decode()])
    archive.add_source(other, [copy], near_duplicates=False)
    assert copy.duplicate_of is None
