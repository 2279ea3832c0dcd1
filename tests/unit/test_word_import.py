"""scripts/word.py export-guideline and import, on a copy of the project (wakesite.word).

The documents are made by the tests with python-docx (tests/word_documents.py): the guideline as
exported, the town's revision (one clause reworded, one moved, one added, one removed, Word's own
numbering on a list), and each bad input the import must refuse without writing anything.
"""
from __future__ import annotations

import re
from collections import Counter

import docx
import pytest

import word_documents as wd
from support import copy_project
from wakesite import guideline as guideline_module
from wakesite import render, site
from wakesite.lang import lang_root
from wakesite.word import cli, docx_in
from wakesite.word.model import CHAPTER_NUMBER, ITEM_NUMBER, SECTION_NUMBER


@pytest.fixture()
def project(tmp_path):
    copy_project(tmp_path / "project")
    return tmp_path / "project"


def _site(project):
    return site.load_site(project / "docs" / "_data", project / "checklists")


def _guideline(project):
    return project / "docs" / "_data" / "guideline.yml"


def _run(project, *args):
    return cli.main(list(map(str, args)), project)


def _changed_lines(before: str, after: str) -> list[str]:
    """The lines taken away ('-') and added ('+'), each as often as it was, sorted (counted, not
    aligned: a diff may pair a removed entry's first line with its neighbour's)."""
    old, new = Counter(before.splitlines()), Counter(after.splitlines())
    return sorted(["-" + line for line in (old - new).elements()] + ["+" + line for line in (new - old).elements()])


def test_export_then_import_changes_nothing(project, tmp_path, capsys):
    before = _guideline(project).read_bytes()
    document = wd.export(project, tmp_path / "guideline.docx")
    assert _run(project, "import", document) == 0
    out = capsys.readouterr().out
    assert "98 unchanged, 0 reworded, 0 moved, 0 new, 0 removed" in out
    assert "nothing changed: docs/_data/guideline.yml stays as it is" in out
    assert _guideline(project).read_bytes() == before


