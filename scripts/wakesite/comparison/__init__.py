"""新旧対照表: the comparison of two editions of the guideline, clause by clause.

Computed, never written by hand: the guideline of each edition is loaded from guideline.yml and
errata.yml as they were at the edition's git tag (`git show <tag>:docs/_data/guideline.yml`),
with the same loaders as the site (so the corrected text is compared), and the Japanese text of
every clause is compared character by character (difflib).

The result follows the standard Japanese format: two columns, 改正後 (as amended) on the left
and 改正前 (before) on the right; the changed characters are marked on both sides; unchanged
clauses between changes are elided as （略）; a new clause shows （新設） on the old side, a
removed one （削る） on the new side.

Clauses are matched by id. Paragraphs without an id are matched inside their nearest clause
with an id, by aligning the two lists of paragraphs (difflib again), so inserting a paragraph
does not make every later one look changed.

The package is the part folder of /history/ (改定履歴 and 新旧対照表; wakesite.part): its part at
the end, its template (history.md.j2) and comparison.css beside this file.
"""
from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import easy as easy_module
from .. import errata as errata_module
from .. import gitrepo
from .. import guideline as guideline_module
from ..guideline import Guideline
from ..lang import Bilingual
from ..part import Part

# What an edition's text is made of, read from its tag: the data and the schemas it was checked against then.
DATA_FILES = ("guideline.yml", "errata.yml")
SCHEMA_FILES = (guideline_module.SCHEMA, errata_module.SCHEMA)
# An unchanged run this short between two changes is shown as part of the change: a character-level
# diff of Japanese otherwise marks a scatter of single kana (の, を) as "unchanged" inside a rewrite.
_MIN_EQUAL = 2


class ComparisonError(ValueError):
    """An edition's source cannot be read (e.g. its git tag is missing)."""


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class Unit:
    """One comparable piece of text: a heading, a table label, a paragraph or an item."""

    key: str  # clause id, or "<container id>#<n>" for a paragraph without an id
    container: str  # id of the nearest clause with an id (the anchor the row links to)
    ref: Bilingual  # how a person names it: "4(5)ウ"
    text: str  # the Japanese text as shown: number and text, e.g. "ウ　事実と異なる内容"
    anonymous: bool = False


@dataclass(frozen=True)
class Row:
    kind: str  # "changed", "added", "removed" or "elided"
    anchor: str = ""  # clause id to link to in the edition that has it
    ref: Bilingual = Bilingual("", "")
    new: tuple[Segment, ...] = ()  # 改正後
    old: tuple[Segment, ...] = ()  # 改正前


@dataclass(frozen=True)
class Comparison:
    old_label: str
    new_label: str
    rows: tuple[Row, ...]

    @property
    def changes(self) -> int:
        return sum(1 for row in self.rows if row.kind != "elided")


# ---- the guideline as a sequence of units ----

def units(guideline: Guideline) -> list[Unit]:
    """Every piece of Japanese text in reading order, keyed for matching."""
    result: list[Unit] = []
    counters: dict[str, int] = {}

    def visit(node, container: str) -> None:
        if node.id:
            container = node.id
        ref = Bilingual(node.describe("ja"), node.describe("en"))
        if node.kind in ("chapter", "section") and node.title:
            result.append(Unit(node.id or container, container, ref, f"{node.number or ''}{node.title.ja}"))
        elif node.kind == "row" and node.title:
            result.append(Unit(node.id or container, container, ref, node.title.ja))
        elif node.kind == "item" and node.text:
            number = f"{node.number}　" if node.number else ""
            key = node.id or _anonymous_key(container, counters)
            result.append(Unit(key, container, ref, f"{number}{node.text.ja}", anonymous=not node.id))
        elif node.kind == "paragraph" and node.text:
            key = node.id or _anonymous_key(container, counters)
            result.append(Unit(key, container, ref, node.text.ja, anonymous=not node.id))
        for child in node.children:
            visit(child, container)

    for chapter in guideline.chapters:
        visit(chapter, chapter.id or "")
    return result


