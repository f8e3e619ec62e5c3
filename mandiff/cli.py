"""The ``mandiff`` command: argument handling and error mapping only; the work is in the library.

Exit status, as diff(1) does it: 0 success, 2 any error, 1 only when the user asked with ``--fail-on``
and it happened. Every library error becomes one line on stderr; a traceback is never shown
(set MANDIFF_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, MutableMapping

import click

from ._version import __version__
from .errors import MandiffError
from .limits import Limits
from .output import emit
from .render.outputs import choose_format, render
from .vocabulary import CHECK_FAIL_ON, DIFF_FAIL_ON, REWRITTEN_BY_DEFAULT

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


def _output_option(example: str = ""):
    """-o/--output FILE: where the result goes (``example`` names a file that gives another format)."""
    more = f"; {example}" if example else ""
    return click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
                        help=f"Write here instead of standard output{more}.")


def _progress_file():
    """Where progress bars go: the terminal, else nowhere. In a pipe or a log click prints each bar's
    label as a line, and an error would then not be the one line on stderr that scripts read."""
    if sys.stderr.isatty():
        return sys.stderr
    import io

    return io.StringIO()


def _echo(text: str, err: bool = False) -> None:
    """Print a line that holds document text or file names: never a control sequence for the terminal."""
    from .render.terminal import terminal_safe

    click.echo(terminal_safe(text), err=err)


def _warn(result) -> None:
    """Every warning of a result, one line each on stderr: never silent, never in the way of stdout."""
    for notice in getattr(result, "warnings", ()):
        _echo(f"mandiff: warning: {notice.message}", err=True)


def _rewritten_option(func):
    """--rewritten/--no-rewritten: link a dropped paragraph to a new one on the same subject."""
    return click.option("--rewritten/--no-rewritten", default=REWRITTEN_BY_DEFAULT, show_default=True,
                        help="Say 'rewritten' (lower confidence, with the shared subject words) when a new "
                             "paragraph on the same subject takes a dropped one's place, instead of dropped + new.")(func)


def _remember_limit(ctx: click.Context, param: click.Parameter, value):
    """A limit option that the commands do not take as an argument: ``_limits`` reads it from the context."""
    ctx.meta.setdefault("mandiff.limits", {})[param.name] = value
    return value


def _limits(max_bytes: int, max_pages: int, max_units: int, revisions: str = "accept") -> Limits:
    context = click.get_current_context(silent=True)
    more = context.meta.get("mandiff.limits", {}) if context else {}
    return Limits(max_bytes=max_bytes, max_pages=max_pages, max_units=max_units, revisions=revisions, **more)


def _revisions_option(func):
    """--revisions accept|reject: how a Word draft's tracked changes are read."""
    return click.option("--revisions", type=click.Choice(["accept", "reject"]), default=Limits().revisions,
                        show_default=True,
                        help="A Word draft's tracked changes: read as accepted, or as before them (reject).")(func)


class _LazyCommands(MutableMapping):
    """The commands of ``cli`` by name, each built the first time it is asked for.

    One process answers one question, and building every command's options and arguments at start-up
    (92 of them; each ``click.Path`` also calls gettext twice) cost each ``mandiff diff`` about 3 ms
    for nine commands it does not run. So each command is defined inside a function registered here, and
    that function runs when click first looks the name up. This is click's "lazily loading subcommands",
    done as the group's ``commands`` mapping rather than by overriding ``Group.get_command`` and
    ``list_commands``: click also reads ``commands`` itself (its "Did you mean 'diff'?" for a mistyped
    command takes the names from it), and so do callers such as ``cli.commands["fetch"]``. Its keys are
    every name, always, and building happens only when a value is read: ``mandiff diff`` builds ``diff``,
    a mistyped name builds nothing; ``mandiff --help`` builds them all (it shows each one's first line of
    help), and so does shell completion, of the names it offers.
    """

    def __init__(self) -> None:
        self._items: dict[str, click.Command | Callable[[], click.Command]] = {}

    def register(self, name: str):
        """Decorator: the decorated function builds (and returns) the command NAME."""

        def add(build: Callable[[], click.Command]) -> Callable[[], click.Command]:
            self._items[name] = build
            return build

        return add

    def built(self) -> list[str]:
        """The names of the commands built so far in this process."""
        return sorted(name for name, item in self._items.items() if isinstance(item, click.Command))

    def __getitem__(self, name: str) -> click.Command:
        item = self._items[name]
        if not isinstance(item, click.Command):
            item = self._items[name] = item()
        return item

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._items[name] = command

    def __delitem__(self, name: str) -> None:
        del self._items[name]

    def __contains__(self, name: object) -> bool:
        return name in self._items  # without building it (Mapping's own would)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


