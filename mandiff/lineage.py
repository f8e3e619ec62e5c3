"""A chain of renewals: ``compare`` applied to each consecutive pair, and each unit followed from the
first text it appears in to the last (its lineage).

Its own module so that ``mandiff diff``, which never needs it, does not build its records at start-up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from .compare import _ensure_tagged, compare
from .model import Notice, Pair, Resolution
from .ordering import chronological
from .vocabulary import REWRITTEN_BY_DEFAULT, Relation, Verdict


@dataclass(frozen=True)
class LineageStep:
    """What a unit's lineage did at one resolution of a chain: its label there, the verdict (new,
    retained, weakened, ..., dropped, restored, absent) and the relation to the unit before it."""

    label: str | None  # the unit's label in this resolution, None when absent
    status: Verdict
    wps: bool
    relation: Relation | None = None  # moved, split, merged ... when it continues a unit of the text before
    renumbered: bool = False
    reasons: tuple[str, ...] = ()
    absorbed: bool = False  # merged into a unit that another lineage follows: this one ends here, not dropped


_ABSENT = LineageStep(None, Verdict.ABSENT, False)


def _step(pair: Pair, has_wps: bool) -> LineageStep:
    """The step of a unit that continues ``pair.old``: the WPS verdict where there is WPS language, else
    whether its words were kept."""
    if pair.relation == Relation.REWRITTEN:
        status = Verdict.REWRITTEN
    elif pair.wps is not None:
        status = pair.wps
    else:
        status = Verdict.RETAINED if all(e.op == "=" for e in pair.edits) else Verdict.MODIFIED
    return LineageStep(pair.new, status, has_wps, pair.relation, pair.renumbered, pair.reasons)


@dataclass(frozen=True)
class Lineage:
    steps: tuple[LineageStep, ...]  # one per resolution of the chain

    @property
    def first(self) -> int:
        return next(k for k, s in enumerate(self.steps) if s.label is not None)

    @property
    def is_wps(self) -> bool:
        return any(s.wps for s in self.steps)

    def to_json(self) -> dict:
        return {"steps": [{"label": s.label, "status": str(s.status), "relation": s.relation and str(s.relation),
                           "absorbed": s.absorbed, "wps": s.wps, "reasons": list(s.reasons)} for s in self.steps]}


@dataclass(frozen=True)
class ChainComparison:
    """A series of renewals compared each with the next, and every unit followed along it."""

    resolutions: tuple[Resolution, ...]
    comparisons: tuple[Comparison, ...]
    lineages: tuple[Lineage, ...]
    warnings: tuple[Notice, ...] = ()

    def wps_counts(self) -> tuple[int, ...]:
        return tuple(sum(1 for p in r.paragraphs if p.tags) for r in self.resolutions)

    def to_json(self) -> dict:
        return {
            "resolutions": [r.header_json() for r in self.resolutions],
            "wps_units": list(self.wps_counts()),
            "lineages": [l.to_json() for l in self.lineages],
            "warnings": [w.to_json() for w in self.warnings],
        }


def chain(resolutions, lexicon=None, progress=None, keep_order: bool = False, warnings=(),
          rewritten: bool = REWRITTEN_BY_DEFAULT) -> ChainComparison:
    """Put the resolutions in the order of their adoption (unless ``keep_order``), compare each with
    the next and follow every unit along the series.

    A unit that splits continues in its first part; its other parts start lineages of their own
    marked "split". A unit dropped in one renewal and put back in a later one continues its lineage,
    marked "restored" where it returns. ``progress`` is called with the number of comparisons done.
    ``warnings`` are the caller's own notices (files skipped), kept with the result. ``rewritten``: as
    for ``compare``; a rewritten unit continues its lineage, marked "rewritten".
    """
    resolutions, notices = chronological(resolutions, keep_order)
    resolutions = tuple(_ensure_tagged(r, lexicon) for r in resolutions)
    comparisons = []
    for k in range(len(resolutions) - 1):
        comparisons.append(compare(resolutions[k], resolutions[k + 1], lexicon, rewritten=rewritten))
        if progress:
            progress(k + 1)
    size = len(resolutions)
    rows: list[list[LineageStep]] = []
    open_rows: dict[str, list[LineageStep]] = {}
    first = resolutions[0]
    for p in first.paragraphs:
        row = [_ABSENT] * size
        row[0] = LineageStep(p.label, Verdict.NEW, bool(p.tags))
        rows.append(row)
        open_rows[p.label] = row
    for k, comp in enumerate(comparisons, start=1):
        current = resolutions[k]
        next_open: dict[str, list[LineageStep]] = {}
        continued: set[str] = set()
        for pair in comp.pairs:
            unit = current.get(pair.new)
            row = open_rows.get(pair.old)
            if row is not None and pair.new in next_open and pair.relation == Relation.MERGED and pair.old not in continued:
                # merged into a unit whose lineage another row follows: this lineage ends in the merge
                row[k] = replace(_step(pair, bool(unit.tags)), absorbed=True)
                continued.add(pair.old)
                continue
            if row is None or pair.new in next_open or (pair.old in continued and pair.relation != Relation.MERGED):
                if pair.new in next_open:
                    continue
                row = [_ABSENT] * size
                rows.append(row)
            row[k] = _step(pair, bool(unit.tags))
            next_open[pair.new] = row
            continued.add(pair.old)
        for added in comp.added:
            row = [_ABSENT] * size
            row[k] = LineageStep(added.new, Verdict.NEW, bool(current.get(added.new).tags))
            rows.append(row)
            next_open[added.new] = row
        open_rows = next_open
    rows = [_mark_drops(row) for row in _join_restored(rows, resolutions)]
    seen: list[Notice] = list(warnings) + list(notices)
    for comparison in comparisons:
        seen += [w for w in comparison.warnings if w not in seen]
    return ChainComparison(resolutions, tuple(comparisons), tuple(Lineage(tuple(r)) for r in rows), tuple(seen))


def _mark_drops(row: list[LineageStep]) -> list[LineageStep]:
    """The first absence after a unit was there is where it was dropped (unless it was merged into a unit
    that another lineage follows); the later ones are absences."""
    out = list(row)
    for k in range(1, len(out)):
        if out[k].label is None and out[k - 1].label is not None and not out[k - 1].absorbed:
            out[k] = LineageStep(None, Verdict.DROPPED, out[k - 1].wps)
    return out


def _present(row: list[LineageStep]) -> list[int]:
    return [k for k, step in enumerate(row) if step.label is not None]


def _join_restored(rows: list[list[LineageStep]], resolutions: tuple[Resolution, ...]) -> list[list[LineageStep]]:
    """Join a lineage that ends to one that starts at least one resolution later, when the
    returning unit has the same paragraph's words (Dice >= MATCH_MIN): language dropped in one renewal
    and restored in a later one is one story for a monitor, not a deletion and an unrelated addition.
    Adjacent resolutions are never joined here: their comparison already said the units differ.
    One sweep from left to right, so a unit may come back more than once. Candidates share a rare
    word pair, as in the aligner, so that a chain of unrelated texts stays fast; in each column the
    best-scoring joins are made first, ties to the earlier rows, so the result is deterministic."""
    from .align import MATCH_MIN, MAX_CANDIDATES, dice, words

    bag: dict[tuple[int, str], tuple[Counter, int, set]] = {}

    def unit(k: int, label: str) -> tuple[Counter, int, set]:
        if (k, label) not in bag:
            tokens = words(resolutions[k].get(label).text)
            bag[(k, label)] = (Counter(tokens), len(tokens), set(zip(tokens, tokens[1:])) or {tuple(tokens)})
        return bag[(k, label)]

    spans = [_present(row) for row in rows]
    last_seen = [span[-1] for span in spans]  # moves on when a lineage is joined to its return
    joined: set[int] = set()

    def own(n: int) -> tuple[int, str]:
        """The last text where lineage ``n`` was its own unit: before a merge that absorbed it."""
        k = last_seen[n]
        return (k - 1, rows[n][k - 1].label) if rows[n][k].absorbed else (k, rows[n][k].label)

    for k in range(2, len(resolutions)):
        # a lineage returns as a new unit, or as the split-off part of a unit it had been merged into
        started = [n for n, span in enumerate(spans)
                   if span[0] == k and (rows[n][k].status == Verdict.NEW or rows[n][k].relation == Relation.SPLIT)]
        # ended two texts back or more; or merged away in the text before, and split off again here
        ended = [n for n in range(len(rows)) if n not in joined and
                 (last_seen[n] <= k - 2 or (last_seen[n] == k - 1 and rows[n][k - 1].absorbed))]
        if not started or not ended:
            continue
        index: dict[tuple, list[int]] = defaultdict(list)
        for n in ended:
            for key in unit(*own(n))[2]:
                index[key].append(n)
        limit = max(8, min(len(ended) // 10, 24))  # a word pair found in more ended units says little
        candidates = []
        for later in started:
            counts, size, keys = unit(k, rows[later][k].label)
            shared: Counter = Counter()
            for key in keys:
                hits = index.get(key)
                if hits and len(hits) <= limit:
                    shared.update(hits)
            for earlier, _count in sorted(shared.items(), key=lambda hit: (-hit[1], hit[0]))[:MAX_CANDIDATES]:
                old_counts, old_size, _keys = unit(*own(earlier))
                score = dice(old_counts, counts, old_size, size)
                adjacent = last_seen[earlier] == k - 1
                if score >= MATCH_MIN and (not adjacent or rows[later][k].relation == Relation.SPLIT):
                    candidates.append((-score, earlier, later))
        used: set[int] = set()
        for _neg_score, earlier, later in sorted(candidates):
            if earlier in used or later in used:
                continue
            used.update((earlier, later))
            joined.add(later)
            step = rows[later][k]
            rows[earlier][k:] = rows[later][k:]
            rows[earlier][k] = LineageStep(step.label, Verdict.RESTORED, step.wps)
            last_seen[earlier] = last_seen[later]
    return [row for n, row in enumerate(rows) if n not in joined]
