"""MkDocs hook: the search index, one entry per clause (wakesite.searchindex), with the everyday
words of docs/_data/search_synonyms.yml (wakesite.searchterms).

Events:
  on_post_build (priority -200)  rewrite search/search_index.json: an entry per clause, each
      tagged with its part of the site (the nav's names), then the words added to the entries they
      answer; and make the fixes to Material's search worker and bundle (searchindex.MATERIAL_FIXES).
      After static-i18n's on_post_build (-100), which writes the index shared by both languages
      (otherwise it would overwrite what this adds). static-i18n builds the other languages
      from inside its own on_post_build and then merges the index, so this runs with an index
      of English only, then with the merged one: each language the index holds gets its words
      (idempotent), and a section named in the data but missing from the index fails the build.
      Then the questions of faq.yml become entries at the clauses that answer them, and every
      Japanese index gets the readings of its words (searchindex.add_kana_words).
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from wakesite import easy, searchindex, searchterms
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
    translations = {language["locale"]: language.get("nav_translations") or {}
                    for language in config["plugins"]["i18n"].config["languages"]}
    searchindex.rebuild(index, site.guideline, site.easy, site.accounts,
                        searchindex.page_labels(config["nav"], translations), site.faq)
    missing = searchterms.apply(index, site.synonyms.synonyms)
    if missing:
        raise PluginError(f"search_synonyms.yml: no such entry in the search index: {', '.join(missing)} "
                          "(an anchor changed? correct the `section` entries)")
    searchindex.add_kana_words(index, easy.kana_readings, site.synonyms.names)
    searchindex.add_segments(index, easy.words_of)
    outermost = not is_nested_language_build(config)
    if outermost:  # the whole index, both languages: check what is published
        problems = searchindex.problems(index, site.guideline, searchindex.anchors_of(Path(config["site_dir"]), index))
        if problems:
            raise PluginError("The search index is wrong:\n  " + "\n  ".join(problems[:20]))
    # Material's search worker and main bundle are the whole site's (assets/ at its root): fixed
    # once, by the outermost build.
    if outermost:
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
        for lang, part in searchindex.by_language(index).items():
            (index_file.parent / f"search_index.{lang}.json").write_text(
                json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
