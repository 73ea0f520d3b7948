"""Reviewers: who may merge, split and correct incidents on the web, and the server's signing key.

``newsledger users add NAME`` stores a person with a role (``reviewer`` or
``admin``; both may make decisions, an admin is also who runs the server) and
the Argon2id hash of their password (argon2-cffi's defaults, the OWASP
recommendation); the password itself is never stored. :func:`authenticate`
checks a name and password, spending the same hashing work when the name is
unknown so that timing does not tell which names exist. The key that signs
session cookies is made once per database with :mod:`secrets` and kept in
``server_secrets``.
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from newsledger.errors import LedgerError, StoreUnavailableError
from newsledger.store import Store
from newsledger.store.models import ServerSecretRow, UserRow, utc_now

LOGGER = logging.getLogger(__name__)

ROLES = ("reviewer", "admin")
MIN_PASSWORD = 8
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()
# Hashed once, so an unknown name costs the same work as a known one.
_DUMMY_HASH = _HASHER.hash("not a password anyone has")


@dataclass(frozen=True)
class User:
    """A logged-in person: name and role."""

    name: str
    role: str

    @property
    def may_decide(self) -> bool:
        return self.role in ROLES


def add_user(store: Store, name: str, password: str, role: str = "reviewer") -> User:
    """Store a new person (or give an existing one a new password and role).

    Raises:
        LedgerError: a name, role or password that cannot be used.
    """
    if not _NAME.match(name):
        raise LedgerError(
            f"user name {name!r}: use 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit."
        )
    if role not in ROLES:
        raise LedgerError(f"role {role!r}: use one of {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise LedgerError(f"the password is too short: use at least {MIN_PASSWORD} characters.")
    hashed = _HASHER.hash(password)
    with store.transaction("store the user", names=[f"user:{name}"]) as session:
        row = session.get(UserRow, name)
        if row is None:
            session.add(UserRow(name=name, role=role, password_hash=hashed, created_at=utc_now()))
        else:
            row.role, row.password_hash = role, hashed
    return User(name, role)


def list_users(store: Store) -> list[User]:
    with store.reading("read the users") as session:
        return [User(r.name, r.role) for r in session.scalars(select(UserRow).order_by(UserRow.name))]


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user if the password is theirs, else None."""
    with store.reading("check a password") as session:
        row = session.get(UserRow, name) if name else None
        stored = row.password_hash if row is not None else _DUMMY_HASH
        role = row.role if row is not None else None
    try:
        _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return User(name, role) if role is not None else None


def find_user(store: Store, name: str) -> User | None:
    """The user of that name (a session names one), or None if no longer stored."""
    with store.reading("read a user") as session:
        row = session.get(UserRow, name)
        return User(row.name, row.role) if row is not None else None


def session_key(store: Store) -> str:
    """The key signing session cookies: made on first use, then read back (every process shares it)."""
    with store.reading("read the server's key") as session:
        row = session.get(ServerSecretRow, "session_key")
        if row is not None:
            return row.value
    try:
        with store.transaction("keep the server's key", names=["server:session_key"]) as session:
            row = session.get(ServerSecretRow, "session_key")
            if row is None:
                row = ServerSecretRow(name="session_key", value=secrets.token_urlsafe(48))
                session.add(row)
            return row.value
    except StoreUnavailableError as exc:
        # A read-only ledger is still served: logins then last until the server stops.
        LOGGER.warning("sessions will not outlive this server: %s", exc)
        return secrets.token_urlsafe(48)


__all__ = ["MIN_PASSWORD", "ROLES", "User", "add_user", "authenticate", "find_user", "list_users", "session_key"]
