"""Word documents for the tests of wakesite.word, made here with python-docx (no binary fixture):
the guideline as exported, the town's revision of it, and each kind of bad input."""
from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from wakesite.word import cli
from wakesite.word.model import Project

IDEOGRAPHIC_SPACE = "\u3000"
# The town's revision (`revise`): one clause reworded, one moved, one added, one removed, and the
# list of 4(5) turned into Word's automatic numbering (numPr).
REWORDED = ("ウ　事実と異なる内容", "ウ　事実と異なる内容又は誤解を招くおそれのある内容")
MOVED = "なお、掲載後に内容と異なる事実が判明した場合は"  # 4(5) → under 4(3)
MOVED_AFTER = "ソーシャルメディアへ情報を発信する際は"
ADDED = "キ　他者の著作権、肖像権等を侵害する内容"  # after カ
REMOVED = "和気町においても、ソーシャルメディア上で"  # a paragraph of 1 (no anchor, quoted by no erratum)
NUMBERED = "アイウエオカキ"


def export(root: Path, out: Path) -> Path:
    cli.export_guideline(Project(root), out)
    return out


def paragraphs(document) -> list[Paragraph]:
    """Every paragraph: the body's and those in the tables' cells."""
    cells = [p for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return list(document.paragraphs) + cells


def paragraph(document, start: str) -> Paragraph:
    hits = [p for p in paragraphs(document) if p.text.startswith(start)]
    assert len(hits) == 1, (start, len(hits))
    return hits[0]


def insert_after(anchor: Paragraph, text: str) -> Paragraph:
    """A copy of `anchor` (its style and indents) after it, with `text`."""
    element = copy.deepcopy(anchor._p)
    anchor._p.addnext(element)
    added = Paragraph(element, anchor._parent)
    added.text = text
    return added


def word_numbering(document, paragraphs: list[Paragraph], number_format: str = "aiueoFullWidth",
                   level_text: str = "%1", num_id: int = 90) -> None:
    """Number `paragraphs` with Word's automatic numbering, taking the number written as text away."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{number_format}"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    for item in paragraphs:
        text = item.text
        item.text = text.split(IDEOGRAPHIC_SPACE, 1)[1] if IDEOGRAPHIC_SPACE in text[:3] else text.split("．", 1)[1]
        item._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def revise(exported: Path, out: Path) -> Path:
    document = docx.Document(str(exported))
    paragraph(document, REWORDED[0]).text = REWORDED[1]
    moved = paragraph(document, MOVED)
    moved._p.getparent().remove(moved._p)
    paragraph(document, MOVED_AFTER)._p.addnext(moved._p)
    insert_after(paragraph(document, "カ　その他"), ADDED)
    removed = paragraph(document, REMOVED)
    removed._p.getparent().remove(removed._p)
    items = [p for p in document.paragraphs if p.text[:1] in NUMBERED and p.text[1:2] == IDEOGRAPHIC_SPACE]
    assert len(items) == 7
    word_numbering(document, items)
    document.save(str(out))
    return out


def edit(exported: Path, out: Path, start: str, new_text: str) -> Path:
    document = docx.Document(str(exported))
    paragraph(document, start).text = new_text
    document.save(str(out))
    return out


# ---- bad input ----

def tracked_change(exported: Path, out: Path, kind: str = "ins") -> Path:
    """A change left tracked: an insertion (w:ins) or a deletion (w:del) by 総務課 in 4(5)ウ."""
    document = docx.Document(str(exported))
    target = paragraph(document, REWORDED[0])
    text_tag = "w:t" if kind == "ins" else "w:delText"
    target._p.append(parse_xml(
        f'<w:{kind} {nsdecls("w")} w:id="1" w:author="総務課" w:date="2026-12-01T09:00:00Z">'
        f'<w:r><{text_tag}>又は誤解を招く</{text_tag}></w:r></w:{kind}>'))
    document.save(str(out))
    return out


def commented(exported: Path, out: Path) -> Path:
    document = docx.Document(str(exported))
    target = paragraph(document, REWORDED[0])
    document.add_comment(target.runs, text="この表現でよいか確認", author="総務課")
    document.save(str(out))
    return out


def ole_file(out: Path, encrypted: bool) -> Path:
    """The start of a compound file as Word writes a .doc (a stream named WordDocument) or a
    password-protected .docx (streams EncryptionInfo and EncryptedPackage): the signature and the
    stream names are what the import reads of it."""
    names = ("EncryptionInfo", "EncryptedPackage") if encrypted else ("WordDocument", "1Table")
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in names)
    out.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(1024))
    return out


def truncated(exported: Path, out: Path) -> Path:
    data = exported.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def damaged_part(exported: Path, out: Path) -> Path:
    """A whole zip whose word/document.xml no longer matches its checksum (bytes of it changed)."""
    source = zipfile.ZipFile(io.BytesIO(exported.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
    data = bytearray(buffer.getvalue())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    position = data.index(b"<w:body>", start) + 2
    data[position:position + 4] = b"XXXX"  # inside the stored document.xml: its CRC no longer matches
    out.write_bytes(bytes(data))
    return out


def other_document(out: Path) -> Path:
    """A Word document of another subject: its headings and text are not the guideline's."""
    document = docx.Document()
    document.add_paragraph("和気町広報紙編集要領", style="Title")
    document.add_paragraph("１．目的", style="Heading 1")
    document.add_paragraph("この要領は、広報紙の編集に関し必要な事項を定める。")
    document.add_paragraph("２．ソーシャルメディアの定義", style="Heading 1")
    document.add_paragraph("主としてFacebook、LINE、Twitter、Instagramなど、インターネット上のサービスを利用して、双方向で"
                           "情報のやりとりを行うことができる情報伝達媒体をいいます。")
    document.save(str(out))
    return out


def two_claimants(exported: Path, out: Path) -> Path:
    """4(5)ウ replaced by two clauses, each reworded as much from it: which one is ウ cannot be told."""
    document = docx.Document(str(exported))
    target = paragraph(document, REWORDED[0])
    target.text = "ウ　事実と異なる内容を含むもの"
    insert_after(target, "エ　事実と異なる内容を含む画像")
    document.save(str(out))
    return out
