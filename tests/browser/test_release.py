"""Publishing editions with mike, end to end, in a throw-away git repository.

The project's files are copied into a new repository; edition 1.0 is released with
scripts/release.py for an https:// address, then a clause (4(5)ウ) is reworded and edition 2 is
released. The gh-pages branch is read as it will be published: every profile link, accounts.json
and PDF link in it points at a page the branch holds; unpacked (`git archive gh-pages | tar -x`)
and served on 127.0.0.1, it is read in Chromium: the stable policy URLs under `latest`, the
outdated banner, the version selector, the 新旧対照表 and the language switcher staying inside its
version.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import RELEASE_SITE_URL as SITE_URL, project_repository
from wakesite import gitrepo, linkrot, pagepath
from wakesite.checks import published
from wakesite.localserver import serve

OLD, NEW = "ウ　事実と異なる内容", "ウ　事実に反する内容"
STABLE = {"ja": SITE_URL + "latest/policy/", "en": SITE_URL + "latest/en/policy/"}


def _git(repo: Path, *args: str) -> str:
    return gitrepo.run(repo, *args)


def _release(repo: Path, *args: str, site_url: str | None = SITE_URL) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["WAKESITE_CACHE_DIR"] = str(repo.parent / "release-cache")  # a release must not use it
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "scripts/release.py", *args], cwd=repo, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    repo = project_repository(tmp_path_factory.mktemp("release-repo"))
    planted = repo.parent / "release-cache" / "pdf" / "planted.pdf"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"%PDF-1.4 a tampered cache entry")

    first = _release(repo, "1.0")
    assert first.returncode == 0, first.stdout + first.stderr

    guideline = repo / "docs" / "_data" / "guideline.yml"
    text = guideline.read_text(encoding="utf-8")
    assert text.count("ja: 事実と異なる内容\n") == 1
    guideline.write_text(text.replace("ja: 事実と異なる内容\n", "ja: 事実に反する内容\n"), encoding="utf-8")
    editions = repo / "docs" / "_data" / "edition.yml"
    editions.write_text(editions.read_text(encoding="utf-8").replace(
        'label: "1.0"\neditions:\n',
        'label: "2"\neditions:\n  - label: "2"\n    enacted: null\n    effective: null\n    to_confirm: Q15\n    tag: edition-2\n'
        '    changes: {ja: 4(5)ウの表現を改めました。, en: Reworded 4(5)(c).}\n'), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "edition 2: 4(5)ウ reworded")

    second = _release(repo, "2")
    assert second.returncode == 0, second.stdout + second.stderr

    cache = sorted(p.relative_to(planted.parent.parent).as_posix() for p in planted.parent.parent.rglob("*"))
    out = published.extract_branch(repo, "gh-pages", tmp_path_factory.mktemp("gh-pages"))
    with serve(out) as url:
        yield {"repo": repo, "out": out, "url": url, "output": first.stdout + second.stdout, "cache": cache}


def test_a_release_builds_without_the_build_cache(released):
    """Nothing published comes from a cache (a tampered PDF there was once published): the two
    releases neither read nor wrote the cache they were given; it holds only the planted file."""
    assert released["cache"] == ["pdf", "pdf/planted.pdf"]
    for pdf in released["out"].rglob("*.pdf"):
        assert b"tampered" not in pdf.read_bytes()


def test_release_says_the_stable_policy_address_and_how_to_push(released):
    assert "git push origin gh-pages edition-2" in released["output"]
    assert f"{STABLE['ja']}  and  {STABLE['en']}" in released["output"]


# ---- The branch as it will be published: profile links and every self-link resolve ----

def _exists(out: Path, url: str) -> bool:
    path = url.removeprefix(SITE_URL).split("#")[0]
    return pagepath.file_of(out, path).resolve().is_file()


@pytest.mark.parametrize("version", ["1.0", "2"])
@pytest.mark.parametrize("lang, root", [("ja", ""), ("en", "en/")])
def test_every_profile_link_in_the_branch_is_the_stable_address(released, version, lang, root):
    out = released["out"]
    assert _exists(out, STABLE[lang]) and (out / "latest").is_symlink()
    accounts = json.loads((out / version / root / "accounts.json").read_text(encoding="utf-8"))
    assert accounts["policy"] == STABLE[lang]
    texts = (out / version / root / "profile-texts" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"https?://[^\s<\"]*policy/", texts)
    assert len(links) >= 3 and set(links) == {STABLE[lang]}, links
    assert f"{SITE_URL}{version}/latest/" not in texts


@pytest.mark.parametrize("version", ["1.0", "2"])
def test_pdf_links_go_to_pages_of_their_edition(released, version):
    out = released["out"]
    pdfs = sorted((out / version).rglob("*.pdf"))
    assert len(pdfs) == 16
    for pdf in pdfs:
        links = re.findall(rb"/URI \(([^)]*)\)", pdf.read_bytes())
        assert links, pdf
        for link in (link.decode() for link in links):
            assert link.startswith(f"{SITE_URL}{version}/") and _exists(out, link), f"{pdf}: {link}"


def test_branch_check_finds_nothing_wrong_in_the_release(released):
    assert published.branch_problems(released["repo"], "gh-pages", SITE_URL) == []


def test_branch_check_names_a_wrong_profile_link_and_a_loopback_link(released, tmp_path):
    """What the release would have published before: the policy address under the edition
    (…/1.0/latest/policy/, a 404), and PDF links to the printer's local server."""
    tree = tmp_path / "tree"
    shutil.copytree(released["out"], tree, symlinks=True)
    texts = tree / "1.0" / "profile-texts" / "index.html"
    texts.write_text(texts.read_text(encoding="utf-8").replace(STABLE["ja"], SITE_URL + "1.0/latest/policy/"),
                     encoding="utf-8")
    accounts = tree / "2" / "en" / "accounts.json"
    accounts.write_text(accounts.read_text(encoding="utf-8").replace(STABLE["en"], SITE_URL + "2/latest/en/policy/"),
                        encoding="utf-8")
    pdf = tree / "2" / "checklists" / "pre-post" / "pre-post-blank-ja.pdf"
    pdf.write_bytes(pdf.read_bytes().replace(f"/URI ({SITE_URL}2/".encode(), b"/URI (http://127.0.0.1:8000/", 1))
    problems = published.tree_problems(tree, SITE_URL)
    wrong = SITE_URL + "1.0/latest/policy/"
    assert f"1.0/profile-texts/index.html: {wrong} does not exist in the published site" in problems
    assert any(p.startswith(f"1.0/profile-texts/index.html: links to the policy at '{wrong}'") for p in problems)
    assert any(p.startswith(f"2/en/accounts.json: links to the policy at '{SITE_URL}2/latest/en/policy/'")
               for p in problems)
    assert any(p.startswith("2/checklists/pre-post/pre-post-blank-ja.pdf: http://127.0.0.1:8000/") and "loopback" in p
               for p in problems)


