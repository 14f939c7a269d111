"""Who met whom, who went where, who called whom ("Nasrallah received Haniyeh in Beirut on Saturday").

A trigger word (a verb such as "met", "received", "arrived", or a noun such as "meeting", "phone
call", "visit") opens an event. Its participants are the people (or, failing those, organisations)
named in the trigger's subject and in the words after it up to the end of its clause. The small
model often misattaches objects ("received on Saturday Hamas the chief ..." parses "Hamas" as the
object of "on"), so the object side is read as a window of noun chunks, not as dependency arcs.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from cliptrace.extract.dates import date_near
from cliptrace.extract.nlp import doc_ents
from cliptrace.model import ArticleDraft, Entity, Event, EventType

Resolve = Callable[[int, int], Entity | None]

_VERB_TRIGGERS: dict[str, EventType] = {
    "meet": "meeting", "receive": "meeting", "host": "meeting", "discuss": "meeting",
    "arrive": "visit", "visit": "visit", "land": "visit", "travel": "visit", "go": "visit",
    "phone": "call", "telephone": "call",
}
_NOUN_TRIGGERS: dict[str, EventType] = {
    "meeting": "meeting", "talk": "meeting", "summit": "meeting", "visit": "visit", "trip": "visit",
    "call": "call", "conversation": "call", "statement": "statement",
}
# Verbs of travel need a destination to be a visit ("went to Cairo", not "went on").
_TRAVEL_VERBS = {"travel", "go", "land", "arrive"}
_CLAUSE_BREAKS = {"who", "whom", "which", "where", "that", "while", "as", "after", "before", ";"}
_PLACE_PREPS = {"in", "at", "to", "inside"}
# What a meeting verb's object is when it is the people met ("received a delegation", "hosted
# his counterpart", "met the families").
_PEOPLE_MET = {
    "delegation", "president", "minister", "leader", "chief", "head", "envoy", "counterpart", "ambassador",
    "guest", "official", "king", "prince", "secretary", "member", "commander", "representative", "premier",
    "chancellor", "emir", "sheikh", "senator", "governor", "mayor", "pope", "family", "relative", "group",
    "people", "student", "worker", "journalist", "reporter", "survivor", "victim", "lawmaker", "mediator",
    "negotiator", "diplomat", "counsellor", "adviser", "advisor", "spokesman", "spokeswoman", "team",
}
_WINDOW = 30  # tokens after a trigger read for its objects


def find_events(doc: Doc, draft: ArticleDraft, resolve: Resolve) -> list[Event]:
    """Meetings, visits, calls and statements in `doc`, one per trigger, merged per sentence."""
    events: list[Event] = []
    seen: set[tuple[int, str]] = set()
    for token in doc:
        kind = _trigger(token)
        if kind is None or (token.sent.start, kind) in seen:
            continue
        event = _event_for(doc, draft, token, kind, resolve)
        if event is not None:
            seen.add((token.sent.start, kind))
            events.append(event)
    return events


def _trigger(token: Token) -> EventType | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in _VERB_TRIGGERS:
        return _VERB_TRIGGERS[lemma]
    if token.pos_ == "NOUN" and lemma in _NOUN_TRIGGERS:
        if lemma == "call" and not any(c.lower_ in ("phone", "telephone") for c in token.lefts):
            return None
        if lemma == "talk" and token.text.lower() != "talks":
            return None
        if lemma == "statement" and not (token.head.lower_ == "in" and token.head.dep_ == "prep"):
            return None  # only "in a statement", the way an article cites a written statement
        return _NOUN_TRIGGERS[lemma]
    return None


def _event_for(doc: Doc, draft: ArticleDraft, trigger: Token, kind: EventType,
               resolve: Resolve) -> Event | None:
    clause_verb = trigger if trigger.pos_ == "VERB" else _governing_verb(trigger)
    subject = _subject_of(clause_verb) if clause_verb is not None else None
    if trigger.pos_ == "NOUN":
        owner = next((c for c in trigger.children if c.dep_ == "poss"), None)
        subject = owner or subject  # "his visit to Lebanon"
    subject_span = _phrase(doc, subject) if subject is not None else None
    if subject_span is not None and subject_span.start <= trigger.i < subject_span.end:
        subject_span = None  # "The meeting comes ...": the trigger is the subject
    window = _object_window(doc, trigger)
    subject_people = _resolved([subject_span] if subject_span is not None else [], resolve)
    object_people = _resolved(_names_in(doc, window), resolve)
    participants = _names(subject_people) + [n for n in _names(object_people)
                                             if n not in _names(subject_people)]
    place = _place(doc, window, trigger, resolve)
    if kind == "visit" and trigger.lemma_.lower() in _TRAVEL_VERBS and place is None:
        return None
    if kind == "visit" and not subject_people:
        return None  # a visit needs a visitor: not "Visit our stand", "a trip to the coast"
    if kind in ("meeting", "call") and len(participants) < 2:
        return None
    if kind == "meeting" and trigger.pos_ == "VERB" and (_receives_a_thing(trigger) or _passive_without_agent(trigger)):
        return None  # "received a suspension", "met the deadline", "if the demands are not met"
    if not participants:
        return None
    spans = [trigger.idx, trigger.idx + len(trigger)]
    for part in [subject_span, *[s for _e, s in object_people if s.start >= window.start]]:
        if part is not None:
            spans += [part.start_char, part.end_char]
    start, end = min(spans), max(spans)
    return Event(
        start=start, end=end, type=kind, participants=participants, place=place,
        date=date_near(draft.text, trigger.idx, trigger.idx + len(trigger), draft.published),
    )


def _receives_a_thing(verb: Token) -> bool:
    """Whether a meeting verb's direct object is a thing rather than the people met: "received a
    one-game suspension", "receive bids", "hosts several manufacturers", "met the deadline".
    Names are taken as people (the small model misparses "received on Saturday Hamas chief …")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    return obj.lemma_.lower() not in _PEOPLE_MET


