"""The approval record as staff make it, in Chromium, over a working day: check a draft, carry it to
the pre-post checklist, tick, print; carry the next draft; reload; open a new tab the next day;
clear everything. Every session reads the printed PDF (pdftotext), page by page, and holds it to
what the record may say: the current draft and its decisions, nothing of an earlier draft,
未解決 exactly where something is open, the record number and page x / y on every page, dates in
Japanese (or English) form whatever the browser's locale, and the stamp boxes on page 1.

The record number is checked against Python's own SHA-256 (record-id.js must agree with it)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest
from playwright.sync_api import expect

from wakesite import printfonts
from wakesite.site import load_project

from staff_session import carry, fill_the_sheet, open_draft_check, pdf_text, printed, printed_pages, staff_tab
from support import ROOT, fonts_drawn, pdf_fonts

SITE = load_project(ROOT)
PRE_POST = next(c for c in SITE.checklists if c.id == SITE.draft_rules.carry_to)
SHOWN = PRE_POST.counts["duties"]
LIMITS = {platform: limit.max for platform, limits in SITE.draft_rules.limits.items()
          for limit in limits if limit.unit == "characters"}

# Two drafts of one day. Each has a line no other draft has (to find it, or its absence, on paper).
DRAFT_1 = "餅つき大会のお知らせ\n12月20日（日）に開きます。\nつきたてのお餅を味わいましょう。"
DRAFT_2 = "図書館の休館日のお知らせ\n12月29日（火）から1月3日（日）まで休館します。"
# Standing findings: a weekday wrong for its date (直してください), a short URL and a telephone number
# (確認してください), an English hashtag not in CamelCase (参考). (Before issue 24 the short URL was the
# 直してください and its domain a second finding: the guideline does not forbid shorteners, and one
# link is one finding; the full-width digits it had are now a note of the summary line, not carried.)
OPEN_DRAFT = "冬の星空観察会\n12月20日（土）開催\n申込み https://bit.ly/3xYzAbc\n問合せ 0869-00-1234\n#stargazing"


def record_number(text: str) -> str:
    """What record-id.js computes, written again from its description: NFC, line ends as \\n,
    spaces at line ends and blank lines at both ends left out, SHA-256, 8 hex digits."""
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.rstrip(" \t\u3000") for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:8].upper()
    return f"{digest[:4]}-{digest[4:]}"


@pytest.fixture
def staff(tabs, request):
    """A staff member's browser (tests/staff_session.py), set to Japanese unless the test asks for
    another locale (`indirect` parametrization). The pages' scripts never read the browser's
    locale (they write dates and times themselves): the working day below, which prints both, is
    also run in an English browser; each other session once."""
    with staff_tab(tabs, getattr(request, "param", "ja-JP")) as page:
        yield page


def flat(text: str) -> str:
    """pdftotext's layout puts spaces and line ends between the cells of a line."""
    return re.sub(r"\s+", "", text)


def assert_every_page_is_the_record_of(pages: list[str], number: str) -> None:
    for index, sheet in enumerate(pages, start=1):
        assert number in sheet, f"page {index} lacks the record number {number}:\n{sheet[:400]}"
        assert re.search(rf"\b{index}\s*/\s*{len(pages)}\b", sheet), f"page {index} lacks {index} / {len(pages)}"


def storage(page) -> dict:
    return page.evaluate("() => ({local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage)})")


# ---- The record number ----

@pytest.mark.parametrize("text", [
    DRAFT_1, "a", "行末に空白 \t\u3000\nあり\r\n", "\n\n前後の空行\n\n", "e\u0301（NFD）", "絵文字 🎍🎉",
    "x" * 20_000, "\r".join(["CR だけの行末"] * 3),
])
def test_the_record_number_is_the_sha256_of_the_normalised_text(page, site_url, text):
    open_draft_check(page, site_url)
    assert page.evaluate("t => window.wakesiteRecordId.of(t)", text) == record_number(text)


