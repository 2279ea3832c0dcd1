"""Coverage: every duty of the guideline is checked by a checklist item, or says why not.

A duty is found from the Japanese wording itself (してください, 厳禁, いけません, しない, する,
とします …), clause by clause, independently of the checklists. checklists/coverage.yml maps
each duty clause to the items that cover it or gives the reason it cannot be checked per use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import datafile
from .checklists import Checklist, Item
from .datafile import DataError, DataErrors
from .guideline import Clause, Guideline

from .lang import Bilingual

SCHEMA = "coverage.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)
# Sentence endings and words that make a sentence an obligation or a prohibition.
DUTY_WORDING = re.compile(r"ください|厳禁|いけません|しない|ること。|する。|する$|行う。|必要があります|とする。|します。|こと。")


def _own_text(clause: Clause) -> str:
    """The clause's text plus that of paragraphs without an anchor of their own directly inside it."""
    parts = [clause.text.ja] if clause.text else []
    for child in clause.children:
        if child.kind == "paragraph" and not child.id:
            parts.append(child.text.ja)
    return "\n".join(parts)


def duty_clauses(guideline: Guideline) -> list[Clause]:
    """Clauses whose own wording is a duty, and the listed items of a duty that states no verb of
    its own (4(5) ア–カ are what 'must not be posted' covers)."""
    duties: list[Clause] = []
    for clause in guideline.clauses.values():
        if clause.kind in ("table", "chapter") and not _own_text(clause):
            continue
        if DUTY_WORDING.search(_own_text(clause)):
            duties.append(clause)
            for group in clause.children:
                if group.kind == "items":
                    duties += [item for item in group.children if not DUTY_WORDING.search(item.text.ja)]
    seen: set[str] = set()
    return [d for d in duties if not (d.id in seen or seen.add(d.id))]


@dataclass(frozen=True)
class Mapping:
    clause: Clause
    items: tuple[tuple[Checklist, Item], ...]
    reason: Bilingual | None  # why it cannot be checked per use, when items is empty
    line: int


def load(path: Path, guideline: Guideline, checklists: list[Checklist], schema_dir: Path | None = None) -> list[Mapping]:
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    shown = datafile.display_path(path)
    by_id = {c.id: c for c in checklists}
    errors: list[DataError] = []
    mappings: list[Mapping] = []
    seen = datafile.FirstSeen()
    for index, entry in enumerate(data["duties"]):
        line = data["duties"].line_of(index)
        where = f"duty {entry['clause']!r}"
        if (first := seen.again(entry["clause"], line)) is not None:
            errors.append(DataError(shown, line, f"listed twice (first on line {first})", where))
        clause = guideline.clauses.get(entry["clause"])
        if clause is None:
            errors.append(DataError(shown, line, f"clause {entry['clause']!r} does not exist in "
                                                 f"{datafile.display_path(guideline.path)}", where))
            continue
        items = []
        for ref in entry.get("items", []):
            checklist_id, _, item_id = ref.partition("/")
            checklist = by_id.get(checklist_id)
            item = next((i for i in checklist.items if i.id == item_id), None) if checklist else None
            if item is None:
                errors.append(DataError(shown, entry.line_of("items"), f"no checklist item {ref!r} (form: <checklist>/<item>)", where))
            elif clause not in item.refs and not any(o_clause is clause for o in (item.record.options if item.record else ())
                                                     for o_clause in o.refs):
                errors.append(DataError(shown, entry.line_of("items"),
                                        f"item {ref!r} does not cite clause {clause.id!r} (its refs: "
                                        f"{', '.join(c.id for c in item.refs)})", where))
            else:
                items.append((checklist, item))
        reason = Bilingual.of(entry["reason"]) if "reason" in entry else None
        mappings.append(Mapping(clause, tuple(items), reason, line))
    if errors:
        raise DataErrors(errors)
    return mappings


def unmapped(duties: list[Clause], mappings: list[Mapping]) -> list[Clause]:
    mapped = {m.clause.id for m in mappings}
    return [d for d in duties if d.id not in mapped]
