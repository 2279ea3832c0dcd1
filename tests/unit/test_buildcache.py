"""The build caches (wakesite.buildcache): an entry is used only when everything it depends on
is unchanged, and the site's data is never cached at all (a planted entry could run code)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import DATA_SCHEMAS
from wakesite import buildcache, pdf, site
from wakesite.checklists import sheet

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
    job = sheet(root, "x", "ja")
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


def test_pdf_key_follows_the_browsers_launch_flags(monkeypatch):
    printer = pdf.printer_identity(pdf.CHROMIUM)
    monkeypatch.setattr(pdf, "LAUNCH_FLAGS", [flag for flag in pdf.LAUNCH_FLAGS if "hinting" not in flag])
    assert pdf.printer_identity(pdf.CHROMIUM) != printer


def test_pdf_key_leaves_out_only_the_generator_line(tmp_path):
    """The engine's name in Material's generator line does not print: a ProperDocs build reuses
    the PDFs of a MkDocs build (tests/build/test_engines.py). Any other change to <head> counts."""
    job = _checklist_site(tmp_path)
    printer = pdf.printer_identity(pdf.CHROMIUM)
    page = tmp_path / "checklists" / "x" / "index.html"
    html = page.read_text(encoding="utf-8")
    keys = []
    for head in ('<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">',
                 '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">',
                 '<meta name="description" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'):
        page.write_text(head + html, encoding="utf-8")
        keys.append(pdf.cache_key(tmp_path, job, printer))
    assert keys[0] == keys[1] != keys[2]


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


class _Planted:
    """Unpickled, it would leave a file behind: proof that a cache entry ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


def test_checked_data_is_never_kept_in_or_loaded_from_the_cache(tmp_path, cache):
    """A pickle planted in the cache once ran code in the build; the data is now checked on every
    build, and nothing of it is read from, or written to, the cache."""
    import hashlib
    import pickle

    data_dir = tmp_path / "_data"
    shutil.copytree(VALID, data_dir)
    marker = tmp_path / "the-cache-ran-code"
    (cache / "site").mkdir(parents=True)
    for name in ("planted.pickle", hashlib.sha256(b"x").hexdigest() + ".pickle"):
        (cache / "site" / name).write_bytes(pickle.dumps(_Planted(marker)))
    loaded = site.load_site(data_dir, None, DATA_SCHEMAS)
    assert loaded.guideline.clause("prohibited-untrue")
    assert not marker.exists()
    assert sorted(p.name for p in (cache / "site").iterdir()) == sorted(
        ["planted.pickle", hashlib.sha256(b"x").hexdigest() + ".pickle"])  # nothing added


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(buildcache.VARIABLE, "off")
    assert buildcache.cache_dir("pdf", tmp_path) is None
    assert buildcache.template_bytecode_cache(tmp_path) is None
    assert not (tmp_path / ".cache").exists()
