"""The ``newsledger`` command group: its help, ``--version``, ``--verbose`` and one-line logging.

Log records are one line each on stderr (tracebacks only with ``--verbose`` or
``NEWSLEDGER_DEBUG=1``), so per-document failures show in the summary lines
the commands print, not as driver tracebacks.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

import newsledger
from newsledger.cli.common import debugging
from newsledger.cli.terminal import out_console, printable

class _Group(TyperGroup):
    """The command group; its help shows ``--help`` as a plain flag, not ``<bool>``."""

    def get_help_option(self, ctx):
        return _plain_flag(super().get_help_option(ctx))

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            # The command caches its help option: making it plain once lasts.
            _plain_flag(command.get_help_option(ctx))
        return command


def _plain_flag(option):
    if option is not None:
        option.metavar = ""
    return option


app = typer.Typer(
    cls=_Group,
    help="Turn news reports into a sourced ledger: what happened, where, when, who says so.",
    no_args_is_help=True,
    add_completion=False,
)


class _OneLineFormatter(logging.Formatter):
    """``level: message (ExceptionType: what)`` on one line; the traceback only when asked for."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__()
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        line = printable(f"{record.levelname.lower()}: {record.getMessage()}")
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None:
            return line
        if self.tracebacks:
            return line + "\n" + printable(self.formatException(record.exc_info), keep="\n")
        return line + printable(f" ({type(exc).__name__}: {exc})")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (a test runner swaps it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(verbose: bool = False) -> None:
    """One handler on the root logger: warnings and errors, one line each, unless verbose or debugging."""
    tracebacks = verbose or debugging()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    handler.setFormatter(_OneLineFormatter(tracebacks))
    root.addHandler(handler)
    logging.getLogger("newsledger").setLevel(logging.INFO if verbose else logging.WARNING)


def _show_version(value: bool) -> None:
    if value:
        out_console().print(f"newsledger {newsledger.__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_show_version, is_eager=True,
                           metavar="")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress, and tracebacks with failures.", metavar="")
    ] = False,
) -> None:
    """Turn news reports into a sourced ledger: what happened, where, when, who says so."""
    configure_logging(verbose)
