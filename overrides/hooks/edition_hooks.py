"""MkDocs hooks for editions (published with mike): thin, like site_hooks.py; the work is in
scripts/wakesite (edition, versions, linkrot, comparison), which tests use without MkDocs.

Events (all default priority):
  on_config        keep Material's version selector (extra.version) only in builds made by mike
                   (it sets MIKE_DOCS_VERSION): elsewhere versions.json cannot exist, and asking
                   for it logs an error in every page's console.
  on_env           give the theme the current edition (`wakesite_edition`): overrides/main.html
                   shows it in every page footer; how many clauses' English needs review
                   (`wakesite_stale_english`: a note atop the English pages); and the filter `wk_without_language_links`,
                   with which main.html keeps relative language links out of <head>.
  on_post_template sitemap.xml: the addresses of the other language's pages, which static-i18n
                   joins to site_url as text, get the slash that mike's site_url lacks.
  on_page_context  after static-i18n (priority 50) has set the language switcher: make its
                   site-absolute links relative, so ja↔en stays inside the edition (/1.0/,
                   /latest/) the reader is in (wakesite.versions); add やさしい日本語 to it
                   (wakesite.easy.language_menu).
  on_post_build    write the redirect pages of docs/_data/redirects.yml for the language just
                   built (static-i18n builds each language in turn into the same site_dir).
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from wakesite import easy, linkrot, versions
from wakesite.lang import lang_root
from wakesite.hooksupport import site_of
from wakesite.versions import MIKE_VERSION_VARIABLE


def on_config(config):
    if not os.environ.get(MIKE_VERSION_VARIABLE):
        config.extra.pop("version", None)
    return config


def on_env(env, config, files):
    site = site_of(config)  # the same cached, checked data the page hook uses
    env.globals["wakesite_edition"] = site.edition
    # Clauses whose English needs review: English pages say so at the top (overrides/main.html).
    env.globals["wakesite_stale_english"] = len(site.guideline.stale_english())
    env.filters["wk_without_language_links"] = versions.without_language_links
    return env


def on_post_template(output_content, template_name, config):
    if template_name == "sitemap.xml":
        return versions.sitemap_paths_joined(output_content, config["site_url"])
    return output_content


def on_page_context(context, page, config, nav):
    # static-i18n sets `config.extra.alternate` as an attribute (which the theme reads first) and
    # as a key, depending on the page: read the one the theme will see, set both.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if not alternates:
        raise PluginError(f"{page.file.src_uri}: no language switcher entries to make relative "
                          "(is the i18n plugin in mkdocs.yml?)")
    relative = versions.relative_alternates(alternates, config.get("site_url"))
    # やさしい日本語 as a third entry (its pages are Japanese pages under easy/, not a language
    # of static-i18n: wakesite.easy.language_menu).
    relative = easy.language_menu(relative, page.url, site_of(config).easy)
    config.extra["alternate"] = relative
    setattr(config.extra, "alternate", relative)
    return context


def on_post_build(config):
    lang = config.theme["language"]
    redirects = site_of(config).redirects
    try:
        linkrot.write_redirects(Path(config["site_dir"]), lang_root(lang), redirects,
                                source=str(Path(config["docs_dir"]).name + "/_data/redirects.yml"))
    except ValueError as error:
        raise PluginError(str(error)) from None
