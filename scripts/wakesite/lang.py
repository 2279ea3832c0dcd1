"""The site's two languages and bilingual text: the words every part of the generator shares.

Japanese is the default language (pages at /), English the other (at /en/, static-i18n's suffix
structure). A Bilingual is a text in both, looked up by language code.
"""
from __future__ import annotations

from dataclasses import dataclass

LANGS = ("ja", "en")


def lang_root(lang: str) -> str:
    """Where a language's pages are built, relative to the site: '' for the default language
    (at /), 'en/' for the others (at /en/; static-i18n's suffix structure)."""
    return "" if lang == LANGS[0] else f"{lang}/"


@dataclass(frozen=True)
class Bilingual:
    ja: str
    en: str

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(f"unknown language {lang!r}; expected one of {LANGS}")
        return getattr(self, lang)

    @classmethod
    def of(cls, data: dict) -> "Bilingual":
        return cls(ja=data["ja"], en=data["en"])
