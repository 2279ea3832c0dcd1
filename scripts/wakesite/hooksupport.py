"""What the MkDocs hooks (overrides/hooks/*.py) share, so each stays a few thin lines.

The rest of the package never imports this module and works without MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .datafile import DataError, DataErrors
from .site import Site, load_site

# The build in progress and its data. One config object is one build: static-i18n's nested
# language builds reuse it, and `mkdocs serve` loads a new one for every rebuild, so an edit
# made while serving is seen on the next rebuild without re-checking the files on every call.
_current: dict = {"config": None, "site": None}


def site_of(config) -> Site:
    """The checked site data of the project being built (one load per build, shared by every
    hook and both language builds); bad data stops the build with the file and line."""
    if _current["config"] is config:
        return _current["site"]
    project = Path(config["config_file_path"]).parent
    try:
        site = load_site(Path(config["docs_dir"]) / "_data", project / "checklists")
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad site data, nothing was built:\n{error}") from None
    _current.update(config=config, site=site)
    return site
