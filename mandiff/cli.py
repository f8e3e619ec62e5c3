"""The ``mandiff`` command: argument handling and error mapping only; the work is in the library.

Exit status, as diff(1) does it: 0 success, 2 any error, 1 only when the user asked with ``--fail-on``
and it happened. Every library error becomes one line on stderr; a traceback is never shown
(set MANDIFF_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .errors import MandiffError
from .limits import Limits
from .output import emit, format_from_path

EPILOG_FORMATS = "FILE is read by content, not by extension: PDF, DOCX, HTML, Akoma Ntoso XML or plain text; '-' reads stdin."


def _limits_options(func):
    """--max-bytes/--max-pages/--max-units, the bounds a user may raise for a large document."""
    defaults = Limits()
    func = click.option("--max-units", type=click.IntRange(1), default=defaults.max_units, show_default=True,
                        help="Refuse a resolution with more units than this.")(func)
    func = click.option("--max-pages", type=click.IntRange(1), default=defaults.max_pages, show_default=True,
                        help="Refuse a PDF with more pages than this.")(func)
    func = click.option("--max-bytes", type=click.IntRange(1), default=defaults.max_bytes, show_default=True,
                        help="Refuse an input file larger than this many bytes.")(func)
    return func


def _limits(max_bytes: int, max_pages: int, max_units: int) -> Limits:
    return Limits(max_bytes=max_bytes, max_pages=max_pages, max_units=max_units)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="mandiff")
def cli():
    """Compare UN Security Council resolutions and follow their Women, Peace and Security language.

    \b
    Typical use:
      mandiff parse S-RES-2480.pdf                 outline of the paragraphs (PP1.., OP28(c)(iii))
      mandiff tag S-RES-2480.pdf                   the WPS language, unit by unit
      mandiff diff OLD.pdf NEW.pdf -o report.html  what happened to every paragraph
      mandiff check asks.txt NEW.pdf --old OLD.pdf were the recommendations followed?
    """


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
              help="text: an outline a person reads; json: the parse contract. Default: from -o, else text.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write here instead of standard output.")
@_limits_options
def parse(file, fmt, out, max_bytes, max_pages, max_units):
    """Split a resolution into its labelled paragraphs (PP1.., OP1.., OP28(c)(iii), OP4-2, A:OP3).

    FILE is read by content, not by extension: PDF, DOCX, HTML, Akoma Ntoso XML or plain text;
    '-' reads standard input.
    """
    from .pipeline import parse_path
    from .render.jsonout import resolution_json
    from .render.outline import render_outline

    resolution = parse_path(file, _limits(max_bytes, max_pages, max_units))
    fmt = fmt or format_from_path(out, "text")
    emit(resolution_json(resolution) if fmt == "json" else render_outline(resolution), out)


def main(argv=None) -> None:
    """Entry point: run the click group and turn every failure into one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="mandiff", standalone_mode=False)
    except MandiffError as exc:
        click.echo(f"mandiff: error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("mandiff: aborted", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("mandiff: interrupted", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug: still one line, never a traceback unless asked for
        if os.environ.get("MANDIFF_DEBUG"):
            raise
        click.echo(f"mandiff: internal error: {type(exc).__name__}: {exc} (set MANDIFF_DEBUG=1 for details)", err=True)
        sys.exit(2)
    sys.exit(0)
