"""Word-level edits inside an aligned pair: the only module that imports diff_match_patch.

Words (and the spaces and punctuation between them) are mapped to single characters, diffed with
diff-match-patch, cleaned up semantically, and mapped back, so that no edit ever splits a word and
"Requests" -> "Encourages" reads as one replacement, not as a scatter of letters.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from .model import Edit

# A word with its inner hyphens and apostrophes ("gender-based", "MINUSMA’s"), a run of spaces, or one
# other character. Each alternative is linear: no nested quantifiers.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\s+|.", re.UNICODE | re.DOTALL)

_OPS = {0: "=", -1: "-", 1: "+"}


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _encode(tokens: list[str], table: dict[str, str], vocab: list[str]) -> str:
    out = []
    for tok in tokens:
        ch = table.get(tok)
        if ch is None:
            ch = chr(0xE000 + len(vocab)) if len(vocab) < 6400 else chr(0xF0000 + len(vocab) - 6400)
            table[tok] = ch
            vocab.append(tok)
        out.append(ch)
    return "".join(out)


_ENGINE = diff_match_patch()
_ENGINE.Diff_Timeout = 0  # deterministic: never stop early on a clock

# Without a clock, diff-match-patch's worst case is quadratic: two 2,000-word paragraphs with the same
# words in another order took 9 s, 5,000 words a minute. The longest unit of the real corpus has 525
# tokens; when the changed middle of a pair is larger than this many token pairs, it is shown as one
# deletion and one insertion, deterministically and in linear time.
MAX_DIFF_CELLS = 1200 * 1200


def _coarse_edits(old_tokens: list[str], new_tokens: list[str]) -> tuple[Edit, ...] | None:
    """Edits for a pair too large to diff word by word: common start, old middle, new middle, common end."""
    shortest = min(len(old_tokens), len(new_tokens))
    head = 0
    while head < shortest and old_tokens[head] == new_tokens[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_tokens[-1 - tail] == new_tokens[-1 - tail]:
        tail += 1
    old_mid = old_tokens[head : len(old_tokens) - tail]
    new_mid = new_tokens[head : len(new_tokens) - tail]
    if len(old_mid) * len(new_mid) <= MAX_DIFF_CELLS:
        return None
    parts = (
        ("=", old_tokens[:head]),
        ("-", old_mid),
        ("+", new_mid),
        ("=", old_tokens[len(old_tokens) - tail :]),
    )
    return tuple(Edit(op, "".join(tokens)) for op, tokens in parts if tokens)


def word_edits(old: str, new: str) -> tuple[Edit, ...]:
    """The word-level operations that turn ``old`` into ``new``; concatenating the "=" and "+" texts
    gives ``new`` and the "=" and "-" texts give ``old``."""
    if old == new:
        return (Edit("=", old),) if old else ()
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    coarse = _coarse_edits(old_tokens, new_tokens)
    if coarse is not None:
        return coarse
    table: dict[str, str] = {}
    vocab: list[str] = []
    a = _encode(old_tokens, table, vocab)
    b = _encode(new_tokens, table, vocab)
    decode = {ch: tok for tok, ch in table.items()}
    diffs = _ENGINE.diff_main(a, b, False)
    _ENGINE.diff_cleanupSemantic(diffs)
    edits: list[Edit] = []
    for op, chars in diffs:
        text = "".join(decode[c] for c in chars)
        if not text:
            continue
        sym = _OPS[op]
        if edits and edits[-1].op == sym:
            edits[-1] = Edit(sym, edits[-1].text + text)
        else:
            edits.append(Edit(sym, text))
    return tuple(edits)


def apply_edits(edits, side: str = "new") -> str:
    """Rebuild one side from the edits (a check that no text was lost)."""
    keep = {"=", "+"} if side == "new" else {"=", "-"}
    return "".join(e.text for e in edits if e.op in keep)
