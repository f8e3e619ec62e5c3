"""Which unit of OLD became which unit of NEW: the heart of mandiff.

Renewals renumber everything, move paragraphs, split and merge them and edit them at the same time,
so positions and labels cannot be trusted; words can. The aligner:

1. finds candidate pairs through an index of word pairs (bigrams) that are rare enough to mean
   something, so that it stays fast on 300-unit documents;
2. scores them by word overlap (Dice over word counts) with a small bonus for keeping order;
3. chooses the one-to-one assignment that maximizes total score (Hungarian method on each connected
   group of candidates: global, not greedy);
4. marks as moved the pairs outside the heaviest order-preserving chain;
5. adds the splits and merges: a leftover unit whose words sit inside a matched unit and cover what
   its partner does not.
"""

import re
from collections import Counter, defaultdict
from typing import NamedTuple

from .model import Resolution

MATCH_MIN = 0.5  # Dice below this is not the same paragraph
CONTAIN_MIN = 0.6  # share of a leftover unit's words found in its split/merge partner
COVER_GAIN = 0.15  # how much better the partner is covered with the leftover unit than without
ORDER_BONUS = 0.05
MAX_EXACT_COMPONENT = 80
MAX_CANDIDATES = 12  # per old unit, the new units sharing the most rare bigrams with it  # larger candidate groups fall back to best-first matching

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


