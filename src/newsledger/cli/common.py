"""What every command does the same way: settings, errors as one line, output files, progress.

Errors a user can fix (:class:`~newsledger.errors.NewsledgerError`, a bad path
or setting) are printed as one line and exit with status 2, never as a
traceback; an unexpected exception is one "internal error" line and exit status
70 (``NEWSLEDGER_DEBUG=1`` shows its traceback).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import IO

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsledger.cli.terminal import err, markup_safe
from newsledger.config import Settings, load_settings
from newsledger.errors import NewsledgerError

LOGGER = logging.getLogger(__name__)

# Exit statuses: 1 nothing could be read, 2 an error the user can fix, 70 a bug (sysexits' EX_SOFTWARE).
USER_ERROR = 2
INTERNAL_ERROR = 70


def debugging() -> bool:
    """Whether ``NEWSLEDGER_DEBUG`` asks for tracebacks."""
    return os.environ.get("NEWSLEDGER_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def _settings(model: str | None = None, db: str | None = None, extractors: str | None = None) -> Settings:
    explicit = {k: v for k, v in {"spacy_model": model, "db": db, "extractors": extractors}.items() if v is not None}
    return load_settings(**explicit)


def _defaults(published: str | None, url: str | None, outlet: str | None, title: str | None) -> dict:
    defaults: dict = {"url": url, "outlet": outlet, "title": title}
    if published:
        try:
            defaults["published"] = dt.date.fromisoformat(published)
        except ValueError:
            raise NewsledgerError(f"--published {published!r} is not a date: use YYYY-MM-DD, e.g. 2025-12-30") from None
    return {k: v for k, v in defaults.items() if v is not None}


@contextlib.contextmanager
def _user_errors():
    """Turn a NewsledgerError into one line on stderr and exit status 2; anything else unexpected
    into one "internal error" line and exit status 70 (``NEWSLEDGER_DEBUG=1`` re-raises it)."""
    try:
        yield
    except NewsledgerError as exc:
        err.print(f"[bold red]error:[/] {markup_safe(exc)}")
        raise typer.Exit(USER_ERROR) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except BrokenPipeError:
        # The reader of a pipe went away (`| head`): stop quietly, as other tools do. Python's
        # documented recipe: stdout onto devnull, so the interpreter's last flush raises nothing.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except Exception as exc:
        if debugging():
            raise
        err.print(
            f"[bold red]internal error:[/] {markup_safe(f'{type(exc).__name__}: {exc}')}; "
            "set NEWSLEDGER_DEBUG=1 for the traceback"
        )
        raise typer.Exit(INTERNAL_ERROR) from None


def open_output(path: Path, flag: str = "--out", newline: str | None = None) -> IO[str]:
    """Open ``path`` for writing, or say in one line why it cannot be.

    Raises:
        NewsledgerError: the folder does not exist, the path is a folder, or it is not writable.
    """
    try:
        return path.open("w", encoding="utf-8", newline=newline)
    except FileNotFoundError:
        raise NewsledgerError(f"{flag} {path}: no folder {path.parent}; create it or choose another path") from None
    except IsADirectoryError:
        raise NewsledgerError(f"{flag} {path} is a folder: give a file name inside it") from None
    except PermissionError:
        raise NewsledgerError(f"{flag} {path}: permission denied; choose a path you can write to") from None
    except OSError as exc:
        raise NewsledgerError(f"{flag} {path}: cannot write there ({exc.strerror or exc})") from None


@contextlib.contextmanager
def _write_errors(path: Path | None):
    """A failed write (disk full) as one line naming the file; a closed pipe passes through."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise NewsledgerError(f"writing {path or 'standard output'} failed: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _writing(path: Path | None, newline: str | None = None):
    """Yield the sink (``path`` or stdout) for an export, whose body only writes."""
    sink = open_output(path, newline=newline) if path else sys.stdout
    try:
        with _write_errors(path):
            yield sink
    finally:
        if path:
            with contextlib.suppress(OSError):
                sink.close()


def _progress(total: int | None = None) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal and total is None,
    )


def _print_failures(failures) -> None:
    for failure in failures:
        err.print(f"  [yellow]failed[/] {markup_safe(failure.origin)}: {markup_safe(failure.reason)}")


def open_ledger(db: str | None):
    from newsledger.store import Store
    from newsledger.ledger import Ledger

    settings = _settings(db=db)
    if "://" not in settings.db and not Path(settings.db).exists():
        raise NewsledgerError(f"no database at {settings.db}: run `newsledger ingest` first or pass --db")
    return Ledger(Store.open(settings.db))


def say_pending(ledger) -> None:
    """On stderr, when some stored articles are not yet in the ledger: how many, and what to run."""
    pending = ledger.pending()
    if pending:
        article = "article is" if pending == 1 else "articles are"
        err.print(f"[yellow]{pending} stored {article} not yet in the ledger: run `newsledger resolve`[/]")
