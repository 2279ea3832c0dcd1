"""Checklists from checklists/*.yml: load → validate → model, and the part that shows them (at
the end: pages, nav, blank sheets; templates, stylesheet and script beside this file).

Each item cites guideline clauses by anchor; a citation of a clause that does not exist, a
condition on an unknown field, a duplicate id or an empty checklist stops the build with a
message naming the file, the line and the item. Items marked `reference` are good practice
(参考), never mixed with the guideline's own duties; a duty may not rest on a clause that only
permits or exempts (できる, 可とする, この限りでない) unless it says why (`permissive_reason`).
The approval box (決裁欄) of each sheet is data too: the approval route (決裁区分) to choose, the
stamp boxes (highest rank on the left), one person holding two roles, and the 合議 boxes of other
divisions the guideline involves.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .. import datafile
from ..datafile import DataError, DataErrors
from ..guideline import Clause, Guideline
from ..lang import LANGS, Bilingual, lang_root
from ..part import RECORD_ID_JS, Part
from ..pdf import PdfPage
from ..searchentry import ITEMS, TAG

SCHEMA = "checklist.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
# This package is the checklists' part folder (wakesite.part): this module is their model and their
# part (at its end); the templates, stylesheet and script are beside it, and the example checklist
# that the tests of every level use.
FOLDER = Path(__file__).resolve().parent
EXAMPLES = FOLDER / "examples"


# Wording by which the guideline permits or exempts instead of requiring: 「〜ことができる。」
# (may), 「決裁を省略できる事項」 (cases in which … may be omitted), 「可とする」 (is allowed),
# 「この限りでない／この限りではない」 (does not apply to), and the usual variants. Every できる,
# 可 and 限り of the guideline was read: the ones this does not match grant nothing (e.g. 「推測できる
# ような」 "that can be guessed", 「許可」 "permission"); tests/unit/test_permissive.py keeps that list.
PERMISSIVE_WORDING = re.compile(r"できる(?:。|$|事項|もの)|可とする|可能とする|この限りで(?:は)?ない|差し支えない|妨げない|てもよい")


def permissive_wording(clause: Clause) -> str | None:
    """The permissive phrase in what a citation of `clause` covers, or None: its heading and text,
    the paragraphs without an anchor and the lists directly under it (a row's label heads its
    list), and the headings above it (「決裁を省略できる事項」 governs each of its cases)."""
    texts = []
    node: Clause | None = clause
    while node is not None:
        if node.title:
            texts.append(node.title.ja)
        node = node.parent
    if clause.text:
        texts.append(clause.text.ja)
    for child in clause.children:
        if child.kind == "paragraph" and not child.id:
            texts.append(child.text.ja)
        elif child.kind == "items":
            texts += [item.text.ja for item in child.children if item.text]
    for text in texts:
        found = PERMISSIVE_WORDING.search(text)
        if found:
            return found.group(0)
    return None


@dataclass(frozen=True)
class Option:
    id: str
    label: Bilingual
    refs: tuple[Clause, ...] = ()
    to_confirm: tuple[str, ...] = ()  # errata 要確認 ids, each marked beside it


@dataclass(frozen=True)
class Field:
    id: str
    label: Bilingual
    type: str  # text, textarea, datetime, date, choices, flag
    options: tuple[Option, ...] = ()
    keep: bool = False  # about the person (unit, name): kept to start their next record with


@dataclass(frozen=True)
class Condition:
    """The item is shown only when `field` is ticked (flag) or has option `has` ticked (choices)."""

    field: Field
    has: Option | None


@dataclass(frozen=True)
class Record:
    """The person records which one of `options` applies, e.g. 決裁 or one of its exceptions."""

    label: Bilingual
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Item:
    id: str
    text: Bilingual
    refs: tuple[Clause, ...]
    reference: bool = False
    source: Bilingual | None = None
    when: Condition | None = None
    record: Record | None = None
    to_confirm: tuple[str, ...] = ()  # errata 要確認 ids, each marked beside it
    permissive_reason: Bilingual | None = None  # a duty citing a permissive clause: why it is a duty


@dataclass(frozen=True)
class Stamp:
    id: str
    label: Bilingual
    refs: tuple[Clause, ...] = ()  # 合議 and 報告 boxes: the clauses that involve the other division
    when: "Condition | None" = None  # a 合議 box needed only when a header field applies
    to_confirm: tuple[str, ...] = ()  # errata 要確認 ids, marked where the box is named on screen


@dataclass(frozen=True)
class Combined:
    """One person holds two roles: `serves` is stamped for both, `unstamped` gets `mark`."""

    serves: Stamp
    unstamped: Stamp
    label: Bilingual
    mark: Bilingual


@dataclass(frozen=True)
class Approval:
    """The approval box (決裁欄) at the foot of the sheet."""

    route: tuple[Option, ...]  # 決裁区分 (empty: the sheet records no choice, only the date)
    stamps: tuple[Stamp, ...]  # left to right: the highest rank on the left
    combined: Combined | None
    consult: tuple[Stamp, ...]  # 合議: another division's approval, a row of its own
    report: tuple[Stamp, ...] = ()  # 報告: a division told, not approving: right of the unit's lowest box


@dataclass(frozen=True)
class Group:
    id: str
    title: Bilingual
    items: tuple[Item, ...]


@dataclass(frozen=True)
class FirstSteps:
    """What to do first when something goes wrong: up to three of the items, in order, and whom
    to tell (as the guideline names them, with its clauses). Shown before everything else."""

    items: tuple[Item, ...]
    tell: Bilingual
    refs: tuple[Clause, ...]
    to_confirm: tuple[str, ...] = ()  # errata 要確認 ids, marked beside whom to tell


def blank_pdf_name(checklist_id: str, lang: str) -> str:
    """The blank sheet's file, beside the checklist's page: pdf.py prints it, the page links to it."""
    return f"{checklist_id}-blank-{lang}.pdf"


@dataclass
class Checklist:
    id: str
    kind: str  # pre-post, incident, account
    order: int
    title: Bilingual
    summary: Bilingual
    fields: tuple[Field, ...]
    approval: Approval
    groups: tuple[Group, ...]
    path: Path
    first_steps: FirstSteps | None = None

    def blank_pdf_name(self, lang: str) -> str:
        return blank_pdf_name(self.id, lang)

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def duties(self) -> list[Item]:
        return [item for item in self.items if not item.reference]

    @property
    def counts(self) -> dict[str, int]:
        """The one count of the checklist, used by its page and the index: the duties that always
        apply, those that apply only under a condition, and the good-practice (参考) items. The
        page's progress counts the duties shown, which is `duties` with no condition met."""
        return {"duties": sum(1 for item in self.duties if item.when is None),
                "conditional": sum(1 for item in self.duties if item.when is not None),
                "references": sum(1 for item in self.items if item.reference)}

    def item(self, item_id: str) -> Item:
        return next(item for item in self.items if item.id == item_id)