def _anonymous_key(container: str, counters: dict[str, int]) -> str:
    counters[container] = counters.get(container, 0) + 1
    return f"{container}#{counters[container]}"


# ---- character-level difference of two texts ----

def diff_text(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """(old segments, new segments): the characters only in one side are marked changed."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    old_marks, new_marks = [False] * len(old), [False] * len(new)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    kept = [b for i, b in enumerate(blocks)
            if b.size >= _MIN_EQUAL or _at_edge(b, old, new)]
    old_kept, new_kept = set(), set()
    for block in kept:
        old_kept.update(range(block.a, block.a + block.size))
        new_kept.update(range(block.b, block.b + block.size))
    old_marks = [i not in old_kept for i in range(len(old))]
    new_marks = [i not in new_kept for i in range(len(new))]
    return _segments(old, old_marks), _segments(new, new_marks)


def _at_edge(block, old: str, new: str) -> bool:
    """A short match at the very start or end of both texts is kept (it is not inside a rewrite)."""
    return (block.a == 0 and block.b == 0) or (block.a + block.size == len(old) and block.b + block.size == len(new))


def _segments(text: str, marks: list[bool]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for char, changed in zip(text, marks):
        if segments and segments[-1].changed == changed:
            segments[-1] = Segment(segments[-1].text + char, changed)
        else:
            segments.append(Segment(char, changed))
    return tuple(segments)


# ---- comparing two guidelines ----

def _pair(old_units: list[Unit], new_units: list[Unit]) -> dict[str, str]:
    """new key → old key for units that correspond (same id; anonymous ones aligned per container)."""
    pairs: dict[str, str] = {}
    old_by_key = {u.key: u for u in old_units if not u.anonymous}
    for unit in new_units:
        if not unit.anonymous and unit.key in old_by_key:
            pairs[unit.key] = unit.key
    containers = dict.fromkeys(u.container for u in new_units + old_units if u.anonymous)
    for container in containers:
        old_list = [u for u in old_units if u.anonymous and u.container == container]
        new_list = [u for u in new_units if u.anonymous and u.container == container]
        matcher = difflib.SequenceMatcher(None, [u.text for u in old_list], [u.text for u in new_list], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("equal", "replace"):
                for old_unit, new_unit in zip(old_list[i1:i2], new_list[j1:j2]):
                    pairs[new_unit.key] = old_unit.key
    return pairs


def compare(old: Guideline, new: Guideline, old_label: str = "", new_label: str = "") -> Comparison:
    """The 新旧対照表 of two guidelines, in the new edition's order (removed clauses where they were)."""
    old_units, new_units = units(old), units(new)
    pairs = _pair(old_units, new_units)
    old_index = {u.key: i for i, u in enumerate(old_units)}
    paired_old = set(pairs.values())
    # Removed units are listed after the new unit that follows their old predecessor.
    removed_after: dict[int, list[Unit]] = {}
    previous_old = -1
    new_position_of_old = {old_index[o]: n for n, o in ((i, pairs.get(u.key)) for i, u in enumerate(new_units)) if o}
    for i, unit in enumerate(old_units):
        if unit.key in paired_old:
            previous_old = i
            continue
        anchor = new_position_of_old.get(previous_old, -1)
        removed_after.setdefault(anchor, []).append(unit)

    raw: list[Row] = [Row("removed", u.container, u.ref, old=(Segment(u.text, True),)) for u in removed_after.get(-1, [])]
    for i, unit in enumerate(new_units):
        old_key = pairs.get(unit.key)
        if old_key is None:
            raw.append(Row("added", unit.container, unit.ref, new=(Segment(unit.text, True),)))
        else:
            before = old_units[old_index[old_key]]
            if before.text == unit.text:
                raw.append(Row("elided"))
            else:
                old_segments, new_segments = diff_text(before.text, unit.text)
                raw.append(Row("changed", unit.container, unit.ref, new=new_segments, old=old_segments))
        raw.extend(Row("removed", u.container, u.ref, old=(Segment(u.text, True),)) for u in removed_after.get(i, []))
    rows: list[Row] = []
    for row in raw:  # consecutive unchanged clauses become one （略）
        if row.kind == "elided" and rows and rows[-1].kind == "elided":
            continue
        rows.append(row)
    return Comparison(old_label, new_label, tuple(rows))


# ---- an edition's guideline from git ----

def load_guideline(data_dir: Path, schema_dir: Path | None = None) -> Guideline:
    """guideline.yml with errata.yml applied, exactly as the site shows it (checked against the
    schemas beside them, or in `schema_dir`)."""
    guideline = guideline_module.load(data_dir / "guideline.yml", schema_dir)
    errata = errata_module.load(data_dir / "errata.yml", guideline, schema_dir)
    errata_module.apply(errata, guideline)
    return guideline


def repo_paths(data_dir: Path) -> tuple[Path, str]:
    """(git work tree, the data directory's path inside it, e.g. 'docs/_data')."""
    data_dir = Path(data_dir).resolve()
    top = Path(gitrepo.run(data_dir, "rev-parse", "--show-toplevel", error=ComparisonError).strip()).resolve()
    return top, data_dir.relative_to(top).as_posix()


@lru_cache(maxsize=16)
def _guideline_at(repo: Path, data_path: str, tag: str, commit: str) -> Guideline:
    with tempfile.TemporaryDirectory(prefix=f"wakesite-{tag.replace('/', '-')}-") as tmp:
        for name in DATA_FILES + SCHEMA_FILES:
            text = gitrepo.run(repo, "show", f"{commit}:{data_path}/{name}", error=ComparisonError)
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        return load_guideline(Path(tmp))


def guideline_at(repo: Path, data_path: str, tag: str) -> Guideline:
    """The guideline (errata applied) as it was at git tag `tag`."""
    try:
        commit = gitrepo.run(repo, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}", error=ComparisonError).strip()
    except ComparisonError:
        commit = ""
    if not commit:
        raise ComparisonError(f"git tag {tag!r} (named in edition.yml) does not exist in {repo}: the 新旧対照表 "
                              f"is computed from it; fetch the tags (`git fetch --tags`) or fix the tag in edition.yml")
    return _guideline_at(repo, data_path, tag, commit)


def guideline_at_commit(repo: Path, data_path: str, commit: str, name: str = "") -> Guideline:
    """The guideline (errata applied) as it was at `commit` (a full commit id; `name`: how the caller
    calls it, for the temporary folder's name): for a 新旧対照表 between any two versions
    (wakesite.word)."""
    return _guideline_at(repo, data_path, name or commit[:12], commit)


def for_editions(editions, current: Guideline, data_dir: Path) -> dict[str, Comparison]:
    """edition label → its 新旧対照表 against the previous edition, for every edition that has one.

    The current edition is compared as it is in the working tree (at release, the tree is clean
    and tagged, so that is the text at its tag); earlier ones are read from their tags."""
    pairs = [(e, editions.previous(e)) for e in editions.all]
    pairs = [(e, p) for e, p in pairs if p is not None]
    if not pairs:
        return {}
    repo, data_path = repo_paths(data_dir)
    result = {}
    for edition, previous in pairs:
        new = current if edition is editions.current else guideline_at(repo, data_path, edition.tag)
        old = guideline_at(repo, data_path, previous.tag)
        result[edition.label] = compare(old, new, previous.label, edition.label)
    return result


# ---- The part: /history/ ----

def _context(site, lang: str, page_url: str, page_src: str) -> dict:
    """The 新旧対照表, and per edition the やさしい日本語 sections whose clauses it shows changed."""
    review = {label: easy_module.to_review(site.easy, site.guideline, comparison)
              for label, comparison in site.comparisons.items()} if site.easy else {}
    return {"comparisons": site.comparisons, "easy_review": review}


PARTS = {
    "history": Part(css=("assets/stylesheets/comparison.css",), context=_context),
}
