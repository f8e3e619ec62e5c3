"""``python -m mandiff``: the same as the ``mandiff`` command."""

from .cli import run

run()
