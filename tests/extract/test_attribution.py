"""Attribution on invented sentences: every form of cue, abstention on unnamed roles, how each
speaker was found (`speaker_basis`), and the day of saying (`said_on`), through the real parse."""

from __future__ import annotations

import pytest

from cliptrace.extract.annotate import parse
from cliptrace.extract.entities import find_entities
from cliptrace.extract.nlp import index_sentences
from cliptrace.extract.quotes import find_quotes, quoted_spans
from cliptrace.model import ArticleDraft, Quote


def quotes_of(nlp, text: str, published: str | None = "2025-03-14") -> list[tuple[str, Quote]]:
    doc = index_sentences(parse([text], nlp)[0])  # paragraph by paragraph, as the pipeline parses
    draft = ArticleDraft(text=text, published=published)
    return [(text[q.start:q.end], q) for q in find_quotes(doc, draft, find_entities(doc, draft).resolve)]


def holding(found: list[tuple[str, Quote]], phrase: str) -> Quote:
    matches = [q for words, q in found if phrase in words]
    assert matches, f"no quote holds {phrase!r}: {[w for w, _ in found]}"
    return matches[0]


def test_any_verb_beside_a_quote_is_its_cue_and_an_unnamed_role_stays_a_description(nlp):
    text = ("The ferry service to the islands stopped for a week.\n\n"
            "\"The boats have not left the harbour since Monday,\" grumbled Tomas Weller, a fisherman.\n\n"
            "\"We lost the whole season of crab,\" Ingrid Solberg fretted.\n\n"
            "\"The service will resume when the storm passes,\" the treasurer said.\n")
    found = quotes_of(nlp, text)
    grumbled = holding(found, "have not left the harbour")
    assert (grumbled.speaker, grumbled.cue, grumbled.speaker_basis) == ("Tomas Weller", "grumbled", "name")
    fretted = holding(found, "whole season of crab")
    assert fretted.speaker == "Ingrid Solberg" and fretted.cue == "fretted"
    unnamed = holding(found, "service will resume")
    assert unnamed.speaker == "the treasurer" and unnamed.speaker_id is None  # never Ingrid Solberg
    assert unnamed.speaker_basis == "description" and unnamed.confidence < fretted.confidence


def test_a_role_links_to_the_person_the_article_names_in_it(nlp):
    text = ("Transport Minister Carla Ruiz visited the depot on Friday with the mayor.\n\n"
            "\"The new trams arrive in spring,\" the minister said.\n")
    said = holding(quotes_of(nlp, text), "new trams arrive")
    assert said.speaker == "Carla Ruiz" and said.speaker_id is not None and said.speaker_basis == "description"


def test_signature_lines_and_colon_introductions_attribute_the_quote(nlp):
    text = ("Harbour officials reacted to the new dredging plan.\n\n"
            "“Deeper berths mean larger ships and more jobs for the town.” — Marta Lindqvist, harbour master\n\n"
            "And from the pilots' association, its chair Jonas Brekke:\n\n"
            "“Nobody asked us where the sandbanks move in winter, and they move every year.”\n")
    found = quotes_of(nlp, text)
    signed = holding(found, "Deeper berths")
    assert (signed.speaker, signed.speaker_basis) == ("Marta Lindqvist", "name")
    introduced = holding(found, "Nobody asked us")
    assert introduced.speaker == "Jonas Brekke"


def test_a_clause_before_the_speaker_and_cue_is_reported_speech(nlp):
    text = "The reservoir fell to a third of its capacity, the water board said.\n"
    said = holding(quotes_of(nlp, text), "The reservoir fell")
    assert said.kind == "indirect" and said.speaker == "the water board" and said.speaker_id is None


def test_reported_speech_holding_quoted_words_is_mixed(nlp):
    text = "Amara Okafor said the delay to the bridge repairs \"cannot go on for another winter\".\n"
    said = holding(quotes_of(nlp, text), "cannot go on")
    assert said.kind == "mixed" and said.speaker == "Amara Okafor"


