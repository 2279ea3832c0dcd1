"""The words the site adds around the town's text, in both languages: templates/strings.yml, part of
the generator. Read here for the templates (render), the theme (render.theme_text), the search
index (what a clause's entry must not carry) and the Word documents (wakesite.word: 改正後, （略）,
第1.0版 in the site's words)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import datafile

FILE = Path(__file__).resolve().parent / "templates" / "strings.yml"


@lru_cache(maxsize=2)
def _words_at(mtime: float) -> dict:
    return datafile.safe_load(FILE.read_text(encoding="utf-8"))


def words() -> dict:
    """Every string of strings.yml, key → {ja, en}; parsed once per version of the file (edited
    under `mkdocs serve`, it is read again)."""
    return _words_at(FILE.stat().st_mtime)


def word(key: str, lang: str) -> str:
    return words()[key][lang]