class _Checker:
    """Collects every semantic problem of one file with its line, then raises them together."""

    def __init__(self, path: Path, guideline: Guideline, questions):
        self.shown = datafile.display_path(path)
        self.guideline = guideline
        self.questions = set(questions) if questions is not None else None
        # Clause id → the 要確認 ids standing on it (given as a mapping of 要確認 id → clause id).
        self.open_on: dict[str, set[str]] = {}
        if isinstance(questions, dict):
            for question, clause_id in questions.items():
                self.open_on.setdefault(clause_id, set()).add(question)
        self.errors: list[DataError] = []

    def question(self, owner, where: str) -> tuple[str, ...]:
        """The 要確認 ids an entry names (one, or a list), each checked against errata.yml
        (unchecked when no errata are given)."""
        value = owner.get("to_confirm")
        named = tuple([value] if isinstance(value, str) else value or ())
        for question in named:
            if self.questions is not None and question not in self.questions:
                self.fail(owner.line_of("to_confirm"), where, f"no 要確認 entry {question!r} in errata.yml "
                                                             f"(known: {', '.join(sorted(self.questions)) or 'none'})")
        return named

    def open_points(self, owner, refs: tuple[Clause, ...], marked: tuple[str, ...], where: str) -> None:
        """An entry citing a clause on which a 要確認 point stands carries its mark, or says in
        `unaffected_by` why the point does not bear on it: a checklist never settles an open
        question in silence. A reason for a point that stands on none of its clauses is stale."""
        unaffected = owner.get("unaffected_by") or {}
        standing = {question for clause in refs for question in self.open_on.get(clause.id, ())}
        for clause in refs:
            for question in sorted(self.open_on.get(clause.id, ())):
                if question not in marked and question not in unaffected:
                    self.fail(owner.line_of("refs"), where,
                              f"cites {clause.describe('ja')} ({clause.id}), on which 要確認 {question} of errata.yml "
                              f"stands: mark it (to_confirm: {question}), or say in unaffected_by why {question} "
                              f"does not bear on it")
        for question in unaffected:
            if self.open_on and question not in standing:
                self.fail(owner.line_of("unaffected_by"), where,
                          f"unaffected_by names {question}, which stands on none of the clauses it cites")
            if question in marked:
                self.fail(owner.line_of("unaffected_by"), where, f"{question} is both marked and said not to bear on it")

    def fail(self, line: int | None, where: str, message: str) -> None:
        self.errors.append(DataError(self.shown, line, message, where))

    def clauses(self, ids, owner, where: str, key: str = "refs") -> tuple[Clause, ...]:
        found = []
        for index, clause_id in enumerate(ids):
            clause = self.guideline.clauses.get(clause_id)
            if clause is None:
                line = ids.line_of(index) if hasattr(ids, "line_of") else owner.line_of(key)
                self.fail(line, where, f"clause {clause_id!r} does not exist in "
                                       f"{datafile.display_path(self.guideline.path)}")
            else:
                found.append(clause)
        return tuple(found)

    def unique(self, entries, kind: str, seen: datafile.FirstSeen, where_prefix: str = "") -> None:
        for index, entry in enumerate(entries):
            line = entries.line_of(index)
            if (first := seen.again(entry["id"], line)) is not None:
                self.fail(line, f"{where_prefix}{kind} {entry['id']!r}", datafile.duplicate_id(first))


