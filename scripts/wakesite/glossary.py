"""The English glossary (docs/_data/glossary.yml): one English term for each Japanese term that
matters, and the English variants that must not be used, and the checks of English text against it.

The Japanese is authoritative; the English translates it. Two rules hold for every bilingual text
of the project (every `{ja, en}` pair of a data file, and each page beside its `.en.md`):

- wherever the Japanese contains a term, the English contains its English term (or one of its
  listed inflections), case-insensitive. A longer term is matched first and hides the shorter
  ones inside it: 運用担当者 is checked as itself, not also as 担当者;
- no English text uses a forbidden variant of any term (matched at the start of a word, so
  plurals count), once the term's own English is taken out ("right to one's likeness (portrait
  rights)" is fine, "portrait rights" alone is not);
- and the other way round, one Japanese term per English term: wherever the English has a term's
  English (as whole words), the Japanese has that term, or one of the other written forms the
  glossary lists for it (`ja_also`), or a term whose English holds these words ("countering online
  backlash" holds "online backlash"). "Division in charge" for 運用を統括する課 (whose English is
  "overseeing") is caught here. No two terms share an English form.

And one rule for the punctuation of English text (`stray_fullwidth`): full-width brackets,
quotes and punctuation （）「」『』、。： and the ideographic space appear only inside Japanese
quoted as written (a run of Japanese characters, e.g. （略） or 和気町（岡山県）), never around
or between English words. English puts Japanese names in ASCII brackets: "(和気町個人保護条例)".
On the built pages, Japanese quoted as it stands (the errata's source text, the 新旧対照表) is
marked lang="ja" and is not English text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import datafile
from .datafile import DataError, DataErrors

SCHEMA = "glossary.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)


# Addresses and anchors are not words: /checklists/incident-flaming/ or #flaming is an id that
# never changes, not English for 炎上.
_ADDRESS = re.compile(r"\S*[/#]\S*")


def _normal(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces: how English texts are compared."""
    return " ".join(text.replace("\u2019", "'").lower().split())


@dataclass(frozen=True)
class Term:
    ja: str
    en: str
    also: tuple[str, ...]  # other accepted forms of `en` (inflections: approved, impersonating)
    forbidden: tuple[str, ...]  # English that must not stand for this term anywhere
    note: str
    line: int
    ja_also: tuple[str, ...] = ()  # other written forms of the same term that its English may translate

    def english_in(self, en: str) -> str | None:
        """The accepted form of this term that `en` uses as whole words, if any."""
        text = _ADDRESS.sub(" ", _normal(en))
        for form in sorted(self.accepted, key=len, reverse=True):
            if re.search(r"(?<![a-z0-9])" + re.escape(_normal(form)) + r"(?![a-z0-9])", text):
                return form
        return None

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.en, *self.also)

    def in_english(self, en: str) -> bool:
        text = _normal(en)
        return any(_normal(form) in text for form in self.accepted)

    def forbidden_in(self, en: str) -> list[str]:
        """The forbidden variants `en` uses, once the accepted forms are taken out of it."""
        text = _ADDRESS.sub(" ", _normal(en))
        for form in sorted(self.accepted, key=len, reverse=True):
            text = text.replace(_normal(form), "\0")
        return [variant for variant in self.forbidden
                if re.search(r"(?<![a-z0-9_-])" + re.escape(_normal(variant)), text)]


@dataclass
class Glossary:
    terms: list[Term]
    path: Path

    def terms_in(self, ja: str) -> list[Term]:
        """The terms a Japanese text contains, the longest first; a term inside a longer one that
        is found there is not counted again (運用担当者 hides 担当者)."""
        found = []
        for term in sorted(self.terms, key=lambda t: len(t.ja), reverse=True):
            if term.ja in ja:
                found.append(term)
                ja = ja.replace(term.ja, "\0")
        return found

    def missing(self, ja: str, en: str) -> list[Term]:
        """The terms of `ja` whose English `en` does not contain."""
        return [term for term in self.terms_in(ja) if not term.in_english(en)]

    def forbidden_in(self, en: str) -> list[tuple[Term, str]]:
        return [(term, variant) for term in self.terms for variant in term.forbidden_in(en)]

    def unexpected(self, ja: str, en: str) -> list[tuple[Term, str]]:
        """(term, its English) for each term whose English `en` uses while `ja` has neither the
        term nor one of its other written forms, nor a term whose English holds those words."""
        found = []
        present = [term for term in self.terms if term.ja in ja or any(form in ja for form in term.ja_also)]
        for term in self.terms:
            form = term.english_in(en)
            if form is None or term in present:
                continue
            if any(_normal(form) in _normal(other.en) for other in present):
                continue
            found.append((term, form))
        return found


