"""Hostile data stays text: every value of tests/fixtures/hostile.yml in every field it lists
(one variant per value: the table "field × value"), rendered into every generated part in both
languages and through Markdown as MkDocs does. The page chrome (titles, navigation, search) is
checked on a built site: tests/browser/test_hostile_site.py."""
from __future__ import annotations

import shutil

import markdown
import pytest
import yaml

from support import ROOT, hostile_leaks, hostile_table, write_hostile_variant
from wakesite import render
from wakesite.site import load_site
from wakesite.versions import SiteAddress

VALUES, FIELDS = hostile_table()
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXTENSIONS = [ext if isinstance(ext, str) else next(iter(ext)) for ext in CONFIG["markdown_extensions"]]


def rendered_pages(site) -> dict[str, str]:
    """Every generated part of every stub page, in both languages, as MkDocs makes it HTML."""
    pages = {}
    address = SiteAddress.of_build("https://example.org/sns/", None)
    for source in sorted((ROOT / "docs").rglob("*.md")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        lang = "en" if rel.endswith(".en.md") else "ja"
        src = rel.replace(".en.md", ".md")
        text = source.read_text(encoding="utf-8")
        if "wakesite:" not in text:
            continue
        url = ("en/" if lang == "en" else "") + src.removesuffix("index.md").removesuffix(".md") + (
            "/" if not src.endswith("index.md") else "")
        filled = render.fill_placeholders(text, site, lang, url, src, address)
        pages[f"{lang}:{src}"] = markdown.Markdown(extensions=EXTENSIONS).convert(filled)
        # The table-of-contents rows the hook adds, which the theme prints as HTML.
        pages[f"{lang}:{src} (table of contents)"] = "\n".join(
            f"<a href='#{row}'>{label}</a>" for name in render.placeholders_in(text)
            for _, row, label in render.toc_additions(name, site, lang))
    return pages


@pytest.mark.parametrize("variant", range(len(VALUES)), ids=[f"value-{n}" for n in range(len(VALUES))])
def test_every_field_shows_every_hostile_value_as_text(tmp_path, variant):
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    placed = write_hostile_variant(tmp_path, variant)
    site = load_site(tmp_path / "docs" / "_data", tmp_path / "checklists")
    shown: set[str] = set()
    problems = []
    for page, html in rendered_pages(site).items():
        leaks, markers = hostile_leaks(html)
        problems += [f"{page}: {leak}" for leak in leaks]
        shown |= markers
    assert not problems, "\n".join(problems)
    assert shown == set(placed), f"fields whose value shows nowhere: {sorted(set(placed) - shown)}"


def test_the_table_covers_every_data_file_that_pages_show():
    files = {field["file"] for field in FIELDS}
    assert {"docs/_data/guideline.yml", "docs/_data/accounts.yml", "docs/_data/errata.yml",
            "docs/_data/edition.yml", "checklists/pre-post.yml"} <= files
    assert len(VALUES) >= 10
