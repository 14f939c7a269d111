"""Arabic quotations: direct («…», “…”, "…"), indirect (قال X إن …) and mixed, with speakers.

Arabic news puts the reporting verb first: [و]CUE SPEAKER[، adjuncts،] أنّ/إنّ/: CONTENT. We find
each cue (any inflection, with a clitic و/ف), read the speaker phrase up to the word that opens
the content (أن، إن، بأن، إلى أن، على أن، a colon or a quotation mark), and the content up to the
sentence end. A cue with no subject written after it ("وأضاف:", "وتابع في حديث …", "مؤكداً أن")
goes on with the previous speaker; a speaker phrase with no person in it ("مصدر أمني", "وزارة
الصحة") is the speaker as a description; a written subject the rules do not know ("وقال غروسي")
is the earlier speaker it calls back by family or given name, or nobody, never merely the previous
speaker. A name after a relative's or lawyer's noun ("محامي الأسير X") or an act done to someone
("طالبت باعتقال X") is not the speaker, and a candidate speaker the cue's inflection rules out
("وقالت" after a man's name) is passed over for the next, or for nobody (`agreement`).
Marked words right after a cue that are followed by what follows a speaker ('وقالت "هيئة شؤون
الأسرى" في تصريح، إنّ …') name the speaker and are no quotation.
Quoted passages no cue claims take a cue right after them ("«…»، قال X") or the previous speaker.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from cliptrace.arabic.dates import date_spoken_of
from cliptrace.arabic.normalize import fold_arabic, strip_marks
from cliptrace.model import Quote

from . import lexicon as L
from .agreement import agrees, description_agreement, person_agreement
from .entities import EntityIndex, is_common_word, is_name_word
from .tokens import PHRASE_STOPS, QUOTE_CLOSE, QUOTE_OPEN, Word, strip_clitic

MAX_SPEAKER_WORDS = 30
RELAY_WORDS = 4  # a reported clause whose subject speaks within its first words relays a quotation
SHORT_QUOTE_WORDS = 3  # «حماس», "صفقة القرن": marked names and terms, not quotations
MAX_QUOTED_NAME_WORDS = 6  # 'وقالت "هيئة شؤون الأسرى والمحررين" …': a speaker's name in marks
MIN_REPORTED_WORDS = 2
INHERIT_DISTANCE = 1500  # characters: an unclaimed quotation this close to the last quote shares its speaker
_OPEN = {"«": "»", "“": "”", '"': '"'}
# Adjuncts between speaker and content: "في حديث للميادين", "خلال مؤتمر صحفي", "يوم الأحد".
_SPEECH_EVENT_NOUNS = L._folded(
    "حديث كلمة بيان تصريح تصريحات مقابلة مؤتمر لقاء تغريدة منشور رسالة خطاب اتصال حوار مداخلة تعليق"
    " حفل احتفال ندوة تقرير دراسة ورقة إحصائية تغريدات اجتماع جلسة كلام")
_DEMONSTRATIVES = L._folded("هذا هذه ذلك تلك")
_ONE_OF = L._folded("أحد إحدى بعض")  # "أحد المسؤولين الأميركيين"
_IN_WHICH = L._folded("فيها فيه فيهما")
_RELATIVES = L._folded("التي الذي الذين اللتي")
_CLAUSE_LINKS = L._folded("بينما فيما حين كما ثم")
_SET_OFF = L._folded("بدوره بدورها بدورهم كذلك أيضا كما ثم لقد وقد")  # "بدورها أدانت الرئاسة …"
_TITLE_NOUNS = L._folded("عنوان العنوان شعار الشعار")
_COMMENT_VERBS = L._folded("علق رد تناول تطرق انتقد عبر تحدث هاجم ناقش اعتبر")
_SAYING = next(iter(L._folded("القول")))  # the verbal noun "saying": "خرج X للقول إنّ" (X came out to say that)
_PREPOSITIONS = L._folded("مع عن إلى على بين ضد لدى")
_ADJUNCT_STARTS = L._folded("يوم اليوم أمس مساء صباح خلال عبر الليلة") | _SPEECH_EVENT_NOUNS
_TIME_NOUNS = L._folded("الأسبوع الشهر العام السنة")  # "أعلن الأسبوع الماضي أنّ …"
_TO_HIM = L._folded("له لها لهم لهما لنا به بها بهم")
ROLE_REACH_WORDS, ROLE_REACH_CHARS = 6, 80  # how far before a name its role is looked for
_APPOSED = re.compile(r"\s*[،,]\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,3})\s*[،,]")


@dataclass
class _Speaker:
    name: str | None
    entity_id: str | None
    mention: tuple[int, int] | None
    agreement: str | None = None  # "m", "f", "pl" or unknown (see `agreement`)
    person: bool = False  # a named person (organisations agree with any cue)

    @classmethod
    def unnamed(cls, agreement: str | None = None) -> _Speaker:
        """Someone who speaks but whom the rules cannot name: takes the place of an earlier speaker,
        and is exported as no speaker."""
        return cls(None, None, None, agreement)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (marks excluded), outermost only; a quotation left
    open ends at its paragraph's end.

    A straight mark " opens when a word follows it and a space, a bracket or a one-letter clitic
    stands before it (و"إسرائيل"); it closes when a word stands before it. So the scare quotes
    Arabic sites put around names inside a quotation («… مصر و"إسرائيل" …») nest instead of
    closing the quotation early."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (closing mark, start) of the open quotations
    for i, ch in enumerate(text):
        if ch == "\n" and text.startswith("\n", i + 1) and stack:
            spans.append((stack[0][1], i))
            stack.clear()
        elif ch == '"':
            if stack and stack[-1][0] == '"' and not _opens_straight(text, i):
                start = stack.pop()[1]
                if not stack:
                    spans.append((start, i))
            else:
                stack.append(('"', i + 1))
        elif ch in _OPEN:
            stack.append((_OPEN[ch], i + 1))
        elif stack and ch == stack[-1][0]:
            start = stack.pop()[1]
            if not stack:
                spans.append((start, i))
    if stack:
        spans.append((stack[0][1], len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _opens_straight(text: str, i: int) -> bool:
    after = text[i + 1:i + 2]
    if not after or not after.isalnum():
        return False
    before = text[i - 1:i] if i else " "
    clitic = i >= 2 and before in "وبل" and not text[i - 2].isalnum()
    return not before.isalnum() or clitic


def find_quotes(text: str, words: list[Word], sentence_ends: list[int], index: EntityIndex,
                published: str | None) -> list[Quote]:
    """Every quotation in `text`, in text order."""
    finder = _Finder(text, words, sentence_ends, index, published)
    return finder.run()


class _Finder:
    def __init__(self, text, words, sentence_ends, index, published):
        self.text, self.words, self.ends, self.index, self.published = text, words, sentence_ends, index, published
        self.quoted = quoted_spans(text)
        self.quote_at = {}  # char offset of an opening mark -> span
        for span in self.quoted:
            self.quote_at[span[0] - 1] = span
        self.quotes: list[Quote] = []
        self.claimed: set[tuple[int, int]] = set()
        self.last: _Speaker | None = None
        self.speakers: list[_Speaker] = []  # the named speakers so far, in order
        self.subjects: dict[int, _Speaker | None] = {}  # sentence start -> the speaker its first cue names
        self.last_end = -1
        self.genders: dict[str, str] = {}  # entity id -> the gender a cue naming them showed ("قالت X")
        self.word_starts, self.word_ends = [w.start for w in words], [w.end for w in words]

    # -- the article ------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        events = sorted([(w.start, "cue", w) for w in self.words if self._is_cue(w)]
                        + [(s, "quote", (s, e)) for s, e in self.quoted], key=lambda e: e[0])
        for _start, kind, item in events:
            if kind == "cue":
                outer = next((q for q in self.quotes[-3:] if q.start <= item.start < q.end), None)
                if outer is None:
                    self._from_cue(item)
                else:  # a cue inside reported content counts only for a quotation of its own
                    self._nested(item, outer)
            elif item not in self.claimed:
                self._unclaimed(item)
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def _is_cue(self, word: Word) -> bool:
        if not (L.is_cue(word) or L.listed(word, L.ACCORDING)):  # "وبحسب X، فإنّ …"
            return False
        if word.i and self.words[word.i - 1].bare in _RELATIVES:
            # "الرواية التي تقول إنّ …" is what a story says; "تصريحات X التي تحدّث فيها عن أنّ …"
            # are X's words.
            return word.i + 1 < len(self.words) and self.words[word.i + 1].bare in _IN_WHICH
        return not any(s <= word.start < e for s, e in self.quoted)

    def _sentence_end(self, pos: int) -> int:
        k = bisect_right(self.ends, pos)  # the ends ascend (`sentence_ends`)
        return self.ends[k] if k < len(self.ends) else self.ends[-1]

    def _sentence_start(self, pos: int) -> int:
        k = bisect_right(self.ends, pos)
        return self.ends[k - 1] if k else 0

    def _words_between(self, start: int, end: int) -> list[Word]:
        """The words starting at or after `start` and before `end`, a slice found by bisection (a
        scan of every word per cue or quotation is quadratic on a long page)."""
        return self.words[bisect_left(self.word_starts, start):bisect_left(self.word_starts, end)]

    # -- a cue ------------------------------------------------------------------------------------
    def _from_cue(self, cue: Word) -> None:
        end = self._sentence_end(cue.start)
        sentence = self._sentence_start(cue.start)
        participle = cue.bare in L.PARTICIPLE_CUES
        agreement = L.cue_agreement(cue)
        named = self._quoted_name(cue, end)
        marker = named[0] if named else self._content_marker(cue.i + 1, end)
        if participle and marker is not None and marker[0] > cue.i + 2:
            marker = None  # "مشدداً على ضرورة …": a participle's clause opens right after it
        if marker is None:
            if not participle:  # "حذّرت مؤسسة X من …، مشيرةً إلى أنّ …": X speaks in the participle's clause
                phrase = self.words[cue.i + 1:cue.i + 1 + MAX_SPEAKER_WORDS]
                stop = next((k for k, w in enumerate(phrase) if w.form in PHRASE_STOPS or w.form in L.STOP_WORDS), len(phrase))
                self.subjects.setdefault(sentence, self._subject(phrase[:stop], agreement))
            return
        opener, content_start = marker
        phrase = [w for w in self.words[cue.i + 1:opener] if w.end <= end]
        relative = self.words[cue.i - 1].bare in _RELATIVES
        if participle:  # "…، قائلةً إنّ": its clause's subject (see `_participle_voice`)
            candidates = self._participle_voice(cue, sentence)
        elif relative:
            candidates = [self._person_before(cue, sentence, agreement), self.last]
        elif named:
            candidates = [named[1]]
        else:
            subject = self._subject(phrase, agreement)
            if subject is None:  # "وأضاف:": the subject is before the cue, or the previous speaker
                candidates = [self._speaker_before(cue, agreement), self.last]
            elif subject.name is None:  # unknown, unless the subject stands right before the cue
                before = self._speaker_before(cue, agreement)  # ("بأنّ بلينكن قال لكوهين …")
                adjacent = (before is not None and before.mention is not None
                            and not self.text[before.mention[1]:cue.start].strip())
                candidates = [before if adjacent else subject]
            else:
                candidates = [subject]
            self._learn_gender(subject, agreement)
        speaker = next((s for s in candidates if s is not None and agrees(agreement, s.agreement)), None)
        if not (participle or relative):
            self.subjects.setdefault(sentence, speaker)
        self._add_content(content_start, end, speaker, cue)

    def _nested(self, cue: Word, outer: Quote) -> None:
        """"… مشيداً بتصريحات X، التي تحدّث فيها عن أن «…»": the marked words are X's; the outer
        clause ends before the comma that opens the cue's clause."""
        end = self._sentence_end(cue.start)
        marker = self._content_marker(cue.i + 1, end)
        if marker is None or marker[1] >= len(self.text):
            return
        start = marker[1]
        while start < end and self.text[start] in " \t\n":
            start += 1
        quoted = self.quote_at.get(start)
        if quoted is None or not self._long_enough(quoted) or quoted[1] > outer.end + 1:
            return
        commas = [w.start for w in self.words[:cue.i] if w.form in ("،", ",") and w.start > outer.start]
        if not commas:
            return
        outer.start, outer.end = _trim(self.text, outer.start, commas[-1])
        self._from_cue(cue)

    def _quoted_name(self, cue: Word, end: int) -> tuple[tuple[int, int], _Speaker] | None:
        """(the content's marker, the speaker) when the words right after `cue` are a name in
        quotation marks: 'وقالت "هيئة شؤون الأسرى" في تصريح، إنّ …'. They are one when what follows
        them is what follows a speaker and the content opens after that; the marked name is then
        no quotation, and the speaker is the entity it names, or the name as written."""
        opening = cue.i + 1
        if opening + 1 >= len(self.words) or self.words[opening].start not in self.quote_at:
            return None
        span = self.quote_at[self.words[opening].start]
        after = next((w.i for w in self.words[opening + 1:] if w.start > span[1]), None)
        if len(self.text[span[0]:span[1]].split()) > MAX_QUOTED_NAME_WORDS or after is None \
                or not self._follows_speaker(after):
            return None
        marker = self._content_marker(after, end)
        if marker is None:
            return None  # 'وقال "لن نتراجع" في كلمة أمام المعتصمين.': the marked words are what he said
        self.claimed.add(span)
        mention = self.index.mention_at(opening + 1)
        if mention is not None and self.index.entity_of(mention).type in ("org", "person"):
            return marker, self._named(self.index.entity_of(mention), mention)
        start, stop = _trim(self.text, *span)
        return marker, _Speaker(self.text[start:stop], None, (start, stop))

    def _follows_speaker(self, j: int) -> bool:
        """Does word j (after an optional comma) go on as words after a speaker do: the content's
        opener (إنّ، بأنّ، إلى أنّ، a colon), "في بيان/تصريح …", a time word or "للميادين"?"""
        words = self.words
        if words[j].form in ("،", ",") and j + 1 < len(words):
            j += 1
        word, following = words[j], words[j + 1] if j + 1 < len(words) else None
        if word.form == ":" or self._is_complementizer(word.form) or _is_addressee(word):
            return True
        if following is None:
            return False
        if word.bare in L.COMPLEMENTIZER_PREFIXES:
            return self._is_complementizer(following.form)
        if word.form in ("في", "ل"):
            return following.bare in _SPEECH_EVENT_NOUNS
        return word.bare in _ADJUNCT_STARTS

    def _content_marker(self, i: int, end: int) -> tuple[int, int] | None:
        """(index of the word that opens the content, offset where the content starts)."""
        words = self.words
        for j in range(i, min(len(words), i + MAX_SPEAKER_WORDS)):
            word = words[j]
            if word.start >= end:
                return None
            if word.text in _OPEN and word.start in self.quote_at and self._long_enough(self.quote_at[word.start]):
                return j, word.start
            if word.form == ":":
                return j, word.end
            if self._is_complementizer(word.form):
                return j, self._after(j)
            if word.bare in L.COMPLEMENTIZER_PREFIXES and j + 1 < len(words) and self._is_complementizer(words[j + 1].form):
                return j, self._after(j + 1)
            if j > i and L.is_cue(word):
                return None  # another cue: this one reports no clause
        return None

    def _long_enough(self, span: tuple[int, int]) -> bool:
        return len(self.text[span[0]:span[1]].split()) > SHORT_QUOTE_WORDS

    @staticmethod
    def _is_complementizer(form: str) -> bool:
        if form in L.COMPLEMENTIZERS:
            return True
        for base in ("ان", "بان", "فان"):
            if form.startswith(base) and form[len(base):] in L.PRONOUN_SUFFIXES:
                return True
        return False

    def _after(self, j: int) -> int:
        """Where the content starts after the complementizer word j; "أنّه يرفض" keeps "يرفض" on."""
        return self.words[j + 1].start if j + 1 < len(self.words) else self.words[j].end

    def _add_content(self, start: int, end: int, speaker: _Speaker | None, cue: Word) -> None:
        text = self.text
        while start < end and text[start] in " \t\n،,:":
            start += 1
        opening = self._words_between(start, end)[:RELAY_WORDS]
        if any(self._is_cue(w) for w in opening[1:]):
            return  # "أفاد الموقع بأنّ بلينكن قال إنّ …": the quotation is the inner speaker's
        clause_end = self._clause_end(start, end)
        quoted = self.quote_at.get(start) if start < len(text) and text[start] in _OPEN else None
        if quoted and not self._long_enough(quoted) and text[quoted[1] + 1:clause_end].strip(" .،,؛!؟»\"”\n"):
            quoted = None  # أنّ "إسرائيل" تشعر …: a marked name opens the clause
        if quoted:  # what follows the quotation in the clause is the writer's, or another quotation
            span, kind = quoted, "direct"
        else:
            inner = [q for q in self.quoted if start <= q[0] and q[1] <= clause_end + 1]
            span, kind = (start, clause_end), ("mixed" if inner else "indirect")
            for q in inner:
                self.claimed.add(q)
        if quoted:
            self.claimed.add(quoted)
        span = _trim(text, *span)
        if len(text[span[0]:span[1]].split()) < MIN_REPORTED_WORDS:
            return
        self._emit(span, kind, speaker, cue)

    def _clause_end(self, start: int, end: int) -> int:
        """The content ends at the sentence end, or before a comma and a new cue."""
        for word in self._words_between(start + 1, end):
            if not L.is_cue(word):
                continue
            prev = self.words[word.i - 1]
            if prev.bare in _CLAUSE_LINKS and word.i > 1:
                prev = self.words[word.i - 2]
            if prev.form in ("،", ","):  # "…، مؤكداً أن …", "…، وأكّدت أنه …", "…، بينما أكّد X أنه …"
                return prev.start
        return end

    # -- speakers ---------------------------------------------------------------------------------
    def _speaker(self, phrase: list[Word], agreement: str | None = None) -> _Speaker | None:
        """The speaker a phrase after a cue names: its first person not governed by a relational
        noun whom the cue's `agreement` allows, else an organisation heading it, else the phrase
        itself as a description (None when the cue's agreement rules it out)."""
        if not phrase:
            return None
        relational = False
        for k, word in enumerate(phrase):
            if word.form in ("،", ","):
                relational = False
                continue
            if _governs_another(word) or _opens_relative_clause(phrase, k):
                relational = True  # "محامي الأسير X", "مع الرئيس X", "باعتقال X", "الحزب الذي يتزعمه X"
            mention = self.index.mention_at(word.i)
            if mention is None or relational or _is_addressee(word):
                continue
            entity = self.index.entity_of(mention)
            # "قال لكوهين" (to Cohen) is whom he spoke to; "وفقاً لحمية" (according to Hamiyeh) the source
            addressed = _after_preposition(word, entity.name) and not L.listed(self.words[word.i - 1], L.ACCORDING)
            quoted_before = k > 0 and _speech_event(phrase[k - 1])  # "انتقد … كلام بايدن": Biden's words, not these
            if entity.type == "person" and not (addressed or quoted_before):
                named = self._named(entity, mention)
                if agrees(agreement, named.agreement):
                    return named
        first = None if _is_addressee(phrase[0]) else self.index.mention_at(phrase[0].i)
        if first is not None:
            entity = self.index.entity_of(first)
            if entity.type == "org":
                return self._named(entity, first)
        description = _description(phrase)
        head = next((w for w in description if not w.is_punct and w.bare not in _ONE_OF), None)
        if head is None or not _is_speaker_head(head):
            return None  # "وأكدت ضرورة …": the words after the cue are its object, not its subject
        described = description_agreement(description)
        if not agrees(agreement, described):
            return None  # "وقالت المتحدث …" cannot be: the cue reports someone else
        first = description[0]
        conjunction = first.form != first.bare and not _is_speaker_head(first, with_conjunction=False)
        start = first.start + (1 if conjunction else 0)  # "ورئيس نادي الأسير" -> "رئيس نادي الأسير"
        return _Speaker(self.text[start:description[-1].end], None, (start, description[-1].end), described)

    def _subject(self, phrase: list[Word], agreement: str | None) -> _Speaker | None:
        """The subject written in `phrase` after a cue: the speaker `_speaker` reads there; else,
        when a word that could be a subject stands there ("وقال غروسي"), the earlier speaker it calls
        back ("وأضاف فالدمان" after "… يورام فالدمان", `_part_of_name`), or an unknown speaker (no name,
        the cue's agreement) who takes the previous speaker's place; None when no subject is
        written ("وأضاف، في حديث …", "وأكدت ضرورة …"): the caller goes on with a previous one."""
        speaker = self._speaker(phrase, agreement)
        if speaker is not None and speaker.entity_id is None and speaker.name and " " not in speaker.name:
            return self._role_holder(speaker) or speaker  # "وأشار القيادي …": the leader named before
        written = _written_subject(phrase)
        if speaker is not None or not written:
            return speaker
        name = [w.form for w in [written[0], *itertools.takewhile(is_name_word, written[1:])]]  # وهاب is no و + هاب
        for earlier in reversed(self.speakers):
            if any(_part_of_name(name, words) for words in self._names_of(earlier)) and agrees(agreement, earlier.agreement):
                return earlier
        return _Speaker.unnamed(agreement)

    def _role_holder(self, role: _Speaker) -> _Speaker | None:
        """The earlier speaker a bare definite head calls back, the latest one whom its gender
        allows: "وأضاف الحزب" the organisation whose name it heads ("حزب الليكود"); "وأشار القيادي"
        the person that role stood a few words before ("القيادي في حركة الجهاد محمد شلح"), or an
        unnamed speaker it described ("مسؤول في الرئاسة" for "المسؤول"). An indefinite head
        ("محلل", an analyst) is someone new, and a word that is neither (الموقع) calls back no one."""
        word = fold_arabic(role.name)
        organisation = word[2:] in L.ORG_HEADS
        if not word.startswith("ال") or not (organisation or word in L.ROLE_NOUNS | L.HONORIFICS):
            return None
        for earlier in reversed(self.speakers):
            if not earlier.mention or not agrees(role.agreement, earlier.agreement):
                continue
            opening = set(strip_clitic(fold_arabic(self.text[slice(*earlier.mention)]).split()[0]))
            headed = bool(opening & {word, word[2:]})
            if organisation and headed and earlier.entity_id and not earlier.person:
                return earlier
            if not organisation and ((headed and earlier.entity_id is None) or (earlier.person and self._titled(earlier, word))):
                return earlier
        return None

    def _titled(self, person: _Speaker, title: str) -> bool:
        """Does `title` (folded) stand in the few words before the person's mention, in its sentence?"""
        start = person.mention[0]
        ahead = self._words_between(max(self._sentence_start(start), start - ROLE_REACH_CHARS), start)
        return any(title in strip_clitic(w.form) for w in ahead[-ROLE_REACH_WORDS:])

    def _names_of(self, speaker: _Speaker) -> list[list[str]]:
        """The folded words naming a speaker: its mention, and a name set off by commas right after
        it ("رئيس الحزب، وئام وهاب، …")."""
        start, end = speaker.mention
        apposed = _APPOSED.match(self.text, end)
        return [fold_arabic(self.text[start:end]).split(), fold_arabic(apposed[1]).split() if apposed else []]

    def _named(self, entity, mention) -> _Speaker:
        """A speaker the entity index names; a person carries the gender their mentions show, or
        that a cue naming them showed."""
        gender = None
        if entity.type == "person":
            spans = [(m.first, m.last) for m in self.index.mentions if m.entity == mention.entity]
            gender = person_agreement(self.words, spans, entity.name) or self.genders.get(entity.id)
        return _Speaker(entity.name, entity.id, (self.words[mention.first].start, self.words[mention.last].end),
                        gender, entity.type == "person")

    def _learn_gender(self, subject: _Speaker | None, agreement: str | None) -> None:
        """"تحدثت مراسلة الصحيفة، شيريت كوهن، …": a person of unknown gender named right after a
        singular cue has the cue's gender, so "ويضيف" later in the article is not theirs."""
        if subject is not None and subject.person and subject.agreement is None and agreement in ("m", "f"):
            subject.agreement = self.genders[subject.entity_id] = agreement

    def _person_before(self, cue: Word, sentence_start: int, agreement: str | None) -> _Speaker | None:
        """The nearest person named before `cue` in its sentence whom the cue's agreement allows."""
        for word in reversed(self.words[:cue.i]):
            if word.start < sentence_start:
                return None
            mention = self.index.mention_at(word.i)
            if mention is not None and self.index.entity_of(mention).type == "person":
                named = self._named(self.index.entity_of(mention), mention)
                if agrees(agreement, named.agreement):
                    return named
        return None

    def _speaker_before(self, cue: Word, agreement: str | None) -> _Speaker | None:
        """The subject before a cue with none after it: the words after a relaying أنّ ("أفاد
        الموقع بأنّ بلينكن قال …"), else the sentence's subject before its first cue ("زوجة الأسير
        X، رندة موسى، تتحدث … وتؤكّد أنّه …"), else the words after the last comma ("…، ورئيس
        نادي الأسير يعتبر أنّ …"); "كان" before them is dropped ("وكان محامي الأسير أكد أنّ")."""
        sentence_start = self._sentence_start(cue.start)
        before = [w for w in self.words[max(0, cue.i - MAX_SPEAKER_WORDS):cue.i] if w.start >= sentence_start]
        relays = [k for k, w in enumerate(before) if self._is_complementizer(w.form)]
        cues = [k for k, w in enumerate(before) if self._is_cue(w)]
        commas = [k for k, w in enumerate(before) if w.form in ("،", ",")]
        if relays:
            before = before[relays[-1] + 1:]
        elif cues and commas and commas[-1] > cues[-1] and self._speaker(before[commas[-1] + 1:], agreement):
            before = before[commas[-1] + 1:]  # "X يحذّر …، ومسؤول العلاقات الدولية Y يؤكّد أنّ": Y
        elif cues:
            before = before[:cues[0]]
        elif commas and commas[-1] + 1 < len(before):
            before = before[commas[-1] + 1:]
        if not before:
            return None
        # A subject written between the sentence's start, or "كان", and the cue is the speaker even
        # when the rules cannot name it ("وكان نتنياهو صرّح …"): then nobody, not the last speaker.
        subject_first = before[0].bare in ("كان", "كانت") or not (relays or cues or commas)
        if before[0].bare in ("كان", "كانت"):
            before = before[1:]
        elif L.listed(before[0], L.STOP_WORDS):
            return None  # "من جهته، أكد …": the speaker is the one before
        speaker = self._speaker(before, agreement)
        if speaker is None and subject_first and _written_subject(before):
            return _Speaker.unnamed(agreement)
        if speaker is None and commas and not (relays or cues) and self.last is not None:
            # "…، أصدرت وزارة الخارجية بياناً أعربت فيه …": a verb and its subject open the clause
            voice = self._voice_of_clause(before)
            if voice is not self.last:
                return voice or _Speaker.unnamed(agreement)
        return speaker

    # -- quotations no cue claimed ----------------------------------------------------------------
    def _unclaimed(self, span: tuple[int, int]) -> None:
        text = self.text
        if not self._long_enough(span) or self._is_title(span):
            return
        after = self._cue_after(span)
        if after is not None:
            speaker = after
        elif self.last is not None and span[0] - self.last_end <= INHERIT_DISTANCE:
            speaker = self._voice_of_clause(self._clause_before(span[0] - 1))
        else:
            return
        self.claimed.add(span)
        self._emit(_trim(text, *span), "direct", speaker, None)

    def _is_title(self, span: tuple[int, int]) -> bool:
        """Marked words right after "عنوان" or "شعار" ("تقريراً تحت عنوان «…»", "بعنوان", "تحت شعار")
        name a report, a programme or a campaign: nobody says them."""
        before = self._words_between(self._sentence_start(span[0]), span[0] - 1)
        return bool(before) and any(f in _TITLE_NOUNS for f in strip_clitic(before[-1].form))

    def _voice_of_clause(self, clause: list[Word], participle: bool = False) -> _Speaker | None:
        """Who speaks in a clause with no cue of its own (`clause`: its words before a quotation
        or a participle cue, from the sentence's start or the last quotation's end): the last
        speaker, unless the clause opens with a verb no cue list knows and another subject
        ('ودانت حركة حماس "…"', 'وفي مصر، دانت وزارة الأوقاف "…"'); then the earlier speaker
        that subject calls back, a known organisation it names, or nobody (read off unseen Al
        Mayadeen articles: 13 of 19 quotations that inherited across such a subject had the wrong
        speaker); for a `participle` after a verb of commenting, also a person or a description
        the subject names ("وعلّق مراسل القناة عومري حايم … قائلاً"). Arabic puts the
        verb first and a verb agrees in gender with the subject right after it, so the clause's
        first word is read as the verb and the next as its subject when their genders agree:
        'كما طالب السلطة …' (a masculine verb, a feminine noun) names its object, 'وحمّل البيان …'
        the statement, 'الصحيفة، في مقال …، أنّ نتنياهو تلقى "…"' only what the paper reports."""
        opener = next((k for k, w in enumerate(clause) if self._is_complementizer(w.form)), len(clause))
        clause = clause[:opener]  # what a reported clause's subject does is still the report
        commas = [k for k, w in enumerate(clause) if w.form in ("،", ",")]
        if commas and len([w for w in clause[:commas[0]] if not w.is_punct]) <= 3:
            clause = clause[commas[0] + 1:]  # "وفي مصر، دانت …"
        content = [k for k, w in enumerate(clause) if not w.is_punct]
        if content and clause[content[0]].bare in _SET_OFF:
            content = content[1:]
        if len(content) < 2:
            return self.last
        verb, subject = clause[content[0]], clause[content[1]]
        if L.is_cue(verb):  # "وقال وهاب … عبرالميادينإنّ": a cue whose content the rules missed
            return self._subject(clause[content[0] + 1:], L.cue_agreement(verb)) or self.last
        if any(f == _SAYING for f in strip_clitic(clause[-1].form)):  # "خرج X للقول"، "اكتفت X بالقول"
            return self._speaker(clause[content[1]:-1]) or _Speaker.unnamed()
        if _speech_event(subject):
            return self.last  # "ودعا البيان …": the statement of the last speaker
        mention = self.index.mention_at(subject.i)
        entity = self.index.entity_of(mention) if mention is not None else None
        # An organisation named in full is itself, not another one whose head noun it shares
        # ("نعت حركة المقاومة الشعبية" after Hamas, "حركة المقاومة الإسلامية", spoke).
        full_name = entity is not None and entity.type == "org" and mention.last > mention.first
        tried: set[str | None] = set()  # one try per name: the latest speaker under it
        for earlier in [self.last, *reversed(self.speakers)]:
            if earlier is None or earlier.mention is None or earlier.name in tried:
                continue
            tried.add(earlier.name)
            if (entity is not None and entity.id == earlier.entity_id) or \
                    (not full_name and self._calls_back([clause[k] for k in content[1:]], earlier)):
                return earlier  # "ودعت القيادة الفلسطينية …" after the leadership spoke
        # A past verb (news narration's tense) ends in ت for a feminine subject; a ت opening it is
        # no sign (تمسّك، تعهّد are masculine). A masculine form before a noun in ة names its object.
        feminine_verb, feminine_noun = verb.bare.endswith("ت"), subject.form.endswith("ه")
        verb_like = not any(L.listed(verb, words) for words in (L.STOP_WORDS, _PREPOSITIONS, _ADJUNCT_STARTS))
        if entity is not None:
            # A known organisation is the subject ("وأيضاً، باركت سرايا القدس العملية، مؤكدةً"; a broken
            # plural agrees with a feminine verb), unless a preposition is glued to it ("ممثلةً بحركة
            # حماس"), the clause opens with no verb ("عبر الميادين إنّ") or a masculine form precedes
            # a name in ة ("مطالباً الحكومة اللبنانية"). A person is, for a participle that goes on in
            # the clause's voice ("وعلّق X على الصورة قائلاً").
            if entity.type == "org" and verb_like and subject.bare[0] not in "بلك" and (feminine_verb or not feminine_noun):
                return self._named(entity, mention)
            if entity.type == "person":
                return self._named(entity, mention) if participle and _comments(verb) else None
            return self.last
        elif not _is_speaker_head(subject):
            return self.last
        if feminine_verb != feminine_noun:
            return self.last
        # A described subject the verb agrees with ("وعلّق مراسل القناة، عومري حايم، … قائلاً").
        return self._speaker(clause[content[1]:]) if participle and _comments(verb) else None

    def _calls_back(self, phrase: list[Word], earlier: _Speaker) -> bool:
        """Do the words opening `phrase` name `earlier` again: its words, up to one that is not,
        unless that one is a word of origin ("وسائل إعلام أميركية" is not "وسائل إعلام
        إسرائيلية"; "الجمعية لإطلاق …" is "الجمعية")?"""
        names = {word for words in self._names_of(earlier) for word in words}
        shared = list(itertools.takewhile(lambda w: bool(set(strip_clitic(w.form)) & names), phrase))
        following = phrase[len(shared)] if len(shared) < len(phrase) else None
        origin = following is not None and following.form.endswith(("يه", "ي")) and len(following.form) > 4
        return bool(shared) and not origin

    def _participle_voice(self, cue: Word, sentence: int) -> list[_Speaker | None]:
        """The candidate speakers of a participle cue ("…، مؤكدةً أنّ"): the subject of its
        sentence's first cue, then the last speaker if its clause names no one else, or the known
        organisation its clause names ("باركت سرايا القدس العملية، مؤكدةً"); but when a
        clause opens after "فيما", "بينما" … before it, the participle is that clause's ('وصف
        نتنياهو …، فيما علّق غانتس …، متسائلاً'): the last speaker or nobody."""
        clause = self._clause_before(cue.start)
        links = [k for k, w in enumerate(clause) if k and w.bare in _CLAUSE_LINKS]
        voice = self._voice_of_clause(clause[links[-1] + 1:] if links else clause, participle=True) if self.last else None
        own_clause = voice  # the last speaker, the clause's own subject, or nobody
        return [own_clause] if links else [self.subjects.get(sentence), own_clause]

    def _clause_before(self, pos: int) -> list[Word]:
        """The words of the sentence holding `pos` that end by `pos`, from the last quotation's end
        on (words are in text order and never overlap: a slice, as in `_words_between`)."""
        since = max(self.last_end, self._sentence_start(pos))
        return self.words[bisect_left(self.word_starts, since):bisect_right(self.word_ends, pos)]

    def _cue_after(self, span: tuple[int, int]) -> _Speaker | None:
        """"«…»، قال X." / "«…»، بحسب X": the speaker named right after a quotation."""
        end = self._sentence_end(span[1] + 1)
        following = self._words_between(span[1] + 1, end)[:4]
        for k, word in enumerate(following):
            if L.is_cue(word) or word.bare in L.ACCORDING:
                phrase = [w for w in self.words[word.i + 1:word.i + 12] if w.start < end]
                stop = next((n for n, w in enumerate(phrase) if w.form in ("،", ",", ".")), len(phrase))
                return self._subject(phrase[:stop], L.cue_agreement(word))
        return None

    def _emit(self, span: tuple[int, int], kind: str, speaker: _Speaker | None, cue: Word | None) -> None:
        # The day of saying is named around the quotation, not inside it: "قال يوم الأحد إنّ …" is when
        # he spoke, "إنّ الاحتلال اعتقل يوم الأحد …" when the arrests were.
        start, end = self._sentence_start(span[0]), self._sentence_end(span[0])
        around = f"{self.text[start:span[0]]} … {self.text[span[1]:max(end, span[1])]}"
        self.quotes.append(Quote(
            start=span[0], end=span[1], kind=kind,  # type: ignore[arg-type]
            speaker=speaker.name if speaker else None,
            speaker_id=speaker.entity_id if speaker else None,
            speaker_mention=speaker.mention if speaker else None,
            cue=cue.text if cue else None, said_on=date_spoken_of(around, self.published),
        ))
        # A quotation nobody could be given breaks the chain of "وأضاف": its unknown speaker goes on;
        # not one under a verb inside reported words ("أن تبلغ رسالة «…»"), still the last speaker's.
        embedded = cue is not None and cue.i > 0 and self._is_complementizer(self.words[cue.i - 1].form)
        if speaker is not None or not embedded:
            self.last = speaker or _Speaker.unnamed()
        if speaker is not None and speaker.name is not None and speaker not in self.speakers:
            self.speakers.append(speaker)
        self.last_end = span[1]


