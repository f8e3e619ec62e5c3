"""The shape of the package, as ARCHITECTURE.md describes it: dependencies point one way (a module imports
only modules of its own layer or of layers below it), only cli.py knows click, only diff.py knows
diff_match_patch, no module below the CLI imports the package root, no function grows past 80 lines, and
every NamedTuple is built from evaluated annotations."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mandiff"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS = (
    ("errors", "_version", "vocabulary", "limits", "matcher", "usercache", "package_data", "lazy_regex"),
    ("model", "model_comparison", "symbols", "grammar", "characters"),
    ("ingest", "lexicon", "damaged_words", "normalize", "registry", "sources", "output", "ordering"),
    ("header", "units", "segment", "fetch"),
    ("pipeline", "tag", "draft_changes"),
    ("align", "diff", "phrase_lists", "softening", "assess", "rewrite"),
    ("compare", "lineage", "checklist_parse", "checklist_citations", "checklist_prose", "checklist_additions", "index"),
    ("checklist",),
    ("render",),
    ("serve",),
    ("cli", "__init__", "__main__"),
)


def _layer(module: str) -> int:
    head = module.split(".")[0]
    for k, names in enumerate(LAYERS):
        if head in names:
            return k
    raise AssertionError(f"mandiff.{module} is in no layer of tests/test_architecture.py: give it one")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(module: str, path: Path, tree) -> list[tuple[str, int]]:
    """(imported module relative to the package, line) for every import of a mandiff module."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            names = [target] if node.module else [f"{target}.{a.name}".strip(".") for a in node.names]
            out += [(n or "__init__", node.lineno) for n in names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mandiff"):
            out.append((node.module.removeprefix("mandiff").strip(".") or "__init__", node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name.removeprefix("mandiff").strip(".") or "__init__", node.lineno)
                    for a in node.names if a.name.split(".")[0] == "mandiff"]
    return out


def _third_party(tree) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_dependencies_point_down():
    wrong = []
    for module, path, tree in _modules():
        here = _layer(module)
        for target, line in _imports(module, path, tree):
            if target == "__init__" and module not in ("__init__", "__main__", "cli"):
                wrong.append(f"mandiff/{path.relative_to(PACKAGE)}:{line} imports the package root")
            elif target != "__init__" and _layer(target) > here:
                wrong.append(f"mandiff/{path.relative_to(PACKAGE)}:{line} imports {target}, a layer above it")
    assert not wrong, "\n".join(wrong)


def test_only_one_module_knows_click_and_one_knows_diff_match_patch():
    knows = {"click": set(), "diff_match_patch": set()}
    for module, _path, tree in _modules():
        for name in _third_party(tree) & set(knows):
            knows[name].add(module)
    assert knows == {"click": {"cli"}, "diff_match_patch": {"diff"}}


def test_no_function_over_80_lines():
    long = [f"mandiff/{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for _module, path, tree in _modules() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 80]
    assert not long, "\n".join(long)


def _is_named_tuple(node) -> bool:
    return isinstance(node, ast.ClassDef) and any(
        (isinstance(b, ast.Name) and b.id == "NamedTuple") or (isinstance(b, ast.Attribute) and b.attr == "NamedTuple")
        for b in node.bases)


def test_every_named_tuple_is_built_from_evaluated_annotations():
    """A field annotated by a string (`from __future__ import annotations` makes them all strings) costs
    typing.NamedTuple a compile() into a ForwardRef when the module is imported, in every process: a module
    that defines a NamedTuple does without the future import (ARCHITECTURE.md, section 3)."""
    import importlib
    from typing import ForwardRef

    found, wrong = [], []
    for module, path, tree in _modules():
        for node in ast.walk(tree):
            if not _is_named_tuple(node):
                continue
            where = f"mandiff/{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
            cls = getattr(importlib.import_module("mandiff" if module == "__init__" else f"mandiff.{module}"),
                          node.name, None)
            if node not in tree.body or not isinstance(cls, type):
                wrong.append(f"{where} is not a class of its module's top level")
                continue
            found.append(where)
            wrong += [f"{where}.{field}: {hint!r}" for field, hint in cls.__annotations__.items()
                      if isinstance(hint, (str, ForwardRef))]
    assert len(found) >= 30, found
    assert not wrong, "\n".join(wrong)


def test_the_layer_table_of_architecture_md_is_this_one():
    import re

    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    documented = {}
    for number, cells in re.findall(r"^\| (\d+) \| (.+) \|$", text, re.M):
        documented[int(number)] = set(re.findall(r"`([\w/]+?)/?`", cells))
    assert documented == {k: set(names) for k, names in enumerate(LAYERS)}
