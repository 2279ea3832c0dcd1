"""`python -m wakesite.checks.published` given what it cannot check: a clear error (exit 2) that
names the option and what is wrong, never a traceback and never a list of every link as wrong."""
from __future__ import annotations

import subprocess
import sys

import pytest

from wakesite.checks import published


def _refused(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        published.main(list(argv))
    assert stopped.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_a_branch_the_repository_does_not_hold(tmp_path, capsys):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    error = _refused(capsys, "--repo", str(tmp_path), "--branch", "gh-pages", "--root", "https://example.org/sns/")
    assert error.endswith(f"error: --branch gh-pages: cannot read it in {tmp_path}: fatal: not a valid object name: gh-pages")


@pytest.mark.parametrize("root, said", [
    ("https://<the site's address>/", "holds '<'"),
    ("example.org/sns/", "is not an https:// address with a host"),
    ("https://example.org/sns/?x=1", "has a query or a fragment"),
])
def test_a_root_that_is_not_an_address_is_refused_before_the_branch_is_read(tmp_path, capsys, root, said):
    # The repository holds no branch at all: the root is what is refused.
    error = _refused(capsys, "--repo", str(tmp_path), "--branch", "gh-pages", "--root", root)
    assert "error: --root: SITE_URL" in error and said in error, error


def test_a_site_folder_that_does_not_exist(tmp_path, capsys):
    error = _refused(capsys, str(tmp_path / "site"))
    assert error.endswith(f"error: {tmp_path / 'site'}: no such folder (a built site: mkdocs build -d {tmp_path / 'site'})")


def test_run_as_a_module_it_says_the_same(tmp_path):
    """As a command (python -m), the same error on stderr and exit 2."""
    result = subprocess.run([sys.executable, "-m", "wakesite.checks.published", str(tmp_path / "site")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "no such folder" in result.stderr and "Traceback" not in result.stderr
