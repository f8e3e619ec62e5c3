"""Softening on real text: every unit of the S/RES/2480 fixture edited the way negotiators soften a
paragraph (and back), edits that must say nothing, and the truth of every reason on corpus renewals.

The edits are made here, in the test, on the fixture read in place (no text is copied into the
project): a modal lowered, a hedge added at the end and inside, "all" cut, the WPS qualifier cut, an
inner verb weakened; each reversed must strengthen. Neutral edits (punctuation, spacing, a year, a word
that is no signal, two list items swapped, the case of the opening verb) must never give weakened,
strengthened or mixed. ``benchmarks/soften_fixture_edits.py`` prints the same measurement in full.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import CORPUS, FIXTURE_2480
from mandiff.assess import assess_texts
from mandiff.compare import compare
from mandiff.pipeline import parse_path, parse_text
from mandiff.phrase_lists import families
from mandiff.tag import tag_text
from tests_support import parse_or_none


def _first(pattern: str, text: str, repl, start: int = 0):
    m = re.compile(pattern).search(text, start)
    if not m:
        return None
    return text[:m.start()] + (repl(m) if callable(repl) else m.expand(repl)) + text[m.end():]


def _end(text: str, words: str) -> str:
    """``words`` added before the unit's closing punctuation."""
    m = re.search(r"[;,.:]?\s*$", text)
    return text[:m.start()] + words + text[m.start():]


def _after_opening(text: str) -> int:
    m = re.search(r"\bto \w+", text)
    return m.end() if m else -1


def _mid_hedge(text: str):
    at = _after_opening(text)
    return None if at < 0 else text[:at] + ", where possible," + text[at:]


def _modal(text: str):
    m = re.search(r"\b(shall|will|must)\b", text)
    return m and (text[:m.start()] + "may" + text[m.end():], f"'{m.group(1)}' became 'may'")


def _fixed(edit, reason):
    def apply(text):
        edited = edit(text)
        return edited and (edited, reason)
    return apply


# name -> edit: the edited text and the reason it must give, or None where the edit does not apply
SOFTENINGS = {
    "modal": _modal,
    "hedge at the end": _fixed(lambda t: _end(t, ", as appropriate"), "added the hedge 'as appropriate'"),
    "hedge inside": _fixed(_mid_hedge, "added the hedge 'where possible'"),
    "scope cut": _fixed(lambda t: _first(r"\ball (?!forms of|aspects of|levels|its forms|their forms)(?=\w)", t, ""),
                        "removed 'all'"),
    "qualifier cut": _fixed(lambda t: _first(r"full, effective and meaningful ", t, ""),
                            "removed 'full, effective and meaningful'"),
    "inner verb": _fixed(lambda t: _first(r"(?<=\w )ensure\b", t, "promote"), "'ensure' became 'promote' inside the paragraph"),
}
def _reverse(reason: str) -> str:
    """The reason the reverse edit gives: "'may' became 'shall'", "removed the hedge ...", "added 'all'"."""
    became = re.match(r"'([^']+)' became '([^']+)'(.*)", reason)
    if became:
        return f"'{became.group(2)}' became '{became.group(1)}'{became.group(3)}"
    if reason.startswith("added the hedge"):
        return "removed" + reason[len("added"):]
    return "added" + reason[len("removed"):]


_SIGNAL_WORDS = {w for f in families() for k in f.keys for w in re.findall(r"[^\W_]+", k)}


def _plain_word(text: str, tags) -> str | None:
    """The longest word of ``text`` that is no signal and lies outside every WPS tag, replaced."""
    spans = [(t.start, t.end) for t in tags]
    words = [m for m in re.finditer(r"\b[a-z]{6,}\b", text)
             if m.group(0) not in _SIGNAL_WORDS and not any(s < m.end() and m.start() < e for s, e in spans)]
    if not words:
        return None
    m = max(words, key=lambda w: (len(w.group(0)), -w.start()))
    return text[:m.start()] + "pertinent" + text[m.end():]


NEUTRAL = {
    "punctuation": lambda t, tags: _first(r"[;,](?=\s*$)", t, ".") or t.rstrip() + ";",
    "a comma removed": lambda t, tags: _first(r",", t, ""),
    "spacing": lambda t, tags: _first(r" ", t, "  \n "),
    "a year": lambda t, tags: _first(r"\b(19|20)\d\d\b", t, lambda m: str(int(m.group(0)) + 1)),
    "a plain word": _plain_word,
    "two items swapped": lambda t, tags: _first(r"\b(children) and (women)\b", t, r"\2 and \1"),
    "the opening verb's case": lambda t, tags: t[0].lower() + t[1:] if t[:1].isupper() else None,
}


def _fixture_units():
    if not FIXTURE_2480.exists():
        pytest.skip(f"the S/RES/2480 fixture is not at {FIXTURE_2480}")
    resolution = parse_path(str(FIXTURE_2480))
    return [(p.label, p.text, p.kind) for p in resolution.paragraphs if p.text.strip()]