_COMMANDS = _LazyCommands()


@click.group(commands=_COMMANDS, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="mandiff")
def cli():
    """Compare UN Security Council resolutions and follow their Women, Peace and Security language.

    \b
    Typical use:
      mandiff parse S-RES-2480.pdf                 outline of the paragraphs (PP1.., OP28(c)(iii))
      mandiff tag S-RES-2480.pdf                   the WPS language, unit by unit
      mandiff diff OLD.pdf NEW.pdf -o report.html  what happened to every paragraph
      mandiff check asks.txt NEW.pdf --old OLD.pdf were the recommendations followed?

    -o FILE is replaced whole or not at all, keeps its permissions and is never one of the inputs; a
    symbolic link is followed (the file it points to is replaced); /dev/null and FIFOs are written to.
    """


@_COMMANDS.register("parse")
def _build_parse():
    @click.command("parse")
    @click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
                  help="text: an outline a person reads; json: the parse contract. Default: from -o, else text.")
    @_output_option()
    @_limits_options
    @_revisions_option
    def parse(file, fmt, out, max_bytes, max_pages, max_units, revisions):
        """Split a resolution into its labelled paragraphs (PP1.., OP1.., OP28(c)(iii), OP4-2, A:OP3).

        FILE is read by content, not by extension: PDF, DOCX, HTML, Akoma Ntoso XML or plain text;
        '-' reads standard input.
        """
        from .pipeline import parse_path

        fmt = choose_format("parse", fmt, out)  # a file name it cannot write is refused before any work
        resolution = parse_path(file, _limits(max_bytes, max_pages, max_units, revisions))
        _warn(resolution)
        emit(render("parse", resolution, fmt), out, inputs=(file,))

    return parse


