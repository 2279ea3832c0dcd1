"""Every checklist sheet prints on one A4 page on any machine.

The approval folder gets one sheet per checklist: blank (as the build prints it) and filled (every
condition on, so every conditional item shows; every field filled, every box ticked, a choice in
every record and approval route, the head of unit in both roles), in both languages. Print names its fonts
(wakesite.printfonts: Liberation Sans for Latin, BIZ UDPGothic for Japanese); the sheets must also
fit when the Latin text falls to the widest common fallback, DejaVu Sans (what fontconfig picked on
Debian for Helvetica/Arial before Liberation Sans was installed), so a machine without the named
fonts still gets one sheet. Page counts come from the PDFs Chromium prints, as the build's do; the
fonts a PDF holds, from pdffonts.
"""
from __future__ import annotations

import pytest

from support import ROOT, fonts_drawn, pdf_fonts
from wakesite import printfonts
from wakesite.checks.published import pdf_page_count
from wakesite.site import load_project

CHECKLISTS = [c.id for c in load_project(ROOT).checklists]
PAGES = [f"{prefix}checklists/{checklist}/" for prefix in ("", "en/") for checklist in CHECKLISTS]
# Latin in DejaVu Sans, Japanese (which DejaVu lacks) in the named one: the widest setting of a sheet.
FORCE_DEJAVU = f'*, *::before, *::after {{ font-family: "DejaVu Sans", "{printfonts.JAPANESE}" !important; }}'

FILL = """(values) => {
  const form = document.querySelector("form.wk-checklist");
  const set = (element, value) => {
    element.value = value;
    element.dispatchEvent(new Event("input", {bubbles: true}));
    element.dispatchEvent(new Event("change", {bubbles: true}));
  };
  const tick = (element) => { if (!element.checked) { element.click(); } };
  // Conditions first (they show the conditional items), then everything else.
  form.querySelectorAll(".wk-cl-fields input[type=checkbox]").forEach(tick);  // the record form and the conditions
  form.querySelectorAll("input[data-wk-type=text]").forEach((el) => set(el, values.text));
  form.querySelectorAll("input[data-wk-type=date]").forEach((el) => set(el, "2026-12-05"));
  form.querySelectorAll("input[data-wk-type=datetime]").forEach((el) => set(el, "2026-12-05T10:30"));
  form.querySelectorAll("textarea[data-wk-type=textarea]").forEach((el) => set(el, values.textarea));
  form.querySelectorAll("input.wk-cl-check").forEach(tick);
  form.querySelectorAll("fieldset.wk-cl-record, fieldset.wk-cl-approval__route").forEach((record) => {
    const options = record.querySelectorAll("input[type=radio]");
    tick(options[options.length - 1]);
  });
  form.querySelectorAll("#wk-cl-approval input[type=checkbox]").forEach(tick);
  return form.querySelectorAll("li.wk-cl-item:not([hidden])").length;
}"""
VALUES = {
    "ja": {"text": "まち経営課広報広聴係　和気 太郎", "textarea": "町民運動会の開催について（10月5日（日）開催）\n会場と駐車場の案内を含む"},
    "en": {"text": "Town Management Division, Public Relations", "textarea":
           "Town sports day on Sunday 5 October\nIncluding directions to the venue and the car parks"},
}


def _pages_printed(page) -> int:
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    return pdf_page_count(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))


# What "Print blank sheet" does before it calls print() (checklist.js): every item shown, no
# ticks, no values.
AS_BLANK = """() => {
  document.querySelector("form.wk-checklist").classList.add("wk-cl--blank");
  document.documentElement.classList.add("wk-cl-printing-blank");
}"""


def sheets_printed(page, site_url: str, path: str) -> dict[str, int]:
    """Open a checklist as a person would and print it to PDF: filled in the named font, then
    with DejaVu Sans forced filled and blank (the build prints the blank one in the named font).
    The page count of each."""
    page.goto(site_url + path)
    page.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    shown = page.evaluate(FILL, VALUES["en" if path.startswith("en/") else "ja"])
    assert shown == page.locator("li.wk-cl-item").count(), f"/{path}: not every item shows when filled"
    counts = {"filled": _pages_printed(page)}
    page.add_style_tag(content=FORCE_DEJAVU)
    counts["filled, DejaVu Sans"] = _pages_printed(page)
    page.evaluate(AS_BLANK)
    counts["blank, DejaVu Sans"] = _pages_printed(page)
    return counts


@pytest.fixture
def print_page(tabs):
    with tabs.tab(init_script="window.print = () => {};") as page:
        yield page


@pytest.mark.parametrize("path", PAGES)
def test_every_sheet_fits_one_a4_page(print_page, site_url, path):
    counts = sheets_printed(print_page, site_url, path)
    assert counts == {state: 1 for state in counts}, f"/{path}: pages printed {counts}"


def test_the_build_printed_every_blank_sheet_on_one_page(built_site):
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert len(pdfs) == 2 * len(CHECKLISTS)
    counts = {p.relative_to(built_site).as_posix(): pdf_page_count(p.read_bytes()) for p in pdfs}
    assert set(counts.values()) == {1}, counts


# The fonts Chromium draws each language's pre-post sheet with: the Japanese one has Latin text too
# (LINE, 5(2)); the English one has no Japanese (a Japanese glyph there would be untranslated text;
# an English incident sheet's title keeps the Japanese term in parentheses, e.g. 炎上).
DRAWN_WITH = {"checklists/pre-post/": {printfonts.LATIN, printfonts.JAPANESE},
              "en/checklists/pre-post/": {printfonts.LATIN}}


@pytest.mark.parametrize("path", list(DRAWN_WITH))
def test_printed_sheet_is_set_in_the_named_fonts(print_page, site_url, path):
    """What Chromium actually draws each text of the sheet with (not what the CSS asks for)."""
    page = print_page
    page.goto(site_url + path)
    page.wait_for_selector("form.wk-checklist[data-wk-ready]", state="attached")
    page.evaluate(FILL, VALUES["en" if path.startswith("en/") else "ja"])
    page.emulate_media(media="print")
    nodes, used = fonts_drawn(page, "article :is(h1, p, span, label, legend, a, li, input, textarea)")
    assert nodes > 50
    assert set(used) == DRAWN_WITH[path], used


def test_the_built_pdfs_embed_only_the_named_fonts_as_named_truetype_subsets(built_site):
    """No Type 3 glyph drawings and no fallback font: each font in each blank sheet is a subset of
    one of the named fonts (regular or bold), by its own name."""
    allowed = {f"{name}{weight}" for name in printfonts.POSTSCRIPT_NAMES.values()
               for weight in ("", "-Regular", "-Bold")}
    found = {}
    for pdf in sorted(built_site.rglob("*.pdf")):
        fonts = pdf_fonts(pdf)
        assert fonts, f"{pdf}: pdffonts lists no font"
        found[pdf.relative_to(built_site).as_posix()] = sorted({
            f"{name} ({kind})" for name, kind, _ in fonts if name not in allowed or kind != "CID TrueType"})
    assert len(found) == 2 * len(CHECKLISTS)
    assert found == {pdf: [] for pdf in found}