@pytest.mark.parametrize("text", [
    "''The stove is older than I am,'' said the baker. ``Nobody makes parts for it now,'' he added.",
    'The baker said: " The stove is older than I am " and shrugged.',
])
def test_doubled_and_padded_marks_are_quotation_marks(text):
    spans = [text[s:e] for s, e in quoted_spans(text)]
    assert spans[0] in ("The stove is older than I am,", "The stove is older than I am")


def test_said_on_comes_from_the_act_of_saying_not_from_the_reported_words(nlp):
    text = ("The parks office said on Tuesday that the lake trail had been closed since February 3.\n\n"
            "The rangers said 40 trees had fallen in the storm of 2 March.\n")
    found = quotes_of(nlp, text, published="2025-03-14")  # a Friday
    assert holding(found, "lake trail").said_on == "2025-03-11"
    assert holding(found, "40 trees").said_on is None


def test_a_quote_without_cue_continues_the_latest_voice_before_it_not_a_distant_one(nlp):
    text = ("\"The orchard needs rain,\" said Paula Brandt, who grows pears.\n\n"
            "\"Without it the fruit splits before August.\"\n\n"
            "Her neighbour Henrik Dahl praised the new irrigation scheme at the village meeting.\n\n"
            "\"The pipes will pay for themselves within three summers.\"\n\n"
            "The council has not published the cost.\n\n"
            "The scheme was first proposed in 2019.\n\n"
            "\"Nobody will pay twice for the same water.\"\n")
    found = quotes_of(nlp, text)
    resumed = holding(found, "fruit splits")
    assert resumed.speaker == "Paula Brandt" and resumed.speaker_basis == "continuation"
    assert holding(found, "pay for themselves").speaker == "Henrik Dahl"
    assert all("pay twice" not in words for words, _ in found)  # too far from any voice: not attributed


def test_the_group_is_the_one_group_named_before_and_nobody_when_there_are_two(nlp):
    one = ("The Ember Brigade claimed the night raid on the depot outside the town of Varn.\n\n"
           "\"We will strike again before winter,\" the group said in a statement.\n")
    linked = holding(quotes_of(nlp, one), "strike again")
    assert (linked.speaker, linked.speaker_basis) == ("Ember Brigade", "description") and linked.speaker_id
    two = ("The Ember Brigade and the Northern Front both claimed the raid on the depot.\n\n"
           "\"We will strike again before winter,\" the group said in a statement.\n")
    unsure = holding(quotes_of(nlp, two), "strike again")
    assert unsure.speaker == "the group" and unsure.speaker_id is None  # which group? abstain


def test_a_persons_supporters_or_lawyer_are_not_that_person(nlp):
    text = ("The quarterback was fined after the brawl at Delmar Stadium.\n\n"
            "Dario Venn's supporters have said that Venn had no choice but to defend himself.\n\n"
            "Kessler's lawyer said the fine would be appealed.\n")
    found = quotes_of(nlp, text)
    supporters = holding(found, "had no choice")
    assert (supporters.speaker, supporters.speaker_id) == ("Dario Venn's supporters", None)
    assert supporters.speaker_basis == "description"
    lawyer = holding(found, "fine would be appealed")
    assert (lawyer.speaker, lawyer.speaker_id, lawyer.speaker_basis) == ("Kessler's lawyer", None, "description")


def test_she_after_a_named_speaker_of_unknown_gender_is_that_speaker(nlp):
    # A woman named earlier does not outweigh the speaker named in the sentence just before.
    text = ("Helen Marsh, the union treasurer, read the budget on Monday. She chairs the audit board.\n\n"
            "The night staff gathered at the gate after the reading.\n\n"
            "“We asked for nothing but fair shifts,” said Robin Calloway, who runs the night ward. "
            "She said the hospital had cut six posts since June.\n")
    found = quotes_of(nlp, text)
    reported = holding(found, "cut six posts")
    assert reported.speaker == "Robin Calloway" and reported.speaker_basis == "pronoun"


