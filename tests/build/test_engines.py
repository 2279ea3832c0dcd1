"""The second engine: ProperDocs (the MkDocs 1.6 fork kept by MkDocs' former maintainers) builds
the same site as MkDocs from the same mkdocs.yml, so switching engine (devenv.ENGINE, or
WAKESITE_ENGINE=properdocs for one run) changes nothing a reader gets.

The site the suite already built (`built_site`, with the run's engine) is built again with the
other one, from the same build cache: the compiled templates and the printed PDFs are reused,
so no PDF is printed again (the PDFs' cache key leaves out the generator line, wakesite.pdf).
A ProperDocs build is the README's command, run as written in a copy of the project (it writes
site/ beside its mkdocs.yml: never into this checkout)."""
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
