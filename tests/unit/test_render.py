"""Rendering: escaping, links, numbering and placeholders."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import DATA_SCHEMAS, ROOT
from wakesite import errata, guideline, part, render
from wakesite.site import Site

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "data" / "valid"


@pytest.fixture
def fixture_site() -> Site:
    loaded = guideline.load(VALID / "guideline.yml", schema_dir=DATA_SCHEMAS)
    fixes = errata.load(VALID / "errata.yml", loaded, schema_dir=DATA_SCHEMAS)
    errata.apply(fixes, loaded)
    return Site(guideline=loaded, errata=fixes, data_dir=VALID)


def test_markup_in_data_shows_as_text():
    assert str(render.rich_text("<script>alert(1)</script>")) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert str(render.md_text("*bold* <b>")) == r"\*bold\* &lt;b&gt;"


def test_asides_are_bracketed_as_each_language_writes_them():
    """（…） in Japanese; in English " (…)", never full-width brackets around English words."""
    assert str(render.bracketed("正誤表の確認事項 Q1", "ja")) == "（正誤表の確認事項 Q1）"
    assert str(render.bracketed("see the errata Q1", "en")) == " (see the errata Q1)"
    assert str(render.bracketed("<b>", "en")) == " (&lt;b&gt;)"
    assert str(render.bracketed(render.md_text("2026-01-01"), "en")) == r" (2026\-01\-01)"  # Markup stays as it is


def test_urls_become_links_and_line_breaks_stay():
    html = str(render.rich_text("Fb：和気町　https://facebook.com/town.wake/\n次の行"))
    assert '<a href="https://facebook.com/town.wake/">https://facebook.com/town.wake/</a>' in html
    assert "<br>" in html


@pytest.mark.parametrize(
    ("url", "lang", "prefix"),
    [("", "ja", "./"), ("errata/", "ja", "../"), ("en/", "en", "./"), ("en/errata/", "en", "../")],
)
def test_root_prefix(url, lang, prefix):
    assert render.root_prefix(url, lang) == prefix


def test_guideline_render_has_anchor_number_and_correction(fixture_site):
    ja = render.render("guideline", fixture_site, "ja", "guideline/")
    en = render.render("guideline", fixture_site, "en", "en/guideline/")
    assert '<li id="prohibited-untrue"><span class="wk-clause-no">ウ</span>' in ja
    assert '<span class="wk-clause-no">(c)</span>' in en
    assert "### （５）禁止事項 {#prohibited-content}" in ja
    assert "ハッシュタグ付けは厳禁とする。" in ja and "ハッシュダグ" not in ja
    assert 'href="../errata/#Q1"' in ja  # the 要確認 mark links to the errata entry


def test_an_address_in_question_stays_text():
    html = str(render.rich_text("LINE：x　https://example.org/chat/ と https://example.org/", {"https://example.org/chat/"}))
    assert "https://example.org/chat/ と" in html and 'href="https://example.org/chat/"' not in html
    assert '<a href="https://example.org/">https://example.org/</a>' in html


def test_a_mark_on_a_heading_goes_under_it_not_in_it(tmp_path):
    """A 要確認 point quoting a section's or a chapter's title is marked in a line under the heading
    (a link in the heading would go into the table of contents and the search titles); one quoting
    a paragraph without an anchor, beside that paragraph."""
    text = (VALID / "errata.yml").read_text(encoding="utf-8").replace(
        "to_confirm:\n", "to_confirm:\n  - {id: Q7, clause: prohibited-content, text: 禁止事項, note: {ja: 題。, en: Title.}}\n"
        "  - {id: Q8, clause: prohibited-content, text: 次の内容, note: {ja: 段落。, en: Paragraph.}}\n")
    (tmp_path / "errata.yml").write_text(text, encoding="utf-8")
    loaded = guideline.load(VALID / "guideline.yml", schema_dir=DATA_SCHEMAS)
    fixes = errata.load(tmp_path / "errata.yml", loaded, schema_dir=DATA_SCHEMAS)
    errata.apply(fixes, loaded)
    ja = render.render("guideline", Site(guideline=loaded, errata=fixes, data_dir=VALID), "ja", "guideline/")
    heading = "### （５）禁止事項 {#prohibited-content}"
    assert heading + "\n\n" + '<p class="wk-para wk-heading-marks"><a class="wk-to-confirm" href="../errata/#Q7">' in ja
    assert re.search(r'<p class="wk-para">次の内容を掲載してはいけません。 <a class="wk-to-confirm" href="\.\./errata/#Q8">', ja)
    assert [q.on.id for q in fixes.to_confirm if q.id in ("Q7", "Q8")] == ["prohibited-content", "prohibited-content"]


def test_unknown_placeholder_names_the_page(fixture_site):
    with pytest.raises(ValueError, match=r"docs/x.md:3: unknown placeholder 'wakesite:nope'"):
        render.fill_placeholders("# T\n\n<!-- wakesite:nope -->\n", fixture_site, "ja", "x/", "docs/x.md")


def test_unknown_language_is_refused(fixture_site):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        render.render("guideline", fixture_site, "fr")


def test_heading_permalinks_are_titled_in_the_page_language():
    html = '<h2 id="x">X<a class="headerlink" href="#x" title="Permanent link">¶</a></h2>'
    assert 'title="この項目へのリンク"' in render.localise_heading_permalinks(html, "ja")
    assert 'title="Link to this clause"' in render.localise_heading_permalinks(html, "en")


@pytest.mark.parametrize("parts, css, js", [
    (["checklist"], ["assets/stylesheets/checklist.css"], ["assets/javascripts/record-id.js", "assets/javascripts/checklist.js"]),
    (["checklists-index"], ["assets/stylesheets/checklist.css"], []),
    (["history"], ["assets/stylesheets/comparison.css"], []),
    (["profile-texts"], [], ["assets/javascripts/copy.js"]),
    (["policy"], [], []),
    (["checklist", "checklists-index"], ["assets/stylesheets/checklist.css"], ["assets/javascripts/record-id.js", "assets/javascripts/checklist.js"]),
    # The pre-post checklist and the draft carried onto it: the record's identifier once, before the record.
    (["checklist", "draft-sheet"], ["assets/stylesheets/checklist.css", "assets/stylesheets/draft-sheet.css"],
     ["assets/javascripts/record-id.js", "assets/javascripts/checklist.js", "assets/javascripts/draft-sheet.js"]),
])
def test_pages_get_only_the_assets_their_parts_need(parts, css, js):
    assert render.page_assets(parts) == {"css": css, "js": js}


def test_every_part_is_declared_once_with_its_template_and_assets():
    """One table (render.PARTS) says what each generated part needs: every template has its
    entry, every entry its template (in templates/ or a part's folder, once), every asset exists
    (in the theme's assets, or published from a part's folder)."""
    folders = [render.TEMPLATES, *part.template_folders()]
    found = [p.name.removesuffix(".md.j2") for folder in folders for p in folder.glob("*.md.j2")]
    assert sorted(found) == sorted(set(found)), "a template name in two folders"
    assert set(render.PARTS) == set(found)
    published = {site_path for _, site_path in part.published_assets()}
    for declared in render.PARTS.values():
        for path in (*declared.css, *declared.js):
            assert (ROOT / "overrides" / path).is_file() or path in published, path
    assert not published & {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*")}


def test_every_part_is_declared_in_a_folder_of_its_own():
    """The parts table is the part folders' (issue 28): the shared templates/ holds no part's template."""
    assert render.PARTS == part.folder_parts()
    assert not list(render.TEMPLATES.glob("*.md.j2"))
    for folder in part.folders():
        for name in folder.PARTS:
            assert (Path(folder.__file__).parent / f"{name}.md.j2").is_file(), name


def test_an_undeclared_part_is_an_error(fixture_site):
    with pytest.raises(ValueError, match="unknown generated part 'nothing'"):
        render.render("nothing", fixture_site, "ja")


def test_raw_html_set_aside_and_put_back():
    text = ('## Heading {#h}\n\n'
            '<ol class="x">\n<li id="a">one <ol><li id="b">two</li></ol></li>\n</ol>\n\n'
            'A *Markdown* paragraph.\n\n'
            '<div id="open">\nleft open across a blank line\n\n</div>\n\n'
            '<span id="inline">inline, Markdown wraps it</span>')
    markdown_text, blocks = render.set_aside_raw_html(text)
    assert blocks == ['<ol class="x">\n<li id="a">one <ol><li id="b">two</li></ol></li>\n</ol>']
    assert markdown_text.split("\n\n")[1] == "<!--wk-raw:0-->"
    assert "<div id=\"open\">" in markdown_text and "<span id=\"inline\">" in markdown_text  # left to Markdown
    assert render.put_back_raw_html(markdown_text, blocks) == text
    assert render.anchor_ids(blocks) == {"a", "b"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_generated_page_converts_the_same_with_raw_html_set_aside(lang):
    """Setting raw HTML aside must not change a page: Markdown's output, with the blocks put
    back, equals Markdown's output of the whole text (blank lines aside)."""
    import markdown
    import yaml

    from wakesite.site import load_project
    from wakesite.versions import SiteAddress

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions = [ext if isinstance(ext, str) else next(iter(ext)) for ext in config["markdown_extensions"]]
    site = load_project(ROOT)
    suffix = ".en.md" if lang == "en" else ".md"
    pages = [p for p in (ROOT / "docs").rglob(f"*{suffix}") if lang == "en" or not p.name.endswith(".en.md")]
    checked = 0
    for page in pages:
        source = page.read_text(encoding="utf-8")
        if "wakesite:" not in source:
            continue
        src = page.relative_to(ROOT / "docs").as_posix().replace(".en.md", ".md")
        url = ("en/" if lang == "en" else "") + src.removesuffix("index.md").removesuffix(".md") + ("/" if not src.endswith("index.md") else "")
        filled = render.fill_placeholders(source, site, lang, url, src, SiteAddress.of_build("http://127.0.0.1:8000/", None))
        set_aside, blocks = render.set_aside_raw_html(filled)
        whole = markdown.Markdown(extensions=extensions).convert(filled)
        parts = render.put_back_raw_html(markdown.Markdown(extensions=extensions).convert(set_aside), blocks)
        assert [line for line in parts.splitlines() if line.strip()] == [line for line in whole.splitlines() if line.strip()], page
        checked += 1
    assert checked >= 15
