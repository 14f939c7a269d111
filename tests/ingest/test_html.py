"""HTML pages: trafilatura for the body, the page's markup for title, date, outlet and URL."""

from __future__ import annotations

from pathlib import Path

from cliptrace.ingest.html import html_to_drafts, wrap_fragment
from cliptrace.ingest.read import read_source
from cliptrace.ingest.split import split_document
from cliptrace.model import Document, Source


def _reader_view(seeds_dir: Path) -> Document:
    path = seeds_dir / "003_196e63016ac7f4ab.txt"
    [document] = read_source(Source(path=str(path), data=path.read_bytes()))  # repairs the mail's markup
    return document


def test_a_forwarded_reader_view(seeds_dir: Path):
    document = _reader_view(seeds_dir)
    assert document.kind == "html"
    [draft] = split_document(document)
    assert draft.title == "Any aimless negotiations will not continue: Hamdan to Al Mayadeen"
    assert draft.published == "2024-03-06"
    assert draft.outlet == "Al Mayadeen"
    assert draft.url.startswith("https://english.almayadeen.net/news/politics/any-aimless-negotiations")
    assert draft.language == "en"
    assert draft.text.startswith("Senior Hamas official Osama Hamdan tells Al Mayadeen")
    assert draft.text.endswith("Elsewhere, Hamdan praised Moscow's role in supporting the Palestinian people.")
    for chrome in ("Read more", "gmail-", "cid:ii_", "<p>", ".jpg", "\xa0"):
        assert chrome not in draft.text


def test_a_full_page_declares_its_metadata():
    page = """<html><head><title>Page</title>
      <meta property="og:site_name" content="Press TV">
      <meta property="article:published_time" content="2023-11-02T10:00:00Z">
      <link rel="canonical" href="https://www.presstv.ir/Detail/2023/11/02/1"></head>
      <body><article><h1>Hamas says talks have stalled</h1>
      <p class="byline">By Jane Doe</p>
      <p>The movement said on Thursday that the talks had stalled again, blaming the other side for it.</p>
      <p>Its spokesman added that no delegation would travel to Cairo before the bombing stopped.</p>
      <p>Mediators in Doha and Cairo were said to be preparing a new proposal for both delegations.</p>
      <p>The health ministry in Gaza said dozens more people had been killed in strikes overnight.</p>
      <p>Read more: Another story entirely</p></article>
      <footer><a href="/about">About us</a> Copyright 2023</footer></body></html>"""
    [draft] = html_to_drafts(page)
    assert draft.title == "Hamas says talks have stalled"
    assert draft.published == "2023-11-02"
    assert draft.outlet == "Press TV"
    assert draft.authors == ["Jane Doe"]
    assert draft.url == "https://www.presstv.ir/Detail/2023/11/02/1"
    assert draft.text.startswith("The movement said on Thursday")
    assert "Another story" not in draft.text and "no delegation would travel" in draft.text


def test_fragments_are_wrapped_and_pages_are_not():
    assert wrap_fragment("<div><p>x</p></div>") == "<html><body><div><p>x</p></div></body></html>"
    page = "<html><body><p>x</p></body></html>"
    assert wrap_fragment(page) == page


def test_a_page_without_text_gives_no_article():
    assert html_to_drafts("<html><body><div></div></body></html>") == []


_LOGO_PAGE = """<html><head><title>Ferry service resumes after storm damage | Harbour Gazette</title>
  <meta property="og:title" content="Ferry service resumes after storm damage">
  <meta property="og:site_name" content="Harbour Gazette"></head>
  <body><header><h1 class="brand-logo"><a href="/">Harbour Gazette</a></h1></header>
  <article><h2>Ferry service resumes after storm damage</h2>
  <div class="byline">By <a rel="author" href="/a/1">Ines Kovac</a> and <a rel="author" href="/a/2">Dev Ray</a>
   · <a href="mailto:desk@example.org">Email the author</a></div>
  <p>The island ferry sailed again on Tuesday, a week after the storm tore away part of its landing stage.</p>
  <p>Engineers worked through the weekend to rebuild the ramp, the port authority said in a notice.</p>
  <p>Islanders who had been stranded on the mainland were given priority on the first two crossings.</p>
  </article>
  <aside><span class="author">Someone Else</span> <a href="/z">Another story</a></aside></body></html>"""


