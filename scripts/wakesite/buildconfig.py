"""The settings of a build, typed, in one place: the plugin's options in mkdocs.yml
(`PluginOptions`) and what one build reads from MkDocs's config and the environment
(`BuildSettings`, made once per build by the plugin, wakesite.plugin).

Nothing here is kept between builds, and nothing is read from where the package sits: the
project is the folder of the mkdocs.yml being built.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from .versions import MIKE_VERSION_VARIABLE, SiteAddress


class PluginOptions(base.Config):
    """`plugins: - wakesite:` in mkdocs.yml (every option has the project's layout as default)."""

    data_folder = c.Type(str, default="_data")  # inside docs_dir (excluded from the pages); `data` is taken (Config is a dict)
    checklists_folder = c.Type(str, default="checklists")  # one file per checklist, relative to the project


@dataclass(frozen=True)
class BuildSettings:
    """What one build is: of which project, for which address, by which command."""

    project: Path  # the folder of mkdocs.yml: data, schemas, pages, checklists and build cache are read there
    data_dir: Path
    checklists_dir: Path
    address: SiteAddress  # where the pages will be read (site_url, and the edition mike builds)
    serving: bool  # `mkdocs serve`: no checklist PDFs (the pages say so)
    mike: bool  # a build made by `mike deploy` (it sets MIKE_DOCS_VERSION)

    @classmethod
    def of(cls, config, options: PluginOptions, command: str | None) -> "BuildSettings":
        """From MkDocs's config, the plugin's options and the MkDocs command (None, e.g. a build
        driven from Python, counts as a build)."""
        project = Path(config["config_file_path"]).resolve().parent
        version = os.environ.get(MIKE_VERSION_VARIABLE)
        return cls(project=project, data_dir=Path(config["docs_dir"]) / options.data_folder,
                   checklists_dir=project / options.checklists_folder,
                   address=SiteAddress.of_build(config["site_url"], version),
                   serving=command == "serve", mike=bool(version))
