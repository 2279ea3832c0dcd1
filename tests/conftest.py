"""Shared fixtures for all test levels: unit (data and rendering), build (the built site),
browser (Playwright driving Debian's Chromium)."""
from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

import pytest
import yaml

from support import DATA, ROOT, build_site
from wakesite import buildcache

# Every run starts with an empty build cache of its own (builds in subprocesses inherit it):
# what the tests see never depends on an earlier run or on the developer's .cache/. The
# pytest-xdist workers of one run share it (entries are written atomically).
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
os.environ[buildcache.VARIABLE] = (tempfile.mkdtemp(prefix="wakesite-test-cache-") if not _RUN else
                                   str(Path(tempfile.gettempdir()) / f"wakesite-test-cache-{_RUN}"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The real site, built once per test run with --strict (a warning fails it).

    With several pytest-xdist workers, the first to get here builds it and the others wait for
    it (a lock file in the run's shared temporary directory): the same site for every test."""
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site_dir, log = shared / "built-site", shared / "built-site.log"
    with open(shared / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not log.exists():
            result = build_site(ROOT / "mkdocs.yml", site_dir)
            log.write_text(f"{result.returncode}\n{result.stdout}{result.stderr}", encoding="utf-8")
    returncode, output = log.read_text(encoding="utf-8").split("\n", 1)
    assert returncode == "0", f"mkdocs build --strict failed:\n{output}"
    assert "WARNING" not in output, f"mkdocs build printed warnings:\n{output}"
    return site_dir


@pytest.fixture(scope="session")
def build_log(built_site) -> str:
    """What the build of `built_site` printed."""
    return (built_site.parent / "built-site.log").read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.fixture(scope="session")
def required_spec() -> list[dict]:
    return yaml.safe_load((DATA / "required_sections.yml").read_text(encoding="utf-8"))


def pytest_report_header(config) -> str:
    """Which engine builds the site in this run (README, "The engine"), at the top of its output."""
    import devenv
    chosen = f" ({devenv.ENGINE_VARIABLE}={os.environ[devenv.ENGINE_VARIABLE]})" if os.environ.get(devenv.ENGINE_VARIABLE) else ""
    return f"engine: {devenv.engine()}{chosen}"


LEVELS = ("unit", "build", "browser")


# The files that take longest, first (worker seconds in a run of the whole suite, 2026-12-07:
# 68, 55, 50, 38, 37, 32, 30, 25, 21, 21, 19, 13, 13): the test workers take files in this order
# (pyproject.toml: --no-loadscope-reorder), so the long ones start at once (the releases need no
# built site, so one worker releases while the other builds the site) and the short ones fill in at
# the end.
LONGEST_FIRST = ["build/test_release_signals.py", "browser/test_crawl.py", "browser/test_approval_record.py",
                 "browser/test_checklists.py", "browser/test_release.py", "browser/test_crawl_en.py",
                 "browser/test_search.py", "browser/test_draft_corpus.py", "browser/test_draft_check.py",
                 "browser/test_print_sheets.py", "browser/test_hostile_site.py", "build/test_plain_mike.py",
                 "build/test_word_release.py"]


def _order(item) -> tuple[int, str]:
    rel = Path(item.path).resolve().relative_to(Path(__file__).resolve().parent).as_posix()
    rank = LONGEST_FIRST.index(rel) if rel in LONGEST_FIRST else len(LONGEST_FIRST)
    return rank, rel


def pytest_collection_modifyitems(session, config, items):
    """Run the longest files first (LONGEST_FIRST; the order within a file stays). And a
    whole-suite run must collect every test level: a directory silently left out (pytest's
    default norecursedirs once skipped tests/build) would make a green run meaningless."""
    items.sort(key=_order)  # a stable sort: the tests of a file keep their order
    tests_dir = Path(__file__).resolve().parent
    if any(Path(arg.split("::")[0]).resolve() != tests_dir for arg in config.args):
        return  # a deliberate partial run
    collected = {Path(item.path).resolve().relative_to(tests_dir).parts[0] for item in items}
    missing = [level for level in LEVELS if level not in collected]
    if missing and not config.option.keyword and not config.option.markexpr:
        raise pytest.UsageError(f"no tests collected from tests/{', tests/'.join(missing)}")
