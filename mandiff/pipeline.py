"""The pipeline's entry points: each function runs the stages a command needs, nothing more.

``cli.py`` calls these; so does anyone using mandiff as a library.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .characters import mixed_script_words
from .errors import StructureError
from .grammar.clauses import opens_with_council_verb
from .grammar.labels import pretty_label
from .ingest import RawDocument, Upload, read_bytes, read_input, read_path
from .limits import DEFAULT_LIMITS, Limits, check_lines
from .model import Notice, Resolution
from .normalize import normalize
from .segment import segment
from .vocabulary import category_name


def parse_raw(raw: RawDocument, limits: Limits = DEFAULT_LIMITS) -> Resolution:
    """Normalize and segment a document that a reader has already turned into text."""
    check_lines(raw.text, limits, raw.name)
    hints = dict(raw.hints)
    mixed = mixed_script_words(raw.text)
    if mixed:
        example = mixed[0].encode("ascii", "backslashreplace").decode("ascii")
        hints["warnings"] = [*hints.get("warnings", ()), Notice(
            "mixed-script", f"{len(mixed)} word(s) mix Latin letters with Cyrillic or Greek look-alikes "
                            f"(for example '{example}'): read as the Latin words they look like")]
    text = normalize(raw.text)
    resolution = segment(text, source=raw.name, hints=hints, max_units=limits.max_units)
    _refuse_what_is_not_a_resolution(resolution, raw.name)
    if not any(p.kind == "operative" for p in resolution.paragraphs):
        raise StructureError("no operative paragraphs found", source=raw.name)
    return resolution


def _refuse_what_is_not_a_resolution(resolution: Resolution, name: str) -> None:
    """A resolution has at least one of: a symbol or number in its header, the Council line, a numbered
    paragraph, a paragraph that opens with a Council verb. A letter about the weather has none, and must
    not be read as an operative paragraph."""
    if resolution.number is not None or resolution.council_line:
        return
    if any(p.number and p.number[:1].isdigit() for p in resolution.paragraphs):
        return
    if any(opens_with_council_verb(p.text) for p in resolution.paragraphs if p.parent is None):
        return
    raise StructureError("not a resolution: no resolution symbol or number, no 'The Security Council,' line, "
                         "no numbered paragraph and no paragraph that opens with a Council verb", source=name)


def parse_path(path: str, limits: Limits = DEFAULT_LIMITS) -> Resolution:
    """Read and segment one file (or ``-`` for standard input)."""
    return parse_raw(read_path(path, limits), limits)


def parse_input(arg: str | Upload, limits: Limits = DEFAULT_LIMITS) -> Resolution:
    """A resolution named on the command line: a file, ``-`` (standard input), or a symbol ("2480",
    "S/RES/2480 (2019)") read from the cache or downloaded. An existing file always wins. An
    ``Upload`` (bytes and a name) is read as the file it came from."""
    if isinstance(arg, str) and arg != "-" and not os.path.exists(arg):
        from .fetch import resolve_input  # only for a symbol: the network code is not loaded otherwise

        arg = str(resolve_input(arg))
    return parse_raw(read_input(arg, limits), limits)


def parse_bytes(data: bytes, name: str = "<bytes>", limits: Limits = DEFAULT_LIMITS) -> Resolution:
    return parse_raw(read_bytes(data, name, limits), limits)


def parse_text(text: str, name: str = "<text>") -> Resolution:
    return parse_raw(RawDocument(text=text, format="text", name=name))


# ---- a draft's own tracked changes ----------------------------------------------------------------

_VERBS = {"insertion": "insert", "deletion": "delete", "move-from": "move", "move-to": "move"}


@dataclass(frozen=True)
class ProposedChange:
    """A tracked change of a draft, as a negotiator reads it: who proposes what, in which unit, touching
    which WPS language. ``label`` is the unit's label in the reading that has the words (after Accept All
    for an insertion or a move's destination, before the changes for a deletion or a move's source)."""

    author: str
    kind: str
    text: str
    label: str | None
    categories: tuple[str, ...] = ()

    def sentence(self) -> str:
        where = pretty_label(self.label) if self.label else "a paragraph mandiff could not place"
        words = " ".join(self.text.split())
        if self.kind == "formatting":
            said = f"proposes a formatting change in {where}"
        elif not words:
            said = f"proposes to {_VERBS[self.kind]} a paragraph break in {where}"
        else:
            place = {"move-from": "from", "move-to": "to"}.get(self.kind, "in")
            said = f"proposes to {_VERBS[self.kind]} '{words}' {place} {where}"
        wps = f" [WPS: {', '.join(category_name(c) for c in self.categories)}]" if self.categories else ""
        return f"{self.author} {said}{wps}"

    def to_json(self) -> dict:
        return {"author": self.author, "kind": self.kind, "text": self.text, "label": self.label,
                "wps": list(self.categories)}


@dataclass(frozen=True)
class DraftChanges:
    """What ``mandiff revisions`` reports: every tracked change of a draft, in document order."""

    source: str
    changes: tuple[ProposedChange, ...]
    warnings: tuple[Notice, ...] = ()

    def to_json(self) -> dict:
        return {"file": self.source, "changes": [c.to_json() for c in self.changes],
                "warnings": [w.to_json() for w in self.warnings]}


def draft_changes(path: str, limits: Limits = DEFAULT_LIMITS) -> DraftChanges:
    """The tracked changes of a Word draft by unit label and author, with the WPS language they touch."""
    from dataclasses import replace

    from .ingest.revisions import ACCEPT, REJECT, SIDES  # lxml: only for a Word draft, not on every command
    from .tag import tag

    raw = read_path(path, replace(limits, revisions=ACCEPT))
    readings = {side: tag(parse_raw(read_path(path, replace(limits, revisions=side)), limits)) for side in SIDES}
    changes = []
    for rev in raw.hints.get("revisions", ()):
        side = REJECT if rev.kind in ("deletion", "move-from") else ACCEPT
        words = _TYPED_NUMBER.sub("", " ".join(rev.text.split()))  # a unit's text has no number
        unit = _unit_of(readings[side], rev.rejected if side == REJECT else rev.accepted, words)
        categories: tuple[str, ...] = ()
        at = " ".join(unit.text.split()).find(words) if unit is not None and words else -1
        if at >= 0:  # the WPS terms the changed words touch (offsets of a text whose spaces are single)
            categories = tuple(dict.fromkeys(t.category for t in unit.tags or () if t.start < at + len(words) and at < t.end))
        changes.append(ProposedChange(rev.author, rev.kind, rev.text, unit.label if unit else None, categories))
    return DraftChanges(path, tuple(changes), tuple(raw.hints.get("warnings", ())))


_TYPED_NUMBER = re.compile(r"^(?:\d{1,4}\.|\([a-z]{1,6}\)|[–-])(?:\s|$)")


def _unit_of(resolution: Resolution, paragraph: str, words: str):
    """The unit that a paragraph of the draft became: among the units holding the changed words (all
    units for a change without words), the one sharing most words with the paragraph."""
    changed = words
    said = set(paragraph.split())
    best, best_score = None, 0
    for unit in resolution.paragraphs:
        text = " ".join(unit.text.split())
        if changed and changed not in text:
            continue
        score = len(said & set(text.split()))
        if score > best_score:
            best, best_score = unit, score
    return best
