"""Every internal link and #anchor of the built site resolves, in both languages; every external
link is a well-formed https URL (checked by wakesite.checks.linkcheck on the built HTML)."""
from __future__ import annotations

from wakesite.checks import linkcheck

# The address the test build is made for (mkdocs.yml's default site_url): canonical links to it
# are the site's own pages and are checked as internal links.
SITE_URL = "http://127.0.0.1:8000/"


def test_built_site_has_no_broken_or_malformed_links(built_site):
    problems = linkcheck.check_site(built_site, site_url=SITE_URL)
    assert not problems, "\n".join(map(str, problems))


def test_the_check_covers_both_languages(built_site):
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert {"guideline/index.html", "en/guideline/index.html", "policy/index.html", "en/policy/index.html"} <= pages


def test_the_sources_malformed_url_would_be_caught_if_published(built_site, tmp_path):
    """Publish the guideline page with the source's URL as it was delivered: the check must fail."""
    import shutil
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    page = copy / "guideline" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("https://facebook.com/town.wake/", "https//facebook.com/town.wake/"),
                    encoding="utf-8")
    problems = [p for p in linkcheck.check_site(copy, site_url=SITE_URL) if p.page == "guideline/index.html"]
    assert problems and all("malformed URL" in p.message for p in problems), problems
