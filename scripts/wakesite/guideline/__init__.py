"""The guideline as a tree of clauses, built from docs/_data/guideline.yml.

Each clause with an id is an anchor other pages link to. Every clause knows its reference
label in both languages ("4(5)ウ" / "4(5)(c)", "5(4) セキュリティー対策 2"), derived from the
Japanese numbering of the source, so checklists and printouts cite clauses the way staff do.

The package is the part folder of /guideline/ (wakesite.part): its part at the end, its template
(guideline.md.j2) beside this file; the clauses' markup, which /policy/ shares, is the generator's
templates/_clauses.j2.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from markupsafe import escape as html_escape

from .. import datafile
from ..datafile import DataError, DataErrors
from ..lang import Bilingual
from ..part import Part

SCHEMA = "guideline.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
# The page that shows every clause (docs/guideline.md), as links and the search index name it.
PAGE = "guideline/"

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
    # The English needs review (guideline.yml `en_review`, written by `scripts/word.py import`):
    # "changed" (the Japanese was revised after the English was written) or "new" (no English yet:
    # the English pages show the Japanese, marked as such). None: the English is current.
    en_review: str | None = None

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


@dataclass(frozen=True)
class Removed:
    """The anchor of a clause a revision removed (guideline.yml `removed`): /guideline/ keeps it as
    a note saying so, so that a link to it still lands somewhere that explains (a tombstone)."""

    id: str
    ref: Bilingual  # how the clause was named: "4(5)エ"
    last_edition: str  # the last edition that had it
    line: int


@dataclass
class Guideline:
    title: Bilingual
    chapters: list[Clause]
    clauses: dict[str, Clause]  # every clause that has an id
    path: Path
    removed: list[Removed] = field(default_factory=list)

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def stale_english(self) -> list[Clause]:
        """Every clause whose English needs review (en_review), in reading order."""
        return [node for chapter in self.chapters for node in chapter.walk() if node.en_review]


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


def _bilingual(value: dict, node: Clause, path: Path, errors: list[DataError]) -> Bilingual:
    """A text of the node; without English (allowed only while `en_review: new`) the English pages
    show the Japanese, marked as such by the templates."""
    if "en" in value:
        if node.en_review == "new":
            errors.append(DataError(datafile.display_path(path), node.line,
                                    "en_review is 'new' but the English is there: once it is reviewed, "
                                    "remove en_review", f"clause {node.id or node.kind!r}"))
        return Bilingual.of(value)
    if node.en_review != "new":
        errors.append(DataError(datafile.display_path(path), node.line,
                                "no English ('en'): write it, or mark the clause `en_review: new` "
                                "while it is being translated", f"clause {node.id or node.kind!r}"))
    return Bilingual(value["ja"], value["ja"])


def _build(kind: str, data: dict, line: int, parent: Clause | None, path: Path,
           seen: dict[str, Clause], errors: list[DataError]) -> Clause:
    node = Clause(kind=kind, line=line, id=data.get("id"), number=data.get("number"), parent=parent,
                  en_review=data.get("en_review"))
    if "title" in data:
        node.title = _bilingual(data["title"], node, path, errors)
    if "label" in data:
        node.title = _bilingual(data["label"], node, path, errors)
    if "text" in data:
        node.text = _bilingual(data["text"], node, path, errors)
    if kind == "paragraph":
        node.text = _bilingual(data, node, path, errors)
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
    removed = []
    for index, entry in enumerate(data.get("removed", [])):
        tombstone = Removed(entry["id"], Bilingual.of(entry["ref"]), entry["last_edition"],
                            data["removed"].line_of(index))
        if tombstone.id in seen:
            errors.append(DataError(datafile.display_path(path), tombstone.line,
                                    f"{tombstone.id!r} is the anchor of a clause (line {seen[tombstone.id].line}) "
                                    "and of a removed one: an anchor is never used again", "removed"))
        elif any(other.id == tombstone.id for other in removed):
            errors.append(DataError(datafile.display_path(path), tombstone.line,
                                    f"{tombstone.id!r} is listed twice", "removed"))
        removed.append(tombstone)
    if errors:
        raise DataErrors(errors)
    return Guideline(title=Bilingual.of(data["title"]), chapters=chapters, clauses=seen, path=path,
                     removed=removed)


# ---- The part: /guideline/ ----

def _toc_rows(site, lang: str) -> list[tuple[str, str, str]]:
    """The table rows (5(2), 5(4) …) under their headings in the page's table of contents."""
    return [(row.heading_ancestor().id, row.id, str(html_escape(row.title[lang])))
            for row in site.guideline.clauses.values() if row.kind == "row"]


PARTS = {
    "guideline": Part(staff=True, toc_rows=_toc_rows),
}
