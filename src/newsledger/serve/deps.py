"""FastAPI dependencies: the ledger, who is asking, whether they may read or decide; errors as JSON.

A request is made by a reviewer when it carries HTTP Basic credentials of a
stored user (scripts) or the session cookie of one who logged in (pages).
Reading is open to anyone unless the server was started with anonymous
reading off. Writes need a reviewer; one authenticated by the session cookie
must also send the session's CSRF token (``X-CSRF-Token``), which no other
site can read.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from fastapi import Depends, Request

from newsledger.ledger import Ledger
from newsledger.serve.accounts import User, authenticate, find_user
from newsledger.serve.security import CSRF_HEADER, csrf_ok


class ApiError(Exception):
    """An error the API answers as ``{"error": message, "status": status}``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Caller:
    """Who made a request, and how: ``"basic"``, ``"session"`` or None (anonymous)."""

    user: User | None
    via: str | None


BASIC_CHALLENGE = {"WWW-Authenticate": 'Basic realm="newsledger", charset="UTF-8"'}


def get_ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def caller(request: Request) -> Caller:
    """The user behind the request (see the module docstring).

    Raises:
        ApiError: 401 for HTTP Basic credentials that are malformed or wrong.
    """
    header = request.headers.get("authorization", "")
    if header[:6].lower() == "basic ":
        try:
            name, _, password = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise ApiError(401, "malformed Basic credentials: send base64 of name:password.", BASIC_CHALLENGE) from None
        user = authenticate(request.app.state.store, name, password)
        if user is None:
            raise ApiError(401, "wrong user name or password.", BASIC_CHALLENGE)
        return Caller(user, "basic")
    name = request.session.get("user") if "session" in request.scope else None
    user = find_user(request.app.state.store, name) if name else None
    return Caller(user, "session" if user else None)


def reader(request: Request, who: Caller = Depends(caller)) -> Caller:
    """Anyone when anonymous reading is on; otherwise a logged-in user (401 without one)."""
    if who.user is None and not request.app.state.anonymous_read:
        raise ApiError(401, "this ledger is not open to anonymous readers: log in or send Basic credentials.",
                       BASIC_CHALLENGE)
    return who


def reviewer(request: Request, who: Caller = Depends(caller)) -> User:
    """A reviewer, with the CSRF token when authenticated by the session cookie.

    Raises:
        ApiError: 401 without credentials, 403 for a missing or wrong CSRF token or a user who may not decide.
    """
    if who.user is None:
        raise ApiError(401, "decisions need a reviewer: log in, or send Basic credentials.", BASIC_CHALLENGE)
    if who.via == "session" and not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise ApiError(403, f"a write with the session cookie needs the session's {CSRF_HEADER} header.")
    if not who.user.may_decide:
        raise ApiError(403, f"{who.user.name} may not make decisions.")
    return who.user


__all__ = ["ApiError", "BASIC_CHALLENGE", "Caller", "caller", "get_ledger", "reader", "reviewer"]
