"""Arabic meetings, visits and calls: "استقبل X Y", "التقى X بـY", "اتصال هاتفي بين X وY", "زار X Z".

A trigger word (lexicon.EVENT_TRIGGERS, any clitic) makes an event of its sentence; the people and
organisations named in that sentence are its participants, a known place after "في" its place, and
a day word ("اليوم الإثنين", "أمس") its date.
"""

from __future__ import annotations

from bisect import bisect_left

from cliptrace.arabic.dates import date_spoken_of
from cliptrace.model import Event

from . import lexicon as L
from .entities import EntityIndex
from .tokens import Word, strip_clitic


def find_events(text: str, words: list[Word], sentence_ends: list[int], index: EntityIndex,
                published: str | None) -> list[Event]:
    events: list[Event] = []
    starts = [w.start for w in words]
    start = 0
    for end in sentence_ends:
        sentence = words[bisect_left(starts, start):bisect_left(starts, end)]
        event = _event_in(text, sentence, index, published, start, end)
        if event is not None:
            events.append(event)
        start = end
    return events


def _event_in(text, sentence: list[Word], index: EntityIndex, published, start, end) -> Event | None:
    trigger = next((w for w in sentence for f in strip_clitic(w.form)[:2] if f in L.EVENT_TRIGGERS), None)
    if trigger is None:
        return None
    kind = next(L.EVENT_TRIGGERS[f] for f in strip_clitic(trigger.form)[:2] if f in L.EVENT_TRIGGERS)
    participants: list[str] = []
    place = None
    for k, word in enumerate(sentence):
        mention = index.mention_at(word.i)
        if mention is None or mention.first != word.i:
            continue
        entity = index.entity_of(mention)
        if entity.type in ("person", "org") and entity.name not in participants:
            participants.append(entity.name)
        elif entity.type == "place" and place is None and k and sentence[k - 1].form == "في":
            place = entity.name
    if len(participants) < (1 if kind == "visit" else 2):
        return None
    return Event(start=trigger.start, end=sentence[-1].end, type=kind,  # type: ignore[arg-type]
                 participants=participants, place=place, date=date_spoken_of(text[start:end], published))
