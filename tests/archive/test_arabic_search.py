"""Arabic spelling variants find each other in full-text search, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from cliptrace.model import Source


@pytest.fixture
def arabic_archive(archive, make_articles):
    """Two invented Arabic articles written with hamza, shadda and ta marbuta, one English."""
    source = Source(path="arabic-search.txt", data="arabic search test".encode(), format="text")
    bodies = [
        "زار رئيس الحركة إسماعيل هنيّة العاصمة القطرية، وقال إنّ إسرائيل تتحمل المسؤولية.",
        "أعلنت الوزارة ارتفاع عدد الجرحى إلى ٣٥ جريحاً في مدينة جنين.",
        "The minister said the talks in Cairo would resume next week.",
    ]
    articles = make_articles(source, bodies, language="ar", published="2024-02-01", outlet="Test Desk")
    articles[2].draft.language = "en"
    archive.add_source(source, articles)
    return archive


@pytest.mark.parametrize("query", ["هنية", "هنيه", "هنيّة", "اسرائيل", "إسرائيل", "إسرائيـــل", "35", "٣٥"])
def test_spelling_variants_find_the_article(arabic_archive, query):
    hits = arabic_archive.search(query)
    assert len(hits) == 1, query


def test_the_snippet_shows_the_word_as_written(arabic_archive):
    (hit,) = arabic_archive.search("هنيه")
    assert "هنيّة" in hit.snippet
    if arabic_archive.engine.dialect.name == "sqlite":  # FTS5 re-reads the stored text: same tokens
        assert "[هنيّة]" in hit.snippet


def test_english_search_is_unchanged(arabic_archive):
    assert [h.language for h in arabic_archive.search("talks Cairo")] == ["en"]
    assert arabic_archive.search("jenin") == []


def test_an_arabic_spelling_finds_the_person_filed_under_the_latin_name(archive, make_articles):
    """نتنياهو is filed as "Benjamin Netanyahu" (the actors list): `people --name نتنياهو` finds him."""
    from cliptrace.extract.arabic import annotate_arabic
    from cliptrace.questions.people import find_entities_named, list_people

    source = Source(path="arabic-people.txt", data="arabic people test".encode(), format="text")
    (article,) = make_articles(source, ["وقال رئيس الوزراء بنيامين نتنياهو إنّ الحكومة لن تتراجع عن خطتها."],
                               language="ar", published="2024-02-01", outlet="Test Desk")
    article.annotations = annotate_arabic(article.draft)
    archive.add_source(source, [article])
    with archive.engine.connect() as conn:
        assert [p.name for p in list_people(conn, q="نتنياهو")] == ["Benjamin Netanyahu"]
        assert [p.name for p in list_people(conn, q="Netanyahu")] == ["Benjamin Netanyahu"]
        assert list_people(conn, q="هنية") == []
        assert [p.name for p in find_entities_named(conn, "نتنياهو")] == ["Benjamin Netanyahu"]  # quotes --speaker
