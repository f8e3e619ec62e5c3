"""Tag every unit of a resolution with the WPS language it carries and the words that prove it.

A unit is WPS language when its own text (not its children's) contains a *term* of the lexicon.
Then, and only then, its *qualifiers* ("brought to justice", "security sector reform") add their
categories too. A *fallback* term (a bare "women") counts only where no more specific term was found,
and each rule's ``unless`` phrases and ``instead`` cues decide the exclusions and the category by context.
"""

from __future__ import annotations

from dataclasses import dataclass

from .damaged_words import Repairs, find_repairs
from .lexicon import CompiledLanguage, CompiledRule, Lexicon, shipped_lexicon
from .model import Resolution, Tag


@dataclass(frozen=True)
class _Match:
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
             repairs: Repairs | None = None) -> tuple[Tag, ...]:
    """The WPS tags of one piece of text, in order of position; () when it carries no WPS language.

    ``repairs`` (found over the whole resolution, default: over this text) are words split or run together
    by a PDF or an OCR; a unit whose repaired text carries a tag on a repair is read as repaired, with
    each tag's words as written and, on a repaired one, ``read_as`` the repaired words."""
    compiled = _compiled(lexicon, language)
    if repairs is None:
        repairs = find_repairs((text,), compiled.words(), compiled.anchor_words())
    repaired = repairs.apply(text) if repairs else None
    if repaired is not None:
        tags = _tags_of_repaired(text, *repaired, compiled)
        if tags is not None:
            return tags
    return _tags_as_written(text, compiled)


def _tags_of_repaired(text: str, fixed: str, where: list[int], spans: list[tuple[int, int]],
                      compiled: CompiledLanguage) -> tuple[Tag, ...] | None:
    """The tags of the repaired text ``fixed`` on ``text``'s own words; None unless one is on a repair or
    beside it ("violence" of "violencein")."""
    tags = _tags_as_written(fixed, compiled)
    covering = [t for t in tags if any(t.start <= b and a <= t.end for a, b in spans)]  # on or beside one
    if not covering:
        return None
    out = []
    for t in tags:
        start, end = where[t.start], where[t.end - 1] + 1
        read_as = t.term if t in covering and t.term != text[start:end] else None
        out.append(Tag(t.category, text[start:end], start, end, read_as))
    return tuple(out)


def _tags_as_written(text: str, compiled: CompiledLanguage) -> tuple[Tag, ...]:
    if not text or not compiled.could_match(text):
        return ()
    found = compiled.scan(text)
    specific: list[_Match] = []
    fallback: list[_Match] = []
    for rule in compiled.rules:
        if rule.core is not None:
            (fallback if rule.fallback else specific).extend(_core_matches(rule, found))
    core = specific or fallback
    if not core:
        return ()
    qualifiers: list[_Match] = []
    for rule in compiled.rules:
        for span in found.get(rule.qualifiers, []) if rule.qualifiers is not None else ():
            if not _overlaps(span, core) and not _overlaps(span, qualifiers):
                qualifiers.append(_Match(rule.category, *span))
    tags = _merge_same_category(core + qualifiers)
    tags.sort(key=lambda m: (m.start, -m.end, m.category))
    return tuple(Tag(m.category, text[m.start : m.end], m.start, m.end) for m in tags)


def _compiled(lexicon: Lexicon | CompiledLanguage | None, language: str | None) -> CompiledLanguage:
    if lexicon is None:
        lexicon = shipped_lexicon()
    if isinstance(lexicon, CompiledLanguage):
        return lexicon
    return lexicon.for_language(language)


def tag(resolution: Resolution, lexicon: Lexicon | None = None) -> Resolution:
    """The resolution with ``tags`` set on every unit (an empty tuple where there is no WPS language)."""
    compiled = _compiled(lexicon, resolution.language)
    repairs = find_repairs((p.text for p in resolution.paragraphs), compiled.words(), compiled.anchor_words())
    return resolution.replace_paragraphs(p.with_tags(tag_text(p.text, lexicon=compiled, repairs=repairs))
                                         for p in resolution.paragraphs)
