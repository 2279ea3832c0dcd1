"""scripts/word.py comparison: the 新旧対照表 as .docx (read back with python-docx) and as PDF
(printed by Chromium; read with poppler's pdfinfo and pdftotext), between a commit and the working
tree of a copy of the project committed in a new repository."""
from __future__ import annotations

import math
import re
import subprocess

import docx
import pytest

from support import project_repository
from wakesite import gitrepo
from wakesite.word import cli

GUIDELINE = "docs/_data/guideline.yml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = project_repository(tmp_path_factory.mktemp("word-comparison") / "repo")
    gitrepo.run(repo, "tag", "edition-1.0")
    return repo


def _compare(repo, tmp_path, *refs):
    out = tmp_path / "新旧対照表.docx"
    assert cli.main(["comparison", "--from", refs[0], "--to", refs[1], str(out)], repo) == 0
    return out, out.with_suffix(".pdf")


def _pdf_pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def _pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_one_reworded_clause_as_the_town_draws_it(repo, tmp_path):
    guideline = repo / GUIDELINE
    original = guideline.read_text(encoding="utf-8")
    guideline.write_text(original.replace("ja: 事実と異なる内容\n", "ja: 事実に反する内容\n"), encoding="utf-8")
    try:
        docx_file, pdf = _compare(repo, tmp_path, "1.0", "worktree")
    finally:
        guideline.write_text(original, encoding="utf-8")
    document = docx.Document(str(docx_file))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4 landscape
    assert document.paragraphs[0].text == "ソーシャルメディア運用ガイドライン　新旧対照表"
    assert "改正後：第1.0版（策定日・施行日の記載なし）" in document.paragraphs[1].text  # edition.yml's words, no date
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["改正後（第1.0版）", "改正前（第1.0版）"]  # 改正後 on the left
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # the heading row repeats on every page
    texts = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert texts == [["（略）", "（略）"], ["4(5)ウ\nウ　事実に反する内容", "4(5)ウ\nウ　事実と異なる内容"], ["（略）", "（略）"]]
    new_cell, old_cell = table.rows[2].cells
    underlined = [[run.text for run in cell.paragraphs[1].runs if run.underline] for cell in (new_cell, old_cell)]
    assert underlined == [["に反す"], ["と異な"]]  # wakesite.comparison's marks, as on /history/
    assert _pdf_pages(pdf) == 1
    text = _pdf_text(pdf)
    for words in ("新旧対照表", "改正後（第1.0版）", "改正前（第1.0版）", "4(5)ウ", "事実に反する内容", "事実と異なる内容", "（略）"):
        assert words in text, (words, text)
    assert re.search(r"\b1\s*/\s*1\b", text)  # page x / y


def test_many_changes_run_to_pages_of_rows_with_the_heading_on_each(repo, tmp_path):
    """Every other text of the guideline changed, committed, compared with the tag: rows of one to
    three lines, as many as fit a page at 9.5 pt (a row is never cut across two pages)."""
    guideline = repo / GUIDELINE
    original = guideline.read_text(encoding="utf-8")
    count = 0

    def change(match):
        nonlocal count
        count += 1
        return match.group(0) + ("（改）" if count % 2 else "")

    guideline.write_text(re.sub(r"(?m)^(\s+ja: [^|{\n][^\n]*[。内容])$", change, original), encoding="utf-8")
    gitrepo.run(repo, "commit", "-q", "-am", "many changes")
    try:
        docx_file, pdf = _compare(repo, tmp_path, "edition-1.0", "HEAD")
    finally:
        gitrepo.run(repo, "reset", "-q", "--hard", "edition-1.0")
    rows = len(docx.Document(str(docx_file)).tables[0].rows) - 1
    assert rows == 52
    pages = _pdf_pages(pdf)
    assert math.ceil(rows / 25) <= pages <= math.ceil(rows / 12), (rows, pages)
    text = _pdf_text(pdf)
    assert text.count("改正後（第1.0版）") == pages  # the heading row on every page
    assert re.search(rf"\b{pages}\s*/\s*{pages}\b", text)
    assert text.count("（改）") == 26


def test_a_ref_that_is_no_version_is_refused(repo, tmp_path, capsys):
    assert cli.main(["comparison", "--from", "0.9", "--to", "worktree", str(tmp_path / "x.docx")], repo) == 1
    assert ("'0.9' is not an edition (1.0), a tag or a commit of" in capsys.readouterr().err)
    assert not (tmp_path / "x.docx").exists()
