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
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from wakesite import searchindex, searchterms
from wakesite.hooksupport import is_nested_language_build, site_of


@event_priority(-200)
def on_post_build(config):
    index_file = Path(config["site_dir"]) / "search" / "search_index.json"
    # Always expected: without it every clause entry and everyday word would be dropped in silence.
    if not index_file.is_file():
        raise PluginError(f"{index_file} is missing: it holds Material's search index "
                          "(is the `search` plugin in mkdocs.yml?)")
    site = site_of(config)  # the synonyms are loaded and checked with the rest of the data
    index = json.loads(index_file.read_text(encoding="utf-8"))
    searchindex.rebuild(index, site.guideline, site.easy, site.accounts)
    missing = searchterms.apply(index, site.synonyms)
    if missing:
        raise PluginError(f"search_synonyms.yml: no such entry in the search index: {', '.join(missing)} "
                          "(an anchor changed? correct the `section` entries)")
    outermost = not is_nested_language_build(config)
    if outermost:  # the whole index, both languages: check what is published
        problems = searchindex.problems(index, site.guideline, searchindex.anchors_of(Path(config["site_dir"]), index))
        if problems:
            raise PluginError("The search index is wrong:\n  " + "\n  ".join(problems[:20]))
    # The worker is the whole site's (assets/ at its root): fixed once, by the outermost build.
    workers = sorted((Path(config["site_dir"]) / "assets" / "javascripts" / "workers").glob("search.*.js")) \
        if outermost else []
    if outermost and len(workers) != 1:
        raise PluginError(f"expected one search worker in assets/javascripts/workers, found {len(workers)}")
    try:
        fixed = {worker: searchindex.fix_segmenter(worker.read_text(encoding="utf-8"), worker.name) for worker in workers}
    except ValueError as error:
        raise PluginError(str(error)) from None
    for worker, code in fixed.items():
        worker.write_text(code, encoding="utf-8")
    if outermost:
        for lang, part in searchindex.by_language(index).items():
            (index_file.parent / f"search_index.{lang}.json").write_text(
                json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
