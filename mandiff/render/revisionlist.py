"""``mandiff revisions``: a draft's own tracked changes, one sentence each, by unit label and author,
with the WPS language they touch ("Delegation C proposes to delete 'full, equal and meaningful' in
OP 3 [WPS: participation]")."""

from __future__ import annotations

import os

from .terminal import terminal_safe
from .difftext import report_head


def render_revisions_text(draft) -> str:
    name = os.path.basename(draft.source) if draft.source and draft.source != "-" else "the draft"
    wps = sum(1 for c in draft.changes if c.categories)
    lines = report_head(f"Tracked changes in {name}", ())
    if not draft.changes:
        return "\n".join(lines + ["No tracked changes."]) + "\n"
    lines += [f"{len(draft.changes)} tracked changes, {wps} of them touching WPS language. A deletion and the "
              "source of a move are labelled as the units were numbered before the changes; everything else as "
              "after Accept All.", ""]
    lines += [terminal_safe(change.sentence()) for change in draft.changes]
    return "\n".join(lines) + "\n"
