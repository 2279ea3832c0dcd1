"""The build engine is one setting (scripts/devenv.py: ENGINE, WAKESITE_ENGINE), and the
comparison of two builds (support.site_differences, used by tests/build/test_engines.py) fails
when anything but the generator line differs."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

import devenv
from support import site_differences


def test_engine_is_mkdocs_unless_the_variable_names_properdocs(monkeypatch):
    monkeypatch.delenv(devenv.ENGINE_VARIABLE, raising=False)
    assert devenv.engine() == devenv.ENGINE == "mkdocs"
    assert devenv.engine_command() == [sys.executable, "-m", "mkdocs"]
    monkeypatch.setenv(devenv.ENGINE_VARIABLE, "properdocs")
    assert devenv.engine_command("python") == ["python", "-m", "properdocs"]
    assert devenv.engine_command(name="mkdocs")[-1] == "mkdocs"


@pytest.mark.parametrize("name", ["zensical", "MkDocs", "mkdocs2", "python -m mkdocs"])
def test_another_engine_stops_with_a_clear_error(monkeypatch, name):
    monkeypatch.setenv(devenv.ENGINE_VARIABLE, name)
    with pytest.raises(devenv.SetupError, match=r"WAKESITE_ENGINE=.* set it to mkdocs or properdocs"):
        devenv.engine_command()
    with pytest.raises(devenv.SetupError, match="unknown engine"):
        devenv.engine_command(name=name)


PAGE = ('<head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">\n'
        '<title>x</title></head>\n<p>本文</p>\n')
ONE_PAGE_PDF = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n%%EOF\n"


def _site(root):
    (root / "policy").mkdir(parents=True)
    (root / "policy" / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "search.json").write_text('{"docs": []}', encoding="utf-8")
    (root / "sheet.pdf").write_bytes(ONE_PAGE_PDF)
    return root


def test_two_builds_that_differ_only_in_the_generator_line_are_the_same_site(tmp_path):
    one, other = _site(tmp_path / "mkdocs"), _site(tmp_path / "properdocs")
    page = other / "policy" / "index.html"
    page.write_text(PAGE.replace("mkdocs-1.6.1,", "mkdocs-ProperDocs 1.6.7,"), encoding="utf-8")
    (other / "sheet.pdf").write_bytes(ONE_PAGE_PDF.replace(b"%%EOF", b"% printed later\n%%EOF"))
    assert site_differences(one, other) == []


@pytest.mark.parametrize("change", ["text", "another generator tag", "json", "missing", "extra", "pdf pages"])
def test_any_other_difference_is_reported(tmp_path, change):
    one, other = _site(tmp_path / "mkdocs"), _site(tmp_path / "properdocs")
    page, index = other / "policy" / "index.html", other / "search.json"
    if change == "text":
        page.write_text(PAGE.replace("本文", "本分"), encoding="utf-8")
    elif change == "another generator tag":  # set aside, not removed: an added tag still counts
        page.write_text(PAGE.replace("<title>x", '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1"><title>x'),
                        encoding="utf-8")
    elif change == "json":
        index.write_text('{"docs": [] }', encoding="utf-8")
    elif change == "missing":
        index.unlink()
    elif change == "extra":
        shutil.copy(index, other / "search.en.json")
    else:
        (other / "sheet.pdf").write_bytes(ONE_PAGE_PDF.replace(b"/Count 1", b"/Count 2"))
    problems = site_differences(one, other)
    assert len(problems) == 1, problems


def test_a_release_of_another_tree_runs_that_trees_code(tmp_path):
    """The .venv's editable install is of one checkout; a release of another tree (a test's copy)
    puts that tree's scripts/ first, so its plugin is its own wakesite: what is published is what
    the tree's own generator makes."""
    env = devenv.build_env(tmp_path / "copy", {"PYTHONPATH": "/elsewhere", "PATH": "/bin"})
    assert env["PYTHONPATH"].split(os.pathsep) == [str((tmp_path / "copy" / "scripts").resolve()), "/elsewhere"]
    assert env["PATH"] == "/bin"
    assert devenv.build_env(tmp_path, {})["PYTHONPATH"] == str((tmp_path / "scripts").resolve())