def _options(data, checker: _Checker, where: str) -> tuple[Option, ...]:
    checker.unique(data, "option", datafile.FirstSeen(), f"{where}: ")
    options = []
    for o in data:
        here = f"{where}: option {o['id']!r}"
        refs = checker.clauses(o.get("refs", []), o, here)
        marked = checker.question(o, here)
        checker.open_points(o, refs, marked, here)
        options.append(Option(o["id"], Bilingual.of(o["label"]), refs, marked))
    return tuple(options)


def _condition(condition, fields: dict, checker: _Checker, where: str) -> Condition | None:
    """`when: {field, has}`: shown only when a flag is ticked or a choices field has an option."""
    target = fields.get(condition["field"])
    if target is None:
        checker.fail(condition.line_of("field"), where, f"condition on unknown field {condition['field']!r}; "
                                                       f"fields: {', '.join(fields) or 'none'}")
    elif target.type == "flag":
        if "has" in condition:
            checker.fail(condition.line_of("has"), where, f"field {target.id!r} is a flag: a condition on it takes no 'has'")
        return Condition(target, None)
    elif target.type == "choices":
        option = next((o for o in target.options if o.id == condition.get("has")), None)
        if option is None:
            checker.fail(condition.line_of("has") if "has" in condition else condition.line, where,
                         f"condition needs 'has' naming one of the options of {target.id!r}: "
                         f"{', '.join(o.id for o in target.options)}")
        return Condition(target, option)
    else:
        checker.fail(condition.line_of("field"), where,
                     f"a condition needs a choices or flag field; {target.id!r} is {target.type!r}")
    return None


def _boxes(entries, kind: str, checker: _Checker, fields: dict) -> tuple[Stamp, ...]:
    """The 合議 (consult) or 報告 (report) boxes of another division, with the clauses behind them."""
    boxes = []
    for entry in entries:
        where = f"approval: {kind} {entry['id']!r}"
        refs = checker.clauses(entry["refs"], entry, where)
        marked = checker.question(entry, where)
        checker.open_points(entry, refs, marked, where)
        when = _condition(entry["when"], fields, checker, where) if "when" in entry else None
        boxes.append(Stamp(entry["id"], Bilingual.of(entry["label"]), refs, when, marked))
    return tuple(boxes)


def _approval(data, checker: _Checker, fields: dict) -> Approval:
    route = _options(data.get("route", []), checker, "approval route")
    seen = datafile.FirstSeen()  # the stamps, the consulted and the reported share one space of ids
    checker.unique(data["stamps"], "stamp", seen, "approval: ")
    stamps = tuple(Stamp(s["id"], Bilingual.of(s["label"])) for s in data["stamps"])
    consult = report = ()
    if "consult" in data:
        checker.unique(data["consult"], "stamp", seen, "approval: ")
        consult = _boxes(data["consult"], "consult", checker, fields)
    if "report" in data:
        checker.unique(data["report"], "stamp", seen, "approval: ")
        report = _boxes(data["report"], "report", checker, fields)
    combined = None
    if "combined" in data:
        entry = data["combined"]
        by_id = {stamp.id: stamp for stamp in stamps}
        ids = entry["stamps"]
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            checker.fail(entry.line_of("stamps"), "approval: combined",
                         f"no stamp {unknown[0]!r}; stamps: {', '.join(by_id)}")
        elif ids[0] == ids[1]:
            checker.fail(entry.line_of("stamps"), "approval: combined", "names the same stamp twice")
        elif [s.id for s in stamps].index(ids[0]) > [s.id for s in stamps].index(ids[1]):
            checker.fail(entry.line_of("stamps"), "approval: combined",
                         f"{ids[0]!r} stamps for both, so it must be the higher rank (left of {ids[1]!r})")
        else:
            combined = Combined(by_id[ids[0]], by_id[ids[1]], Bilingual.of(entry["label"]), Bilingual.of(entry["mark"]))
    return Approval(route, stamps, combined, consult, report)


