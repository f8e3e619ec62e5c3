"""The pages of ``mandiff serve`` (Starlette): a form per command, the report with its downloads.

Each POST is read into a ``Spool`` (removed in a ``finally``, whatever happens), checked for this
server's CSRF token, and handed to a job of ``jobs.py`` in a worker thread (a ``CapacityLimiter`` of
``--workers``), so that a long comparison never holds up another request. A ``MandiffError`` comes
back as the form again, filled in as it was sent, with the message and the file that was refused.

The result page shows the report in a sandboxed frame (``srcdoc``: the CLI's HTML, byte for byte,
under its own policy) and offers every output as a ``data:`` download: the server keeps nothing
to fetch later.
"""

from __future__ import annotations

import base64
import functools
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError, MandiffError
from ..ingest import Upload, check_size
from ..limits import Limits
from ..model import Notice
from ..render.templating import asset, render
from . import jobs
from .guard import Guard, Tokens, allowed_hosts
from .spool import THRESHOLD, Bounds, Form, Refused, Spool, SpooledFile, read_form

log = logging.getLogger("mandiff.serve")
PAGES = ("compare", "check", "chain", "search")
# the text fields and choices of each form: what is put back when the form comes back with an error
_KEPT = {"compare": ("old_symbol", "new_symbol", "revisions"),
         "check": ("checklist_text", "new_symbol", "old_symbol", "all_wps", "revisions"),
         "chain": ("symbols", "keep_order", "revisions"), "search": ("phrase", "wps_only")}
_REVISIONS = ("accept", "reject")  # how a Word draft's tracked changes are read (the CLI's --revisions)
_TITLES = {"compare": "Compare two resolutions", "check": "Check recommendations", "chain": "Follow a mandate",
           "search": "Find agreed language"}
_PASTED = "-"  # the name of a pasted checklist: the CLI's name for standard input, so the reports match
_SESSION = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


@dataclass(frozen=True)
class AppSettings:
    """What a running app needs (``serve.Settings`` plus where it listens and spools)."""

    limits: Limits
    max_request: int
    root: Path
    port: int
    host: str = "127.0.0.1"
    workers: int = 4
    db: str | None = None
    threshold: int = THRESHOLD
    upload_timeout: float = 300.0


