"""Shared fixtures for all test levels: unit (data and rendering), build (the built site),
browser (Playwright driving Debian's Chromium)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


def build_site(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a person runs it; returns the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config_file.parent,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict (a warning fails it)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", site_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{output}"
    assert "WARNING" not in output, f"mkdocs build printed warnings:\n{output}"
    return site_dir


@pytest.fixture(scope="session")
def required_spec() -> list[dict]:
    return yaml.safe_load((DATA / "required_sections.yml").read_text(encoding="utf-8"))
