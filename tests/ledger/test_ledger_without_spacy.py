"""The ledger's tests and the ledger itself run with spaCy never imported.

Checked in fresh processes, so that other tests of the same run (which may
load the pipeline) cannot hide an import or fake one: this folder's tests run
under pytest with the conftest's probe on, and a plain interpreter builds a
ledger from the hand-built reports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ledger.reports import PROBE

ROOT = Path(__file__).resolve().parents[2]


def test_the_ledger_tests_run_without_spacy(tmp_path):
    probe = tmp_path / "probe.json"
    command = [
        # The PostgreSQL variants run the same test code against another database: once, in the main session.
        sys.executable, "-m", "pytest", "tests/ledger", "-q", "-p", "no:cacheprovider",
        "-m", "not model and not postgres",
        "--deselect", Path(__file__).relative_to(ROOT).as_posix(),  # not this module's tests again
    ]
    done = subprocess.run(command, check=False, cwd=ROOT, env={**os.environ, PROBE: str(probe)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    found = json.loads(probe.read_text(encoding="utf-8"))
    assert found["spacy_modules"] == [] and found["needing_the_model"] == []
    assert found["failed"] == 0 and found["collected"] >= 40


def test_a_ledger_of_hand_built_reports_needs_no_spacy(tmp_path):
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from tests.ledger.reports import BUILDERS, ledger_of, reports\n"
        "ledger = ledger_of(Path(sys.argv[1]), reports(), tuple(BUILDERS))\n"
        "print(json.dumps({'incidents': len(ledger.incidents()), 'excluded': len(ledger.excluded_reports()),\n"
        "                  'spacy': sorted(m for m in sys.modules if m.split('.')[0] == 'spacy')}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=False, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    assert json.loads(done.stdout.splitlines()[-1]) == {"incidents": 3, "excluded": 4, "spacy": []}
