"""Reading a revised guideline from a .docx, or refusing it with a message that says why.

Refused before anything is read, each naming the file: what is not a .docx (a Word 97–2003 .doc,
renamed or not; a PDF; text), a password-protected document (Word saves one as an encrypted OLE
package, not as a zip), a damaged one (not a whole zip, a part that fails its checksum, XML that
does not parse); and in the document, tracked changes (w:ins, w:del, moves, formatting changes)
or comments left in, naming the first: the import would otherwise take text someone had not
accepted, or drop a question someone had asked.

Read: the title (Title style), chapters (Heading 1, numbered １．), sections (Heading 2, （１）),
paragraphs, items (a number written as text, ア　or １．; or Word's automatic numbering, numPr,
computed from numbering.xml as Word shows it; or a list style without a number) and tables (a
label, then its content). Text before the first heading is reported and left out.
"""
from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .model import CHAPTER_NUMBER, ITEM_NUMBER, SECTION_NUMBER, Node, _start, clean

MAX_FILE_BYTES = 20_000_000  # the guideline's .docx is about 40 kB; a photo-filled one a few MB
MAX_UNPACKED_BYTES = 200_000_000  # a zip that unpacks to more is not a document (a zip bomb)
MAX_PARAGRAPHS = 5_000  # the guideline has about a hundred
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or an encrypted .docx
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Revision marks Word leaves while changes are tracked: inserted, deleted and moved text,
# and formatting changes of runs, paragraphs, tables and sections.
REVISIONS = {f"{W}ins": "an insertion", f"{W}del": "a deletion", f"{W}moveFrom": "a move (from)",
             f"{W}moveTo": "a move (to)", f"{W}rPrChange": "a formatting change", f"{W}pPrChange": "a paragraph formatting change",
             f"{W}tblPrChange": "a table formatting change", f"{W}sectPrChange": "a page setup change",
             f"{W}cellIns": "an inserted cell", f"{W}cellDel": "a deleted cell"}
COMMENT_MARKS = {f"{W}commentRangeStart", f"{W}commentReference"}


class WordError(Exception):
    """The document cannot be read as the guideline; the message names the file and the place."""


@dataclass
class Document:
    tree: Node  # the guideline as the document has it (paragraphs and items not yet grouped)
    ignored: list[str] = field(default_factory=list)  # text before the first heading, named


def read(path: Path) -> Document:
    shown = str(path)
    data = _bytes(path)
    package = _package(data, shown)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise WordError(f"{shown}: not a Word document (.docx): {error}") from None
    except Exception as error:  # lxml's XMLSyntaxError and what a damaged part raises inside python-docx
        raise WordError(f"{shown}: the document is damaged and cannot be read ({type(error).__name__}: "
                        f"{str(error).splitlines()[0] if str(error) else 'no detail'}); open it in Word and save it again") from None
    body = document.element.body
    _refuse_revisions(body, shown)
    _refuse_comments(body, package, shown)
    return _tree(document, shown)


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WordError(f"{path}: {size:,} bytes; a guideline document is at most {MAX_FILE_BYTES:,}")
        return path.read_bytes()
    except FileNotFoundError:
        raise WordError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise WordError(f"{path}: a folder, not a Word document") from None
    except OSError as error:
        raise WordError(f"{path}: cannot be read: {error.strerror or error}") from None


