"""JSON output: the contracts of ARCHITECTURE.md section 4, byte-identical for identical input."""

from __future__ import annotations

import json


def dumps(obj) -> str:
    """Serialize with a fixed layout (no timestamps, no set order) so that reruns compare equal."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def to_json_text(result) -> str:
    """Any result with ``to_json`` (a resolution, a comparison, a check, a chain) as JSON text."""
    return dumps(result.to_json())
