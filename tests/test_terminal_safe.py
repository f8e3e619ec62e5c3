"""No document can drive the terminal: every text output passes document text through ``terminal_safe``.

The documents are fictional, generated here: real resolutions carry no control characters, which is
exactly why a hostile one would be noticed too late. Each holds every character a terminal acts on:
ESC (CSI and OSC sequences), BEL, CR, the other C0 and C1 controls, DEL and the bidi controls.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from mandiff.render.terminal import BIDI_CONTROLS, terminal_safe
from test_hostile_input import run_inprocess, write

FORBIDDEN = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)] + list(BIDI_CONTROLS)
)
EVERY_CONTROL = "".join(sorted(FORBIDDEN)) + "\r"
# what a text file can carry (the text reader refuses NUL, and a text of more than 5 % C0 controls, as binary)
ATTACKS = "\x1b[2J\x1b]0;owned\x07 \x9b31m\x90\x85\x7f\x08" + BIDI_CONTROLS + " x\ry "

OLD = f"""RESOLUTION 9902 (2031) (fictional, for mandiff's tests)

The Security Council,

Recalling the role of women {ATTACKS} in peace processes,

1. Decides that women {ATTACKS} shall participate fully in the fictional talks;

2. Requests the Secretary-General to report on sexual violence {ATTACKS} in Ruritania;

3. Decides to remain seized of the matter.
"""
NEW = OLD.replace("participate fully", "participate {ATTACKS} where possible".format(ATTACKS=ATTACKS)).replace(
    "2. Requests the Secretary-General to report on sexual violence", "2. Encourages gender advisers " + ATTACKS + " to report on violence"
).replace("3. Decides to remain", f"3. Calls upon women's organizations {ATTACKS} to act;\n\n4. Decides to remain")
OWN_COLOURS = re.compile(r"\x1b\[(?:1|1;33|36|0)m")


def leaks(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text if c in FORBIDDEN})


def test_terminal_safe_removes_every_control_and_keeps_the_words():
    safe = terminal_safe("Decides\x1b]0;owned\x07 to act\r\nnow\rlater \u202eredro\u202c\ttab \x9b6n\x85")
    assert safe == "Decides\ufffd]0;owned\ufffd to act\nnow\nlater redro\ttab \ufffd6n\ufffd"
    assert leaks(terminal_safe(EVERY_CONTROL)) == [] and terminal_safe(EVERY_CONTROL).count("\ufffd") == 62  # 29 C0 (not CR), DEL, 32 C1
    assert terminal_safe("Le Conseil de sécurité, « women » ‑ ١٢٣ 安理会") == "Le Conseil de sécurité, « women » ‑ ١٢٣ 安理会"
    assert terminal_safe(None) == ""


@pytest.fixture
def files(tmp_path):
    return write(tmp_path / "old.txt", OLD), write(tmp_path / "new.txt", NEW)


def test_the_attacks_reach_the_pipeline(files, capsys):
    """Guard: the outputs below are clean because they are cleaned, not because a reader dropped the characters.
    (Bidi controls are format characters: the normalizer removes them from the text itself, with every other
    invisible character, so that they can neither hide a word nor reverse one; the renderers' cleaner is
    tested on them directly in test_the_renderers_clean_text_that_did_not_come_through_a_reader.)"""
    old, _ = files
    units = json.loads(run_inprocess(capsys, "parse", old, "--format", "json").stdout)["paragraphs"]
    carried = set("".join(u["text"] for u in units))
    assert {"\x1b", "\x07", "\x9b", "\x85", "\x7f"} <= carried
    assert not {"\u202e", "\u2066", "\u200f", "\u061c"} & carried


@pytest.mark.parametrize("command", [
    ["parse", "{old}"],
    ["tag", "{old}"],
    ["tag", "{new}", "--color"],
    ["diff", "{old}", "{new}"],
    ["diff", "{old}", "{new}", "--format", "md"],
    ["diff", "{old}", "{new}", "--wps-only"],
    ["check", "--all-wps", "{old}", "{new}"],
    ["check", "--all-wps", "{old}", "{new}", "--format", "md"],
    ["chain", "{old}", "{new}"],
])
def test_every_text_output_is_free_of_control_characters(files, capsys, command):
    old, new = files
    args = [a.format(old=old, new=new) for a in command]
    result = run_inprocess(capsys, *args)
    assert result.code == 0, result.stderr
    out = OWN_COLOURS.sub("", result.stdout) if "--color" in args else result.stdout
    assert leaks(out) == [], args
    if command[0] != "chain":  # the chain lists labels only
        assert "0;owned\ufffd" in out  # the visible text is kept, made inert
    assert leaks(result.stderr) == []


def test_search_hits_and_a_hostile_file_name_are_printed_safely(files, tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder / "new.txt", NEW)
    write(folder / "bad\x1b]0;owned\x07\u202e.txt", "")  # a name that is itself an attack, and a file that fails
    db = tmp_path / "index.sqlite"
    indexed = run_inprocess(capsys, "index", folder, "--db", db)
    assert indexed.code == 0, indexed.stderr
    assert "owned" in indexed.stderr and leaks(indexed.stderr) == []
    result = run_inprocess(capsys, "search", "women", "--db", db)
    assert result.code == 0, result.stderr
    assert "Calls upon women's organizations" in result.stdout
    assert leaks(result.stdout) == []
    missing = run_inprocess(capsys, "parse", tmp_path / "no\x1b[2Jsuch\u202e.txt")
    assert missing.code == 2 and "no" in missing.stderr and leaks(missing.stderr) == []


def test_the_renderers_clean_text_that_did_not_come_through_a_reader():
    """A library caller can build units with any text, CR included: the renderers clean it themselves."""
    from mandiff.checklist import check, checklist_from_wps
    from mandiff.compare import compare
    from mandiff.lineage import chain
    from mandiff.pipeline import parse_text
    from mandiff.render.outputs import render
    from mandiff.tag import tag

    def poisoned(text):
        res = parse_text(text, "x.txt")
        return tag(res.replace_paragraphs(dataclasses.replace(p, text=p.text + " carriage" + EVERY_CONTROL + "return") for p in res.paragraphs))

    old, new = poisoned(OLD), poisoned(NEW)
    comparison = compare(old, new)
    checked = check(checklist_from_wps(old), new, old)
    outputs = [render("parse", old, "text"), render("tag", new, "text"), render("diff", comparison, "text"),
               render("diff", comparison, "md"), render("chain", chain([old, new]), "text"),
               render("check", checked, "text"), render("check", checked, "md")]
    for out in outputs:
        assert leaks(out) == [], out[:200]