def test_what_reads_user_text_runs_in_linear_time_on_100000_characters(page, site_url):
    """Adversarial input for each pattern and loop of the record and its sheet: a long run that
    almost matches. A quadratic one would not finish (the evaluation would time out)."""
    open_draft_check(page, site_url)
    results = page.evaluate("""() => {
      const ids = window.wakesiteRecordId, check = window.wakesiteDraftCheck;
      const n = 100000;
      return [
        ids.of(" ".repeat(n) + "a").length,
        ids.of("a" + " \\t".repeat(n / 2) + "\\nb").length,
        ids.of("\\r".repeat(n) + "a").length,
        ids.tidy("-".repeat(n)),
        check.excerpt("https://" + "a".repeat(n)).length,
        check.excerpt("www.".repeat(n / 4)).length,
        check.excerpt("あ".repeat(n)).length,
        check.excerpt(("a ").repeat(n / 2)).length,
        check.firstSentence("e.g. ".repeat(n / 5)).length,
        check.firstSentence("a.".repeat(n / 2)).length,
        check.sourceName("（".repeat(n)).length,
      ];
    }""")
    assert results[3] is None and all(isinstance(r, int) and r > 0 for r in results if r is not None)


# ---- One draft, one record ----

@pytest.mark.parametrize("staff", ["ja-JP", "en-US"], indirect=True)
def test_two_drafts_in_sequence_make_two_records(staff, site_url):
    carry(staff, site_url, DRAFT_1)
    one = record_number(DRAFT_1)
    expect(staff.locator("[data-wk-notice]")).to_contain_text(one)
    fill_the_sheet(staff)
    staff.locator("#wk-a-date").fill("2026-12-04")
    expect(staff.locator("[data-wk-progress]")).to_contain_text(f"{SHOWN} / {SHOWN}")
    pages = printed_pages(staff)
    assert len(pages) == 1
    assert_every_page_is_the_record_of(pages, one)
    assert "つきたてのお餅を味わいましょう" in flat(pages[0])
    assert "2026年12月7日（月）9:00" in flat(pages[0]) and "2026年12月4日（金）" in flat(pages[0])
    assert "未解決" not in pages[0] and "義務項目：すべて確認済み" in flat(pages[0])

    # The next post: a new record, nothing ticked, the person's unit and name kept.
    carry(staff, site_url, DRAFT_2)
    two = record_number(DRAFT_2)
    notice = staff.locator("[data-wk-notice]")
    expect(notice).to_contain_text(f"記録番号 {two}")
    expect(notice).to_contain_text(f"記録番号 {one}")  # the earlier record, said to be cleared
    expect(staff.locator("input.wk-cl-check:checked")).to_have_count(0)
    expect(staff.locator("[data-wk-progress]")).to_contain_text(f"0 / {SHOWN}")
    expect(staff.locator("#wk-f-unit")).to_have_value("まち経営課広報広聴係")
    expect(staff.locator("#wk-f-subject")).to_have_value("図書館の休館日のお知らせ")
    expect(staff.locator("#wk-a-date")).to_have_value("")
    pages = printed_pages(staff)
    assert_every_page_is_the_record_of(pages, two)
    text = flat("".join(pages))
    assert "1月3日（日）まで休館します" in text
    assert "つきたて" not in text and "餅つき" not in text and one not in text
    assert f"未確認の義務項目：{SHOWN}件" in text
    assert re.search(r"決裁日\s*年\s*月\s*日", "".join(pages)), "an empty date prints as a blank to fill in"

    # Reloaded: the same record, said so with the time it was saved.
    staff.locator("#wk-c-not-illegal").check()
    staff.reload()
    staff.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    expect(notice).to_contain_text(re.compile(rf"記録番号 {two}.*20\d\d年\d+月\d+日（.）\d+:\d\d に保存"))
    expect(staff.locator("#wk-c-not-illegal")).to_be_checked()

    # A new tab (the next day): the draft and its record stayed with the other tab; the person's
    # unit and name are there to start the next record.
    tomorrow = staff.context.new_page()
    tomorrow.goto(site_url + "checklists/pre-post/")
    tomorrow.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    expect(tomorrow.locator("[data-wk-draft-sheet]")).to_be_hidden()
    expect(tomorrow.locator("input.wk-cl-check:checked")).to_have_count(0)
    expect(tomorrow.locator("#wk-f-subject")).to_have_value("")
    expect(tomorrow.locator("#wk-f-staff")).to_have_value("和気 太郎")
    expect(tomorrow.locator("[data-wk-notice]")).to_contain_text("所属・担当者は、前回の記入から入れています")
    assert "図書館" not in printed_pages(tomorrow)[0]


