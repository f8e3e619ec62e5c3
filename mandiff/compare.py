"""Two resolutions in, one Comparison out: align, diff every pair by words, assess WPS language.

``compare`` is what ``mandiff diff`` and the recommendation checker call (``lineage.chain`` applies it
along a series of renewals).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .align import align, fold
from .assess import assess_texts
from .diff import word_edits
from .model import OPERATIVE, PREAMBULAR, Added, Comparison, Dropped, Notice, Pair, Resolution, Summary, WpsScore
from .ordering import order_notice
from .vocabulary import FATES, PAIR_RELATIONS, REWRITTEN_BY_DEFAULT, Relation, Verdict, combine


def _ensure_tagged(resolution: Resolution, lexicon=None) -> Resolution:
    if resolution.tagged and lexicon is None:
        return resolution
    from .tag import tag

    return tag(resolution, lexicon) if lexicon is not None else tag(resolution)


def _relation(old_unit, new_unit, group: Relation | None, in_order: bool) -> Relation:
    if group:
        return group
    if old_unit.kind == PREAMBULAR and new_unit.kind == OPERATIVE:
        return Relation.PROMOTED
    if old_unit.kind == OPERATIVE and new_unit.kind == PREAMBULAR:
        return Relation.DEMOTED
    if not in_order:
        return Relation.MOVED
    return Relation.IDENTICAL if fold(old_unit.text) == fold(new_unit.text) else Relation.MODIFIED


def compare(old: Resolution, new: Resolution, lexicon=None, rewritten: bool = REWRITTEN_BY_DEFAULT) -> Comparison:
    """Say what became of every unit of ``old`` in ``new``.

    ``rewritten``: link a dropped unit to an added unit on the same subject as "rewritten" (see
    ``rewrite.py``), a weaker claim than the aligner's pairs."""
    old = _ensure_tagged(old, lexicon)
    new = _ensure_tagged(new, lexicon)
    alignment = align(old, new)
    olds, news = old.paragraphs, new.paragraphs
    by_old: dict[int, list[int]] = defaultdict(list)
    by_new: dict[int, list[int]] = defaultdict(list)
    for link in alignment.links:
        by_old[link.old].append(link.new)
        by_new[link.new].append(link.old)

    pairs: list[Pair] = []
    for link in alignment.links:
        o, n = olds[link.old], news[link.new]
        group = None
        if len(by_old[link.old]) > 1:
            group = Relation.SPLIT
        elif len(by_new[link.new]) > 1:
            group = Relation.MERGED
        relation = _relation(o, n, group, (link.old, link.new) in alignment.in_order)
        if group == Relation.SPLIT:
            parts = [news[j] for j in sorted(by_old[link.old])]
            new_text = " ".join(p.text for p in parts)
            new_tags = tuple(t for p in parts for t in (p.tags or ()))
            wps, reasons = assess_texts(o.text, new_text, o.kind, n.kind, o.tags, new_tags)
        elif group == Relation.MERGED:
            parts = [olds[i] for i in sorted(by_new[link.new])]
            old_text = " ".join(p.text for p in parts)
            old_tags = tuple(t for p in parts for t in (p.tags or ()))
            wps, reasons = assess_texts(old_text, n.text, o.kind, n.kind, old_tags, n.tags)
        else:
            wps, reasons = assess_texts(o.text, n.text, o.kind, n.kind, o.tags, n.tags)
        if wps == Verdict.RETAINED and relation not in (Relation.IDENTICAL, Relation.MOVED):
            wps = Verdict.MODIFIED
        pairs.append(Pair(o.label, n.label, relation, link.similarity, wps, word_edits(o.text, n.text), reasons))

    gone, fresh = alignment.dropped, alignment.added
    if rewritten:
        from .rewrite import link_rewritten  # off by default: its subject words are read only when asked

        links = link_rewritten(olds, news, alignment)
        if links:
            place = {(link.old, link.new): k for k, link in enumerate(alignment.links)}
            ordered = sorted([(place[(l.old, l.new)], l.old, l.new, p) for l, p in zip(alignment.links, pairs)]
                             + [(len(place), r.old, r.new, _rewritten_pair(olds[r.old], news[r.new], r)) for r in links],
                             key=lambda item: (item[1], item[2]))
            pairs = [item[3] for item in ordered]
        gone = tuple(i for i in gone if i not in {r.old for r in links})
        fresh = tuple(j for j in fresh if j not in {r.new for r in links})
    dropped = tuple(Dropped(olds[i].label, bool(olds[i].tags)) for i in gone)
    added = tuple(Added(news[j].label, bool(news[j].tags)) for j in fresh)
    summary = summarize(old, new, pairs, dropped, added)
    return Comparison(old, new, tuple(pairs), dropped, added, summary, _warnings(old, new))


