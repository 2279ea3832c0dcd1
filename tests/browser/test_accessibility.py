"""Accessibility in Chromium beyond axe (which the crawl runs on every page: test_crawl.py): the
committed report up to date and shown, the checklists usable by keyboard alone with a visible
focus, and reflow at 320 CSS px and at 200 % zoom."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support import ROOT
from wakesite import a11y, accessibility, pagepath


def test_committed_report_describes_this_site(built_site):
    """docs/_data/accessibility.json (shown on /accessibility/) must come from a run on the
    current pages: run `.venv/bin/python scripts/accessibility_report.py` after adding a page."""
    problems = a11y.stale(accessibility.load_report(ROOT / "docs" / "_data" / "accessibility.json"), pagepath.reading_pages(built_site))
    assert not problems, ("docs/_data/accessibility.json is stale (run scripts/accessibility_report.py): "
                          + "; ".join(problems))


def test_accessibility_page_shows_the_report(page, site_url):
    report = accessibility.load_report(ROOT / "docs" / "_data" / "accessibility.json")
    for path in ("accessibility/", "en/accessibility/"):
        page.goto(site_url + path)
        content = page.locator("article")
        expect(content.locator("time")).to_have_text(report["date"])
        expect(content).to_contain_text("JIS X 8341-3:2016")
        assert content.locator("#pages ~ table tbody tr, #pages ~ .md-typeset__scrollwrap tbody tr").count() \
            == len(accessibility.rows_by_page(report)) == len(report["pages"]) + len(a11y.STATES)


# ---- Keyboard alone ----

STUBS = """
window.__wkCalls = [];
window.print = function () { window.__wkCalls.push("print"); };
window.confirm = function (message) { window.__wkCalls.push("confirm"); return true; };
"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {id: el.id, tag: el.tagName, action: el.getAttribute("data-wk-action"),
          text: (el.textContent || "").trim().slice(0, 40), visible: outline || shadow};
}"""


def tab_until(page, matches, limit=400, backwards=False, seen=None):
    """Press Tab (or Shift+Tab) until the focused element matches; every focus must be visible."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if seen is not None:
            seen.append(state)
        if matches(state):
            return state
    raise AssertionError(f"not reached with {limit} presses of Tab")


def test_checklist_works_by_keyboard_alone_with_visible_focus(page, site_url):
    page.add_init_script(STUBS)
    page.goto(site_url + "checklists/pre-post/")
    expect(page.locator("form.wk-checklist[data-wk-ready]")).to_have_count(1)
    seen: list[dict] = []

    tab_until(page, lambda s: s["action"] == "print-filled", seen=seen)
    page.keyboard.press("Enter")
    # Nothing ticked yet: the summary of what is open takes the focus; printing from it goes on.
    expect(page.locator("[data-wk-open-summary]")).to_be_focused()
    assert page.evaluate("window.__wkCalls") == []
    tab_until(page, lambda s: s["action"] == "print-anyway", seen=seen)
    page.keyboard.press("Enter")
    assert page.evaluate("window.__wkCalls") == ["print"]
    page.evaluate("window.__wkCalls = []")

    tab_until(page, lambda s: s["action"] == "print-blank", seen=seen)
    page.keyboard.press("Space")
    assert page.evaluate("window.__wkCalls") == ["print"]

    tab_until(page, lambda s: s["id"] == "wk-c-not-illegal", seen=seen)
    page.keyboard.press("Space")
    expect(page.locator("#wk-c-not-illegal")).to_be_checked()
    expect(page.locator("[data-wk-progress]")).to_contain_text("1 / 16")

    page.evaluate("window.__wkCalls = []")
    tab_until(page, lambda s: s["action"] == "reset", backwards=True, seen=seen)
    page.keyboard.press("Enter")
    assert page.evaluate("window.__wkCalls") == ["confirm"]
    expect(page.locator("#wk-c-not-illegal")).not_to_be_checked()

    invisible = [s for s in seen if not s["visible"]]
    assert len(seen) > 20
    assert not invisible, "focus not visible (no outline or box-shadow) on:\n" + "\n".join(map(str, invisible))


# ---- Reflow (WCAG 1.4.10): no horizontal scrolling at 320 CSS px, nor at 200 % zoom ----

REFLOW_PAGES = ["policy/", "en/policy/", "guideline/", "checklists/pre-post/", "accessibility/", "easy/policy/"]


@pytest.mark.parametrize("viewport, scale", [({"width": 320, "height": 640}, 1),
                                             ({"width": 640, "height": 450}, 2)],  # 1280 × 900 at 200 %
                         ids=["320px", "zoom200"])
def test_pages_reflow_without_horizontal_scrolling(browser, site_url, viewport, scale):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="ja-JP")
    try:
        page = context.new_page()
        wide = []
        for path in REFLOW_PAGES:
            page.goto(site_url + path)
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if widths[0] > widths[1]:
                wide.append(f"/{path}: scrollWidth {widths[0]} > clientWidth {widths[1]}")
        assert not wide, "\n".join(wide)
    finally:
        context.close()