class App:
    def __init__(self, settings: AppSettings):
        self.settings = settings
        self.tokens = Tokens(settings.port)
        self.bounds = Bounds(settings.max_request, settings.limits.max_bytes, frozenset({"checklist_text"}))
        self._limiter = None

    # ---- pages ----------------------------------------------------------------------------------------

    def _session(self, request: Request) -> tuple[str, bool]:
        session = request.cookies.get(self.tokens.cookie, "")
        if _SESSION.match(session):
            return session, False
        return Tokens.new_session(), True

    def _page(self, request: Request, template: str, status: int = 200, scripts: tuple[str, ...] = (),
              styles: tuple[str, ...] = (), **context) -> Response:
        session, new = self._session(request)
        css, own_css, own_js = asset("report.css"), asset("serve.css"), asset("serve.js")
        html = render(template, css=css, serve_css=own_css, serve_js=own_js, csrf=self.tokens.token(session),
                      limits={"max_bytes": self.settings.limits.max_bytes, "max_request": self.settings.max_request},
                      **context)
        script_src = " ".join(dict.fromkeys((own_js.csp, *scripts)))
        style_src = " ".join(dict.fromkeys((css.csp, own_css.csp, *styles)))
        csp = (f"default-src 'none'; style-src {style_src}; script-src {script_src}; img-src data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        response = HTMLResponse(html, status_code=status, headers={"content-security-policy": csp})
        if new:
            response.set_cookie(self.tokens.cookie, session, httponly=True, samesite="strict", path="/")
        return response

    def form_page(self, request: Request, page: str, form: dict | None = None, status: int = 200, error: str | None = None,
                  rejected: tuple[SpooledFile, ...] = (), warnings=(), **extra) -> Response:
        extra.setdefault("index_exists", True)
        extra.setdefault("found", None)
        if page == "search":
            extra.update(self._index_facts())
        return self._page(request, f"serve_{page}.html.j2", status, page=page, title=_TITLES[page], form=form or {},
                          error=error, rejected=[f.name for f in rejected],
                          rejected_fields={f.field for f in rejected}, warnings=tuple(warnings), **extra)

    def _index_facts(self) -> dict:
        from ..index import default_db_path

        db = Path(self.settings.db) if self.settings.db else default_db_path()
        return {"db": str(db), "index_exists": db.is_file()}

    def refused(self, request: Request, page: str, refusal: Refused) -> Response:
        titles = {400: "Not understood", 403: "Refused", 408: "Too slow", 413: "Too large"}
        response = self._page(request, "serve_refused.html.j2", refusal.status, page=page,
                              title=titles.get(refusal.status, "Refused"), message=refusal.message, warnings=())
        response.headers["connection"] = "close"  # the rest of the body is not read: the connection ends here
        return response

    # ---- requests -------------------------------------------------------------------------------------

    async def get(self, request: Request) -> Response:
        return self.form_page(request, request.url.path.strip("/"))

    async def post(self, request: Request) -> Response:
        page = request.url.path.strip("/")
        spool = Spool(self.settings.root, self.settings.threshold)
        session = request.cookies.get(self.tokens.cookie)
        try:
            try:
                with anyio.fail_after(self.settings.upload_timeout):
                    form = await read_form(request.headers, request.stream(), spool, self.bounds,
                                           lambda token: self.tokens.valid(session, token))
            except Refused as refusal:
                return self.refused(request, page, refusal)
            except TimeoutError:
                return self.refused(request, page, Refused(408, "the form took too long to arrive"))
            except ClientDisconnect:
                return Response(status_code=400)  # no one is left to read it
            return await self._answer(request, page, form)
        finally:
            spool.remove()

    async def _answer(self, request: Request, page: str, form: Form) -> Response:
        kept = {name: form.value(name) for name in _KEPT[page]}
        work = {"compare": self._compare, "check": self._check, "chain": self._chain, "search": self._search}[page]
        try:
            outcome = await self._in_thread(functools.partial(work, form))
        except MandiffError as exc:
            rejected = tuple(f for f in form.files if exc.source is not None and f.name == exc.source)
            return self.form_page(request, page, kept, 422, error=_message(exc), rejected=rejected)
        except Exception as exc:  # a bug: one line on the form, the details on the server's stderr
            log.exception("internal error")
            return self.form_page(request, page, kept, 500, error=f"internal error: {type(exc).__name__}: {exc}")
        if page == "search":
            return self._search_page(request, kept, outcome)
        links = [(d, _data_url(d)) for d in outcome.downloads]
        return self._page(request, "serve_result.html.j2", page=page, title=outcome.title, report=outcome, links=links,
                          warnings=outcome.warnings, body_class="result", scripts=_hashes(outcome.html, "script-src"),
                          styles=_hashes(outcome.html, "style-src"))

    def _search_page(self, request: Request, kept: dict, found: jobs.Found) -> Response:
        result = found.result
        hits = [{"where": f"{h.symbol or os.path.basename(h.path)} {_pretty(h.label)}", "date": h.date, "wps": h.wps,
                 "categories": h.categories, "text": h.text} for h in result.hits]
        warning = result.index.warning() if result.index else None
        return self.form_page(request, "search", kept, found=found, hits=hits, links=[(found.json, _data_url(found.json))],
                              warnings=(Notice("index", warning),) if warning else ())

    async def _in_thread(self, work):
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.workers)
        return await anyio.to_thread.run_sync(work, limiter=self._limiter)

    # ---- the work of each form (in a worker thread) ----------------------------------------------------

    def _upload(self, f: SpooledFile) -> Upload:
        check_size(f.size, f.name, self.settings.limits)  # a file over the limit was counted, not kept
        return Upload(f.read(), f.name)

    def _limits(self, form: Form) -> Limits:
        """The server's limits, with the form's choice of reading for tracked changes."""
        chosen = form.value("revisions") or self.settings.limits.revisions
        if chosen not in _REVISIONS:
            raise InputError(f"tracked changes are read as 'accept' or 'reject', not {chosen!r}")
        return self.settings.limits._replace(revisions=chosen)

    def _one_upload(self, form: Form, field: str) -> Upload | None:
        files = form.files_of(field)
        return self._upload(files[0]) if files else None

    def _compare(self, form: Form) -> jobs.Report:
        if form.value("example"):
            return jobs.compare_job(*jobs.example_pair(), None, self._limits(form))
        old = jobs.one_input(self._one_upload(form, "old_file"), form.value("old_symbol"), "OLD")
        new = jobs.one_input(self._one_upload(form, "new_file"), form.value("new_symbol"), "NEW")
        return jobs.compare_job(old, new, self._one_upload(form, "lexicon"), self._limits(form))

    def _check(self, form: Form) -> jobs.Report:
        pasted = form.value("checklist_text").replace("\r\n", "\n")  # a browser sends a text area's lines with CRLF
        given = self._one_upload(form, "checklist_file")
        all_wps = bool(form.value("all_wps"))
        if given is not None and pasted.strip():
            raise InputError("give the recommendations as a file or pasted, not both", source="Checklist")
        checklist = given or (Upload(pasted.encode("utf-8"), _PASTED) if pasted.strip() else None)
        if checklist is not None and all_wps:
            raise InputError("give recommendations, or tick 'every unit of OLD that carries WPS language', not both",
                             source="Checklist")
        if checklist is None and not all_wps:
            raise InputError("choose the file of recommendations, paste them, or tick 'every unit of OLD that "
                             "carries WPS language'", source="Checklist")
        new = jobs.one_input(self._one_upload(form, "new_file"), form.value("new_symbol"), "NEW")
        old = jobs.one_input(self._one_upload(form, "old_file"), form.value("old_symbol"), "OLD", required=False)
        return jobs.check_job(checklist, new, old, all_wps, self._limits(form))

    def _chain(self, form: Form) -> jobs.Report:
        sources: list[Upload | str] = [self._upload(f) for f in form.files_of("files")]
        sources += [jobs.symbol_input(s, "Chain") for s in jobs.symbols_in(form.value("symbols"))]
        return jobs.chain_job(sources, bool(form.value("keep_order")), self._limits(form))

    def _search(self, form: Form) -> jobs.Found:
        return jobs.search_job(form.value("phrase"), self.settings.db, bool(form.value("wps_only")))