def load(path: Path, guideline: Guideline, questions: set[str] | dict[str, str] | None = None, schema_dir: Path | None = None) -> Checklist:
    """Load, validate and model one checklist. `questions`: the errata's 要確認 ids that items
    may name (None: not checked, for tests of a checklist alone); as a mapping of each id to the
    clause it stands on (`errata.ToConfirm.on`, as the site loads them), an entry citing that
    clause must also carry the mark or say why the point does not bear on it (`unaffected_by`)."""
    data = datafile.load(path)
    if data is None:
        raise DataError(datafile.display_path(path), None, "empty file: a checklist needs id, kind, title, summary, fields, approval and groups")

    def describe(root, json_path):
        # Name the entry a schema error is in: "item 'not-illegal'" reads better than groups/0/items/3.
        node, name, prev = root, None, None
        for step in json_path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and "id" in node and isinstance(node["id"], str):
                kind = {"groups": "group", "items": "item", "fields": "field", "options": "option",
                        "route": "option", "stamps": "stamp", "consult": "stamp", "report": "stamp"}.get(prev, "entry")
                name = f"{kind} {node['id']!r}"
            prev = step
        return name

    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path, describe=describe)
    checker = _Checker(path, guideline, questions)
    if data["id"] != path.stem:
        checker.fail(data.line_of("id"), f"checklist {data['id']!r}", f"id must be the file name without .yml: {path.stem!r}")

    checker.unique(data["fields"], "field", datafile.FirstSeen())
    fields = {}
    for entry in data["fields"]:
        where = f"field {entry['id']!r}"
        if entry["type"] == "choices" and "options" not in entry:
            checker.fail(entry.line, where, "a choices field needs options")
        if entry["type"] != "choices" and "options" in entry:
            checker.fail(entry.line_of("options"), where, f"only a choices field has options, this one is {entry['type']!r}")
        fields[entry["id"]] = Field(entry["id"], Bilingual.of(entry["label"]), entry["type"],
                                    _options(entry.get("options", []), checker, where), entry.get("keep", False))

    seen_items = datafile.FirstSeen()  # an item's id is unique in the whole checklist
    checker.unique(data["groups"], "group", datafile.FirstSeen())
    groups = []
    for group in data["groups"]:
        checker.unique(group["items"], "item", seen_items)
        items = []
        for entry in group["items"]:
            where = f"item {entry['id']!r}"
            reference = entry.get("reference", False)
            refs = checker.clauses(entry["refs"], entry, where)
            if not reference and not entry["refs"]:
                checker.fail(entry.line_of("refs"), where, "a duty must cite at least one guideline clause (or be marked reference: true)")
            if reference and "source" not in entry:
                checker.fail(entry.line, where, "a reference (参考) item must say where the practice comes from (source)")
            permissive = [(clause, permissive_wording(clause)) for clause in refs]
            permissive = [(clause, phrase) for clause, phrase in permissive if phrase]
            if permissive and not reference and "permissive_reason" not in entry:
                clause, phrase = permissive[0]
                checker.fail(entry.line_of("refs"), where,
                             f"a duty citing {clause.describe('ja')} ({clause.id}), whose wording permits or exempts "
                             f"({phrase!r}), not requires: make it a reference (参考) item, or say in "
                             f"permissive_reason why it is still a duty")
            if "permissive_reason" in entry and (reference or not permissive):
                checker.fail(entry.line_of("permissive_reason"), where,
                             "permissive_reason is only for a duty that cites a permissive clause "
                             + ("(this is a reference item)" if reference else "(none of its clauses is)"))
            when = _condition(entry["when"], fields, checker, where) if "when" in entry else None
            record = None
            if "record" in entry:
                record = Record(Bilingual.of(entry["record"]["label"]),
                                _options(entry["record"]["options"], checker, where))
            marked = checker.question(entry, where)
            checker.open_points(entry, refs, marked, where)
            items.append(Item(entry["id"], Bilingual.of(entry["text"]), refs, reference,
                              Bilingual.of(entry["source"]) if "source" in entry else None, when, record,
                              marked,
                              Bilingual.of(entry["permissive_reason"]) if "permissive_reason" in entry else None))
        groups.append(Group(group["id"], Bilingual.of(group["title"]), tuple(items)))

    approval = _approval(data["approval"], checker, fields)
    first_steps = None
    if "first_steps" in data:
        entry = data["first_steps"]
        by_id = {item.id: item for group in groups for item in group.items}
        steps = []
        for index, item_id in enumerate(entry["items"]):
            if item_id in by_id:
                steps.append(by_id[item_id])
            else:
                checker.fail(entry["items"].line_of(index), "first_steps", f"no item {item_id!r} in this checklist")
        refs = checker.clauses(entry["refs"], entry, "first_steps")
        marked = checker.question(entry, "first_steps")
        checker.open_points(entry, refs, marked, "first_steps")
        first_steps = FirstSteps(tuple(steps), Bilingual.of(entry["tell"]), refs, marked)
    if checker.errors:
        raise DataErrors(checker.errors)
    return Checklist(
        id=data["id"], kind=data["kind"], order=data.get("order", 100), title=Bilingual.of(data["title"]),
        summary=Bilingual.of(data["summary"]), fields=tuple(fields.values()),
        approval=approval, groups=tuple(groups), path=path, first_steps=first_steps,
    )