def test_a_quote_after_he_said_keeps_that_voice_not_the_next_paragraphs(nlp):
    text = ("In the third period, the home captain Lars Brenn went after Tomasz Kowal and threw a punch.\n\n"
            "“I didn’t really see him coming,” Kowal said. “He came off my back and I just wasn’t ready for it.”\n\n"
            "Anders Holt said: “We have been there. You could tell we were getting under their skin a bit.”\n")
    found = quotes_of(nlp, text)
    second = holding(found, "came off my back")
    assert second.speaker.endswith("Kowal") and second.speaker_basis == "continuation"
    assert holding(found, "We have been there").speaker == "Anders Holt"


def test_as_someone_put_it_attributes_the_quote_before_it(nlp):
    text = ("The council has long been divided over the harbour plan. Its main test is a \"proof of steady "
            "local funding for the next decade,\" as a planning office report put it.\n\n"
            "Lena Gorski, who chairs the finance panel, said the plan would bankrupt the town.\n")
    found = quotes_of(nlp, text)
    quoted = holding(found, "steady local funding")
    assert (quoted.speaker, quoted.speaker_id, quoted.cue) == ("a planning office report", None, "put")
    # "as" with a verb that has an object of its own is a time clause, not an attribution.
    crowd = quotes_of(nlp, "Crowds shouted “Save our harbour,” as hundreds of fishermen lined the quay, many "
                           "holding signs with slogans such as “No Cranes On Our Beaches, No Towers On Our Dunes.”\n")
    assert all(q.cue != "lined" for _, q in crowd)


def test_a_quote_a_named_subject_attacked_is_theirs_not_the_previous_speakers(nlp):
    text = ("“The station will open on time,” said Piet Grommel, the rail board's manager.\n\n"
            "In a speech on Friday, Ilse Brandt attacked “the endless delays of the rail board and its managers.”\n")
    found = quotes_of(nlp, text)
    attacked = holding(found, "endless delays")
    assert (attacked.speaker, attacked.cue, attacked.speaker_basis) == ("Ilse Brandt", "attacked", "name")


def test_a_denied_report_is_not_the_voice_a_later_quote_continues(nlp):
    text = ("\"We have had trouble with the northern fleets before,\" Mayor Aldo Ferrante said after meeting the "
            "fishing council. He did not suggest a ban. \"Our aim is to write rules that every harbour on this "
            "coast can live with.\"\n")
    found = quotes_of(nlp, text)
    aim = holding(found, "Our aim is")
    assert aim.speaker_basis == "continuation" and aim.cue == "said"


def test_an_elided_decade_opens_no_quote_and_a_spaced_closing_mark_closes_one():
    text = "In the early '90s, she taught near Oskarby and called the inspector 'rude' more than once."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["rude"]
    text = "\"I have never liked the phrase 'rural development,' \" she told the farmers. \"Never.\""
    assert [text[s:e] for s, e in quoted_spans(text)] == ["I have never liked the phrase 'rural development,'", "Never."]


def test_a_name_inside_an_appositive_role_is_not_the_speaker(nlp):
    # The small model tags the place as a person and the speaker as an organisation: abstain.
    text = ("“He's quite correct. There's a wide split between this harbour office and honestly the mayor and our "
            "coast guard,” Brandt, a loyal Kesh ally, said Tuesday night on Kesh Radio’s “Morning Tide.”\n")
    found = quotes_of(nlp, text)
    assert holding(found, "wide split").speaker != "Kesh"


def test_the_name_right_after_a_quote_speaks_when_a_quoted_show_title_takes_the_subject(nlp):
    text = ("“She's quite correct. There's a wide split between this harbour office and honestly the mayor and our "
            "coast guard,” Jenkins, a senior Kesh adviser, said Tuesday night on Kesh Radio’s “Morning Tide.” "
            "“Look, there's a lot of anger.”\n")
    found = quotes_of(nlp, text)
    assert holding(found, "wide split").speaker == "Jenkins"


