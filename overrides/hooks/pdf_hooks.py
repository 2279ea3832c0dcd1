"""MkDocs hooks for the checklists' blank PDFs (the work is in scripts/wakesite/pdf.py).

Events:
  on_post_build  (priority -200) once every language is built, make every checklist's PDF in
                 every language with one browser: printed by Chromium (a build dependency:
                 missing, the build fails) or, when nothing they depend on changed, copied
                 from the build cache (wakesite.buildcache).

static-i18n builds the default language, then, from its own on_post_build (-100), each other
language with the same config object, whose hooks run again (nested). Only the outermost call,
when static-i18n is no longer `building`, has every language's pages to print.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from wakesite import buildcache, pdf
from wakesite.hooksupport import address_of, is_nested_language_build, project_of, serving, site_of

log = logging.getLogger("mkdocs.hooks.wakesite")


@event_priority(-200)
def on_post_build(config):
    if is_nested_language_build(config):
        return
    site = site_of(config)
    if not site.checklists:
        raise PluginError("No checklist in checklists/: there is no PDF to print (the site's checklist pages need them)")
    if serving():  # site_hooks.on_startup remembered the command; the pages say so too
        log.info("mkdocs serve: checklist PDFs are not made (pages show a note instead); `mkdocs build` makes them")
        return
    site_dir = Path(config["site_dir"])
    pages = pdf.every_checklist_page(site_dir, [c.id for c in site.checklists])
    started = time.monotonic()
    try:
        run = pdf.make_blank_pdfs(site_dir, pages, cache=buildcache.cache_dir("pdf", project_of(config)),
                                  edition_url=address_of(config).edition)
    except pdf.PdfError as error:
        raise PluginError(f"Checklist PDFs could not be made: {error}") from None
    log.info("Checklist PDFs: %d (%d printed, %d unchanged from the build cache) in %.1f s",
             len(run.files), run.printed, run.reused, time.monotonic() - started)