@_COMMANDS.register("tag")
def _build_tag():
    @click.command("tag")
    @click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
                  help="text: the WPS units with their triggering words marked; json: the parse contract with tags. Default: from -o, else text.")
    @_output_option()
    @click.option("--lexicon", "lexicon_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                  help="A TOML lexicon whose rules are added to the shipped one (syntax: mandiff/data/lexicon_en.toml).")
    @click.option("--replace-lexicon", is_flag=True, help="Use only the rules of --lexicon FILE, not the shipped lexicon.")
    @click.option("--color/--no-color", default=None, help="Text output: highlight in colour (default: when writing to a terminal).")
    @_limits_options
    @_revisions_option
    def tag_command(file, fmt, out, lexicon_file, replace_lexicon, color, max_bytes, max_pages, max_units, revisions):
        """Find the WPS (gender) language of a resolution, unit by unit, with its category and the words that prove it.

        FILE is read by content, not by extension: PDF, DOCX, HTML, Akoma Ntoso XML or plain text;
        '-' reads standard input.

        \b
        Examples:
          mandiff tag S-RES-2480.pdf
          mandiff tag draft.docx --format json --lexicon our-terms.toml
        """
        from .lexicon import load_lexicon
        from .pipeline import parse_input
        from .tag import tag

        fmt = choose_format("tag", fmt, out)
        lexicon = load_lexicon(lexicon_file, replace=replace_lexicon)  # before parsing: a bad lexicon fails fast
        resolution = tag(parse_input(file, _limits(max_bytes, max_pages, max_units, revisions)), lexicon)
        _warn(resolution)
        options = {}
        if fmt == "text":
            options["color"] = color if color is not None else (out in (None, "-") and sys.stdout.isatty())
        emit(render("tag", resolution, fmt, **options), out, inputs=(file, lexicon_file))

    return tag_command


@_COMMANDS.register("diff")
def _build_diff():
    @click.command("diff")
    @click.argument("old", type=click.Path(dir_okay=True, allow_dash=True))
    @click.argument("new", type=click.Path(dir_okay=True, allow_dash=True))
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "csv", "html", "docx"]), default=None,
                  help="Default: from the -o file name (.html, .json, .md, .csv, .docx: a Word redline), else text.")
    @_output_option("report.html gives the HTML report")
    @click.option("--wps-only", is_flag=True, help="Text output: only units with WPS language.")
    @click.option("--lexicon", "lexicon_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                  help="A TOML lexicon added to the shipped one (see `mandiff tag --help`).")
    @click.option("--fail-on", type=click.Choice(DIFF_FAIL_ON), multiple=True,
                  help="Exit with status 1 when WPS language was dropped / weakened / changed in any way / lost terms.")
    @_rewritten_option
    @_limits_options
    @_revisions_option
    def diff(old, new, fmt, out, wps_only, lexicon_file, fail_on, rewritten, max_bytes, max_pages, max_units, revisions):
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
        from .pipeline import parse_input

        fmt = choose_format("diff", fmt, out)
        limits = _limits(max_bytes, max_pages, max_units, revisions)
        lexicon = None
        if lexicon_file:
            from .lexicon import load_lexicon

            lexicon = load_lexicon(lexicon_file)
        comparison = compare(parse_input(old, limits), parse_input(new, limits), lexicon, rewritten=rewritten)
        _warn(comparison)
        emit(render("diff", comparison, fmt, **({"wps_only": wps_only} if fmt == "text" else {})), out, inputs=(old, new, lexicon_file))
        if fail_on and comparison.failed(fail_on):
            sys.exit(1)

    return diff


@_COMMANDS.register("check")
def _build_check():
    @click.command("check")
    @click.argument("files", nargs=-1, required=True, metavar="[CHECKLIST] NEW",
                    type=click.Path(dir_okay=True, allow_dash=True))
    @click.option("--old", "old", default=None, metavar="OLD",
                  help="The resolution the checklist cites (file or symbol); it also confirms the labels of quoted excerpts.")
    @click.option("--all-wps", "all_wps", default=None, metavar="OLD",
                  help="Check every unit of OLD that carries WPS language, instead of a CHECKLIST file.")
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html", "docx"]), default=None,
                  help="Default: from the -o file name (.json, .md, .html, .docx: a Word redline), else text.")
    @_output_option()
    @click.option("--fail-on", type=click.Choice(CHECK_FAIL_ON), multiple=True,
                  help="Exit with status 1 when an ask was dropped / weakened or dropped / changed in any way / "
                       "a line of the checklist that looks like an ask was not understood (unread).")
    @_rewritten_option
    @_limits_options
    @_revisions_option
    def check_command(files, old, all_wps, fmt, out, fail_on, rewritten, max_bytes, max_pages, max_units, revisions):
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

        if all_wps:
            if len(files) != 1:
                raise click.UsageError("with --all-wps OLD, give only NEW")
            checklist, new = None, files[0]
        else:
            if len(files) != 2:
                raise click.UsageError("give CHECKLIST and NEW (or --all-wps OLD and NEW)")
            checklist, new = files
        fmt = choose_format("check", fmt, out)
        result = run_check(checklist, new, old_path=old, all_wps=all_wps, limits=_limits(max_bytes, max_pages, max_units, revisions),
                           rewritten=rewritten)
        _warn(result)
        emit(render("check", result, fmt), out, inputs=(*files, old, all_wps))
        if any(result.failed(f) for f in fail_on):
            sys.exit(1)

    return check_command


