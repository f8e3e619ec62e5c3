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
    func = click.option("--max-page-text", type=click.IntRange(1), default=defaults.max_page_text, show_default=True,
                        expose_value=False, callback=_remember_limit,
                        help="Refuse a PDF page with more characters (or text objects) than this.")(func)
    func = click.option("--max-units", type=click.IntRange(1), default=defaults.max_units, show_default=True,
                        help="Refuse a resolution with more units than this.")(func)
    func = click.option("--max-pages", type=click.IntRange(1), default=defaults.max_pages, show_default=True,
                        help="Refuse a PDF with more pages than this.")(func)
    func = click.option("--max-bytes", type=click.IntRange(1), default=defaults.max_bytes, show_default=True,
                        help="Refuse an input file larger than this many bytes.")(func)
    return func


def _progress_file():
    """Where progress bars go: the terminal, else nowhere. In a pipe or a log click prints each bar's
    label as a line, and an error would then not be the one line on stderr that scripts read."""
    if sys.stderr.isatty():
        return sys.stderr
    import io

    return io.StringIO()


def _remember_limit(ctx: click.Context, param: click.Parameter, value):
    """A limit option that the commands do not take as an argument: ``_limits`` reads it from the context."""
    ctx.meta.setdefault("mandiff.limits", {})[param.name] = value
    return value


def _limits(max_bytes: int, max_pages: int, max_units: int) -> Limits:
    context = click.get_current_context(silent=True)
    more = context.meta.get("mandiff.limits", {}) if context else {}
    return Limits(max_bytes=max_bytes, max_pages=max_pages, max_units=max_units, **more)


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

@cli.command(name="tag")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
              help="text: the WPS units with their triggering words marked; json: the parse contract with tags. Default: from -o, else text.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write here instead of standard output.")
@click.option("--lexicon", "lexicon_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="A TOML lexicon whose rules are added to the shipped one (syntax: mandiff/data/lexicon_en.toml).")
@click.option("--replace-lexicon", is_flag=True, help="Use only the rules of --lexicon FILE, not the shipped lexicon.")
@click.option("--color/--no-color", default=None, help="Text output: highlight in colour (default: when writing to a terminal).")
@_limits_options
def tag_command(file, fmt, out, lexicon_file, replace_lexicon, color, max_bytes, max_pages, max_units):
    """Find the WPS (gender) language of a resolution, unit by unit, with its category and the words that prove it.

    FILE is read by content, not by extension: PDF, DOCX, HTML, Akoma Ntoso XML or plain text;
    '-' reads standard input.

    \b
    Examples:
      mandiff tag S-RES-2480.pdf
      mandiff tag draft.docx --format json --lexicon our-terms.toml
    """
    from .lexicon import load_lexicon
    from .render.jsonout import resolution_json
    from .render.wps_text import render_wps_text
    from .tag import tag

    lexicon = load_lexicon(lexicon_file, replace=replace_lexicon)  # before parsing: a bad lexicon fails fast
    resolution = tag(_load(file, _limits(max_bytes, max_pages, max_units)), lexicon)
    fmt = fmt or format_from_path(out, "text")
    if fmt == "json":
        emit(resolution_json(resolution), out)
    else:
        use_color = color if color is not None else (out in (None, "-") and sys.stdout.isatty())
        emit(render_wps_text(resolution, color=use_color), out)


def _load(arg: str, limits: Limits, lexicon=None):
    """A resolution from a file, or from a symbol ("2480", "S/RES/2480 (2019)") fetched or cached."""
    from .pipeline import parse_path

    if arg != "-" and not os.path.exists(arg):
        from .symbols import looks_like_symbol

        if looks_like_symbol(arg):
            from .fetch import resolve_input

            arg = str(resolve_input(arg))
        else:
            from .errors import InputError

            raise InputError("no such file (and not a resolution symbol such as S/RES/2480 (2019))", source=arg)
    return parse_path(arg, limits)


FAIL_ON = ("dropped", "weakened", "changed", "removed")


def _failed(comparison, fail_on: tuple[str, ...]) -> bool:
    """Did anything happen that the user asked to fail on (WPS language only)?"""
    w = comparison.summary["wps"]
    hits = {
        "dropped": w["dropped"] > 0,
        "weakened": w["weakened"] > 0,
        "removed": w["removed-from"] > 0,
        "changed": any(p.wps not in (None, "retained") for p in comparison.pairs) or w["dropped"] > 0,
    }
    return any(hits[f] for f in fail_on)


@cli.command()
@click.argument("old", type=click.Path(dir_okay=True, allow_dash=True))
@click.argument("new", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "csv", "html"]), default=None,
              help="Default: from the -o file name (.html, .json, .md, .csv), else text.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write here instead of standard output; report.html gives the HTML report.")
