"""Asks for new language ("add a provision on ...", "the renewal should call for progress updates on the
workshop's recommendations"): the units of NEW that may answer them.

Such an ask cites no unit to keep, so nothing can be "followed" or "dropped": mandiff lists the units of
NEW that share the ask's subject words (stopwords, verbs of asking and Council boilerplate left out),
ranked by how much of the ask's subject they share (words that many units of NEW use count for less),
new or changed units first when OLD says which they are. A person decides whether one of them answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .checklist_prose import AdditionAsk
from .model import Resolution

MAX_CANDIDATES = 5
MIN_SHARED = 2  # subject words a unit must share with the ask
MIN_SIMILARITY = 0.15
MIN_WORDS = 5  # a heading ("Human rights") is no answer to an ask; the units under it are

CANDIDATES = "candidates"
NONE_FOUND = "none found"

_STOPWORDS = frozenset("""
a about above after again against all already also although am an and any are as at be because been before being
below between both but by can could did do does doing down during each either especially even ever every few for
from further had has have having he her here hers him his how however i if in into is it its itself just least
less may me might more most must my namely no nor not notably now of off on once only or other otherwise our out
over own particular particularly rather same she should since so some such than that the their theirs them then
there these they this those through thus to too under until up upon very via was we were what when where whether
which while who whom whose why will with within without would yet you your e.g i.e etc
au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me même mes moi
mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous
afin ainsi alors aussi autre autres car cas comme dont donc entre été être fait faire lorsque plus puis sans
selon si sont tous tout toute toutes très
""".split())
# Council boilerplate and the words of asking: they say nothing of the subject.
_BOILERPLATE = frozenset("""
council security resolution resolutions paragraph paragraphs op ops pp pps mandate mandates renewal renew renewing
renewed text language provision provisions wording draft negotiation negotiations call calls calling called
request requests requesting requested explicitly emphasis placed place example add adding added include includes
including included insert introduce new decide decides decided urge urges encourage encourages ask asks asked
upcoming taken take takes ensure ensures should would could
annex see below above united nations member members state states
conseil sécurité résolution résolutions paragraphe paragraphes mandat renouvellement libellé disposition
dispositions demande demander prie engage décide ajouter inclure nouveau nouvelle
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ies", "es", "s", "ed")


def stem(word: str) -> str:
    """A crude English/French stem, enough to match "recommendations" with "recommended" and
    "reporting" with "report": the ending cut, then a final "e"."""
    w = word.lower().replace("’", "'").split("'")[-1]
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix) and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


def subject_words(text: str) -> dict[str, str]:
    """The subject words of ``text``: stem -> the word as first written, in the order written."""
    out: dict[str, str] = {}
    for w in _WORD.findall(text):
        lw = w.lower()
        if len(lw) < 3 or lw in _STOPWORDS or lw in _BOILERPLATE:
            continue
        out.setdefault(stem(lw), lw)
    return out


@dataclass(frozen=True)
class Candidate:
    """A unit of NEW that may answer an ask for new language."""

    new: str
    similarity: float
    text: str
    shared: tuple[str, ...]
    change: str | None = None  # "new", "modified", "unchanged" against OLD; None without OLD

    def to_json(self) -> dict:
        return {"new": self.new, "similarity": self.similarity, "text": self.text, "shared": list(self.shared),
                "change": self.change}


@dataclass(frozen=True)
class AdditionResult:
    line: int
    text: str
    status: str  # CANDIDATES or NONE_FOUND
    candidates: tuple[Candidate, ...] = ()

    def to_json(self) -> dict:
        return {"line": self.line, "text": self.text, "status": self.status,
                "candidates": [c.to_json() for c in self.candidates]}


def find_candidates(ask: AdditionAsk, new: Resolution, changes: dict[str, str] | None = None) -> AdditionResult:
    """The units of NEW sharing the ask's subject words, best first (new or changed units before the
    others when ``changes`` says which they are)."""
    wanted = subject_words(ask.text)
    units = [u for u in new.paragraphs if len(u.text.split()) >= MIN_WORDS]
    stems_of = {u.label: set(subject_words(u.text)) for u in units}
    count = len(units) or 1

    def weight(s: str) -> float:
        used = sum(1 for stems in stems_of.values() if s in stems)
        return math.log((count + 1) / (used + 0.5))

    weights = {s: weight(s) for s in wanted}
    total = sum(weights.values()) or 1.0
    found = []
    for order, u in enumerate(units):
        shared = [s for s in wanted if s in stems_of[u.label]]
        if len(shared) < MIN_SHARED:
            continue
        similarity = round(sum(weights[s] for s in shared) / total, 2)
        if similarity < MIN_SIMILARITY:
            continue
        change = changes.get(u.label) if changes is not None else None
        found.append((change not in ("new", "modified") if changes is not None else False, -similarity, order,
                      Candidate(u.label, similarity, u.text, tuple(wanted[s] for s in shared), change)))
    found.sort(key=lambda f: f[:3])
    candidates = tuple(f[3] for f in found[:MAX_CANDIDATES])
    return AdditionResult(ask.line, ask.text, CANDIDATES if candidates else NONE_FOUND, candidates)