def test_after_saying_speaks_in_the_voice_of_the_main_clauses_subject(nlp):
    text = ("\"The ferry was late again,\" said Ola Brenner, who drives the harbour bus.\n\n"
            "In her 2019 memoir, Greta Lindahl recalled the storm.\n\n"
            "After saying the waves were \"taller than the church tower,\" she was \"carried below deck by two "
            "sailors\" for the rest of the crossing.\n")
    found = quotes_of(nlp, text)
    waves = holding(found, "taller than the church tower")
    assert (waves.cue, waves.speaker_basis, waves.speaker) == ("saying", "pronoun", "Greta Lindahl")


def test_a_report_in_a_when_clause_ends_where_the_main_clause_begins(nlp):
    text = ("At first the council did not take Mr. Orlov seriously. So when the mill announced last winter that it "
            "would sell the land to Mr. Orlov, Ms. Kettering said, \"we were stunned.\"\n")
    found = quotes_of(nlp, text)
    announced = holding(found, "sell the land")
    assert announced.speaker == "the mill" and "stunned" not in text[announced.start:announced.end]
    assert holding(found, "we were stunned").speaker == "Kettering"
    # A participle ("Stressing …, she said") is no such clause: what it stresses is not reported apart.
    text = ("Stressing the council's confusion about its own plan for the mill, Ms. Kettering said, "
            "\"Nobody in that room knows what the land is worth, and nobody has asked the farmers.\"\n")
    assert not [q for _, q in quotes_of(nlp, text) if q.kind == "indirect"]


def test_a_quote_inside_a_sentence_is_its_subjects_or_nobodys_never_the_last_voice(nlp):
    # A quote set inside a sentence belongs to that sentence's subject when it names someone; else it
    # stays unnamed. The voice of the paragraph before is not carried into it.
    text = ("“We will open the new ferry line in May,” the transport chief Lena Dahl said.\n\n"
            "Outside the hall, a few dozen residents waved flags and sang the old harbour song “the tide will carry "
            "us home again, brothers, the tide will carry us home.”\n\n"
            "“Nobody has seen a single contract,” said councillor Mats Berg. “Not one page of them has reached "
            "this council.”\n\n"
            "Rune Holm, who chairs the ferry board, anticipated that the hardest part would be “keeping the ferries running through "
            "a winter that nobody can predict.”\n")
    found = quotes_of(nlp, text)
    song = holding(found, "the tide will carry us home")
    assert song.speaker is None and song.speaker_mention is None and song.confidence == 0
    assert holding(found, "keeping the ferries running").speaker == "Rune Holm"
    # A quote standing as its own sentence still goes on in the voice before it.
    assert holding(found, "Not one page").speaker == "Mats Berg"
    assert holding(found, "new ferry line").speaker == "Lena Dahl"


def test_a_speaker_after_an_inverted_cue_read_as_its_object_still_speaks(nlp):
    # `“…,” added a county chairman`: the parser takes the phrase after the cue for its object.
    text = ("Party members met in the old school hall on Sunday.\n\n"
            "“The mayor has lost the north of the county for good,” said Hanna Lunde, the party secretary.\n\n"
            "“The gap is too wide to close in a single week,” added a county chairman from the coast. "
            "“Nobody here expects a miracle.”\n")
    found = quotes_of(nlp, text)
    gap = holding(found, "The gap is too wide")
    assert (gap.speaker, gap.cue, gap.speaker_basis) == ("a county chairman", "added", "description")
    assert gap.speaker_id is None  # a role nobody is named in: never Hanna Lunde
    assert holding(found, "Nobody here expects").speaker == "a county chairman"


