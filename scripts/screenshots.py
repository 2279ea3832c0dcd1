"""Screenshots and printed sheets of a built site, to look at as a person would (not a test).

    .venv/bin/mkdocs build --strict -d /tmp/site
    .venv/bin/python scripts/screenshots.py /tmp/site /tmp/shots
    pdftoppm -png -r 60 /tmp/shots/pre-post-with-draft.pdf /tmp/shots/pre-post-with-draft

Writes, into the output folder: the public pages, the やさしい日本語 pages and an incident
checklist (its first steps) at 390 px (a phone) and 1280 px; at both widths, the draft check with
a sample draft and the summary of its open findings, and the pre-post checklist after the draft
was carried to it with every item ticked and the summary before printing; the printed sheet (PDF,
A4, as Chromium prints it) with the open points marked; the same for a long draft, which goes on
to a second page; the search results for a clause-level query in each language
(search-ja-*.png, search-en-*.png). Fonts, browser and flags as the build's printer
(wakesite.chromium). The sample drafts are made up.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from wakesite import a11y, chromium
from wakesite.checks.published import pdf_page_count
from wakesite.localserver import serve

PAGES = ["", "policy/", "accounts/", "easy/", "easy/policy/", "easy/accounts/", "draft-check/",
         "checklists/incident-abusive-comments/", "en/policy/", "en/draft-check/", "faq/", "staff/", "en/faq/", "en/staff/"]
WIDTHS = (390, 1280)
# Made up: a date whose weekday is wrong, a telephone number, a shortened link, hashtags.
SHORT_DRAFT = ("餅つき大会のお知らせ\n12月12日（日）に公民館で餅つき大会を開きます。\n"
               "問合せ：0869-00-0000\nhttps://bit.ly/example\n#餅つき #wakemochi")
# A word that is in one clause (5(4) セキュリティー対策 2): its results show the clause first.
SEARCHES = (("", "ネットカフェ", "ja"), ("en/", "internet cafe", "en"))
LONG_DRAFT = "冬の散策コースのご紹介\n" + "川沿いの遊歩道では、冬の水鳥を見ることができます。歩きやすい靴でお出かけください。\n" * 40


def page_name(path: str, width: int) -> str:
    return (path.strip("/").replace("/", "-") or "home") + f"-{width}.png"


def carry_and_print(browser, url: str, out: Path, draft: str, name: str, width: int) -> int:
    """A staff member's session at `width`: the draft check with its summary of open findings
    (nothing decided yet), carried as it is, every item ticked, the summary before printing, and
    the sheet printed with the open points marked 未解決."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP")
    context.add_init_script("window.confirm = () => true; window.print = () => {};")
    page = context.new_page()
    page.goto(url + "draft-check/")
    page.wait_for_selector("form[data-wk-draft-check][data-wk-ready]", state="attached")
    page.fill("#wk-dc-text", draft)
    page.locator("input[name=account]").first.check()
    page.fill("#wk-dc-scheduled", "2026-12-04T10:00")
    page.click("[data-wk-dc-action=carry]")
    page.screenshot(path=str(out / f"draft-check-{name}-{width}.png"), full_page=True)
    if page.locator("[data-wk-dc-open]").is_visible():  # open findings: carried as they are
        page.click("[data-wk-dc-action=carry-anyway]")
    page.wait_for_selector("[data-wk-draft-sheet]:not([hidden])")
    for box in page.locator("li.wk-cl-item:not([hidden]) input.wk-cl-check").all():
        box.check()
    page.locator("[data-wk-action=print-filled]").first.click()
    page.screenshot(path=str(out / f"pre-post-with-{name}-{width}.png"), full_page=True)
    if page.locator("[data-wk-open-summary]").is_visible():
        page.locator("[data-wk-action=print-anyway]").click()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (out / f"pre-post-with-{name}.pdf").write_bytes(pdf)
    context.close()
    return pdf_page_count(pdf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d …)")
    parser.add_argument("out", type=Path, help="folder for the PNGs and PDFs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as url, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 844}, locale="ja-JP")
            page = context.new_page()
            for path in PAGES:
                page.goto(url + path)
                page.screenshot(path=str(args.out / page_name(path, width)), full_page=True)
                wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                print(page_name(path, width), "scrolls sideways" if wide else "")
            for start, query, lang in SEARCHES:
                page.goto(url + start)
                a11y.search_for(page, query)  # typed as a person does, as in the accessibility crawl
                page.screenshot(path=str(args.out / f"search-{lang}-{width}.png"))
                print(f"search-{lang}-{width}.png", query)
            context.close()
        for draft, name in ((SHORT_DRAFT, "draft"), (LONG_DRAFT, "long-draft")):
            for width in WIDTHS:
                pages = carry_and_print(browser, url, args.out, draft, name, width)
            print(f"pre-post-with-{name}.pdf: {pages} page(s)")
        browser.close()
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