def load_all(directory: Path, guideline: Guideline, questions: set[str] | dict[str, str] | None = None,
             schema_dir: Path | None = None) -> list[Checklist]:
    """Every checklists/*.yml (except schema and coverage), ordered for the index page, checked
    against the folder's checklist.schema.json (or the one in `schema_dir`). Problems in several
    files are all reported in one go."""
    paths = sorted(p for p in directory.glob("*.yml") if p.stem != "coverage")
    if not paths:
        raise DataError(datafile.display_path(directory), None, "no checklist files (*.yml) found")
    checklists, errors = [], []
    for path in paths:
        try:
            checklists.append(load(path, guideline, questions, schema_dir))
        except DataError as error:
            errors.append(error)
        except DataErrors as many:
            errors.extend(many.errors)
    if errors:
        raise DataErrors(errors)
    return sorted(checklists, key=lambda c: (c.order, c.id))


# ---- The part: its pages, their place in the nav, their blank sheets ----
#
# - Pages: `<!-- wakesite:checklist -->` (one checklist, checklist.md.j2) and
#   `<!-- wakesite:checklists-index -->` (the index, checklists-index.md.j2), with checklist.css
#   and checklist.js (record-id.js, shared with the draft check, from the theme's assets).
# - Stub pages: each checklist needs docs/checklists/<id>.md and <id>.en.md, each holding only the
#   placeholder. They must be real files: static-i18n 1.3.1 (suffix structure) makes every page of
#   a language build anew from docs_dir/<its path> (reconfigure.py), so a page the build generates is
#   dropped (outside docs/), breaks it (a generated page's missing source path: TypeError), or fails
#   to be read (a source in docs/ under another name). `missing_pages` names those that are missing.
# - Navigation: each checklist's page is put after checklists/index.md in the order of the data
#   (`order`, then id), by the plugin (`nav_pages`): mkdocs.yml names only the index.
# - The blank PDFs: each page printed as a blank sheet (`sheets`: the page with ?print=blank, once
#   checklist.js has marked the sheet ready), by wakesite.pdf.

CSS = "assets/stylesheets/checklist.css"
INDEX_PAGE = "checklists/index.md"


def page_of(checklist_id: str) -> str:
    """The stub page of a checklist, as mkdocs.yml's nav names pages: 'checklists/pre-post.md'."""
    return f"checklists/{checklist_id}.md"


def checklist_id_for(page_src: str) -> str:
    """The checklist a stub page shows: docs/checklists/pre-post.md (or .en.md) → 'pre-post'."""
    return Path(page_src).name.split(".")[0]


def checklist_for(site, page_src: str):
    """The Checklist a stub page shows, or None when checklists/ has none of that name."""
    checklist_id = checklist_id_for(page_src)
    return next((c for c in site.checklists if c.id == checklist_id), None)