def test_a_logo_in_the_only_h1_is_not_the_headline():
    [draft] = html_to_drafts(_LOGO_PAGE)
    assert draft.title == "Ferry service resumes after storm damage"
    assert draft.outlet == "Harbour Gazette"
    assert draft.authors == ["Ines Kovac", "Dev Ray"]
    assert draft.text.startswith("The island ferry sailed again")
    assert "Email the author" not in draft.text


def test_a_source_credit_on_top_of_the_body_is_the_outlet_and_leaves_the_body():
    page = """<html><body><h2>Dam inspection ordered</h2><p>March 3, 2024</p>
      <p>Source: Valley Wire Service</p>
      <p>The provincial government ordered an inspection of the old dam after engineers found cracks in its wall.</p>
      <p>Villages downstream were told to prepare for a possible evacuation if the water kept rising.</p></body></html>"""
    [draft] = html_to_drafts(page)
    assert draft.outlet == "Valley Wire Service"
    assert draft.text.startswith("The provincial government ordered")
    assert "Source:" not in draft.text


def test_a_hidden_hover_card_does_not_run_into_the_sentence_and_link_lists_go():
    page = """<html><body><article><h1>Port fees to rise in spring</h1>
      <p>The harbour board led by <span class="rollover-people"><a class="rollover-people-link" href="/p/1">Mara Ilic</a>
      <span class="rollover-people-block"><a class="name" href="/p/1">Mara Ilic</a>
      <a href="/s/2">Ferry strike talks resume | Council sells terminal</a> MORE</span></span>
      voted on Monday to raise port fees by a tenth from the first of April.</p>
      <p>Fishing crews said the rise would cost them more than a month of earnings every year.</p>
      <p>Popular on Harbour Gazette</p><p>Council sells the old ferry terminal to a developer</p>
      <p>The board said the money would pay for dredging the northern channel next summer.</p>
      </article></body></html>"""
    [draft] = html_to_drafts(page)
    assert draft.text.startswith("The harbour board led by Mara Ilic voted on Monday")
    assert "Popular on" not in draft.text and "Council sells" not in draft.text
    assert draft.text.endswith("dredging the northern channel next summer.")


_BODY = """<p>The county opened its third cooling centre on Monday as the heat wave entered its second week.</p>
  <p>Volunteers handed out water at the bus station, where queues formed before the doors opened.</p>
  <p>Officials said the library and the old fire hall would stay open until ten in the evening.</p>"""


def test_authors_the_page_declares_stand_in_for_a_byline_that_names_nobody():
    # the credits box holds a blurb; the JSON-LD names the author, with a job title and the outlet
    page = f"""<html><head><title>Cooling centres open</title>
      <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Cooling centres open",
        "author": [{{"@type": "Person", "name": "Wen Okafor"}}, {{"@type": "Person", "name": "Staff Writer"}}]}}
      </script></head>
      <body><article><h1>Cooling centres open</h1><div class="entry-byline">The county adds a third centre as the heat stays.</div>
      {_BODY}</article></body></html>"""
    [draft] = html_to_drafts(page)
    assert draft.authors == ["Wen Okafor"]


def test_a_declared_author_loses_the_outlet_the_meta_tag_appends():
    page = f"""<html><head><title>Cooling centres open - Prairie Ledger Online</title>
      <meta name="author" content="Wen Okafor. Prairie Ledger Online"></head>
      <body><article><h1>Cooling centres open</h1>{_BODY}</article></body></html>"""
    [draft] = html_to_drafts(page)
    assert draft.authors == ["Wen Okafor"]


def test_a_byline_name_the_metadata_declares_a_person_is_the_author_not_the_outlet():
    page = f"""<html><head><title>Cooling centres open - Prairie Ledger</title>
      <meta property="og:site_name" content="Prairie Ledger"><meta name="author" content="Al Verano"></head>
      <body><article><h1>Cooling centres open</h1><div class="byline">By Al Verano</div>{_BODY}</article></body></html>"""
    [draft] = html_to_drafts(page)
    assert (draft.authors, draft.outlet) == (["Al Verano"], "Prairie Ledger")


def test_a_twitter_handle_gives_way_to_the_site_name_the_title_spells_out():
    page = f"""<html><head><title>Cooling centres open - Prairie Ledger</title>
      <meta name="twitter:site" content="@PrairieLedgerNews"></head>
      <body><article><h1>Cooling centres open</h1>{_BODY}</article></body></html>"""
    assert html_to_drafts(page)[0].outlet == "Prairie Ledger"


