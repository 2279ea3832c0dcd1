"""jReadability of the public pages, ordinary and やさしい日本語 side by side (README, "やさしい日本語").

    .venv/bin/python scripts/readability_report.py                  # build the site, then score
    .venv/bin/python scripts/readability_report.py --site-dir site  # score an already built site

Lee & Hasebe's formula (PyPI jreadability; higher is easier: 0.5–1.5 上級後半 … 4.5–5.5 初級後半,
5.5–6.5 初級前半) over the words each page shows in its main content (wakesite.easy.page_text:
readings, scripts and web addresses left out), the same way for both versions. The test that
each easy page reaches 4.5 computes the same score: tests/build/test_easy_pages.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accessibility_report import ROOT, built_site  # the same build (engine, --strict) as the other reports
from wakesite import easy, pagepath, site

BANDS = [(5.5, "初級前半"), (4.5, "初級後半"), (3.5, "中級前半"), (2.5, "中級後半"), (1.5, "上級前半"), (0.5, "上級後半")]


def band(score: float) -> str:
    return next((name for floor, name in BANDS if score >= floor), "上級後半より難しい")


def scores(site_dir: Path) -> list[tuple[str, float, str, float]]:
    rows = []
    for page in site.load_project(ROOT).easy.pages:
        ordinary = easy.page_text(pagepath.file_of(site_dir, page.page).read_text(encoding="utf-8"))
        simple = easy.page_text(pagepath.file_of(site_dir, page.path).read_text(encoding="utf-8"))
        rows.append((page.page, easy.readability(ordinary), page.path, easy.readability(simple)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="score this already built site instead of building one")
    args = parser.parse_args(argv)
    with built_site(args.site_dir) as site_dir:
        rows = scores(site_dir)
    print("| page | ordinary | やさしい日本語 |")
    print("| --- | --- | --- |")
    for ordinary, ordinary_score, path, easy_score in rows:
        print(f"| /{ordinary} → /{path} | {ordinary_score:.2f} ({band(ordinary_score)}) | "
              f"{easy_score:.2f} ({band(easy_score)}) |")
    return 0 if all(score >= 4.5 for *_, score in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
