"""The checklist pages in Chromium: ticking, saving per checklist and edition, conditions,
records, the approval box (決裁欄: route, date, one person in two roles), progress, reset, broken or foreign saved state, blocked or full storage, a return
through the back/forward cache, no JavaScript, print emulation, one A4 sheet, and the blank
PDFs the build made."""
from __future__ import annotations

import json
import re
import subprocess

import pytest
from playwright.sync_api import expect

from wakesite.site import load_project

from support import ROOT, pdf_fonts

PAGE = "checklists/pre-post/"
# The numbers the page must show, from the checklist's data (the data may grow; the rules may not change).
PRE_POST = next(c for c in load_project(ROOT).checklists if c.id == "pre-post")
SHOWN = sum(1 for item in PRE_POST.duties if item.when is None)
SHOWN_WITH_INSTAGRAM = SHOWN + sum(1 for item in PRE_POST.duties if item.when and item.when.has and item.when.has.id == "instagram")
REFERENCES = len(PRE_POST.items) - len(PRE_POST.duties)
KEY = "wakesite:checklist:pre-post:{edition}"


def edition_of(page) -> str:
    return page.locator("form.wk-checklist").get_attribute("data-wk-edition")


def open_checklist(page, site_url, path=PAGE):
    page.goto(site_url + path)
    expect(page.locator("form.wk-checklist[data-wk-ready]")).to_have_count(1)
    return page


# Errors are counted only when thrown in checklist.js: other scripts of the theme are not under test here.
def progress(page) -> str:
    return page.locator("[data-wk-progress]").inner_text()


def test_tick_survives_reload(page, site_url):
    open_checklist(page, site_url)
    page.check("#wk-c-not-illegal")
    page.reload()
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    expect(page.locator("#wk-c-not-untrue")).not_to_be_checked()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY.format(edition=edition_of(page))}')"))
    assert stored["items"] == {"not-illegal": True}


def test_header_fields_survive_reload(page, site_url):
    open_checklist(page, site_url)
    page.fill("#wk-f-unit", "総務課 <b>x</b>")
    page.fill("#wk-f-subject", "行事のお知らせ\n二行目")
    page.check("#wk-f-accounts--line")
    page.reload()
    expect(page.locator("#wk-f-unit")).to_have_value("総務課 <b>x</b>")
    expect(page.locator("#wk-f-subject")).to_have_value("行事のお知らせ\n二行目")
    expect(page.locator("#wk-f-accounts--line")).to_be_checked()


def test_conditional_item_follows_its_condition(page, site_url):
    open_checklist(page, site_url)
    hashtags = page.locator("#item-instagram-hashtags")
    expect(hashtags).to_be_hidden()
    page.check("#wk-f-accounts--instagram")
    expect(hashtags).to_be_visible()
    page.uncheck("#wk-f-accounts--instagram")
    expect(hashtags).to_be_hidden()
    repost = page.locator("#item-repost-facts-checked")
    expect(repost).to_be_hidden()
    page.check("#wk-f-quotes-others")
    expect(repost).to_be_visible()
    page.reload()
    expect(repost).to_be_visible()


def test_progress_counts_shown_duties_only(page, site_url):
    open_checklist(page, site_url)
    # conditional duties are hidden at first; reference (参考) items are counted apart
    assert f"0 / {SHOWN}" in progress(page) and "0 / 2" in progress(page)
    page.check("#wk-c-not-illegal")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN}")
    page.check("#wk-f-accounts--instagram")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN_WITH_INSTAGRAM}")
    page.check("#wk-c-links-open")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {REFERENCES}")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN_WITH_INSTAGRAM}")
    assert page.locator("[data-wk-progress]").get_attribute("aria-live") == "polite"


