"""The guideline as a Word document, as the town would keep it: its numbering (１． （１） ア)
written as the source writes it, chapters and sections as Word headings (見出し 1, 見出し 2), the
operation tables as Word tables, A4, a Japanese font named, the edition and its dates in the header.

Numbers are written as text, not as Word's automatic numbering: that is how the source has them,
and what a person types stays what the document says. `docx_in` reads both.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..edition import Edition
from ..strings import word as ui_string
from .model import Node

# The font the documents name, for Japanese and Latin text alike: 游明朝 is the Mincho that
# Windows (8.1 and later) and Office install, the machines the town edits on; a machine without
# it substitutes its own Mincho. (The PDF of the 新旧対照表 is printed here, with Debian's fonts:
# comparison_out names the fonts the site's sheets print in, wakesite.printfonts.)
FONT = "游明朝"
BODY_SIZE = Pt(10.5)  # Word's default size for Japanese documents
INDENT = Pt(10.5)  # one character: each level of content is indented by one
# Styles: a paragraph of the guideline is Normal, an item without a number List Paragraph (so that
# it stays an item when read back), a chapter Heading 1, a section Heading 2.
ITEM_STYLE = "List Paragraph"


def set_font(style_or_run, size=None, bold=None) -> None:
    """Name FONT for every script of a style or run (Word keeps the East Asian font apart)."""
    font = style_or_run.font
    font.name = FONT
    element = style_or_run.element
    r_pr = element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(script), FONT)
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold


def base_document(landscape: bool = False):
    """An empty A4 document in FONT, headings in black in the same font."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20 if landscape else 25)
    for name, size, bold in (("Normal", BODY_SIZE, None), ("Title", Pt(16), True), ("Heading 1", Pt(12), True),
                             ("Heading 2", Pt(10.5), True), (ITEM_STYLE, BODY_SIZE, None), ("Header", Pt(9), None)):
        style = document.styles[name]
        set_font(style, size, bold)
        style.font.color.rgb = RGBColor(0, 0, 0)
    # Japanese documents set Latin letters and digits in the Japanese font's width; no theme font
    # (Word's heading styles point at the theme's Latin font otherwise).
    for name in ("Title", "Heading 1", "Heading 2"):
        r_fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attribute), None)
    return document


def edition_line(edition: Edition) -> str:
    """'ソーシャルメディア運用ガイドライン 第1.0版（策定日・施行日の記載なし）': the site's own words;
    dates only where edition.yml gives them."""
    line = ui_string("theme_edition", "ja").format(label=edition.label)
    if edition.enacted:
        line += ui_string("theme_enacted", "ja").format(date=edition.enacted)
    if edition.effective:
        line += ui_string("theme_effective", "ja").format(date=edition.effective)
    if not edition.enacted and not edition.effective:
        line += ui_string("theme_no_dates", "ja")
    return line


def write_guideline(tree: Node, edition: Edition, out: Path) -> None:
    """The guideline (tree from model.from_guideline) as a .docx at `out`."""
    document = base_document()
    header = document.sections[0].header.paragraphs[0]
    header.text = edition_line(edition)
    header.style = document.styles["Header"]
    document.add_paragraph(tree.ja, style="Title")
    for chapter in tree.children:
        _container(document, chapter, depth=0)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def _container(document, node: Node, depth: int) -> None:
    level = 1 if node.kind == "chapter" else 2
    document.add_paragraph(node.shown(), style=f"Heading {level}")
    _content(document, node.children, depth + 1, lambda text, style=None: document.add_paragraph(text, style=style))


def _content(document, children: list[Node], depth: int, add_paragraph) -> None:
    for child in children:
        if child.kind == "section":
            _container(document, child, depth)
        elif child.kind == "paragraph":
            _indent(add_paragraph(child.ja), depth, hanging=False)
        elif child.kind == "items":
            for item in child.children:
                _indent(add_paragraph(item.shown(), ITEM_STYLE), depth, hanging=bool(item.number))
        elif child.kind == "table":
            _table(document, child, depth)


def _indent(paragraph, depth: int, hanging: bool) -> None:
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = INDENT * (depth + (1 if hanging else 0))
    paragraph_format.first_line_indent = -INDENT if hanging else INDENT


def _table(document, table_node: Node, depth: int) -> None:
    """A table of the source: the label in the left column, its content in the right."""
    table = document.add_table(rows=0, cols=2)
    table.style = document.styles["Table Grid"]
    for row_node in table_node.children:
        row = table.add_row()
        label, content = row.cells
        label.width, content.width = Mm(45), Mm(115)
        label.paragraphs[0].text = row_node.ja
        cell_paragraphs = iter([content.paragraphs[0]])

        def add_paragraph(text, style=None, _cell=content, _first=cell_paragraphs):
            paragraph = next(_first, None)
            if paragraph is None:
                paragraph = _cell.add_paragraph()
            paragraph.text = text
            if style:
                paragraph.style = document.styles[style]
            return paragraph

        _content(document, row_node.children, 0, add_paragraph)
    document.add_paragraph()  # Word joins two tables that touch: a paragraph keeps them apart
