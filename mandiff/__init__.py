"""mandiff: compare UN Security Council resolutions and follow Women, Peace and Security language.

The library is the product; the ``mandiff`` command is one thin client of it.
"""

__version__ = "0.1.0"
