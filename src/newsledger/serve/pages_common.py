"""What every page shares: the templates, who is reading, the login redirect, the error page.

Templates are Jinja2 with autoescape on for every file, and the
:func:`~newsledger.serve.render.visible` filter for text from articles; no
template marks anything safe. :class:`PageRoute` is the route class of every
page router: it turns :class:`LoginNeeded` (raised by :func:`viewer` when the
server does not let anonymous people read) into a redirect to ``/login`` that
comes back to the page, which FastAPI's exception handlers could not do
without the app knowing about pages.
"""

from __future__ import annotations

import logging
from html import escape
from http import HTTPStatus
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates

from newsledger.serve.accounts import User, find_user
from newsledger.serve.deps import Caller, caller
from newsledger.serve.render import (
    article_path,
    dates_text,
    deaths_text,
    incident_path,
    place_text,
    range_text,
    stamp,
    visible,
    web_url,
    with_query,
)
from newsledger.serve.security import CSRF_FIELD, HEADERS, csrf_token

LOGGER = logging.getLogger(__name__)

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(visible=visible, web_url=web_url, range_text=range_text, stamp=stamp)
_ENV.globals.update(with_query=with_query, dates_text=dates_text, deaths_text=deaths_text, place_text=place_text,
                    incident_path=incident_path, article_path=article_path, CSRF_FIELD=CSRF_FIELD)
TEMPLATES = Jinja2Templates(env=_ENV)


class LoginNeeded(Exception):
    """The page needs a logged-in person; ``target`` is where to come back after logging in."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class PageRoute(APIRoute):
    """A page's route: a :class:`LoginNeeded` from it or its dependencies becomes a redirect to the login page."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginNeeded as exc:
                return RedirectResponse(with_query("/login", {"next": exc.target}), status_code=303)

        return page_handler


def here(request: Request) -> str:
    """The local path and query of the request (where a login comes back to)."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def viewer(request: Request) -> Caller:
    """Who is reading; anonymous people are sent to log in when the server is not open to them."""
    who = caller(request)
    if who.user is None and not request.app.state.anonymous_read:
        raise LoginNeeded(here(request))
    return who


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this server ("/incidents/x"), never another site ("//evil", "https://...")."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return None
    return target


def page(request: Request, template: str, who: Caller | None, status: int = 200, **context: Any) -> Response:
    """A page from ``template``, with the layout's needs (the user, the logout form's token) filled in."""
    user = who.user if who else None
    context = {
        "user": user,
        "csrf": csrf_token(request) if user is not None else None,
        "section": None,
        "error": None,
        **context,
    }
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)


def _quiet_user(request: Request) -> User | None:
    """The logged-in user for an error page, or None when even that cannot be read (a broken store)."""
    try:
        if "session" not in request.scope:
            return None
        name = request.session.get("user")
        return find_user(request.app.state.store, name) if name else None
    except Exception:  # noqa: BLE001 - the error page must render whatever went wrong
        return None


def error_page(request: Request, status: int, message: str) -> Response:
    """A page saying what went wrong, with the HTTP ``status``."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    try:
        user = _quiet_user(request)
        context = {"user": user, "csrf": csrf_token(request) if user else None, "section": None, "error": None,
                   "status": status, "phrase": phrase, "message": message}
        response = TEMPLATES.TemplateResponse(request, "error.html", context, status_code=status)
    except Exception:  # noqa: BLE001 - the template or session failed: a bare page still answers
        LOGGER.exception("could not render the error page")
        body = (f"<!doctype html><html lang=\"en\"><title>{status} {escape(phrase)}</title>"
                f"<h1>{status} {escape(phrase)}</h1><p>{escape(visible(message))}</p></html>")
        response = HTMLResponse(body, status_code=status)
    # Errors answered outside the headers middleware (a crash) still carry the policy.
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


__all__ = ["LoginNeeded", "PageRoute", "TEMPLATES", "error_page", "here", "local_path", "page", "viewer"]
