"""MkDocs hooks: connect the generator in scripts/wakesite to the pages. Kept thin on purpose;
all loading, checking and rendering lives in the package, which tests use without MkDocs.

The checklist PDFs have hooks of their own: pdf_hooks.py.

Events (all default priority):
  on_startup        remember the command: under `mkdocs serve`, which prints no PDFs, a
                    checklist's PDF link is rendered as a note saying so.
  on_serve          watch the generator's templates (in its package) as mkdocs.yml's `watch` does the data.
  on_config         load and validate every data file once, so bad data stops the build
                    before any page is written, with a message naming file and line.
  on_page_markdown  replace `<!-- wakesite:NAME -->` placeholders in stub pages, in the
                    page's own language (static-i18n runs the build once per language),
                    and note the stylesheets and scripts those parts need (main.html links them);
                    complete raw HTML blocks are set aside from Markdown (render.set_aside_raw_html).
  on_env            share compiled templates between languages and builds (wakesite.buildcache);
                    give the theme its words (`wk_text`, from scripts/wakesite/templates/strings.yml).
  on_page_content   put the raw HTML blocks back (their ids to MkDocs's anchor check), and
                    add the generated table rows to the page's table of contents.
  on_post_build     write accounts.json (from the accounts registry) at each language's root.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink

from wakesite import accounts, buildcache, hooksupport, render
from wakesite.lang import LANGS, lang_root
from wakesite.hooksupport import address_of, project_of, site_of


def on_startup(command, dirty):
    hooksupport.remember_command(command)


def on_serve(server, config, builder):
    # The generator's templates are the installed package's, not the project's: watched from there.
    server.watch(str(render.TEMPLATES))
    return server


def on_config(config):
    site = site_of(config)
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
    page.meta["wakesite_public"] = render.is_public(page.meta["wakesite_parts"])  # main.html: no 要確認 mark
    site, lang = site_of(config), _lang(page, config)
    title = render.page_title(site, lang, page.file.src_uri, page.meta["wakesite_parts"])
    if title and "title" not in page.meta:
        page.meta["title"] = title  # the nav and <title> use it; stub pages have no title of their own
    try:
        filled = render.fill_placeholders(markdown, site, lang, page.url, page.file.src_uri, address_of(config),
                                          pdfs=not hooksupport.serving(),
                                          env=render.environment(buildcache.template_bytecode_cache(project_of(config))))
    except ValueError as error:
        raise PluginError(str(error)) from None
    markdown, page.meta["wakesite_raw_html"] = render.set_aside_raw_html(filled)  # back in on_page_content
    return markdown


def _find_link(links, anchor_id):
    for link in links:
        if link.id == anchor_id:
            return link
        found = _find_link(link.children, anchor_id)
        if found:
            return found
    return None


def on_env(env, config, files):
    # Each language's build makes a new environment; without this, every one recompiles
    # Material's templates (a third of the build's own time).
    env.bytecode_cache = buildcache.template_bytecode_cache(project_of(config))
    env.globals["wk_text"] = render.theme_text  # the words of overrides/main.html, from strings.yml
    env.globals["wk_lang_root"] = lang_root
    env.globals["wk_original_language"] = LANGS[0]  # the others are translations
    return env


def on_page_content(html, page, config, files):
    raw_blocks = page.meta.pop("wakesite_raw_html", [])
    html = render.put_back_raw_html(html, raw_blocks)
    if page.present_anchor_ids is not None:  # MkDocs validates links to these ids after the build
        page.present_anchor_ids |= render.anchor_ids(raw_blocks)
    # Markdown's toc extension titles every heading permalink "Permanent link", in any language.
    lang = _lang(page, config)
    html = render.localise_heading_permalinks(html, lang)
    for name in page.meta.get("wakesite_parts", []):
        for heading_id, row_id, label in render.toc_additions(name, site_of(config), lang):
            parent = _find_link(page.toc.items, heading_id)
            if parent is None:
                raise PluginError(f"{page.file.src_uri}: no heading #{heading_id} in the table of contents "
                                  f"to put the row #{row_id} ({label}) under")
            parent.children.append(AnchorLink(label, row_id, parent.level + 1))
    return html


def on_post_build(config):
    # static-i18n (suffix structure) keeps one site_dir for every language and writes the other
    # languages' pages to site_dir/<lang>/; this runs once per language, before static-i18n's
    # own on_post_build (-100) builds the next one.
    lang = config.theme["language"]
    root = Path(config["site_dir"]) / lang_root(lang)
    root.mkdir(parents=True, exist_ok=True)
    accounts.write_accounts_json(site_of(config).accounts, address_of(config).stable(lang, "policy/"), root)