def test_carrying_the_same_text_again_keeps_the_ticks_and_takes_the_new_decisions(staff, site_url):
    carry(staff, site_url, OPEN_DRAFT, decide=None)
    fill_the_sheet(staff)
    ticked = staff.locator("input.wk-cl-check:checked").count()
    expect(staff.locator("[data-wk-open-status]")).to_contain_text("未解決")
    carry(staff, site_url, OPEN_DRAFT, decide="keep")  # the same text, every finding now decided
    expect(staff.locator("input.wk-cl-check:checked")).to_have_count(ticked)
    expect(staff.locator("[data-wk-notice]")).to_contain_text("この下書き")
    expect(staff.locator("[data-wk-open-status]")).to_have_text("指摘：すべて判断済み／義務項目：すべて確認済み")
    assert "未解決" not in "".join(printed_pages(staff))


# ---- Nothing contradicts a standing finding in silence ----

def test_open_findings_are_listed_before_carrying_and_printed_as_open(staff, site_url):
    carry(staff, site_url, OPEN_DRAFT, decide=None, anyway=False)
    summary = staff.locator("[data-wk-dc-open]")
    expect(summary).to_be_focused()
    entries = summary.locator("li")
    # 直してください first: the weekday; then the short URL and the telephone number. 参考 needs no decision.
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text("直してください")
    entries.nth(2).locator("a").click()
    expect(staff.locator("#wk-dc-decision-3")).to_be_focused()
    staff.locator("#wk-dc-decision-3").select_option("change")  # to be changed: still open
    staff.locator("[data-wk-dc-action=carry]").click()
    expect(entries).to_have_count(3)
    staff.locator("[data-wk-dc-action=carry-anyway]").click()
    staff.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")

    fill_the_sheet(staff)
    # Ticked items that a standing finding bears on: the wording item (the weekday), the links item
    # (short URL, 参考), the privacy item (the telephone number).
    contradicted = ["accurate-wording", "links-open", "privacy"]
    for item in contradicted:
        expect(staff.locator(f"#item-{item} [data-wk-open-mark]")).to_be_visible()
        expect(staff.locator(f"#wk-c-{item}")).to_have_accessible_description(re.compile(r"未解決（指摘\d）"))
    expect(staff.locator("[data-wk-open-mark]")).to_have_count(len(contradicted))

    staff.locator("[data-wk-action=print-filled]").click()
    listed = staff.locator("[data-wk-open-summary]")
    expect(listed).to_be_focused()
    expect(listed.locator("li")).to_have_count(3 + len(contradicted))
    staff.locator("[data-wk-action=print-anyway]").click()
    expect(listed).to_be_hidden()

    pages = printed_pages(staff)
    number = record_number(OPEN_DRAFT)
    assert_every_page_is_the_record_of(pages, number)
    text = flat("".join(pages))
    assert text.count("未解決（未判断）") == 2, text  # the weekday and the short URL
    assert text.count("未解決（直す予定") == 1, text   # the telephone number, marked to be changed
    assert text.count("未解決（指摘") == len(contradicted), text
    assert "未解決6件（指摘3件、チェックとの食い違い3件）" in text
    assert "（判断不要）" in text  # the 参考 finding: no decision, not open
    # Untick what the open findings contradict: only the findings stay open.
    for item in contradicted:
        staff.locator(f"#wk-c-{item}").uncheck()
    expect(staff.locator("[data-wk-open-mark]")).to_have_count(0)
    text = flat("".join(printed_pages(staff)))
    assert "未解決（指摘" not in text and "未解決3件" in text


