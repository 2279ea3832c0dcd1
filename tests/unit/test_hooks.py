"""The MkDocs hooks fail loudly where they expect work and find none (nothing degrades silently).

Each hook is called as MkDocs would call it, with the smallest config that reaches the check."""
from __future__ import annotations

import importlib.util
import shutil
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from wakesite import hooksupport

from support import ROOT


def hook(name: str):
    spec = importlib.util.spec_from_file_location(f"wakesite_test_{name}", ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_search_words_fail_the_build_without_a_search_index(tmp_path):
    config = {"docs_dir": str(ROOT / "docs"), "site_dir": str(tmp_path)}
    with pytest.raises(PluginError, match=r"search_index.json is missing: it holds Material's search index"):
        hook("search_hooks").on_post_build(config)


def test_the_build_stops_without_the_search_words(tmp_path):
    """search_synonyms.yml is loaded and checked with the rest of the site's data."""
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    (tmp_path / "docs" / "_data" / "search_synonyms.yml").unlink()
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    config = {"docs_dir": str(tmp_path / "docs"), "config_file_path": str(tmp_path / "mkdocs.yml")}
    with pytest.raises(PluginError, match=r"Missing site data in .*: docs/_data/search_synonyms.yml; nothing was built"):
        hooksupport.site_of(config)


class Config(dict):
    """MkDocs's config is read both as a mapping and through attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def test_language_switcher_missing_fails_the_build():
    config = Config(extra=Config(), site_url="https://example.org/")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="policy.md"))
    with pytest.raises(PluginError, match=r"policy.md: no language switcher entries"):
        hook("edition_hooks").on_page_context({}, page, config, None)


def test_a_generated_row_without_its_heading_fails_the_build(monkeypatch):
    site_hooks = hook("site_hooks")
    monkeypatch.setattr(site_hooks, "site_of", lambda config: None)
    monkeypatch.setattr(site_hooks.render, "toc_additions", lambda name, site, lang: [("no-such-heading", "row", "行")])
    page = SimpleNamespace(meta={"wakesite_parts": ["guideline"]}, present_anchor_ids=None,
                           toc=SimpleNamespace(items=[]), file=SimpleNamespace(src_uri="guideline.md", locale="ja"))
    with pytest.raises(PluginError, match=r"guideline.md: no heading #no-such-heading .* row #row"):
        site_hooks.on_page_content("<p></p>", page, {"theme": {"language": "ja"}}, None)


def test_a_site_without_accounts_or_edition_data_is_not_built(tmp_path):
    from wakesite import hooksupport

    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    for name in ("guideline.yml", "guideline.schema.json", "errata.yml", "errata.schema.json"):
        (data / name).write_bytes((ROOT / "docs" / "_data" / name).read_bytes())
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    config = {"docs_dir": str(tmp_path / "docs"), "config_file_path": str(tmp_path / "mkdocs.yml")}
    with pytest.raises(PluginError, match=r"Missing site data in .*: docs/_data/accounts.yml, docs/_data/edition.yml, docs/_data/search_synonyms.yml; nothing was built"):
        hooksupport.site_of(config)
