"""What a change did to WPS language: retained, modified, weakened, strengthened, mixed, added-to, removed-from.

The judgement uses the signals a negotiator uses: the opening verb's place on the Council's scale
(Decides > ... > Notes), the move of an idea between the preamble and the operative part, and what
``softening`` reads in the word-level diff inside the paragraph (modals, hedges, weaker verbs, scope cuts,
deadlines and reporting requests, qualifiers kept, changed or lost). Every verdict carries its reasons in
words ("'Requests' became 'Encourages'", "added the hedge 'as appropriate'") so that a reader can check it;
softening and firming up together are "mixed", with both reasons, never a silent "modified".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import OPERATIVE, PREAMBULAR, Tag
from .package_data import data_toml
from .phrase_lists import families
from .softening import NEUTRAL, STRONGER, WEAKER, fold_words, signals
from .vocabulary import Verdict, category_name


@lru_cache(maxsize=1)
def _strength():
    data = data_toml("strength.toml")
    verbs = {k.lower(): int(v) for k, v in data["verbs"].items()}
    adverbs = frozenset(w.lower() for w in data["adverbs"]["words"])
    return verbs, adverbs


_WORD = re.compile(r"[^\W\d_]+")  # letters, accented ones too ("Décide")


def _opening(text: str) -> tuple[int, tuple[str, int] | None]:
    """Where the opening verb starts (after adverbs such as "Further"), and the verb with its strength
    when it is on the scale."""
    verbs, adverbs = _strength()
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text[:120])]
    i = 0
    while i < len(words) and words[i][0].lower() in adverbs:
        i += 1
    if i >= len(words):
        return -1, None
    for span in (2, 1):
        if i + span <= len(words):
            phrase = " ".join(w[0].lower() for w in words[i:i + span])
            if phrase in verbs:
                return words[i][1], (text[words[i][1]:words[i + span - 1][2]], verbs[phrase])
    return words[i][1], None


def leading_verb(text: str) -> tuple[str, int] | None:
    """The operative verb that opens ``text`` and its strength: ("Calls upon", 4), or None."""
    return _opening(text)[1]


def qualifiers(text: str) -> dict[str, int]:
    """The qualifiers of ``text`` ("full, effective and meaningful", "strongly") and how often each is used."""
    family = next(f for f in families() if f.name == "qualifier")
    counts: dict[str, int] = {}
    for m in family.find(text):
        counts[m.key] = counts.get(m.key, 0) + 1
    return counts


def _terms(tags) -> set[tuple[str, str]]:
    return {(t.category, " ".join(t.words.lower().split())) for t in tags or ()}


def assess_texts(
    old_text: str,
    new_text: str,
    old_kind: str,
    new_kind: str,
    old_tags: tuple[Tag, ...] | None,
    new_tags: tuple[Tag, ...] | None,
) -> tuple[Verdict | None, tuple[str, ...]]:
    """The verdict on a change of WPS language and the reasons for it; (None, ()) when neither side is WPS.

    Every signal is a reason on the weaker or the stronger side (or a change said without a side): the
    opening verb's place on the scale, the move between preamble and operative part, the signals of
    ``softening``, WPS categories lost or gained. One side alone gives weakened or strengthened; both give
    mixed; a paragraph that keeps none of its WPS terms is removed-from, one that had none and gains some
    added-to. A term is said lost only when its words are gone from the new text (gained: new to it)."""
    if not old_tags and not new_tags:
        return None, ()
    if old_text == new_text and old_kind == new_kind:
        return Verdict.RETAINED, ()
    weaker: list[str] = []
    stronger: list[str] = []
    neutral: list[str] = []
    if old_kind == PREAMBULAR and new_kind == OPERATIVE:
        stronger.append("moved from the preamble into the operative part")
    elif old_kind == OPERATIVE and new_kind == PREAMBULAR:
        weaker.append("moved from the operative part into the preamble")
    (old_at, before), (new_at, after) = _opening(old_text), _opening(new_text)
    if old_kind == OPERATIVE and new_kind == OPERATIVE and before and after and before[1] != after[1]:
        weaker_now = after[1] < before[1]
        # "Urges" -> "Notes ... and urges them": the verb that was given up is still said further on
        kept = before[0] if weaker_now else after[0]
        elsewhere = new_text[new_at + len(after[0]):] if weaker_now else old_text[old_at + len(before[0]):]
        if not re.search(rf"(?<![\w-]){re.escape(kept.lower())}(?![\w-])", elsewhere.lower()):
            (weaker if weaker_now else stronger).append(f"'{before[0]}' became '{after[0]}'")
        else:
            which = "the paragraph still says" if weaker_now else "the old paragraph already said"
            neutral.append(f"'{before[0]}' became '{after[0]}' ({which} '{kept.lower()}' further on)")
    sides = {WEAKER: weaker, STRONGER: stronger, NEUTRAL: neutral}
    for signal in signals(old_text, new_text, (old_at, new_at)):
        sides[signal.side].append(signal.reason)
    t_old, t_new = _terms(old_tags), _terms(new_tags)
    # a term is lost only if its words are gone from the text, not merely untagged there ("disarmament,
    # demobilization and reintegration" still in the text, without the women it was tagged for)
    terms_lost = sorted(t for t in {term for _c, term in t_old - t_new} - {term for _c, term in t_new}
                        if not _still_in(t, new_text))
    terms_gained = sorted(t for t in {term for _c, term in t_new - t_old} - {term for _c, term in t_old}
                          if not _still_in(t, old_text))
    if old_tags and not new_tags:
        lost = "lost " + _quoted(terms_lost) if terms_lost else "its words are still there, without what made them WPS language"
        return Verdict.REMOVED_FROM, tuple(weaker + stronger + neutral + ["no WPS language left: " + lost])
    if new_tags and not old_tags:
        gained = _quoted(terms_gained) or "words already there now read as WPS language"
        return Verdict.ADDED_TO, tuple(weaker + stronger + neutral + ["WPS language added: " + gained])
    cats_old, cats_new = _categories(old_tags), _categories(new_tags)
    for category in sorted(cats_old - cats_new):
        gone = [t for t in _terms_of(t_old, category) if not _still_in(t, new_text)]
        if gone:  # the words are gone, not only the tag
            weaker.append(f"no longer speaks of {category_name(category)} ({_quoted(gone)})")
    for category in sorted(cats_new - cats_old):
        come = [t for t in _terms_of(t_new, category) if not _still_in(t, old_text)]
        if come:
            stronger.append(f"now also speaks of {category_name(category)} ({_quoted(come)})")
    if terms_lost or terms_gained:
        neutral.append("WPS wording changed: " + " -> ".join(_quoted(t) or "nothing" for t in (terms_lost, terms_gained)))
    reasons = tuple(weaker + stronger + neutral)
    if weaker and stronger:
        return Verdict.MIXED, reasons
    if weaker:
        return Verdict.WEAKENED, reasons
    if stronger:
        return Verdict.STRENGTHENED, reasons
    return Verdict.MODIFIED, reasons


def _still_in(term: str, text: str) -> bool:
    """Whether a WPS term's words are in ``text``, qualifiers aside on both sides: "full, effective and
    meaningful participation of women" is still there as "participation of women" (and the reverse);
    the qualifier has its own reason."""
    if fold_words(term) in fold_words(text):
        return True
    bare = fold_words(_without_qualifiers(term))
    if bare.strip() and bare in fold_words(_without_qualifiers(text)):
        return True
    # written again with a word a PDF or an OCR damaged ("sexual vio lence"): the words are still there.
    # A repair only joins or splits at spaces, so it can help only where the letters match without them.
    if "".join(fold_words(term).split()) not in "".join(fold_words(text).split()):
        return False
    return any(fold_words(term) in fold_words(repaired) for repaired in _repaired_readings(text))


def _repaired_readings(text: str) -> list[str]:
    """``text`` with its damaged words repaired, by each shipped language's lexicon that finds some."""
    from .damaged_words import Vocabulary
    from .lexicon import SHIPPED_LANGUAGES, shipped_lexicon

    readings = []
    for code in SHIPPED_LANGUAGES:
        repaired = shipped_lexicon().for_language(code).repairer().repair(text, Vocabulary((text,)))
        if repaired is not None:
            readings.append(repaired[0])
    return readings


def _without_qualifiers(text: str) -> str:
    return next(f for f in families() if f.name == "qualifier").strip(text)


def _categories(tags) -> set[str]:
    return {t.category for t in tags or ()} - {"asked"}


def _terms_of(terms: set[tuple[str, str]], category: str) -> list[str]:
    return sorted(term for c, term in terms if c == category)


def _quoted(terms) -> str:
    return ", ".join(f"'{t}'" for t in terms)