def load(path: Path, schema_dir: Path | None = None) -> Glossary:
    """Read, schema-check and model the glossary; every problem is reported with its line."""
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path, describe=datafile.entry_in("terms", "ja", "term"))
    shown = datafile.display_path(path)
    errors: list[DataError] = []
    terms: list[Term] = []
    seen = datafile.FirstSeen()
    for entry in data["terms"]:
        where = f"term {entry['ja']!r}"
        if (first := seen.again(entry["ja"], entry.line_of("ja"))) is not None:
            errors.append(DataError(shown, entry.line_of("ja"), f"duplicate term (first on line {first})", where))
        term = Term(entry["ja"], entry["en"], tuple(entry.get("also", ())), tuple(entry.get("forbidden", ())),
                    entry["note"], entry.line, tuple(entry.get("ja_also", ())))
        for variant in term.forbidden:
            if _normal(variant) in map(_normal, term.accepted):
                errors.append(DataError(shown, entry.line_of("forbidden"), f"{variant!r} is both accepted and forbidden", where))
        terms.append(term)
    # One Japanese term per English term: no English form belongs to two terms.
    english = datafile.FirstSeen()
    for term in terms:
        for form in term.accepted:
            if (first := english.again(_normal(form), term.line)) is not None:
                errors.append(DataError(shown, term.line, f"its English {form!r} is also the English of the term on line {first}: "
                                                          "one Japanese term per English term", f"term {term.ja!r}"))
    # The glossary must agree with itself: no term's English uses a variant another term forbids.
    glossary = Glossary(terms, path)
    for term in terms:
        for form in term.accepted:
            for other, variant in glossary.forbidden_in(form):
                if other is not term:
                    errors.append(DataError(shown, term.line, f"its English {form!r} uses {variant!r}, "
                                                              f"which term {other.ja!r} forbids", f"term {term.ja!r}"))
    if errors:
        raise DataErrors(errors)
    return glossary


# ---- The English text of the project, with its Japanese ----

@dataclass(frozen=True)
class Text:
    """One English text and the Japanese it translates (None for English with no counterpart)."""

    path: str  # as a person types it from the project root
    line: int | None
    where: str  # keys and indexes inside the file ('' for a whole page)
    ja: str | None
    en: str

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        return f"{location}: {self.where}" if self.where else location


def bilingual_texts(path: Path) -> Iterator[Text]:
    """Every `{ja: …, en: …}` pair of strings in a data file, read through datafile.load."""
    data = datafile.load(path)
    shown = datafile.display_path(path)

    def walk(node: Any, keys: tuple) -> Iterator[Text]:
        if isinstance(node, dict):
            if isinstance(node.get("ja"), str) and isinstance(node.get("en"), str):
                yield Text(shown, getattr(node, "line", None), "/".join(map(str, keys)), node["ja"], node["en"])
            for key, value in node.items():
                yield from walk(value, keys + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, keys + (index,))

    yield from walk(data, ())


def page_texts(docs_dir: Path) -> Iterator[Text]:
    """Each English page (docs/**/*.en.md) with its Japanese page beside it."""
    for english in sorted(Path(docs_dir).rglob("*.en.md")):
        japanese = english.with_name(english.name.removesuffix(".en.md") + ".md")
        ja = japanese.read_text(encoding="utf-8") if japanese.exists() else None
        yield Text(datafile.display_path(english), None, "", ja, english.read_text(encoding="utf-8"))


def problems(glossary: Glossary, texts: Iterable[Text], unpaired: Iterable[Text] = ()) -> list[str]:
    """Every way the texts depart from the glossary or from the punctuation rule of English, one
    message per problem naming the file, line and entry. `unpaired` texts are checked for their
    English alone (texts whose translation is free by design, e.g. length-limited profile texts)."""
    found = []
    for text, paired in [(t, True) for t in texts] + [(t, False) for t in unpaired]:
        if paired and text.ja is not None:
            for term in glossary.missing(text.ja, text.en):
                found.append(f"{text}: the Japanese has {term.ja}, the English lacks {term.en!r}: {text.en!r}")
            for term, form in glossary.unexpected(text.ja, text.en):
                found.append(f"{text}: the English has {form!r}, the English of {term.ja}, which the Japanese lacks: {text.en!r}")
        for term, variant in glossary.forbidden_in(text.en):
            found.append(f"{text}: {variant!r} is not the English for {term.ja} (use {term.en!r}): {text.en!r}")
        for stray in stray_fullwidth(text.en):
            found.append(f"{text}: full-width {stray!r} outside Japanese text: {text.en!r}")
    return found


# ---- Full-width punctuation in English ----

# A run of Japanese: kana or kanji, with the full-width punctuation, letters and digits beside them.
_JAPANESE_RUN = re.compile(r"[\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+")
_KANA_OR_KANJI = re.compile(r"[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF々〆]")
_FULLWIDTH_PUNCTUATION = re.compile(r"[\u3000-\u3003\u3008-\u3011\u3014-\u301F\u30FB\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]")


def stray_fullwidth(english: str) -> list[str]:
    """Full-width punctuation (brackets, quotes, 、。：, the ideographic space) in English text that
    is not part of Japanese quoted as written."""
    outside = _JAPANESE_RUN.sub(lambda m: "" if _KANA_OR_KANJI.search(m.group(0)) else m.group(0), english)
    return _FULLWIDTH_PUNCTUATION.findall(outside)


# ---- The project's texts ----

# Texts translated freely by design, checked for their English alone: the profile texts must fit
# a platform's length limit (Facebook's 101 characters leave no room for "operation policy and
# disclaimer" beside the address). (file name, end of the keys inside it)
FREE_TRANSLATIONS = (("accounts.yml", "profile/text"),)


def project_texts(root: Path) -> tuple[list[Text], list[Text]]:
    """Every bilingual text of the project under `root`, as (translations, free translations):
    the {ja, en} pairs of docs/_data/*.yml (the glossary itself aside), checklists/*.yml and the
    UI strings, and each English page with its Japanese one."""
    root = Path(root)
    files = [p for p in sorted((root / "docs" / "_data").glob("*.yml")) if p.name != "glossary.yml"]
    files += sorted((root / "checklists").glob("*.yml")) + [root / "scripts" / "wakesite" / "templates" / "strings.yml"]
    texts = [text for path in files for text in bilingual_texts(path)] + list(page_texts(root / "docs"))
    free = [t for t in texts if any(Path(t.path).name == name and t.where.endswith(keys) for name, keys in FREE_TRANSLATIONS)]
    return [t for t in texts if t not in free], free
