"""The JSON contracts of ARCHITECTURE.md section 5 are what the code writes: for each contract, every key
of the documented example exists in the real output at the same place, and the real output has no key the
document does not name (keys, not values; optional keys are named in the prose and listed below)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, PROJECT
from mandiff.checklist import check, read_checklist
from mandiff.compare import compare
from mandiff.lineage import chain
from mandiff.pipeline import parse_path
from mandiff.tag import tag

OLD = str(EXAMPLES / "S-RES-9901-2031-fictional.txt")
NEW = str(EXAMPLES / "S-RES-9950-2032-fictional.txt")
# keys a contract's prose names as appearing only sometimes
OPTIONAL = {"annexes", "footnotes", "quoted_as", "also", "note", "tags", "read_as"}


def _documented(name: str) -> dict:
    text = (PROJECT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = re.search(rf"```json contract={name}\n(.*?)```", text, re.S)
    assert block, f"ARCHITECTURE.md has no contract {name}"
    return json.loads(block.group(1))


def _shape_differences(doc, real, where: str = "") -> list[str]:
    out = []
    if isinstance(doc, dict) and isinstance(real, dict):
        for key in doc.keys() - real.keys() - OPTIONAL:
            out.append(f"{where}.{key}: documented, not written")
        for key in real.keys() - doc.keys() - OPTIONAL:
            out.append(f"{where}.{key}: written, not documented")
        for key in doc.keys() & real.keys():
            out += _shape_differences(doc[key], real[key], f"{where}.{key}")
    elif isinstance(doc, list) and isinstance(real, list) and doc and real:
        out += _shape_differences(doc[0], real[0], f"{where}[0]")
    return out


def _outputs() -> dict:
    old, new = tag(parse_path(OLD)), tag(parse_path(NEW))
    return {"parse": old, "diff": compare(old, new), "chain": chain([old, new])}


@pytest.mark.parametrize("name", ["parse", "diff", "chain"])
def test_contract_is_what_the_code_writes(name):
    real = json.loads(json.dumps(_outputs()[name].to_json()))
    assert _shape_differences(_documented(name), real) == []


def test_check_contract_is_what_the_code_writes(tmp_path):
    asks = tmp_path / "asks.txt"
    asks.write_text("Please keep S/RES/9901 (2031) OPs 4, 6(b)(ii) and 10.\n", encoding="utf-8")
    real = json.loads(json.dumps(check(read_checklist(str(asks)), parse_path(NEW), parse_path(OLD)).to_json()))
    assert _shape_differences(_documented("check"), real) == []
