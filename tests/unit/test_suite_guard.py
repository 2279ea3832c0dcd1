"""The suite's guard against a test that hangs: pytest-timeout, set in pyproject.toml, fails such
a test with its stack instead of holding the whole run (a search query once never got an answer,
and its test waited with no end)."""
from __future__ import annotations

import subprocess
import sys
import tomllib

from support import ROOT

HANGS = '''import threading


def test_that_waits_for_what_never_comes():
    threading.Event().wait()
'''


def test_the_suite_fails_a_test_that_hangs_after_its_timeout(tmp_path):
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert options["timeout"] >= 300 and options["timeout_method"] == "signal"
    (tmp_path / "test_hangs.py").write_text(HANGS, encoding="utf-8")
    # The project's own settings (its pyproject.toml, its plugins), one process, the timeout
    # shortened so that the guard shows in this test.
    run = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path),
                          "-p", "no:cacheprovider", "-n", "0", "-o", "timeout=1", str(tmp_path / "test_hangs.py")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Failed: Timeout (>1.0s) from pytest-timeout." in run.stdout, run.stdout
    assert "1 failed" in run.stdout and "test_that_waits_for_what_never_comes" in run.stdout
