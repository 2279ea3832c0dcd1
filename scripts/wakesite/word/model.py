"""The guideline as Word sees it: a tree of the clauses that carry Japanese text.

Both sides of an import are this tree: the one made from guideline.yml (`from_guideline`, which
also keeps where each clause is in the YAML, for `yamltext`) and the one read from a .docx
(`docx_in`). Kinds: the guideline (root, its title), chapter and section (a heading: number and
title), paragraph, item (a number, or none, and a text), row (a table row's label, its content
under it); `items` (a run of items) and `table` (rows) only group.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from ..guideline import Clause, Guideline, number_core

# Kinds that carry a Japanese text of their own, and the class each is matched within: a paragraph
# may become an item and back (a list style added or taken away in Word), a heading stays a heading.
TEXT_KINDS = ("chapter", "section", "row", "paragraph", "item")
MATCH_CLASS = {"chapter": "chapter", "section": "section", "row": "row", "paragraph": "text", "item": "text"}
CONTAINERS = ("guideline", "chapter", "section", "row")  # hold a content list

# How the source writes numbers: １． for chapters and numbered items, （１） for sections, ア for
# items. Each pattern is anchored and bounded (a few characters, no nested repetition): one pass
# over any text, however long (tests/unit/test_word_import.py runs each on 100,000 characters).
CHAPTER_NUMBER = re.compile(r"([0-9０-９]{1,3}[．.])[ \u3000\t]*")
SECTION_NUMBER = re.compile(r"([（(][0-9０-９]{1,3}[）)])[ \u3000\t]*")
ITEM_NUMBER = re.compile(r"([0-9０-９]{1,3}[．.]|[ア-ン](?=[ \u3000\t]))[ \u3000\t]*")
_EDGE_SPACE = " \u3000\t\n"


@dataclass(frozen=True)
class Project:
    """Where the project's files are: everything is found from the root it is given."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "docs" / "_data"

    @property
    def guideline_file(self) -> Path:
        return self.data_dir / "guideline.yml"

    @property
    def edition_file(self) -> Path:
        return self.data_dir / "edition.yml"

    @property
    def checklists_dir(self) -> Path:
        return self.root / "checklists"


@dataclass(eq=False)
class Node:
    kind: str
    ja: str | None = None  # a heading's title, a row's label, a paragraph's or an item's text
    number: str | None = None
    id: str | None = None
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None
    # From guideline.yml only:
    clause: Clause | None = None  # the site's clause (its English, its reference "4(5)ウ")
    source_ja: str | None = None  # the Japanese as guideline.yml holds it (before the errata)
    entry: yaml.Node | None = None  # the YAML list entry that holds the clause (for yamltext)
    value: yaml.Node | None = None  # the YAML mapping with its keys (id, number, title …)
    # From a .docx only: where it is, for messages ("paragraph 12", "table 2, row 3").
    where: str = ""

    def add(self, child: "Node") -> "Node":
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def text_nodes(self) -> list["Node"]:
        return [node for node in self.walk() if node.kind in TEXT_KINDS]

    def container(self) -> "Node | None":
        """The nearest chapter, section, row (or the guideline) above: what a move is measured by."""
        node = self.parent
        while node is not None and node.kind not in CONTAINERS:
            node = node.parent
        return node

    def shown(self) -> str:
        """The clause as Word shows it: 'ア　事実と異なる内容', '１．はじめに', '（２）法令等の遵守'."""
        return shown_text(self.number, self.ja or "")

    def name(self) -> str:
        """How a message names the clause: its reference and anchor for one of guideline.yml, its
        place and its first words for one of a document."""
        if self.clause is not None:
            if self.id:
                return f"{self.clause.describe('ja')} ({self.id})"
            return f"a paragraph of {self.clause.describe('ja')} {_start(self.shown())}"
        return f"{self.where}: {_start(self.shown())}"


def _start(text: str, length: int = 30) -> str:
    flat = text.replace("\n", " ")
    return f"「{flat[:length]}…」" if len(flat) > length else f"「{flat}」"


def shown_text(number: str | None, text: str) -> str:
    """A number before its text, as the source writes it: a katakana number is followed by an
    ideographic space (ア　…), one with its own punctuation (１．（１）) is not."""
    if not number:
        return text
    gap = "\u3000" if number_core(number) == number and not number[-1:] in "．.）)" else ""
    return f"{number}{gap}{text}"


def clean(text: str) -> str:
    """A document's text as guideline.yml keeps it: NFC, without the spaces Word indents with."""
    return unicodedata.normalize("NFC", text).strip(_EDGE_SPACE)


def same_number(a: str | None, b: str | None) -> bool:
    """１． and 1. are one number (Word's automatic numbering may write either)."""
    return (number_core(a) if a else None) == (number_core(b) if b else None)


# ---- guideline.yml → tree ----

def _get(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((value for key_node, value in mapping.value if key_node.value == key), None)


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def compose(text: str) -> yaml.MappingNode:
    """guideline.yml's YAML nodes with their places in the text (it was already checked by the
    site's loader, so it parses)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


def from_guideline(guideline: Guideline, yaml_text: str) -> Node:
    """The tree of the guideline as the site loaded it (errata applied), each clause with its YAML."""
    top = compose(yaml_text)
    root = Node("guideline", ja=guideline.title.ja, source_ja=_scalar(_get(_get(top, "title"), "ja")), value=top)
    for clause, entry in zip(guideline.chapters, _get(top, "chapters").value):
        root.add(_from_clause(clause, entry, entry))
    return root


def _text_scalar(kind: str, value: yaml.Node) -> str | None:
    if kind in ("chapter", "section"):
        return _scalar(_get(_get(value, "title"), "ja"))
    if kind == "row":
        return _scalar(_get(_get(value, "label"), "ja"))
    if kind == "item":
        return _scalar(_get(_get(value, "text"), "ja"))
    return _scalar(_get(value, "ja"))


def _from_clause(clause: Clause, entry: yaml.Node, value: yaml.Node) -> Node:
    kind = clause.kind
    ja = clause.title.ja if kind in ("chapter", "section", "row") else clause.text.ja if clause.text else None
    node = Node(kind, ja=ja, number=clause.number, id=clause.id, clause=clause,
                source_ja=_text_scalar(kind, value) if kind in TEXT_KINDS else None, entry=entry, value=value)
    if kind in ("chapter", "section", "row"):
        content = _get(value, "content")
        for child, child_entry in zip(clause.children, content.value):
            ((_, child_value),) = child_entry.value
            node.add(_from_clause(child, child_entry, child_value))
    elif kind == "items":
        for child, item in zip(clause.children, value.value):
            node.add(_from_clause(child, item, item))
    elif kind == "table":
        for child, row in zip(clause.children, _get(value, "rows").value):
            node.add(_from_clause(child, row, row))
    return node


def unchanged_text(new: Node, old: Node) -> bool:
    """The document's text is the clause's: as the site publishes it (errata applied), or as
    guideline.yml holds it (a copy of the town's that still has the slip an erratum corrects)."""
    return new.ja in (old.ja, old.source_ja)
