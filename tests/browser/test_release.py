"""Publishing editions with mike, end to end, in a throw-away git repository.

The project's files are copied into a new repository; edition 1.0 is released with
scripts/release.py, then a clause (4(5)ウ) is reworded and edition 2 is released. The gh-pages
branch is unpacked (`git archive gh-pages | tar -x`), served on 127.0.0.1 and read in Chromium:
the stable policy URLs under `latest`, the outdated banner, the version selector, the 新旧対照表
and the language switcher staying inside its version.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from support import ROOT
from wakesite import linkrot
from wakesite.localserver import serve

COPY = ["docs", "overrides", "scripts", "checklists", "mkdocs.yml"]
OLD, NEW = "ウ　事実と異なる内容", "ウ　事実に反する内容"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def _release(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL="http://127.0.0.1:8000/")
    return subprocess.run([sys.executable, "scripts/release.py", *args], cwd=repo, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    repo = tmp_path_factory.mktemp("release-repo")
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    (repo / ".gitignore").write_text("__pycache__/\n/site/\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "Test")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "edition 1.0")
    timings = {}

    started = time.monotonic()
    first = _release(repo, "1.0")
    timings["release 1.0"] = time.monotonic() - started
    assert first.returncode == 0, first.stdout + first.stderr

    guideline = repo / "docs" / "_data" / "guideline.yml"
    text = guideline.read_text(encoding="utf-8")
    assert text.count("ja: 事実と異なる内容\n") == 1
    guideline.write_text(text.replace("ja: 事実と異なる内容\n", "ja: 事実に反する内容\n"), encoding="utf-8")
    editions = repo / "docs" / "_data" / "edition.yml"
    editions.write_text(editions.read_text(encoding="utf-8").replace(
        'label: "1.0"\neditions:\n',
        'label: "2"\neditions:\n  - label: "2"\n    enacted: null\n    effective: null\n    tag: edition-2\n'
        '    changes: {ja: 4(5)ウの表現を改めました。, en: Reworded 4(5)(c).}\n'), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "edition 2: 4(5)ウ reworded")

    started = time.monotonic()
    second = _release(repo, "2")
    timings["release 2"] = time.monotonic() - started
    assert second.returncode == 0, second.stdout + second.stderr

    out = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "-C", str(repo), "archive", "gh-pages"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="tar")
    with serve(out) as url:
        yield {"repo": repo, "out": out, "url": url, "timings": timings, "output": first.stdout + second.stdout}


def test_release_is_quick_enough_and_says_how_to_push(published):
    print("release timings:", {k: round(v, 1) for k, v in published["timings"].items()})
    assert sum(published["timings"].values()) < 60
    assert "git push origin gh-pages edition-2" in published["output"]
    assert "http://127.0.0.1:8000/latest/policy/" in published["output"]


def test_branch_holds_both_editions_latest_and_the_tags(published):
    repo, out = published["repo"], published["out"]
    assert (out / "latest").is_symlink() and os.readlink(out / "latest") == "2"
    for version in ("1.0", "2"):
        assert (out / version / "policy" / "index.html").exists()
        assert (out / version / "en" / "policy" / "index.html").exists()
    assert set(_git(repo, "tag").split()) == {"edition-1.0", "edition-2"}
    assert _git(repo, "rev-parse", "edition-2^{commit}") == _git(repo, "rev-parse", "main")
    assert _git(repo, "remote").strip() == ""  # nothing was pushed anywhere


def test_root_goes_to_latest(published, page):
    page.goto(published["url"])
    page.wait_for_url(published["url"] + "latest/")


@pytest.mark.parametrize("path, lang", [("latest/policy/", "ja"), ("latest/en/policy/", "en")])
def test_stable_policy_url_shows_the_edition_in_force(published, page, path, lang):
    page.goto(published["url"] + path)
    assert page.locator(".wk-edition-footer__text").get_attribute("data-wk-edition") == "2"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("[data-md-component=outdated]").is_hidden()


def test_an_earlier_edition_shows_the_outdated_banner_linking_to_latest(published, page):
    page.goto(published["url"] + "1.0/policy/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "以前の版" in banner.inner_text()
    page.locator(".wk-outdated-link").click()
    page.wait_for_url(published["url"] + "latest/policy/")
    assert page.locator(".wk-edition-footer__text").get_attribute("data-wk-edition") == "2"


def test_english_outdated_banner(published, page):
    page.goto(published["url"] + "1.0/en/policy/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "earlier edition" in banner.inner_text()
    assert page.locator(".wk-outdated-link").evaluate("a => a.href") == published["url"] + "latest/en/policy/"


def test_version_selector_lists_both_editions(published, page):
    page.goto(published["url"] + "latest/en/policy/")
    items = page.locator(".md-version__list .md-version__link")
    items.first.wait_for(state="attached")
    texts = [t.strip() for t in items.all_text_contents()]
    assert texts[0].startswith("2") and "1.0" in texts


def test_comparison_table_marks_the_changed_words_on_both_sides(published, page):
    page.goto(published["url"] + "latest/history/")
    table = page.locator("#comparison-2 ~ .wk-cmp-wrap table.wk-cmp").first
    assert table.locator("thead th").all_inner_texts() == ["改正後", "改正前"]
    row = table.locator("tr.wk-cmp__row--changed")
    assert row.count() == 1
    new, old = row.locator("td.wk-cmp__new"), row.locator("td.wk-cmp__old")
    assert NEW in new.inner_text() and OLD in old.inner_text()
    assert new.locator("ins").all_inner_texts() == ["に反す"]
    assert old.locator("del").all_inner_texts() == ["と異な"]
    assert new.locator("ins").evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert old.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    assert table.locator("tr.wk-cmp__row--elided").count() == 2
    # edition 1.0 had no earlier edition: its page says so
    page.goto(published["url"] + "1.0/history/")
    assert "新旧対照表はまだありません" in page.locator("article").inner_text()


@pytest.mark.parametrize("start, lang, expected", [
    ("1.0/", "en", "1.0/en/"),
    ("1.0/en/", "ja", "1.0/"),
    ("1.0/policy/", "en", "1.0/en/policy/"),
    ("1.0/en/history/", "ja", "1.0/history/"),
    ("latest/", "en", "latest/en/"),
])
def test_language_switcher_stays_inside_the_version(published, page, start, lang, expected):
    page.goto(published["url"] + start)
    href = page.locator(f'a.md-select__link[hreflang="{lang}"]').evaluate("a => a.href")
    assert href == published["url"] + expected


def test_release_refuses_what_it_must(published):
    repo = published["repo"]
    again = _release(repo, "2")
    assert again.returncode == 1 and "edition 2 is already published on the local branch gh-pages" in again.stderr
    wrong = _release(repo, "3")
    assert wrong.returncode == 1 and "edition.yml: label is '2', not '3'" in wrong.stderr
    (repo / "docs" / "stray.md").write_text("x", encoding="utf-8")
    try:
        dirty = _release(repo, "2")
    finally:
        (repo / "docs" / "stray.md").unlink()
    assert dirty.returncode == 1 and "the work tree is not clean" in dirty.stderr and "docs/stray.md" in dirty.stderr


def test_link_rot_guard_names_a_page_removed_without_redirect(published, tmp_path):
    """A new build without the errata page, checked against what is on gh-pages."""
    new = tmp_path / "site"
    shutil.copytree(published["out"] / "2", new)
    shutil.rmtree(new / "en" / "errata")
    problems = linkrot.check(new, published["repo"])
    assert problems == ["/en/errata/ (published in edition 2, 1.0) is not in the new build and has no redirect "
                        "in docs/_data/redirects.yml"]
    assert linkrot.main([str(new), "--repo", str(published["repo"])]) == 1
