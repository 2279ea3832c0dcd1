"""Test every page of the site with axe-core in Chromium (three widths) and write docs/_data/accessibility.json.

    .venv/bin/python scripts/accessibility_report.py            # build, test, write the report
    .venv/bin/python scripts/accessibility_report.py --check    # build and test; write nothing

The report is what the accessibility page (/accessibility/, ウェブアクセシビリティ方針・試験結果)
shows: the date of this run, the axe-core version, the rule tags, every page tested with its
violations and passes, and a per-rule summary. Its date is the date of the run that wrote it.
Run it after any change to pages or theme, then rebuild: the test suite
(tests/browser/test_accessibility.py) runs the same test and fails when the committed report no
longer lists the built site's pages or records a violation. Exit status 1 on any violation.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "_data" / "accessibility.json"

import devenv  # noqa: E402  (the build engine: devenv.ENGINE, WAKESITE_ENGINE)
from wakesite import a11y, accessibility, chromium, localserver  # noqa: E402


def build(site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([*devenv.engine_command(), "build", "--strict", "-q", "-d", str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{devenv.engine()} build --strict failed:\n{result.stdout}{result.stderr}")


@contextmanager
def built_site(site_dir: Path | None) -> Iterator[Path]:
    """`site_dir` if given (a site already built), else a fresh build in a temporary folder that is
    removed afterwards (the reports of scripts/ share it)."""
    if site_dir is not None:
        yield site_dir
        return
    with tempfile.TemporaryDirectory(prefix="wakesite-report-") as tmp:
        build(Path(tmp) / "site")
        yield Path(tmp) / "site"


def run(site_dir: Path) -> dict:
    with localserver.serve(site_dir) as base:
        try:
            return a11y.crawl(base, site_dir).report()
        except chromium.ChromiumMissing as error:
            raise SystemExit(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="test this already built site instead of building one")
    parser.add_argument("--check", action="store_true", help="test only; do not write the report")
    args = parser.parse_args(argv)
    with built_site(args.site_dir) as site_dir:
        data = run(site_dir)
    problems = accessibility.failures(data)
    print(f"axe-core {data['axe_version']} ({', '.join(data['tags'])}): {len(data['pages'])} pages, "
          f"{len(data['results'])} runs, {data['total_violations']} violations")
    for line in problems:
        print("  " + line)
    if not args.check:
        accessibility.write_report(data, REPORT)
        print(f"wrote {REPORT.relative_to(ROOT)} (dated {data['date']}); rebuild the site to show it")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
