"""MkDocs hooks: connect the generator in scripts/wakesite to the pages. Kept thin on purpose;
all loading, checking and rendering lives in the package, which tests use without MkDocs.

Events (all default priority):
  on_config         load and validate every data file once, so bad data stops the build
                    before any page is written, with a message naming file and line.
  on_page_markdown  replace `<!-- wakesite:NAME -->` placeholders in stub pages, in the
                    page's own language (static-i18n runs the build once per language).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# The package lives in scripts/; set-up puts it on the venv's path, and this keeps a plain
# `mkdocs build` working from any environment that has the locked requirements.
_SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(_SCRIPTS))

from wakesite import render  # noqa: E402
from wakesite.datafile import DataError, DataErrors  # noqa: E402
from wakesite.site import load_site  # noqa: E402


def _site():
    try:
        return load_site()
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad site data, nothing was built:\n{error}") from None


def on_config(config):
    _site()
    return config


def on_page_markdown(markdown, page, config, files):
    if "wakesite:" not in markdown:
        return None
    lang = getattr(page.file, "locale", None) or config.theme["language"]
    try:
        return render.fill_placeholders(markdown, _site(), lang, page.url, page.file.src_uri)
    except ValueError as error:
        raise PluginError(str(error)) from None
