"""What a member of staff does in the browser, shared by the browser tests of the draft check and
of the approval record: a tab of their own, the draft check opened, a draft pasted and carried to
the pre-post checklist, the sheet filled in, and what the sheet prints."""
from __future__ import annotations

import subprocess
from contextlib import contextmanager

from playwright.sync_api import expect


# A person answers the print dialog and confirms what they are asked to (every page, first).
ANSWERS = "window.print = () => {}; window.confirm = () => true;"


@contextmanager
def staff_tab(tabs, locale: str = "ja-JP", viewport: dict | None = None):
    """A staff member's browser tab (in the `locale` the browser is set to; a new one, in a warm
    context: tests/warm_tabs.py), its print and confirm dialogs answered as a person would; a
    script error on the page fails the test."""
    with tabs.tab(locale, ANSWERS, viewport) as page:
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
    assert not errors, errors


def open_draft_check(page, site_url: str, prefix: str = "") -> None:
    page.goto(site_url + prefix + "draft-check/")
    page.wait_for_selector("form[data-wk-draft-check][data-wk-ready]", state="attached")


def paste(page, text: str, selector: str = "#wk-dc-text") -> None:
    """Put `text` into a text box as a paste does: at once, one input event. (Playwright's fill
    types it in through the editor, which takes minutes for the longest drafts.)"""
    page.locator(selector).evaluate("""(box, text) => {
      box.focus();
      box.value = text;
      box.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
    }""", text)


def carry(page, site_url: str, text: str, prefix: str = "", decide: str | None = "keep",
          scheduled: str = "2026-12-07T09:00", anyway: bool = True, platforms: tuple[str, ...] = ("facebook",)) -> None:
    """Paste a draft on the draft check for accounts of `platforms`, record a decision on every
    finding that takes one (`decide`; None: none), and carry it to the pre-post checklist (past
    the list of open findings when `anyway`; otherwise stop at that list)."""
    open_draft_check(page, site_url, prefix)
    paste(page, text)
    for platform in platforms:
        page.locator(f"input[name=account][data-wk-platform={platform}]").first.check()
    page.locator("#wk-dc-scheduled").fill(scheduled)
    if decide:
        for select in page.locator("select[data-wk-decision]").all():
            select.select_option(decide)
    page.locator("[data-wk-dc-action=carry]").click()
    if page.locator("[data-wk-dc-open]").is_visible():
        if not anyway:
            return
        page.locator("[data-wk-dc-action=carry-anyway]").click()
    page.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    expect(page.locator("[data-wk-draft-sheet]")).to_be_visible()


def fill_the_sheet(page, date: str | None = None) -> None:
    """What a person fills in besides the carried header: unit, staff, every shown item ticked,
    the approval route (and its date)."""
    page.locator("#wk-f-unit").fill("まち経営課広報広聴係")
    page.locator("#wk-f-staff").fill("和気 太郎")
    # Each box gets a click, as a person's gives (ticking by pointer and keyboard is tested in
    # test_checklists.py and test_accessibility.py); Playwright's check() waits for two frames a box,
    # about a second a sheet.
    page.locator("li.wk-cl-item:not([hidden]) input.wk-cl-check").evaluate_all(
        "boxes => boxes.forEach(box => { if (!box.checked) { box.click(); } })")
    page.locator("#wk-a-route--approved").check()
    if date:
        page.locator("#wk-a-date").fill(date)


def printed(page) -> bytes:
    """The PDF the page prints (A4, its own @page sizes and backgrounds)."""
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return pdf


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def printed_pages(page) -> list[str]:
    """The PDF the page prints, as text, one string per page."""
    return [sheet for sheet in pdf_text(printed(page)).split("\f") if sheet.strip()]