@_COMMANDS.register("chain")
def _build_chain():
    @click.command("chain")
    @click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=False))
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default=None,
                  help="Default: from the -o file name, else text.")
    @_output_option("chain.html gives the chain page")
    @click.option("--keep-order", is_flag=True,
                  help="Compare the texts in the order given, not in the order of their adoption (dates, else numbers).")
    @click.option("--keep-going", is_flag=True,
                  help="Skip a file that cannot be read, with a warning, as long as two can.")
    @_rewritten_option
    @_limits_options
    @_revisions_option
    def chain_command(files, fmt, out, keep_order, keep_going, rewritten, max_bytes, max_pages, max_units, revisions):
        """Follow every paragraph through a series of renewals, in the order they were adopted.

        Shows when a phrase first appeared, how it changed, when it vanished and when it came back.
        The texts are put in the order of their adoption dates (else their numbers), with a warning;
        --keep-order compares them in the order given.

        \b
        Example:
          mandiff chain 2100 2164 2227 2295 2364 2423 2480 -o minusma.html
        """
        from .lineage import chain
        from .errors import InputError
        from .model import Notice
        from .pipeline import parse_input
        from .render.terminal import terminal_safe

        if len(files) < 2:
            raise click.UsageError("give at least two resolutions")
        fmt = choose_format("chain", fmt, out)
        limits = _limits(max_bytes, max_pages, max_units, revisions)
        resolutions, skipped = [], []
        with click.progressbar(files, label="Reading", file=_progress_file(), show_pos=True,
                               item_show_func=lambda f: f and terminal_safe(os.path.basename(f))) as bar:
            for f in bar:
                try:
                    resolutions.append(parse_input(f, limits))
                except MandiffError as error:
                    if not keep_going:
                        raise
                    skipped.append(Notice("skipped", f"{error}; skipped"))
        if len(resolutions) < 2:
            for notice in skipped:
                _echo(f"mandiff: warning: {notice.message}", err=True)
            raise InputError(f"only {len(resolutions)} of the {len(files)} files could be read; a chain needs at least two")
        with click.progressbar(length=len(resolutions) - 1, label="Comparing", file=_progress_file(), show_pos=True) as bar:
            result = chain(resolutions, progress=lambda done: bar.update(1), keep_order=keep_order, warnings=skipped,
                           rewritten=rewritten)
        _warn(result)
        emit(render("chain", result, fmt), out, inputs=files)

    return chain_command


@_COMMANDS.register("revisions")
def _build_revisions():
    @click.command("revisions")
    @click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
                  help="text: one sentence per change; json: {\"changes\": [...]}. Default: from -o, else text.")
    @_output_option()
    @_limits_options
    def revisions_command(file, fmt, out, max_bytes, max_pages, max_units):
        """List a Word draft's own tracked changes by unit label and author, with the WPS language they touch.

        \b
        Example:
          mandiff revisions zero-draft.docx
          -> Delegation C proposes to delete 'full, equal and meaningful' in OP 3 [WPS: participation]
        """
        from .draft_changes import draft_changes

        fmt = choose_format("revisions", fmt, out)
        result = draft_changes(file, _limits(max_bytes, max_pages, max_units))
        emit(render("revisions", result, fmt), out, (file,))

    return revisions_command


class _SourcesHelpOption(click.Option):
    """--base-url, whose help lists the download sources: data, read only when the help is shown."""

    def get_help_record(self, ctx):
        from .sources import base_url_help

        self.help = base_url_help()
        return super().get_help_record(ctx)


