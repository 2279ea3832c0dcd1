"""docs/_data/redirects.yml: the page paths that moved, and where to (loaded with the rest of the
site's data by site.load_site; wakesite.linkrot writes their pages and guards published paths)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import datafile
from .datafile import DataError, DataErrors

SCHEMA = "redirects.schema.json"  # beside the data file, or in the schema_dir given (datafile.schema_of)


@dataclass(frozen=True)
class Redirect:
    old: str  # page path relative to a language's root, e.g. "rules/" (so also "en/rules/")
    new: str  # where it went, e.g. "guideline/"
    line: int


def load_redirects(path: Path, schema_dir: Path | None = None) -> list[Redirect]:
    """docs/_data/redirects.yml; a missing file means no redirects."""
    if not path.exists():
        return []
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, SCHEMA, schema_dir), path)
    entries = data["redirects"]
    redirects = [Redirect(e["from"], e["to"], entries.line_of(i)) for i, e in enumerate(entries)]
    seen = datafile.FirstSeen()
    errors = []
    for r in redirects:
        if (first := seen.again(r.old, r.line)) is not None:
            errors.append(DataError(datafile.display_path(path), r.line, f"a second redirect from {r.old!r} (first on line {first})"))
    if errors:
        raise DataErrors(errors)
    return redirects
