"""Rendering: escaping, links, numbering and placeholders."""
from __future__ import annotations

from pathlib import Path

import pytest

from wakesite import errata, guideline, render
from wakesite.site import Site

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "data" / "valid"


@pytest.fixture
def fixture_site() -> Site:
    loaded = guideline.load(VALID / "guideline.yml")
    fixes = errata.load(VALID / "errata.yml", loaded)
    errata.apply(fixes, loaded)
    return Site(guideline=loaded, errata=fixes, data_dir=VALID)


def test_markup_in_data_shows_as_text():
    assert str(render.rich_text("<script>alert(1)</script>")) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert str(render.md_text("*bold* <b>")) == r"\*bold\* &lt;b&gt;"


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
    (["checklist"], ["assets/stylesheets/checklist.css"], ["assets/javascripts/checklist.js"]),
    (["checklists-index"], ["assets/stylesheets/checklist.css"], []),
    (["history"], ["assets/stylesheets/comparison.css"], []),
    (["profile-texts"], [], ["assets/javascripts/copy.js"]),
    (["policy"], [], []),
    (["checklist", "checklists-index"], ["assets/stylesheets/checklist.css"], ["assets/javascripts/checklist.js"]),
])
def test_pages_get_only_the_assets_their_parts_need(parts, css, js):
    assert render.page_assets(parts) == {"css": css, "js": js}


def test_every_part_asset_exists_in_the_theme():
    for assets in render.PART_ASSETS.values():
        for path in (*assets.get("css", ()), *assets.get("js", ())):
            assert (render.ROOT / "overrides" / path).is_file(), path
    assert set(render.PART_ASSETS) <= set(render.known_placeholders())
