"""The built site: both languages, required sections, fidelity to the source, the language
switcher, and bad data stopping the build. Every check reads the built HTML."""
from __future__ import annotations

import hashlib
import os
import queue
import re
import socket
import subprocess
import threading
import urllib.request
from html.parser import HTMLParser

import pytest

import devenv
from support import FIXTURES, ROOT, build_in_process, copy_data, copy_project
from wakesite import site
from wakesite.checks import sitecheck

SOURCE = ROOT / "docs" / "_data" / "source" / "guideline-as-delivered.txt"
PAGES = ["", "policy/", "guideline/", "errata/"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_is_built_in_both_languages(built_site, page, lang):
    html_file = sitecheck.page_file(built_site, ("en/" if lang == "en" else "") + page)
    assert html_file.exists(), f"{html_file.relative_to(built_site)} was not built"
    assert f'<html lang="{lang}"' in html_file.read_text(encoding="utf-8")


def test_policy_has_a_stable_path_in_both_languages(built_site):
    assert (built_site / "policy" / "index.html").exists()
    assert (built_site / "en" / "policy" / "index.html").exists()


def test_required_sections_are_on_the_built_site(built_site, required_spec):
    problems = sitecheck.required_sections(built_site, required_spec)
    assert not problems, "\n".join(problems)


def test_a_missing_required_section_is_named_with_its_page():
    spec = [
        {"name": "4(5)ア", "page": "guideline/", "id": "prohibited-illegal", "ja": "法令に違反する"},
        {"name": "4(5)ウ", "page": "guideline/", "id": "prohibited-untrue", "ja": "事実と異なる内容"},
        {"name": "免責事項", "page": "policy/", "id": "policy-disclaimer", "ja": "免責事項"},
    ]
    problems = sitecheck.required_sections(FIXTURES / "sites" / "required-missing", spec, langs=("ja",))
    assert problems == [
        "guideline/index.html: 4(5)ウ (#prohibited-untrue) is missing: no element with id 'prohibited-untrue'",
        "policy/index.html: page missing, so 免責事項 (#policy-disclaimer) is missing",
    ]


def test_every_source_sentence_is_on_the_japanese_site(built_site):
    """Allowed differences are exactly the corrections and artefacts of errata.yml."""
    replacements = site.load_project(ROOT).errata.source_replacements()
    sentences = sitecheck.source_sentences(SOURCE.read_text(encoding="utf-8"), replacements)
    assert len(sentences) > 100
    page = sitecheck.read_page(built_site / "guideline" / "index.html")
    missing = sitecheck.missing_sentences(sentences, page.text)
    assert not missing, "sentences of the source not on guideline/index.html:\n" + "\n".join(missing)


def test_fidelity_check_catches_a_changed_word():
    sentences = sitecheck.source_sentences("ウ　事実と異なる内容\n個人所有の端末からの投稿は厳禁とする。", [])
    assert sitecheck.missing_sentences(sentences, "ウ 事実と異なる内容 個人所有の端末からの投稿は禁止とする。") == [
        "個人所有の端末からの投稿は厳禁とする。"]


def test_fidelity_check_does_not_allow_an_unlisted_correction(built_site):
    """Without the errata list, the corrected words on the site no longer match the source."""
    sentences = sitecheck.source_sentences(SOURCE.read_text(encoding="utf-8"), [])
    page = sitecheck.read_page(built_site / "guideline" / "index.html")
    missing = sitecheck.missing_sentences(sentences, page.text)
    assert any("ハッシュダグ" in s for s in missing)
    assert any("https//facebook.com" in s for s in missing)


def test_source_copy_is_the_delivered_document():
    """The copy in the repository is byte for byte the document the town delivered: its SHA-256
    is recorded beside it (docs/_data/source/SHA256SUMS) when it was delivered."""
    lines = (SOURCE.parent / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    recorded = {name: digest for digest, name in (line.split(None, 1) for line in lines)}
    assert recorded == {SOURCE.name: hashlib.sha256(SOURCE.read_bytes()).hexdigest()}


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_say_the_japanese_text_is_authoritative(built_site, page):
    english = sitecheck.page_file(built_site, "en/" + page).read_text(encoding="utf-8")
    japanese = sitecheck.page_file(built_site, page).read_text(encoding="utf-8")
    assert "The Japanese text is authoritative" in english
    assert "The Japanese text is authoritative" not in japanese


class _LanguageLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "md-select__link" in (attrs.get("class") or "") and attrs.get("hreflang"):
            self.links[attrs["hreflang"]] = attrs["href"]


@pytest.mark.parametrize("page", PAGES)
def test_language_switcher_stays_on_the_same_page(built_site, page):
    for lang, other in (("ja", "en"), ("en", "ja")):
        here = sitecheck.page_file(built_site, ("en/" if lang == "en" else "") + page)
        parser = _LanguageLinks()
        parser.feed(here.read_text(encoding="utf-8"))
        href = parser.links[other]
        # An absolute path is from the site root (built with site_url at a domain root).
        target_url = (built_site / href.lstrip("/") if href.startswith("/") else here.parent / href).resolve()
        expected = sitecheck.page_file(built_site, ("en/" if other == "en" else "") + page).parent.resolve()
        assert target_url == expected, f"{here.relative_to(built_site)}: switcher to {other} goes to {parser.links[other]}"


def test_clause_rows_are_in_the_table_of_contents(built_site):
    html = (built_site / "guideline" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-nav__link" href="#flaming"' in html.replace("\n", " ") or 'href="#flaming" class="md-nav__link"' in html


def test_bad_data_stops_the_build_and_leaves_the_old_site_alone(tmp_path):
    data_dir, _ = copy_data(tmp_path / "project")
    data = data_dir / "guideline.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("number: ウ\n", "number: ウ\n                  colour: red\n", 1), encoding="utf-8")
    bad_line = data.read_text(encoding="utf-8").splitlines().index("                  colour: red") + 1
    site_dir = tmp_path / "published"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the previous good build", encoding="utf-8")
    built = build_in_process(site_dir, data_dir=data_dir)
    assert not built.ok
    assert f"guideline.yml:{bad_line}:" in built.log and "unknown key ('colour' was unexpected)" in built.log, built.log
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the previous good build"


def test_checklist_titles_in_the_nav_come_from_the_data(built_site):
    """Stub pages have no title of their own: without the hook the nav would show 'Pre post'."""
    for checklist in site.load_project(ROOT).checklists:
        for lang, prefix in (("ja", ""), ("en", "en/")):
            html = (built_site / prefix / "guideline" / "index.html").read_text(encoding="utf-8")
            link = html.split(f'checklists/{checklist.id}/" class="md-nav__link"', 1)[1][:300]
            assert checklist.title[lang] in link, f"{prefix}guideline/ nav: {checklist.id} not titled {checklist.title[lang]!r}"
            page = (built_site / prefix / "checklists" / checklist.id / "index.html").read_text(encoding="utf-8")
            assert f"<title>{checklist.title[lang]} - " in page


def test_renaming_a_clause_anchor_breaks_the_build_not_the_site(tmp_path):
    """A checklist item cites 4(5)ウ by its anchor: rename the anchor and the build stops, naming
    the checklist file and item, before anything is written."""
    data_dir, _ = copy_data(tmp_path / "project")
    data = data_dir / "guideline.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("id: prohibited-untrue", "id: prohibited-false", 1),
                    encoding="utf-8")
    built = build_in_process(tmp_path / "out", data_dir=data_dir)
    assert not built.ok
    assert "checklists/pre-post.yml:" in built.log and "item 'not-untrue': clause 'prohibited-untrue' does not exist" in built.log, built.log
    assert not (tmp_path / "out" / "index.html").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
        return response.read().decode("utf-8")


class _Log:
    """The lines a server prints, read in a thread of their own so that a test can wait for one."""

    def __init__(self, stream) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)  # the server stopped

    def wait_for(self, text: str) -> None:
        """Block until the server prints a line containing `text` (fails if it stops first)."""
        while True:
            line = self.lines.get(timeout=300)  # a bound for a hung server, not a timing check
            if line is None:
                raise AssertionError(f"the server stopped before printing {text!r}:\n{''.join(self.seen)}")
            self.seen.append(line)
            if text in line:
                return


def test_serve_shows_a_data_edit_on_the_next_rebuild(tmp_path):
    """`mkdocs serve` rebuilds when a data file is edited, and the page shows the new text in
    both languages: the plugin's data is loaded once per build, never kept from the one before."""
    config = copy_project(tmp_path / "project")
    data = tmp_path / "project" / "docs" / "_data" / "guideline.yml"
    port = _free_port()
    server = subprocess.Popen(
        [*devenv.engine_command(), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    log = _Log(server.stdout)
    try:
        base = f"http://127.0.0.1:{port}/"
        log.wait_for("Serving on")
        assert "公序良俗に反する内容" in _fetch(base + "guideline/")
        for page in ("checklists/", "checklists/pre-post/", "en/checklists/pre-post/"):
            served = _fetch(base + page)  # no PDFs under serve: each link is a note saying so
            assert "wk-cl-pdf--serve" in served and ".pdf\"" not in served, page
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("ja: その他、公序良俗に反する内容", "ja: その他、公序良俗に反する内容（編集確認）", 1)
                        .replace("en: Any other content contrary to public order and morals",
                                 "en: Any other content contrary to public order and morals (edit check)", 1),
                        encoding="utf-8")
        log.wait_for("Reloading browsers")  # printed once the rebuild has finished
        assert "公序良俗に反する内容（編集確認）" in _fetch(base + "guideline/"), "the Japanese page kept the old text"
        assert "contrary to public order and morals (edit check)" in _fetch(base + "en/guideline/")
    finally:
        server.terminate()
        server.wait(timeout=60)
    output = "".join(log.seen)
    assert "ERROR" not in output, output


def test_every_script_of_every_page_is_deferred(built_site):
    """main.html adds `defer` to Material's script tags (a replace on its block, not a copy of it,
    which would hard-code the bundle's hashed name): a new Material that writes them otherwise
    is caught here, not by a slower first paint."""
    pages = sorted(built_site.rglob("*.html"))
    assert any("bundle." in tag for tag in re.findall(r"<script\b[^>]*>", (built_site / "index.html").read_text(encoding="utf-8")))
    for html_file in pages:
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html_file.read_text(encoding="utf-8"))
        undeferred = [tag for tag in tags if not re.search(r"\sdefer[\s>]", tag)]
        assert not undeferred, f"{html_file.relative_to(built_site)}: {undeferred}"