def test_printing_without_a_draft_lists_the_unticked_duties_first(staff, site_url):
    staff.goto(site_url + "checklists/pre-post/")
    staff.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    staff.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    staff.locator("[data-wk-action=print-filled]").click()
    summary = staff.locator("[data-wk-open-summary]")
    expect(summary).to_contain_text(f"確認していない義務項目が {SHOWN} 件あります")
    assert staff.evaluate("window.__printed") == 0
    summary.locator("li a").click()
    expect(staff).to_have_url(re.compile(r"#item-within-policy$"))
    staff.locator("[data-wk-action=print-anyway]").click()
    assert staff.evaluate("window.__printed") == 1


# ---- Reset, and what is kept where ----

def test_clear_everything_clears_every_storage_and_the_sheet(staff, site_url):
    carry(staff, site_url, DRAFT_1)
    fill_the_sheet(staff)
    staff.locator("[data-wk-action=reset]").first.click()
    expect(staff.locator("[data-wk-draft-sheet]")).to_be_hidden()
    expect(staff.locator("input.wk-cl-check:checked")).to_have_count(0)
    expect(staff.locator("#wk-f-unit")).to_have_value("")
    kept = storage(staff)
    assert not [key for key in kept["local"] if key.startswith("wakesite:")], kept
    assert not [key for key in kept["session"] if key.startswith(("wakesite:checklist", "wakesite:draft-carry"))], kept
    staff.reload()
    staff.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    expect(staff.locator("[data-wk-draft-sheet]")).to_be_hidden()
    expect(staff.locator("#wk-f-unit")).to_have_value("")
    assert "餅つき" not in "".join(printed_pages(staff))


def test_what_the_draft_page_promises_about_storage_is_what_happens(staff, site_url):
    """"Kept only in this tab": nothing of the draft, its subject line included, reaches
    localStorage; only the person's unit and name do."""
    carry(staff, site_url, DRAFT_1)
    fill_the_sheet(staff)
    staff.locator("#wk-f-subject").fill("餅つき大会のお知らせ（件名を直した）")
    kept = storage(staff)
    local = " ".join(f"{key}={value}" for key, value in kept["local"].items())
    for line in DRAFT_1.splitlines():
        assert line not in local, f"{line!r} is in localStorage: {local}"
    assert "件名を直した" not in local
    assert {key for key in kept["local"] if key.startswith("wakesite:")} == {"wakesite:kept"}
    assert "和気 太郎" in kept["local"]["wakesite:kept"]
    assert any("餅つき大会のお知らせ" in value for value in kept["session"].values())
    expect(staff.locator("[data-wk-note]")).to_contain_text("このタブの中にだけ保存")
    open_draft_check(staff, site_url)
    expect(staff.locator("#wk-dc-privacy")).to_contain_text("このタブの中だけに保存")


