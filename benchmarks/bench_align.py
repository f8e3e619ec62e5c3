"""Alignment accuracy and speed on renewal pairs made from real corpus texts by controlled edits.

Run by hand (not by CI):  .venv/bin/python benchmarks/bench_align.py [--pairs 200] [--seed 1]

Each pair keeps its truth: for every operative unit of OLD, the set of units of NEW it became
(empty when dropped). Edits: insert, drop, move, split, merge and reword paragraphs, several per
pair, so that every number shifts. The grade is the share of OLD operative units that mandiff maps
to exactly the right new unit(s). The same pairs are graded for a line differ (difflib on one line
per paragraph, replaced blocks paired line by line), which is what most tools do.

Speed: align+diff of a ~10,000-word pair (mandiff's compare on tagged resolutions) against
redlines on the same texts, and a chain of 10 renewals of that size.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "cr-unsc"

from mandiff.compare import compare  # noqa: E402
from mandiff.lineage import chain  # noqa: E402
from mandiff.errors import MandiffError  # noqa: E402
from mandiff.pipeline import parse_path, parse_text  # noqa: E402
from mandiff.tag import tag  # noqa: E402

VERBS = [("Requests", "Encourages"), ("Decides", "Agrees"), ("Calls upon", "Invites"), ("Urges", "Encourages"),
         ("Welcomes", "Notes"), ("Demands", "Calls upon")]


def corpus_paragraphs() -> tuple[list[list[str]], list[str]]:
    """Operative paragraph texts per corpus file (top level, with their sub-units folded in), and a pool."""
    docs, pool = [], []
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            res = parse_path(str(path))
        except MandiffError:
            continue
        ops = [res.full_text(p.label) for p in res.paragraphs if p.kind == "operative" and p.parent is None]
        ops = [t for t in ops if len(t.split()) >= 6]
        pool.extend(ops)
        if len(ops) >= 6:
            docs.append(ops)
    return docs, pool


def render(paragraphs: list[str], symbol: str) -> str:
    body = "\n\n".join(f"{i}. {t}" for i, t in enumerate(paragraphs, 1))
    return f"Resolution {symbol}\n\nThe Security Council,\n\nRecalling its previous resolutions,\n\n{body}\n"


def reword(text: str, rng: random.Random) -> str:
    words = text.split()
    for old, new in VERBS:
        if text.startswith(old):
            return new + text[len(old):]
    k = max(1, len(words) // 8)
    for _ in range(k):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["also", "further", "duly", "in particular", "fully"]) + " " + words[i]
    return " ".join(words)


def split_point(text: str) -> int | None:
    for pattern in (r"; ", r", and ", r", (?:and )?(?:requests|calls|urges|decides|encourages) "):
        cuts = [m.start() for m in re.finditer(pattern, text)]
        cuts = [c for c in cuts if 0.25 * len(text) < c < 0.75 * len(text)]
        if cuts:
            return cuts[0]
    return None


def make_pair(ops: list[str], pool: list[str], rng: random.Random, n_edits: int):
    """Edited copy of ``ops`` and the truth: old index -> set of new indices."""
    # items: (text, frozenset of old indices it descends from)
    items = [(t, frozenset({i})) for i, t in enumerate(ops)]
    kinds = []
    for _ in range(n_edits):
        kind = rng.choice(["insert", "drop", "move", "split", "merge", "reword", "reword"])
        if len(items) < 4:
            kind = "insert"
        k = rng.randrange(len(items))
        text, src = items[k]
        if kind == "insert":
            items.insert(rng.randrange(len(items) + 1), (rng.choice(pool), frozenset()))
        elif kind == "drop" and src:
            items.pop(k)
        elif kind == "move":
            item = items.pop(k)
            items.insert(rng.randrange(len(items) + 1), item)
        elif kind == "split" and len(src) == 1 and (cut := split_point(text)):
            first, second = text[:cut + 1].rstrip(",;") + ";", text[cut + 1:].strip()
            second = second[0].upper() + second[1:]
            items[k:k + 1] = [(first, src), (second, src)]
        elif kind == "merge" and k + 1 < len(items) and items[k + 1][1] and src and len(src) == 1 and len(items[k + 1][1]) == 1:
            nxt = items[k + 1]
            items[k:k + 2] = [(text.rstrip(";.,") + ", and " + nxt[0][0].lower() + nxt[0][1:], src | nxt[1])]
        elif kind == "reword":
            items[k] = (reword(text, rng), src)
        else:
            continue
        kinds.append(kind)
    truth: dict[int, set[int]] = {i: set() for i in range(len(ops))}
    for j, (_t, src) in enumerate(items):
        for i in src:
            truth[i].add(j)
    return [t for t, _ in items], truth, kinds


def mandiff_mapping(old_res, new_res) -> dict[int, set[int]]:
    c = compare(old_res, new_res)
    op_old = {p.label: k for k, p in enumerate(x for x in old_res.paragraphs if x.kind == "operative" and x.parent is None)}
    op_new = {p.label: k for k, p in enumerate(x for x in new_res.paragraphs if x.kind == "operative" and x.parent is None)}
    out: dict[int, set[int]] = {i: set() for i in op_old.values()}
    for pair in c.pairs:
        if pair.old in op_old and pair.new in op_new:
            out[op_old[pair.old]].add(op_new[pair.new])
    return out


def difflib_mapping(old: list[str], new: list[str]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {i: set() for i in range(len(old))}
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag_, i1, i2, j1, j2 in sm.get_opcodes():
        if tag_ == "equal" or (tag_ == "replace" and i2 - i1 == j2 - j1):
            for d in range(i2 - i1):
                out[i1 + d].add(j1 + d)
    return out


def grade(mapping, truth) -> tuple[int, int]:
    return sum(1 for i, want in truth.items() if mapping.get(i, set()) == want), len(truth)


def big_document(docs: list[list[str]], rng: random.Random, words: int = 10_000) -> list[str]:
    out, count = [], 0
    order = docs[:]
    rng.shuffle(order)
    for ops in order:
        for t in ops:
            out.append(t)
            count += len(t.split())
            if count >= words:
                return out
    return out


def run_accuracy(docs, pool, rng, pairs: int, big: bool):
    ok_m = ok_d = total = 0
    seconds = []
    for n in range(pairs):
        ops = big_document(docs, rng) if big else rng.choice(docs)
        new_ops, truth, _kinds = make_pair(ops, pool, rng, n_edits=max(3, len(ops) // 8) if big else rng.randint(2, 4))
        old_res = tag(parse_text(render(ops, "9001 (2030)")))
        new_res = tag(parse_text(render(new_ops, "9002 (2031)")))
        t = time.perf_counter()
        m = mandiff_mapping(old_res, new_res)
        seconds.append(time.perf_counter() - t)
        a, n_units = grade(m, truth)
        b, _ = grade(difflib_mapping(ops, new_ops), truth)
        ok_m += a
        ok_d += b
        total += n_units
    return ok_m / total, ok_d / total, total, statistics.median(seconds)


def run_speed(docs, pool, rng):
    ops = big_document(docs, rng)
    new_ops, _truth, _ = make_pair(ops, pool, rng, n_edits=len(ops) // 8)
    old_text, new_text = render(ops, "9001 (2030)"), render(new_ops, "9002 (2031)")
    old_res, new_res = tag(parse_text(old_text)), tag(parse_text(new_text))
    words = len(old_text.split())
    times = []
    for _ in range(5):
        t = time.perf_counter()
        compare(old_res, new_res)
        times.append(time.perf_counter() - t)
    mandiff_s = min(times)
    t = time.perf_counter()
    end_to_end = compare(parse_text(old_text), parse_text(new_text))
    e2e = time.perf_counter() - t
    try:
        from redlines import Redlines

        t = time.perf_counter()
        Redlines(old_text, new_text).output_markdown
        redlines_s = time.perf_counter() - t
    except ImportError:
        redlines_s = float("nan")
    versions = [ops]
    for _ in range(9):
        versions.append(make_pair(versions[-1], pool, rng, n_edits=len(ops) // 10)[0])
    resolutions = [parse_text(render(v, f"{9000 + k} (2030)")) for k, v in enumerate(versions)]
    t = time.perf_counter()
    chain(resolutions)
    chain_s = time.perf_counter() - t
    return words, len(old_res.paragraphs), mandiff_s, e2e, redlines_s, chain_s, len(end_to_end.pairs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--big-pairs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    rng = random.Random(args.seed)
    docs, pool = corpus_paragraphs()
    print(f"{len(docs)} corpus resolutions with >= 6 operative paragraphs; seed {args.seed}")
    for label, n, big in (("small (real resolutions)", args.pairs, False), ("~10,000-word", args.big_pairs, True)):
        acc_m, acc_d, units, med = run_accuracy(docs, pool, rng, n, big)
        print(f"{label:26} pairs={n:4}  old OP units={units:6}  mandiff {acc_m:7.2%}  difflib {acc_d:7.2%}  "
              f"(median compare {med * 1000:.1f} ms)")
    words, units, m_s, e2e, r_s, c_s, _ = run_speed(docs, pool, rng)
    print(f"speed: {words} words / {units} units: mandiff align+diff {m_s * 1000:.1f} ms "
          f"(with parse and tag {e2e * 1000:.1f} ms), redlines {r_s * 1000:.1f} ms, ratio {r_s / m_s:.1f}x; "
          f"chain of 10 renewals {c_s * 1000:.0f} ms")


if __name__ == "__main__":
    main()
