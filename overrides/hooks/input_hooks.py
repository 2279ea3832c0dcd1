"""MkDocs hook: check what a build reads before it reads it (wakesite.hooksupport.check_inputs).

Events:
  on_config (priority 100)  before every other plugin and hook: the site's address (SITE_URL:
      https, a host, a path, no user name, query, fragment, '..' or markup), the generator (this
      project's own scripts/), and the files of docs/, overrides/ and checklists/ (no link out of
      the project). Any problem stops the build before a file is read or written.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

from wakesite import hooksupport


@event_priority(100)
def on_config(config):
    hooksupport.check_inputs(config)
    return config