_SPEAKER_HEADS = (L.ROLE_NOUNS | L.RELATIONAL_NOUNS | L.ORG_HEADS | L.UNNAMED_SOURCES | L.HONORIFICS
                  | L.MEDIA_HEADS)


def _is_speaker_head(word: Word, with_conjunction: bool = True) -> bool:
    """Can a description of a speaker start with this word (a role, an organisation, a source)?"""
    forms = strip_clitic(word.form) if with_conjunction else [word.form]
    return any(form in _SPEAKER_HEADS or form.removeprefix("ال") in _SPEAKER_HEADS for form in forms)


def _part_of_name(name: list[str], words: list[str]) -> bool:
    """Is `name` (folded words) how an article calls back the speaker named by `words`: their
    ending ("فالدمان" for "… يورام فالدمان") or a given name inside them ("قدورة" for "قدورة فارس")?"""
    width = len(name)
    if len(words) <= width:
        return False
    if words[-width:] == name:
        return True
    return name[0] in L.GIVEN_NAMES and any(words[k:k + width] == name for k in range(len(words) - width))


def _written_subject(phrase: list[Word]) -> list[Word]:
    """The words from a subject written between a cue and its content on ("وقال غروسي، خلال …"),
    past a parenthesis set off by commas ("قال، في وقت سابق، X"); [] when what stands there cannot
    be a subject: nothing, an adjunct ("في حديث …", "للميادين", "أمس", "الأسبوع الماضي"), a
    participle ("قائلاً") or an object ("ضرورة …", "دعوته", "نفسه")."""
    k = 0
    while k < len(phrase) and phrase[k].form in ("،", ","):
        k = next((n for n in range(k + 1, len(phrase)) if phrase[n].form in ("،", ",")), len(phrase)) + 1
    rest = phrase[k:]
    return rest if rest and _could_be_subject(rest[0]) else []


