"""Words people read for the codes of the model: categories, WPS classes, relations, ordinals.

Shared by the HTML and Markdown renderers so that a class reads the same everywhere. Each class has a
symbol besides its colour, so that the report still speaks to a colour-blind reader and on paper.
"""

from __future__ import annotations

from ..symbols import pretty_label

CATEGORY_NAMES = {
    "participation": "participation",
    "protection": "protection",
    "sexual-violence": "sexual violence",
    "gender-expertise": "gender expertise",
    "accountability": "accountability",
    "sea": "sexual exploitation and abuse",
    "civil-society": "civil society",
    "parity": "parity",
    "wps-framework": "WPS framework",
    "ddr-ssr": "DDR / SSR",
}

# WPS class -> (words, symbol)
WPS_NAMES = {
    "retained": ("retained", "="),
    "modified": ("modified", "~"),
    "weakened": ("weakened", "▼"),
    "strengthened": ("strengthened", "▲"),
    "added-to": ("WPS terms added", "+"),
    "removed-from": ("WPS terms lost", "−"),
    "dropped": ("dropped", "✕"),
    "new": ("new", "+"),
}

# relation -> (words, symbol)
RELATION_NAMES = {
    "identical": ("unchanged", "="),
    "modified": ("modified", "~"),
    "moved": ("moved", "⇅"),
    "split": ("split", "⋔"),
    "merged": ("merged", "⋈"),
    "promoted": ("moved to operative", "↑"),
    "demoted": ("moved to preamble", "↓"),
    "dropped": ("dropped", "✕"),
    "added": ("added", "+"),
}


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category.replace("-", " "))


def wps_name(cls: str | None) -> str:
    return WPS_NAMES.get(cls, (cls or "", ""))[0]


def wps_symbol(cls: str | None) -> str:
    return WPS_NAMES.get(cls, ("", ""))[1]


def relation_name(relation: str) -> str:
    return RELATION_NAMES.get(relation, (relation, ""))[0]


def relation_symbol(relation: str) -> str:
    return RELATION_NAMES.get(relation, ("", ""))[1]


def ordinal(n: int) -> str:
    """9870 -> '9870th', 9921 -> '9921st' (English, as the resolutions' headers write meetings)."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def pretty(label: str | None) -> str:
    """'OP28(c)(iii)' -> 'OP 28(c)(iii)'; '—' for no label."""
    return pretty_label(label) if label else "—"
