"""The pipeline's entry points: each function runs the stages a command needs, nothing more.

``cli.py`` calls these; so does anyone using mandiff as a library.
"""

from __future__ import annotations

import os

from .characters import mixed_script_words
from .errors import StructureError
from .grammar.clauses import opens_with_council_verb
from .ingest import RawDocument, Upload, read_bytes, read_input, read_path
from .limits import DEFAULT_LIMITS, Limits, check_lines
from .model import Notice, Resolution
from .normalize import normalize
from .segment import segment


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
