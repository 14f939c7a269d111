"""The cue lexicon: verbs (by lemma) that report what someone said, and how each takes its content.

A cue's content is normally its clausal complement ("said *that ...*"). Some cues also report
through a noun phrase ("stressed *the necessity of ...*", "described *them as ...*"); those are
listed in `NOMINAL_CONTENT_CUES`. Particles and prepositions that a cue needs are in
`PHRASAL_CUES` ("point out", "call on", "rule out").
"""

from __future__ import annotations

from importlib import resources

SPEECH_CUES = frozenset(
    """
    say tell stress affirm note add emphasize emphasise explain maintain describe warn urge call
    confirm underline underscore highlight indicate reveal announce conclude state insist mention
    claim argue write ask reply respond tweet post testify deny declare report acknowledge admit
    suggest assert contend complain predict promise vow threaten charge accuse recall observe
    remark comment reiterate repeat clarify concede boast demand propose recommend caution
    continue point rule make condemn praise hail criticize criticise blame allege estimate
    disclose inform assure reassure stipulate specify proclaim pledge lament question
    quip joke shout yell scream whisper signal hint agree disagree counter retort rebut dismiss
    brag talk hope
    """.split()
)

# Cues whose content may be a noun phrase (direct object) rather than a clause.
NOMINAL_CONTENT_CUES = frozenset(
    """
    stress emphasize emphasise underline underscore highlight reiterate confirm deny reveal
    announce describe warn urge call point rule
    """.split()
)

# Cues that only count with a particle or preposition: lemma -> accepted particles.
PHRASAL_CUES = {
    "point": frozenset({"out", "to"}),
    "call": frozenset({"on", "for", "upon"}),
    "rule": frozenset({"out"}),
    "make": frozenset({"clear"}),
}

# Cues that need a quotation to count ("he continued" only reports speech after a quote).
QUOTE_ONLY_CUES = frozenset({"continue", "make"})

# Verbs that never attribute a quotation set beside them ("…," is the answer): any other verb placed
# as a quotation's attribution is read as a cue (see `quotes._introduces_quote`).
NOT_SPEECH = frozenset("be have do get become seem remain mean include".split())

# The preposition cue "according to X".
ACCORDING = "according"


def _cue_rates() -> dict[str, float]:
    """Lemma -> the share of its uses as a verb in PolNeAR train that cue an attribution
    (`data/cue_lemmas.txt`, written by `scripts/mine_cue_lexicon.py`)."""
    rates = {}
    lines = resources.files("cliptrace").joinpath("data", "cue_lemmas.txt").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line and not line.startswith("#"):
            lemma, as_cue, as_verb = line.split()
            rates[lemma] = int(as_cue) / int(as_verb)
    return rates


CUE_RATE = _cue_rates()
# A verb governing a quotation with no cue beside it attributes it when annotators marked it a
# cue this often ("X attacked “…”", "X called Y a “…”"), never "X needs to “…”" or "sent to “…”".
GOVERNING_CUE_RATE = 0.3