def _passive_without_agent(verb: Token) -> bool:
    """'If the demands are not met', 'the offer was received coldly': what is met or received is the
    subject and nobody meets it. With an agent it is a meeting: 'he was received by the emir'."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def _governing_verb(token: Token) -> Token | None:
    for word in token.ancestors:
        if word.pos_ in ("VERB", "AUX"):
            return word
    return None


def _subject_of(verb: Token) -> Token | None:
    for word in [verb, *verb.ancestors]:  # a conjoined verb shares its subject: "arrived ... and met"
        subject = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if word.dep_ != "conj":
            break
    return None


def _object_window(doc: Doc, trigger: Token) -> Span:
    """The words after the trigger up to the end of its clause; a noun's own modifiers only
    ("a meeting with X in Doha")."""
    sent = trigger.sent
    end = min(sent.end, trigger.i + 1 + _WINDOW)
    if trigger.pos_ == "NOUN":
        end = min(end, max(t.i for t in trigger.subtree) + 1)
    for tok in doc[trigger.i + 1 : end]:
        if tok.lower_ in _CLAUSE_BREAKS or (
                tok.pos_ == "VERB" and tok.dep_ in ("relcl", "ccomp", "advcl", "conj")):
            end = tok.i
            break
    return doc[trigger.i + 1 : end]


def _names_in(doc: Doc, window: Span) -> list[Span]:
    """Names in the window. Only names are resolved, never whole phrases: resolving "the
    Palestinian people" would tie it to "Palestinian". GPE is kept because the small model tags
    some surnames as places ("Arouri"); the resolver says what they are."""
    return [e for e in doc_ents(doc) if window.start <= e.start and e.end <= window.end
            and e.label_ in ("PERSON", "ORG", "GPE")]


def _resolved(parts: list[Span], resolve: Resolve) -> list[tuple[Entity, Span]]:
    """People named in `parts`; organisations only where no person is named."""
    found: list[tuple[Entity, Span]] = []
    for span in parts:
        entity = resolve(span.start_char, span.end_char)
        if entity is not None and entity.type in ("person", "org"):
            found.append((entity, span))
    people = [(e, s) for e, s in found if e.type == "person"]
    return people or found


def _names(found: list[tuple[Entity, Span]]) -> list[str]:
    names: list[str] = []
    for entity, _span in found:
        if entity.name not in names:
            names.append(entity.name)
    return names


def _phrase(doc: Doc, head: Token) -> Span:
    """A subject's noun phrase without its relative clauses or trailing appositions."""
    words = [t for t in head.subtree if t.i <= head.i or t.dep_ in ("compound", "flat")]
    return doc[min(t.i for t in words) : max(t.i for t in words) + 1]


def _place(doc: Doc, window: Span, trigger: Token, resolve: Resolve) -> str | None:
    """The first place named after in/at/to near the trigger: 'in Beirut', 'in the Qatari capital Doha'.
    Before the trigger, only a preposition of the trigger itself ('In Doha, X met Y'), not one of
    another phrase ('After his visit to Damascus, X met Y in Beirut')."""
    region = doc[max(window.sent.start, trigger.i - 8) : window.end]
    for tok in region:
        if tok.lower_ not in _PLACE_PREPS or (tok.i < trigger.i and tok.head != trigger):
            continue
        for ent in doc_ents(doc):
            possessive = ent.end < len(doc) and doc[ent.end].tag_ == "POS"  # "in a meeting with Iran's minister"
            if ent.label_ in ("GPE", "LOC", "FAC") and tok.i < ent.start <= tok.i + 5 \
                    and ent.end <= region.end and not possessive:
                entity = resolve(ent.start_char, ent.end_char)
                return entity.name if entity is not None and entity.type == "place" else ent.text
    return None