# Words too common to show that one paragraph holds another's content (used for splits and merges).
STOPWORDS = frozenset(
    "a an the of and or to in on at by for with from as that this these those its it his her their which who "
    "is are was were be been has have had shall should will would may all any such other its into upon "
    "further also including inter alia le la les de des du et en au aux à dans par pour sur que qui".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def fold(text: str) -> str:
    """Text compared for identity: whitespace folded, nothing else changed."""
    return " ".join(text.split())


class Link(NamedTuple):
    """One correspondence between unit indices of OLD and NEW."""

    old: int
    new: int
    similarity: float
    kind: str  # "match" (one to one), "split" (an extra new part), "merge" (an extra old part), "rescue"


class Alignment(NamedTuple):
    links: tuple[Link, ...]
    in_order: frozenset[tuple[int, int]]  # (old, new) pairs on the order-preserving chain
    dropped: tuple[int, ...]
    added: tuple[int, ...]


class _IndexedUnits:
    """One resolution's units as the aligner reads them: words, counts, folded text and relative place."""

    def __init__(self, resolution: Resolution):
        self.texts = [p.text for p in resolution.paragraphs]
        self.words = [words(t) for t in self.texts]
        self.counts = [Counter(w) for w in self.words]
        self.sizes = [len(w) for w in self.words]
        self.content = [Counter(x for x in w if x not in STOPWORDS) for w in self.words]
        self.content_sizes = [sum(c.values()) for c in self.content]
        self.folded = [fold(t) for t in self.texts]
        n = max(1, len(self.texts) - 1)
        self.position = [i / n for i in range(len(self.texts))]


def _keys(tokens: list[str]) -> set[tuple[str, ...]]:
    if len(tokens) < 2:
        return {tuple(tokens)} if tokens else set()
    return {(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1)}


def overlap(a: Counter, b: Counter) -> int:
    """Size of the multiset intersection, without building a new Counter (the hot loop)."""
    return sum(min(a[w], b[w]) for w in a.keys() & b.keys())


def dice(a: Counter, b: Counter, size_a: int, size_b: int) -> float:
    if not size_a or not size_b:
        return 0.0
    return 2.0 * overlap(a, b) / (size_a + size_b)


def _candidates(old: _IndexedUnits, new: _IndexedUnits) -> dict[tuple[int, int], float]:
    """Pairs that share at least one rare bigram (or are identical), with their Dice similarity."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, tokens in enumerate(new.words):
        for key in _keys(tokens):
            index[key].append(j)
    limit = max(8, len(new.words) // 10)
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(new.folded):
        by_text[t].append(j)
    old_texts = Counter(old.folded)
    scores: dict[tuple[int, int], float] = {}
    for i, tokens in enumerate(old.words):
        same = by_text.get(old.folded[i], ())
        if len(same) == 1 and old_texts[old.folded[i]] == 1:
            scores[(i, same[0])] = 1.0  # a text found once on each side: its twin, no need to look further
            continue
        shared: Counter = Counter()
        for key in _keys(tokens):
            hits = index.get(key)
            if hits and len(hits) <= limit:
                shared.update(hits)
        # ties broken by position, not by the order of a set of word pairs (which changes from run to run)
        seen = set(same) | {j for j, _n in sorted(shared.items(), key=lambda hit: (-hit[1], hit[0]))[:MAX_CANDIDATES]}
        for j in seen:
            scores[(i, j)] = 1.0 if old.folded[i] == new.folded[j] else dice(old.counts[i], new.counts[j], old.sizes[i], new.sizes[j])
    return scores


def _hungarian(weights: list[list[float]]) -> list[int]:
    """Maximum-weight assignment for an n x m matrix with n <= m; returns the column of each row."""
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = weights[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    out = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            out[p[j] - 1] = j - 1
    return out


def _components(edges: dict[tuple[int, int], float]) -> list[list[tuple[int, int]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(("o", i)), find(("n", j))
        if a != b:
            parent[a] = b
    groups: dict = defaultdict(list)
    for i, j in edges:
        groups[find(("o", i))].append((i, j))
    return [sorted(g) for g in groups.values()]


def _assign(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """One-to-one pairs maximizing the total weight of ``edges``."""
    chosen: list[tuple[int, int]] = []
    for group in _components(edges):
        olds = sorted({i for i, _ in group})
        news = sorted({j for _, j in group})
        if len(olds) == 1 or len(news) == 1:
            best = max(group, key=lambda e: (edges[e], -abs(e[0] - e[1])))
            chosen.append(best)
            continue
        if max(len(olds), len(news)) > MAX_EXACT_COMPONENT:
            used_o, used_n = set(), set()
            for e in sorted(group, key=lambda e: (-edges[e], e)):
                if e[0] not in used_o and e[1] not in used_n:
                    chosen.append(e)
                    used_o.add(e[0])
                    used_n.add(e[1])
            continue
        transpose = len(olds) > len(news)
        rows, cols = (news, olds) if transpose else (olds, news)
        col_at = {c: k for k, c in enumerate(cols)}
        matrix = [[0.0] * len(cols) for _ in rows]
        for i, j in group:
            r, c = (j, i) if transpose else (i, j)
            matrix[rows.index(r)][col_at[c]] = edges[(i, j)]
        for r, c in enumerate(_hungarian(matrix)):
            if c < 0:
                continue
            i, j = (cols[c], rows[r]) if transpose else (rows[r], cols[c])
            if (i, j) in edges:
                chosen.append((i, j))
    return sorted(chosen)


def _order_chain(pairs: list[tuple[int, int]], weight) -> set[tuple[int, int]]:
    """The heaviest subset of pairs increasing in both old and new order (the units that stayed put)."""
    pairs = sorted(pairs)
    if not pairs:
        return set()
    best: list[float] = []
    back: list[int] = []
    for k, (i, j) in enumerate(pairs):
        top, arg = 0.0, -1
        for q in range(k):
            if pairs[q][1] < j and pairs[q][0] < i and best[q] > top:
                top, arg = best[q], q
        best.append(top + weight(pairs[k]))
        back.append(arg)
    k = max(range(len(pairs)), key=lambda q: (best[q], -q))
    chain = set()
    while k >= 0:
        chain.add(pairs[k])
        k = back[k]
    return chain


def _coverage(target: Counter, size: int, parts: list[Counter]) -> float:
    if not size:
        return 0.0
    pool = Counter()
    for part in parts:
        pool |= part
    return overlap(target, pool) / size


def _attach_parts(leftovers, taken, part_side: _IndexedUnits, whole_side: _IndexedUnits, partner_of, containment) -> list[tuple[int, int]]:
    """Leftover units that are a further part of a matched unit on the other side.

    For splits the leftovers are new units and the wholes old ones; for merges the reverse.
    ``containment[(part, whole)]`` is the share of the part's content words found in the whole; the
    part is attached to the whole whose coverage by its partners it improves most.
    Returns (part, whole) pairs.
    """
    by_part: dict[int, list[int]] = defaultdict(list)
    for part, whole in containment:
        by_part[part].append(whole)
    extra: dict[int, list[int]] = defaultdict(list)
    out: list[tuple[int, int]] = []
    for part in sorted(p for p in leftovers if p not in taken):
        if part_side.content_sizes[part] < 4:
            continue
        best = None
        for whole in sorted(by_part.get(part, ())):
            if containment[(part, whole)] < CONTAIN_MIN or whole not in partner_of:
                continue
            partners = [part_side.content[partner_of[whole]]] + [part_side.content[x] for x in extra[whole]]
            target, size = whole_side.content[whole], whole_side.content_sizes[whole]
            gain = _coverage(target, size, partners + [part_side.content[part]]) - _coverage(target, size, partners)
            if gain >= COVER_GAIN and (best is None or gain > best[0]):
                best = (gain, whole)
        if best:
            extra[best[1]].append(part)
            out.append((part, best[1]))
    return out


def align(old: Resolution, new: Resolution) -> Alignment:
    a, b = _IndexedUnits(old), _IndexedUnits(new)
    sims = _candidates(a, b)
    edges = {
        (i, j): s + ORDER_BONUS * (1.0 - abs(a.position[i] - b.position[j]))
        for (i, j), s in sims.items()
        if s >= MATCH_MIN
    }
    matched = _assign(edges)
    links = [Link(i, j, sims[(i, j)], "match") for i, j in matched]
    old_of = {j: i for i, j in matched}
    new_of = {i: j for i, j in matched}

    # leftovers that are mostly inside a unit of the other side: cut-down or grown paragraphs first
    # (both sides unmatched), then splits and merges (the partner is matched already)
    left_old = [i for i in range(len(a.texts)) if i not in new_of]
    left_new = [j for j in range(len(b.texts)) if j not in old_of]
    contain = {}
    left_o, left_n = set(left_old), set(left_new)
    for (i, j), s in sims.items():
        if i not in left_o and j not in left_n:
            continue  # containment only matters where one side is a leftover
        common = overlap(a.content[i], b.content[j])
        contain[(i, j)] = (
            common / a.content_sizes[i] if a.content_sizes[i] else 0.0,
            common / b.content_sizes[j] if b.content_sizes[j] else 0.0,
        )
    for (i, j) in sorted(contain, key=lambda e: (-max(contain[e]), e)):
        if i in new_of or j in old_of:
            continue
        if max(contain[(i, j)]) >= 0.75 and sims[(i, j)] >= 0.25 and min(a.content_sizes[i], b.content_sizes[j]) >= 3:
            links.append(Link(i, j, sims[(i, j)], "rescue"))
            new_of[i], old_of[j] = j, i
    for j, i in _attach_parts(left_new, old_of, b, a, new_of, {(j, i): c[1] for (i, j), c in contain.items()}):
        links.append(Link(i, j, sims[(i, j)], "split"))
        old_of[j] = i
    for i, j in _attach_parts(left_old, new_of, a, b, old_of, {(i, j): c[0] for (i, j), c in contain.items()}):
        links.append(Link(i, j, sims[(i, j)], "merge"))
        new_of[i] = j

    one_to_one = [(l.old, l.new) for l in links if l.kind in ("match", "rescue")]
    chain = _order_chain(one_to_one, lambda e: 1.0 + len(a.texts[e[0]]) / 100.0)
    dropped = tuple(i for i in range(len(a.texts)) if i not in new_of)
    added = tuple(j for j in range(len(b.texts)) if j not in old_of)
    return Alignment(tuple(sorted(links, key=lambda l: (l.old, l.new))), frozenset(chain), dropped, added)
