"""新旧対照表 (wakesite.comparison), edition data (wakesite.edition), the link-rot guard
(wakesite.linkrot) and the language switcher inside a mike version (wakesite.versions):
without MkDocs, on small fixtures."""
from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from support import DATA_SCHEMAS, FIXTURES, ROOT
from wakesite import comparison, edition, linkrot, pagepath, redirects, render, site, strings, versions
from wakesite.datafile import DataErrors

EDITIONS = FIXTURES / "data" / "editions"


@pytest.fixture(scope="module")
def table():
    old = comparison.load_guideline(EDITIONS / "old", DATA_SCHEMAS)
    new = comparison.load_guideline(EDITIONS / "new", DATA_SCHEMAS)
    return comparison.compare(old, new, "1", "2")


def _marked(segments):
    return "".join(s.text for s in segments if s.changed)


def _text(segments):
    return "".join(s.text for s in segments)


def test_a_reworded_clause_is_marked_on_both_sides(table):
    (row,) = [r for r in table.rows if r.anchor == "prohibited-untrue" and r.kind == "changed"]
    assert _text(row.new) == "ウ　事実に反する内容" and _text(row.old) == "ウ　事実と異なる内容"
    assert _marked(row.new) == "に反す" and _marked(row.old) == "と異な"
    assert row.ref.ja == "4(5)ウ"


def test_new_clauses_and_paragraphs_are_added_in_place(table):
    kinds = [(r.kind, r.anchor) for r in table.rows]
    assert kinds == [
        ("elided", ""),                        # 4 基本原則, （５）禁止事項, its first paragraph
        ("added", "prohibited-content"),       # the new paragraph, not a shift of the old ones
        ("changed", "prohibited-untrue"),
        ("elided", ""),                        # 5 手順 … security-4 (corrected text equal in both)
        ("added", "security-5"),
    ]
    assert table.changes == 3


def test_a_removed_clause_is_listed_where_it_was():
    old = comparison.load_guideline(EDITIONS / "new", DATA_SCHEMAS)
    new = comparison.load_guideline(EDITIONS / "old", DATA_SCHEMAS)
    rows = comparison.compare(old, new).rows
    assert [(r.kind, r.anchor) for r in rows] == [
        ("elided", ""), ("removed", "prohibited-content"), ("changed", "prohibited-untrue"),
        ("elided", ""), ("removed", "security-5")]


def test_identical_editions_are_one_elided_row():
    g = comparison.load_guideline(EDITIONS / "old", DATA_SCHEMAS)
    assert [r.kind for r in comparison.compare(g, comparison.load_guideline(EDITIONS / "old", DATA_SCHEMAS)).rows] == ["elided"]


def test_character_diff_keeps_short_common_runs_inside_a_rewrite():
    old, new = comparison.diff_text("本町の公式アカウント", "本町が運用するアカウント")
    assert _text(old) == "本町の公式アカウント" and _text(new) == "本町が運用するアカウント"
    assert _marked(old) == "の公式" and _marked(new) == "が運用する"


def test_rendered_table_has_two_columns_and_marks(table, tmp_path):
    env = render.environment()
    s = site.load_site(FIXTURES / "data" / "valid", None, DATA_SCHEMAS)
    html = env.get_template("history.md.j2").render(
        site=_with_two_editions(s, tmp_path), guideline=s.guideline, lang="ja", root="../",
        t=lambda key: strings.word(key, "ja"), comparisons={"2": table})
    assert "<th scope=\"col\">改正後</th><th scope=\"col\">改正前</th>" in html
    assert "<ins>に反す</ins>" in html and "<del>と異な</del>" in html
    assert html.count("wk-cmp__row--elided") == 2 and html.count(">（略）</td>") == 4
    assert "（新設）" in html
    assert "[新旧対照表（第1版との比較）](#comparison-2)" in html


def _with_two_editions(s, tmp_path):
    path = tmp_path / "edition.yml"
    path.write_text(
        'label: "2"\neditions:\n'
        '  - {label: "2", enacted: null, effective: "2030-04-01", tag: e-2, changes: {ja: 改正, en: Revised}}\n'
        '  - {label: "1", enacted: null, effective: null, to_confirm: Q15, tag: e-1, changes: {ja: 初版, en: First}}\n',
        encoding="utf-8")
    return dataclasses.replace(s, editions=edition.load_all(path, schema_dir=DATA_SCHEMAS))  # the loaded Site is cached: not changed


def test_the_project_has_one_edition_and_no_comparison_yet():
    editions = edition.load_all(ROOT / "docs" / "_data" / "edition.yml")
    assert editions.current.label == "1.0" and editions.current.tag == "edition-1.0"
    assert editions.current.enacted is None and editions.current.effective is None  # the source gives no date
    assert comparison.for_editions(editions, None, ROOT / "docs" / "_data") == {}


