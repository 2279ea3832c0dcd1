"""The guideline as a tree of clauses, built from docs/_data/guideline.yml.

Each clause with an id is an anchor other pages link to. Every clause knows its reference
label in both languages ("4(5)ウ" / "4(5)(c)", "5(4) セキュリティー対策 2"), derived from the
Japanese numbering of the source, so checklists and printouts cite clauses the way staff do.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import datafile
from .datafile import DataError, DataErrors
from .lang import Bilingual

SCHEMA = "guideline.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)

# ア, イ, ウ … are the Japanese equivalent of (a), (b), (c) … in official English translations.
_KATAKANA_ORDER = "アイウエオカキクケコサシスセソタチツテト"


def number_core(number: str) -> str:
    """'４．' → '4', '（５）' → '5', 'ア' → 'ア' (half-width digits, punctuation dropped)."""
    return unicodedata.normalize("NFKC", number).strip().strip(".()")


def number_in(number: str, lang: str) -> str:
    """How a clause number is shown: the source's own numbering in Japanese, its English form in English."""
    if lang == "ja":
        return number
    core = number_core(number)
    if core in _KATAKANA_ORDER:
        return f"({chr(ord('a') + _KATAKANA_ORDER.index(core))})"
    if unicodedata.normalize("NFKC", number).startswith("("):
        return f"({core})"
    return f"{core}."


@dataclass(eq=False)
class Clause:
    """One node of the guideline: chapter, section, paragraph, items, item, table or row."""

    kind: str
    line: int
    id: str | None = None
    number: str | None = None
    title: Bilingual | None = None  # chapter and section titles, row labels
    text: Bilingual | None = None  # paragraph and item text
    children: list["Clause"] = field(default_factory=list)
    parent: "Clause | None" = None
    ref: Bilingual = Bilingual("", "")

    def walk(self) -> Iterator["Clause"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def heading(self, lang: str) -> str:
        """'４．ソーシャルメディア利用の基本原則' / '4. Basic principles for using social media'."""
        number = number_in(self.number, lang) if self.number else ""
        gap = " " if lang == "en" and number else ""
        return f"{number}{gap}{self.title[lang]}"

    def describe(self, lang: str) -> str:
        """How a person names the clause: '2 ガイドラインの適用範囲', '4(5)ウ', '5(4) セキュリティー対策'."""
        if self.kind in ("chapter", "section"):
            return f"{self.ref[lang]} {self.title[lang]}"
        if self.kind == "row" or (self.kind == "item" and self.number):
            return self.ref[lang]
        return self.parent.describe(lang) if self.parent else self.ref[lang]

    def heading_ancestor(self) -> "Clause | None":
        """The nearest chapter or section above this clause (the heading it sits under)."""
        node = self.parent
        while node is not None and node.kind not in ("chapter", "section"):
            node = node.parent
        return node


@dataclass
class Guideline:
    title: Bilingual
    chapters: list[Clause]
    clauses: dict[str, Clause]  # every clause that has an id
    path: Path

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]


def _ref_for(node: Clause, parent: Clause | None) -> Bilingual:
    if node.kind == "chapter":
        core = number_core(node.number)
        return Bilingual(core, core)
    assert parent is not None
    if node.kind == "section":
        core = f"({number_core(node.number)})"
        return Bilingual(parent.ref.ja + core, parent.ref.en + core)
    if node.kind == "row":
        return Bilingual(f"{parent.ref.ja} {node.title.ja}", f"{parent.ref.en} {node.title.en}")
    if node.kind == "item" and node.number:
        core = number_core(node.number)
        if parent.kind == "items" and parent.parent is not None and parent.parent.kind == "row":
            return Bilingual(f"{parent.ref.ja} {core}", f"{parent.ref.en} {core}")
        return Bilingual(parent.ref.ja + core, parent.ref.en + number_in(node.number, "en"))
    return parent.ref


def _build(kind: str, data: dict, line: int, parent: Clause | None, path: Path,
           seen: dict[str, Clause], errors: list[DataError]) -> Clause:
    node = Clause(kind=kind, line=line, id=data.get("id"), number=data.get("number"), parent=parent)
    if "title" in data:
        node.title = Bilingual.of(data["title"])
    if "label" in data:
        node.title = Bilingual.of(data["label"])
    if "text" in data:
        node.text = Bilingual.of(data["text"])
    if kind == "paragraph":
        node.text = Bilingual.of(data)
    node.ref = _ref_for(node, parent)
    if node.id:
        if node.id in seen:
            errors.append(DataError(datafile.display_path(path), line,
                                    datafile.duplicate_id(seen[node.id].line), f"clause {node.id!r}"))
        else:
            seen[node.id] = node

    def add(child_kind: str, child_data: dict, child_line: int, owner: Clause) -> None:
        owner.children.append(_build(child_kind, child_data, child_line, owner, path, seen, errors))

    content = data.get("content") or []
    for index, entry in enumerate(content):
        entry_line = content.line_of(index) if hasattr(content, "line_of") else line
        ((entry_kind, value),) = entry.items()
        if entry_kind in ("paragraph", "section"):
            add(entry_kind, value, entry_line, node)
        elif entry_kind == "items":
            group = Clause(kind="items", line=entry_line, parent=node, ref=node.ref)
            for item_index, item in enumerate(value):
                add("item", item, value.line_of(item_index), group)
            node.children.append(group)
        elif entry_kind == "table":
            table = Clause(kind="table", line=entry_line, id=value["id"], parent=node, ref=node.ref)
            if table.id in seen:
                errors.append(DataError(datafile.display_path(path), entry_line,
                                        datafile.duplicate_id(seen[table.id].line), f"clause {table.id!r}"))
            else:
                seen[table.id] = table
            for row_index, row in enumerate(value["rows"]):
                add("row", row, value["rows"].line_of(row_index), table)
            node.children.append(table)
    return node


def load(path: Path, schema_dir: Path | None = None) -> Guideline:
    """Load, validate and model guideline.yml. Raises DataError(s) naming file, line and clause."""
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    seen: dict[str, Clause] = {}
    errors: list[DataError] = []
    chapters = [_build("chapter", chapter, data["chapters"].line_of(i), None, path, seen, errors)
                for i, chapter in enumerate(data["chapters"])]
    if errors:
        raise DataErrors(errors)
    return Guideline(title=Bilingual.of(data["title"]), chapters=chapters, clauses=seen, path=path)