def _rewritten_pair(o, n, link) -> Pair:
    """A dropped unit and the added unit that took its place: WPS language assessed as for any pair,
    the reasons led by the subject words they share."""
    from .rewrite import rewritten_reason

    wps, reasons = assess_texts(o.text, n.text, o.kind, n.kind, o.tags, n.tags)
    if wps == Verdict.RETAINED:
        wps = Verdict.MODIFIED
    return Pair(o.label, n.label, Relation.REWRITTEN, link.similarity, wps, word_edits(o.text, n.text),
                (rewritten_reason(link),) + tuple(reasons), link.shared)


def _warnings(old: Resolution, new: Resolution) -> tuple[Notice, ...]:
    """What the user must know about this comparison: the order of the two texts, and what each text's
    reader noticed (named by its side)."""
    notices = [n for n in (order_notice(old, new),) if n is not None]
    for side, res in (("OLD", old), ("NEW", new)):
        notices += [Notice(w.code, f"{side} ({res.name}): {w.message}") for w in res.warnings]
        if res.number is None and not res.council_line:
            notices.append(Notice("unsure-input", f"{side} ({res.name}) has no resolution symbol or number and "
                                  "no 'The Security Council,' line: if it is not a resolution (a note, a list "
                                  "of asks), this comparison means nothing"))
    return tuple(notices)


def summarize(old: Resolution, new: Resolution, pairs, dropped, added) -> Summary:
    """Counts by relation, and the WPS scorecard (``WpsScore`` says what adds up to what)."""
    relations = Counter(p.relation for p in pairs)
    verdicts: dict[str, list[Verdict]] = defaultdict(list)
    moved: set[str] = set()
    renumbered: set[str] = set()
    gained: set[str] = set()
    old_wps = {p.label for p in old.paragraphs if p.tags}
    for p in pairs:
        if p.wps is None:
            continue
        if p.old not in old_wps:
            if not any(q.old in old_wps for q in pairs if q.new == p.new):
                gained.add(p.new)  # WPS language that an old unit without any gained in NEW
            continue
        verdicts[p.old].append(Verdict.REWRITTEN if p.relation == Relation.REWRITTEN else p.wps)
        if p.relation == Relation.MOVED:
            moved.add(p.old)
        elif p.renumbered:
            renumbered.add(p.old)
    fate = Counter(combine(v) for v in verdicts.values())
    fate[Verdict.DROPPED] += sum(1 for d in dropped if d.wps)
    wps = WpsScore(
        fates=tuple((v, fate[v]) for v in FATES),
        gained=len(gained), old_units=len(old_wps), new_units=sum(1 for p in new.paragraphs if p.tags),
        moved=len(moved), renumbered=len(renumbered), new=sum(1 for a in added if a.wps),
    )
    return Summary(
        old_units=len(old.paragraphs),
        new_units=len(new.paragraphs),
        relations=tuple((r, relations.get(r, 0)) for r in PAIR_RELATIONS),
        renumbered=sum(1 for p in pairs if p.renumbered),
        dropped=len(dropped),
        added=len(added),
        wps=wps,
    )