def test_approval_route_date_and_roles_survive_reload(page, site_url):
    open_checklist(page, site_url)
    page.check("#wk-a-route--omitted-routine")
    page.fill("#wk-a-date", "2026-12-05")
    page.check("#wk-a-combined")
    page.reload()
    expect(page.locator("#wk-a-route--omitted-routine")).to_be_checked()
    expect(page.locator("#wk-a-route--approved")).not_to_be_checked()
    expect(page.locator("#wk-a-date")).to_have_value("2026-12-05")
    expect(page.locator("#wk-a-combined")).to_be_checked()
    fields = saved_state(page)["fields"]
    assert fields["approval.route"] == "omitted-routine" and fields["approval.date"] == "2026-12-05"
    assert fields["approval.combined"] is True
    page.check("#wk-a-route--approved")  # one route only
    assert page.locator("input[name='field:approval.route']:checked").count() == 1


def test_reply_flag_shows_the_reply_rule_marked_to_be_confirmed(page, site_url):
    """運用方針 コメント等の管理方法 1 applies to a reply; it conflicts with 決裁を省略できる事項 2 (Q7)."""
    open_checklist(page, site_url)
    reply = page.locator("#item-reply-approved-by-division")
    expect(reply).to_be_hidden()
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"0 / {SHOWN}")
    page.check("#wk-f-reply")
    expect(reply).to_be_visible()
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"0 / {SHOWN_WITH_INSTAGRAM}")
    expect(reply).to_contain_text("所轄課の決裁")
    expect(reply.locator("a.wk-cl-ref")).to_have_attribute("href", "../../guideline/#policy-comments-1")
    mark = reply.locator("a.wk-to-confirm")
    expect(mark).to_have_attribute("href", "../../errata/#Q7")
    expect(mark).to_have_accessible_name(re.compile(r"要確認.*Q7"))
    expect(page.locator("#wk-a-route--omitted-simple-reply + .wk-cl-box + label a.wk-to-confirm")).to_have_attribute(
        "href", "../../errata/#Q7")
    page.reload()
    expect(reply).to_be_visible()


def test_a_reply_puts_the_division_in_charge_on_the_sheet(page, site_url, tmp_path):
    """A reply's content is approved by the 所轄課 (5(2) コメント等の管理方法 1), which may not be the
    posting unit: with "this is a reply" set the sheet gets its 合議 box, and the screen names it
    where it lists the boxes to stamp on paper; without it, neither. A blank sheet shows the box
    with its condition (conditions are unknown on paper)."""
    open_checklist(page, site_url)
    division = page.locator("[data-wk-stamp=division-in-charge]")
    named = page.locator(".wk-cl-approval__consult")
    expect(named).to_be_hidden()
    page.emulate_media(media="print")
    expect(division).to_be_hidden()
    page.emulate_media(media="screen")
    page.check("#wk-f-reply")
    expect(named).to_be_visible()
    expect(named).to_contain_text("合議：所轄課")
    expect(named.locator("a.wk-to-confirm")).to_have_attribute("href", "../../errata/#Q7")
    page.emulate_media(media="print")
    expect(division).to_be_visible()
    expect(division.locator(".wk-cl-stamp__label")).to_have_text(re.compile(r"^合議（所轄課）"))
    staff = page.locator("[data-wk-stamp=staff] .wk-cl-stamp__box").bounding_box()
    box = division.locator(".wk-cl-stamp__box").bounding_box()
    assert box["x"] > staff["x"] + staff["width"] and abs((box["y"] + box["height"]) - (staff["y"] + staff["height"])) < 2
    pdf = tmp_path / "reply.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "合議（所轄課）" in text and "該当する場合のみ" not in text.rsplit("合議（所轄課）", 1)[1]  # the box, last
    page.emulate_media(media="screen")
    page.uncheck("#wk-f-reply")
    page.emulate_media(media="print")
    expect(division).to_be_hidden()
    page.evaluate("document.querySelector('form.wk-checklist').classList.add('wk-cl--blank')")
    expect(division).to_be_visible()
    expect(division).to_contain_text("該当する場合のみ：コメント等への返信である")


