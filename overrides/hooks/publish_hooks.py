"""MkDocs hook: check what the build publishes, not only what it read (wakesite.checks.published).

Events:
  on_post_build (priority -300)  once every language is built and the PDFs are made (-200):
      the site holds only the kinds of file a web site serves, and every checklist PDF is one
      A4 page; anything else fails the build, naming the files. Says once when the pages' own
      addresses (profile texts, accounts.json, PDF links) are the local preview address.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from wakesite.checks import published
from wakesite.hooksupport import address_of, is_nested_language_build

log = logging.getLogger("mkdocs.hooks.wakesite")


@event_priority(-300)
def on_post_build(config):
    if is_nested_language_build(config):
        return
    problems = published.site_problems(Path(config["site_dir"]))
    if problems:
        raise PluginError("The built site is not fit to publish:\n" + "\n".join("  " + p for p in problems))
    address = address_of(config)
    if address.is_local_preview:
        log.info("Self-links (profile texts, accounts.json, the PDFs' links) point at the local preview "
                 "address %s; set SITE_URL to the address the site is published at "
                 "(scripts/release.py requires an https:// one).", address.root)