def measure_fixture_edits():
    """(name, label, expected, verdict, reasons, wanted reason) for every edit that applies to a unit."""
    rows = []
    for label, text, kind in _fixture_units():
        tags = tag_text(text)
        if not tags:
            continue
        for name, edit in SOFTENINGS.items():
            done = edit(text)
            if not done or done[0] == text:
                continue
            edited, reason = done
            new_tags = tag_text(edited)
            verdict, reasons = assess_texts(text, edited, kind, kind, tags, new_tags)
            rows.append((name, label, "weakened", str(verdict), reasons, reason))
            verdict, reasons = assess_texts(edited, text, kind, kind, new_tags, tags)
            rows.append((name + " reversed", label, "strengthened", str(verdict), reasons, _reverse(reason)))
        for name, edit in NEUTRAL.items():
            edited = edit(text, tags)
            if edited is None or edited == text:
                continue
            verdict, reasons = assess_texts(text, edited, kind, kind, tags, tag_text(edited))
            rows.append((name, label, "modified", str(verdict), reasons, None))
    return rows


def _wrong(row) -> bool:
    _name, _label, expected, verdict, reasons, reason = row
    if expected == "modified":
        return verdict not in ("modified", "retained")
    return verdict != expected or reason not in reasons


def test_every_fixture_unit_softened_firmed_and_left_alone():
    rows = measure_fixture_edits()
    applied = Counter(r[0] for r in rows)
    # each kind of edit applies to several real units (the fixture has "shall", "ensure", "all", the formula)
    for name in list(SOFTENINGS) + [n + " reversed" for n in SOFTENINGS] + list(NEUTRAL):
        if name != "two items swapped":
            assert applied[name] >= 2, (name, applied)
    wrong = [r for r in rows if _wrong(r)]
    assert wrong == []
    assert len(rows) >= 100


def test_a_softened_fixture_unit_is_weakened_in_the_whole_diff():
    """The same through ``compare``: OP 28 edited inside the whole resolution, renumbered by one."""
    if not FIXTURE_2480.exists():
        pytest.skip(f"the S/RES/2480 fixture is not at {FIXTURE_2480}")
    text = FIXTURE_2480.read_text("utf-8")
    old = parse_path(str(FIXTURE_2480))
    edited = text.replace("28. Decides that MINUSMA’s mandate shall include", "29. Decides that MINUSMA’s mandate may include")
    edited = edited.replace("Women Protection Advisors as well as", "Women Protection Advisors, within existing resources, as well as")
    assert edited != text
    new = parse_text(edited, "edited")
    result = compare(old, new)
    by_old = {p.old: p for p in result.pairs}
    assert (by_old["OP28"].new, by_old["OP28"].wps) == ("OP29", None)  # the chapeau has no WPS words of its own
    hedged = by_old["OP28(c)(iii)"]
    assert (hedged.new, str(hedged.wps), hedged.reasons) == ("OP29(c)(iii)", "weakened",
                                                              ("added the hedge 'within existing resources'",))
    untouched = [p for p in result.pairs if p.old not in ("OP28", "OP28(c)(iii)") and p.old.startswith("OP28")]
    assert untouched and all(str(p.wps) in ("retained", "None") for p in untouched)


# ---- every reason is true, on real renewals ---------------------------------------------------------


def _count(phrase: str, text: str) -> int:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return len(re.findall(rf"(?<![\w-]){words}(?![\w-])", text, re.IGNORECASE))


_QUOTED = re.compile(r"'([^']+(?:'[^\s,)][^']*)*)'")


def reason_is_true(reason: str, old: str, new: str) -> bool:
    """What a reason claims, checked on the texts with a plain count, independently of how it was found."""
    quoted = _QUOTED.findall(reason)
    if " became " in reason and len(quoted) == 2 and reason.startswith("'"):
        was, now = quoted
        return _count(was, old) > _count(was, new) and _count(now, new) > _count(now, old)
    if reason.startswith("removed the ") and (" actor " in reason or " region " in reason):
        item = re.sub(r"^(and|or|et|ou|as well as)\s+", "", quoted[0])
        return _count(item, old) > _count(item, new)
    if reason.startswith("added the ") and (" actor " in reason or " region " in reason):
        item = re.sub(r"^(and|or|et|ou|as well as)\s+", "", quoted[0])
        return _count(item, new) > _count(item, old)
    if reason.startswith("removed"):
        return _count(quoted[0], old) > _count(quoted[0], new)
    if reason.startswith("added"):
        return _count(quoted[0], new) > _count(quoted[0], old)
    return True  # the opening verb, the move between the parts: read from the kinds, not from words


def test_every_reason_on_real_renewals_is_true():
    """Consecutive Cyprus, Angola and Lebanon renewals of the corpus, every changed pair assessed as the
    checker assesses an ask (both sides taken as WPS language): whatever a reason says was removed is
    less often in the new text, whatever it says was added more often."""
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    from mandiff.model import Tag

    asked = (Tag("asked", "", 0, 0),)
    checked = 0
    for phrase in ("Force in Cyprus", "Angola Verification Mission", "Interim Force in Lebanon"):
        files = sorted(p for p in CORPUS.glob("S_RES_*_EN_GOLD.txt") if phrase in p.read_text("utf-8"))
        docs = [d for d in (parse_or_none(f) for f in files) if d is not None]
        for a, b in zip(docs, docs[1:]):
            for p in compare(a, b).pairs:
                o, n = a.get(p.old).text, b.get(p.new).text
                if o == n:
                    continue
                _verdict, reasons = assess_texts(o, n, "operative", "operative", asked, asked)
                for reason in reasons:
                    checked += 1
                    assert reason_is_true(reason, o, n), (p.old, p.new, reason)
    assert checked >= 40
