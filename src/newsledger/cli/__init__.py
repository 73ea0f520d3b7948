"""The ``newsledger`` command line: one module per group of commands, each thin over the ledger and the batch runner.

- :mod:`~newsledger.cli.main`: the command group, ``--version``, ``--verbose``, logging;
- :mod:`~newsledger.cli.extraction`: ``extract``, ``ingest``, ``export``, ``demo``;
- :mod:`~newsledger.cli.incidents`: ``incidents``, ``show``, ``merge``, ``split``, ``correct``, ``resolve``;
- :mod:`~newsledger.cli.web`: ``serve``, ``users add``, ``users list``;
- :mod:`~newsledger.cli.render`: the words and tables the ledger is shown in;
- :mod:`~newsledger.cli.common`, :mod:`~newsledger.cli.options`, :mod:`~newsledger.cli.terminal`:
  settings, one-line errors, output files, shared options, terminal-safe text.

Importing this package registers every command on :data:`app` (the
``newsledger`` entry point). Nothing else in newsledger imports it.
"""

from newsledger.cli import extraction, incidents, watch, web  # noqa: F401  (registers the commands)
from newsledger.cli.common import INTERNAL_ERROR, USER_ERROR, _user_errors, _write_errors
from newsledger.cli.main import app
from newsledger.cli.terminal import cell, markup_safe, printable

__all__ = ["INTERNAL_ERROR", "USER_ERROR", "_user_errors", "_write_errors", "app", "cell", "markup_safe", "printable"]

if __name__ == "__main__":  # pragma: no cover
    app()
