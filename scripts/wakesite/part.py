"""A generated part: what a page holding the placeholder `<!-- wakesite:NAME -->` gets. Declared
once per part, and gathered into one table (render.PARTS).

A part may have a folder of its own, a package of the generator holding everything particular
to it: its model and loader and its declaration (the package's module: PARTS, and what else the
part does in a build), its templates, its stylesheets and scripts, its example data. The table and
the build find them there: `folders()` lists every subpackage that declares PARTS, its templates
are on Jinja's path, and its .css and .js files are published at assets/stylesheets/ and
assets/javascripts/ (the theme's overrides/assets/ holds the rest).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Callable

PACKAGE = Path(__file__).resolve().parent  # the generator's package: its part folders are its subpackages
# Where a part's own stylesheets and scripts are published (as the theme's overrides/assets/ are).
ASSET_FOLDERS = {".css": "assets/stylesheets", ".js": "assets/javascripts"}
# The identifier of a draft's text (記録番号), computed alike by the draft check and the sheet.
RECORD_ID_JS = "assets/javascripts/record-id.js"


@dataclass(frozen=True)
class Part:
    """Everything one generated part needs, besides its template NAME.md.j2."""
    css: tuple[str, ...] = ()  # linked only on pages with the part (a phone reading /policy/
    js: tuple[str, ...] = ()   # does not download the checklist or comparison code)
    context: Callable[..., dict] | None = None  # extra template variables: (site, lang, page_url, page_src)
    title: Callable[..., str | None] | None = None  # the page's title, from data: (site, lang, page_src)
    toc_rows: Callable[..., list[tuple[str, str, str]]] | None = None  # TOC entries for table rows: (site, lang)
    staff: bool = False  # links each clause to the checklists that check it ("確認するチェックリスト")
    # A page residents read (home, /policy/, /accounts/ and their easy versions): no 要確認 marks or
    # editing notes of the errata, a plain 確認中 only where it changes what a resident does.
    public: bool = False
    # How search finds the part's pages: a rule for each entry Material made of a page holding the
    # part (wakesite.searchentry; applied by wakesite.searchindex). None: the entries stay as made.
    search: Callable[..., list[dict]] | None = None


@lru_cache(maxsize=1)
def folders() -> tuple[ModuleType, ...]:
    """Every part folder: a subpackage of the generator that holds a part's template (NAME.md.j2)
    and declares PARTS (other subpackages, such as checks/ or word/, are not imported here)."""
    packages = (importlib.import_module(f"{__package__}.{module.name}")
                for module in pkgutil.iter_modules([str(PACKAGE)])
                if module.ispkg and any((PACKAGE / module.name).glob("*.md.j2")))
    return tuple(package for package in packages if hasattr(package, "PARTS"))


def folder_parts() -> dict[str, Part]:
    """The parts declared in part folders (their PARTS), by placeholder name."""
    return {name: part for module in folders() for name, part in module.PARTS.items()}


def template_folders() -> list[Path]:
    """The part folders, where their templates are (after the generator's own templates/)."""
    return [Path(module.__file__).parent for module in folders()]


def published_assets() -> list[tuple[Path, str]]:
    """(file, its path in the site) for every stylesheet and script of a part folder."""
    return [(path, f"{ASSET_FOLDERS[path.suffix]}/{path.name}") for folder in template_folders()
            for path in sorted(folder.iterdir()) if path.suffix in ASSET_FOLDERS]
