"""The checklist page template (scripts/wakesite/checklists/checklist.md.j2) and the index, rendered from a
fixture checklist whose text holds markup; and the PDF helpers that need no browser."""
from __future__ import annotations

import re

import pytest

from wakesite import checklists, pdf, render
from wakesite.checklists import sheet, sheets
from wakesite.site import Site

from support import fixture_checklist_site, markdown_to_html

@pytest.fixture
def site() -> Site:
    return fixture_checklist_site()


def page(site: Site, lang: str = "ja") -> str:
    prefix = "" if lang == "ja" else "en/"
    return render.render("checklist", site, lang, f"{prefix}checklists/markup/", "checklists/markup.md")


to_html = markdown_to_html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_markup_in_checklist_data_shows_as_text(site, lang):
    html = to_html(page(site, lang))
    assert "<b>x</b>" not in html and "<i>i</i>" not in html
    assert "<em>" not in html  # *y* is not emphasis
    assert html.count("&lt;b&gt;x&lt;/b&gt;") >= 6  # title, field, option, stamp, group, item, record, source
    assert "*y*" in html


def test_html_blocks_survive_markdown(site):
    """Python-Markdown passes the form through whole: every control is still inside it."""
    html = to_html(page(site))
    form = re.search(r'<form class="wk-checklist".*?</form>', html, re.DOTALL)
    assert form, "the form did not survive Markdown"
    assert form.group(0).count('type="checkbox"') == 5 + 3 + 1  # items + choices and flag + combined roles
    assert form.group(0).count('type="radio"') == 2 + 2  # record + approval route
    assert form.group(0).count('<input type="date"') == 1  # 決裁日
    assert 'class="wk-cl-stamps"' in form.group(0)
    assert "<p><div" not in html and "<p><fieldset" not in html


def test_conditional_items_carry_their_condition(site):
    html = page(site)
    assert re.search(r'<li [^>]*id="item-on-flag"[^>]*data-wk-when-field="quotes"', html)
    assert 'data-wk-when-has' not in re.search(r'<li [^>]*id="item-on-flag"[^>]*>', html).group(0)
    assert re.search(r'<li [^>]*id="item-on-choice"[^>]*data-wk-when-field="accounts" data-wk-when-has="instagram"', html)
    # Without JavaScript, the condition is written out
    assert "該当する場合のみ" in html


def test_items_have_ids_labels_and_clause_links(site):
    html = page(site)
    for item_id in ("plain", "on-flag", "on-choice", "decided", "tip"):
        assert f'id="item-{item_id}"' in html
        assert f'<input class="wk-cl-check" type="checkbox" id="wk-c-{item_id}"' in html
        assert f'<label class="wk-cl-text" for="wk-c-{item_id}">' in html
    assert 'href="../../guideline/#prohibited-untrue"' in html
    assert '>4(5)ウ</a>' in html or ">ウ</a>" in html


def test_reference_items_are_apart_and_marked(site):
    html = page(site)
    duties, _, references = html.partition('class="wk-cl-group wk-cl-group--reference"')
    assert 'id="item-tip"' in references and 'id="item-tip"' not in duties
    assert 'data-wk-kind="reference"' in references and 'data-wk-kind="duty"' not in references
    assert '<span class="wk-cl-badge">参考</span>' in references


def test_storage_key_has_checklist_and_edition(site):
    html = page(site)
    assert 'data-wk-storage-key="wakesite:checklist:markup:2.1"' in html
    site.edition = None
    assert 'data-wk-storage-key="wakesite:checklist:markup:none"' in page(site)


def test_record_options_are_radios_of_one_group(site):
    html = page(site)
    radios = re.findall(r'<input type="radio" id="wk-r-decided--(\w+)" name="record:decided"', html)
    assert radios == ["approved", "omitted"]


