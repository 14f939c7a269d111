"""The orchestration: paragraph parsing keeps every offset, cited sources become people's names."""

from __future__ import annotations

from cliptrace.extract.annotate import (MAX_PIECE, PARSE_BATCH, PARSE_BATCH_CHARS, _batches, _named_sources,
                                        annotate_many, paragraphs, parse)
from cliptrace.extract.nlp import doc_text
from cliptrace.model import ArticleDraft, Entity, Figure


def test_paragraphs_concatenate_back_to_the_text():
    for text in ["a\n\nb\n\n\nc", "a\n \nb  \n\n", "", "one paragraph", "a\nb\n\n  c"]:
        assert "".join(paragraphs(text)) == text


def test_a_source_written_as_a_mention_becomes_the_persons_name():
    text = "Haniya said 30 captives were released."
    people = [Entity("p0", "Ismail Haniya", "person", [(0, 6)]), Entity("o0", "Hamas", "org", [])]
    figures = _named_sources([Figure(12, 23, 30, source="Haniya"), Figure(12, 23, 30, source="Hamas")], people, text)
    assert [f.source for f in figures] == ["Ismail Haniya", "Hamas"]


def test_offsets_point_into_the_article_text_across_paragraphs(nlp):
    text = ("Intro line without quotes.\n\n"
            "“We will not give up,” Ismail Haniyeh said on Tuesday.\n\n"
            "At least 30 Palestinians were killed, according to the Ministry of Health.")
    draft = ArticleDraft(text=text, published="2024-03-28")
    found, arabic = annotate_many([draft, ArticleDraft(text="نص عربي", language="ar")], nlp)
    assert not (arabic.entities or arabic.quotes)  # no English model run on Arabic
    quote = found.quotes[0]
    assert text[quote.start:quote.end] == "We will not give up,"
    assert quote.speaker == "Ismail Haniyeh" and quote.said_on == "2024-03-26"
    figure = found.figures[0]
    assert figure.value == 30 and figure.category == "killed" and figure.approx == "at_least"
    assert "Ministry of Health" in figure.source


def test_parsed_articles_remember_exactly_their_text(nlp):
    texts = ["First paragraph.\n\n  Second, indented.\n\n\n", "One line only"]
    for text, doc in zip(texts, parse(texts, nlp)):
        assert doc_text(doc) == doc.text == text


def test_a_paragraph_over_a_million_characters_is_cut_into_pieces_spacy_accepts():
    text = "Intro.\n\n" + ", ".join(f"the talks resumed in round {i}" for i in range(40_000)) + ".\n\nEnd."
    assert len(text) > 1_000_000
    pieces = paragraphs(text)
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= MAX_PIECE
    assert all(piece.endswith((" ", "\n", ".")) for piece in pieces)  # cut between words, never inside one


def test_long_paragraphs_are_parsed_not_refused(nlp):
    # spaCy raised E088 for a text over nlp.max_length and the whole file failed; a model with a
    # lower limit shows the same refusal without a million characters to parse.
    text = "Talks began.\n\n" + " ".join(f"Envoy {i} met the mayor in Doha." for i in range(1, 1100)) + "\n"
    assert len(text) > 35_000
    saved, nlp.max_length = nlp.max_length, 30_000
    try:
        [doc] = parse([text], nlp)
        [found] = annotate_many([ArticleDraft(text=text)], nlp)
    finally:
        nlp.max_length = saved
    assert doc_text(doc) == text and len(list(doc.sents)) >= 1100
    assert any(text[start:end] == "Doha" for e in found.entities for start, end in e.mentions)


def test_a_batch_of_pieces_is_bounded_in_characters_as_well_as_in_number():
    """The parser's memory grows with a batch's characters: pieces of a page with no blank line
    (each near MAX_PIECE) go a dozen at a time, a news article's short paragraphs 64 at a time."""
    long_pieces, short_pieces = ["x" * MAX_PIECE] * 100, ["a short paragraph."] * 100
    long_batches, short_batches = list(_batches(iter(long_pieces))), list(_batches(iter(short_pieces)))
    assert sum(long_batches, []) == long_pieces and sum(short_batches, []) == short_pieces
    assert all(sum(map(len, b)) <= PARSE_BATCH_CHARS for b in long_batches)
    assert [len(b) for b in short_batches] == [PARSE_BATCH, 100 - PARSE_BATCH]


def test_quotations_in_one_endless_paragraph_keep_their_speakers(nlp):
    # A copy-paste that lost its line breaks: every cue's search for the next paragraph break ran
    # to the end of the text (quadratic); the quotations must still come out whole.
    text = " ".join(f'"The bridge {i} will reopen in spring," said Mayor Ana Ruiz {i}.' for i in range(400))
    [found] = annotate_many([ArticleDraft(text=text)], nlp)
    assert len(found.quotes) == 400 and all(q.speaker for q in found.quotes)
