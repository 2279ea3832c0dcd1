"""The 新旧対照表 of two versions of the guideline, for the 決裁: as a .docx and as a PDF.

The table is the site's own (wakesite.comparison: the Japanese of every clause compared character
by character, errata applied), drawn as municipal practice draws it: A4 landscape, two columns,
改正後 on the left and 改正前 on the right, the changed passages underlined on both sides, unchanged
clauses between changes elided as 「（略）」, （新設） on the old side of a new clause and （削る） on
the new side of a removed one.

Which column goes left is not fixed by any law. This follows the practice a survey of the prefectures
that amend by 新旧対照表 reports — 改正後 on the left everywhere but in Iwate, changed words
underlined in both columns (hoti-ak.hatenadiary.org, 「続・新旧対照表方式(5)〜新旧対照表」,
2008-03-08: a practitioner's blog, not an official rule) — and the site's /history/ page. Whether
Wake Town's own 例規 practice is the same is not confirmed (README, "The town's Word document").

The PDF is printed from HTML (comparison.html.j2 beside this file) by the project's one browser,
Debian's Chromium (wakesite.chromium), in the fonts the site's sheets print in (wakesite.printfonts).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markupsafe
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import printfonts
from ..comparison import Comparison
from ..strings import word as ui_string
from .docx_out import base_document, set_font

TEMPLATE = Path(__file__).resolve().parent / "comparison.html.j2"
TABLE_SIZE = Pt(9.5)


@dataclass(frozen=True)
class Version:
    """One side of the table: the edition as its edition.yml names it, and where it comes from."""

    edition: str  # '第1.1版'
    dates: str  # '（策定日・施行日の記載なし）', from edition.yml only
    source: str  # 'edition-1.1 (tag)', 'commit 3217c8e', 'the working tree'
    title: str  # the guideline's title in that version

    @property
    def heading(self) -> str:
        return f"{self.edition}{self.dates}"


def title(guideline_title: str) -> str:
    """'ソーシャルメディア運用ガイドライン　新旧対照表'"""
    return f"{guideline_title}　{ui_string('hist_comparisons_heading', 'ja')}"


def rows_for_print(table: Comparison) -> list[dict]:
    """Each row as both outputs draw it: its reference, and each side as (text, underlined) runs."""
    omitted, added, removed = (ui_string(key, "ja") for key in ("hist_cmp_omitted", "hist_cmp_added", "hist_cmp_removed"))
    rows = []
    for row in table.rows:
        if row.kind == "elided":
            rows.append({"kind": row.kind, "ref": "", "new": [(omitted, False)], "old": [(omitted, False)]})
            continue
        new = [(removed, False)] if row.kind == "removed" else _runs(row.new)
        old = [(added, False)] if row.kind == "added" else _runs(row.old)
        rows.append({"kind": row.kind, "ref": row.ref.ja, "new": new, "old": old})
    return rows


def _runs(segments: tuple) -> list[tuple[str, bool]]:
    return [(segment.text, segment.changed) for segment in segments]


# ---- .docx ----

def write_docx(table: Comparison, new: Version, old: Version, out: Path) -> None:
    document = base_document(landscape=True)
    _page_numbers(document)
    document.add_paragraph(title(new.title), style="Title")
    document.add_paragraph(f"{ui_string('hist_cmp_new', 'ja')}：{new.heading}　"
                           f"{ui_string('hist_cmp_old', 'ja')}：{old.heading}")
    document.add_paragraph(ui_string("hist_cmp_intro", "ja"))
    grid = document.add_table(rows=1, cols=2)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    _repeat_as_header(head)
    for cell, key, version in zip(head.cells, ("hist_cmp_new", "hist_cmp_old"), (new, old)):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(f"{ui_string(key, 'ja')}（{version.edition}）")
        set_font(run, TABLE_SIZE, bold=True)
    for row in rows_for_print(table):
        cells = grid.add_row().cells
        for cell, side in zip(cells, (row["new"], row["old"])):
            cell.width = Mm(128)
            paragraph = cell.paragraphs[0]
            if row["ref"]:
                set_font(paragraph.add_run(row["ref"]), Pt(8))
                paragraph = cell.add_paragraph()
            if row["kind"] == "elided":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for text, underlined in side:
                run = paragraph.add_run(text)
                set_font(run, TABLE_SIZE)
                run.underline = underlined
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def _repeat_as_header(row) -> None:
    """The heading row again at the top of every page (Word's 'タイトル行の繰り返し')."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _page_numbers(document) -> None:
    """'1 / 3' at the foot of each page: Word's PAGE and NUMPAGES fields."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, field in enumerate(("PAGE", "NUMPAGES")):
        if index:
            paragraph.add_run(" / ")
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)


# ---- PDF ----

def html(table: Comparison, new: Version, old: Version) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE.parent), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template(TEMPLATE.name).render(
        title=title(new.title), new=new, old=old, rows=rows_for_print(table),
        fonts=markupsafe.Markup(printfonts.TEXT),  # our constant, in a <style> (where &#34; is not a quote)
        words={key: ui_string(key, "ja") for key in ("hist_cmp_new", "hist_cmp_old", "hist_cmp_intro")})


def write_pdf(table: Comparison, new: Version, old: Version, out: Path) -> None:
    """Print the table with Chromium (nothing is fetched: the page is given as a string and every
    host but the loopback is unresolvable in the project's browser). In a thread of its own, as
    wakesite.pdf prints: Playwright's sync API refuses to run where an asyncio loop is running
    (a caller's, or a test's)."""
    from playwright.sync_api import sync_playwright

    from ..chromium import launch

    page_html = html(table, new, old)
    out.parent.mkdir(parents=True, exist_ok=True)
    failed: list[BaseException] = []

    def work() -> None:
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    page = browser.new_page()
                    page.set_content(page_html, wait_until="load")
                    page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
                finally:
                    browser.close()
        except BaseException as error:  # handed back to the caller's thread
            failed.append(error)

    thread = threading.Thread(target=work, name="wakesite-word-pdf")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


__all__ = ["Version", "write_docx", "write_pdf", "html", "rows_for_print"]