@pytest.mark.parametrize("text, message", [
    ('label: "1.1"\neditions:\n  - {label: "1.0", enacted: null, effective: null, to_confirm: Q15, tag: t, changes: {ja: あ, en: a}}\n',
     "edition.yml:1: label '1.1' must be the first (newest) entry of `editions`, which is '1.0'; it is not in `editions`"),
    ('label: "1.0"\neditions:\n  - {label: "1.0", enacted: 2024-04-01, effective: null, tag: t, changes: {ja: あ, en: a}}\n',
     "edition.yml:3: editions/0/enacted: datetime.date(2024, 4, 1) is not of type 'string', 'null'"),
    # No date, and nothing said about it: a page would name the edition with no date and no 要確認.
    ('label: "1.0"\neditions:\n  - {label: "1.0", enacted: null, effective: null, tag: t, changes: {ja: あ, en: a}}\n',
     "edition.yml:3: edition 1.0: no date given: name the 要確認 entry that says so (to_confirm)"),
])
def test_bad_edition_data_is_named_with_its_line(tmp_path, text, message):
    path = tmp_path / "edition.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        edition.load_all(path, schema_dir=DATA_SCHEMAS)
    assert message in str(error.value)


def test_an_edition_names_a_question_the_errata_has(tmp_path):
    path = tmp_path / "edition.yml"
    path.write_text('label: "1.0"\neditions:\n  - {label: "1.0", enacted: null, effective: null, to_confirm: Q99, tag: t,'
                    ' changes: {ja: あ, en: a}}\n', encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        edition.load_all(path, {"Q15"}, schema_dir=DATA_SCHEMAS)
    assert "edition.yml:3: edition 1.0: no 要確認 entry 'Q99' in errata.yml" in str(error.value)
    assert edition.load_all(path, schema_dir=DATA_SCHEMAS).current.to_confirm == "Q99"  # unchecked without the errata


def test_missing_tag_of_a_previous_edition_says_which(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    with pytest.raises(comparison.ComparisonError, match="git tag 'edition-0.9' .* does not exist"):
        comparison.guideline_at(tmp_path, "docs/_data", "edition-0.9")


# ---- link-rot guard ----

def _site(root: Path, pages: list[str]) -> Path:
    for page in pages:
        file = root / page / "index.html" if page.endswith("/") or not page else root / page
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("<!doctype html>", encoding="utf-8")
    return root


def test_link_rot_names_the_vanished_path(tmp_path):
    new = _site(tmp_path / "new", ["", "policy/", "en/", "en/policy/"])
    published = {"1.0": {"", "policy/", "errata/", "en/", "en/policy/", "en/errata/"}}
    assert linkrot.vanished(published, set(pagepath.pages(new))) == [
        "/en/errata/ (published in edition 1.0) is not in the new build and has no redirect in docs/_data/redirects.yml",
        "/errata/ (published in edition 1.0) is not in the new build and has no redirect in docs/_data/redirects.yml",
    ]


def test_a_redirect_keeps_the_old_path(tmp_path):
    new = _site(tmp_path / "new", ["", "corrections/", "en/", "en/corrections/"])
    moved = [redirects.Redirect("errata/", "corrections/", 1)]
    linkrot.write_redirects(new, "", moved)
    linkrot.write_redirects(new, "en/", moved)
    assert 'url=../corrections/"' in (new / "en" / "errata" / "index.html").read_text(encoding="utf-8")
    assert linkrot.vanished({"1.0": {"errata/", "en/errata/"}}, set(pagepath.pages(new))) == []


def test_a_redirect_to_nowhere_or_over_a_page_is_an_error(tmp_path):
    new = _site(tmp_path / "new", ["", "policy/"])
    with pytest.raises(ValueError, match="redirects.yml:3: redirect from 'old/' goes to 'gone/', which is not a page"):
        linkrot.write_redirects(new, "", [redirects.Redirect("old/", "gone/", 3)])
    with pytest.raises(ValueError, match="redirect from 'policy/', but that page exists"):
        linkrot.write_redirects(new, "", [redirects.Redirect("policy/", "", 4)])


def test_the_project_redirects_file_is_valid():
    assert redirects.load_redirects(ROOT / "docs" / "_data" / "redirects.yml") == []


# ---- language switcher inside a mike version ----

@pytest.mark.parametrize("site_url, link, expected", [
    ("http://127.0.0.1:8000/", "/en/", "en/"),
    ("http://127.0.0.1:8000/", "/", "./"),
    ("https://example.org/1.0", "/1.0/en/", "en/"),     # as mike sets site_url while building 1.0
    ("https://example.org/1.0", "/1.0/", "./"),
    ("https://example.org/sns/1.0", "/sns/1.0/en/", "en/"),
    ("https://example.org/", "../en/policy/", "../en/policy/"),  # already relative: kept
])
def test_switcher_links_become_site_relative(site_url, link, expected):
    (result,) = versions.relative_alternates([{"name": "x", "link": link, "lang": "en"}], site_url)
    assert result["link"] == expected


def test_head_loses_its_language_links_and_nothing_else():
    head = ('<link rel="canonical" href="https://example.org/policy/">\n'
            '<link rel="alternate" href="./" hreflang="ja">\n'
            '<link rel="alternate" href="../en/policy/" hreflang="en">\n'
            '<link rel="alternate" type="application/rss+xml" title="feed" href="feed.xml">\n'
            '<link rel="icon" href="../assets/images/favicon.png">')
    result = versions.without_language_links(head)
    assert "hreflang" not in result
    assert result == ('<link rel="canonical" href="https://example.org/policy/">\n'
                      '<link rel="alternate" type="application/rss+xml" title="feed" href="feed.xml">\n'
                      '<link rel="icon" href="../assets/images/favicon.png">')