def _context(site, lang: str, page_url: str, page_src: str) -> dict:
    checklist = checklist_for(site, page_src)
    if checklist is None:
        raise ValueError(f"{page_src}: no checklist {checklist_id_for(page_src)!r} in checklists/ for this page; "
                         f"known: {', '.join(c.id for c in site.checklists)}")
    return {"checklist": checklist}


def _title(site, lang: str, page_src: str) -> str | None:
    checklist = checklist_for(site, page_src)
    return checklist.title[lang] if checklist else None


# In search a checklist page is one entry: Material's entry for its title heading (its anchor,
# checklist.md.j2) is folded into the page's. A checklist is found by its title and summary like the
# guideline's clauses (the pages of authority, docs/guideline.md: search boost 10); its items repeat
# the clauses' words, so they are searched in a field of their own weighed a tenth (searchentry.ITEMS,
# wakesite.searchindex.ITEMS_BOOST): for those words the clause comes first.
TITLE_SECTION = "checklist-title"
SEARCH_BOOST = 10.0


def _search(entry: dict, where) -> list[dict]:
    """A checklist page's search rule (wakesite.searchentry): its title's entry folded into the
    page's, the form's sections left out."""
    if where.anchor:
        return []
    title = where.run.entries.get(f"{where.path}#{TITLE_SECTION}")
    if title is not None:
        # Shown: the checklist's one-line summary. Searched too: every item, in a field that is
        # indexed but never shown (a result is not the whole checklist).
        summary, _, rest = title["text"].partition("</p>")
        entry["text"] = summary + "</p>" if rest else summary
        entry[ITEMS] = " ".join(html.unescape(TAG.sub(" ", rest)).split())
    entry["boost"] = SEARCH_BOOST
    return [entry]


def _search_index_page(entry: dict, where) -> list[dict]:
    """The index's search rule: its sections list the checklists, which are entries of their own;
    each keeps its title only."""
    entry["text"] = ""
    return [entry]


PARTS = {
    # record-id.js first: checklist.js identifies a carried draft's text as it starts.
    "checklist": Part(css=(CSS,), js=(RECORD_ID_JS, "assets/javascripts/checklist.js"), context=_context, title=_title,
                      search=_search),
    "checklists-index": Part(css=(CSS,), search=_search_index_page),
}


def missing_pages(site, docs_dir: Path) -> list[str]:
    """The stub pages of docs/ that the checklists need and that are not there."""
    needed = [page_of(c.id) for c in site.checklists] + [page_of(c.id).replace(".md", ".en.md") for c in site.checklists]
    if site.checklists:
        needed += [INDEX_PAGE, INDEX_PAGE.replace(".md", ".en.md")]
    return [path for path in needed if not (Path(docs_dir) / path).exists()]


def nav_pages(nav: list, site) -> list:
    """mkdocs.yml's nav with each checklist's page after checklists/index.md, in the data's order,
    where it is not already (static-i18n's language builds run this again on the same nav)."""
    for section in _sections(nav):
        if INDEX_PAGE in section:
            at = section.index(INDEX_PAGE) + 1
            wanted = [page_of(c.id) for c in site.checklists if page_of(c.id) not in section]
            section[at:at] = wanted
            return nav
    raise ValueError(f"mkdocs.yml: no {INDEX_PAGE} in the nav to put the checklists' pages after")


def _sections(nav: list):
    """Every list of pages in a nav (the top level, and each section's)."""
    yield nav
    for entry in nav:
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    yield from _sections(value)


# A blank sheet: the page opened with ?print=blank, printed once checklist.js has shown every item,
# no ticks, no values and no printing date, and marked the form ready.
BLANK = "?print=blank"
READY = "form.wk-checklist.wk-cl--blank[data-wk-ready]"


def sheet(served_root: Path, checklist_id: str, lang: str) -> PdfPage:
    """The blank PDF of one checklist in one language, beside its page:
    <lang dir>/checklists/<id>/<id>-blank-<lang>.pdf (the page links to that name)."""
    url_path = f"{lang_root(lang)}checklists/{checklist_id}/"
    return PdfPage(url_path, Path(served_root) / url_path / blank_pdf_name(checklist_id, lang), query=BLANK, ready=READY)


def sheets(served_root: Path, checklist_ids: list[str]) -> list[PdfPage]:
    """The blank PDFs of every checklist in every language of the site."""
    return [sheet(served_root, checklist_id, lang) for lang in LANGS for checklist_id in checklist_ids]
