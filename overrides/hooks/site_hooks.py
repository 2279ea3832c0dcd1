"""MkDocs hooks: connect the generator in scripts/wakesite to the pages. Kept thin on purpose;
all loading, checking and rendering lives in the package, which tests use without MkDocs.

Events (all default priority):
  on_startup        remember the command: `mkdocs serve` skips the checklist PDFs (and says so).
  on_config         load and validate every data file once, so bad data stops the build
                    before any page is written, with a message naming file and line.
  on_page_markdown  replace `<!-- wakesite:NAME -->` placeholders in stub pages, in the
                    page's own language (static-i18n runs the build once per language),
                    and note the stylesheets and scripts those parts need (main.html links them).
  on_page_content   add the generated table rows to the page's table of contents.
  on_post_page      under `mkdocs serve` only: a checklist page's PDF link becomes a note.
  on_post_build     write accounts.json (from the accounts registry) at each language's root;
                    print the blank PDF of every checklist in the language just built
                    (wakesite.pdf; Chromium is a build dependency: missing, the build fails).
                    Runs before static-i18n's (priority -100), which then builds the next language.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink

# The package lives in scripts/; set-up puts it on the venv's path, and this keeps a plain
# `mkdocs build` working from any environment that has the locked requirements.
_SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(_SCRIPTS))

from wakesite import accounts, pdf, render  # noqa: E402
from wakesite.guideline import LANGS  # noqa: E402
from wakesite.datafile import DataError, DataErrors  # noqa: E402
from wakesite.site import load_site  # noqa: E402


def _site(config):
    try:
        project = Path(config["config_file_path"]).parent
        return load_site(Path(config["docs_dir"]) / "_data", project / "checklists")
    except (DataError, DataErrors) as error:
        raise PluginError(f"Bad site data, nothing was built:\n{error}") from None


def on_config(config):
    site = _site(config)
    missing = render.missing_checklist_pages(site, Path(config["docs_dir"]))
    if missing:
        raise PluginError("Each checklist in checklists/ needs its stub pages; missing in docs/: "
                          + ", ".join(missing) + " (copy an existing one: they hold only <!-- wakesite:checklist -->)")
    return config


def _lang(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


def on_page_markdown(markdown, page, config, files):
    if "wakesite:" not in markdown:
        return None
    page.meta["wakesite_parts"] = render.placeholders_in(markdown)  # read by on_page_content
    page.meta["wakesite_assets"] = render.page_assets(page.meta["wakesite_parts"])  # read by main.html
    title = render.page_title(_site(config), _lang(page, config), page.file.src_uri, page.meta["wakesite_parts"])
    if title and "title" not in page.meta:
        page.meta["title"] = title  # the nav and <title> use it; stub pages have no title of their own
    try:
        return render.fill_placeholders(markdown, _site(config), _lang(page, config), page.url,
                                        page.file.src_uri, config["site_url"] or "")
    except ValueError as error:
        raise PluginError(str(error)) from None


def _find_link(links, anchor_id):
    for link in links:
        if link.id == anchor_id:
            return link
        found = _find_link(link.children, anchor_id)
        if found:
            return found
    return None


def on_page_content(html, page, config, files):
    # Markdown's toc extension titles every heading permalink "Permanent link", in any language.
    html = render.localise_heading_permalinks(html, _lang(page, config))
    for name in page.meta.get("wakesite_parts", []):
        for heading_id, row_id, label in render.toc_additions(name, _site(config), _lang(page, config)):
            parent = _find_link(page.toc.items, heading_id)
            if parent is not None:
                parent.children.append(AnchorLink(label, row_id, parent.level + 1))
    return html


log = logging.getLogger("mkdocs.hooks.wakesite")
_command = {"name": None}  # set by on_startup; None (e.g. a build driven from Python) counts as a build


def on_startup(command, dirty):
    _command["name"] = command


def _serving() -> bool:
    return _command["name"] == "serve"


def on_post_page(output, page, config):
    if _serving() and 'class="wk-cl-pdf"' in output:
        return pdf.without_pdf_links(output)
    return None


def on_post_build(config):
    lang = config.theme["language"]
    site = _site(config)
    # static-i18n (suffix structure) keeps one site_dir for every language and writes the other
    # languages' pages to site_dir/<lang>/, sharing the default build's assets.
    site_dir = Path(config["site_dir"])
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    if site.accounts:
        (site_dir / prefix).mkdir(parents=True, exist_ok=True)
        accounts.write_accounts_json(site.accounts, config["site_url"] or "", site_dir / prefix)
    if not site.checklists:
        return
    if _serving():
        log.info("mkdocs serve: checklist PDFs are not made (pages show a note instead); `mkdocs build` makes them")
        return
    pages = pdf.checklist_pages(site_dir, [c.id for c in site.checklists], lang, prefix)
    started = time.monotonic()
    try:
        made = pdf.make_blank_pdfs(site_dir, pages)
    except pdf.PdfError as error:
        raise PluginError(f"Checklist PDFs ({lang}) could not be made: {error}") from None
    log.info("Checklist PDFs (%s): %d made in %.1f s", lang, len(made), time.monotonic() - started)
