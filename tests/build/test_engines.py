"""The second engine: ProperDocs (the MkDocs 1.6 fork kept by MkDocs' former maintainers) builds
the same site as MkDocs from the same mkdocs.yml, so switching engine (devenv.ENGINE, or
WAKESITE_ENGINE=properdocs for one run) changes nothing a reader gets.

The site the suite already built (`built_site`, with the run's engine) is built again with the
other one, from the same build cache: the compiled templates and the printed PDFs are reused,
so no PDF is printed again (the PDFs' cache key leaves out the generator line, wakesite.pdf).
A ProperDocs build is the README's command, run as written in a copy of the project (it writes
site/ beside its mkdocs.yml: never into this checkout). So is the README's line that runs the suite on
ProperDocs, given this comparison alone."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import devenv
from support import ROOT, build_site, copy_project, readme_block, run_readme_lines, site_differences

PDF_LOG = re.compile(r"Checklist PDFs: (\d+) \((\d+) printed, (\d+) unchanged from the build cache\)")
README_BUILD = ".venv/bin/properdocs build --strict -f mkdocs.yml"


def _properdocs_as_the_readme_shows(tmp_path) -> tuple[subprocess.CompletedProcess, Path]:
    line = readme_block(README_BUILD).splitlines()[0]
    assert line.startswith(README_BUILD + "   # "), line
    project = tmp_path / "project"
    copy_project(project)
    (project / ".venv").symlink_to(ROOT / ".venv")
    [result] = run_readme_lines(line, project, dict(os.environ))
    return result, project / "site"


def test_the_other_engine_builds_the_same_site(built_site, tmp_path, monkeypatch):
    other = next(name for name in devenv.ENGINES if name != devenv.engine())
    # The day the pages were built is written into sitemap.xml (lastmod) and the gzip header of
    # sitemap.xml.gz: build on the same day as `built_site` even if midnight passed since.
    with gzip.open(built_site / "sitemap.xml.gz") as sitemap:
        sitemap.read()
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(sitemap.mtime))
    if other == "properdocs":
        result, site = _properdocs_as_the_readme_shows(tmp_path)
    else:
        result, site = build_site(ROOT / "mkdocs.yml", tmp_path / "site", engine=other), tmp_path / "site"
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{other} build --strict failed:\n{output}"
    assert "WARNING" not in output, f"{other} build printed warnings:\n{output}"
    problems = site_differences(built_site, site)
    assert not problems, f"{devenv.engine()} and {other} built different sites:\n" + "\n".join(problems[:40])
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert pdfs
    # No PDF printed again: the other engine's build took every one from the cache the suite filled.
    counts = PDF_LOG.search(output)
    assert counts and counts.group(1, 2) == (str(len(pdfs)), "0"), counts and counts.group(0)


README_SUITE = "WAKESITE_ENGINE=properdocs python3 scripts/test.py"


def test_the_readme_command_runs_the_suite_on_properdocs(tmp_path):
    """The README's line, run as written in the checkout (its set-up finds everything in place).
    The whole suite inside this one would be a second run of it: pytest's own PYTEST_ADDOPTS gives
    the line one test, the comparison above, so that the run on ProperDocs builds the site with
    ProperDocs and MkDocs builds it again, the same. The run's header names its engine."""
    [line] = [line for line in readme_block(README_BUILD).splitlines() if line.startswith(README_SUITE + " ")]
    assert line.startswith(README_SUITE + "  # the whole suite on ProperDocs"), line
    env = {name: value for name, value in os.environ.items() if name not in ("PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST")}
    comparison = f"{Path(__file__).resolve()}::{test_the_other_engine_builds_the_same_site.__name__}"
    env["PYTEST_ADDOPTS"] = f"-n 0 -p no:cacheprovider --basetemp={tmp_path / 'inner'} {comparison}"
    [result] = run_readme_lines(line, ROOT, env)
    assert "\nengine: properdocs (WAKESITE_ENGINE=properdocs)\n" in result.stdout, result.stdout
    assert re.search(r"=+ 1 passed in ", result.stdout), result.stdout
