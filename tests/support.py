"""Helpers shared by tests of every level (importable as `support`: tests/ is on pytest's pythonpath)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources (to edit its data in a test); returns its mkdocs.yml."""
    for name in ("docs", "overrides", "scripts", "checklists"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination / "mkdocs.yml"


def site_pages(lang: str | None = None) -> list[str]:
    """The page paths the site must have, from docs/ ('' and 'policy/' …, 'en/policy/' …), in
    the order of wakesite.a11y.page_paths (a test checks the built site against it); only the
    pages of `lang` when it is given."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        english = rel.endswith(".en.md")
        rel = rel.removesuffix(".en.md" if english else ".md")
        path = "" if rel == "index" else rel.removesuffix("/index") + "/" if rel.endswith("/index") else rel + "/"
        if lang is None or lang == ("en" if english else "ja"):
            paths.append(("en/" if english else "") + path)
    return sorted(paths, key=lambda p: (p.startswith("en/"), p))


def check_visit(visit, runs: int) -> None:
    """A page visit of the crawl (wakesite.a11y.Visit) made `runs` axe runs and found nothing."""
    assert len(visit.results) == runs
    problems = visit.violations() + visit.broken + visit.foreign
    assert not problems, "\n".join(problems)
