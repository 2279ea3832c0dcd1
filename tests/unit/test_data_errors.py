"""Bad data stops everything with a message naming the file, the line and what is wrong."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wakesite import errata, guideline, site
from wakesite.datafile import DataError, DataErrors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"
VALID = FIXTURES / "valid"
BAD = FIXTURES / "bad"


def messages(error: Exception) -> str:
    return str(error)


def test_valid_fixture_loads_and_is_corrected():
    loaded = guideline.load(VALID / "guideline.yml")
    fixes = errata.load(VALID / "errata.yml", loaded)
    errata.apply(fixes, loaded)
    assert loaded.clause("security-4").text.ja == "ハッシュタグ付けは厳禁とする。"
    assert loaded.clause("security-4").text.en == "Hashtags are prohibited."


@pytest.mark.parametrize(
    ("fixture", "line", "expected"),
    [
        ("guideline-yaml-syntax.yml", 6, "YAML syntax error"),
        ("guideline-unknown-key.yml", 6, "unknown key ('colour' was unexpected)"),
        ("guideline-missing-english.yml", 7, "'en' is missing"),
        ("guideline-wrong-type.yml", 4, "4 is not of type 'string'"),
        ("guideline-duplicate-id.yml", 9, "clause 'prohibited-untrue': duplicate id (first used on line 8)"),
        ("guideline-bad-anchor.yml", 3, "'Principles_4' does not match"),
    ],
)
def test_bad_guideline_names_file_line_and_problem(fixture, line, expected):
    with pytest.raises((DataError, DataErrors)) as raised:
        guideline.load(BAD / fixture)
    text = messages(raised.value)
    assert f"{fixture}:{line}:" in text, text
    assert expected in text, text


@pytest.mark.parametrize(
    ("fixture", "line", "expected"),
    [
        ("errata-unknown-clause.yml", 3, "corrections E1: clause 'no-such-clause' does not exist"),
        ("errata-original-not-found.yml", 4, "corrections E1: 'ハッシュタク' is not in the Japanese text of clause 'security-4'"),
    ],
)
def test_bad_errata_names_file_line_and_entry(fixture, line, expected):
    loaded = guideline.load(VALID / "guideline.yml")
    with pytest.raises(DataErrors) as raised:
        errata.load(BAD / fixture, loaded)
    text = messages(raised.value)
    assert f"{fixture}:{line}:" in text, text
    assert expected in text, text


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataError) as raised:
        guideline.load(tmp_path / "guideline.yml")
    assert "guideline.yml: file not found" in str(raised.value)


def test_site_reloads_when_a_data_file_changes(tmp_path):
    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    first = site.load_site(data_dir, checklists_dir=None)
    assert site.load_site(data_dir, checklists_dir=None) is first  # cached while nothing changed
    path = data_dir / "guideline.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("事実と異なる内容", "事実と異なる内容（改）"), encoding="utf-8")
    import os
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert site.load_site(data_dir, checklists_dir=None).guideline.clause("prohibited-untrue").text.ja == "事実と異なる内容（改）"