@_COMMANDS.register("fetch")
def _build_fetch():
    @click.command("fetch")
    @click.argument("symbols", nargs=-1)
    @click.option("--chain", "chain_name", default=None, metavar="NAME",
                  help="Fetch every resolution of a mandate chain: MINUSMA, MONUSCO, UNMISS, MINUSCA or WPS.")
    @click.option("--lang", type=click.Choice(["en", "fr", "es", "ar", "ru", "zh"]), multiple=True, default=("en",),
                  show_default=True, help="Language version to download; repeat for several (--lang en --lang fr).")
    @click.option("--dest", type=click.Path(file_okay=False), default=None,
                  help="Also copy the PDFs into this folder (they always stay in the cache).")
    @click.option("--base-url", default=None, metavar="URL", cls=_SourcesHelpOption,
                  help="URL template to download from instead of the UN's sources.")
    @click.option("--refresh", is_flag=True,
                  help="Download again even when the cache has the file (it is replaced only by a file that passes the checks).")
    @click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                  help="Seconds to wait for each answer or read.")
    @click.option("--deadline", type=click.FloatRange(min=1.0), default=300.0, show_default=True,
                  help="Seconds after which one document is given up, all sources, retries and redirects included.")
    @click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries after a timeout or server error.")
    def fetch(symbols, chain_name, lang, dest, base_url, refresh, timeout, deadline, retries):
        """Download official resolution PDFs into the cache and print their paths.

        SYMBOL may be 2480, S/RES/2480(2019), "S/RES/2480 (2019)" or s/res/2480; a bare number takes its
        year from the registry. The UN's document sources are tried in turn until one gives a PDF with a
        text layer; cached files are not downloaded again (cache: $MANDIFF_CACHE_DIR, else the user cache
        directory). When the service refuses, the error names the page to open in a browser and the file
        to save the PDF as.

        \b
        Examples:
          mandiff fetch 2480 2531
          mandiff fetch 2480 --lang en --lang fr
          mandiff fetch --chain MINUSMA --dest minusma/
        """
        from .fetch import fetch as fetch_pdfs
        from .registry import chain

        wanted = list(symbols) + (list(chain(chain_name).symbols) if chain_name else [])
        if not wanted:
            raise click.UsageError("give at least one SYMBOL or --chain NAME")
        with click.progressbar(length=len(wanted) * len(set(lang)), label="Fetching", file=_progress_file()) as bar:
            paths = fetch_pdfs(wanted, lang=lang, dest=dest, base_url=base_url, timeout=timeout, retries=retries,
                               deadline=deadline, refresh=refresh,
                               progress=lambda event: bar.update(1) if event.done else None)
        for path in paths:
            click.echo(str(path))

    return fetch


@_COMMANDS.register("index")
def _build_index():
    @click.command("index")
    @click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True))
    @click.option("--db", type=click.Path(dir_okay=False), default=None,
                  help="Index file (default: $MANDIFF_DB, else index.sqlite in the user data directory).")
    @_limits_options
    def index(dirs, db, max_bytes, max_pages, max_units):
        """Parse and tag every resolution file under DIR into a searchable index.

        A second run re-reads only files that changed; files that cannot be parsed (or are over the
        --max-* limits, as for one file) are listed, not fatal. A database of another program is refused,
        untouched; a second run on the same index waits for the first.
        """
        from .index import build_index

        def waiting():
            _echo(f"mandiff: another `mandiff index` is updating {db or 'the index'}; waiting for it to finish", err=True)

        with click.progressbar(length=1, label="Indexing", file=_progress_file()) as bar:
            def progress(done, total, path):
                bar.length = total
                bar.update(1)

            stats = build_index(dirs, db, progress=progress, limits=_limits(max_bytes, max_pages, max_units), on_wait=waiting)
        for path, message in stats.failures:
            _echo(f"mandiff: warning: {path}: {message}", err=True)
        if stats.tag_error:
            click.echo(f"mandiff: warning: {stats.untagged} files indexed without WPS tags: {stats.tag_error}", err=True)
        click.echo(f"{stats.files} files: {stats.parsed} parsed, {stats.unchanged} unchanged, {stats.failed} failed; "
                   f"{stats.removed} removed from the index; {stats.documents} resolutions, {stats.units} units ({stats.seconds:.1f} s)")

    return index


@_COMMANDS.register("search")
def _build_search():
    @click.command("search")
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
        if result.index.warning():
            _echo(f"mandiff: warning: {result.index.warning()}", err=True)
        if fmt == "json":
            emit(dumps(result.to_json()), None)
            return
        corpus = f"the indexed corpus ({result.index.describe()})"
        if not result.hits:
            _echo(f"no unit contains {phrase!r} in {corpus}")
            return
        first = result.first_use
        _echo(f"{len(result)} units; first use in {corpus}: {first.symbol or first.path} {first.label} ({first.date or 'date unknown'})")
        for hit in result:
            tags = f" [{', '.join(hit.categories)}]" if hit.categories else ""
            _echo(f"\n{hit.symbol or hit.path}  {hit.label}  {hit.date or ''}{tags}\n  {hit.text}")

    return search


