"""What a change did to WPS language: retained, modified, weakened, strengthened, added-to, removed-from.

The judgement uses three signals a negotiator uses: the operative verb's place on the Council's
scale (Decides > ... > Notes), qualifiers kept or lost ("full, effective and meaningful"), and the
move of an idea between the preamble and the operative part. Every verdict carries its reasons in
words ("'Requests' became 'Encourages'") so that a reader can check it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from .model import OPERATIVE, PREAMBULAR, Tag
from .vocabulary import Verdict, category_name


@lru_cache(maxsize=1)
def _strength():
    data = tomllib.loads(resources.files("mandiff").joinpath("data/strength.toml").read_text("utf-8"))
    verbs = {k.lower(): int(v) for k, v in data["verbs"].items()}
    adverbs = frozenset(w.lower() for w in data["adverbs"]["words"])
    phrases = tuple(sorted((p.lower() for p in data["qualifiers"]["phrases"]), key=len, reverse=True))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])", re.IGNORECASE)
    return verbs, adverbs, pattern


_WORD = re.compile(r"[^\W\d_]+")  # letters, accented ones too ("Décide")


def leading_verb(text: str) -> tuple[str, int] | None:
    """The operative verb that opens ``text`` and its strength: ("Calls upon", 4), or None."""
    verbs, adverbs, _ = _strength()
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text[:120])]
    i = 0
    while i < len(words) and words[i][0].lower() in adverbs:
        i += 1
    if i >= len(words):
        return None
    for span in (2, 1):
        if i + span <= len(words):
            phrase = " ".join(w[0].lower() for w in words[i:i + span])
            if phrase in verbs:
                return text[words[i][1]:words[i + span - 1][2]], verbs[phrase]
    return None


def qualifiers(text: str) -> dict[str, int]:
    _, _, pattern = _strength()
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        key = m.group(0).lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def _terms(tags) -> set[tuple[str, str]]:
    return {(t.category, " ".join(t.term.lower().split())) for t in tags or ()}


def assess_texts(
    old_text: str,
    new_text: str,
    old_kind: str,
    new_kind: str,
    old_tags: tuple[Tag, ...] | None,
    new_tags: tuple[Tag, ...] | None,
) -> tuple[Verdict | None, tuple[str, ...]]:
    """The verdict on a change of WPS language and the reasons for it; (None, ()) when neither side is WPS.

    Every signal is a reason on the weaker or the stronger side: the verb's place on the scale, the move
    between preamble and operative part, qualifiers lost or gained, WPS terms lost or gained. One side
    alone gives weakened or strengthened; both give mixed; a paragraph that keeps none of its WPS terms
    is removed-from, one that had none and gains some added-to."""
    if not old_tags and not new_tags:
        return None, ()
    if old_text == new_text and old_kind == new_kind:
        return Verdict.RETAINED, ()
    weaker: list[str] = []
    stronger: list[str] = []
    if old_kind == PREAMBULAR and new_kind == OPERATIVE:
        stronger.append("moved from the preamble into the operative part")
    elif old_kind == OPERATIVE and new_kind == PREAMBULAR:
        weaker.append("moved from the operative part into the preamble")
    if old_kind == OPERATIVE and new_kind == OPERATIVE:
        before, after = leading_verb(old_text), leading_verb(new_text)
        if before and after and before[1] != after[1]:
            reason = f"'{before[0]}' became '{after[0]}'"
            (weaker if after[1] < before[1] else stronger).append(reason)
    q_old, q_new = qualifiers(old_text), qualifiers(new_text)
    lost = sorted(q for q in q_old if q_new.get(q, 0) < q_old[q])
    gained = sorted(q for q in q_new if q_old.get(q, 0) < q_new[q])
    if lost:
        weaker.append("lost " + ", ".join(f"'{q}'" for q in lost))
    if gained:
        stronger.append("gained " + ", ".join(f"'{q}'" for q in gained))
    t_old, t_new = _terms(old_tags), _terms(new_tags)
    # a term is lost only if its words are gone from the text, not merely untagged there ("disarmament,
    # demobilization and reintegration" still in the text, without the women it was tagged for)
    terms_lost = sorted(t for t in {term for _c, term in t_old - t_new} - {term for _c, term in t_new}
                        if _fold(t) not in _fold(new_text))
    terms_gained = sorted(t for t in {term for _c, term in t_new - t_old} - {term for _c, term in t_old}
                          if _fold(t) not in _fold(old_text))
    if old_tags and not new_tags:
        return Verdict.REMOVED_FROM, tuple(weaker + stronger + ["no WPS language left: lost " + _quoted(terms_lost)])
    if new_tags and not old_tags:
        return Verdict.ADDED_TO, tuple(weaker + stronger + ["WPS language added: " + _quoted(terms_gained)])
    cats_old, cats_new = _categories(old_tags), _categories(new_tags)
    for category in sorted(cats_old - cats_new):
        weaker.append(f"no longer speaks of {category_name(category)} ({_quoted(_terms_of(t_old, category))})")
    for category in sorted(cats_new - cats_old):
        stronger.append(f"now also speaks of {category_name(category)} ({_quoted(_terms_of(t_new, category))})")
    neutral = []
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


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _categories(tags) -> set[str]:
    return {t.category for t in tags or ()} - {"asked"}


def _terms_of(terms: set[tuple[str, str]], category: str) -> list[str]:
    return sorted(term for c, term in terms if c == category)


def _quoted(terms) -> str:
    return ", ".join(f"'{t}'" for t in terms)