def test_a_report_box_stands_right_of_the_lowest_and_says_report(page, site_url):
    """A leaked password is reported to まち経営課 (5(4) セキュリティー対策 3): a report, not an
    approval, so its box is 報告（まち経営課）, right of 担当者, in the same row."""
    open_checklist(page, site_url, "checklists/incident-password-leak/")
    page.emulate_media(media="print")
    labels = page.locator(".wk-cl-stamps__row:not([hidden]) .wk-cl-stamp__label").all_inner_texts()
    assert [label.split("\n")[0] for label in labels][-2:] == ["担当者", "報告（まち経営課）"], labels
    staff = page.locator("[data-wk-stamp=staff] .wk-cl-stamp__box").bounding_box()
    report = page.locator("[data-wk-stamp=management-division] .wk-cl-stamp__box").bounding_box()
    assert abs(report["x"] - (staff["x"] + staff["width"])) < 2 and abs(report["y"] - staff["y"]) < 2
    assert "合議" not in page.locator(".wk-cl-stamps").inner_text()


def test_reset_asks_then_clears(page, site_url):
    open_checklist(page, site_url)
    page.check("#wk-c-not-illegal")
    page.fill("#wk-f-staff", "和気")
    messages = []

    def answer(dialog):
        messages.append(dialog.message)
        dialog.dismiss() if len(messages) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.click("[data-wk-action=reset]")
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()  # dismissed: nothing lost
    page.click("[data-wk-action=reset]")
    expect(page.locator("#wk-c-not-illegal")).not_to_be_checked()
    expect(page.locator("#wk-f-staff")).to_have_value("")
    assert len(messages) == 2 and "消去" in messages[0]
    page.reload()
    expect(page.locator("#wk-c-not-illegal")).not_to_be_checked()


@pytest.mark.parametrize("stored", [
    "{not json",
    "[1, 2, 3]",
    '"just a string"',
    '{"v": 1, "checklist": "pre-post", "edition": "EDITION", "items": ["not-illegal"], "fields": {}, "records": {}}',
    '{"items": {"not-illegal": true}}',
])
def test_corrupt_or_odd_state_is_ignored(page, site_url, stored):
    open_checklist(page, site_url)
    key = KEY.format(edition=edition_of(page))
    stored = stored.replace("EDITION", edition_of(page))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, stored])
    errors = []
    page.on("pageerror", lambda error: errors.append(error) if "checklist.js" in (error.stack or "") else None)
    page.reload()
    expect(page.locator("form.wk-checklist[data-wk-ready]")).to_have_count(1)
    assert page.locator("input.wk-cl-check:checked").count() == 0
    expect(page.locator("[data-wk-note]")).to_contain_text("破棄")
    assert not errors
    page.check("#wk-c-not-illegal")  # still works, and saves a good state again
    page.reload()
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()


def test_values_of_the_wrong_type_are_dropped(page, site_url):
    open_checklist(page, site_url)
    edition = edition_of(page)
    state = {"v": 1, "checklist": "pre-post", "edition": edition,
             "items": {"not-illegal": "yes", "privacy": True, "no-such-item": True},
             "fields": {"unit": 42, "staff": "和気", "accounts": "instagram", "quotes-others": "true",
                        "approval.route": "no-such-route", "approval.date": 20261205, "approval.combined": "yes"},
             "records": {"approval": "no-such-option"}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY.format(edition=edition), json.dumps(state)])
    page.reload()
    expect(page.locator("#wk-c-privacy")).to_be_checked()
    expect(page.locator("#wk-c-not-illegal")).not_to_be_checked()
    expect(page.locator("#wk-f-unit")).to_have_value("")
    expect(page.locator("#wk-f-staff")).to_have_value("和気")
    expect(page.locator("#wk-f-accounts--instagram")).not_to_be_checked()
    expect(page.locator("#wk-f-quotes-others")).not_to_be_checked()
    assert page.locator("input[name='field:approval.route']:checked").count() == 0
    expect(page.locator("#wk-a-date")).to_have_value("")
    expect(page.locator("#wk-a-combined")).not_to_be_checked()


