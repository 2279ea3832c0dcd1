"""What the MkDocs hooks (overrides/hooks/*.py) share, so each stays a few thin lines.

The rest of the package never imports this module and works without MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .datafile import DataError, DataErrors
from .site import Site, load_site


def site_of(config) -> Site:
    """The checked site data of the project being built (cached: every hook and both language
    builds share one load); bad data stops the build with the file and line."""
    project = Path(config["config_file_path"]).parent
    try:
        return load_site(Path(config["docs_dir"]) / "_data", project / "checklists")
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad site data, nothing was built:\n{error}") from None
