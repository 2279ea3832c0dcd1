"""The editions of the guideline (docs/_data/edition.yml): the current one and the list of all.

`load()` gives the edition this source tree is (what the footers and printed checklists show
as `site.edition`); `load_all()` gives every edition, newest first, for the 改定履歴 page, the
新旧対照表 and scripts/release.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import datafile
from .datafile import DataError, DataErrors
from .lang import Bilingual

SCHEMA = "edition.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)


@dataclass(frozen=True)
class Edition:
    label: str  # e.g. "1.0"
    enacted: str | None  # ISO date (策定日), or None when the source gives none
    effective: str | None  # ISO date (施行日), or None
    tag: str = ""  # git tag of the commit this edition's guideline text was published from
    changes: Bilingual = Bilingual("", "")  # what changed, in both languages
    to_confirm: str | None = None  # the 要確認 entry about its dates, while it has none


@dataclass(frozen=True)
class Editions:
    current: Edition  # the edition this source tree is (published as `latest`)
    all: tuple[Edition, ...]  # newest first; all[0] is current

    def previous(self, edition: Edition) -> Edition | None:
        """The edition before `edition`, or None for the first one."""
        index = self.all.index(edition)
        return self.all[index + 1] if index + 1 < len(self.all) else None

    def get(self, label: str) -> Edition | None:
        return next((e for e in self.all if e.label == label), None)


def load_all(path: Path, questions: set[str] | None = None, schema_dir: Path | None = None) -> Editions:
    """Load and check edition.yml (raises DataError(s) naming file and line). `questions`: the
    errata's 要確認 ids an edition may name (None: not checked)."""
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    shown = datafile.display_path(path)
    entries = data["editions"]
    editions = tuple(Edition(label=e["label"], enacted=e["enacted"], effective=e["effective"], tag=e["tag"],
                             changes=Bilingual.of(e["changes"]), to_confirm=e.get("to_confirm")) for e in entries)
    errors = []
    seen = datafile.FirstSeen()
    for index, (entry, edition) in enumerate(zip(entries, editions)):
        for key, value in (("label", edition.label), ("tag", edition.tag)):
            if (first := seen.again((key, value), entries.line_of(index))) is not None:
                errors.append(DataError(shown, entry.line_of(key), f"duplicate {key} {value!r} (first used on line {first})",
                                        f"edition {edition.label}"))
    for index, (entry, edition) in enumerate(zip(entries, editions)):
        if not edition.enacted and not edition.effective and not edition.to_confirm:
            errors.append(DataError(shown, entries.line_of(index), "no date given: name the 要確認 entry that says so "
                                                                   "(to_confirm), which the pages show beside the edition",
                                    f"edition {edition.label}"))
        if edition.to_confirm and questions is not None and edition.to_confirm not in questions:
            errors.append(DataError(shown, entry.line_of("to_confirm"), f"no 要確認 entry {edition.to_confirm!r} in errata.yml",
                                    f"edition {edition.label}"))
    if editions[0].label != data["label"]:
        listed = editions[0].label
        where = ("it is not in `editions`" if all(e.label != data["label"] for e in editions)
                 else "it is listed, but not first")
        errors.append(DataError(shown, data.line_of("label"),
                                f"label {data['label']!r} must be the first (newest) entry of `editions`, "
                                f"which is {listed!r}; {where}"))
    if errors:
        raise DataErrors(errors)
    return Editions(current=editions[0], all=editions)

