"""Were the recommendations followed? Check a checklist against a new resolution.

Each ask (a cited unit of OLD, a quoted excerpt, or a WPS unit of OLD) is followed into NEW through the
same aligner, word diff and assessor as ``mandiff diff``, and gets one status an advocate can report:
retained (same words, even when renumbered), modified, weakened, strengthened, moved, or dropped.

Quoted text is judged by its words, not by the quoter's punctuation: an excerpt that closes a
preambular paragraph with a full stop is still that paragraph. An excerpt with "(…)" is retained when
every quoted fragment is found, in order, in one unit of NEW (or that unit with its sub-units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

from .checklist_parse import (  # noqa: F401  (re-exported: the public API of the checklist)
    CITATION,
    ELISION,
    EXCERPT,
    WPS,
    Checklist,
    ChecklistItem,
    find_citations,
    fragments_of,
    parse_checklist,
    read_checklist,
)
from .errors import CitationError, InputError, StructureError
from .ingest import input_name
from .model import OPERATIVE, PREAMBULAR, Comparison, Edit, Notice, Paragraph, Resolution, Tag
from .vocabulary import CHECK_FAIL_ON, CHECK_STATUSES, Relation, Verdict
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
        }
        if self.item.quoted_as and self.item.quoted_as != self.item.reference:
            out["quoted_as"] = self.item.quoted_as
        if self.also:
            out["also"] = list(self.also)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class CheckResult:
    items: tuple[ItemResult, ...]
    summary: dict = field(default_factory=dict)
    unread: tuple = ()  # lines of the checklist that look like asks and were not understood
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


def _validate_citations(items: list[ChecklistItem], old: Resolution | None, source: str | None) -> None:
    """Refuse citations OLD cannot answer; the error names the checklist file, where the fix is made."""
    if not items:
        return
    cited = ", ".join(pretty_label(i.reference) for i in items[:6]) + (" ..." if len(items) > 6 else "")
    if old is None:
        raise CitationError(f"the checklist cites {cited} but no OLD resolution was given to say what they said (use --old OLD)", source=source)
    other = sorted({i.symbol for i in items if not _same_resolution(i.symbol, old)})
    if other:
        raise CitationError(f"the checklist cites {', '.join(other)} but OLD is {old.symbol or 'another resolution'}", source=source)
    missing = [i for i in items if old.get(i.reference) is None]
    if missing:
        names = ", ".join(pretty_label(i.reference) for i in missing)
        where = old.symbol or old.source or "OLD"
        raise CitationError(f"the checklist cites {names}, which {where} does not have", source=source)


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
           merged_with: str = "") -> ItemResult:
    """Status, edits and reasons of one paired ask.

    ``merged_with`` is the text of the other old units merged into the same new unit: words that came
    from them are not a strengthening of this ask (it is assessed as the merge as a whole).
    """
    from .assess import assess_texts
    from .diff import word_edits

    new_unit = new.get(pair.new)
    new_text = _unit_text(new, pair.new, item.whole)
    new_tags = _unit_tags(new, pair.new, item.whole)
    base = dict(item=item, new=pair.new, relation=pair.relation, similarity=pair.similarity, also=also)
    elided = len(fragments_of(old_text)) > 1 or bool(ELISION.search(old_text))
    if elided:
        if fragments_in_order(fragments_of(old_text), new_text) or fragments_in_order(
            fragments_of(old_text), new.full_text(pair.new)
        ):
            edits = word_edits(fill_elisions(old_text, new.full_text(pair.new)), new_text)
            return ItemResult(status=_unchanged_status(old_kind, new_unit.kind, pair.relation), edits=edits,
                              reasons=_kind_reasons(old_kind, new_unit.kind, pair.relation), **base)
        old_text = fill_elisions(old_text, new.full_text(pair.new))
    edits = word_edits(old_text, new_text)
    if same_words(old_text, new_text):
        return ItemResult(status=_unchanged_status(old_kind, new_unit.kind, pair.relation), edits=edits,
                          reasons=_kind_reasons(old_kind, new_unit.kind, pair.relation), **base)
    o_tags = tuple(old_tags or ()) or (_ASKED,)
    n_tags = tuple(new_tags or ()) + ((_ASKED,) if not old_tags else ())
    assessed_old = f"{old_text} {merged_with}" if merged_with else old_text
    status, reasons = assess_texts(assessed_old, new_text, old_kind, new_unit.kind, o_tags, n_tags)
    if pair.relation == Relation.MOVED:
        reasons = tuple(reasons) + ("moved to another place in the text",)
    return ItemResult(status=status or Verdict.MODIFIED, edits=edits, reasons=tuple(reasons), **base)


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


def _evaluate(item: ChecklistItem, label: str, base: Resolution, comparison: Comparison, new: Resolution) -> ItemResult:
    """Follow ``label`` of ``base`` (OLD or the quoted text) into NEW and judge the ask."""
    unit = base.get(label)
    old_kind = unit.kind if unit is not None else (PREAMBULAR if label.startswith("PP") else OPERATIVE)
    old_text = item.text or _unit_text(base, label, item.whole)
    old_tags = _unit_tags(comparison.old, label, item.whole)
    if not item.text:
        item = replace(item, text=old_text)  # a citation stands for the text OLD gives it
    pair, also = _best_pair(comparison, label)
    fragments = fragments_of(old_text)
    if pair is not None:
        merged_with = " ".join(
            comparison.old.get(p.old).text for p in comparison.pairs_for_new(pair.new)
            if p.old != label and comparison.old.get(p.old) is not None
        ) if pair.relation == Relation.MERGED else ""
        result = _judge(item, old_text, old_kind, old_tags, pair, also, new, merged_with)
        if pair.relation == Relation.MERGED:
            others = [pretty_label(p.old) for p in comparison.pairs_for_new(pair.new) if p.old != label]
            result = replace(result, reasons=tuple(result.reasons) + (f"merged with {', '.join(others)}",))
        if result.status != Verdict.RETAINED and len(fragments) > 1:
            found = _find_fragments(new, fragments)
            if found is not None and found[0] != pair.new:
                return _found_elsewhere(item, old_text, old_kind, found, new)
        return result
    # not aligned: the words may still be there, quoted with cuts or moved far
    found = _find_fragments(new, fragments) if fragments else None
    if found is not None:
        return _found_elsewhere(item, old_text, old_kind, found, new)
    return ItemResult(item=item, status=Verdict.DROPPED, new=None)


def _found_elsewhere(item, old_text, old_kind, found, new: Resolution) -> ItemResult:
    from .diff import word_edits

    label, whole = found
    new_text = new.full_text(label) if whole else new.get(label).text
    kind = new.get(label).kind
    status = _unchanged_status(old_kind, kind, Relation.IDENTICAL)
    return ItemResult(item=item, status=status, new=label, edits=word_edits(fill_elisions(old_text, new_text), new_text),
                      reasons=_kind_reasons(old_kind, kind), relation=Relation.IDENTICAL, similarity=None)


def check(items, new: Resolution, old: Resolution | None = None) -> CheckResult:
    """Check a checklist (a ``Checklist`` or a sequence of ``ChecklistItem``) against NEW.

    Citations and WPS items name units of OLD: they are followed through ``compare(OLD, NEW)``.
    Quoted excerpts are first placed in OLD when OLD is given (their reference becomes OLD's label:
    PP1 of the annex may be PP7 of the resolution); without OLD, the quoted text itself is compared
    with NEW.
    """
    from .compare import compare
    from .tag import tag

    checklist = items if isinstance(items, Checklist) else None
    item_list = list(checklist.items if checklist is not None else items)
    if not item_list:
        raise InputError("the checklist is empty")
    cited = [i for i in item_list if i.form in (CITATION, WPS)]
    quoted = [i for i in item_list if i.form == EXCERPT]
    source = checklist.source if checklist is not None else None
    _validate_citations([i for i in cited if i.form == CITATION], old, source)
    if any(i.form == WPS for i in cited) and old is None:
        raise CitationError("the checklist lists WPS units of a resolution but no OLD resolution was given (use --old OLD)", source=source)

    new = new if new.tagged else tag(new)
    main = compare(old, new) if old is not None else None
    resolved: dict[int, tuple[ChecklistItem, str, Resolution, Comparison]] = {}
    notes: dict[int, str] = {}
    for k, item in enumerate(item_list):
        if item.form != EXCERPT:
            resolved[k] = (item, item.reference, main.old, main)

    if quoted:
        excerpts = _excerpt_resolution(checklist, quoted)
        excerpts = excerpts if excerpts.tagged else tag(excerpts)
        placed: dict[str, str] = {}
        if old is not None:
            placed = _place_in_old(quoted, excerpts, main.old)
        direct: Comparison | None = None
        for k, item in enumerate(item_list):
            if item.form != EXCERPT:
                continue
            label_in_old = placed.get(item.reference)
            if label_in_old is not None:
                confirmed = replace(item, reference=label_in_old, quoted_as=item.quoted_as or item.reference)
                resolved[k] = (confirmed, label_in_old, main.old, main)
                continue
            if old is not None:
                notes[k] = "not found in OLD: labelled as quoted"
            if direct is None:
                direct = compare(excerpts, new)
            resolved[k] = (item, item.reference, direct.old, direct)

    results = []
    for k in range(len(item_list)):
        item, label, base, comparison = resolved[k]
        result = _evaluate(item, label, base, comparison, new)
        if k in notes:
            result = replace(result, note=notes[k])
        results.append(result)
    return CheckResult(
        items=tuple(results),
        summary=_summary(results, new, old, checklist),
        warnings=main.warnings if main is not None else tuple(
            Notice(w.code, f"NEW ({new.name}): {w.message}") for w in new.warnings),
        new_json=new.header_json(),
        old_json=old.header_json() if old is not None else None,
        new_symbol=new.symbol,
        old_symbol=old.symbol if old is not None else None,
        source=checklist.source if checklist is not None else None,
        new_header=_facts(new.symbol, new),
        old_header=_facts(old.symbol, old) if old is not None else None,
    )


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

    placing = compare(excerpts, old)
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


def _summary(results: list[ItemResult], new: Resolution, old: Resolution | None, checklist: Checklist | None) -> dict:
    counts = {str(s): sum(1 for r in results if r.status == s) for s in STATUSES}
    return {
        "total": len(results),
        **counts,
        "renumbered": sum(1 for r in results if r.status != Verdict.DROPPED and r.renumbered),
        "checklist": checklist.source if checklist is not None else None,
        "symbol": (checklist.symbol if checklist is not None else None) or (old.symbol if old is not None else None),
        "old": old.name if old is not None else None,
        "new": new.name,
    }


# ---- the whole command, for the CLI --------------------------------------------------------------------


def run_check(checklist_path: str | None, new_path: str, old_path: str | None = None, all_wps: str | None = None,
              limits=None) -> CheckResult:
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
    return check(checklist, new, old)


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

