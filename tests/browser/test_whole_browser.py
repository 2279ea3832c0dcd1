"""The project's browser draws what Debian's desktop Chromium draws.

The build prints the sheets, and every other browser test runs, in Debian's Chromium headless
shell (wakesite.chromium.CHROMIUM): the same Blink, fonts and print code as the desktop browser
(/usr/bin/chromium, WHOLE_BROWSER), without its shell around the pages, and far cheaper to run.
These tests hold that choice to what a person's browser does: the published sheets, printed again
by the desktop browser, are the same pixels; pages lay out box for box the same, on a phone and
on a desk.
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

import pytest
from support import launch_browser

from wakesite import checklists, chromium, pdf, versions

# The sheet with the most on it (the draft box, the record and the approval route) and a short
# incident sheet, in both languages.
SHEETS = [(checklist, lang) for checklist in ("pre-post", "incident-password-leak") for lang in ("ja", "en")]
# Every box the page lays out, by element, rounded to a tenth of a pixel, once the page has settled:
# its fonts loaded, and the same boxes two frames running with nothing animating (Material sizes its
# sidebars in a frame after the page has loaded).
SETTLED_BOXES = """async () => {
  await document.fonts.ready;
  const boxes = () => JSON.stringify(Array.from(document.querySelectorAll("body *"), (element) => {
    const box = element.getBoundingClientRect();
    return [element.tagName, element.id, element.className.toString()]
      .concat([box.x, box.y, box.width, box.height].map((value) => Math.round(value * 10) / 10)).join(" ");
  }));
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  let before = null;
  for (;;) {
    await frame();
    const now = boxes();
    if (now === before && document.getAnimations().every((a) => a.playState !== "running")) { return JSON.parse(now); }
    before = now;
  }
}"""
PAGES = [("policy/", 390), ("en/policy/", 390), ("checklists/pre-post/", 1280), ("en/guideline/", 800)]


def _pixels(sheet: Path) -> bytes:
    """The sheet's one page as a grey image at 100 dpi (pdftoppm's PGM)."""
    return subprocess.run(["pdftoppm", "-r", "100", "-gray", "-singlefile", str(sheet)],
                          capture_output=True, check=True).stdout


def test_the_desktop_browser_prints_the_published_sheets_pixel_for_pixel(built_site, tmp_path):
    assert chromium.CHROMIUM != chromium.WHOLE_BROWSER
    # The address the built site was built for: the sheets print their online version's address.
    edition_url = versions.SiteAddress.of_build(os.environ.get("SITE_URL") or versions.LOCAL_PREVIEW, None).edition
    published = [checklists.sheet(built_site, checklist, lang) for checklist, lang in SHEETS]
    again = [dataclasses.replace(sheet, output=tmp_path / sheet.output.name) for sheet in published]
    run = pdf.make_blank_pdfs(built_site, again, chromium=chromium.WHOLE_BROWSER, edition_url=edition_url)
    assert run.printed == len(SHEETS)
    for sheet, desktop in zip(published, again):
        # The headless shell names itself "Chromium"; the desktop browser, its user agent.
        assert b"/Creator (Chromium)" in sheet.output.read_bytes(), f"{sheet.output} was not printed by the headless shell"
        assert b"/Creator (Chromium)" not in desktop.output.read_bytes()
        assert _pixels(desktop.output) == _pixels(sheet.output), f"/{sheet.url_path}: the desktop browser printed it otherwise"


@pytest.fixture(scope="module")
def tabs_of_both(playwright, browser):
    """A tab in the project's browser and one in the desktop browser, for every page in turn."""
    desktop = launch_browser(playwright, chromium.WHOLE_BROWSER)
    contexts = [program.new_context() for program in (browser, desktop)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()
    desktop.close()


@pytest.mark.parametrize("path, width", PAGES, ids=[f"{path or 'home'}@{width}" for path, width in PAGES])
def test_pages_lay_out_box_for_box_as_in_the_desktop_browser(tabs_of_both, site_url, path, width):
    layouts = []
    for page in tabs_of_both:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site_url + path)
        layouts.append(page.evaluate(SETTLED_BOXES))
    shell, desktop = layouts
    assert len(shell) > 100, f"/{path} laid out only {len(shell)} elements"
    differing = [(a, b) for a, b in zip(shell, desktop) if a != b]
    assert len(shell) == len(desktop) and not differing, f"/{path} at {width} px: {differing[:5]}"
