"""The web commands as a person types them: ``users add`` (asks for the password), ``users list``, ``serve``'s errors."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.serve.accounts import authenticate, list_users
from newsledger.store import Store
from tests.ledger.reports import ledger_of


def run(*args, input=None, env=None):
    return CliRunner().invoke(app, list(args), input=input, env=env)


def test_users_add_asks_for_the_password_twice_and_stores_only_its_hash(tmp_path, results):
    db = str(ledger_of(tmp_path, results, ("courier",)).store.engine.url.database)
    added = run("users", "add", "alice", "--db", db, "--role", "admin", input="long enough pass\nlong enough pass\n")
    assert added.exit_code == 0, added.output
    assert "alice may log in as admin" in added.output
    with Store.open(db) as store:
        assert [(u.name, u.role) for u in list_users(store)] == [("alice", "admin")]
        assert authenticate(store, "alice", "long enough pass") is not None
        assert authenticate(store, "alice", "another password") is None
        with store.engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT password_hash FROM users").scalar()
        assert stored.startswith("$argon2id$") and "long enough pass" not in stored
    listed = run("users", "list", "--db", db)
    assert listed.exit_code == 0 and re.search(r"^alice\s+admin$", listed.output, re.MULTILINE)


def test_mismatched_confirmation_and_bad_values_are_one_line_each(tmp_path, results):
    db = str(ledger_of(tmp_path, results, ("courier",)).store.engine.url.database)
    mismatch = run("users", "add", "bob", "--db", db, input="first password\nsecond password\nfirst password\nfirst password\n")
    assert mismatch.exit_code == 0 and "do not match" in mismatch.output.lower()
    short = run("users", "add", "carol", "--db", db, env={"NEWSLEDGER_PASSWORD": "short"})
    assert short.exit_code == 2 and "too short" in short.output
    role = run("users", "add", "dave", "--db", db, "--role", "owner", env={"NEWSLEDGER_PASSWORD": "long enough pass"})
    assert role.exit_code == 2 and "role 'owner'" in role.output
    name = run("users", "add", "<script>", "--db", db, env={"NEWSLEDGER_PASSWORD": "long enough pass"})
    assert name.exit_code == 2 and "user name" in name.output
    assert "Traceback" not in short.output + role.output + name.output


def test_serve_without_a_database_says_so_in_one_line(tmp_path):
    missing = run("serve", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2
    assert "no database at" in missing.output and "Traceback" not in missing.output
    assert not (tmp_path / "none.db").exists()
