"""Were the recommendations followed? Check a checklist against a new resolution.

Each ask (a cited unit of OLD, a quoted excerpt, or a WPS unit of OLD) is followed into NEW through the
same aligner, word diff and assessor as ``mandiff diff``, and gets one status an advocate can report:
retained (same words, even when renumbered), modified, weakened, strengthened, moved, or dropped.

Quoted text is judged by its words, not by the quoter's punctuation: an excerpt that closes a
preambular paragraph with a full stop is still that paragraph. A partial quote (words left out with
"(…)" or "...", a part of the unit OLD gives, or a quote that stops mid-clause) is retained when every
quoted fragment is found, in order, in one unit of NEW (or that unit with its sub-units); the result
says which part of the unit matched. Words the unit gained outside the quote are not the ask's.

A cited paragraph whose sub-paragraph or dash item is gone in NEW is never "retained" or
"strengthened": the missing part is named and weakens the verdict.

Asks for new language get candidates (``checklist_additions``); lines of the checklist that look like
asks but were not understood are carried into the result as they are (``unread``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

from .checklist_additions import AdditionResult, find_candidates
from .checklist_prose import sentence_spans
from .checklist_parse import (  # noqa: F401  (re-exported: the public API of the checklist)
    CITATION,
    ELISION,
    EXCERPT,
    WPS,
    Checklist,
    ChecklistItem,
    Unread,
    find_citations,
    fragments_of,
    parse_checklist,
    read_checklist,
)
from .errors import CitationError, InputError, StructureError
from .ingest import input_name
from .model import OPERATIVE, PREAMBULAR, Comparison, Edit, Notice, Paragraph, Resolution, Tag
from .vocabulary import CHECK_FAIL_ON, CHECK_STATUSES, REWRITTEN_BY_DEFAULT, Relation, Verdict, combine
from .grammar.labels import parse_label, pretty_label
from .symbols import parse_symbol

STATUSES = CHECK_STATUSES
FAIL_ON = CHECK_FAIL_ON

# A stand-in tag put on both sides when neither carries WPS language, so that the assessor still
# reads the verb and the qualifiers of an ask ("Calls upon" -> "Encourages" weakens any ask).
_ASKED = Tag("asked", "(checklist item)", 0, 0)


@dataclass(frozen=True)
class ItemResult:
    """What became of one ask in NEW."""

    item: ChecklistItem
    status: Verdict
    new: str | None  # the label in NEW; None when dropped
    edits: tuple[Edit, ...] = ()
    reasons: tuple[str, ...] = ()
    relation: str | None = None  # the aligner's relation, when the unit was paired
    similarity: float | None = None
    also: tuple[str, ...] = ()  # further NEW units of a split
    note: str | None = None  # e.g. "not found in OLD: label as quoted"
    matched: tuple[tuple[int, int], ...] = ()  # where a partial quote was found in the new text (characters)

    @property
    def reference(self) -> str:
        return self.item.reference

    @property
    def renumbered(self) -> bool:
        return self.new is not None and self.new != self.item.reference

    def to_json(self) -> dict:
        out = {
            "reference": self.item.reference,
            "text": self.item.text,
            "status": str(self.status),
            "new": self.new,
            "edits": [e.to_json() for e in self.edits],
            "reasons": list(self.reasons),
            "symbol": self.item.symbol,
            "form": self.item.form,
            "as_written": self.item.as_written,
            "line": self.item.line,
        }
        if self.item.quoted_as and self.item.quoted_as != self.item.reference:
            out["quoted_as"] = self.item.quoted_as
        out["reading"] = self.item.reading
        out["matched"] = [list(span) for span in self.matched]
        if self.also:
            out["also"] = list(self.also)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class CheckResult:
    items: tuple[ItemResult, ...]
    summary: dict = field(default_factory=dict)
    unread: tuple[Unread, ...] = ()  # (line, text) of the checklist's lines that look like asks, not understood
    additions: tuple[AdditionResult, ...] = ()  # asks for new language, with their candidates in NEW
    warnings: tuple[Notice, ...] = ()
    new_json: dict | None = None  # the header facts of NEW and OLD as the JSON gives them
    old_json: dict | None = None
    new_symbol: str | None = None
    old_symbol: str | None = None
    source: str | None = None
    # the resolutions' header facts (symbol, number, year, date, meeting) as the texts state them, else as
    # the registry has verified them: for the reports, not in the JSON
    new_header: dict | None = None
    old_header: dict | None = None

    def count(self, status: str) -> int:
        return sum(1 for r in self.items if r.status == status)

    def failed(self, fail_on: str | None) -> bool:
        """Whether ``--fail-on`` is triggered: "dropped"; "weakened" (weakened, mixed, WPS language
        removed, or dropped); "changed" (anything not retained); "unread" (a line that looks like an ask
        was not understood)."""
        if not fail_on:
            return False
        if fail_on not in FAIL_ON:
            raise InputError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
        if fail_on == "unread":
            return bool(self.unread)
        bad = {"dropped": {Verdict.DROPPED},
               "weakened": {Verdict.DROPPED, Verdict.WEAKENED, Verdict.MIXED, Verdict.REMOVED_FROM}}.get(fail_on)
        if bad is None:
            return any(r.status != Verdict.RETAINED for r in self.items)
        return any(r.status in bad for r in self.items)

    def to_json(self) -> dict:
        return {"old": self.old_json, "new": self.new_json, "items": [r.to_json() for r in self.items],
                "additions": [a.to_json() for a in self.additions], "unread": [u.to_json() for u in self.unread],
                "summary": self.summary, "warnings": [w.to_json() for w in self.warnings]}


# ---- text comparison helpers ----------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def same_words(a: str, b: str) -> bool:
    """The same words in the same order: spaces folded, typographic quotes unified, and the closing
    punctuation mark ignored (a quoter ends a preambular excerpt with '.', the resolution with ',')."""
    return _words_key(a) == _words_key(b)


def _words_key(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).rstrip(" ,.;:")


def fragments_in_order(fragments: Iterable[str], text: str) -> bool:
    """Every fragment found in ``text``, each after the previous one."""
    haystack = _words_key(text)
    pos = 0
    for frag in fragments:
        needle = _words_key(frag)
        if not needle:
            continue
        at = haystack.find(needle, pos)
        if at < 0:
            return False
        pos = at + len(needle)
    return True


_ANCHOR_WORDS = 6


def _word_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).translate(_QUOTES), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _find_run(words: list[str], spans, start: int) -> int:
    """Index in ``spans`` (at or after ``start``) where ``words`` occur in a row, or -1."""
    n = len(words)
    for i in range(start, len(spans) - n + 1):
        if all(spans[i + k][0] == words[k] for k in range(n)):
            return i
    return -1


def _locate(fragment: str, spans, start: int, after_cut: bool) -> tuple[int, int] | None:
    """Where ``fragment`` sits in the new text, in word indices [begin, end), allowing for changes
    inside it: anchored on the longest run of its first or of its last words that is found. On a
    tie, a fragment that follows a cut is anchored by its end (its start is where the cut ended,
    which is what we are looking for), the first fragment by its start."""
    words = [w.translate(_QUOTES) for w in fragment.split()]
    n = len(words)
    for k in range(min(n, _ANCHOR_WORDS), 0, -1):
        by_start = _find_run(words[:k], spans, start)
        by_end = _find_run(words[n - k:], spans, start)
        if by_end >= 0 and (after_cut or by_start < 0):
            return max(start, by_end - (n - k)), by_end + k
        if by_start >= 0:
            return by_start, min(len(spans), by_start + n)
    return None


def fill_elisions(text: str, new_text: str) -> str:
    """The excerpt with each "(…)" replaced by what NEW has between the fragments around it, so that
    the word diff shows the real changes and not the quoter's cuts. A cut that cannot be placed
    stays "(…)"."""
    pieces = ELISION.split(text)
    if len(pieces) == 1:
        return text
    spans = _word_spans(new_text)
    located = []
    cursor = 0
    for k, piece in enumerate(pieces):
        if not piece.strip():
            located.append(None)
            continue
        where = _locate(piece, spans, cursor, after_cut=k > 0)
        located.append(where)
        if where is not None:
            cursor = where[1]
    out = pieces[0].strip()
    for k in range(1, len(pieces)):
        before = located[k - 1][1] if located[k - 1] else (0 if not pieces[k - 1].strip() else None)
        after = located[k][0] if located[k] else (len(spans) if not pieces[k].strip() else None)
        if before is not None and after is not None and after >= before:
            gap = new_text[spans[before][1]:spans[after - 1][2]] if after > before else ""
        else:
            gap = "(\u2026)"
        out = " ".join(part for part in (out, gap.strip(), pieces[k].strip()) if part)
    return " ".join(out.split())


def _bare_word(word: str) -> str:
    return word.translate(_QUOTES).rstrip(",.;:")


def match_spans(fragments: Iterable[str], text: str) -> tuple[tuple[int, int], ...] | None:
    """Where each fragment stands in ``text``, word for word and in order, as character spans; None
    when one is missing. Quote style and the punctuation closing a word do not count."""
    spans = _word_spans(text)
    words = [_bare_word(w) for w, _, _ in spans]
    out = []
    at = 0
    for fragment in fragments:
        wanted = [w for w in (_bare_word(w) for w in fragment.split()) if w]
        if not wanted:
            continue
        k = _find_run(wanted, [(w, 0, 0) for w in words], at)
        if k < 0:
            return None
        out.append((spans[k][1], spans[k + len(wanted) - 1][2]))
        at = k + len(wanted)
    return tuple(out)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def describe_match(spans: tuple[tuple[int, int], ...], text: str, label: str) -> str:
    """Which part of a unit a partial quote matched: "matched OP 5's first sentence", or its words
    ("matched words 1-22 and 30-41 of the 80 of OP 5")."""
    name = pretty_label(label)
    bounds = sentence_spans(text)
    if len(bounds) > 1 and len(spans) == 1:
        first = next((k for k, (a, _) in enumerate(bounds) if a == spans[0][0]), None)
        last = next((k for k, (_, b) in enumerate(bounds) if text[spans[0][1]:b].strip(" .;,:") == ""
                     and spans[0][1] <= b), None)
        if first is not None and last is not None and first <= last and last < len(_ORDINALS):
            which = _ORDINALS[first] if first == last else f"{_ORDINALS[first]} to {_ORDINALS[last]}"
            return f"matched {name}'s {which} sentence" + ("s" if first != last else "")
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    ranges = []
    for a, b in spans:
        first = sum(1 for x in starts if x < a) + 1
        last = sum(1 for x in starts if x < b)
        ranges.append(f"{first}-{last}" if last > first else str(first))
    joined = ranges[0] if len(ranges) == 1 else ", ".join(ranges[:-1]) + " and " + ranges[-1]
    return f"matched words {joined} of the {len(starts)} of {name}"


def quote_is_partial(item: ChecklistItem, unit_text: str | None) -> bool:
    """A quote of part of its unit: words left out ("(…)", "..."), a proper part of ``unit_text`` (the
    unit as OLD gives it), or, with no OLD to say, a quote that starts mid-sentence or stops mid-clause."""
    if item.form != EXCERPT:
        return False
    if item.cut:
        return True
    text = item.text.strip()
    if unit_text is not None:
        return not same_words(text, unit_text) and match_spans(fragments_of(text), unit_text) is not None
    path = parse_label(item.reference).path
    dash = bool(path) and path[-1].startswith("-")
    closed = re.search(r"[,;.:!?][”\"’)\]]*$", text)
    return (text[:1].islower() and not dash) or not closed


# ---- the checklist from WPS units ---------------------------------------------------------------------


def checklist_from_wps(old: Resolution) -> Checklist:
    """"All the gender-relevant language of resolution X": every unit of OLD the tagger marks as WPS."""
    from .tag import tag

    tagged = old if old.tagged else tag(old)
    items = tuple(
        ChecklistItem(reference=p.label, text=p.text, symbol=old.symbol, fragments=(p.text,), form=WPS)
        for p in tagged.paragraphs
        if p.is_wps and p.text
    )
    return Checklist(items=items, symbol=old.symbol, source=old.source)


# ---- the check -------------------------------------------------------------------------------------------


def _same_resolution(symbol: str | None, resolution: Resolution) -> bool:
    if not symbol or resolution.number is None:
        return True
    try:
        return parse_symbol(symbol).number == resolution.number
    except CitationError:
        return True


def _validate_citations(items: list[ChecklistItem], old: Resolution | None, source: str | None) -> tuple[Notice, ...]:
    """Refuse citations OLD cannot answer; the error names the checklist file, where the fix is made.
    A resolution the checklist's title or heading names (not written with the citation) that is not OLD
    is only warned about: the user said which resolution OLD is."""
    if not items:
        return ()
    cited = ", ".join(pretty_label(i.reference) for i in items[:6]) + (" ..." if len(items) > 6 else "")
    if old is None:
        raise CitationError(f"the checklist cites {cited} but no OLD resolution was given to say what they said (use --old OLD)", source=source)
    other = sorted({i.symbol for i in items if i.symbol_named and not _same_resolution(i.symbol, old)})
    if other:
        raise CitationError(f"the checklist cites {', '.join(other)} but OLD is {old.symbol or 'another resolution'}", source=source)
    missing = [i for i in items if old.get(i.reference) is None]
    if missing:
        names = ", ".join(pretty_label(i.reference) for i in missing)
        where = old.symbol or old.source or "OLD"
        raise CitationError(f"the checklist cites {names}, which {where} does not have", source=source)
    guessed = sorted({i.symbol for i in items if not i.symbol_named and not _same_resolution(i.symbol, old)})
    if guessed:
        return (Notice("checklist-symbol", f"the checklist names {', '.join(guessed)} in its title or headings; its "
                       f"citations that name no resolution were read as citing OLD ({old.symbol or old.name})"),)
    return ()


def _excerpt_resolution(checklist: Checklist | None, items: list[ChecklistItem]) -> Resolution:
    """The quoted text as a resolution: the parsed annex when there is one, else the items themselves."""
    if checklist is not None and checklist.excerpts is not None:
        return checklist.excerpts
    paragraphs = []
    for item in items:
        label = parse_label(item.reference)
        parent = label.parent()
        paragraphs.append(
            Paragraph(
                label=item.reference,
                kind=PREAMBULAR if label.kind == "PP" else OPERATIVE,
                text=item.text,
                parent=str(parent) if parent and any(i.reference == str(parent) for i in items) else None,
                depth=len(label.path),
                anchor=label.anchor,
            )
        )
    return Resolution(paragraphs=tuple(paragraphs), symbol=items[0].symbol if items else None)


def _best_pair(comparison: Comparison, label: str):
    pairs = sorted(comparison.pairs_for_old(label), key=lambda p: -p.similarity)
    return (pairs[0], tuple(p.new for p in pairs[1:])) if pairs else (None, ())


def _unit_tags(resolution: Resolution, label: str, whole: bool) -> tuple[Tag, ...]:
    unit = resolution.get(label)
    if unit is None:
        return ()
    units = (unit,) + (resolution.descendants(label) if whole else ())
    return tuple(t for u in units for t in (u.tags or ()))


def _unit_text(resolution: Resolution, label: str, whole: bool) -> str:
    if whole:
        return resolution.full_text(label)
    unit = resolution.get(label)
    return unit.text if unit is not None else ""


def _find_fragments(new: Resolution, fragments: tuple[str, ...]) -> tuple[str, bool] | None:
    """The deepest unit of NEW holding every fragment in order, in its own text or with its sub-units."""
    for unit in new.paragraphs:
        if fragments_in_order(fragments, unit.text):
            return unit.label, False
    candidates = [u for u in new.paragraphs if fragments_in_order(fragments, new.full_text(u.label))]
    if candidates:
        return max(candidates, key=lambda u: u.depth).label, True
    return None


def _judge(item: ChecklistItem, old_text: str, old_kind: str, old_tags, pair, also, new: Resolution,
           merged_with: str = "", partial: bool = False) -> ItemResult:
    """Status, edits and reasons of one paired ask.

    ``merged_with`` is the text of the other old units merged into the same new unit: words that came
    from them are not a strengthening of this ask (it is assessed as the merge as a whole). A
    ``partial`` quote is judged on the words it quotes: found word for word it is retained (with the
    part of the unit it matched); changed, it is compared with the part of the unit it stands for.
    """
    from .assess import assess_texts
    from .diff import word_edits

    new_unit = new.get(pair.new)
    new_text = _unit_text(new, pair.new, item.whole)
    new_tags = _unit_tags(new, pair.new, item.whole)
    base = dict(item=item, new=pair.new, relation=pair.relation, similarity=pair.similarity, also=also)
    kind_reasons = _kind_reasons(old_kind, new_unit.kind, pair.relation)
    if partial:
        found = _partial_match(old_text, pair.new, new, item.whole)
        if found is not None:
            where, spans, edits = found
            return ItemResult(status=_unchanged_status(old_kind, new_unit.kind, pair.relation), edits=edits,
                              reasons=kind_reasons + (describe_match(spans, where, pair.new),), matched=spans, **base)
        region = _quoted_region(old_text, new.full_text(pair.new))
        if region is not None:
            old_text = fill_elisions(old_text, region)
            new_text = region
    edits = word_edits(old_text, new_text)
    if same_words(old_text, new_text):
        return ItemResult(status=_unchanged_status(old_kind, new_unit.kind, pair.relation), edits=edits,
                          reasons=kind_reasons, **base)
    o_tags = tuple(old_tags or ()) or (_ASKED,)
    n_tags = tuple(new_tags or ()) + ((_ASKED,) if not old_tags else ())
    assessed_old = f"{old_text} {merged_with}" if merged_with else old_text
    status, reasons = assess_texts(assessed_old, new_text, old_kind, new_unit.kind, o_tags, n_tags)
    if pair.relation == Relation.MOVED:
        reasons = tuple(reasons) + ("moved to another place in the text",)
    if partial:
        reasons = tuple(reasons) + (f"the quote compared with the words of {pretty_label(pair.new)} it stands for",)
    return ItemResult(status=status or Verdict.MODIFIED, edits=edits, reasons=tuple(reasons), **base)


def _partial_match(quote: str, label: str, new: Resolution, whole: bool):
    """(the text it was found in, the spans, the edits) when every fragment of ``quote`` stands word for
    word in the unit ``label`` of NEW (its own text, else with its sub-units); None otherwise."""
    from .diff import word_edits

    fragments = fragments_of(quote)
    for where in dict.fromkeys((_unit_text(new, label, whole), new.full_text(label))):
        spans = match_spans(fragments, where)
        if spans:
            region = where[spans[0][0]:spans[-1][1]]
            filled = fill_elisions(quote, region)
            return where, spans, ((Edit("=", region),) if same_words(filled, region) else word_edits(filled, region))
    return None


def _quoted_region(quote: str, text: str) -> str | None:
    """The part of ``text`` a changed partial quote stands for: from where its first piece begins (by its
    first words) to where its last piece ends (by its last words), as ``fill_elisions`` anchors them."""
    pieces = fragments_of(quote)
    if not pieces:
        return None
    spans = _word_spans(text)
    head = _locate(pieces[0], spans, 0, after_cut=False)
    if head is None:
        return None
    tail = _locate(pieces[-1], spans, head[0], after_cut=True)
    end = tail[1] if tail is not None else head[1]
    if end <= head[0]:
        return None
    return text[spans[head[0]][1]:spans[min(end, len(spans)) - 1][2]]


def _unchanged_status(old_kind: str, new_kind: str, relation: str) -> Verdict:
    """The same words: retained, unless they moved between the preamble and the operative part."""
    if old_kind == PREAMBULAR and new_kind == OPERATIVE:
        return Verdict.STRENGTHENED
    if old_kind == OPERATIVE and new_kind == PREAMBULAR:
        return Verdict.WEAKENED
    return Verdict.RETAINED


def _kind_reasons(old_kind: str, new_kind: str, relation: str | None = None) -> tuple[str, ...]:
    if old_kind == PREAMBULAR and new_kind == OPERATIVE:
        return ("moved from the preamble into the operative part",)
    if old_kind == OPERATIVE and new_kind == PREAMBULAR:
        return ("moved from the operative part into the preamble",)
    if relation == Relation.MOVED:
        return ("moved to another place in the text",)
    return ()


def _evaluate(item: ChecklistItem, label: str, base: Resolution, comparison: Comparison, new: Resolution,
              from_old: bool = True) -> ItemResult:
    """Follow ``label`` of ``base`` (OLD, ``from_old``, or the quoted text) into NEW and judge the ask."""
    unit = base.get(label)
    old_kind = unit.kind if unit is not None else (PREAMBULAR if label.startswith("PP") else OPERATIVE)
    old_text = item.text or _unit_text(base, label, item.whole)
    old_tags = _unit_tags(comparison.old, label, item.whole)
    partial = item.form == EXCERPT and quote_is_partial(
        item, _unit_text(base, label, item.whole) if from_old and unit is not None else None)
    if not item.text:
        item = replace(item, text=old_text)  # a citation stands for the text OLD gives it
    pair, also = _best_pair(comparison, label)
    fragments = fragments_of(old_text)
    if pair is not None and pair.relation == Relation.REWRITTEN:
        found = _find_fragments(new, fragments) if len(fragments) > 1 or partial else None
        if found is not None:
            return _found_elsewhere(item, old_text, old_kind, found, new, partial)
        return _rewritten(item, old_text, pair, new)
    if pair is not None:
        merged_with = " ".join(
            comparison.old.get(p.old).text for p in comparison.pairs_for_new(pair.new)
            if p.old != label and comparison.old.get(p.old) is not None
        ) if pair.relation == Relation.MERGED else ""
        result = _judge(item, old_text, old_kind, old_tags, pair, also, new, merged_with, partial)
        if pair.relation == Relation.MERGED:
            others = [pretty_label(p.old) for p in comparison.pairs_for_new(pair.new) if p.old != label]
            result = replace(result, reasons=tuple(result.reasons) + (f"merged with {', '.join(others)}",))
        if item.whole:
            result = _with_lost_parts(result, comparison, label)
        if result.status != Verdict.RETAINED and (len(fragments) > 1 or partial):
            found = _find_fragments(new, fragments)
            if found is not None and found[0] != pair.new:
                return _found_elsewhere(item, old_text, old_kind, found, new, partial)
        return result
    # not aligned: the words may still be there, quoted with cuts or moved far
    found = _find_fragments(new, fragments) if fragments else None
    if found is not None:
        return _found_elsewhere(item, old_text, old_kind, found, new, partial)
    return ItemResult(item=item, status=Verdict.DROPPED, new=None)


def _rewritten(item: ChecklistItem, old_text: str, pair, new: Resolution) -> ItemResult:
    """An ask whose unit was dropped, with a new unit on the same subject in its place: not kept, not
    gone either. Its status says so; the reasons give the shared subject words and the WPS verdict of
    the pair when there is one; the reports show the new unit's text beside the ask's (read both)."""
    from .diff import word_edits

    new_text = _unit_text(new, pair.new, item.whole)
    reasons = tuple(pair.reasons)
    if pair.wps is not None and pair.wps != Verdict.MODIFIED:
        reasons += (f"its WPS language: {pair.wps.wps_phrase}",)
    return ItemResult(item=item, status=Verdict.REWRITTEN, new=pair.new, edits=word_edits(old_text, new_text),
                      reasons=reasons, relation=pair.relation, similarity=pair.similarity)


def _with_lost_parts(result: ItemResult, comparison: Comparison, label: str) -> ItemResult:
    """A cited paragraph whose sub-paragraphs or dash items NEW no longer has: each one named, and the
    verdict at least weakened (a scope cut), mixed when the rest was strengthened."""
    gone = [d.label for d in comparison.old.descendants(label) if not comparison.pairs_for_old(d.label)]
    gone = [g for g in gone if comparison.old.get(g).parent not in gone]  # "(c) dropped", not each of its points
    if not gone:
        return result
    return replace(result, status=combine([result.status, Verdict.WEAKENED]),
                   reasons=tuple(result.reasons) + tuple(f"{pretty_label(g)} dropped" for g in gone))


def _found_elsewhere(item, old_text, old_kind, found, new: Resolution, partial: bool = False) -> ItemResult:
    from .diff import word_edits

    label, whole = found
    new_text = new.full_text(label) if whole else new.get(label).text
    kind = new.get(label).kind
    status = _unchanged_status(old_kind, kind, Relation.IDENTICAL)
    reasons = _kind_reasons(old_kind, kind)
    spans = match_spans(fragments_of(old_text), new_text) if partial else None
    if spans:
        reasons += (describe_match(spans, new_text, label),)
    return ItemResult(item=item, status=status, new=label, edits=word_edits(fill_elisions(old_text, new_text), new_text),
                      reasons=reasons, relation=Relation.IDENTICAL, similarity=None, matched=spans or ())


def check(items, new: Resolution, old: Resolution | None = None, rewritten: bool = REWRITTEN_BY_DEFAULT) -> CheckResult:
    """Check a checklist (a ``Checklist`` or a sequence of ``ChecklistItem``) against NEW.

    Citations and WPS items name units of OLD: they are followed through ``compare(OLD, NEW)``.
    Quoted excerpts are first placed in OLD when OLD is given (their reference becomes OLD's label:
    PP1 of the annex may be PP7 of the resolution); without OLD, the quoted text itself is compared
    with NEW. ``rewritten``: an ask whose unit was dropped may be found "rewritten" in a new unit on the
    same subject (see ``rewrite.py``), shown with that unit's text to read both.
    """
    from .compare import compare
    from .tag import tag

    checklist = items if isinstance(items, Checklist) else None
    item_list = list(checklist.items if checklist is not None else items)
    if not item_list and not (checklist is not None and (checklist.unread or checklist.additions)):
        raise InputError("the checklist is empty")
    cited = [i for i in item_list if i.form in (CITATION, WPS)]
    quoted = [i for i in item_list if i.form == EXCERPT]
    source = checklist.source if checklist is not None else None
    notices = _validate_citations([i for i in cited if i.form == CITATION], old, source)
    if notices:  # the title's resolution was a guess and OLD says otherwise: the citations are OLD's
        item_list = [replace(i, symbol=old.symbol) if i.form == CITATION and not i.symbol_named else i for i in item_list]
    if any(i.form == WPS for i in cited) and old is None:
        raise CitationError("the checklist lists WPS units of a resolution but no OLD resolution was given (use --old OLD)", source=source)

    new = new if new.tagged else tag(new)
    main = compare(old, new, rewritten=rewritten) if old is not None else None
    resolved, notes = _resolve(item_list, checklist, quoted, new, main, rewritten)
    results = []
    for k in range(len(item_list)):
        item, label, base, comparison = resolved[k]
        result = _evaluate(item, label, base, comparison, new, from_old=main is not None and base is main.old)
        note = "; ".join(n for n in (item.reading, notes.get(k)) if n)
        if note:
            result = replace(result, note=note)
        results.append(result)
    unread = checklist.unread if checklist is not None else ()
    additions = tuple(find_candidates(a, new, _changes(main)) for a in (checklist.additions if checklist else ()))
    warnings = main.warnings if main is not None else tuple(
        Notice(w.code, f"NEW ({new.name}): {w.message}") for w in new.warnings)
    return CheckResult(
        items=tuple(results),
        summary=_summary(results, new, old, checklist, unread, additions),
        unread=tuple(unread),
        additions=additions,
        warnings=tuple(warnings) + tuple(notices) + _unread_notice(unread),
        new_json=new.header_json(),
        old_json=old.header_json() if old is not None else None,
        new_symbol=new.symbol,
        old_symbol=old.symbol if old is not None else None,
        source=checklist.source if checklist is not None else None,
        new_header=_facts(new.symbol, new),
        old_header=_facts(old.symbol, old) if old is not None else None,
    )


def _resolve(item_list: list[ChecklistItem], checklist: Checklist | None, quoted: list[ChecklistItem], new: Resolution,
             main: Comparison | None, rewritten: bool = REWRITTEN_BY_DEFAULT) -> tuple[dict[int, tuple], dict[int, str]]:
    """For each ask (by position): the item (its label confirmed by OLD), its label, the text it is
    read in (OLD or the quoted text) and the comparison that follows it into NEW; and the notes."""
    from .compare import compare
    from .tag import tag

    resolved: dict[int, tuple[ChecklistItem, str, Resolution, Comparison]] = {}
    notes: dict[int, str] = {}
    for k, item in enumerate(item_list):
        if item.form != EXCERPT:
            resolved[k] = (item, item.reference, main.old, main)
    if not quoted:
        return resolved, notes
    excerpts = _excerpt_resolution(checklist, quoted)
    excerpts = excerpts if excerpts.tagged else tag(excerpts)
    placed = _place_in_old(quoted, excerpts, main.old) if main is not None else {}
    direct: Comparison | None = None
    for k, item in enumerate(item_list):
        if item.form != EXCERPT:
            continue
        label_in_old = placed.get(item.reference)
        if label_in_old is not None:
            confirmed = replace(item, reference=label_in_old, quoted_as=item.quoted_as or item.reference)
            resolved[k] = (confirmed, label_in_old, main.old, main)
            continue
        if main is not None:
            notes[k] = "not found in OLD: labelled as quoted"
        if direct is None:
            direct = compare(excerpts, new, rewritten=rewritten)
        resolved[k] = (item, item.reference, direct.old, direct)
    return resolved, notes


def _unread_notice(unread) -> tuple[Notice, ...]:
    """One warning for the lines not understood, so that a report written to a file is not silent."""
    if not unread:
        return ()
    lines = ", ".join(str(u.line) for u in unread[:8]) + (", ..." if len(unread) > 8 else "")
    return (Notice("unread", f"{_lines(len(unread))} of the checklist not understood (line"
                   f"{'s' if len(unread) > 1 else ''} {lines}): see 'Not understood' in the report"),)


def _facts(symbol: str | None, resolution: Resolution) -> dict:
    """What the reports say of a resolution: its header facts as the text states them, and where the
    text is silent (a fictional or an OCR'd text), the adoption date and meeting the registry has
    verified for its symbol."""
    from . import registry

    facts = {"symbol": symbol, "name": resolution.name, "number": resolution.number, "year": resolution.year,
             "date": resolution.date, "meeting": resolution.meeting}
    try:
        sym = parse_symbol(symbol) if symbol else None
    except CitationError:
        return facts
    if sym is None:
        return facts
    entry = registry.find(sym)
    known = entry is not None and entry.verified
    facts["number"] = sym.number
    facts["year"] = sym.year or (entry.year if entry else None)
    facts["date"] = facts["date"] or (entry.date if known else None)
    facts["meeting"] = facts["meeting"] or (entry.meeting if known else None)
    return facts


def _place_in_old(quoted: list[ChecklistItem], excerpts: Resolution, old: Resolution) -> dict[str, str]:
    """The OLD label of each quoted unit: the aligner's pair when its words are the quoted ones (or
    hold every quoted fragment), else the unit of OLD that holds the fragments."""
    from .compare import compare

    placing = compare(excerpts, old, rewritten=False)  # placing quotes needs their words, not their subject
    out: dict[str, str] = {}
    for item in quoted:
        pair, _ = _best_pair(placing, item.reference)
        frags = item.fragments or fragments_of(item.text)
        if pair is not None:
            old_text = _unit_text(old, pair.new, item.whole)
            if same_words(item.text, old_text) or fragments_in_order(frags, old_text) or fragments_in_order(
                frags, old.full_text(pair.new)
            ):
                out[item.reference] = pair.new
                continue
        found = _find_fragments(old, frags) if frags else None
        if found is not None:
            out[item.reference] = found[0]
        elif pair is not None and pair.similarity >= 0.8:
            out[item.reference] = pair.new  # the quoter's copy differs a little from the text adopted
    return out


def _checklist_symbol(results, checklist: Checklist | None, old: Resolution | None) -> str | None:
    """The resolution the checklist is about: the one all its asks cite, else the one it names, else OLD."""
    symbols = {r.item.symbol for r in results if r.item.symbol}
    if len(symbols) == 1:
        return symbols.pop()
    return (checklist.symbol if checklist is not None else None) or (old.symbol if old is not None else None)


def _lines(n: int) -> str:
    return f"{n} line" + ("" if n == 1 else "s")


def _changes(main: Comparison | None) -> dict[str, str] | None:
    """What each unit of NEW is against OLD ("new", "modified", "unchanged"); None without OLD."""
    if main is None:
        return None
    out = {a.new: "new" for a in main.added}
    for p in main.pairs:
        before, after = main.old.get(p.old), main.new.get(p.new)
        same = before is not None and after is not None and same_words(before.text, after.text)
        if out.get(p.new) != "modified":
            out[p.new] = "unchanged" if same else "modified"
    return out


def _summary(results: list[ItemResult], new: Resolution, old: Resolution | None, checklist: Checklist | None,
             unread=(), additions=()) -> dict:
    counts = {str(s): sum(1 for r in results if r.status == s) for s in STATUSES}
    return {
        "total": len(results),
        **counts,
        "renumbered": sum(1 for r in results if r.status != Verdict.DROPPED and r.renumbered),
        "additions": len(additions),
        "unread": len(unread),
        "checklist": checklist.source if checklist is not None else None,
        "symbol": _checklist_symbol(results, checklist, old),
        "old": old.name if old is not None else None,
        "new": new.name,
    }


# ---- the whole command, for the CLI --------------------------------------------------------------------


def run_check(checklist_path: str | None, new_path: str, old_path: str | None = None, all_wps: str | None = None,
              limits=None, rewritten: bool = REWRITTEN_BY_DEFAULT) -> CheckResult:
    """What ``mandiff check`` does: read the checklist (or build it from OLD's WPS units), read NEW and
    OLD (files or symbols), check. ``all_wps`` names OLD and replaces the checklist file."""
    from .limits import DEFAULT_LIMITS
    from .pipeline import parse_input as parse_path

    limits = limits or DEFAULT_LIMITS
    if all_wps and checklist_path:
        raise InputError("give either a CHECKLIST file or --all-wps OLD, not both")
    if not all_wps and not checklist_path:
        raise InputError("give a CHECKLIST file, or --all-wps OLD to check every WPS unit of OLD")
    if all_wps and old_path and old_path != all_wps:
        raise InputError("--all-wps names OLD already; --old must be the same file or left out")
    if all_wps:
        old = parse_path(all_wps, limits)
        checklist = checklist_from_wps(old)
        if not checklist.items:
            raise InputError("the tagger found no WPS language in OLD: nothing to check", source=input_name(all_wps))
    else:
        checklist = read_checklist(checklist_path, limits)
        old = parse_path(old_path, limits) if old_path else None
    try:
        new = parse_path(new_path, limits)
    except StructureError:
        _refuse_a_checklist_as_new(new_path, limits)
        raise
    if not new.council_line:
        _refuse_a_checklist_as_new(new_path, limits)
    return check(checklist, new, old, rewritten=rewritten)


def _refuse_a_checklist_as_new(new_path: str, limits) -> None:
    """NEW without the Council line whose text reads as a list of asks was most likely given in the
    checklist's place: checking the asks against it would report confident nonsense."""
    import os

    if isinstance(new_path, str) and (new_path == "-" or not os.path.isfile(new_path)):
        return  # standard input cannot be read twice; a symbol was fetched (an Upload is read again)
    try:
        asks = read_checklist(new_path, limits).items
    except InputError:
        return
    if asks:
        raise InputError("this looks like a list of recommendations, not a resolution "
                         "(no 'The Security Council,' line): did you swap CHECKLIST and NEW?", source=input_name(new_path))

