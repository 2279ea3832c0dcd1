"""The copy buttons of /profile-texts/ (copy.js): each copies its profile text and says so, in the
page's language, with the words of strings.yml."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wakesite import datafile
from wakesite.lang import LANGS, lang_root

from support import ROOT

WORDS = datafile.safe_load((ROOT / "scripts" / "wakesite" / "templates" / "strings.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_button_copies_its_text(browser, site_url, lang):
    context = browser.new_context(locale="ja-JP")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(site_url + lang_root(lang) + "profile-texts/")
        boxes = page.locator("[data-wk-copy]")
        assert boxes.count() >= 1
        for index in range(boxes.count()):
            box = boxes.nth(index)
            button = box.locator(".wk-copy-button")
            expect(button).to_have_text(WORDS["copy_button"][lang])
            button.click()
            expect(box.locator(".wk-copy-status")).to_have_text(" " + WORDS["copy_done"][lang])
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == box.locator("textarea").input_value()
    finally:
        context.close()


def test_without_javascript_the_text_stays_selectable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "profile-texts/")
        expect(page.locator("[data-wk-copy] textarea").first).to_be_visible()
        assert page.locator(".wk-copy-button").count() == 0
    finally:
        context.close()
