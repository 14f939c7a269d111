"""Numeric claims about people ("killed at least 19,667 Palestinians", "release 30 to 40 captives").

Rules over spaCy's parse, written here because no library reads casualty counts:
1. a candidate is a CARDINAL entity (or a bare number spaCy left unlabelled); two joined by
   "to"/"-"/"and" ("30 to 40", "between 30 and 40") are one range;
2. the counted noun is the number's head ("19,667" -> "Palestinians"), or the number itself when
   the noun is left out ("of the 128 still held");
3. a figure counts people: the noun is a people word or a nationality, or a casualty word governs
   it ("killed 5"). Counts of time units, money, visits and labels ("Resolution 2334") are not
   figures, nor are vague amounts ("dozens", "tens of thousands");
4. the category comes from the nearest casualty word: the noun's own modifiers ("5 Palestinians
   killed"), then the words above it up to its clause ("the martyrdom of 33", "an exchange of 240
   abductees"), then the noun itself ("martyrs", "captives");
5. the cited source is "according to X", the subject of a reporting verb above the figure ("Israeli
   media reported that ..."), or the speaker of the quotation the figure sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from cliptrace.extract.dates import resolve_date_expression
from cliptrace.extract.entities import PRONOUNS
from cliptrace.extract.nlp import doc_ents, doc_text
from cliptrace.model import ArticleDraft, Figure, FigureCategory

# Words that say what happened to the people counted; lemmas, lower case.
_EVENT_WORDS: dict[str, FigureCategory] = {
    **dict.fromkeys(
        ["kill", "killed", "murder", "martyr", "martyrdom", "death", "die", "slaughter", "massacre",
         "assassinate", "execute", "toll", "fatality", "casualty", "dead", "claim"],
        "killed",
    ),
    **dict.fromkeys(["injure", "injured", "wound", "wounded", "hurt", "injury", "maim", "suffocate"],
                    "injured"),
    **dict.fromkeys(
        ["arrest", "detain", "detention", "incarcerate", "imprison", "jail", "abduct", "kidnap"],
        "detained",
    ),
    **dict.fromkeys(["release", "free", "exchange", "swap", "liberate", "return"], "released"),
    **dict.fromkeys(["displace", "displacement", "flee", "evacuate", "uproot"], "displaced"),
    "missing": "missing",
}
# What the counted people are, when no event word says what happened to them ("20,000 martyrs").
_STATE_NOUNS: dict[str, FigureCategory] = {
    **dict.fromkeys(["martyr", "dead", "fatality", "death"], "killed"),
    **dict.fromkeys(["injured", "wounded", "injury"], "injured"),
    **dict.fromkeys(["prisoner", "detainee", "inmate", "arrestee"], "detained"),
    **dict.fromkeys(["captive", "hostage", "abductee"], "captives"),
    **dict.fromkeys(["refugee", "displaced", "evacuee"], "displaced"),
    "missing": "missing",
}
_PEOPLE_NOUNS = {
    "people", "person", "persons", "individual", "civilian", "child", "kid", "woman", "man", "baby",
    "infant", "minor", "adult", "elderly", "resident", "citizen", "inhabitant", "other", "soldier",
    "troop", "fighter", "militant", "member", "leader", "official", "journalist", "reporter", "medic",
    "doctor", "nurse", "paramedic", "worker", "staff", "employee", "student", "pupil", "victim",
    "settler", "foreigner", "national", "family", "patient", "corpse", "body", "protester",
    "demonstrator", "worshipper", "farmer", "fisherman", "commander", "officer", "policeman",
    "operative", "combatant", "youth", "teenager", "boy", "girl", "mother", "father", "son",
    "daughter", "volunteer", "rescuer", "detainee", "prisoner", "captive", "hostage", "abductee",
    "martyr", "casualty", "refugee", "evacuee", "dead", "wounded", "injured", "missing", "displaced",
    "Palestinian", "Israeli", "Lebanese", "Syrian",
}
# Things counted beside casualty words ("released two reports", "litres of fuel", "freed in one
# hit"). People nouns are an open class (foremen, pilgrims, crew), so the things are listed instead.
_THING_NOUNS = {
    "report", "album", "song", "single", "video", "film", "movie", "episode", "series", "season", "book",
    "paper", "study", "poll", "survey", "document", "statement", "letter", "record", "warrant", "charge", "count", "bid",
    "contract", "order", "bill", "law", "measure", "game", "match", "goal", "point", "hit", "shot",
    "throw", "run", "vote", "seat", "city", "town", "village", "country", "state", "province",
    "district", "home", "house", "building", "car", "vehicle", "truck", "lorry", "plane", "aircraft",
    "jet", "ship", "boat", "tank", "rocket", "missile", "drone", "bomb", "shell", "weapon", "gun",
    "litre", "liter", "gallon", "barrel", "container", "box", "bag", "item", "product", "share",
    "stock", "unit", "device", "phone", "app", "file", "page", "copy", "title", "track", "award",
    "prize", "medal", "ticket", "dose", "explanation", "part", "skid", "image", "photo", "picture",
}
# Counted nouns that make a number a measure, not a head count.
_UNIT_NOUNS = {
    "second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century", "time",
    "visit", "percent", "%", "dollar", "shekel", "euro", "pound", "riyal", "lira", "kilometre",
    "kilometer", "meter", "metre", "mile", "ton", "tonne", "round", "age", "resolution", "article",
}
_REPORTING_VERBS = {
    "say", "report", "tell", "state", "add", "note", "stress", "announce", "affirm", "emphasise",
    "emphasize", "confirm", "claim", "reveal", "declare", "explain", "indicate", "maintain", "point",
    "warn", "insist", "estimate", "document", "record", "continue", "accuse", "write", "tweet",
}
# Reporting verbs whose subject is a speaker ("two officials said"), not what a count is of
# ("200 protesters continued", "40 homes recorded").
_SPEECH_VERBS = _REPORTING_VERBS - {"continue", "record", "document", "claim", "point", "maintain", "accuse",
                                    "indicate"}
# Words that introduce a part of a count just given: "…, including three children".
_PART_BEFORE = re.compile(r"\b(?:including|among\s+(?:them|whom|those)|of\s+whom)\s+(?:at\s+least\s+|some\s+)?$",
                          re.I)
_PART_AFTER = re.compile(r"\s+of\s+(?:them|whom)\b", re.I)  # "three of them children"
_HYPHENS = ("-", "–", "‑")
MAX_FAMILY = 9  # "her three children", "his two brothers": the size of a household, not a toll
_HEDGES: list[tuple[str, str]] = [
    (r"at least|no fewer than|no less than", "at_least"),
    (r"more than|over|upwards of|in excess of|above", "more_than"),
    (r"about|around|nearly|almost|some|approximately|roughly|close to|an estimated|estimated",
     "about"),
    (r"up to|fewer than|less than|under|as many as", "up_to"),
]

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_QUOTE_OPEN, _QUOTE_CLOSE = "“‘\"«", "”’\"»"


@dataclass
class _Candidate:
    hedge_start: int  # token index of the hedge ("at least"), or of the number when none
    start: int  # token index of the first number word
    end: int  # token index after the last number word
    value: int
    approx: str


def find_figures(doc: Doc, draft: ArticleDraft) -> list[Figure]:
    """Every numeric claim about people in `doc` (parsed from `draft.text`), in text order."""
    figures: list[Figure] = []
    for cand in _candidates(doc):
        figure = _figure_for(doc, draft, cand)
        if figure is None:
            continue
        previous = figures[-1] if figures else None
        if previous and figure.subject in ("others", "more") and _same_sentence(doc, previous, figure):
            figure.subject = previous.subject  # "killed 19,667 Palestinians and injured 52,586 others"
        figures.append(figure)
    shares = _shares_of_figures(doc, figures)
    ordered = sorted(figures + [share for share, _ in shares], key=lambda f: f.start)
    for share, parent in shares:  # a share is part of its figure: never a toll of its own
        share.part_of = next(i for i, f in enumerate(ordered) if f is parent)
    return _link_parts(doc, ordered)


def _link_parts(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """Mark a sub-count as part of its total ("killed 12 people, including three children",
    "30 wounded, among them three journalists", "Twelve died, three of them children"), so that a
    series of tolls does not take the part for another total. The total is the nearest earlier
    figure of the sentence with the same category and a larger value."""
    text = doc_text(doc)
    for i, figure in enumerate(figures):
        sent_start = doc.char_span(figure.start, figure.end, alignment_mode="expand").sent.start_char
        if not (_PART_BEFORE.search(text, sent_start, figure.start) or _PART_AFTER.match(text, figure.end)):
            continue
        for j in range(i - 1, -1, -1):
            total = figures[j]
            if total.start < sent_start:
                break
            if total.category == figure.category and total.value > figure.value:
                figure.part_of = j
                break
    return figures


def _same_sentence(doc: Doc, a: Figure, b: Figure) -> bool:
    return doc.char_span(a.start, a.end, alignment_mode="expand").sent.start == \
        doc.char_span(b.start, b.end, alignment_mode="expand").sent.start


def parse_number(text: str) -> int | None:
    """'19,667' -> 19667, 'two million' -> 2000000, '1.5 million' -> 1500000, 'two dozen' -> 24,
    'one point two million' -> 1200000 (a decimal said in words: one digit a word after 'point').

    None for vague amounts ('dozens', 'tens of thousands') and anything that is not a number.
    """
    words = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower()).replace("-", " ").split()
    total, current, seen = 0, 0.0, False
    place = None  # after "point": the value of the next decimal digit
    for word in words:
        if place is not None and not (word in _SMALL and _SMALL[word] < 10):
            if place == 0.1 or word not in _SCALES:
                return None  # "three point", "one point twelve"
            place = None
        if place is not None:
            current += _SMALL[word] * place
            place /= 10
        elif word == "point" and seen:
            place = 0.1
        elif re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
        elif word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("a", "an", "one") and not seen:
            current += 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] > 100:
                total, current = total + current, 0
        elif word == "and" and seen:
            continue
        else:
            return None  # "dozens", "tens", "of": not a specific number
        seen = True
    if place == 0.1:
        return None  # a number cannot end in "point"
    value = int(round(total + current))
    return value if seen else None


def _candidates(doc: Doc) -> list[_Candidate]:
    # the small model sometimes labels a count a DATE ("between 30 and 40 captives"); those are
    # kept only when they count people (see _figure_for)
    spans: list[Span] = [e for e in doc_ents(doc) if e.label_ in ("CARDINAL", "DATE")
                         and any(t.like_num for t in e)]
    in_ent = {t.i for e in doc_ents(doc) for t in e}
    spans += [doc[t.i : t.i + 1] for t in doc if t.like_num and t.i not in in_ent]
    spans.sort(key=lambda s: s.start)
    found: list[_Candidate] = []
    for span in (piece for s in spans for piece in _range_pieces(s)):
        cand = _read_number(doc, span)
        if cand is None or _in_hyphenated_word(doc, cand):
            continue
        previous = found[-1] if found else None
        if previous and _is_range(doc, previous, cand):
            previous.end, previous.value, previous.approx = cand.end, cand.value, "up_to"  # the upper bound
            continue
        found.append(cand)
    return found


def _range_pieces(span: Span) -> list[Span]:
    """An entity holding a range ('30 to 40', 'between 30 and 40') as its two ends."""
    doc = span.doc
    for tok in span[1:-1]:
        joins = tok.lower_ in ("to", "-", "–") or (
            tok.lower_ == "and" and any(t.lower_ == "between" for t in doc[max(0, span.start - 1) : tok.i]))
        if joins and doc[tok.i - 1].like_num and doc[tok.i + 1].like_num:
            return [doc[span.start : tok.i], doc[tok.i + 1 : span.end]]  # _is_range decides
    return [span]


def _in_hyphenated_word(doc: Doc, cand: _Candidate) -> bool:
    """A number written into a hyphenated word is no head count: a size or an age ('a 112-member
    committee', 'a 5-foot-11 guard', 'COVID-19 patients') or a record or score ('a 1-6-2 skid').
    Two numbers alone ('30-40') are a range or a score, which `_is_range` tells apart."""
    start, end = cand.start, cand.end
    while start >= 2 and doc[start - 1].text in _HYPHENS and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text in _HYPHENS and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_:
        end += 2
    joined = [t for t in (*doc[start:cand.start], *doc[cand.end:end]) if t.text not in _HYPHENS]
    return any(not t.like_num for t in joined) or len(joined) > 1


def _read_number(doc: Doc, span: Span) -> _Candidate | None:
    """Split an entity like 'more than 20,000' into its hedge and its number."""
    first = span.start
    while first < span.end and not (doc[first].like_num or doc[first].lower_ in ("a", "an")):
        first += 1
    if first == span.end:
        return None
    value = parse_number(doc[first : span.end].text)
    if value is None or _looks_like_year(doc[first : span.end].text):
        return None
    hedge_start, approx = _hedge_before(doc, first)
    return _Candidate(hedge_start, first, span.end, value, approx)


def _is_range(doc: Doc, low: _Candidate, high: _Candidate) -> bool:
    """'30 to 40', '30-40', 'between 30 and 40'; not a score or a tally ('won 112-107')."""
    if low.value >= high.value:
        return False
    between = doc[low.end : high.start].text.strip().lower()
    if between in ("to", "-", "–"):
        return True
    return between == "and" and low.start > 0 and doc[low.start - 1].lower_ == "between"


def _looks_like_year(text: str) -> bool:
    return re.fullmatch(r"(1[89]|20)\d\d", text.strip()) is not None


def _figure_for(doc: Doc, draft: ArticleDraft, cand: _Candidate) -> Figure | None:
    number = doc[cand.end - 1]
    if number.ent_type_ in ("TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"):
        return None
    if cand.start > 0 and doc[cand.start - 1].is_title and doc[cand.start - 1].pos_ in ("PROPN", "NOUN"):
        return None  # a label: "Resolution 2334", "Article 5"
    noun = _counted_noun(doc[cand.start : cand.end])
    if _lookup(noun, _UNIT_NOUNS):
        return None
    if _is_a_source(noun):
        return None  # "according to three people briefed", "two officials said": who tells, not a claim
    category = _category(noun)
    if not _counts_people(noun) and (category == "other" or number.ent_type_ == "DATE"
                                     or _lookup(noun, _THING_NOUNS)):
        return None  # "released three reports", "19,000 litres of fuel": things, not people
    if category == "other" and cand.value < 3 and cand.approx == "exact":
        return None  # "the two leaders", "as one family": a reference, not a claim
    if _owned_by_pronoun(noun) and cand.value <= MAX_FAMILY and cand.approx == "exact":
        return None  # "fled with her three children": people the story refers to, not a count
    start_tok = _span_start(doc, cand, noun)
    end_tok = max(noun.i, cand.end - 1)
    start, end = doc[start_tok].idx, doc[end_tok].idx + len(doc[end_tok])
    return Figure(
        start=start,
        end=end,
        value=cand.value,
        approx=cand.approx,  # type: ignore[arg-type]
        category=category,
        subject=_subject(doc, noun, number),
        place=_place(noun),
        source=_cited_source(doc, number),
        as_of=_as_of(doc, number, draft.published),
    )


def _is_a_source(noun: Token) -> bool:
    """Whether the counted noun is itself who the article cites: the object of 'according to' or
    the subject of a verb of saying."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and noun.doc[head.i - 1].lower_ == "according":
        return True
    return noun.dep_ == "nsubj" and head.pos_ == "VERB" and _lookup(head, _SPEECH_VERBS) is not None


def _owned_by_pronoun(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _as_of(doc: Doc, number: Token, published: str | None) -> str | None:
    """The day a figure stood: a point in time ("on Monday", "Tuesday") on the verb that reports
    it ("the ministry said on Monday"), or, when the article states the figure in its own voice,
    on the figure's own verb ("strikes killed 12 on Saturday"). Resolved against the publication
    date. Dates inside reported content ("35 were killed on Sunday, the ministry said") and spans
    ("killed since October 7", when the counting started) are not read. None otherwise.

    Interim rule, to be replaced by the said_on rule in `extract.dates` once it exists.
    """
    reporting = _reporting_verbs(number)
    verbs = reporting or [w for w in _up_to_clause(number) if w.pos_ in ("VERB", "AUX")][-1:]
    for verb in verbs:
        for child in verb.children:
            when = child
            if child.dep_ == "prep" and child.lower_ == "on":
                when = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ not in ("npadvmod", "tmod"):
                continue
            if when.ent_type_ == "DATE":
                expression = next(e for e in doc_ents(doc) if e.start <= when.i < e.end)
                resolved = resolve_date_expression(expression.text, published)
                if resolved:
                    return resolved
    return None


def _reporting_verbs(number: Token) -> list[Token]:
    """Reporting verbs above the figure ("the ministry said [that] 35 were killed") or beside its
    clause ("35 were killed, the ministry said", parsed as a child of "killed")."""
    above = [w for w in number.ancestors if w.pos_ == "VERB" and _lookup(w, _REPORTING_VERBS)]
    clause = number.sent.root
    beside = [c for c in clause.children
              if c.dep_ in ("parataxis", "ccomp", "advcl") and c.pos_ == "VERB" and _lookup(c, _REPORTING_VERBS)
              and not any(t.i == number.i for t in c.subtree)]
    return above + beside


def _counted_noun(numbers: Span) -> Token:
    """The noun a number counts: its head for '19,667 Palestinians', the number itself for
    'of the 128'. Either end of a range may carry the link ('between 30 and 40 captives')."""
    for number in reversed(numbers):
        head = number
        while head.dep_ in ("quantmod", "compound", "nummod") and head.head.i != head.i:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN", "ADJ"):
                return head
    return numbers[-1]


def _partitive_owner(noun: Token) -> Token | None:
    """'captives' in 'captives of the 128 still held': the people a bare number is a part of."""
    if noun.pos_ == "NUM" and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        owner = noun.head.head
        if _lookup(owner, _PEOPLE_NOUNS) or _lookup(owner, _STATE_NOUNS):
            return owner
    return None


def _category(noun: Token) -> FigureCategory:
    # 1. the noun's own modifiers: "5 Palestinians killed", "20 wounded civilians"
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "amod") and (key := _lookup(child, _EVENT_WORDS)):
            return _EVENT_WORDS[key]
    owner = _partitive_owner(noun)
    if owner is not None:
        # "release 30 captives of the 128 still held": the 128 are what the owner is, not released
        key = _lookup(owner, _STATE_NOUNS)
        return _STATE_NOUNS[key] if key else "other"
    # 2. the words above it, up to its clause: "killed 19,667", "the martyrdom of 33", "an exchange
    #    of 240 abductees ... and 105 prisoners, including 81 Israelis"
    for word in _up_to_clause(noun):
        if word.pos_ in ("VERB", "NOUN", "ADJ") and (key := _lookup(word, _EVENT_WORDS)):
            return _EVENT_WORDS[key]
        if word.pos_ in ("VERB", "AUX") and word.dep_ not in ("acl", "prep"):
            # "the death toll rose to 200": the clause's subject names what is counted
            for subj in (c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")):
                for sub in subj.subtree:
                    if sub.pos_ in ("NOUN", "VERB", "ADJ") and (key := _lookup(sub, _EVENT_WORDS)):
                        return _EVENT_WORDS[key]
    # 3. the noun itself: "20,000 martyrs"
    key = _lookup(noun, _STATE_NOUNS)
    return _STATE_NOUNS[key] if key else "other"


def _up_to_clause(token: Token) -> list[Token]:
    """The heads above `token`, nearest first, ending with the verb of its clause."""
    chain: list[Token] = []
    word = token
    while word.head.i != word.i:
        word = word.head
        chain.append(word)
        if word.pos_ in ("VERB", "AUX") and word.dep_ not in ("acl", "prep"):
            break
    return chain


def _counts_people(noun: Token) -> bool:
    if noun.pos_ == "NUM":
        return _partitive_owner(noun) is not None
    return _lookup(noun, _PEOPLE_NOUNS) is not None or noun.ent_type_ == "NORP"


def _hedge_before(doc: Doc, first: int) -> tuple[int, str]:
    """Where a hedge ("at least", "more than", "about") right before token `first` starts, and
    what it says; (first, "exact") when there is none."""
    for width in (3, 2, 1):
        if first - width < 0:
            continue
        words = doc[first - width : first].text.lower()
        for pattern, approx in _HEDGES:
            if re.fullmatch(pattern, words):
                return first - width, approx
    return first, "exact"


def _span_start(doc: Doc, cand: _Candidate, noun: Token) -> int:
    """The figure's first token: its hedge, or the verb right before it ('killed at least 19,667')."""
    governor = noun.head
    if governor.pos_ == "VERB" and 0 < cand.hedge_start - governor.i <= 2 and noun.dep_ in ("dobj", "nsubjpass"):
        return governor.i
    return cand.hedge_start


def _subject(doc: Doc, noun: Token, number: Token) -> str | None:
    if noun.pos_ == "NUM":
        return None
    # a modifier's own modifiers too: 'United' of 'Two United States service members'
    first = min((t.left_edge.i for t in noun.lefts if t.dep_ in ("amod", "compound") and t.left_edge.i > number.i),
                default=noun.i)
    return doc[first : noun.i + 1].text


def _place(noun: Token) -> str | None:
    """A place named by 'in/inside/across X' on the noun, its modifiers or its verb."""
    holders = [noun, *[c for c in noun.children if c.dep_ in ("acl", "relcl")], *_up_to_clause(noun)[:3]]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "across", "throughout"):
                for obj in prep.children:
                    if obj.ent_type_ in ("GPE", "LOC", "FAC"):
                        ent = next(e for e in doc_ents(obj.doc) if e.start <= obj.i < e.end)
                        return ent.text
    return None


def _cited_source(doc: Doc, number: Token) -> str | None:
    """Who the article says the figure comes from: 'according to X', 'X reported', '…, X said', a
    quote's speaker."""
    sent = number.sent
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return _name_of(doc, objects[0])
    for word in _reporting_verbs(number):
        # the subject nearest the verb: the small model may take a fronted clause for a second one
        subject = max((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: c.i,
                      default=None)
        if subject is not None and not any(t.i == number.i for t in subject.subtree):
            return _name_of(doc, subject)
    return _quotation_speaker(doc, number)


def _quotation_speaker(doc: Doc, number: Token) -> str | None:
    """The speaker of the quotation around `number`: '‘... 3 corpses only ...,’ he said.'"""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, number.idx) + 1
    para_end = text.find("\n", number.idx)
    para_end = len(text) if para_end < 0 else para_end
    opening = _open_quote_before(text, para_start, number.idx)
    if opening is None:
        return None
    closing = _closing_quote_after(text, number.idx, para_end)
    windows = []
    if closing is not None:
        windows.append((closing, min(para_end, closing + 80)))
    windows.append((max(0, opening - 80), opening))
    for lo, hi in windows:
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            continue
        for word in span:
            if word.pos_ == "VERB" and _lookup(word, _REPORTING_VERBS):
                subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return _name_of(doc, subject, before=opening)
    return None


def _open_quote_before(text: str, lo: int, pos: int) -> int | None:
    """Offset of a quotation mark opened before `pos` (in the paragraph) and not closed yet."""
    depth_open: int | None = None
    for i in range(lo, pos):
        ch = text[i]
        if ch in _QUOTE_OPEN and (ch != "\"" or depth_open is None) and ch != "’":
            if ch == "‘" and i > lo and text[i - 1].isalpha():
                continue
            depth_open = i if depth_open is None else depth_open
        elif ch in _QUOTE_CLOSE and depth_open is not None and _is_closing(text, i):
            depth_open = None
    return depth_open


def _closing_quote_after(text: str, pos: int, hi: int) -> int | None:
    for i in range(pos, hi):
        if text[i] in _QUOTE_CLOSE and _is_closing(text, i):
            return i
    return None


def _is_closing(text: str, i: int) -> bool:
    # A right single quote between letters is an apostrophe ("regime’s"), not a closing mark.
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (text[i] == "’" and after.isalpha())


def _name_of(doc: Doc, head: Token, before: int | None = None) -> str | None:
    """The phrase naming a source; 'he' or 'she' becomes the nearest person named before it. None
    for a word that names no one by itself ('they', 'it', 'those', 'most', or 'he' with no person
    before): a source must be one a reader can check."""
    if head.pos_ not in ("NOUN", "PROPN", "PRON") or (head.pos_ == "PRON" and head.lower_ not in PRONOUNS):
        return None
    if head.pos_ == "PRON":
        limit = before if before is not None else head.sent.start_char
        # the nearest person named before, or a speaker named by a surname the small model did not
        # tag as a person ("Arouri continued:" when "Saleh al-Arouri" is named earlier)
        people = [(e.end_char, e.text) for e in doc_ents(doc) if e.label_ == "PERSON" and e.end_char <= limit]
        people += [(t.idx + len(t), t.text) for t in doc if t.pos_ == "PROPN" and t.dep_ == "nsubj"
                   and (t.ent_type_ == "PERSON" or _full_name(doc, t.text) != t.text)
                   and t.idx < limit and _lookup(t.head, _REPORTING_VERBS)]
        return _full_name(doc, max(people)[1]) if people else None
    words = [t for t in head.subtree if t.dep_ not in ("det", "punct") or t.i > head.i]
    first, last = min(t.i for t in words), max(t.i for t in words)
    phrase = doc[first : last + 1].text.strip(" ,")
    if head.ent_type_ == "PERSON":
        return _full_name(doc, phrase)
    return phrase


def _full_name(doc: Doc, name: str) -> str:
    """The longest person name in the article that ends with the same surname ('Arouri' ->
    'Saleh al-Arouri')."""
    surname = re.split(r"[\s\-]", name)[-1].lower()
    names = [e.text for e in doc_ents(doc) if e.label_ == "PERSON"
             and re.split(r"[\s\-]", e.text)[-1].lower() == surname]
    return max(names, key=len, default=name)


def _shares_of_figures(doc: Doc, figures: list[Figure]) -> list[tuple[Figure, Figure]]:
    """'the martyrdom of 33 Palestinians, 30% of whom were children': a share of a figure,
    with that figure's category, source and date; each with the figure it is a share of."""
    shares: list[tuple[Figure, Figure]] = []
    for ent in doc_ents(doc):
        if ent.label_ != "PERCENT" or ent.end + 1 >= len(doc):
            continue
        if doc[ent.end].lower_ != "of" or doc[ent.end + 1].lower_ not in ("whom", "them", "those"):
            continue
        value = parse_number(ent.text.rstrip("%").replace("percent", "").replace("per cent", ""))
        parent = next((f for f in reversed(figures) if f.end <= ent.start_char
                       and f.start >= ent.sent.start_char), None)
        if value is None or parent is None:
            continue
        clause_end = max(t.i for t in doc[ent.end + 1].head.subtree) + 1
        end_tok = doc[min(clause_end, ent.sent.end) - 1]
        shares.append((Figure(
            start=ent.start_char, end=end_tok.idx + len(end_tok), value=value, approx="exact",
            category=parent.category, subject=parent.subject, place=parent.place,
            source=parent.source, as_of=parent.as_of,
        ), parent))
    return shares


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ != "PROPN" else token.text


def _lookup(token: Token, table: dict[str, FigureCategory] | set[str]) -> str | None:
    """The form of `token` found in `table`: its lemma, or its plural stripped (the small model
    lemmatises "corpses" as "corps")."""
    lower = token.text.lower()
    for form in (_lemma(token), lower, lower[:-1] if lower.endswith("s") else lower, token.text):
        if form in table:
            return form
    return None
