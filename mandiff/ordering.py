"""Which of two texts is the older: adoption dates (as the text states them, else as the registry records
them), else resolution numbers, which the Council gives in the order it adopts.

A comparison read the wrong way round says "dropped" for what was added; mandiff never silently trusts
the order it was given. It warns when OLD is newer than NEW, and a chain is put in order by adoption.
"""

from __future__ import annotations

from .grammar.dates import human_date
from .model import Notice, Resolution


def adoption_date(resolution: Resolution) -> str | None:
    """ISO date of adoption: the text's own, else the registry's for its symbol."""
    if resolution.date:
        return resolution.date
    if resolution.number is None:
        return None
    from . import registry

    entry = registry.find(str(resolution.number))
    if entry is None or (resolution.year is not None and entry.year != resolution.year):
        return None
    return entry.date


def _when(resolution: Resolution) -> str:
    date = adoption_date(resolution)
    return f"adopted {human_date(date)}" if date else f"number {resolution.number}"


def _older(a: Resolution, b: Resolution) -> bool | None:
    """True when ``a`` is newer than ``b``, False when older or the same day, None when it cannot be told."""
    da, db = adoption_date(a), adoption_date(b)
    if da and db and da != db:
        return da > db
    if a.number is not None and b.number is not None and a.number != b.number:
        return a.number > b.number
    return None


def order_notice(old: Resolution, new: Resolution) -> Notice | None:
    """A warning when OLD is newer than NEW."""
    if _older(old, new):
        return Notice("order", f"OLD ({old.name}, {_when(old)}) is newer than NEW ({new.name}, {_when(new)}): "
                               "were they given the wrong way round?")
    return None


def chronological(resolutions, keep_order: bool = False) -> tuple[tuple[Resolution, ...], tuple[Notice, ...]]:
    """The texts of a chain in the order they were adopted, with a warning when that order cannot be told
    or (with ``keep_order``) when the order given is not it."""
    texts = tuple(resolutions)
    dates = [adoption_date(r) for r in texts]
    if all(dates):
        key = [(d, r.number or 0) for d, r in zip(dates, texts)]
    elif all(r.number is not None for r in texts):
        key = [(r.number,) for r in texts]
    else:
        unknown = ", ".join(r.name for r, d in zip(texts, dates) if not d and r.number is None)
        return texts, (Notice("order", f"cannot tell the order of adoption (no date or number for {unknown}): "
                                       "kept the order given"),)
    order = sorted(range(len(texts)), key=lambda k: key[k])
    if order == list(range(len(texts))):
        return texts, ()
    if keep_order:
        return texts, (Notice("order", "the texts are not in the order of their adoption; kept the order given "
                                       "(--keep-order)"),)
    ordered = tuple(texts[k] for k in order)
    return ordered, (Notice("reordered", "put in the order of adoption: " + ", ".join(r.name for r in ordered)),)
