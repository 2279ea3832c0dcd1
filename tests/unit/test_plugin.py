"""The MkDocs plugin (wakesite.plugin) fails loudly where it expects work and finds none (nothing
degrades silently), and is what MkDocs finds by the name in mkdocs.yml.

Each event is called as MkDocs would call it, with the smallest config that reaches the check."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from support import ROOT
from wakesite import plugin as plugin_module, render
from wakesite.buildconfig import BuildSettings
from wakesite.plugin import Build, WakesitePlugin
from wakesite.site import load_project
from wakesite.versions import SiteAddress


def _plugin(config=None) -> WakesitePlugin:
    """A plugin in the middle of the outermost build of the project (its data loaded)."""
    plugin = WakesitePlugin()
    settings = BuildSettings(project=ROOT, data_dir=ROOT / "docs" / "_data", checklists_dir=ROOT / "checklists",
                             address=SiteAddress(), serving=False, mike=False)
    plugin.build = Build(config, settings, load_project(ROOT), render.environment(), depth=1)
    return plugin


def _settings(project) -> BuildSettings:
    return BuildSettings(project=project, data_dir=project / "docs" / "_data", checklists_dir=project / "checklists",
                         address=SiteAddress(), serving=False, mike=False)


def test_mkdocs_finds_the_plugin_by_its_name():
    """`- wakesite` in mkdocs.yml is this class, registered by the entry point of the editable install."""
    from mkdocs.plugins import get_plugins

    assert get_plugins()["wakesite"].load() is WakesitePlugin


def test_search_words_fail_the_build_without_a_search_index(tmp_path):
    config = {"docs_dir": str(ROOT / "docs"), "site_dir": str(tmp_path)}
    plugin = _plugin(config)
    with pytest.raises(PluginError, match=r"search_index.json is missing: it holds Material's search index"):
        plugin._rewrite_search_index(config)  # part of on_post_build at -200


def test_the_build_stops_without_the_search_words(tmp_path):
    """search_synonyms.yml is loaded and checked with the rest of the site's data."""
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    (tmp_path / "docs" / "_data" / "search_synonyms.yml").unlink()
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    with pytest.raises(PluginError, match=r"Missing site data in .*: docs/_data/search_synonyms.yml; nothing was built"):
        plugin_module._load_site(_settings(tmp_path))


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
        _plugin(config).on_page_context({}, page=page, config=config, nav=None)


def test_a_generated_row_without_its_heading_fails_the_build(monkeypatch):
    monkeypatch.setattr(render, "toc_additions", lambda name, site, lang: [("no-such-heading", "row", "行")])
    page = SimpleNamespace(meta={"wakesite_parts": ["guideline"]}, present_anchor_ids=None,
                           toc=SimpleNamespace(items=[]), file=SimpleNamespace(src_uri="guideline.md", locale="ja"))
    config = {"theme": {"language": "ja"}}
    with pytest.raises(PluginError, match=r"guideline.md: no heading #no-such-heading .* row #row"):
        _plugin(config).on_page_content("<p></p>", page=page, config=config, files=None)


def test_a_site_without_accounts_or_edition_data_is_not_built(tmp_path):
    data = tmp_path / "docs" / "_data"
    data.mkdir(parents=True)
    for name in ("guideline.yml", "guideline.schema.json", "errata.yml", "errata.schema.json"):
        (data / name).write_bytes((ROOT / "docs" / "_data" / name).read_bytes())
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    with pytest.raises(PluginError, match=r"Missing site data in .*: docs/_data/accounts.yml, docs/_data/edition.yml, docs/_data/search_synonyms.yml; nothing was built"):
        plugin_module._load_site(_settings(tmp_path))


def test_each_checklist_page_follows_the_index_once_in_the_data_order():
    """mkdocs.yml names only checklists/index.md; the plugin puts every checklist's page after it
    (static-i18n's English build runs it again on the same nav: nothing is added twice)."""
    from wakesite import checklists

    site = load_project(ROOT)
    nav = [{"ホーム": "index.md"}, {"チェックリスト": ["checklists/index.md"]}, {"正誤表": "errata.md"}]
    checklists.nav_pages(nav, site)
    checklists.nav_pages(nav, site)
    assert nav[1]["チェックリスト"] == ["checklists/index.md"] + [f"checklists/{c.id}.md" for c in site.checklists]
    assert [c.id for c in site.checklists][:2] == ["pre-post", "incident-correction"]  # `order`, then id
    with pytest.raises(ValueError, match="no checklists/index.md in the nav"):
        checklists.nav_pages([{"ホーム": "index.md"}], site)


def test_the_checklists_are_a_part_folder():
    """Their part is declared in their package and found there: its templates on Jinja's path, its
    stylesheet and script published at the addresses the pages link."""
    from wakesite import checklists, part

    assert checklists in part.folders()
    assert render.PARTS["checklist"] is checklists.PARTS["checklist"]
    assert {(source.name, site_path) for source, site_path in part.published_assets()} >= {
        ("checklist.css", "assets/stylesheets/checklist.css"), ("checklist.js", "assets/javascripts/checklist.js")}
    assert render.environment().get_template("checklist.md.j2").filename == str(checklists.FOLDER / "checklist.md.j2")


def test_serve_looks_for_edits_five_times_as_often_as_mkdocs_does(tmp_path):
    """MkDocs' own live-reload server, its folders watched as `mkdocs serve` watches them: after the
    plugin's on_serve every folder is polled every SERVE_POLL_SECONDS (an upgrade of MkDocs or
    watchdog that moves these attributes fails here, not silently in an editor's wait)."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(ROOT / "docs"))
        assert [emitter.timeout for emitter in server.observer.emitters] == [0.5]  # MkDocs' default
        WakesitePlugin().on_serve(server, config=None, builder=None)
        timeouts = [emitter.timeout for emitter in server.observer.emitters]
        assert len(timeouts) >= 3 and set(timeouts) == {plugin_module.SERVE_POLL_SECONDS}
    finally:
        server.observer.stop() if server.observer.is_alive() else None
        server.server_close()


def test_mikes_own_reading_of_the_config_does_not_load_the_site(monkeypatch):
    """mike reads mkdocs.yml in its own process for its settings and builds in another (which loads
    and checks the site): its own reading runs the plugin's config event but loads nothing."""
    from mike import mkdocs_utils

    class Loaded(Exception):
        pass

    def load_site(settings):
        raise Loaded(settings.project)

    monkeypatch.setattr(plugin_module, "_load_site", load_site)
    config = mkdocs_utils.load_config(str(ROOT / "mkdocs.yml"))  # as `mike deploy` and `mike set-default` do
    assert config["remote_branch"] == "gh-pages"
    plugin = config["plugins"]["wakesite"]
    plugin.on_startup(command="build", dirty=False)  # the same config, read for a build
    with pytest.raises(Loaded):
        config["plugins"].run_event("config", config)
