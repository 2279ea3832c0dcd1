"""The staff start page (/staff/) and the residents' questions (/faq/) as people use them: pick a
situation, decide whether approval may be omitted (with JavaScript, and without it), find the
questions from the policy and the home page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

QUESTIONS = ".wk-skip__question"


def answer(page, number: int, value: str) -> None:
    page.locator(QUESTIONS).nth(number).locator(f"input[value={value}]").check()


def test_the_decision_aid_names_the_route_to_mark_and_the_reply_caution(page, site_url):
    page.goto(site_url + "staff/#skip-approval")
    result = page.locator("[data-wk-skip-result]")
    expect(result).to_have_text("三つの質問に答えると、記入する決裁区分がここに出ます。")
    answer(page, 1, "yes")  # a reply to a simple enquiry: case 2, with the 所轄課's approval in question (Q7)
    expect(result).to_contain_text("決裁区分に「省略：2 簡易な問合せに対する返信」を記入します。")
    expect(result.locator(".wk-skip__caution")).to_contain_text("所轄課の判断を得てから返信してください")
    answer(page, 0, "yes")  # the first case that applies is the one to mark
    expect(result).to_contain_text("省略：1 発信に迅速さが求められ、かつ客観的に明らかな内容")
    expect(result.locator(".wk-skip__caution")).to_have_count(0)
    for number in range(3):
        answer(page, number, "no")
    expect(result).to_have_text("どれにも当たりません。決裁を受け、決裁区分に「決裁済み」を記入します。")


def test_the_decision_aid_in_english_uses_the_sheet_s_english_labels(page, site_url):
    page.goto(site_url + "en/staff/#skip-approval")
    answer(page, 2, "yes")
    expect(page.locator("[data-wk-skip-result]")).to_have_text(
        "Mark “Omitted, case 3: a regular announcement or standard text set in advance” as the approval status.")


def test_without_javascript_every_case_says_what_to_mark(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "staff/#skip-approval")
    expect(page.locator(".wk-skip__choices").first).to_be_hidden()  # nothing to press that does nothing
    expect(page.locator("[data-wk-skip-result]")).to_be_hidden()
    texts = page.locator(".wk-skip__if-yes").all_inner_texts()
    assert [re.search(r"「(省略：\d)", text).group(1) for text in texts] == ["省略：1", "省略：2", "省略：3"]
    expect(page.locator(".wk-skip__none")).to_contain_text("決裁区分に「決裁済み」を記入します。")
    expect(page.locator(".wk-skip__caution")).to_contain_text("確認中")
    context.close()


def test_a_situation_leads_to_its_first_steps_and_its_checklist(page, site_url):
    page.goto(site_url + "staff/")
    page.locator("article").get_by_role("link", name="町の投稿に批判が殺到している（炎上）").click()
    section = page.locator("#situation-incident-flaming")
    expect(section).to_be_in_viewport()
    steps = page.locator("#situation-incident-flaming ~ ol").first.locator("li")
    expect(steps).to_have_count(3)
    expect(steps.first).to_have_text("担当者個人で判断せず、組織として対応している。")
    page.locator("article").get_by_role("link", name="チェックリストを開く：炎上への対応").click()
    expect(page).to_have_url(re.compile(r"/checklists/incident-flaming/$"))
    expect(page.locator("#first-steps li").first).to_have_text("担当者個人で判断せず、組織として対応している。")


@pytest.mark.parametrize("start, link, faq_title", [
    ("policy/", "よくある質問", "よくある質問"),
    ("en/policy/", "Frequently asked questions", "Frequently asked questions"),
])
def test_residents_reach_the_questions_from_the_policy_and_an_answer_leads_to_its_clause(page, site_url, start, link, faq_title):
    page.goto(site_url + start)
    page.locator("article").get_by_role("link", name=link, exact=True).click()
    expect(page.locator("h1")).to_contain_text(faq_title)
    # The answer about replies rests on the policy's comments clause 1: its link opens it on /policy/.
    basis = page.locator("#will-you-reply ~ p.wk-faq-basis").first
    basis.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/policy/#policy-comments-1$"))
    expect(page.locator("#policy-comments-1")).to_be_in_viewport()


def test_the_home_page_leads_staff_to_their_start_page(page, site_url):
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="いま何をするか・決裁を省略できるか").click()
    expect(page.locator("h1")).to_contain_text("職員の方へ")
    expect(page.locator(".wk-languages")).to_have_count(0)  # a staff page: the icon menu only


@pytest.mark.parametrize("width", [390, 1280])
def test_the_pages_residents_read_name_the_other_languages_in_words(tabs, site_url, width):
    with tabs.tab(viewport={"width": width, "height": 844}) as page:
        page.goto(site_url + "faq/")
        languages = page.get_by_role("navigation", name="ほかの言語・やさしい日本語")
        expect(languages.get_by_role("link")).to_have_text(["English", "やさしい にほんご"])
        expect(languages).to_be_in_viewport()
        languages.get_by_role("link", name="English").click()
        expect(page).to_have_url(re.compile(r"/en/faq/$"))
        languages = page.get_by_role("navigation", name="Other languages")
        expect(languages.get_by_role("link")).to_have_text(["日本語", "やさしい にほんご"])
        languages.get_by_role("link", name="やさしい にほんご").click()
        expect(page).to_have_url(re.compile(r"/easy/$"))  # no easy page for the questions: the easy home
        expect(page.get_by_role("navigation", name="ほかの言語・やさしい日本語").get_by_role("link")).to_have_text(
            ["日本語", "English"])
