"""The MkDocs plugin `wakesite` (entry point in pyproject.toml; `plugins: - wakesite` in mkdocs.yml):
connects the generator to MkDocs. Kept thin on purpose: loading, checking and rendering live in
the package, which tests and scripts use without MkDocs.

One instance owns the state of the build in progress (`Build`: its settings, the checked data,
the Jinja environment) and nothing else is kept between events. static-i18n builds the default
language, then each other language from inside its own on_post_build (-100) with the same config
object: the same `Build` serves them all, and the plugin counts how deep it is, so that the work
on the whole site (PDFs, the search index's checks, what is published) is done once, by the
outermost build. `mkdocs serve` loads a new config for every rebuild, so a data edit is read on
the next one. (The instance itself lives as long as the MkDocs command: it has on_startup.)

Events, in the order they run in a build (priorities where they are not the default):
  on_startup         remember the command: under `mkdocs serve`, which prints no PDFs, a
                     checklist's PDF link is rendered as a note saying so.
  on_config (100)    before every other plugin: check what the build would read (the site's
                     address, no file of docs/, overrides/ or checklists/ linked out of the project).
  on_config          load and validate every data file once, so bad data stops the build before any
                     page is written, with a message naming file and line; every checklist has its
                     stub pages, and its page in the nav (wakesite.checklists); keep Material's
                     version selector only in builds made by mike.
  on_files           publish the stylesheets and scripts of the part folders (wakesite.part).
  on_serve           watch the generator's templates (in its package), as mkdocs.yml's `watch` does the data.
  on_env             share compiled templates between languages and builds (wakesite.buildcache);
                     give the theme its words (`wk_text`, strings.yml), the edition, how many clauses'
                     English needs review (a note atop the English pages) and the filter that keeps
                     relative language links out of <head>.
  on_page_markdown   replace `<!-- wakesite:NAME -->` placeholders in the page's own language, note
                     the stylesheets and scripts those parts need (main.html links them); complete
                     raw HTML blocks are set aside from Markdown (render.set_aside_raw_html).
  on_page_content    put the raw HTML blocks back (their ids to MkDocs's anchor check), and add the
                     generated table rows to the page's table of contents.
  on_page_context    after static-i18n (50) has set the language switcher: its links made relative,
                     so ja↔en stays inside the edition the reader is in; やさしい日本語 added.
  on_post_template   sitemap.xml: the other language's addresses get the slash mike's site_url lacks.
  on_post_build      for the language just built: accounts.json and the redirect pages.
  on_post_build (-200)  after static-i18n (-100) has built the other languages and written the
                     search index: the checklist PDFs (outermost build only), then the search index
                     rewritten (each language it holds; checked, and Material's search fixed, once).
  on_post_build (-300)  last: check what is published (outermost build only).
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink

from . import accounts, buildcache, checklists, easy, linkrot, pdf, projectfiles, render, searchindex, searchterms, versions
from . import part as part_module
from .buildconfig import BuildSettings, PluginOptions
from .checks import published
from .datafile import DataError, DataErrors
from .lang import LANGS, lang_root
from .site import Site, load_site

log = logging.getLogger("mkdocs.plugins.wakesite")


@dataclass
class Build:
    """One build (every language of it): its settings, its checked data, its templates."""

    config: object  # MkDocs's config: one object is one build, nested language builds included
    settings: BuildSettings
    site: Site
    templates: jinja2.Environment  # the generator's, with the build's bytecode cache (buildcache)
    depth: int = 0  # builds in progress: 1 in the outermost, 2 in a language static-i18n builds inside it
    # Page location ('en/accounts/') → the generated parts it holds, every language's: the search
    # index applies each part's own rules to its pages' entries (wakesite.searchentry).
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def pages_holding(self, name: str) -> set[str]:
        return {path for path, parts in self.pages.items() if name in parts}

    @property
    def outermost(self) -> bool:
        return self.depth == 1


# How often `mkdocs serve` looks for edits (MkDocs: 0.5 s).
SERVE_POLL_SECONDS = 0.1

class WakesitePlugin(BasePlugin[PluginOptions]):
    def __init__(self) -> None:
        self.command: str | None = None  # the MkDocs command (on_startup); None: a build driven from Python
        self.build: Build | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    # ---- config: check, then load ----

    @event_priority(100)
    def _check_inputs(self, config):
        settings = BuildSettings.of(config, self.config, self.command)
        problem = versions.site_url_problem(config["site_url"], serving=settings.serving)
        if problem:
            raise PluginError(f"{problem}; nothing was built")
        problems = projectfiles.links_out(settings.project, [config["docs_dir"], config.theme.custom_dir or "overrides",
                                                             str(settings.checklists_dir)])
        if problems:
            raise PluginError("Files the build would read are not the project's own, nothing was built:\n"
                              + "\n".join("  " + p for p in problems))
        return config

    def _load(self, config):
        # mike reads the config in its own process only for its settings (the branch, the remote)
        # and builds in a process of its own, where the site is loaded and checked: loading it here
        # too cost each `mike deploy` and `mike set-default` of a release 0.5 s.
        if self.command == "mike":
            return config
        if self.build is None or self.build.config is not config:
            settings = BuildSettings.of(config, self.config, self.command)
            self.build = Build(config, settings, _load_site(settings),
                               render.environment(buildcache.build_bytecode_cache(settings.project)))
        missing = checklists.missing_pages(self.build.site, Path(config["docs_dir"]))
        if missing:
            raise PluginError("Each checklist in checklists/ needs its stub pages; missing in docs/: "
                              + ", ".join(missing) + " (copy an existing one: they hold only <!-- wakesite:checklist -->; "
                              "static-i18n builds no page that is not a file of docs/: wakesite.checklists)")
        try:
            checklists.nav_pages(config["nav"], self.build.site)
        except ValueError as error:
            raise PluginError(str(error)) from None
        # Material's version selector asks for versions.json, which only mike's builds have
        # (elsewhere every page's console would log an error).
        if not self.build.settings.mike:
            config.extra.pop("version", None)
        return config

    on_config = CombinedEvent(_check_inputs, _load)

    def on_build_error(self, *, error) -> None:
        self.build = None  # the next build (`mkdocs serve`) starts afresh

    def on_pre_build(self, *, config) -> None:
        self.build.depth += 1

    def on_files(self, files, *, config):
        # The stylesheets and scripts of the part folders (wakesite.part), published beside the
        # theme's own assets; before static-i18n (-100), which keeps them as they are.
        for source, site_path in part_module.published_assets():
            files.append(File(source.name, str(source.parent), config["site_dir"], config["use_directory_urls"],
                              dest_uri=site_path))
        return files

    def on_serve(self, server, *, config, builder):
        # An edit shows in the browser sooner (issue 29, edit-to-browser ≤ 1.5 s): MkDocs polls the
        # watched folders every 0.5 s, not configurable; every SERVE_POLL_SECONDS costs a few ms of
        # CPU for the project's few hundred watched files. Set on the observer (for the folders
        # watched below) and on the emitters MkDocs already started (docs/, mkdocs.yml, `watch`).
        server.observer._timeout = SERVE_POLL_SECONDS
        server.watch(str(render.TEMPLATES))
        for folder in part_module.template_folders():
            server.watch(str(folder))
        for emitter in server.observer.emitters:
            emitter._timeout = SERVE_POLL_SECONDS
        return server

    def on_env(self, env, *, config, files):
        # Each language's build makes a new environment; without this, every one recompiles
        # Material's templates (a third of the build's own time).
        env.bytecode_cache = self.build.templates.bytecode_cache  # the build's (buildcache)
        env.globals["wk_text"] = render.theme_text  # the words of overrides/main.html, from strings.yml
        env.globals["wk_lang_root"] = lang_root
        env.globals["wk_original_language"] = LANGS[0]  # the others are translations
        env.globals["wakesite_edition"] = self.build.site.edition  # every page's footer
        # Clauses whose English needs review: English pages say so at the top (overrides/main.html).
        env.globals["wakesite_stale_english"] = len(self.build.site.guideline.stale_english())
        env.filters["wk_without_language_links"] = versions.without_language_links
        return env

    # ---- pages ----

    def on_page_markdown(self, markdown, *, page, config, files):
        if "wakesite:" not in markdown:
            return None
        site, lang = self.build.site, _lang(page, config)
        page.meta["wakesite_parts"] = render.placeholders_in(markdown)  # read by on_page_content
        self.build.pages[page.url] = tuple(page.meta["wakesite_parts"])  # read by the search index
        page.meta["wakesite_assets"] = render.page_assets(page.meta["wakesite_parts"])  # read by main.html
        page.meta["wakesite_public"] = render.is_public(page.meta["wakesite_parts"])  # main.html: no 要確認 mark
        title = render.page_title(site, lang, page.file.src_uri, page.meta["wakesite_parts"])
        if title and "title" not in page.meta:
            page.meta["title"] = title  # the nav and <title> use it; stub pages have no title of their own
        try:
            filled = render.fill_placeholders(markdown, site, lang, page.url, page.file.src_uri,
                                              self.build.settings.address, pdfs=not self.build.settings.serving,
                                              env=self.build.templates)
        except ValueError as error:
            raise PluginError(str(error)) from None
        markdown, page.meta["wakesite_raw_html"] = render.set_aside_raw_html(filled)  # back in on_page_content
        return markdown

    def on_page_content(self, html, *, page, config, files):
        raw_blocks = page.meta.pop("wakesite_raw_html", [])
        html = render.put_back_raw_html(html, raw_blocks)
        if page.present_anchor_ids is not None:  # MkDocs validates links to these ids after the build
            page.present_anchor_ids |= render.anchor_ids(raw_blocks)
        # Markdown's toc extension titles every heading permalink "Permanent link", in any language.
        lang = _lang(page, config)
        html = render.localise_heading_permalinks(html, lang)
        for name in page.meta.get("wakesite_parts", []):
            for heading_id, row_id, label in render.toc_additions(name, self.build.site, lang):
                parent = _find_link(page.toc.items, heading_id)
                if parent is None:
                    raise PluginError(f"{page.file.src_uri}: no heading #{heading_id} in the table of contents "
                                      f"to put the row #{row_id} ({label}) under")
                parent.children.append(AnchorLink(label, row_id, parent.level + 1))
        return html

    def on_page_context(self, context, *, page, config, nav):
        # static-i18n sets `config.extra.alternate` as an attribute (which the theme reads first) and
        # as a key, depending on the page: read the one the theme will see, set both.
        alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
        if not alternates:
            raise PluginError(f"{page.file.src_uri}: no language switcher entries to make relative "
                              "(is the i18n plugin in mkdocs.yml?)")
        relative = versions.relative_alternates(alternates, config.get("site_url"))
        # やさしい日本語 as a third entry (its pages are Japanese pages under easy/, not a language
        # of static-i18n: wakesite.easy.language_menu).
        relative = easy.language_menu(relative, page.url, self.build.site.easy)
        config.extra["alternate"] = relative
        setattr(config.extra, "alternate", relative)
        return context

    def on_post_template(self, output_content, *, template_name, config):
        if template_name == "sitemap.xml":
            return versions.sitemap_paths_joined(output_content, config["site_url"])
        return output_content

    # ---- after a build: the language just built, then the whole site ----

    def _language_built(self, config):
        # static-i18n (suffix structure) keeps one site_dir for every language and writes the other
        # languages' pages to site_dir/<lang>/; this runs once per language.
        site, lang = self.build.site, config.theme["language"]
        root = Path(config["site_dir"]) / lang_root(lang)
        root.mkdir(parents=True, exist_ok=True)
        accounts.write_accounts_json(site.accounts, self.build.settings.address.stable(lang, "policy/"), root)
        try:
            linkrot.write_redirects(Path(config["site_dir"]), lang_root(lang), site.redirects,
                                    source=str(Path(config["docs_dir"]).name + "/_data/redirects.yml"))
        except ValueError as error:
            raise PluginError(str(error)) from None

    @event_priority(-200)
    def _site_built(self, config):
        if self.build.outermost:
            self._print_checklists(config)
        self._rewrite_search_index(config)

    @event_priority(-300)
    def _check_published(self, config):
        self.build.depth -= 1
        if self.build.depth:
            return
        problems = published.site_problems(Path(config["site_dir"]))
        if problems:
            raise PluginError("The built site is not fit to publish:\n" + "\n".join("  " + p for p in problems))
        address = self.build.settings.address
        if address.is_local_preview:
            log.info("Self-links (profile texts, accounts.json, the PDFs' links) point at the local preview "
                     "address %s; set SITE_URL to the address the site is published at "
                     "(scripts/release.py requires an https:// one).", address.root)

    on_post_build = CombinedEvent(_language_built, _site_built, _check_published)

    def _print_checklists(self, config) -> None:
        """Every checklist's blank PDF in every language, with one browser: printed by Chromium (a
        build dependency: missing, the build fails) or, when nothing they depend on changed, copied
        from the build cache (wakesite.buildcache). None under `mkdocs serve` (the pages say so)."""
        site, settings = self.build.site, self.build.settings
        if not site.checklists:
            raise PluginError("No checklist in checklists/: there is no PDF to print (the site's checklist pages need them)")
        if settings.serving:
            log.info("mkdocs serve: checklist PDFs are not made (pages show a note instead); `mkdocs build` makes them")
            return
        site_dir = Path(config["site_dir"])
        pages = checklists.sheets(site_dir, [c.id for c in site.checklists])
        started = time.monotonic()
        try:
            run = pdf.make_blank_pdfs(site_dir, pages, cache=buildcache.cache_dir("pdf", settings.project),
                                      edition_url=settings.address.edition)
        except pdf.PdfError as error:
            raise PluginError(f"Checklist PDFs could not be made: {error}") from None
        log.info("Checklist PDFs: %d (%d printed, %d unchanged from the build cache) in %.1f s",
                 len(run.files), run.printed, run.reused, time.monotonic() - started)

    def _rewrite_search_index(self, config) -> None:
        """search/search_index.json: an entry per clause, each tagged with its part of the site, the
        everyday words of search_synonyms.yml added to the entries they answer, then the questions
        of faq.yml as entries at the clauses that answer them and, in every Japanese index, the
        readings of its words (searchindex.add_kana_words). static-i18n merges
        the languages' indexes after building the others: this runs with an index of English only,
        then with the merged one (each language the index holds gets its words: idempotent). The
        whole index is checked, Material's search worker and bundle fixed and the index split by
        language once, by the outermost build."""
        site, outermost = self.build.site, self.build.outermost
        index_file = Path(config["site_dir"]) / "search" / "search_index.json"
        # Always expected: without it every clause entry and everyday word would be dropped in silence.
        if not index_file.is_file():
            raise PluginError(f"{index_file} is missing: it holds Material's search index "
                              "(is the `search` plugin in mkdocs.yml?)")
        index = json.loads(index_file.read_text(encoding="utf-8"))
        translations = {language["locale"]: language.get("nav_translations") or {}
                        for language in config["plugins"]["i18n"].config["languages"]}
        searchindex.rebuild(index, site.guideline, site.easy, site.accounts,
                            searchindex.page_labels(config["nav"], translations), site.faq,
                            self.build.pages, render.PARTS)
        missing = searchterms.apply(index, site.synonyms.synonyms)
        if missing:
            raise PluginError(f"search_synonyms.yml: no such entry in the search index: {', '.join(missing)} "
                              "(an anchor changed? correct the `section` entries)")
        searchindex.add_kana_words(index, easy.kana_readings, site.synonyms.names)
        searchindex.add_segments(index, easy.words_of)
        if outermost:  # the whole index, both languages: check what is published
            problems = searchindex.problems(index, site.guideline, searchindex.anchors_of(Path(config["site_dir"]), index))
            if problems:
                raise PluginError("The search index is wrong:\n  " + "\n  ".join(problems[:20]))
            # Material's search worker and main bundle are the whole site's (assets/ at its root).
            scripts = Path(config["site_dir"]) / "assets" / "javascripts"
            fixed = {}
            for kind in (searchindex.WORKER, searchindex.BUNDLE):
                files = sorted(scripts.glob(kind))
                if len(files) != 1:
                    raise PluginError(f"expected one file {kind} in {scripts}, found {len(files)}")
                try:
                    fixed[files[0]] = searchindex.fix_material(files[0].read_text(encoding="utf-8"), kind, files[0].name)
                except ValueError as error:
                    raise PluginError(str(error)) from None
            for file, code in fixed.items():  # written only when both are fixed: never half of them
                file.write_text(code, encoding="utf-8")
            for lang, part in searchindex.by_language(index, self.build.pages_holding("easy")).items():
                (index_file.parent / f"search_index.{lang}.json").write_text(
                    json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _load_site(settings: BuildSettings) -> Site:
    """The checked site data of the project being built; bad data stops the build with the file and line."""
    try:
        site = load_site(settings.data_dir, settings.checklists_dir)
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad site data, nothing was built:\n{error}") from None
    # The loader accepts a guideline alone (tests of the guideline data); the site needs it all.
    missing = [name for name, part in (("docs/_data/accounts.yml", site.accounts), ("docs/_data/edition.yml", site.edition),
                                       ("checklists/coverage.yml", site.coverage),
                                       ("docs/_data/search_synonyms.yml", site.synonyms)) if part is None]
    if missing:
        raise PluginError(f"Missing site data in {settings.project}: {', '.join(missing)}; nothing was built")
    return site


def _lang(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


def _find_link(links, anchor_id):
    for link in links:
        if link.id == anchor_id:
            return link
        found = _find_link(link.children, anchor_id)
        if found:
            return found
    return None