def test_release_refuses_an_address_that_is_not_https(released):
    for site_url in (None, "", "http://example.org/sns/", "http://127.0.0.1:8000/"):
        refused = _release(released["repo"], "2", "--force", site_url=site_url)
        assert refused.returncode == 1 and "https" in refused.stderr, (site_url, refused.stderr)


@pytest.mark.parametrize("site_url, expected", [
    # Once published in 61 files of the branch.
    ("https://user:secret@sns.town.wake.lg.jp/guideline/", "has a user name or password before '@'"),
    ("https://sns.town.wake.lg.jp/guideline/../x/", "has a '.', '..' or empty segment"),
    ('https://sns.town.wake.lg.jp/"><script>alert(1)</script>/', "holds '\"'"),
    ("https://example.org/sns/", "example.org is reserved for examples and tests (RFC 2606)"),
    ("https://wake.test/", "wake.test is reserved for examples and tests (RFC 2606)"),
])
def test_release_refuses_an_address_it_may_not_publish_before_building(released, site_url, expected):
    repo = released["repo"]
    branch = _git(repo, "rev-parse", "gh-pages")
    refused = _release(repo, "2", "--force", site_url=site_url)
    assert refused.returncode == 1 and expected in refused.stderr, refused.stderr
    assert "deploying" not in refused.stdout and "secret" not in refused.stdout + refused.stderr
    assert _git(repo, "rev-parse", "gh-pages") == branch