def _could_be_subject(word: Word) -> bool:
    if word.text in QUOTE_OPEN:
        return True  # 'وقالت "هيئة …"'
    if word.is_punct or word.form[0].isdigit() or L.is_cue(word) or is_common_word(word):
        return False
    if any(L.listed(word, words) for words in (L.STOP_WORDS, _PREPOSITIONS, L.COMPLEMENTIZER_PREFIXES,
                                                _IN_WHICH, _ADJUNCT_STARTS, _TIME_NOUNS, _TO_HIM)):
        return False
    plain = strip_marks(word.text)
    # A noun with an object pronoun ("دعوته", "رفضها"); not a name ending in يه (موشيه، أرييه).
    pronoun = plain.endswith(("ها", "هم", "هما")) or (plain.endswith("ه") and not plain.endswith("يه"))
    if pronoun and len(word.form) > 3 and word.bare not in L.GIVEN_NAMES and word.form != "الله":
        return False
    return not (_is_addressee(word) or word.form.startswith("بال"))


def _governs_another(word: Word) -> bool:
    """A relative's or lawyer's noun, an act done to someone (اعتقال، اغتيال, also with a clitic:
    "طالبت باعتقال X") or a preposition: the name after it is not the speaker."""
    return L.listed(word, _PREPOSITIONS) or any(form in L.RELATIONAL_NOUNS for form in strip_clitic(word.form))


