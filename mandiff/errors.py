"""The only exceptions the library raises.

Every failure a user can cause (a missing file, a scanned PDF, a text with no operative
paragraphs) is a ``MandiffError``; the CLI turns each into one line on stderr and exit status 2.
A bare Python exception escaping the library is a bug.
"""


class MandiffError(Exception):
    """Base of every error mandiff reports to a user."""

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message}"
        return self.message


class InputError(MandiffError):
    """The input cannot be read at all: missing, a directory, empty, too large, undecodable."""


class FormatError(MandiffError):
    """The input is a known format but broken or unusable (truncated PDF, scan without text, XXE)."""


class StructureError(MandiffError):
    """The text was read but is not a resolution (for example no operative paragraphs)."""


class LimitError(MandiffError):
    """A configured limit (size, pages, units) was exceeded; the message names the option to raise it."""


class CitationError(MandiffError):
    """A citation or label that does not exist in the document it points to."""


class FetchError(MandiffError):
    """A document could not be downloaded or was not what was asked for."""
