"""MkDocs hook: the search index, one entry per clause (wakesite.searchindex), with the everyday
words of docs/_data/search_synonyms.yml (wakesite.searchterms).

Events:
  on_post_build (priority -200)  rewrite search/search_index.json: an entry per clause, then the
      words added to the entries they answer.
      After static-i18n's on_post_build (-100), which writes the index shared by both languages
      (otherwise it would overwrite what this adds). static-i18n builds the other languages
      from inside its own on_post_build and then merges the index, so this runs with an index
      of English only, then with the merged one: each language the index holds gets its words
      (idempotent), and a section named in the data but missing from the index fails the build.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(_SCRIPTS))

from wakesite import searchindex, searchterms  # noqa: E402
from wakesite.hooksupport import is_nested_language_build, site_of  # noqa: E402
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
    guideline = site_of(config).guideline
    index = json.loads(index_file.read_text(encoding="utf-8"))
    searchindex.rebuild(index, guideline)
    missing = searchterms.apply(index, synonyms)
    if not is_nested_language_build(config):  # the whole index, both languages: check what is published
        problems = searchindex.problems(index, guideline, searchindex.anchors_of(Path(config["site_dir"]), index))
        if problems:
            raise PluginError("The search index is wrong:\n  " + "\n  ".join(problems[:20]))
        for lang, part in searchindex.by_language(index).items():
            (index_file.parent / f"search_index.{lang}.json").write_text(
                json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    # The worker is the whole site's (assets/ at its root): fixed once, by the outermost build.
    workers = [] if is_nested_language_build(config) else \
        sorted((Path(config["site_dir"]) / "assets" / "javascripts" / "workers").glob("search.*.js"))
    if not is_nested_language_build(config) and len(workers) != 1:
        raise PluginError(f"expected one search worker in assets/javascripts/workers, found {len(workers)}")
    for worker in workers:
        try:
            worker.write_text(searchindex.fix_segmenter(worker.read_text(encoding="utf-8"), worker.name), encoding="utf-8")
        except ValueError as error:
            raise PluginError(str(error)) from None
    if missing:
        raise PluginError(f"{data.name}: no such section in the search index: {', '.join(missing)} "
                          "(a heading anchor changed? correct the `section` entries)")