def _is_addressee(word: Word) -> bool:
    """"للميادين" (ل + ال): the one spoken to ("وشددت للميادين على أنّ …"), never the speaker."""
    return word.form.startswith("لل") and len(word.form) > 4


def _description(phrase: list[Word]) -> list[Word]:
    """The speaker phrase without adjuncts: up to a comma, a time word or "في حديث/كلمة …"."""
    kept: list[Word] = []
    for k, word in enumerate(phrase):
        if word.text in QUOTE_OPEN or word.text in QUOTE_CLOSE:
            kept.append(word)  # مؤسسة "مهجة القدس"
            continue
        if word.is_punct:
            break
        if word.bare in _ADJUNCT_STARTS or word.form in _ADJUNCT_STARTS:
            break
        if word.form in ("في", "ل") and k + 1 < len(phrase) and (phrase[k + 1].bare in _DEMONSTRATIVES
                                                                   or _speech_event(phrase[k + 1])):
            break  # "في حديث …", "في هذا الشأن", "تابعت العائلة في رسالتها"
        if any(f.endswith("ميادين") for f in strip_clitic(word.form)):
            break  # "للميادين": to the outlet, not part of the speaker
        if _opens_relative_clause(phrase, k):
            break  # "الحزب الذي يتزعمه نتنياهو" is the party
        if kept and (strip_marks(word.text) == "على" or word.form.startswith("بال")):
            break  # "شدّد الحزب على ضرورة", "ختمت المصادر بالتأكيد"
        if kept and word.form == "عن" and k + 1 < len(phrase):
            if _relayed_source(phrase[k + 1]) or kept[-1].bare == "نقلا":
                kept = []  # "ذكرت صحيفة الوطن عن مصادر مطلعة", "نقلاً عن X": the relayed source speaks
                continue
            if not any(f in L.ORG_HEADS for f in strip_clitic(phrase[k + 1].form)):
                break  # "تحدّث موقع X عن تردد اسم …" is what it spoke of; "عضو الكنيست عن حزب X" stays
        kept.append(word)
    return kept


