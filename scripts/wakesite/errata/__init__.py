"""正誤表: corrections to the source, conversion artefacts, and places marked 要確認.

errata.yml is the one record of how the published Japanese text differs from the source.
`apply()` makes those corrections in the guideline model; the errata page and the fidelity
test read the same entries, so the site, the 正誤表 and the test cannot disagree.

The package is the part folder of /errata/ (wakesite.part): its part at the end, its template
(errata.md.j2) beside this file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import datafile
from ..datafile import DataError, DataErrors
from ..guideline import Clause, Guideline

from ..lang import Bilingual
from ..part import Part

SCHEMA = "errata.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)


@dataclass(frozen=True)
class Correction:
    id: str
    clause: Clause
    field: str  # "title", "label" or "text"
    original: str
    corrected: str
    reason: Bilingual


@dataclass(frozen=True)
class Artefact:
    id: str
    clause: Clause
    removed: str | None
    where: Bilingual
    reason: Bilingual


@dataclass(frozen=True)
class ToConfirm:
    id: str
    clause: Clause
    text: str
    note: Bilingual
    # Where the quoted text is: the node that holds it (a paragraph or an item, or for a title the
    # clause itself), beside which every page shows the mark; and the clause with an anchor that
    # holds it (`on`: the place itself, or the nearest clause above it with an id), which checklist
    # items citing it must mark (wakesite.checklists).
    place: Clause | None = None
    in_title: bool = False

    @property
    def on(self) -> Clause:
        node = self.place or self.clause
        while node is not None and not node.id:
            node = node.parent
        return node or self.clause


@dataclass(frozen=True)
class Editorial:
    """What the site adds around the town's text (titles, lists rebuilt from data, marks): not a
    change of the text, but declared so that the 正誤表 lists every way the site differs."""
    id: str
    where: Bilingual
    what: Bilingual


@dataclass
class Errata:
    corrections: list[Correction]
    artefacts: list[Artefact]
    to_confirm: list[ToConfirm]
    editorial: list[Editorial]

    def marks_at(self, node: Clause, title: bool = False) -> list[ToConfirm]:
        """The 要確認 entries whose quoted text is in `node` (in its title when `title`): every
        page that shows the node shows their marks beside it."""
        return [entry for entry in self.to_confirm if entry.place is node and entry.in_title == title]

    def on_clauses(self) -> dict[str, tuple[str, ...]]:
        """Clause id → the 要確認 ids that stand on it (`ToConfirm.on`)."""
        found: dict[str, tuple[str, ...]] = {}
        for entry in self.to_confirm:
            found[entry.on.id] = found.get(entry.on.id, ()) + (entry.id,)
        return found

    def source_replacements(self) -> list[tuple[str, str]]:
        """(original, published) pairs that turn the source text into the published text."""
        pairs = [(c.original, c.corrected) for c in self.corrections]
        pairs += [(a.removed, "") for a in self.artefacts if a.removed]
        return pairs


def _field_value(clause: Clause, field: str) -> Bilingual | None:
    return clause.title if field in ("title", "label") else clause.text


def _key(clause: Clause, field: str) -> tuple[str, str]:
    return ("title" if field in ("title", "label") else "text"), clause.id


def _places(clause: Clause, field: str, needle: str,
            texts: dict[tuple[str, str], str] | None = None) -> list[tuple[Clause, int]]:
    """Where the Japanese `field` of the clause (for text: of the clause or any clause inside it,
    a section's paragraph, a row's item) contains `needle`: (clause, how many times). `texts`
    holds Japanese texts as earlier corrections left them (by `_key`)."""
    candidates = [clause] if field in ("title", "label") else list(clause.walk())
    found = []
    for candidate in candidates:
        value = _field_value(candidate, field)
        text = (texts or {}).get(_key(candidate, field), value.ja if value is not None else None)
        if text is not None and needle in text:
            found.append((candidate, text.count(needle)))
    return found


def _holder(clause: Clause, field: str, needle: str) -> Clause | None:
    """The clause (the entry's own, or one inside it) whose Japanese `field` contains `needle`."""
    places = _places(clause, field, needle)
    return places[0][0] if places else None


def load(path: Path, guideline: Guideline, schema_dir: Path | None = None) -> Errata:
    """Load errata.yml and check every entry against the (uncorrected) guideline."""
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    shown = datafile.display_path(path)
    errors: list[DataError] = []
    seen_ids = datafile.FirstSeen()  # one space of ids for every part of the file

    def clause_of(entry, section: str, index: int) -> Clause | None:
        line = data[section].line_of(index)
        if (first := seen_ids.again(entry["id"], line)) is not None:
            errors.append(DataError(shown, line, datafile.duplicate_id(first), f"{section} {entry['id']}"))
        clause = guideline.clauses.get(entry["clause"])
        if clause is None:
            errors.append(DataError(shown, entry.line_of("clause"),
                                    f"clause {entry['clause']!r} does not exist in {datafile.display_path(guideline.path)}",
                                    f"{section} {entry['id']}"))
        return clause

    def must_contain(clause: Clause, field: str, needle: str, entry, section: str, key: str) -> None:
        if _holder(clause, field, needle) is None:
            errors.append(DataError(shown, entry.line_of(key),
                                    f"{needle!r} is not in the Japanese {field} of clause {clause.id!r}",
                                    f"{section} {entry['id']}"))

    corrections, artefacts, to_confirm = [], [], []
    corrected_texts: dict[tuple[str, str], str] = {}  # Japanese texts after the corrections so far
    for i, entry in enumerate(data["corrections"]):
        clause = clause_of(entry, "corrections", i)
        field = entry.get("field", "text")
        if not clause:
            continue
        # Each correction must match exactly one place, in the text the earlier ones left:
        # applied in order, none can silently change the wrong words or find nothing.
        places = _places(clause, field, entry["original"], corrected_texts)
        where = f"corrections {entry['id']}"
        if not places:
            earlier = "" if _places(clause, field, entry["original"]) == [] else \
                " after the corrections before it (they overlap: merge them into one)"
            errors.append(DataError(shown, entry.line_of("original"),
                                    f"{entry['original']!r} is not in the Japanese {field} of clause {clause.id!r}{earlier}",
                                    where))
            continue
        if len(places) > 1 or places[0][1] > 1:
            listed = ", ".join(f"{c.id or f'a paragraph of {clause.id}'} ({n}×)" for c, n in places)
            errors.append(DataError(shown, entry.line_of("original"),
                                    f"{entry['original']!r} occurs more than once ({listed}): make `original` "
                                    "long enough to match one place only", where))
            continue
        key = _key(places[0][0], field)
        before = corrected_texts.get(key, _field_value(places[0][0], field).ja)
        corrected_texts[key] = before.replace(entry["original"], entry["corrected"])
        corrections.append(Correction(entry["id"], clause, field, entry["original"], entry["corrected"],
                                      Bilingual.of(entry["reason"])))
    for i, entry in enumerate(data["artefacts"]):
        clause = clause_of(entry, "artefacts", i)
        if clause:
            artefacts.append(Artefact(entry["id"], clause, entry.get("removed"),
                                      Bilingual.of(entry["where"]), Bilingual.of(entry["reason"])))
    for i, entry in enumerate(data["to_confirm"]):
        clause = clause_of(entry, "to_confirm", i)
        if clause:
            field = "text" if _holder(clause, "text", entry["text"]) else "title"
            must_contain(clause, field, entry["text"], entry, "to_confirm", "text")
            to_confirm.append(ToConfirm(entry["id"], clause, entry["text"], Bilingual.of(entry["note"]),
                                        _holder(clause, field, entry["text"]), field == "title"))
    editorial = []  # optional: the errata of editions tagged before it existed have none
    for i, entry in enumerate(data.get("editorial", [])):
        line = data["editorial"].line_of(i)
        if (first := seen_ids.again(entry["id"], line)) is not None:
            errors.append(DataError(shown, line, datafile.duplicate_id(first), f"editorial {entry['id']}"))
        editorial.append(Editorial(entry["id"], Bilingual.of(entry["where"]), Bilingual.of(entry["what"])))
    if errors:
        raise DataErrors(errors)
    return Errata(corrections, artefacts, to_confirm, editorial)


def apply(errata: Errata, guideline: Guideline) -> None:
    """Make the corrections in the guideline's Japanese text (English is translated from the
    corrected text). `load` has checked that each matches exactly one place, in order."""
    for correction in errata.corrections:
        clause = _holder(correction.clause, correction.field, correction.original)
        value = _field_value(clause, correction.field)
        fixed = Bilingual(value.ja.replace(correction.original, correction.corrected), value.en)
        if correction.field in ("title", "label"):
            clause.title = fixed
        else:
            clause.text = fixed


# ---- The part: /errata/ ----

PARTS = {
    "errata": Part(),
}
