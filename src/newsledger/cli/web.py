"""The web commands: ``serve`` (the API and pages on uvicorn) and ``users add`` / ``users list``."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from newsledger.cli.common import _user_errors, open_ledger
from newsledger.cli.main import _Group, app
from newsledger.cli.options import DbOpt
from newsledger.cli.terminal import out_console, printable
from newsledger.errors import NewsledgerError

users_app = typer.Typer(cls=_Group, help="Reviewers who may merge, split and correct incidents on the web.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; another than 127.0.0.1 opens the "
                                      "server to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    anonymous: Annotated[bool, typer.Option("--anonymous/--no-anonymous", metavar="",
                                            help="Let anyone read the ledger without logging in.")] = True,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies/--no-secure-cookies", metavar="",
        help="Send the login cookie over HTTPS only (default: on unless listening on localhost; "
             "behind an HTTPS proxy, keep it on).")] = None,
) -> None:
    """Serve the ledger: the HTTP API (/api/v1) and the pages, offline (nothing comes from the internet)."""
    with _user_errors():
        import uvicorn

        from newsledger.serve.app import ServeOptions, create_app

        ledger = open_ledger(db)
        secure = (not _loopback(host)) if secure_cookies is None else secure_cookies
        application = create_app(ledger.store, ServeOptions(anonymous_read=anonymous, secure_cookies=secure))
        out_console().print(f"newsledger: serving http://{printable(host)}:{port}/ (Ctrl+C stops)", highlight=False)
        uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The reviewer's user name.")],
    role: Annotated[str, typer.Option("--role", help="reviewer or admin.")] = "reviewer",
    db: DbOpt = None,
    password: Annotated[str, typer.Option(
        "--password", prompt=True, hide_input=True, confirmation_prompt=True,
        envvar="NEWSLEDGER_PASSWORD", help="Asked for when not given (or set NEWSLEDGER_PASSWORD for scripts).",
    )] = ...,
) -> None:
    """Add a reviewer (or give one a new password or role); the password is asked for and stored hashed."""
    with _user_errors():
        from newsledger.serve.accounts import add_user

        user = add_user(open_ledger(db).store, name, password, role)
        out_console().print(f"{printable(user.name)} may log in as {user.role}", highlight=False)


@users_app.command("list")
def users_list(db: DbOpt = None) -> None:
    """List the reviewers and their roles."""
    with _user_errors():
        from newsledger.serve.accounts import list_users

        users = list_users(open_ledger(db).store)
        if not users:
            raise NewsledgerError("no users yet: add one with `newsledger users add NAME`")
        for user in users:
            out_console().print(f"{printable(user.name)}\t{user.role}", highlight=False)