def test_state_of_another_edition_is_not_shown(page, site_url):
    open_checklist(page, site_url)
    old = {"v": 1, "checklist": "pre-post", "edition": "0.9", "items": {"not-illegal": True}, "fields": {}, "records": {}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY.format(edition="0.9"), json.dumps(old)])
    # even copied under the current key, a state that says it is of another edition is refused
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY.format(edition=edition_of(page)), json.dumps(old)])
    page.reload()
    assert page.locator("input.wk-cl-check:checked").count() == 0
    expect(page.locator("[data-wk-note]")).to_contain_text("別の版")


def test_storage_that_throws_leaves_the_page_working(tabs, site_url):
    with tabs.tab() as page:
        page.add_init_script("""
            Storage.prototype.getItem = function () { throw new DOMException('blocked', 'SecurityError'); };
            Storage.prototype.setItem = function () { throw new DOMException('blocked', 'SecurityError'); };
        """)
        errors = []
        page.on("pageerror", lambda error: errors.append(error) if "checklist.js" in (error.stack or "") else None)
        open_checklist(page, site_url)
        page.check("#wk-c-not-illegal")
        page.check("#wk-f-accounts--instagram")
        expect(page.locator("#item-instagram-hashtags")).to_be_visible()
        expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN_WITH_INSTAGRAM}")
        expect(page.locator("[data-wk-note]")).to_contain_text("保存できません")
        assert not errors


# Every write fails, as when the browser's storage quota is used up; reading still works.
FULL_STORAGE = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
SAVED_NOTE = "このブラウザの中にだけ保存されます"


def saved_state(page) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", KEY.format(edition=edition_of(page)))
    return json.loads(raw) if raw is not None else None


def open_with_full_storage(page, site_url):
    """The checklist with a tick and a unit saved earlier, reloaded once storage is full."""
    open_checklist(page, site_url)
    page.check("#wk-c-not-illegal")
    page.fill("#wk-f-unit", "総務課")
    page.add_init_script(FULL_STORAGE)
    page.reload()
    expect(page.locator("form.wk-checklist[data-wk-ready]")).to_have_count(1)
    return page


def test_entries_saved_earlier_are_shown_when_storage_is_full(page, site_url):
    open_with_full_storage(page, site_url)
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    expect(page.locator("#wk-f-unit")).to_have_value("総務課")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN}")
    expect(page.locator("[data-wk-note]")).to_contain_text("新しい記入内容を保存できません")
    expect(page.locator("[data-wk-note]")).to_contain_text("これまでに保存した内容は残っています")
    expect(page.locator("[data-wk-note]")).not_to_contain_text(SAVED_NOTE)


def test_typing_works_in_memory_when_storage_is_full(page, site_url):
    open_with_full_storage(page, site_url)
    page.check("#wk-c-not-untrue")
    page.fill("#wk-f-staff", "和気")
    expect(page.locator("#wk-c-not-untrue")).to_be_checked()
    expect(page.locator("#wk-f-staff")).to_have_value("和気")
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"2 / {SHOWN}")
    expect(page.locator("[data-wk-note]")).to_contain_text("保存できません")
    assert saved_state(page)["items"] == {"not-illegal": True}  # what was saved earlier is left as it was


def test_unsaved_input_stays_when_another_tab_saves(page, site_url):
    open_with_full_storage(page, site_url)
    page.fill("#wk-f-staff", "和気")
    page.evaluate("k => window.dispatchEvent(new StorageEvent('storage', {key: k}))",
                  KEY.format(edition=edition_of(page)))
    expect(page.locator("#wk-f-staff")).to_have_value("和気")
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()


BACK_FORWARD_RESTORE = "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))"


def test_back_forward_return_keeps_input_that_could_not_be_saved(page, site_url):
    page.add_init_script(FULL_STORAGE)
    open_checklist(page, site_url)
    page.check("#wk-c-not-illegal")
    page.fill("#wk-f-unit", "総務課")
    page.evaluate(BACK_FORWARD_RESTORE)
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    expect(page.locator("#wk-f-unit")).to_have_value("総務課")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN}")


