"""The build caches (wakesite.buildcache): an entry is used only when everything it depends on
is unchanged, bad data is never stored, and a broken entry is rebuilt, not trusted."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wakesite import buildcache, pdf, site
from wakesite.datafile import DataError, DataErrors

VALID = Path(__file__).resolve().parents[1] / "fixtures" / "data" / "valid"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(buildcache.VARIABLE, str(directory))
    site._load.cache_clear()  # the in-process layer would hide the persistent one
    yield directory
    site._load.cache_clear()


def _checklist_site(root: Path) -> pdf.PdfPage:
    page_dir = root / "checklists" / "x"
    page_dir.mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "checklist.css").write_text("a { color: red }", encoding="utf-8")
    (root / "assets" / "other.css").write_text("b { color: red }", encoding="utf-8")
    (page_dir / "index.html").write_text('<link rel="stylesheet" href="../../assets/checklist.css"><p>x</p>',
                                         encoding="utf-8")
    (job,) = pdf.checklist_pages(root, ["x"], "ja")
    return job


def test_pdf_key_follows_the_page_and_what_it_links_only(tmp_path):
    job = _checklist_site(tmp_path)
    printer = pdf.printer_identity(pdf.CHROMIUM)
    key = pdf.cache_key(tmp_path, job, printer)
    (tmp_path / "assets" / "other.css").write_text("b { color: blue }", encoding="utf-8")
    assert pdf.cache_key(tmp_path, job, printer) == key  # not linked by the page
    (tmp_path / "assets" / "checklist.css").write_text("a { color: blue }", encoding="utf-8")
    changed_css = pdf.cache_key(tmp_path, job, printer)
    assert changed_css != key
    page = tmp_path / "checklists" / "x" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<p>x</p>", "<p>y</p>"), encoding="utf-8")
    assert pdf.cache_key(tmp_path, job, printer) != changed_css
    assert pdf.printer_identity(tmp_path / "another-chromium") != printer


def test_unchanged_pdf_is_reused_and_a_changed_one_is_printed(tmp_path):
    site_dir, cache_dir = tmp_path / "site", tmp_path / "cache"
    cache_dir.mkdir()
    job = _checklist_site(site_dir)
    not_a_browser = tmp_path / "chromium"
    not_a_browser.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    not_a_browser.chmod(0o755)
    key = pdf.cache_key(site_dir, job, pdf.printer_identity(not_a_browser))
    (cache_dir / f"{key}.pdf").write_bytes(b"%PDF-1.4 cached")

    run = pdf.make_blank_pdfs(site_dir, [job], chromium=not_a_browser, cache=cache_dir)
    assert (run.printed, run.reused) == (0, 1)
    assert job.output.read_bytes() == b"%PDF-1.4 cached"

    page = site_dir / "checklists" / "x" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<p>changed</p>", encoding="utf-8")
    with pytest.raises(pdf.PdfError):  # it has to print now, and this "browser" cannot
        pdf.make_blank_pdfs(site_dir, [job], chromium=not_a_browser, cache=cache_dir)


def test_checked_data_is_reused_between_processes(tmp_path, cache):
    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    first = site.load_site(data_dir, checklists_dir=None)
    assert len(list((cache / "site").glob("*.pickle"))) == 1
    site._load.cache_clear()  # as a new process would start
    again = site.load_site(data_dir, checklists_dir=None)
    assert again is not first
    assert again.guideline.clause("prohibited-untrue").text.ja == first.guideline.clause("prohibited-untrue").text.ja


def test_bad_data_is_never_served_from_the_cache(tmp_path, cache):
    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    site.load_site(data_dir, checklists_dir=None)
    site._load.cache_clear()
    path = data_dir / "guideline.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    with pytest.raises((DataError, DataErrors)) as error:
        site.load_site(data_dir, checklists_dir=None)
    assert "guideline.yml" in str(error.value)
    assert len(list((cache / "site").glob("*.pickle"))) == 1  # only the good data's entry


def test_a_broken_entry_is_rebuilt(tmp_path, cache):
    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    site.load_site(data_dir, checklists_dir=None)
    (entry,) = (cache / "site").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    site._load.cache_clear()
    assert site.load_site(data_dir, checklists_dir=None).guideline.clause("prohibited-untrue")
    assert entry.read_bytes() != b"not a pickle"


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(buildcache.VARIABLE, "off")
    assert buildcache.cache_dir("pdf") is None
    assert buildcache.template_bytecode_cache() is None