def _package(data: bytes, shown: str) -> zipfile.ZipFile:
    if data.startswith(OLE_SIGNATURE):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise WordError(f"{shown}: the document is password-protected (an encrypted package): open it in Word, "
                            "remove the password (ファイル → 情報 → 文書の保護 → パスワードを使用して暗号化, an empty "
                            "password) and save it as .docx")
        raise WordError(f"{shown}: a Word 97–2003 document (.doc), whatever its name says, not a .docx: open it in "
                        "Word and save it as 'Word 文書 (*.docx)'")
    if not data.startswith(b"PK"):
        kind = ("a PDF" if data.startswith(b"%PDF") else "an RTF document" if data.startswith(b"{\\rtf")
                else "an empty file" if not data else "not a Word document")
        raise WordError(f"{shown}: {kind}, not a .docx (a .docx is a zip package): save it from Word as "
                        "'Word 文書 (*.docx)'")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise WordError(f"{shown}: the document is damaged (not a whole zip package: {error}); "
                        "open it in Word and save it again") from None
    if any(info.flag_bits & 0x1 for info in infos):
        raise WordError(f"{shown}: the document is password-protected (its parts are encrypted): remove the "
                        "password in Word and save it again")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise WordError(f"{shown}: unpacks to more than {MAX_UNPACKED_BYTES:,} bytes: not a guideline document")
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise WordError(f"{shown}: a zip package without word/document.xml: not a Word document (.docx)")
    try:
        damaged = package.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:  # a truncated or corrupt member
        raise WordError(f"{shown}: the document is damaged ({error}); open it in Word and save it again") from None
    if damaged is not None:
        raise WordError(f"{shown}: the document is damaged ({damaged} fails its checksum); open it in Word and "
                        "save it again")
    return package


def _paragraph_of(element):
    while element is not None and element.tag != f"{W}p":
        element = element.getparent()
    return element


def _paragraph_text(paragraph) -> str:
    if paragraph is None:
        return ""
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t", f"{W}delText"))


def _refuse_revisions(body, shown: str) -> None:
    for element in body.iter(*REVISIONS):
        what = REVISIONS[element.tag]
        author = element.get(f"{W}author") or "no author"
        date = element.get(f"{W}date") or "no date"
        changed = "".join(node.text or "" for node in element.iter(f"{W}t", f"{W}delText"))
        quoted = f" {_start(changed)}" if changed else ""
        raise WordError(f"{shown}: tracked changes are left in the document; the first is {what}{quoted} by "
                        f"{author} ({date}) in the paragraph {_start(_paragraph_text(_paragraph_of(element)))}. "
                        "Accept or reject every change in Word (校閲 → 承諾 / 元に戻す), turn off 変更履歴の記録, save, "
                        "and import again")


def _refuse_comments(body, package: zipfile.ZipFile, shown: str) -> None:
    comments = []
    if "word/comments.xml" in package.namelist():
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(package.read("word/comments.xml"), parser)
        except etree.XMLSyntaxError as error:
            raise WordError(f"{shown}: the document is damaged (word/comments.xml: {error})") from None
        comments = list(root.iter(f"{W}comment"))
    if comments:
        first = comments[0]
        text = "".join(node.text or "" for node in first.iter(f"{W}t"))
        raise WordError(f"{shown}: comments are left in the document ({len(comments)}); the first is by "
                        f"{first.get(f'{W}author') or 'no author'}: {_start(text)}. Settle them and delete every "
                        "comment in Word (校閲 → 削除 → ドキュメント内のすべてのコメントを削除), save, and import again")
    for element in body.iter(*COMMENT_MARKS):
        raise WordError(f"{shown}: a comment mark is left in the paragraph "
                        f"{_start(_paragraph_text(_paragraph_of(element)))}: delete the comments in Word, save, and import again")


# ---- Word's automatic numbering (numPr) ----

_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
_KANJI = "〇一二三四五六七八九"


def _kana(order: str, value: int) -> str:
    return order[(value - 1) % len(order)]