def test_back_forward_return_keeps_the_form_and_saves_it(page, site_url):
    open_checklist(page, site_url)
    page.check("#wk-c-not-illegal")
    page.fill("#wk-f-unit", "総務課")
    # meanwhile the saved entry went away (another tab reset it): what is on screen is newer
    page.evaluate("k => localStorage.removeItem(k)", KEY.format(edition=edition_of(page)))
    page.evaluate(BACK_FORWARD_RESTORE)
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    expect(page.locator("#wk-f-unit")).to_have_value("総務課")
    state = saved_state(page)
    assert state["items"] == {"not-illegal": True} and state["fields"]["unit"] == "総務課"

def test_without_javascript_everything_is_listed(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        items = page.locator("li.wk-cl-item")
        assert items.count() == len(PRE_POST.items)
        for index in range(items.count()):
            expect(items.nth(index)).to_be_visible()
        expect(page.locator("#item-instagram-hashtags")).to_contain_text("該当する場合のみ")
        links = page.locator("#item-not-untrue a.wk-cl-ref")
        expect(links).to_have_text("4(5)ウ")
        assert links.get_attribute("href") == "../../guideline/#prohibited-untrue"
        expect(page.locator("[data-wk-action]").first).to_be_hidden()  # script-only buttons stay hidden
        expect(page.locator("a[href$='pre-post-blank-ja.pdf']")).to_be_visible()
        # On paper, the 合議 box (nothing could decide whether it applies) says when it does.
        page.emulate_media(media="print")
        expect(page.locator(".wk-cl-stamp--consult .wk-cl-stamp__when")).to_have_text("該当する場合のみ：コメント等への返信である")
        expect(page.locator(".wk-cl-stamp--consult .wk-cl-stamp__when")).to_be_visible()
    finally:
        context.close()


def test_clause_links_reach_the_guideline(page, site_url):
    open_checklist(page, site_url)
    page.locator("#item-not-untrue a.wk-cl-ref").click()
    expect(page).to_have_url(re.compile(r"/guideline/#prohibited-untrue$"))
    expect(page.locator("#prohibited-untrue")).to_be_visible()


def test_groups_and_fields_are_labelled(page, site_url):
    open_checklist(page, site_url)
    assert page.locator("form.wk-checklist fieldset:not(:has(> legend))").count() == 0
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('form.wk-checklist input, form.wk-checklist textarea')]
        .filter(el => !(el.labels && el.labels.length)).map(el => el.id)""")
    assert unlabelled == []
    page.focus("#wk-c-not-illegal")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none" or outline != "none"


def test_print_shows_stamps_and_hides_screen_parts(page, site_url):
    """The stamp boxes of the approval box (決裁欄) print, highest rank on the left; screen parts do not."""
    open_checklist(page, site_url)
    expect(page.locator(".wk-cl-stamps")).to_be_hidden()
    page.emulate_media(media="print")
    stamps = page.locator(".wk-cl-stamps__row:not([hidden]) .wk-cl-stamp__box")
    assert stamps.count() == len(PRE_POST.approval.stamps)  # the 所轄課's box only for a reply
    expect(stamps.first).to_be_visible()
    box = stamps.first.bounding_box()
    assert 85 <= box["width"] <= 95 and 70 <= box["height"] <= 80  # 24 mm × 20 mm (90.7 px × 75.6 px)
    labels = page.locator(".wk-cl-stamps__row:not([hidden]) .wk-cl-stamp__label").all_inner_texts()
    assert labels[0] == "所属長" and labels[-1] == "担当者"
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", "[data-wk-action=print-filled]",
                     ".wk-cl-progress", ".md-footer"):
        for index in range(page.locator(selector).count()):
            expect(page.locator(selector).nth(index)).to_be_hidden()
    expect(page.locator(".wk-cl-sheet-head")).to_contain_text("和気町")
    expect(page.locator(".wk-cl-sheet-head")).to_contain_text("第1.0版")


def test_approval_prints_on_the_filled_sheet_and_not_on_the_blank(page, site_url, tmp_path):
    """The chosen route, the date and one person in two roles are on the printed sheet; a blank
    sheet shows none of them (empty boxes, an empty date line, no mark)."""
    open_checklist(page, site_url)
    page.check("#wk-a-route--omitted-urgent")
    page.fill("#wk-a-date", "2026-12-05")
    page.check("#wk-a-combined")
    page.emulate_media(media="print")
    tick = "id => getComputedStyle(document.querySelector(`#${id} + .wk-cl-box`), '::after').content"
    assert page.evaluate(tick, "wk-a-route--omitted-urgent") != "none"
    assert page.evaluate(tick, "wk-a-route--approved") == "none"
    assert page.evaluate(tick, "wk-a-combined") != "none"
    # The date in words, in the field's place: the browser's own format follows its locale.
    expect(page.locator("#wk-a-date")).to_be_hidden()
    expect(page.locator("[data-wk-date-for=wk-a-date]")).to_have_text("2026年12月5日（土）")
    mark = page.locator("[data-wk-stamp=manager] .wk-cl-stamp__mark")
    expect(mark).to_be_visible()
    expect(mark).to_have_text("所属長が兼務")
    expect(page.locator(".wk-cl-stamp__mark")).to_have_count(1)
    pdf = tmp_path / "filled.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "決裁欄" in text and "決裁区分" in text and "決裁日" in text and "押印欄" not in text
    assert re.search(r"決裁日\s+2026年12月5日（土）", text), text
    assert "所属長が兼務" in text
    page.evaluate("document.querySelector('form.wk-checklist').classList.add('wk-cl--blank')")
    hidden = "id => getComputedStyle(document.querySelector(`#${id} + .wk-cl-box`), '::after').display"
    assert page.evaluate(hidden, "wk-a-route--omitted-urgent") == "none" and page.evaluate(hidden, "wk-a-combined") == "none"
    expect(page.locator("[data-wk-date-for=wk-a-date]")).to_be_hidden()  # the blank to fill in instead
    expect(page.locator("#wk-a-date + .wk-cl-date .wk-cl-date__blank")).to_be_visible()
    expect(mark).to_be_hidden()


def test_ticks_print_as_drawn_boxes(page, site_url):
    open_checklist(page, site_url)
    page.check("#wk-c-not-illegal")
    page.emulate_media(media="print")
    tick = "getComputedStyle(document.querySelector('#item-{} .wk-cl-box'), '::after').content"
    assert page.evaluate(tick.format("not-illegal")) != "none"
    assert page.evaluate(tick.format("not-untrue")) == "none"
    page.evaluate("document.querySelector('form.wk-checklist').classList.add('wk-cl--blank')")
    assert page.evaluate("getComputedStyle(document.querySelector('#item-not-illegal .wk-cl-box'), '::after').display") == "none"
    expect(page.locator("#item-instagram-hashtags")).to_be_visible()  # blank sheet: every item


def test_printing_with_unticked_duties_says_so_first(tabs, site_url):
    """Not a dialog: the summary of what is open (GOV.UK's error summary), with the way to print anyway."""
    with tabs.tab() as page:
        page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
        open_checklist(page, site_url)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.click("[data-wk-action=print-filled]")
        expect(page.locator("[data-wk-open-summary]")).to_contain_text(f"確認していない義務項目が {SHOWN} 件あります")
        assert page.evaluate("window.__printed || 0") == 0 and not dialogs
        # A blank sheet needs no question, and the state is still there afterwards
        page.check("#wk-c-not-illegal")
        page.click("[data-wk-action=print-blank]")
        assert not dialogs and page.evaluate("window.__printed") == 1
        expect(page.locator("#wk-c-not-illegal")).to_be_checked()
        expect(page.locator("form.wk-checklist")).not_to_have_class(re.compile("wk-cl--blank"))
        expect(page.locator("[data-wk-printed-date]")).not_to_be_empty()


def test_english_page_works(page, site_url):
    open_checklist(page, site_url, "en/" + PAGE)
    expect(page.locator("h1")).to_have_text(re.compile("Pre-post checklist"))
    page.check("#wk-c-not-illegal")
    expect(page.locator("[data-wk-progress]")).to_contain_text(f"1 / {SHOWN}")
    page.reload()
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    assert page.locator("#item-not-untrue a.wk-cl-ref").inner_text() == "4(5)(c)"
    assert page.locator("#item-not-untrue a.wk-cl-ref").get_attribute("href") == "../../guideline/#prohibited-untrue"


def test_built_pdfs_open_and_hold_the_japanese_title(built_site, tmp_path):
    pdfs = sorted(built_site.rglob("*.pdf"))
    names = {p.relative_to(built_site).as_posix() for p in pdfs}
    assert {"checklists/pre-post/pre-post-blank-ja.pdf", "en/checklists/pre-post/pre-post-blank-en.pdf"} <= names
    for path in pdfs:
        out = tmp_path / path.stem
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(path), str(out)], check=True)
        assert list(tmp_path.glob(path.stem + "*.png")), f"pdftoppm made no image of {path}"
        fonts = pdf_fonts(path)
        assert fonts and all(embedded for _, _, embedded in fonts), f"a font is not embedded in {path}: {fonts}"
    text = subprocess.run(["pdftotext", str(built_site / "checklists/pre-post/pre-post-blank-ja.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "投稿前チェックリスト" in text and "和気町" in text
    info = subprocess.run(["pdfinfo", str(built_site / "checklists/pre-post/pre-post-blank-ja.pdf")],
                          capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info) and "A4" in info


# ---- Incidents: what to do first comes first ----

INCIDENTS = [c for c in load_project(ROOT).checklists if c.first_steps]


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)], ids=["390px", "1280px"])
@pytest.mark.parametrize("checklist", INCIDENTS, ids=[c.id for c in INCIDENTS])
def test_an_incident_checklist_opens_with_its_first_steps(tabs, site_url, checklist, width, height):
    with tabs.tab(viewport={"width": width, "height": height}) as page:
        open_checklist(page, site_url, f"checklists/{checklist.id}/")
        steps = page.locator("#first-steps li")
        expect(steps).to_have_count(len(checklist.first_steps.items))
        # The first three actions and whom to tell, in the first screen, before the record form.
        last = page.locator("#first-steps .wk-cl-first__tell").bounding_box()
        assert last["y"] + last["height"] <= height, f"the first steps end at {last['y'] + last['height']} px"
        for index, item in enumerate(checklist.first_steps.items):
            expect(steps.nth(index).locator("a")).to_have_attribute("href", f"#item-{item.id}")
        order = page.evaluate("""() => [...document.querySelectorAll('#first-steps, li.wk-cl-item, #wk-cl-fields')]
            .map(el => el.id)""")
        assert order[0] == "first-steps" and order[-1] == "wk-cl-fields", order  # the record form after the items
        steps.first.locator("a").click()
        expect(page).to_have_url(re.compile(rf"#item-{checklist.first_steps.items[0].id}$"))


@pytest.mark.parametrize("checklist_id, first, then", [
    ("incident-abusive-comments", "keep-record", "deleted"),
    ("incident-impersonation", "keep-record", "reported-to-platform"),
    ("incident-correction", "keep-record", "correction-posted"),
])
def test_evidence_is_kept_before_it_is_deleted_or_reported(page, site_url, checklist_id, first, then):
    open_checklist(page, site_url, f"checklists/{checklist_id}/")
    ids = page.evaluate("() => [...document.querySelectorAll('li.wk-cl-item')].map(li => li.id)")
    assert ids.index(f"item-{first}") < ids.index(f"item-{then}"), ids


def test_an_incident_sheet_prints_the_record_form_at_its_head(page, site_url, tmp_path):
    """On screen the record form follows the items; on paper it heads the sheet, as the record needs."""
    open_checklist(page, site_url, "checklists/incident-abusive-comments/")
    page.fill("#wk-f-summary", "誹謗中傷の書き込みあり")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert text.index("誹謗中傷の書き込みあり") < text.index("削除する前に記録") < text.index("決裁欄"), text
    assert "まずやること" not in text  # the screen's summary of the items; the sheet has the items
