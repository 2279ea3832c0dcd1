"""The build checks what it publishes: only the kinds of file a web site serves, and every
checklist PDF one A4 page. A planted overflow fails the build, naming the PDF and its pages."""
from __future__ import annotations

import pytest

from support import build_in_process, copy_data
from wakesite.checks import published

NOT_FOR_THE_WEB = (".j2", ".yml", ".yaml", ".py", ".md", ".toml", ".pickle")


def test_site_holds_only_what_a_web_site_serves(built_site):
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix in NOT_FOR_THE_WEB]
    assert published.unexpected_files(built_site) == []
    kinds = {published.suffix_of(p) for p in files}
    assert {".html", ".css", ".js", ".json", ".xml", ".pdf"} <= kinds <= published.ALLOWED_SUFFIXES


def test_unexpected_files_are_named(tmp_path):
    (tmp_path / "wakesite").mkdir()
    (tmp_path / "wakesite" / "checklist.md.j2").write_text("{{ x }}", encoding="utf-8")
    (tmp_path / "wakesite" / "strings.yml").write_text("a: b", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"")
    assert published.unexpected_files(tmp_path) == ["wakesite/checklist.md.j2", "wakesite/strings.yml"]


def _pdf(pages: int) -> bytes:
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    return (b"%PDF-1.4\n1 0 obj\n<</Type /Catalog\n/Pages 2 0 R>>\nendobj\n"
            + f"2 0 obj\n<</Type /Pages\n/Count {pages}\n/Kids [{kids}]>>\nendobj\n".encode()
            + b"".join(f"{3 + i} 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj\n".encode() for i in range(pages)))


@pytest.mark.parametrize("pages", [1, 2, 11])
def test_pdf_page_count(pages):
    assert published.pdf_page_count(_pdf(pages)) == pages


def test_a_pdf_whose_pages_cannot_be_counted_is_a_problem(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7 not really")
    (tmp_path / "b.pdf").write_bytes(_pdf(2))
    (tmp_path / "c.pdf").write_bytes(_pdf(1))
    problems = published.long_pdfs(tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("a.pdf: pages cannot be counted")
    assert problems[1].startswith("b.pdf: 2 pages; a checklist sheet must be 1 A4 page")


def test_a_checklist_too_long_for_one_sheet_fails_the_build(tmp_path):
    """Sixty more items in a checklist: its PDFs run to two pages, and the build says which."""
    _, checklists_dir = copy_data(tmp_path / "project")
    data = checklists_dir / "incident-password-leak.yml"
    extra = "".join(f"      - id: planted-{n}\n        text: {{ja: 追加の確認項目{n}, en: Planted item {n}}}\n"
                    f"        refs: [security-3]\n" for n in range(60))
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("    items:\n", "    items:\n" + extra, 1), encoding="utf-8")
    built = build_in_process(tmp_path / "site", checklists_dir=checklists_dir)
    assert not built.ok, built.log
    assert "The built site is not fit to publish" in built.log, built.log
    for pdf in ("checklists/incident-password-leak/incident-password-leak-blank-ja.pdf",
                "en/checklists/incident-password-leak/incident-password-leak-blank-en.pdf"):
        assert f"{pdf}: 2 pages; a checklist sheet must be 1 A4 page" in built.log, built.log
    assert "incident-flaming-blank" not in built.log  # the sheets that fit are not named


def test_a_build_for_the_local_preview_says_so_once(build_log):
    """Built without SITE_URL, the self-links point at http://127.0.0.1:8000/: one INFO line says
    so (a --strict build still passes), and names what to do."""
    lines = [line for line in build_log.splitlines() if "local preview address" in line]
    assert len(lines) == 1 and lines[0].startswith("INFO"), build_log
    assert "http://127.0.0.1:8000/" in lines[0] and "set SITE_URL" in lines[0]