@click.option("--wps-only", is_flag=True, help="Text output: only units with WPS language.")
@click.option("--lexicon", "lexicon_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="A TOML lexicon added to the shipped one (see `mandiff tag --help`).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), multiple=True,
              help="Exit with status 1 when WPS language was dropped / weakened / changed in any way / lost terms.")
@_limits_options
def diff(old, new, fmt, out, wps_only, lexicon_file, fail_on, max_bytes, max_pages, max_units):
    """Say what became of every paragraph of OLD in NEW, and of its WPS language.

    OLD and NEW are files in any supported format, or resolution symbols (2480, S/RES/2480 (2019)),
    which are downloaded from the UN's document system or read from the cache.

    \b
    Examples:
      mandiff diff S-RES-2423.pdf S-RES-2480.pdf
      mandiff diff 2423 2480 -o report.html
      mandiff diff old.docx new.docx --format json --fail-on dropped
    """
    from .compare import compare

    limits = _limits(max_bytes, max_pages, max_units)
    lexicon = None
    if lexicon_file:
        from .lexicon import load_lexicon

        lexicon = load_lexicon(lexicon_file)
    comparison = compare(_load(old, limits), _load(new, limits), lexicon)
    fmt = fmt or format_from_path(out, "text")
    emit(_render_comparison(comparison, fmt, wps_only), out)
    if fail_on and _failed(comparison, fail_on):
        sys.exit(1)


def _render_comparison(comparison, fmt: str, wps_only: bool = False) -> str:
    if fmt == "json":
        from .render.jsonout import dumps

        return dumps(comparison.to_json())
    if fmt == "html":
        from .render.html import render_diff_html

        return render_diff_html(comparison)
    if fmt == "md":
        from .render.markdown import render_diff_markdown

        return render_diff_markdown(comparison)
    if fmt == "csv":
        from .render.csvout import render_diff_csv

        return render_diff_csv(comparison)
    from .render.difftext import render_diff_text

    return render_diff_text(comparison, wps_only=wps_only)

CHECK_FAIL_ON = ("dropped", "weakened", "changed")


@cli.command(name="check")
@click.argument("files", nargs=-1, required=True, metavar="[CHECKLIST] NEW",
                type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--old", "old", default=None, metavar="OLD",
              help="The resolution the checklist cites (file or symbol); it also confirms the labels of quoted excerpts.")
@click.option("--all-wps", "all_wps", default=None, metavar="OLD",
              help="Check every unit of OLD that carries WPS language, instead of a CHECKLIST file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default=None,
              help="Default: from the -o file name (.json, .md, .html), else text.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write here instead of standard output.")
@click.option("--fail-on", type=click.Choice(CHECK_FAIL_ON), multiple=True,
              help="Exit with status 1 when an ask was dropped / weakened or dropped / changed in any way.")
@_limits_options
def check_command(files, old, all_wps, fmt, out, fail_on, max_bytes, max_pages, max_units):
    """Were the recommendations followed? Check each ask of CHECKLIST in NEW.

    CHECKLIST is a citation list ("maintain S/RES/2480 OPs 28(a)(ii), (c)(iii), 56"), an annex of
    quoted excerpts, or a whole note holding either. Citations need --old OLD.

    \b
    Examples:
      mandiff check note.pdf S-RES-2531.pdf
      mandiff check asks.txt 2531 --old 2480 --format json --fail-on dropped
      mandiff check --all-wps S-RES-2480.pdf S-RES-2531.pdf -o check.md
    """
    from .checklist import run_check
    from .render.checktext import render_check

    if all_wps:
        if len(files) != 1:
            raise click.UsageError("with --all-wps OLD, give only NEW")
        checklist, new = None, files[0]
    else:
        if len(files) != 2:
            raise click.UsageError("give CHECKLIST and NEW (or --all-wps OLD and NEW)")
        checklist, new = files
    result = run_check(checklist, new, old_path=old, all_wps=all_wps,
                       limits=_limits(max_bytes, max_pages, max_units), load=_load)
    emit(render_check(result, fmt or format_from_path(out, "text")), out)
    if any(result.failed(f) for f in fail_on):
        sys.exit(1)


@cli.command(name="chain")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default=None,
              help="Default: from the -o file name, else text.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write here instead of standard output; chain.html gives the chain page.")
@_limits_options
def chain_command(files, fmt, out, max_bytes, max_pages, max_units):
    """Follow every paragraph through a series of renewals, oldest first.

    Shows when a phrase first appeared, how it changed, when it vanished and when it came back.

    \b
    Example:
      mandiff chain 2100 2164 2227 2295 2364 2423 2480 -o minusma.html
    """
    from .compare import chain

    if len(files) < 2:
        raise click.UsageError("give at least two resolutions, oldest first")
    limits = _limits(max_bytes, max_pages, max_units)
    resolutions = []
    with click.progressbar(files, label="Reading", file=_progress_file(), show_pos=True) as bar:
        for f in bar:
            resolutions.append(_load(f, limits))
    with click.progressbar(length=len(resolutions) - 1, label="Comparing", file=_progress_file(), show_pos=True) as bar:
        result = chain(resolutions, progress=lambda done: bar.update(1))
    fmt = fmt or format_from_path(out, "text")
    if fmt == "json":
        from .render.jsonout import dumps

        text = dumps(result.to_json())
    elif fmt == "html":
        from .render.html import render_chain_html

        text = render_chain_html(result)
    else:
        from .render.difftext import render_chain_text

        text = render_chain_text(result)
    emit(text, out)