def test_the_headline_is_the_h1_the_page_declares_as_its_title_not_a_masthead_before_it():
    page = f"""<html><head><title>Cooling centres open across the county | The Prairie Ledger</title>
      <meta property="og:title" content="Cooling centres open across the county"></head>
      <body><header><a href="/"><h1>The Prairie Ledger Newspaper The Prairie Ledger</h1></a></header>
      <article><h1>Cooling centres open across the county</h1>{_BODY}</article></body></html>"""
    assert html_to_drafts(page)[0].title == "Cooling centres open across the county"


def test_a_declared_author_is_spelled_as_the_page_spells_it_or_dropped():
    page = f"""<html><head><title>Cooling centres open</title><meta name="author" content="Wen T. Okafor"></head>
      <body><article><h1>Cooling centres open</h1>{_BODY}</article></body></html>"""
    assert html_to_drafts(page)[0].authors == ["Wen T. Okafor"]  # trafilatura gives "Wen T Okafor"
    page = f"""<html><head><title>Cooling centres open</title></head>
      <body><article><h1>Cooling centres open</h1><div class="author-name">ledger4521</div>{_BODY}</article></body></html>"""
    assert html_to_drafts(page)[0].authors == []  # a handle, which trafilatura title-cases to "Ledger"


def _stamped_page(declared: str, printed: str, masthead_day: str = "", own: str = "") -> str:
    return f"""<html><head><title>Cooling centres open</title>
      <meta property="article:published_time" content="{declared}"></head>
      <body><header><span class="site-date">{masthead_day}</span></header>
      <article><h1>Cooling centres open</h1><time class="timestamp" datetime="{own}">{printed}</time>{_BODY}</article></body></html>"""


def test_a_utc_stamp_past_midnight_is_the_day_the_page_prints_in_its_own_zone():
    page = _stamped_page("2021-07-14T04:40:00Z", "10:48 pm MDT, Tuesday, July 13, 2021", own="2021-07-14T04:48:31Z")
    assert html_to_drafts(page)[0].published == "2021-07-13"  # an update 8 minutes on, printed 6 hours back
    page = _stamped_page("2021-07-14T04:40:00Z", "Updated Jul. 13, 2021 9:40 p.m.")
    assert html_to_drafts(page)[0].published == "2021-07-13"


def test_an_update_stamped_days_later_with_its_own_instant_does_not_move_the_declared_day():
    page = _stamped_page("2021-07-08T20:30:00Z", "Updated Jul 13, 2021, 10:28am EDT", own="2021-07-13T14:28:18Z")
    assert html_to_drafts(page)[0].published == "2021-07-08"  # first published, not updated


def test_a_masthead_day_or_an_unrelated_clock_does_not_move_the_declared_day():
    page = _stamped_page("2021-07-14T11:30:00Z", "", masthead_day="Thursday, July 15, 2021")
    assert html_to_drafts(page)[0].published == "2021-07-14"
    page = _stamped_page("2021-07-14T01:30:00Z", "July 13, 2021 6:07 pm")  # 7 h 23 min: no zone
    assert html_to_drafts(page)[0].published == "2021-07-14"


def _page_draft(page: str):
    [document] = read_source(Source(path="page.html", data=page.encode()))
    [draft] = split_document(document)
    return draft


_BODY = """<p>The river burst its banks above the old mill on Saturday night, flooding forty houses.</p>
  <p>Volunteers filled sandbags until dawn, the mayor said, and the water began to fall by noon.</p>
  <p>The regional council said it would pay for the repairs to the mill bridge.</p>"""


def test_the_author_structured_data_names_when_no_byline_is_marked():
    page = f"""<html><head><title>River floods mill quarter</title>
  <meta property="og:site_name" content="Valley Messenger">
  <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
   "author": {{"@type": "Person", "name": "Petra Lindqvist"}}}}</script></head>
  <body><article><h1>River floods mill quarter</h1><p class="meta">By Petra Lindqvist · Updated 3 May</p>
  {_BODY}</article></body></html>"""
    assert _page_draft(page).authors == ["Petra Lindqvist"]


def test_a_publisher_named_as_the_author_is_no_author():
    for author in ("Valley Messenger Broadcasting Corporation", "Valley Messenger"):
        page = f"""<html><head><title>River floods mill quarter</title>
  <meta property="og:site_name" content="Valley Messenger"><meta name="author" content="{author}"></head>
  <body><article><h1>River floods mill quarter</h1>{_BODY}</article></body></html>"""
        draft = _page_draft(page)
        assert draft.authors == [], author
        assert draft.outlet == "Valley Messenger"