def test_a_quote_continues_only_one_persons_voice_told_right_before_it(nlp):
    # A quotation with no cue of its own, in the paragraph after a voice, goes on in it only when
    # nothing else was written between, and a voice only reported (not quoted) must be one person:
    # after a group's or an organisation's report, or a sentence about something else, the speaker
    # is left empty rather than guessed. An organisation's quoted statement runs on.
    text = ("Critics of the tunnel plan said the budget had doubled since the spring.\n\n"
            "“Nobody in this valley asked for a second tunnel.”\n\n"
            "The county water board warned that the river would flood the works in March.\n\n"
            "“We have seen the river rise four metres in a night.”\n\n"
            "“The pumps will hold,” engineer Ingrid Moe said. She then led the visitors into the control room.\n\n"
            "“Every valve here can be shut from the town hall.”\n\n"
            "“The old tunnel is safe,” said Ola Rud, who wrote the first survey of the works in 1998.\n\n"
            "“I have walked every metre of it myself.”\n\n"
            "The Fjord Line ferry company said in a statement: “The crossings will resume on Monday.”\n\n"
            "“Passengers holding tickets for the cancelled days will be refunded in full.”\n")
    found = quotes_of(nlp, text)
    for unspoken in ("Nobody in this valley", "river rise four metres", "Every valve"):
        assert all(q.speaker is None for words, q in found if unspoken in words), unspoken
    assert holding(found, "The pumps will hold").speaker == "Ingrid Moe"
    walked = holding(found, "walked every metre")  # the relative clause's verb is not a new voice
    assert (walked.speaker, walked.speaker_basis) == ("Ola Rud", "continuation")
    refunded = holding(found, "will be refunded in full")
    assert refunded.speaker == holding(found, "crossings will resume").speaker is not None
    assert refunded.speaker_basis == "continuation"


def test_a_short_question_or_cry_is_a_quotation_of_the_cue_right_after_it(nlp):
    """The parser ends a sentence at a quotation's "?" or "!", so the cue after it governs none of
    its words; a quotation of four words or fewer was then dropped as a scare-quoted term."""
    text = ("The council met on Monday to vote on the harbour plan.\n\n"
            "\"Why should we wait?\" Anna Berg asked the mayor.\n\n"
            "\"Never again!\" shouted Piet Mulder from the gallery.\n\n"
            "Locals call the bay \"the big kettle.\" Berg said it floods every spring.\n")
    found = quotes_of(nlp, text)
    asked = holding(found, "Why should we wait?")
    assert (asked.kind, asked.speaker, asked.cue) == ("direct", "Anna Berg", "asked")
    shouted = holding(found, "Never again!")
    assert (shouted.speaker, shouted.cue) == ("Piet Mulder", "shouted")
    assert not [q for words, q in found if "kettle" in words]  # a name for the bay, not a quotation


def test_a_bare_that_or_quoted_words_as_subject_leave_the_speaker_empty(nlp):
    text = ("The mayor and the harbour board issued a statement describing their meeting as a \"very productive "
            "first step toward agreement\" that recognized \"several important areas of common ground\" between them.\n\n"
            "The fishermen gathered outside the town hall on Friday. That is not to suggest that the \"talks were "
            "doomed from the start,\" as some had feared.\n")
    found = quotes_of(nlp, text)
    for phrase in ("several important areas", "talks were doomed"):
        quote = holding(found, phrase)
        assert (quote.speaker, quote.speaker_mention, quote.speaker_basis) == (None, None, "unknown"), phrase


def test_a_participle_cue_is_never_its_own_speaker(nlp):
    """The parser reads "…, writing “Feels great …”" as if "writing" were the subject of the
    quoted verb; the speaker is the subject of the clause the participle hangs from."""
    text = ("Band member Kip shared the news online last week, writing “Feels great to back a mayor who "
            "listens to us.”\n")
    written = holding(quotes_of(nlp, text), "Feels great")
    assert written.cue == "writing" and written.speaker == "Kip"


def test_a_bare_quantity_as_subject_leaves_the_speaker_empty(nlp):
    """"few carry out:", "some said": a quantity names no one who can be asked about the words."""
    text = ("It is a promise that many fans repeat and few carry out: “If we lose again, I am done with this team "
            "for good!”\n\n"
            "Several residents spoke at the hearing. “The road floods every single winter and the county does "
            "nothing,” some said.\n")
    found = quotes_of(nlp, text)
    for phrase in ("done with this team", "road floods"):
        quote = holding(found, phrase)
        assert (quote.speaker, quote.speaker_mention) == (None, None), phrase