@pytest.mark.parametrize("stored", [
    '{"v": 2, "edition": "EDITION", "text": "x", "carriedAt": 1, "findings": [null]}',
    '{"v": 2, "edition": "EDITION", "text": "x", "carriedAt": 1, "findings": [{"severity": "must-fix"}]}',
    '{"v": 2, "edition": "EDITION", "text": 42, "carriedAt": 1, "findings": []}',
    '{"v": 2, "edition": "EDITION", "text": "x", "carriedAt": 1, "findings": {}}',
    "{not json",
])
def test_a_carried_draft_that_is_not_as_written_is_discarded_with_a_note(staff, site_url, stored):
    staff.goto(site_url + "checklists/pre-post/")
    edition = staff.locator("form.wk-checklist").get_attribute("data-wk-edition")
    staff.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [f"wakesite:draft-carry:{edition}", stored.replace("EDITION", edition)])
    staff.reload()
    staff.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    expect(staff.locator("[data-wk-draft-sheet]")).to_be_hidden()
    expect(staff.locator("[data-wk-note]")).to_contain_text("引き継いだ下書きを読み込めなかった")
    assert staff.evaluate("k => sessionStorage.getItem(k)", f"wakesite:draft-carry:{edition}") is None


# ---- Long drafts: page 1 keeps the stamp boxes ----

@pytest.mark.parametrize("platform, length", [*sorted(LIMITS.items()), ("facebook", 20_000)])
def test_page_one_holds_the_stamp_boxes_whatever_the_length_of_the_draft(tabs, site_url, platform, length):
    with staff_tab(tabs) as page:
        head = "餅つき大会のお知らせ\n申込み https://www.town.wake.lg.jp/ 問合せ 0869-00-1234\n"
        body = "町内の皆さんで、つきたてのお餅を味わいましょう。小さなお子さんも参加できます。\n"
        text = (head + body * (length // len(body) + 1))[:length - 3] + "おわり"
        assert len(text) == length  # at the platform's limit: no length finding
        carry(page, site_url, text, platforms=(platform,))
        fill_the_sheet(page)
        pages = printed_pages(page)
        assert_every_page_is_the_record_of(pages, record_number(text))
        first = flat(pages[0])
        assert "決裁欄" in first and "所属長" in first and "運用責任者" in first, pages[0][-600:]
        # The whole draft is printed, its end too; the findings follow it, so a draft that ends on
        # page 1 may leave its last findings to page 2.
        assert "おわり" in "".join(flat(p) for p in pages)
        if len(pages) > 1:
            assert "投稿前チェックリスト（続き）" in flat(pages[1])
        page.emulate_media(media="print")
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-wk-dsheet-text]')).fontSize)")
        assert size >= 12, f"the draft prints at {size * 0.75} pt"  # 9 pt = 12 CSS px


# ---- The findings table ----

def test_the_findings_table_quotes_places_whole_and_shows_no_internal_code(staff, site_url):
    over = LIMITS["line"] + 100
    text = ("リンク先の確認 https://bit.ly/3xYzAbc と https://www.okayama-kanko.jp/ をご覧ください。" + "お知らせです。" * 200)[:over]
    open_draft_check(staff, site_url)
    staff.locator("#wk-dc-text").fill(text)
    staff.locator("input[name=account][data-wk-platform=line]").check()
    for select in staff.locator("select[data-wk-decision]").all():
        select.select_option("keep")
    staff.locator("[data-wk-dc-action=carry]").click()
    staff.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    rows = staff.locator("tr.wk-dsheet__finding")
    # The sheet's rows are written by draft-sheet.js: wait for them (the over-limit row is among
    # the last), not only for the form (a run under load once read the table before it was filled).
    expect(rows.filter(has_text="上限")).to_have_count(1)
    words = rows.all_inner_texts()
    assert any("「https://bit.ly/3xYzAbc」" in row for row in words), words
    assert any("「www.okayama-kanko.jp」" in row and "リンク先「www.okayama-kanko.jp」" in row for row in words), words  # not cut at a dot
    length = next(row for row in words if "上限" in row)
    assert "「line」" not in length and "「LINE」" not in length
    assert re.search(r"「お知らせです。…」|「[^」]*…」", length), length


def test_the_findings_become_cards_on_a_phone(tabs, site_url):
    with staff_tab(tabs, viewport={"width": 390, "height": 844}) as page:
        carry(page, site_url, OPEN_DRAFT)
        cell = page.locator("tr.wk-dsheet__finding").first.locator("td.wk-dsheet__basis")
        assert page.evaluate("el => getComputedStyle(el).display", cell.element_handle()) == "block"
        assert cell.bounding_box()["width"] > 250  # a whole line, not a column one character wide
        label = page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle())
        assert "根拠" in label
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1]