def test_the_exported_document_has_the_numbering_headings_page_and_font(project, tmp_path):
    document = docx.Document(str(wd.export(project, tmp_path / "guideline.docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "ソーシャルメディア運用ガイドライン 第1.0版（策定日・施行日の記載なし）"
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[:3] == [("Title", "ソーシャルメディア運用ガイドライン"), ("Heading 1", "１．はじめに"),
                          ("Normal", styled[2][1])]
    assert ("Heading 2", "（５）禁止事項") in styled and ("List Paragraph", "ウ\u3000事実と異なる内容") in styled
    assert sum(1 for style, _ in styled if style == "Heading 1") == 6
    # The operation policy as a table: the label, then its content (numbered as the source numbers it).
    rows = {row.cells[0].text: row.cells[1].text for table in document.tables for row in table.rows}
    assert rows["掲載内容"].split("\n")[3] == "４．防災情報"
    normal = document.styles["Normal"].element.rPr.rFonts
    assert {normal.get(f"{{{normal.nsmap['w']}}}{script}") for script in ("ascii", "eastAsia", "hAnsi")} == {"游明朝"}


def test_a_revision_keeps_every_anchor_and_changes_only_what_changed(project, tmp_path, capsys):
    before = _guideline(project).read_text(encoding="utf-8")
    revised = wd.revise(wd.export(project, tmp_path / "guideline.docx"), tmp_path / "revised.docx")
    assert _run(project, "import", revised) == 0
    out = capsys.readouterr().out
    assert "95 unchanged, 1 reworded, 1 moved, 1 new, 1 removed" in out
    assert re.search(r"reworded +4\(5\)ウ \(prohibited-untrue\)\n +事実と異なる内容\{\+又は誤解を招くおそれのある内容\+\}", out)
    assert re.search(r"moved +4\(5\) 禁止事項 \(prohibited-correction\) now under （３）正確な情報発信", out)
    assert "new        paragraph 29: 「キ　他者の著作権、肖像権等を侵害する内容」 (new anchor prohibited-content-1)" in out
    assert "removed    a paragraph of 1 はじめに 「和気町においても、" in out
    after = _guideline(project).read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    # The moved paragraph's lines are the same at its new place (4(3)), so they count as unchanged.
    assert changed == sorted([
        "-      - paragraph:",
        "-          ja: 和気町においても、ソーシャルメディア上で発信する情報に対するニーズが今後ますます高まり、和気町が業務としてソーシャルメディアを利用する機会が増えていくことが予想されます。",
        "-          en: In Wake Town, too, the demand for information published on social media is expected to keep growing, and so are the occasions on which the town uses social media in its work.",
        "-                    ja: 事実と異なる内容",
        "+                    ja: 事実と異なる内容又は誤解を招くおそれのある内容",
        "+                  en_review: changed",
        "+                - id: prohibited-content-1",
        "+                  number: キ",
        "+                  text:",
        "+                    ja: 他者の著作権、肖像権等を侵害する内容",
        "+                  en_review: new",
    ])
    assert after.index("id: prohibited-correction") < after.index("id: sincere-conduct")  # now under 4(3)
    loaded = site.load_site(project / "docs" / "_data", project / "checklists").guideline
    assert set(loaded.clauses) >= {"prohibited-untrue", "prohibited-correction", "prohibited-obstruction"}
    assert loaded.clause("prohibited-correction").parent.id == "accurate-information"
    assert [(c.id, c.en_review) for c in loaded.stale_english()] == [("prohibited-untrue", "changed"),
                                                                     ("prohibited-content-1", "new")]
    assert loaded.clause("prohibited-content-1").text.en == "他者の著作権、肖像権等を侵害する内容"  # shown, marked
    assert loaded.clause("prohibited-content-1").number == "キ"
    # The revision exported again and imported: nothing more changes.
    again = wd.export(project, tmp_path / "again.docx")
    assert _run(project, "import", again) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert _guideline(project).read_text(encoding="utf-8") == after


def test_an_edit_of_one_clause_changes_that_clause_alone(project, tmp_path, capsys):
    before = _guideline(project).read_text(encoding="utf-8")
    exported = wd.export(project, tmp_path / "guideline.docx")
    edited = wd.edit(exported, tmp_path / "edited.docx", "２．ネットカフェ等", "２．ネットカフェ等、不特定多数が利用する場での"
                     "和気町のアカウントを使用した投稿は禁止とする。")
    assert _run(project, "import", edited) == 0
    assert _changed_lines(before, _guideline(project).read_text(encoding="utf-8")) == sorted([
        "-                              ja: ネットカフェ等、不特定多数が利用する場での和気町のアカウントを使用した投稿は厳禁とする。",
        "+                              ja: ネットカフェ等、不特定多数が利用する場での和気町のアカウントを使用した投稿は禁止とする。",
        "+                            en_review: changed",
    ])
    assert "1 reworded" in capsys.readouterr().out


def test_dry_run_reviews_and_writes_nothing(project, tmp_path, capsys):
    before = _guideline(project).read_bytes()
    revised = wd.revise(wd.export(project, tmp_path / "guideline.docx"), tmp_path / "revised.docx")
    assert _run(project, "import", revised, "--dry-run") == 0
    assert "--dry-run: nothing written (2 clause(s) would have their English marked for review)" in capsys.readouterr().out
    assert _guideline(project).read_bytes() == before


def test_a_removed_clause_keeps_its_anchor_as_a_note(project, tmp_path, capsys):
    """A clause added by one revision and removed by the next: its anchor is listed in `removed`,
    which /guideline/ shows as a note (tests/build/test_word_release.py reads it on the page)."""
    exported = wd.export(project, tmp_path / "guideline.docx")
    added = docx.Document(str(exported))
    wd.insert_after(wd.paragraph(added, "カ　その他"), wd.ADDED)
    added.save(str(tmp_path / "added.docx"))
    assert _run(project, "import", tmp_path / "added.docx") == 0
    english = render.render("guideline", _site(project), "en", "en/guideline/", "guideline.en.md")
    item = english[english.index('<li id="prohibited-content-1">'):]
    assert item[:item.index("</li>")].count(
        '<span lang="ja">他者の著作権、肖像権等を侵害する内容</span> <span class="wk-en-review" lang="en">'
        "(Not yet in English: the Japanese is shown.)</span>") == 1
    assert _run(project, "import", exported) == 0
    out = capsys.readouterr().out
    assert "removed    4(5)キ (prohibited-content-1): 「キ　他者の著作権、肖像権等を侵害する内容」 (its anchor stays on /guideline/ as a note)" in out
    loaded = guideline_module.load(_guideline(project))
    assert "prohibited-content-1" not in loaded.clauses
    assert [(r.id, r.ref.ja, r.ref.en, r.last_edition) for r in loaded.removed] == [
        ("prohibited-content-1", "4(5)キ", "4(5)(g)", "1.0")]
    assert _guideline(project).read_text(encoding="utf-8").endswith(
        "removed:\n  - id: prohibited-content-1\n    ref: {ja: 4(5)キ, en: 4(5)(g)}\n    last_edition: \"1.0\"\n")
    for lang, line in (("ja", "4(5)キ（第1.0版まで）は、改定で削除されました。"),
                       ("en", "4(5)(g) (until edition 1.0) was removed by a revision.")):
        page = render.render("guideline", _site(project), lang, lang_root(lang) + "guideline/", "guideline.md")
        assert f'<p class="wk-para wk-removed" id="prohibited-content-1">{line} <a href=' in page
    # The anchor is never given again: a new clause in the same place gets the next one.
    assert _run(project, "import", tmp_path / "added.docx") == 0
    assert "(new anchor prohibited-content-2)" in capsys.readouterr().out


def test_removing_a_clause_others_cite_is_refused_naming_them(project, tmp_path, capsys):
    before = _guideline(project).read_bytes()
    exported = wd.export(project, tmp_path / "guideline.docx")
    document = docx.Document(str(exported))
    gone = wd.paragraph(document, "エ　ネットワーク上での")
    gone._p.getparent().remove(gone._p)
    document.save(str(tmp_path / "removed.docx"))
    assert _run(project, "import", tmp_path / "removed.docx") == 1
    err = capsys.readouterr().err
    assert "the site's data would not load with it (nothing was written)" in err
    assert re.search(r"checklists/\S+\.yml:\d+: .*prohibited-obstruction", err), err
    assert _guideline(project).read_bytes() == before


def _bad(project, tmp_path, name):
    exported = wd.export(project, tmp_path / "guideline.docx")
    makers = {
        "text": lambda out: (out.write_text("ソーシャルメディア運用ガイドライン\n", encoding="utf-8"), out)[1],
        "doc": lambda out: wd.ole_file(out, encrypted=False),
        "password": lambda out: wd.ole_file(out, encrypted=True),
        "truncated": lambda out: wd.truncated(exported, out),
        "checksum": lambda out: wd.damaged_part(exported, out),
        "insertion": lambda out: wd.tracked_change(exported, out, "ins"),
        "deletion": lambda out: wd.tracked_change(exported, out, "del"),
        "comment": lambda out: wd.commented(exported, out),
        "other": lambda out: wd.other_document(out),
        "ambiguous": lambda out: wd.two_claimants(exported, out),
    }
    return makers[name](tmp_path / f"{name}.docx")


BAD = {
    "text": "text.docx: not a Word document, not a .docx (a .docx is a zip package)",
    "doc": "doc.docx: a Word 97–2003 document (.doc), whatever its name says, not a .docx",
    "password": "password.docx: the document is password-protected (an encrypted package)",
    "truncated": "truncated.docx: the document is damaged (not a whole zip package:",
    "checksum": "checksum.docx: the document is damaged (word/document.xml fails its checksum)",
    "insertion": "insertion.docx: tracked changes are left in the document; the first is an insertion 「又は誤解を招く」 by "
                 "総務課 (2026-12-01T09:00:00Z) in the paragraph 「ウ　事実と異なる内容又は誤解を招く」",
    "deletion": "deletion.docx: tracked changes are left in the document; the first is a deletion 「又は誤解を招く」 by 総務課",
    "comment": "comment.docx: comments are left in the document (1); the first is by 総務課: 「この表現でよいか確認」",
    "other": "other.docx: only 2 of the 98 clauses of docs/_data/guideline.yml were found in the document (at least 50% "
             "must be): it does not look like this guideline; nothing was written",
    "ambiguous": "ambiguous.docx: cannot tell which clause of the document is which clause of docs/_data/guideline.yml "
                 "(two clauses claim one anchor):\n  4(5)ウ (prohibited-untrue) is claimed by paragraph 25 「ウ　事実と"
                 "異なる内容を含むもの」 (76% alike) and by paragraph 26 「エ　事実と異なる内容を含む画像」 (76% alike)\nMake the clauses differ",
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_is_refused_with_its_reason_and_nothing_is_written(project, tmp_path, capsys, name):
    before = _guideline(project).read_bytes()
    document = _bad(project, tmp_path, name)
    assert _run(project, "import", document) == 1
    err = capsys.readouterr().err
    assert BAD[name] in err, err
    assert _guideline(project).read_bytes() == before
    assert sorted(p.name for p in (project / "docs" / "_data").glob(".guideline-*")) == []


def test_word_numbering_is_read_as_word_shows_it(project, tmp_path):
    """numPr with full-width digits and a full stop (１．), katakana (ア) and a bracketed number."""
    document = docx.Document()
    document.add_paragraph("１．章", style="Heading 1")
    items = [document.add_paragraph(f"{n}．項目{n}") for n in "１２３"]
    wd.word_numbering(document, items, "decimalFullWidth", "%1．", num_id=91)
    document.save(str(tmp_path / "numbers.docx"))
    read = docx_in.read(tmp_path / "numbers.docx").tree
    assert [(n.kind, n.number, n.ja) for n in read.text_nodes()] == [
        ("chapter", "１．", "章"), ("item", "１．", "項目１"), ("item", "２．", "項目２"), ("item", "３．", "項目３")]


@pytest.mark.parametrize("pattern", [CHAPTER_NUMBER, SECTION_NUMBER, ITEM_NUMBER], ids=["chapter", "section", "item"])
def test_the_number_patterns_read_100000_characters_in_one_pass(pattern):
    """Each is anchored and bounded: on 100,000 characters made to make a backtracking pattern try
    every split (runs of what it accepts, then what it refuses), it answers at once."""
    for run in ("１", "1", "（", "ア", "　", " ", "ア　", "1.", "（1", "\t"):
        text = (run * (100_000 // len(run)))[:99_999] + "x"
        match = pattern.match(text)
        assert match is None or match.end() <= 100_000
