"""mandiff: compare UN Security Council resolutions and follow Women, Peace and Security language.

The library is the product; the ``mandiff`` command is one thin client of it::

    import mandiff
    old = mandiff.load("S-RES-2423.pdf")          # any format; tagged with WPS language
    new = mandiff.load("S-RES-2480.pdf")
    result = mandiff.compare(old, new)            # Comparison: pairs, dropped, added, summary
    report = mandiff.check(mandiff.read_checklist("asks.txt"), new, old)
"""

from __future__ import annotations

from ._version import __version__  # noqa: E402

__all__ = ["load", "compare", "chain", "check", "read_checklist", "MandiffError", "Resolution", "Paragraph", "Comparison"]

from .errors import MandiffError  # noqa: E402
from .model import Paragraph, Resolution  # noqa: E402


def __getattr__(name: str):
    """``mandiff.Comparison``, imported when first asked for (a command that does not compare never is)."""
    if name == "Comparison":
        from .model_comparison import Comparison

        return Comparison
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(path: str, tagged: bool = True) -> Resolution:
    """Read and segment a resolution file (``-`` for stdin), with WPS tags unless ``tagged`` is False."""
    from .pipeline import parse_path

    resolution = parse_path(path)
    if not tagged:
        return resolution
    from .tag import tag

    return tag(resolution)


def compare(old: Resolution, new: Resolution, lexicon=None) -> "Comparison":
    """What became of every unit of ``old`` in ``new`` (see mandiff.compare.compare)."""
    from .compare import compare as _compare

    return _compare(old, new, lexicon)


def chain(resolutions, lexicon=None):
    """Follow every unit along a series of renewals, oldest first."""
    from .lineage import chain as _chain

    return _chain(resolutions, lexicon)


def check(checklist, new: Resolution, old: Resolution | None = None):
    """Check a list of recommendations (citations or quoted excerpts) against ``new``."""
    from .checklist import check as _check

    return _check(checklist, new, old)


def read_checklist(path: str):
    """A checklist from a file: a citation list, an annex of excerpts, or a note holding either."""
    from .checklist import read_checklist as _read

    return _read(path)