def test_a_participle_cue_takes_no_voice_from_an_earlier_line(nlp):
    """A participle whose verb the parse lost goes on in the voice before it on its own line only
    ("“…,” adding that …"); in a text written one paragraph a line, the line before is another
    paragraph and another voice."""
    text = ("The coach told the striker that he was “whining” about the pitch.\n"
            "The club may not see the pressure its young players face this season.\n"
            "Supporters are especially keen on telling athletes to stop “sulking” or “griping” whenever they "
            "raise an injury.\n")
    found = quotes_of(nlp, text)
    assert holding(found, "whining").speaker == "The coach"
    assert all(q.speaker_mention is None for words, q in found if words in ("sulking", "griping"))


def test_a_cue_in_a_clause_of_time_is_not_the_voice_of_a_quotation_outside_it(nlp):
    """"Before X explained …, Y snapped, “…”": the cue nearest the quotation is X's, in a clause
    telling what led to it; "snapped" is no cue word, so the quotation stays unattributed."""
    text = ("Before the referee explained the ruling to the crowd, the captain snapped, “We were robbed, and "
            "everyone in this stadium saw it happen.”\n\n"
            "When Smith shouted “Fire in the hall, everyone out now!” the guests ran.\n")
    found = quotes_of(nlp, text)
    assert holding(found, "We were robbed").speaker_mention is None
    assert holding(found, "Fire in the hall").speaker == "Smith"  # a quotation inside the clause is its own


def test_a_cue_whose_own_subject_the_parse_lost_does_not_take_the_first_verbs(nlp):
    """"… the Gazette will call you a scab and Channel Four News will accuse you of …": the parser
    joins "Channel Four News" to "scab", and the conjoined cue climbed to the first verb's subject."""
    text = ("Cross the union, the Gazette will call you a scab and Channel Four News will accuse you of a "
            "“total meltdown.”\n")
    assert all(q.speaker_mention is None for _, q in quotes_of(nlp, text))
    text = ("The driver at first said he never saw the signal, but in a second statement said he had looked "
            "away to answer his phone.\n")  # a noun ending an adverbial phrase is no subject
    assert holding(quotes_of(nlp, text), "looked away").speaker == "The driver"


def test_a_colon_line_names_the_speaker_only_in_its_last_clause(nlp):
    """A line ending in a colon speaks through its cue or the person it names, but not a cue
    before a dash (a headline's), a name before another clause's subject, or a possessor; the
    quotation is kept with no speaker."""
    text = ("Jonas Lee backed a visitor register in March, and the Ledger has the tape:\n\n"
            "“Every tourist should be entered in a national register before they land.”\n\n"
            "Bankers disagree - Ruth Adams: “The rate cut came too late, because firms had already frozen hiring "
            "by the summer.”\n\n"
            "The ministry's whole plan hangs on Minister Dahl's promise:\n\n"
            "“The tunnel will open in May and not one crown more will be spent on it.”\n\n"
            "Forecasters did predict the inland rain - WeatherDesk: “While the coast was caught out on Tuesday, "
            "most models handled the valleys well.”\n")
    found = quotes_of(nlp, text)
    for phrase in ("national register", "tunnel will open", "most models handled"):
        quote = holding(found, phrase)
        assert (quote.speaker, quote.speaker_mention) == (None, None), phrase
    assert holding(found, "rate cut came too late").speaker == "Ruth Adams"
    text = ("Senator Maria Gomez backs \"sensible wage increases,\" rejects \"sweeping arbitrary hiring bans\" and "
            "recalled the long freeze on teachers' salaries: \"I watched teachers learn that their salaries would "
            "not move for years, and it hurt.\"\n")  # neither quoted words nor "teachers'" end her clause
    assert holding(quotes_of(nlp, text), "I watched teachers").speaker == "Maria Gomez"


