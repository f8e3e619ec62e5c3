"""JSON output: the contracts of ARCHITECTURE.md section 4, byte-identical for identical input."""

from __future__ import annotations

import json


def dumps(obj) -> str:
    """Serialize with a fixed layout (no timestamps, no set order) so that reruns compare equal."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def resolution_json(resolution) -> str:
    return dumps(resolution.to_json())
