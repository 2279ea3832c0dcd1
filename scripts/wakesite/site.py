"""All the site's data, loaded and checked in one place: docs/_data/*.yml → models.

`load_site()` is what the MkDocs hook, the scripts and the tests call. It is cached on the
files' modification times, so `mkdocs serve` (and static-i18n's second language build) reuse
it while nothing changed and reload it when a data file is edited.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import errata as errata_module
from . import guideline as guideline_module

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "docs" / "_data"


@dataclass
class Site:
    guideline: guideline_module.Guideline
    errata: errata_module.Errata
    data_dir: Path


def _data_files(data_dir: Path) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime) for p in data_dir.iterdir() if p.is_file()))


@lru_cache(maxsize=4)
def _load(data_dir: Path, _stamp: tuple) -> Site:
    guideline = guideline_module.load(data_dir / "guideline.yml")
    errata = errata_module.load(data_dir / "errata.yml", guideline)
    errata_module.apply(errata, guideline)
    return Site(guideline=guideline, errata=errata, data_dir=data_dir)


def load_site(data_dir: Path = DATA_DIR) -> Site:
    """Load, validate and model every data file (raises DataError / DataErrors on bad input)."""
    data_dir = Path(data_dir).resolve()
    return _load(data_dir, _data_files(data_dir))
