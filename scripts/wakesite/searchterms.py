"""Everyday words for search (docs/_data/search_synonyms.yml), added to the built search index.

People search for 荒らし, 乗っ取り or 私用のスマートフォン; the guideline says 誹謗中傷,
パスワードが外部に漏えい, 個人所有の端末. Each entry of the data file names a section (page and
anchor: a clause, a policy row, an accounts section) and the words, per language, that should
find it. `apply` puts them in that entry of Material's search/search_index.json, in a field of
their own (`words`) that lunr indexes and Material never shows. The pages themselves are not
changed (nothing for screen readers to read).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import datafile
from .datafile import DataError, DataErrors
from .lang import LANGS, lang_root
from .searchentry import WORDS, languages_in

SCHEMA = "search_synonyms.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
# The words go in the index's field of words that are searched but never shown.
FIELD = WORDS


@dataclass(frozen=True)
class Synonyms:
    section: str                      # 'guideline/#troubles' (relative to a language's root)
    words: dict[str, tuple[str, ...]]  # language → words


@dataclass(frozen=True)
class SearchTerms:
    synonyms: list[Synonyms]
    # A name written in Latin letters → how it is typed in kana (LINE → らいん): the dictionary
    # cannot read it, so a query in kana would not find it (searchindex.KANA_WORDS).
    names: dict[str, tuple[str, ...]]


def load(path: Path, schema_dir: Path | None = None) -> SearchTerms:
    """Read and check the data file against its schema; errors name the file, the line and the
    entry. A section listed twice is an error (its words would be split over two entries)."""
    data = datafile.load(Path(path))  # YAML errors, duplicate keys, aliases: with their line
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), Path(path))
    shown = datafile.display_path(Path(path))
    found, seen, errors = [], datafile.FirstSeen(), []
    for index, entry in enumerate(data["synonyms"]):
        line = data["synonyms"].line_of(index)
        section = entry["section"]
        if (first := seen.again(section, line)) is not None:
            errors.append(DataError(shown, line, f"section {section} is listed twice (first on line {first}); "
                                    "merge the entries", f"synonyms entry {index + 1} ({section})"))
        found.append(Synonyms(section, {lang: tuple(w.strip() for w in entry.get(lang, [])) for lang in LANGS}))
    names = {}
    for index, entry in enumerate(data.get("names", [])):
        line = data["names"].line_of(index)
        if (first := seen.again(("name", entry["name"]), line)) is not None:
            errors.append(DataError(shown, line, f"name {entry['name']} is listed twice (first on line {first})",
                                    f"names entry {index + 1}"))
        names[entry["name"]] = tuple(entry["kana"])
    if errors:
        raise DataErrors(errors)
    return SearchTerms(found, names)


def location(section: str, lang: str) -> str:
    return lang_root(lang) + section


def apply(index: dict, synonyms: list[Synonyms]) -> list[str]:
    """Add the words to their sections in a search index (Material's JSON, as a dict), for each
    language the index holds. Idempotent (a section already given its words is left alone).
    Returns the locations not in the index (a heading renamed: the data file needs correcting)."""
    by_location = {doc["location"]: doc for doc in index.get("docs", [])}
    missing = []
    for entry in synonyms:
        for lang in languages_in(index):
            words = entry.words.get(lang)
            if not words:
                continue
            doc = by_location.get(location(entry.section, lang))
            if doc is None:
                missing.append(location(entry.section, lang))
                continue
            # Added to the words already there (a checklist's items), each once: idempotent.
            doc[FIELD] = " ".join(dict.fromkeys(doc.get(FIELD, "").split() + list(words)))
    return missing


def apply_to_file(index_file: Path, synonyms: list[Synonyms]) -> list[str]:
    index = json.loads(index_file.read_text(encoding="utf-8"))
    missing = apply(index, synonyms)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return missing
