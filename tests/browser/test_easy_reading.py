"""The やさしい日本語 pages in Chromium: a screen reader reads each word once (the accessible text
of a ruby word is the word, not word + reading), the readings show above the kanji on screen and
on paper, a phone shows the page without horizontal scrolling, and the language menu leads there.
(axe runs on these pages with every other page: tests/browser/test_crawl.py.)"""
from __future__ import annotations

import subprocess

import pytest

from support import ROOT
from wakesite import site

EASY = site.load_project(ROOT).easy
PATHS = [page.path for page in EASY.pages]
PHONE = {"width": 390, "height": 844}


def test_a_screen_reader_reads_each_ruby_word_once(page, site_url):
    page.goto(site_url + "easy/")
    paragraph = page.locator("#about + p")
    assert paragraph.locator("ruby").count() >= 2
    # The accessibility tree Chromium gives assistive technology: the words, without the readings
    # (the snapshot puts a space between the tree's text nodes: compared without spaces).
    assert "".join(paragraph.aria_snapshot().split()) == "-paragraph:和気町はSNSを使っています。"
    heading = page.get_by_role("heading", level=1)
    assert "".join(heading.aria_snapshot().split()) == f"-heading\"{''.join(EASY.page('').title.split())}\"[level=1]"
    # Every ruby of the page: its reading is hidden from the tree, the word is not.
    tree = page.locator("article").aria_snapshot()
    assert "わけちょう" not in tree and "和気町" in tree


def test_readings_show_above_their_kanji(page, site_url):
    page.goto(site_url + "easy/policy/")
    ruby = page.locator("#platforms + p ruby").first
    base = ruby.bounding_box()
    reading = ruby.locator("rt").bounding_box()
    assert ruby.locator("rt").inner_text() == "まち" and reading["height"] > 0
    assert reading["y"] + reading["height"] <= base["y"] + base["height"] / 2  # above the word
    assert not ruby.locator("rp").first.is_visible()  # the brackets are for browsers without ruby


@pytest.mark.parametrize("path", PATHS)
def test_a_phone_shows_the_easy_page_without_horizontal_scrolling(tabs, site_url, path):
    with tabs.tab(viewport=PHONE) as page:
        page.goto(site_url + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (path, widths)


def test_the_readings_print(page, site_url, tmp_path):
    page.goto(site_url + "easy/policy/")
    page.emulate_media(media="print")
    rt = page.locator("#platforms + p rt").first
    assert rt.is_visible() and rt.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    pdf = tmp_path / "easy-policy.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "わけちょう" in text and "まち" in text  # the readings are on paper too


def test_the_language_menu_leads_to_the_easy_page_and_back(page, site_url):
    page.goto(site_url + "policy/")
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-header__option").get_by_role("link", name=EASY.language_name, exact=True).click()
    page.wait_for_url(site_url + "easy/policy/")
    page.locator(".wk-easy-notice a").click()
    page.wait_for_url(site_url + "policy/")
    page.get_by_role("link", name=EASY.link_text).click()
    page.wait_for_url(site_url + "easy/policy/")