@_COMMANDS.register("serve")
def _build_serve():
    @click.command("serve")
    @click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on (0: any free one).")
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on. Anything but this machine's own (127.0.0.1, ::1) is warned about.")
    @click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
    @click.option("--spool", type=click.Path(file_okay=False), default=None, metavar="DIR",
                  help="Folder where uploads wait while they are read (default: $MANDIFF_SPOOL_DIR, else mandiff-serve-UID in the temporary folder).")
    @click.option("--max-request-bytes", type=click.IntRange(1), default=None,
                  help="Refuse a form larger than this (default: 3 x --max-bytes + 1 MiB).")
    @click.option("--workers", type=click.IntRange(1, 64), default=4, show_default=True, help="Comparisons run at once; more wait their turn.")
    @click.option("--db", type=click.Path(dir_okay=False), default=None,
                  help="Index for the Search page (default: $MANDIFF_DB, else index.sqlite in the user data directory).")
    @_limits_options
    def serve_command(port, host, open_browser, spool, max_request_bytes, workers, db, max_bytes, max_pages, max_units):
        """Run mandiff as a page in your browser: Compare, Check, Chain and Search, on this computer only.

        Files sent to it are read and forgotten: nothing is stored. Needs the 'serve' extra
        (pip install 'mandiff[serve]').

        \b
        Example:
          mandiff serve --open
        """
        from .serve import Settings, exposure_warning, start

        warning = exposure_warning(host)
        if warning:
            _echo(f"mandiff: warning: {warning}", err=True)
        settings = Settings(host=host, port=port, limits=_limits(max_bytes, max_pages, max_units), max_request_bytes=max_request_bytes,
                            spool=spool, workers=workers, db=db, open_browser=open_browser)
        start(settings, lambda line: click.echo(line))

    return serve_command


_collector_tuned = False


def _tune_collector() -> None:
    """One process a question, and the cyclic collector's work in it is waste: mandiff's objects are
    freed by reference counting. With Python's default (a pass every 700 new objects) a diff of two 3-page
    texts ran the collector some 50 times, 5 to 8 % of the command's time; a pass every 50,000 keeps long
    runs (an index of the corpus, ``serve``) bounded all the same. And at exit Python runs one last full
    collection over every object the command made, which cost that diff 20 to 30 ms more: the objects
    still alive then are frozen first (``gc.freeze``, at exit only, so that a program calling ``main``
    again and again keeps its collector), and the process ends without walking them."""
    global _collector_tuned
    import gc

    first, *older = gc.get_threshold()
    if 0 < first < 50_000:  # 0: collection turned off by the embedding program, left so
        gc.set_threshold(50_000, *older)
    if not _collector_tuned:
        import atexit

        atexit.register(gc.freeze)
        _collector_tuned = True


def main(argv=None) -> None:
    """Entry point: run the click group and turn every failure into one line and exit status 2."""
    _tune_collector()
    try:
        cli.main(args=argv, prog_name="mandiff", standalone_mode=False)
    except MandiffError as exc:
        _echo(f"mandiff: error: {exc}", err=True)  # names a file, and may quote it
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


_exit_status: int | None = None  # what ``run`` ends the process with, once ``main`` has returned it


def run() -> None:
    """The ``mandiff`` command (the console script and ``python -m mandiff``): ``main``, then the process
    ends without tearing the interpreter down.

    A command has written and closed everything by the time ``main`` returns, yet Python's finalization
    would still free every object and module one by one: 6-17 ms of a 3-page ``diff`` (min and median of
    31 runs), for nothing. So ``_end_now`` runs as the last exit handler (registered first, and only when
    no other was registered before it, so that every handler still runs: the collector's freeze, a
    library's temporary folders), flushes the standard streams and ends the process with ``main``'s
    status. Anything unusual (another
    handler registered earlier, coverage measuring the process, an exit status that is not a number, a
    stream that cannot be flushed) leaves Python's own ending in place."""
    global _exit_status
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    if count is not None and count() == 0 and "coverage" not in sys.modules:
        atexit.register(_end_now)
    try:
        main()
    except SystemExit as exc:
        if exc.code is None or type(exc.code) is int:
            _exit_status = exc.code or 0
        raise


def _end_now() -> None:
    status = _exit_status
    if status is None:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # a closed pipe, a full disk: Python's ending reports it as it always has
        return
    os._exit(status)
