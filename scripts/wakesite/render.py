"""Rendering the site's generated content with Jinja2: data model in, Markdown (with HTML blocks) out.

Pages in docs/ are short stubs holding a placeholder such as `<!-- wakesite:guideline -->`;
the MkDocs hook replaces it with `render_placeholder(...)`. Everything that comes from data is
escaped here: markup in the data shows as text.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup
from markupsafe import escape as html_escape

from . import strings
from . import part as part_module
from .guideline import number_in
from .lang import LANGS
from .pagepath import root_prefix
from .part import Part
from .site import Site
from .versions import SiteAddress

# The generator's templates and words are part of the package (code, like this module): Jinja reads
# them here, and nothing of them is in the theme's folder that MkDocs publishes. This folder holds
# what several parts share (_clauses.j2, the redirect page, strings.yml); each part's own templates
# are in its part folder (wakesite.part), also on Jinja's path.
TEMPLATES = Path(__file__).resolve().parent / "templates"
PLACEHOLDER = re.compile(r"<!--\s*wakesite:([a-z-]+)\s*-->")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")
# Python-Markdown's escapable characters: escaped so data text is never read as markup. (Only
# these: a backslash before any other character, such as ':', would show on the page.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def md_text(value: str) -> Markup:
    """Plain text for a Markdown context (headings, list items): HTML- and Markdown-escaped."""
    escaped = html.escape(value, quote=False)
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def rich_text(value: str, unlinked=()) -> Markup:
    """Plain text for an HTML block: escaped, web addresses made links (except those in
    `unlinked`: addresses still in question, shown as text), line breaks kept."""
    escaped = html.escape(value, quote=True)
    plain = {html.escape(url, quote=True) for url in unlinked}
    linked = _URL.sub(lambda m: m.group(0) if m.group(0) in plain else f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
    return Markup(linked.replace("\n", "<br>\n"))


def bracketed(text, lang: str) -> Markup:
    """An aside in brackets as each language writes it: （…） in Japanese, " (…)" in English
    (full-width brackets never go around English words). `text` is escaped unless it is Markup."""
    return Markup("（{}）" if lang == "ja" else " ({})").format(text)


def script_json(value) -> Markup:
    """JSON to put inside a <script> element: '<', '>' and '&' as \\u escapes, so that no
    '</script', '<!--' or '<script' in the data can end the element or change how it is parsed
    (the JSON means the same)."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@jinja2.pass_context
def theme_text(context, key: str, **fields) -> Markup:
    """A UI string of strings.yml in the language of the page the theme is rendering
    (overrides/main.html: `wk_text("theme_history")`), with `{field}`s filled in, escaped."""
    text = strings.word(key, context["config"].theme["language"])
    return html_escape(text).format(**fields)