def test_a_cue_on_the_next_line_is_another_paragraphs_in_a_text_written_a_paragraph_a_line(nlp):
    """With one paragraph a line, the parser runs a quotation's sentence on into the next line, and
    the cue there ("Lindgren disagreed.", "Earlier …, Ortiz said …") took the quotation."""
    text = ("Ortiz opened the debate with an attack on the harbour budget.\n"
            "\"She skipped every vote on the dredging money,\" Ortiz said, adding that he had found the money "
            "himself as mayor. \"Mayors answer for what they promise, not for what is easy. That is the work; the "
            "rest is paperwork.\"\n"
            "Lindgren disagreed.\n"
            "\"The budget is about priorities,\" she said.\n")
    assert holding(quotes_of(nlp, text), "Mayors answer").speaker == "Ortiz"
    text = ("Park had an answer ready.\n"
            "\"Notice that she dodged the question,\" he said of Lindgren. \"That is how she treats voters too. "
            "People see through it.\"\n"
            "Earlier that evening, in his first remarks, Ortiz said he was the only candidate with a plan.\n")
    quote = holding(quotes_of(nlp, text), "treats voters")
    assert quote.speaker != "Ortiz" and quote.speaker_basis == "continuation"  # it goes on in "he said"


@pytest.mark.parametrize("report", ["Critics of the rule said it was written to shut small bakeries.",
                                    "(The rule requires that bakers hold a second permit from the county, critics "
                                    "say.)\u00a0"])
def test_in_a_text_written_a_paragraph_a_line_a_reported_groups_voice_stops_at_the_line(nlp, report):
    """In a text written one paragraph a line, the next line is the next paragraph: a quotation
    there goes on in a voice only reported before it when that voice is one person's, as past a
    blank line; a group's ("critics said") is followed by other people's words as often."""
    text = (f"Reyes also spoke about the zoning case now before the court.\n{report}\n"
            "“A licence you can never obtain is not a licence. That is the whole question before the judges.”\n")
    quote = holding(quotes_of(nlp, text), "licence you can never obtain")
    assert quote.speaker_mention is None and quote.speaker_basis == "unknown"


def test_a_subject_joining_several_named_people_is_no_one_persons_voice_to_continue(nlp):
    """The parser reads "Berg, Channel Nine’s X and the Courier’s Y argued" as Berg with the others
    in apposition; the quotation in the next paragraph was given to Berg alone."""
    text = ("The panel on Sunday turned to the transit levy.\n\n"
            "Instead, Berg, Channel Nine’s Tomas Lindqvist and the Courier’s Ana Petrova argued that the levy comes "
            "from a rather simple picture of how commuters behave.\n\n"
            "\"It sounds fine, but no one has said who would really pay for it when the buses run empty, and that "
            "matters.\"\n")
    quote = holding(quotes_of(nlp, text), "It sounds fine")
    assert quote.speaker_mention is None and quote.speaker_basis == "unknown"


def test_a_cue_in_a_clause_of_time_is_not_the_voice_a_later_quotation_continues(nlp):
    # "…, an hour after the engineers announced …": the next quotation goes on in the main clause's
    # voice, never in the one its clause of time reports.
    text = ("“We will finish the bridge before the spring floods,” Mayor Tilda Varga said at the quay, an hour "
            "after the engineers announced a delay of two months. “Nobody in this town should worry about it.”\n")
    found = quotes_of(nlp, text)
    assert holding(found, "finish the bridge").speaker == "Tilda Varga"
    assert holding(found, "Nobody in this town").speaker == "Tilda Varga"


def test_a_report_in_a_relative_clause_ends_where_the_clause_does(nlp):
    # "X, who said that …, issued a statement saying “…”": the relative clause's report ends before
    # the main clause, whose quotation is not part of it (nor the voice of those the clause is about).
    text = ("Councillor Ben Rask, who said last month that the ferry would be sold to a private company, issued "
            "a statement on Friday saying, “The ferry stays with the town, whatever the board decides.”\n\n"
            "Farmers who agree that the dam should be built were angry about the lack of detail.\n")
    found = quotes_of(nlp, text)
    sold = holding(found, "would be sold")
    assert sold.speaker == "Ben Rask" and "statement" not in text[sold.start:sold.end]
    assert holding(found, "The ferry stays").speaker == "Ben Rask"
    assert holding(found, "dam should be built").speaker == "Farmers"