def test_branch_holds_both_editions_latest_and_the_tags(released):
    repo, out = released["repo"], released["out"]
    assert (out / "latest").is_symlink() and os.readlink(out / "latest") == "2"
    for version in ("1.0", "2"):
        assert (out / version / "policy" / "index.html").exists()
        assert (out / version / "en" / "policy" / "index.html").exists()
    assert set(_git(repo, "tag").split()) == {"edition-1.0", "edition-2"}
    assert _git(repo, "rev-parse", "edition-2^{commit}") == _git(repo, "rev-parse", "main")
    assert _git(repo, "remote").strip() == ""  # nothing was pushed anywhere
    # mike builds with ProperDocs when it is installed (README, "The engine"): each deploy says so.
    deploys = [line for line in _git(repo, "log", "--format=%s", "gh-pages").splitlines() if line.startswith("Deployed")]
    assert len(deploys) == 2 and all(" with ProperDocs " in line for line in deploys), deploys
    assert _git(repo, "for-each-ref", "refs/heads/wakesite-release/") == ""  # no temporary branch left


def test_root_goes_to_latest(released, page):
    page.goto(released["url"])
    page.wait_for_url(released["url"] + "latest/")


@pytest.mark.parametrize("path, lang", [("latest/policy/", "ja"), ("latest/en/policy/", "en")])
def test_stable_policy_url_shows_the_edition_in_force(released, page, path, lang):
    page.goto(released["url"] + path)
    assert page.locator(".wk-edition-footer__text").get_attribute("data-wk-edition") == "2"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("[data-md-component=outdated]").is_hidden()


def test_an_earlier_edition_shows_the_outdated_banner_linking_to_latest(released, page):
    page.goto(released["url"] + "1.0/policy/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "以前の版" in banner.inner_text()
    page.locator(".wk-outdated-link").click()
    page.wait_for_url(released["url"] + "latest/policy/")
    assert page.locator(".wk-edition-footer__text").get_attribute("data-wk-edition") == "2"


def test_english_outdated_banner(released, page):
    page.goto(released["url"] + "1.0/en/policy/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "earlier edition" in banner.inner_text()
    assert page.locator(".wk-outdated-link").evaluate("a => a.href") == released["url"] + "latest/en/policy/"


def test_version_selector_lists_both_editions(released, page):
    for version in ("1.0", "2"):  # mike's builds turn it on (plain builds leave it out)
        html = (released["out"] / version / "policy" / "index.html").read_text(encoding="utf-8")
        assert '"version": {"default": "latest", "provider": "mike"}' in html
    page.goto(released["url"] + "latest/en/policy/")
    items = page.locator(".md-version__list .md-version__link")
    items.first.wait_for(state="attached")
    texts = [t.strip() for t in items.all_text_contents()]
    assert texts[0].startswith("2") and "1.0" in texts


def test_comparison_table_marks_the_changed_words_on_both_sides(released, page):
    page.goto(released["url"] + "latest/history/")
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
    page.goto(released["url"] + "1.0/history/")
    assert "新旧対照表はまだありません" in page.locator("article").inner_text()


@pytest.mark.parametrize("start, lang, expected", [
    ("1.0/", "en", "1.0/en/"),
    ("1.0/en/", "ja", "1.0/"),
    ("1.0/policy/", "en", "1.0/en/policy/"),
    ("1.0/en/history/", "ja", "1.0/history/"),
    ("latest/", "en", "latest/en/"),
])
def test_language_switcher_stays_inside_the_version(released, page, start, lang, expected):
    page.goto(released["url"] + start)
    href = page.locator(f'a.md-select__link[hreflang="{lang}"]').evaluate("a => a.href")
    assert href == released["url"] + expected


def test_release_refuses_what_it_must(released):
    repo = released["repo"]
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


def test_link_rot_guard_names_a_page_removed_without_redirect(released, tmp_path):
    """A new build without the errata page, checked against what is on gh-pages."""
    new = tmp_path / "site"
    shutil.copytree(released["out"] / "2", new)
    shutil.rmtree(new / "en" / "errata")
    problems = linkrot.check(new, released["repo"])
    assert problems == ["/en/errata/ (published in edition 2, 1.0) is not in the new build and has no redirect "
                        "in docs/_data/redirects.yml"]
    assert linkrot.main([str(new), "--repo", str(released["repo"])]) == 1