# ---- The draft's emoji on paper ----

# Emoji as staff put them in a post, all in Unicode 9.0 (Symbola draws them in outline): in the
# title, two in a row (a finding quotes them, in a bold cell), one at a line's end.
EMOJI_DRAFT = "親子で楽しむ音楽会🎵🎶\n12月19日（土）、中央公民館で開きます🌸\nお待ちしています👍"
# Newer emoji (Unicode 11, 12) and one asked for in colour (U+FE0F): Symbola has none of them.
NEWER_EMOJI_DRAFT = "ご来場ありがとうございました🥳\n次回もお楽しみに🟢\n晴れました☀️"


def drawn_with(page, selector: str) -> set[str]:
    """The font families Chromium draws the text in and under `selector` with, in print."""
    page.emulate_media(media="print")
    _, used = fonts_drawn(page, f"{selector}, {selector} *")
    page.emulate_media(media="screen")
    return set(used)


def test_a_drafts_emoji_print_in_outline_as_text_not_blank(staff, site_url, tmp_path):
    """Before, no print font had emoji: the draft's 🎵🎶 printed blank on the record, and in the
    finding's bold quote Chromium drew an emboldened fallback as Type 3 shapes."""
    carry(staff, site_url, EMOJI_DRAFT)
    fill_the_sheet(staff)
    assert drawn_with(staff, "[data-wk-dsheet-text]") == {printfonts.LATIN, printfonts.JAPANESE, printfonts.SYMBOLS}
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(printed(staff))
    text = flat(pdf_text(pdf.read_bytes()))
    assert "件名・内容親子で楽しむ音楽会🎵🎶" in text
    assert flat(EMOJI_DRAFT) in text  # the draft as written, in order
    assert "「🎵🎶」絵文字が続いています" in text
    fonts = pdf_fonts(pdf)
    assert ("Symbola", "CID TrueType", True) in fonts
    assert [font for font in fonts if font[1] == "Type 3"] == []


def test_emoji_newer_than_the_outline_font_print_in_colour(staff, site_url):
    carry(staff, site_url, NEWER_EMOJI_DRAFT)
    fill_the_sheet(staff)
    assert drawn_with(staff, "[data-wk-dsheet-text]") == {printfonts.JAPANESE, printfonts.EMOJI}
    text = flat(pdf_text(printed(staff)))
    for emoji in ("🥳", "🟢", "☀️"):
        assert emoji in text


# ---- Checking what went out against what was stamped ----

def test_the_draft_check_says_whether_a_posted_text_is_the_approved_one(staff, site_url):
    open_draft_check(staff, site_url)
    number = record_number(DRAFT_1)
    staff.locator("#wk-dc-text").fill(DRAFT_1)
    expect(staff.locator("[data-wk-dc-record]")).to_contain_text(number)
    result = staff.locator("[data-wk-dc-verify-result]")
    staff.locator("#wk-dc-verify-id").fill(number.lower().replace("-", " "))
    staff.locator("#wk-dc-verify-text").fill(DRAFT_1.replace("\n", "\r\n") + "\n\n")  # as a platform may give it back
    expect(result).to_contain_text("一致します")
    staff.locator("#wk-dc-verify-text").fill(DRAFT_1.replace("20日", "21日"))
    expect(result).to_contain_text("一致しません")
    expect(result).to_contain_text(number)
    staff.locator("#wk-dc-verify-id").fill("ZZZ")
    expect(result).to_contain_text("8 文字")
    assert "21日" not in str(storage(staff))  # the posted text is kept nowhere
