"""What a part's search rule (`Part.search`) works with: an entry of Material's search index (a
dict: location, title, text as HTML, boost) and where it is (`Where`: its page, the parts that page
holds, the site's data). wakesite.searchindex applies the rules to the entries of every page that
holds the part; the part folders write them. Both read this module (and wakesite.searchterms, the
everyday words: the index's fields and languages), so none of them imports another.

A rule is `rule(entry, where) -> list[dict]`: the entries to put in the entry's place, the entry
itself first (it may change it), or none to leave it out of the index.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .lang import LANGS

TAG = re.compile(r"<[^>]+>")
# The index's fields that are searched but never shown (wakesite.searchindex weighs them): the
# everyday words of search_synonyms.yml (wakesite.searchterms), a checklist's items.
WORDS = "words"
ITEMS = "items"


def as_html(text: str) -> str:
    """Plain text as an entry's text: a paragraph per line."""
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.split("\n") if line.strip())


def lang_of(path: str) -> str:
    """The language of an entry's page ('en/policy/' is English)."""
    return next((lang for lang in LANGS[1:] if path.startswith(lang + "/")), LANGS[0])


def languages_in(index: dict) -> list[str]:
    """The languages that have pages in a search index ('en/…' locations are English)."""
    prefixes = {doc["location"].split("/", 1)[0] for doc in index.get("docs", [])}
    return [lang for lang in LANGS if (lang in prefixes if lang != LANGS[0] else prefixes - set(LANGS[1:]))]


@dataclass
class Rebuild:
    """One run of wakesite.searchindex.rebuild, as the rules see it: the site's data (any may be
    None: a test's index), Material's entries by location, and what the rules noted in this run."""
    easy: object | None = None
    accounts: object | None = None
    faq: object | None = None
    entries: dict[str, dict] = field(default_factory=dict)
    # Pages whose entries a rule made again in this run (the accounts' list, split per account):
    # the entries of an earlier run there are left out.
    remade: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Where:
    """An entry's place: its page's location in the index ('en/accounts/'), its anchor ('official',
    '' for the page's own entry), the page's language, and the run."""
    path: str
    anchor: str
    lang: str
    run: Rebuild
