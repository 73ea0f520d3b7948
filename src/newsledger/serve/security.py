"""What keeps the server safe with untrusted article text in it: headers, CSRF tokens.

Article text, titles, outlets and URLs are whatever a publisher (or an
attacker posing as one) wrote. Pages escape them (Jinja2's autoescape; no
template marks anything from an article safe), and every response carries a
Content-Security-Policy that allows scripts and styles from this server only:
no inline script, no ``javascript:`` URL, no event-handler attribute can run
even if markup slipped through. Frames, plug-ins and foreign form targets are
refused too.

Forms that change the ledger carry a CSRF token tied to the session
(:func:`csrf_token`), and API writes made with the session cookie carry it in
the ``X-CSRF-Token`` header; a write authenticated with HTTP Basic needs none,
since no browser sends those credentials on its own.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds :data:`HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)

    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


def csrf_ok(request: Request, given: str | None) -> bool:
    """Whether ``given`` is this session's token (compared in constant time)."""
    expected = request.session.get(CSRF_FIELD)
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


__all__ = ["CONTENT_SECURITY_POLICY", "CSRF_FIELD", "CSRF_HEADER", "HEADERS", "SecurityHeaders", "csrf_ok", "csrf_token"]