@lru_cache(maxsize=2)
def environment(bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """One environment per bytecode cache (a build passes the project's, buildcache): templates
    compile once; Jinja's loader still reloads a template whose file changed (auto_reload), so
    `mkdocs serve` sees edits."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES, *part_module.template_folders()]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
    )
    env.filters["md"] = md_text
    env.filters["rich"] = rich_text
    env.filters["script_json"] = script_json
    env.globals["number_in"] = number_in
    return env


# Every generated part, by placeholder name: each is declared in its part folder (wakesite.part.folders:
# guideline/, policy/, accounts/, contact/, profile_texts/, errata/, comparison/ (/history/),
# accessibility/, easy/, checklists/, draftcheck/, faq/), none here.
PARTS: dict[str, Part] = part_module.folder_parts()


def render(name: str, site: Site, lang: str, page_url: str = "", page_src: str = "",
           address: SiteAddress = SiteAddress(), pdfs: bool = True, env: jinja2.Environment | None = None) -> str:
    """Render the generated part `name` (its template <name>.md.j2, in its part folder) in `lang`;
    `address` says where the page will be read (self-links; unknown by default); `pdfs` is
    false where the build prints no checklist PDFs (`mkdocs serve`): a note replaces their links;
    `env` is the build's Jinja environment (`environment(its bytecode cache)`; by default one without)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    part = PARTS.get(name)
    if part is None:
        raise ValueError(f"unknown generated part {name!r}; known: {', '.join(PARTS)}")
    extra = part.context(site, lang, page_url, page_src) if part.context else {}
    words = strings.words()
    env = env or environment()
    to_confirm = {}
    for entry in site.errata.to_confirm:
        to_confirm.setdefault(entry.clause.id, []).append(entry)
    template = env.get_template(f"{name}.md.j2")
    return template.render(
        site=site, guideline=site.guideline, errata=site.errata, lang=lang,
        t=lambda key: words[key][lang], root=root_prefix(page_url, lang), to_confirm=to_confirm,
        page_url=page_url, cited_by=site.cited_by if part.staff else {}, accounts=site.accounts,
        address=address, pdfs=pdfs, paren=lambda text: bracketed(text, lang),
        public=part.public, unlinked_urls=_unlinked_urls(site), **extra,
    )


def _unlinked_urls(site: Site) -> frozenset[str]:
    """Addresses in question (an account whose address is 要確認): text wherever they appear."""
    return frozenset(a.url for a in site.accounts.accounts if not a.linked) if site.accounts else frozenset()


def page_title(site: Site, lang: str, page_src: str, parts: list[str]) -> Markup | None:
    """The title of a page whose heading is generated (a checklist's comes from its data), or None.

    HTML-escaped (as Markup, so that a template's `|e` does not escape it twice): Material prints
    a page's title as it is, in <title>, the header and every page's navigation."""
    for name in parts:
        title = PARTS[name].title(site, lang, page_src) if name in PARTS and PARTS[name].title else None
        if title is not None:
            return html_escape(title)
    return None


def toc_additions(name: str, site: Site, lang: str) -> list[tuple[str, str, str]]:
    """(heading id, row id, row label) for table rows a generated part adds under a heading.

    Rows are definition-list entries, not headings, so Markdown's TOC does not see them; the
    hook adds them so that e.g. 炎上対策 is one click away in the page's table of contents. The
    label is HTML-escaped: the theme prints a TOC entry's title as HTML, as Markdown made it.
    """
    part = PARTS.get(name)
    return part.toc_rows(site, lang) if part and part.toc_rows else []


def localise_heading_permalinks(html_text: str, lang: str) -> str:
    """Give the heading permalinks made by Markdown's toc extension a title in the page's language."""
    label = html.escape(strings.word("permalink", lang), quote=True)
    return html_text.replace('title="Permanent link"', f'title="{label}"')


# Generated parts are mostly raw HTML blocks (see _clauses.j2). Python-Markdown copies them to
# the page unchanged, but only after parsing all of them twice with Python's HTML parser (its
# md_in_html extension and MkDocs's anchor collection): a quarter of a warm build. So a complete
# block is set aside before Markdown and put back after it (the page comes out the same), and the
# ids in it are given to MkDocs for its anchor validation.
_RAW_BLOCK = re.compile(r"<(address|article|aside|details|div|dl|fieldset|figure|footer|form|header|nav|ol|p|section|table|ul)[\s>]")
_RAW_MARKER = re.compile(r"<!--wk-raw:(\d+)-->")
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


def set_aside_raw_html(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each complete raw HTML block (a paragraph that opens a block-level
    element at column 0 and closes it at its end) replaced by a marker, and the blocks."""
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for index, chunk in enumerate(chunks):
        opening = _RAW_BLOCK.match(chunk)
        if not opening:
            continue
        tag = opening.group(1)
        balanced = len(re.findall(rf"<{tag}[\s>]", chunk)) == chunk.count(f"</{tag}>")
        if balanced and chunk.rstrip().endswith(f"</{tag}>") and "<!--wk-raw:" not in chunk:
            chunks[index] = f"<!--wk-raw:{len(blocks)}-->"
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks


def put_back_raw_html(html_text: str, blocks: list[str]) -> str:
    """Markdown's output with the blocks of `set_aside_raw_html` back in their places."""
    return _RAW_MARKER.sub(lambda m: blocks[int(m.group(1))], html_text) if blocks else html_text


def anchor_ids(blocks: list[str]) -> set[str]:
    return {found for block in blocks for found in _ID_ATTRIBUTE.findall(block)}


def known_placeholders() -> list[str]:
    return sorted(PARTS)


def is_public(parts: list[str]) -> bool:
    """A page residents read: one with a public part (home, /policy/, /accounts/, the easy pages)."""
    return any(PARTS[name].public for name in parts if name in PARTS)


def page_assets(parts: list[str]) -> dict[str, list[str]]:
    """Stylesheets and scripts (site-root paths, each once, in order) for a page with these parts."""
    assets: dict[str, list[str]] = {"css": [], "js": []}
    for name in parts:
        part = PARTS.get(name, Part())
        assets["css"] += [path for path in part.css if path not in assets["css"]]
        assets["js"] += [path for path in part.js if path not in assets["js"]]
    return assets


def placeholders_in(markdown: str) -> list[str]:
    return PLACEHOLDER.findall(markdown)


def fill_placeholders(markdown: str, site: Site, lang: str, page_url: str, source: str,
                      address: SiteAddress = SiteAddress(), pdfs: bool = True,
                      env: jinja2.Environment | None = None) -> str:
    """Replace every `<!-- wakesite:NAME -->` in a page; an unknown NAME is an error naming the page."""
    known = known_placeholders()

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in known:
            line = markdown.count("\n", 0, match.start()) + 1
            raise ValueError(f"{source}:{line}: unknown placeholder 'wakesite:{name}'; known: {', '.join(known)}")
        return render(name, site, lang, page_url, source, address, pdfs, env)

    return PLACEHOLDER.sub(replace, markdown)