def _comments(verb: Word) -> bool:
    """Is `verb` one of commenting ("وعلّق X على …", "وردّ", "وتناولت القناة الموضوع"), whose subject a
    participle after it goes on with ("… قائلاً: «…»")? Verbs such as هدّد take their object right
    after them when their subject was named before ("كما هدّد رئيس الحكومة …"), so are not."""
    stem = verb.bare[:-1] if verb.bare.endswith("ت") else verb.bare
    return stem in _COMMENT_VERBS


def _after_preposition(word: Word, name: str) -> bool:
    """Is `word` a person's name with ل or ب glued on ("لكوهين", "بكوهين")?"""
    names = fold_arabic(name).split()
    return word.form not in names and word.form[:1] in ("ل", "ب") and word.form[1:] in names


def _opens_relative_clause(phrase: list[Word], k: int) -> bool:
    """Does a relative pronoun at `k` open a clause about the speaker ("الحزب الذي يتزعمه نتنياهو":
    a name there is not the speaker)? Not after a statement: "البيان الذي صدر موقعاً من X" is X's."""
    return phrase[k].bare in _RELATIVES and not (k and _speech_event(phrase[k - 1]))


def _relayed_source(word: Word) -> bool:
    """"مصادر", "مسؤول": a source or an official after عن, not a party ("عضو الكنيست عن حزب الليكود")."""
    return any(form.removeprefix("ال") in L.UNNAMED_SOURCES | L.ROLE_NOUNS for form in strip_clitic(word.form))


def _speech_event(word: Word) -> bool:
    """"بيان", "رسالتها", "حديثه": a statement, letter or interview, with a possessive pronoun or not."""
    for form in strip_clitic(word.form):
        for suffix in ("", *L.PRONOUN_SUFFIXES):
            stem = form.removesuffix(suffix) if suffix else form
            if stem.endswith("ت") and suffix:
                stem = stem[:-1] + "ه"  # رسالتها -> رساله
            if stem.removeprefix("ال") in _SPEECH_EVENT_NOUNS:
                return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n«“\"":
        start += 1
    while end > start and text[end - 1] in " \t\n.،,؛:»”\"":
        end -= 1
    return start, end