@pytest.mark.parametrize(("lang", "box", "route", "date", "report", "consult", "omitted"), [
    ("ja", "<legend>決裁欄</legend>", "<legend>決裁区分</legend>", ">決裁日</label>", "報告（報告先 &lt;b&gt;x&lt;/b&gt;）",
     "合議（他課 &lt;b&gt;x&lt;/b&gt;）", "決裁を省略したとき"),
    ("en", "<legend>Approval</legend>", "<legend>Approval status</legend>", ">Date approved</label>",
     "Reported to: Told &lt;b&gt;x&lt;/b&gt;", "Consulted: Other &lt;b&gt;x&lt;/b&gt;", "If approval is omitted"),
])
def test_approval_box_closes_the_form(site, lang, box, route, date, report, consult, omitted):
    """決裁欄 (not 押印欄): the approval status to choose (決裁区分: a status, not a route of
    approvers), what to fill in when approval is omitted, the date, one person in two roles, the
    stamp boxes in data order (highest rank on the left), a division reported to right of the
    lowest of them (a report is no approval), then another division's approval (合議) in a box of
    its own, with the condition under which it is needed."""
    html = to_html(page(site, lang))
    start = html.index('<fieldset class="wk-cl-approval"')
    approval = html[start:html.index("</form>", start)]
    assert box in approval and "押印欄" not in html
    assert route in approval and date in approval and "Approval route" not in html
    assert omitted in approval.split('class="wk-cl-approval__omitted"')[1]
    assert re.findall(r'<input type="radio" id="wk-a-route--(\w+)" name="field:approval.route" value="\1"', approval) \
        == ["approved", "omitted"]
    assert '<input type="date" id="wk-a-date" name="field:approval.date"' in approval
    assert '<input type="checkbox" id="wk-a-combined" name="field:approval.combined"' in approval
    stamps = re.findall(r'data-wk-stamp="([\w-]+)"', approval)
    assert stamps == ["head", "staff", "told", "other"]
    row = re.search(r'<div class="wk-cl-stamps__row">(.*?)\n</div>', approval, re.S).group(1)
    assert re.findall(r'data-wk-stamp="([\w-]+)"', row) == ["head", "staff", "told"]  # one row: told is right of staff
    # The mark goes in the box of the role that is not stamped, and only there.
    staff = approval[approval.index('data-wk-stamp="staff"'):approval.index('data-wk-stamp="told"')]
    assert approval.count('class="wk-cl-stamp__mark"') == 1 and 'class="wk-cl-stamp__mark"' in staff
    assert report in approval and 'href="../../guideline/#prohibited-untrue"' in approval.split('data-wk-stamp="told"')[1]
    assert consult in approval and 'href="../../guideline/#security-4"' in approval.split('data-wk-stamp="other"')[1]
    # The 合議 box is needed only when its condition applies: checklist.js shows it as it shows items.
    assert re.search(r'<div class="wk-cl-stamps__row wk-cl-stamps__row--consult" data-wk-when-field="quotes">', approval)
    assert re.search(r'<span class="wk-cl-approval__consult" data-wk-when-field="quotes">', approval)


def test_to_confirm_marks_link_the_errata(site):
    """The same 要確認 mark as the accounts list, on an item and on an approval route."""
    html = page(site)
    mark = ('<a class="wk-to-confirm" href="../../errata/#Q1">要確認'
            '<span class="wk-visually-hidden">（正誤表の確認事項 Q1）</span></a>')
    item = html[html.index('id="item-on-flag"'):html.index('id="item-on-choice"')]
    assert mark in item
    route = html[html.index('id="wk-a-route--omitted"'):]
    assert mark in route.split("</div>")[0]
    assert html.count('class="wk-to-confirm"') == 2


def test_stamps_in_data_order_and_pdf_link(site):
    html = page(site, "en")
    assert html.index("Head &lt;b&gt;x") < html.index(">Staff<")
    assert 'href="markup-blank-en.pdf"' in html
    assert checklists.blank_pdf_name("markup", "en") == "markup-blank-en.pdf"


def test_index_lists_each_checklist_with_counts_and_pdf(site):
    html = to_html(render.render("checklists-index", site, "ja", "checklists/", "checklists/index.md"))
    assert 'href="markup.md"' in html  # MkDocs turns it into the page's URL and checks it
    assert 'href="markup/markup-blank-ja.pdf"' in html
    # The one count (Checklist.counts), as the checklist's own page gives it.
    assert "義務 2 項目（ほかに該当する場合のみ 2 項目）・参考 1 項目" in html
    assert "<b>x</b>" not in html


def test_serve_shows_a_note_instead_of_pdf_links(site):
    for name, src in (("checklist", "checklists/markup.md"), ("checklists-index", "checklists/index.md")):
        built = to_html(render.render(name, site, "ja", "checklists/", src))
        served = to_html(render.render(name, site, "ja", "checklists/", src, pdfs=False))
        assert ".pdf" in built and "mkdocs build" not in built
        assert ".pdf" not in served, name
        assert "mkdocs build" in served, name


def test_missing_chromium_is_a_clear_error(tmp_path):
    with pytest.raises(pdf.PdfError, match="not found: the checklist PDFs are printed by Chromium"):
        pdf.make_blank_pdfs(tmp_path, [sheet(tmp_path, "x", "ja")], chromium=tmp_path / "no-chromium")


def test_pdf_pages_per_language(tmp_path):
    pages = sheets(tmp_path, ["pre-post"])
    assert [(p.url_path, p.output, p.query) for p in pages] == [
        ("checklists/pre-post/", tmp_path / "checklists/pre-post/pre-post-blank-ja.pdf", "?print=blank"),
        ("en/checklists/pre-post/", tmp_path / "en/checklists/pre-post/pre-post-blank-en.pdf", "?print=blank")]
