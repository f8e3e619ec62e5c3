"""Tag every unit of a resolution with the WPS language it carries and the words that prove it.

A unit is WPS language when its own text (not its children's) contains a *term* of the lexicon.
Then, and only then, its *qualifiers* ("brought to justice", "security sector reform") add their
categories too. A *fallback* term (a bare "women") counts only where no more specific term was found,
and each rule's ``unless`` phrases and ``instead`` cues decide the exclusions and the category by context.
"""

from typing import NamedTuple

from .damaged_words import Vocabulary
from .lexicon import CompiledLanguage, CompiledRule, Lexicon, shipped_lexicon
from .model import Resolution, Tag


class _Match(NamedTuple):  # a NamedTuple: a dataclass costs every process a millisecond to build
    category: str
    start: int
    end: int


def _inside(span: tuple[int, int], covers: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in covers)


def _overlaps(span: tuple[int, int], others) -> bool:
    return any(span[0] < m.end and m.start < span[1] for m in others)


def _core_matches(rule: CompiledRule, found: dict) -> list[_Match]:
    spans = found.get(rule.core, [])
    if spans and rule.unless is not None:
        excluded = found.get(rule.unless, [])
        spans = [s for s in spans if not _inside(s, excluded)]
    if not spans:
        return []
    category = next((target for target, cues in rule.instead if cues in found), rule.category)
    return [_Match(category, a, b) for a, b in spans]


def _merge_same_category(matches: list[_Match]) -> list[_Match]:
    """Overlapping evidence of one category becomes one span ("protection for women and children")."""
    merged: list[_Match] = []
    for m in sorted(matches, key=lambda m: (m.category, m.start, -m.end)):
        last = merged[-1] if merged else None
        if last is not None and last.category == m.category and m.start < last.end:
            merged[-1] = _Match(m.category, last.start, max(last.end, m.end))
        else:
            merged.append(m)
    return merged


def tag_text(text: str, language: str = "en", lexicon: Lexicon | CompiledLanguage | None = None,
             repair_words: bool = True) -> tuple[Tag, ...]:
    """The WPS tags of one piece of text, in order of position; () when it carries no WPS language.

    With ``repair_words``, a text without a tag as written (or with only a fallback one) is read again
    with its damaged words repaired (``damaged_words.py``): see ``_tags_of``."""
    compiled = _compiled(lexicon, language)
    return _tags_of(text, compiled, Vocabulary((text,)) if repair_words else None)


def _tags_of(text: str, compiled: CompiledLanguage, vocabulary: Vocabulary | None) -> tuple[Tag, ...]:
    """The tags as written; for a unit with none, or only a fallback one ("women"), the tags of its
    damaged words repaired when they give one (``vocabulary`` None: no repair)."""
    if vocabulary is None or not text:
        return _reading(text, compiled)[0]
    folded = text.casefold()
    if not compiled.holds_required(folded.replace(" ", "")):
        return ()  # no gender word, not even one split by a space: one search decides most units
    tags, specific, gender_word = _reading(text, compiled, folded)
    if specific:
        return tags
    repairer = compiled.repairer()
    if not repairer.may_hide_a_term(folded, gender_word):
        return tags  # no gender word, even split by a space: nothing a repair could find
    return _tags_of_damaged(text, compiled, repairer.repair(text, vocabulary)) or tags


def _tags_of_damaged(text: str, compiled: CompiledLanguage, repaired) -> tuple[Tag, ...]:
    """The tags of ``text`` read with its damaged words repaired (``repaired``: the repaired text, where
    each of its characters was in ``text``, the repaired spans), on ``text``'s own words, a repaired one
    with ``read_as`` its repaired words; () unless a tag is on a repair or beside it ("violence" of
    "violencein")."""
    if repaired is None:
        return ()
    fixed, where, spans = repaired
    tags, _, _ = _reading(fixed, compiled)
    covering = [t for t in tags if any(t.start <= b and a <= t.end for a, b in spans)]
    if not covering:
        return ()
    out = []
    for t in tags:
        start, end = where[t.start], where[t.end - 1] + 1
        read_as = t.term if t in covering and t.term != text[start:end] else None
        out.append(Tag(t.category, text[start:end], start, end, read_as))
    return tuple(out)


def _reading(text: str, compiled: CompiledLanguage, folded: str | None = None) -> tuple[tuple[Tag, ...], bool, bool]:
    """The tags of ``text`` as written, whether a term other than a fallback one ("women") was found,
    and whether the text holds a gender word of the pre-filter at all (``folded``: the text casefolded,
    when the caller has it)."""
    if not text or not compiled.holds_required(text.casefold() if folded is None else folded):
        return (), False, False
    found = compiled.scan(text)
    specific: list[_Match] = []
    fallback: list[_Match] = []
    for rule in compiled.rules:
        if rule.core is not None:
            (fallback if rule.fallback else specific).extend(_core_matches(rule, found))
    core = specific or fallback
    if not core:
        return (), False, True
    qualifiers: list[_Match] = []
    for rule in compiled.rules:
        for span in found.get(rule.qualifiers, []) if rule.qualifiers is not None else ():
            if not _overlaps(span, core) and not _overlaps(span, qualifiers):
                qualifiers.append(_Match(rule.category, *span))
    tags = _merge_same_category(core + qualifiers)
    tags.sort(key=lambda m: (m.start, -m.end, m.category))
    return tuple(Tag(m.category, text[m.start : m.end], m.start, m.end) for m in tags), bool(specific), True


def _compiled(lexicon: Lexicon | CompiledLanguage | None, language: str | None) -> CompiledLanguage:
    if lexicon is None:
        lexicon = shipped_lexicon()
    if isinstance(lexicon, CompiledLanguage):
        return lexicon
    return lexicon.for_language(language)


def tag(resolution: Resolution, lexicon: Lexicon | None = None) -> Resolution:
    """The resolution with ``tags`` set on every unit (an empty tuple where there is no WPS language)."""
    compiled = _compiled(lexicon, resolution.language)
    vocabulary = Vocabulary(tuple(p.text for p in resolution.paragraphs))
    return resolution.replace_paragraphs(p.with_tags(_tags_of(p.text, compiled, vocabulary))
                                         for p in resolution.paragraphs)