def _site_page(head: str, credits: str = "") -> str:
    return f"""<html><head><title>Cooling centres open</title>{head}</head>
      <body><header><div class="site-logo"><img src="/l.png" alt="Prairie Ledger - County News - Weather"></div></header>
      <article><h1>Cooling centres open</h1>{credits}{_BODY}</article></body></html>"""


def test_the_outlet_is_the_name_the_page_gives_its_site_that_spells_its_domain():
    # og:site_name is the bare domain; the logo's alt text, cut at its dashes, spells it in words
    page = _site_page('<meta property="og:site_name" content="prairieledger.com">'
                      '<link rel="canonical" href="https://www.prairieledger.com/news/1">')
    assert html_to_drafts(page)[0].outlet == "Prairie Ledger"
    # initials and a last word spell a short domain: "The Valley Messenger Times" on vmtimes.com
    page = _site_page('<meta name="twitter:site" content="@VMTimes"><link rel="canonical" href="https://vmtimes.com/a">'
                      '<script type="application/ld+json">{"publisher": {"@type": "Organization", '
                      '"name": "The Valley Messenger Times"}}</script>')
    assert html_to_drafts(page)[0].outlet == "The Valley Messenger Times"


def test_a_declared_site_name_stands_when_the_domain_spelling_only_shortens_it():
    # "Ledger News" is the site's own name: "Ledger", which spells ledger.com, does not replace it
    page = _site_page('<meta property="og:site_name" content="Ledger News"><meta name="application-name" content="Ledger">'
                      '<link rel="canonical" href="https://ledger.com/a">')
    assert html_to_drafts(page)[0].outlet == "Ledger News"
    # a brand that is its domain keeps it: "Ledger.com", not the "Ledger" its app calls itself
    page = page.replace('content="Ledger News"', 'content="Ledger.com"')
    assert html_to_drafts(page)[0].outlet == "Ledger.com"


def test_a_syndicated_copy_is_the_outlet_of_its_own_address_not_of_its_canonical_link():
    page = _site_page('<meta property="og:site_name" content="Portal"><meta property="og:url" content="https://www.portal.com/a/1">'
                      '<link rel="canonical" href="https://www.prairieledger.com/news/1">')
    assert html_to_drafts(page)[0].outlet == "Portal"


def test_what_sites_print_after_a_bylines_name_is_not_part_of_it():
    cases = {'<div class="byline">By Wen Okafor Wen Okafor</div>': ["Wen Okafor"],  # link and text
             '<div class="byline">By Wen Okafor PRLedgerNews</div>': ["Wen Okafor"],  # the site's handle
             '<div class="byline">By ANA RUIZ and WEN OKAFOR Associated Press</div>': ["ANA RUIZ", "WEN OKAFOR"],
             '<div class="byline">Wen Okafor Prairie Ledger Published 2:16 AM EST Nov 20, 2019</div>': ["Wen Okafor"]}
    for credits, authors in cases.items():
        page = _site_page('<meta property="og:site_name" content="Prairie Ledger">', credits)
        assert html_to_drafts(page)[0].authors == authors, credits


def test_a_page_carrying_its_story_twice_gives_it_once():
    story = ("<p>The harbour board voted on Tuesday to rebuild the north breakwater before winter.</p>"
             "<p>Repairs will close the fishing quay for six weeks, the board's chair told reporters.</p>"
             "<p>“We cannot wait for another storm,” she said.</p>") * 1 + "".join(
        f"<p>Paragraph {n} of the story tells what the repairs will cost the town and who will pay for the "
        f"stone, the cranes and the divers over the coming weeks of work.</p>" for n in range(12))
    page = (f"<html><head><title>Breakwater to be rebuilt</title></head><body><article><h1>Breakwater to be "
            f"rebuilt</h1>{story}<div class='mobile-copy'>{story}</div></article></body></html>")
    [draft] = html_to_drafts(page)
    assert draft.text.count("north breakwater before winter") == 1
    assert draft.text.count("close the fishing quay") == 1 and draft.text.count("Paragraph 11 of") == 1


def test_lines_a_writer_repeats_are_kept():
    asked = "<p>What made you start cooking for a living?</p>"
    page = ("<html><body><article><h1>Three cooks</h1>" + "".join(
        f"{asked}<p>Cook {n} answered at length about the markets of the town, the first restaurant "
        f"kitchen and the grandmother who taught the recipes that still fill the menu today.</p>" for n in range(3))
        + "</article></body></html>")
    [draft] = html_to_drafts(page)
    assert draft.text.count("What made you start cooking") == 3