@cli.command()
@click.argument("symbols", nargs=-1)
@click.option("--chain", "chain_name", default=None, metavar="NAME",
              help="Fetch every resolution of a mandate chain: MINUSMA, MONUSCO, UNMISS, MINUSCA or WPS.")
@click.option("--lang", type=click.Choice(["en", "fr", "es", "ar", "ru", "zh"]), default="en", show_default=True,
              help="Language version to download.")
@click.option("--dest", type=click.Path(file_okay=False), default=None,
              help="Also copy the PDFs into this folder (they always stay in the cache).")
@click.option("--base-url", default=None, metavar="URL",
              help="URL template with {lang}, {number}, {year} (default: $MANDIFF_BASE_URL, else "
                   "https://undocs.org/{lang}/S/RES/{number}({year})).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds to wait for an answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries after a timeout or server error.")
def fetch(symbols, chain_name, lang, dest, base_url, timeout, retries):
    """Download official resolution PDFs into the cache and print their paths.

    SYMBOL may be 2480, S/RES/2480(2019), "S/RES/2480 (2019)" or s/res/2480; a bare number takes its
    year from the registry. Cached files are not downloaded again (cache: $MANDIFF_CACHE_DIR, else
    the user cache directory).

    \b
    Examples:
      mandiff fetch 2480 2531
      mandiff fetch --chain MINUSMA --dest minusma/
    """
    from .fetch import fetch as fetch_pdfs
    from .registry import chain

    wanted = list(symbols) + (list(chain(chain_name).symbols) if chain_name else [])
    if not wanted:
        raise click.UsageError("give at least one SYMBOL or --chain NAME")
    with click.progressbar(length=len(wanted), label="Fetching", file=_progress_file()) as bar:
        paths = fetch_pdfs(wanted, lang=lang, dest=dest, base_url=base_url, timeout=timeout, retries=retries,
                           progress=lambda event: bar.update(1) if event.done else None)
    for path in paths:
        click.echo(str(path))


@cli.command()
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Index file (default: $MANDIFF_DB, else index.sqlite in the user data directory).")
def index(dirs, db):
    """Parse and tag every resolution file under DIR into a searchable index.

    A second run re-reads only files that changed; files that cannot be parsed are listed, not fatal.
    """
    from .index import build_index

    with click.progressbar(length=1, label="Indexing", file=_progress_file()) as bar:
        def progress(done, total, path):
            bar.length = total
            bar.update(1)

        stats = build_index(dirs, db, progress=progress)
    for path, message in stats.failures:
        click.echo(f"mandiff: warning: {path}: {message}", err=True)
    if stats.tag_error:
        click.echo(f"mandiff: warning: {stats.untagged} files indexed without WPS tags: {stats.tag_error}", err=True)
    click.echo(f"{stats.files} files: {stats.parsed} parsed, {stats.unchanged} unchanged, {stats.failed} failed, "
               f"{stats.removed} removed; {stats.documents} resolutions, {stats.units} units ({stats.seconds:.1f} s)")


@cli.command()
@click.argument("phrase")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Index file (default: $MANDIFF_DB, else index.sqlite in the user data directory).")
@click.option("--wps-only", is_flag=True, help="Only units that carry WPS language.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: hits for a person to read; json: {\"hits\": [...]} oldest first.")
def search(phrase, db, wps_only, fmt):
    """Find agreed language: every unit that contains PHRASE, oldest first.

    Whole words, case-insensitive; line breaks, hyphenation and punctuation do not matter. The first
    hit is the first time the Council used the phrase in the indexed corpus (build it with `mandiff index`).

    \b
    Example:
      mandiff index ../corpus/ && mandiff search "sexual violence" --wps-only
    """
    from .index import search as search_index
    from .render.jsonout import dumps

    result = search_index(phrase, db, wps_only=wps_only)
    if fmt == "json":
        emit(dumps(result.to_json()), None)
        return
    if not result.hits:
        click.echo(f"no unit contains {phrase!r}")
        return
    first = result.first_use
    click.echo(f"{len(result)} units; first used in {first.symbol} {first.label} ({first.date or 'date unknown'})")
    for hit in result:
        tags = f" [{', '.join(hit.categories)}]" if hit.categories else ""
        click.echo(f"\n{hit.symbol or hit.path}  {hit.label}  {hit.date or ''}{tags}\n  {hit.text}")


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