def _roman(value: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for amount, letters in numerals:
        while value >= amount:
            out += letters
            value -= amount
    return out


def _counting(value: int) -> str:
    """一, 十, 十一, 二十 … (up to 99: more than any list of the guideline has)."""
    tens, ones = divmod(value, 10)
    return (("" if tens < 2 else _KANJI[tens]) + ("十" if tens else "") + (_KANJI[ones] if ones else "")) or "〇"


FORMATS = {
    "decimal": str,
    "decimalZero": lambda v: f"{v:02d}",
    "decimalFullWidth": lambda v: str(v).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "aiueoFullWidth": lambda v: _kana(_AIUEO, v),
    "aiueo": lambda v: unicodedata.normalize("NFKC", _kana(_AIUEO, v)),
    "irohaFullWidth": lambda v: _kana(_IROHA, v),
    "iroha": lambda v: _kana(_IROHA, v),
    "lowerLetter": lambda v: chr(ord("a") + (v - 1) % 26),
    "upperLetter": lambda v: chr(ord("A") + (v - 1) % 26),
    "lowerRoman": _roman,
    "upperRoman": lambda v: _roman(v).upper(),
    "japaneseCounting": _counting,
    "ideographDigital": lambda v: "".join(_KANJI[int(d)] for d in str(v)),
    "decimalEnclosedCircle": lambda v: chr(0x2460 + v - 1) if 1 <= v <= 20 else str(v),
    "decimalEnclosedParen": lambda v: chr(0x2474 + v - 1) if 1 <= v <= 20 else f"({v})",
    "none": lambda v: "",
}
FORMATS["decimalFullWidth2"] = FORMATS["decimalFullWidth"]


@dataclass
class _Level:
    start: int
    format: str
    text: str  # lvlText: "%1．", "（%1）"


class Numbering:
    """The numbers Word shows for numbered paragraphs (w:numPr), counted in document order."""

    def __init__(self, document, shown: str):
        self.shown = shown
        self.levels: dict[str, dict[int, _Level]] = {}  # numId → level → its definition
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for definition in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in definition.iter(f"{W}lvl"):
                start = lvl.find(f"{W}start")
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "")
            abstract[definition.get(f"{W}abstractNumId")] = levels
        for num in numbering.iter(f"{W}num"):
            reference = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(reference.get(f"{W}val") if reference is not None else None, {}))
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                level = int(override.get(f"{W}ilvl", "0"))
                if start is not None and level in levels:
                    base = levels[level]
                    levels[level] = _Level(int(start.get(f"{W}val", "1")), base.format, base.text)
            self.levels[num.get(f"{W}numId")] = levels

    def number(self, paragraph, where: str) -> str | None:
        """The number Word shows before `paragraph`, or None when it has none."""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return None
        num_id_element, level_element = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        num_id = num_id_element.get(f"{W}val") if num_id_element is not None else None
        level = int(level_element.get(f"{W}val", "0")) if level_element is not None else 0
        if num_id in (None, "0") or level not in self.levels.get(num_id, {}):
            return None
        counters = self.counters.setdefault(num_id, {})
        definition = self.levels[num_id]
        counters[level] = counters[level] + 1 if level in counters else definition[level].start
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a higher level restarts the ones below it
        text = definition[level].text
        for referenced in range(level, -1, -1):
            placeholder = f"%{referenced + 1}"
            if placeholder in text:
                level_definition = definition.get(referenced)
                if level_definition is None or level_definition.format not in FORMATS:
                    shown_format = level_definition.format if level_definition else "missing"
                    raise WordError(f"{self.shown}: {where}: Word's numbering format {shown_format!r} is not one "
                                    "this import reads; write the number as text (ア　, １．) or use a numbered "
                                    "list of ア, イ, ウ or １．, ２．")
                text = text.replace(placeholder, FORMATS[level_definition.format](counters.get(referenced, level_definition.start)))
        return text.strip() or None


def _num_pr(paragraph):
    """The paragraph's numPr, or its style's (a numbered list style), or None."""
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return p_pr.numPr
    style = paragraph.style
    while style is not None:
        style_p_pr = style.element.pPr
        if style_p_pr is not None and style_p_pr.numPr is not None:
            return style_p_pr.numPr
        style = style.base_style
    return None


# ---- paragraphs and tables → tree ----

def _style(paragraph) -> str:
    name = paragraph.style.name if paragraph.style is not None else ""
    return name.lower()