def test_a_passive_participle_cue_opening_a_sentence_names_no_speaker(nlp):
    # "Asked why …, X replied, “…”": X is the one asked, not the asker, and the question's clause is
    # no report of X that runs on into X's own quotation.
    text = ("Asked why the council did not publish the full list of contractors, as the law requires, Mayor "
            "Tilda Varga replied, “I think you have found one more example of a law nobody can follow.”\n\n"
            "Asked whether the ferry would be sold, the harbour master Jonas Brekke said, “Not while I am here.”\n")
    found = quotes_of(nlp, text)
    replied = holding(found, "one more example")
    assert (replied.kind, replied.cue, replied.speaker) == ("direct", "replied", "Tilda Varga")
    said = holding(found, "Not while I am here")
    assert (said.kind, said.cue, said.speaker) == ("direct", "said", "Jonas Brekke")
    assert not [q for _, q in found if q.cue == "Asked" and q.speaker_mention is not None]
    # Nor is a relative clause's report inside the question, whatever noun it hangs on.
    text = ("Asked whether the family business, which his friends described as miserable, had ruined his brother, "
            "Mr. Lund said: “I hope not.”\n")
    assert holding(quotes_of(nlp, text), "I hope not").speaker == "Lund"


def test_said_on_is_never_a_date_inside_what_a_cue_reports_through_its_object(nlp):
    # "pointed to …", "denied …": the reported content is the object or the preposition's, and the
    # parser hangs its date under the cue itself.
    text = ("Councillor Greta Holm pointed to the record turnout in the March 15 primary as proof that the plan "
            "works.\n\nThe harbour board denied on Tuesday any role in the March 3 collapse of the old pier.\n")
    found = quotes_of(nlp, text)
    assert holding(found, "record turnout").said_on is None
    assert holding(found, "collapse of the old pier").said_on == "2025-03-11"


def test_a_name_that_only_modifies_the_speaker_phrase_is_not_the_speaker(nlp):
    text = ("“We checked every sample twice,” Goddard planetary scientist Avi Mandell said of the findings.\n\n"
            "According to a report in the Argus Leader of Sioux Falls, the governor approved the plan on Monday.\n\n"
            "“This is a disaster for the port,” one Weibo commenter wrote on Tuesday.\n\n"
            "“We will not back down,” Hamas sources said on Sunday.\n")
    found = quotes_of(nlp, text)
    assert holding(found, "every sample twice").speaker == "Avi Mandell"  # the person the phrase is about
    assert holding(found, "governor approved").speaker_id is None  # a report, not the town it is from
    assert (holding(found, "disaster for the port").speaker, holding(found, "disaster for the port").speaker_id) == (
        "one Weibo commenter", None)  # someone on the site, not the site
    assert holding(found, "not back down").speaker == "Hamas"  # sources speak for their organisation


def test_a_name_apposed_to_a_long_title_is_the_speaker_though_the_parser_hangs_it_low(nlp):
    text = ("Former Interior and Finance Minister and current head of the “Green Coast” party, Marek Halloway, "
            "criticized Prime Minister Lena Dvorak’s budget policies and said, “This budget cannot survive the "
            "first winter.”\n")
    assert holding(quotes_of(nlp, text), "cannot survive").speaker == "Marek Halloway"


def test_an_outlet_that_relays_a_speakers_words_is_not_their_speaker(nlp):
    text = ("Mayor Tom Reyes spoke to farmers on Monday.\n\n"
            "“Prices have to come down before the harvest,” he said, according to the Valley Gazette.\n\n"
            "There is no evidence linking the third case to the first two, the provincial health commission "
            "said, according to Reuters.\n")
    found = quotes_of(nlp, text)
    assert holding(found, "Prices have to come down").speaker == "Tom Reyes"
    assert [q.speaker for words, q in found if "no evidence linking" in words] == ["provincial health commission"]


def test_an_outlets_own_report_stays_its_own_when_a_cue_sits_lower_in_it(nlp):
    text = "According to Reuters, the talks collapsed on Monday after the minister said he would resign.\n"
    assert any(q.speaker == "Reuters" and "talks collapsed" in words for words, q in quotes_of(nlp, text))