def _message(exc: MandiffError) -> str:
    if exc.source == _PASTED:
        return f"the pasted recommendations: {exc.message}"
    return str(exc)


_REPORT_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _hashes(report: str, directive: str) -> tuple[str, ...]:
    """The hashes the report's own policy allows for ``directive``: its frame (``srcdoc``) inherits the
    page's policy, so the page must allow them too. Only hashes: never a keyword such as 'unsafe-inline'."""
    found = _REPORT_POLICY.search(report)
    for part in (found.group(1) if found else "").split(";"):
        words = part.split()
        if words[:1] == [directive]:
            return tuple(src for src in words[1:] if re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", src))
    return ()


def _pretty(label: str) -> str:
    from ..grammar.labels import pretty

    return pretty(label)


def _data_url(download: jobs.Download) -> str:
    kind = download.content_type.replace(" ", "")
    return f"data:{kind};base64,{base64.b64encode(download.data).decode('ascii')}"


def build(settings: AppSettings):
    """The ASGI application: the Host check and the security headers around the pages."""
    app = App(settings)

    async def home(request: Request) -> Response:
        return RedirectResponse("/compare", status_code=303)

    routes = [Route("/", home, methods=["GET"])]
    for page in PAGES:
        routes.append(Route(f"/{page}", app.get, methods=["GET"]))
        routes.append(Route(f"/{page}", app.post, methods=["POST"]))
    starlette = Starlette(routes=routes)
    return Guard(starlette, allowed_hosts(settings.host, settings.port))

