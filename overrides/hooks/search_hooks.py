"""MkDocs hook: everyday words for search (docs/_data/search_synonyms.yml → wakesite.searchterms).

Events:
  on_post_build (priority -200)  add the words to their sections in search/search_index.json.
      After static-i18n's on_post_build (-100), which writes the index shared by both languages
      (otherwise it would overwrite what this adds). static-i18n builds the other languages
      from inside its own on_post_build and then merges the index, so this runs with an index
      of English only, then with the merged one: each language the index holds gets its words
      (idempotent), and a section named in the data but missing from the index fails the build.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(_SCRIPTS))

from wakesite import searchterms  # noqa: E402
from wakesite.datafile import DataError, DataErrors  # noqa: E402


@event_priority(-200)
def on_post_build(config):
    data = Path(config["docs_dir"]) / "_data" / "search_synonyms.yml"
    index_file = Path(config["site_dir"]) / "search" / "search_index.json"
    # Both are always expected: without them every everyday word would be dropped in silence.
    for needed, why in ((data, "the everyday words for search"),
                        (index_file, "Material's search index (is the `search` plugin in mkdocs.yml?)")):
        if not needed.is_file():
            raise PluginError(f"{needed} is missing: it holds {why}")
    try:
        synonyms = searchterms.load(data)
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad search data:\n{error}") from None
    missing = searchterms.apply_to_file(index_file, synonyms)
    if missing:
        raise PluginError(f"{data.name}: no such section in the search index: {', '.join(missing)} "
                          "(a heading anchor changed? correct the `section` entries)")
