"""Shared fixtures for all test levels: unit (data and rendering), build (the built site),
browser (Playwright driving Debian's Chromium)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml

from support import DATA, ROOT, build_site
from wakesite import buildcache

# Every run starts with an empty build cache of its own (builds in subprocesses inherit it):
# what the tests see never depends on an earlier run or on the developer's .cache/.
os.environ[buildcache.VARIABLE] = tempfile.mkdtemp(prefix="wakesite-test-cache-")


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


LEVELS = ("unit", "build", "browser")


def pytest_collection_modifyitems(session, config, items):
    """A whole-suite run must collect every test level: a directory silently left out (pytest's
    default norecursedirs once skipped tests/build) would make a green run meaningless."""
    tests_dir = Path(__file__).resolve().parent
    if any(Path(arg.split("::")[0]).resolve() != tests_dir for arg in config.args):
        return  # a deliberate partial run
    collected = {Path(item.path).resolve().relative_to(tests_dir).parts[0] for item in items}
    missing = [level for level in LEVELS if level not in collected]
    if missing and not config.option.keyword and not config.option.markexpr:
        raise pytest.UsageError(f"no tests collected from tests/{', tests/'.join(missing)}")