def _tree(document, shown: str) -> Document:
    from docx.table import Table

    numbering = Numbering(document, shown)
    root = Node("guideline", where="the document")
    result = Document(root)
    chapter = section = None
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            where = f"table {tables}"
            owner = section or chapter
            if owner is None:
                result.ignored.append(f"{where} (before the first heading)")
                continue
            owner.add(_table(block, numbering, where, shown))
            continue
        paragraphs += 1
        if paragraphs > MAX_PARAGRAPHS:
            raise WordError(f"{shown}: more than {MAX_PARAGRAPHS:,} paragraphs: not the guideline")
        where = f"paragraph {paragraphs}"
        style = _style(block)
        number = numbering.number(block, where)
        text = clean(block.text)
        if not text and not number:
            continue
        if style == "title" and root.ja is None and chapter is None:
            root.ja = text
        elif style.startswith("heading"):
            level = style.removeprefix("heading").strip()
            if level not in ("1", "2"):
                raise WordError(f"{shown}: {where}: {block.style.name} 「{text[:30]}」; the guideline has two levels of "
                                "heading (見出し 1 for chapters １．, 見出し 2 for sections （１）)")
            if level == "2" and chapter is None:
                raise WordError(f"{shown}: {where}: a section heading before the first chapter: 「{text[:30]}」")
            heading = _heading("chapter" if level == "1" else "section", text, number, where, shown)
            if level == "1":
                chapter, section = root.add(heading), None
            else:
                section = chapter.add(heading)
        else:
            owner = section or chapter
            if owner is None:
                result.ignored.append(f"{where} 「{text[:30]}」 (before the first heading)")
                continue
            owner.add(_text_node(text, number, style, where))
    return result


def _heading(kind: str, text: str, number: str | None, where: str, shown: str) -> Node:
    if number is None:
        match = (CHAPTER_NUMBER if kind == "chapter" else SECTION_NUMBER).match(text)
        if match is None:
            example = "１．" if kind == "chapter" else "（１）"
            raise WordError(f"{shown}: {where}: the {kind} heading 「{text[:30]}」 has no number; the guideline numbers "
                            f"its {kind}s ({example}): write it before the title")
        number, text = match.group(1), text[match.end():]
    return Node(kind, ja=clean(text), number=number, where=where)


def _text_node(text: str, number: str | None, style: str, where: str) -> Node:
    """A paragraph, or an item: numbered (as text or by Word), or in a list style."""
    if number is None:
        match = ITEM_NUMBER.match(text)
        if match is not None:
            number, text = match.group(1), text[match.end():]
    kind = "item" if number is not None or style.startswith("list") else "paragraph"
    return Node(kind, ja=clean(text), number=number, where=where)


def _table(table, numbering: Numbering, where: str, shown: str) -> Node:
    node = Node("table", where=where)
    for row_index, row in enumerate(table.rows, start=1):
        cells = []
        for cell in row.cells:  # a merged cell is listed once per column it spans
            if all(cell._tc is not seen._tc for seen in cells):
                cells.append(cell)
        row_where = f"{where}, row {row_index}"
        label = clean("".join(clean(p.text) for p in cells[0].paragraphs)) if cells else ""
        if len(cells) < 2 or not label:
            raise WordError(f"{shown}: {row_where}: the guideline's tables have a label in the left column and its "
                            "content in the right; this row has " + ("no label" if cells else "no cell"))
        row_node = node.add(Node("row", ja=label, where=row_where))
        for cell in cells[1:]:
            if cell.tables:
                raise WordError(f"{shown}: {row_where}: a table inside a table; the guideline has none")
            for paragraph_index, paragraph in enumerate(cell.paragraphs, start=1):
                number = numbering.number(paragraph, row_where)
                text = clean(paragraph.text)
                if text or number:
                    row_node.add(_text_node(text, number, _style(paragraph), f"{row_where}, paragraph {paragraph_index}"))
    return node
