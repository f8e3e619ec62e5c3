"""What keeps a local server safe from the other web pages the same browser opens.

- The Host header must name this server as the user reached it (127.0.0.1, localhost or [::1], with
  the port): a page of evil.example whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends
  ``Host: evil.example`` and is refused before anything else happens.
- Every form carries a CSRF token: an HMAC, under a secret that lives only in this process, of a
  random cookie (SameSite=Strict, HttpOnly). Another site can make the browser post to us, but it can
  neither read our page to learn the token nor set our cookie. A cross-site Origin or Sec-Fetch-Site is
  refused as well.
- Every answer carries a strict Content-Security-Policy (pages set their own, with the hashes of their
  inlined style and script; anything else gets ``default-src 'none'``), no framing, no sniffing, no
  referrer and no caching.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
STRICT_CSP = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # our forms send their Origin; nothing leaves with a referrer
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers this server answers: the loopback names with its port, and the address it
    was told to listen on when that is one address (not 0.0.0.0 or ::, which stand for every one)."""
    names = set(LOOPBACK_NAMES)
    if host not in ("0.0.0.0", "::", ""):
        names.add(f"[{host}]" if ":" in host else host)
    with_port = {f"{n}:{port}" for n in names}
    return frozenset(with_port | (names if port == 80 else set()))


class Tokens:
    """CSRF tokens bound to a per-browser cookie and to this process (a restart makes old forms stale)."""

    def __init__(self, port: int):
        self._secret = secrets.token_bytes(32)
        self.cookie = f"mandiff_session_{port}"  # cookies ignore ports: two servers must not share one

    @staticmethod
    def new_session() -> str:
        return secrets.token_urlsafe(32)

    def token(self, session: str) -> str:
        return hmac.new(self._secret, session.encode("utf-8"), hashlib.sha256).hexdigest()

    def valid(self, session: str | None, token: str) -> bool:
        return bool(session) and hmac.compare_digest(self.token(session), token)


class Guard:
    """ASGI middleware: the Host check before anything, then the security headers on every answer."""

    def __init__(self, app, hosts: frozenset[str]):
        self.app = app
        self.hosts = hosts
        self.origins = frozenset(f"http://{h}" for h in hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if host not in self.hosts:
            return await _plain(send, 400, "mandiff serve answers only to the address it was opened at "
                                            f"(http://{sorted(self.hosts)[0]}/): this request named {host or 'no host'}.")
        if scope["method"] not in ("GET", "HEAD") and not self._same_site(headers):
            return await _plain(send, 403, "refused: the form was sent from another site")

        async def send_secured(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in _HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", STRICT_CSP.encode("ascii")))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_secured)

    def _same_site(self, headers: dict) -> bool:
        origin = headers.get(b"origin")
        if origin is not None and origin.decode("latin-1").lower() not in self.origins:
            return False
        return headers.get(b"sec-fetch-site", b"same-origin") in (b"same-origin", b"none")


async def _plain(send, status: int, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode("ascii")),
        (b"connection", b"close"), (b"content-security-policy", STRICT_CSP.encode("ascii")), *_HEADERS]})
    await send({"type": "http.response.body", "body": body})
