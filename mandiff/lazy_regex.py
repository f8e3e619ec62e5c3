"""Regular expressions compiled when first used, for module-level patterns that many runs never use.

Every mandiff command is a new process, and a compiled pattern cannot be kept between processes: a
pattern compiled at import costs its 0.1-0.5 ms in every run, used or not (the checklist's typed
paragraph markers in a ``diff``, the line-end hyphen rules in a text that has none, a header's patterns
in a text that has no header). ``lazy(source, flags)`` stands for ``re.compile(source, flags)`` and
compiles on the first call of any of its methods; each method it hands out is then kept on it, so that
later calls cost what a compiled pattern's do.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A ``re.Pattern`` compiled on first use: ``match``, ``search``, ``sub``, ... as on the pattern."""

    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str):
        # only reached for what the instance does not have yet: compile (re's cache makes a second
        # compile of the same source free), then keep the attribute so that this runs once per name
        value = getattr(re.compile(self._source, self._flags), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy({self._source!r}, {self._flags!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(source, flags)
