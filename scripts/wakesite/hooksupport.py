"""What the MkDocs hooks (overrides/hooks/*.py) share, so each stays a few thin lines.

The rest of the package never imports this module and works without MkDocs.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import projectfiles
from .datafile import DataError, DataErrors
from .site import Site, load_site
from .versions import MIKE_VERSION_VARIABLE, SiteAddress, site_url_problem

# The build in progress and its data. One config object is one build: static-i18n's nested
# language builds reuse it, and `mkdocs serve` loads a new one for every rebuild, so an edit
# made while serving is seen on the next rebuild without re-checking the files on every call.
_current: dict = {"config": None, "site": None}
# The MkDocs command (on_startup); None, e.g. a build driven from Python, counts as a build.
_command: dict = {"name": None}


def remember_command(command: str) -> None:
    _command["name"] = command


def serving() -> bool:
    """Whether this is `mkdocs serve`, which prints no checklist PDFs (pages say so instead)."""
    return _command["name"] == "serve"


def check_inputs(config) -> None:
    """What the build is about to read, checked before it reads anything (PluginError otherwise):
    the address it builds for (versions.site_url_problem) and the files of docs/, overrides/ and
    checklists/ (projectfiles.links_out)."""
    problem = site_url_problem(config["site_url"], serving=serving())
    if problem:
        raise PluginError(f"{problem}; nothing was built")
    project = project_of(config)
    problems = projectfiles.links_out(project, [config["docs_dir"], config.theme.custom_dir or "overrides",
                                                str(project / "checklists")])
    if problems:
        raise PluginError("Files the build would read are not the project's own, nothing was built:\n"
                          + "\n".join("  " + p for p in problems))


def project_of(config) -> Path:
    """The root of the project being built: the folder of its mkdocs.yml. Its data, checklists and
    build cache are read from there, whichever checkout the installed generator comes from."""
    return Path(config["config_file_path"]).resolve().parent


def site_of(config) -> Site:
    """The checked site data of the project being built (one load per build, shared by every
    hook and both language builds); bad data stops the build with the file and line."""
    if _current["config"] is config:
        return _current["site"]
    project = project_of(config)
    try:
        site = load_site(Path(config["docs_dir"]) / "_data", project / "checklists")
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad site data, nothing was built:\n{error}") from None
    # The loader accepts a guideline alone (tests of the guideline data); the site needs it all.
    missing = [name for name, part in (("docs/_data/accounts.yml", site.accounts), ("docs/_data/edition.yml", site.edition),
                                       ("checklists/coverage.yml", site.coverage),
                                       ("docs/_data/search_synonyms.yml", site.synonyms)) if part is None]
    if missing:
        raise PluginError(f"Missing site data in {project}: {', '.join(missing)}; nothing was built")
    _current.update(config=config, site=site)
    return site


def address_of(config) -> SiteAddress:
    """Where the pages of this build will be read: this edition's address (site_url, which mike
    extends with the edition) and the stable root that profile links are made from."""
    return SiteAddress.of_build(config["site_url"], os.environ.get(MIKE_VERSION_VARIABLE))


def is_nested_language_build(config) -> bool:
    """Whether this is one of the builds static-i18n runs for the other languages from inside its
    own on_post_build (the same config object): only the outermost build has the whole site."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))
