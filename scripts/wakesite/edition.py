"""The edition of the guideline the site publishes (docs/_data/edition.yml)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import datafile

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "_data" / "edition.schema.json"


@dataclass(frozen=True)
class Edition:
    label: str  # e.g. "1.0"
    enacted: str | None  # ISO date, or None when the source gives none
    effective: str | None


def load(path: Path) -> Edition:
    data = datafile.load(path)
    datafile.validate(data, SCHEMA, path)
    return Edition(label=data["label"], enacted=data["enacted"], effective=data["effective"])
