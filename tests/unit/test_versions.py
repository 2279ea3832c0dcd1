"""Addresses of a build: the edition's own address under mike, the stable `latest/` address that
profiles carry, and the sitemap's addresses of the other language's pages."""
from __future__ import annotations

import pytest

from wakesite.versions import SiteAddress, sitemap_paths_joined, site_url_problem


@pytest.mark.parametrize("site_url, version, edition, stable", [
    ("https://example.org/sns/", None, "https://example.org/sns/", "https://example.org/sns/latest/en/policy/"),
    # mike builds edition 1.0 with site_url <SITE_URL>1.0 (no slash): the stable root stays <SITE_URL>
    ("https://example.org/sns/1.0", "1.0", "https://example.org/sns/1.0/", "https://example.org/sns/latest/en/policy/"),
    ("https://example.org/1.0/", "1.0", "https://example.org/1.0/", "https://example.org/latest/en/policy/"),
    # a SITE_URL that happens to end like another edition keeps it
    ("https://example.org/2/", "1.0", "https://example.org/2/", "https://example.org/2/latest/en/policy/"),
    ("", None, "", ""),
])
def test_stable_address_leaves_out_the_edition_mike_builds(site_url, version, edition, stable):
    address = SiteAddress.of_build(site_url, version)
    assert (address.edition, address.stable("en", "policy/")) == (edition, stable)


def test_local_preview_is_recognised():
    assert SiteAddress.of_build("http://127.0.0.1:8000/", None).is_local_preview
    assert SiteAddress.of_build("http://localhost:8000/x/", None).is_local_preview
    assert not SiteAddress.of_build("https://www.town.wake.lg.jp/sns/", None).is_local_preview


def test_sitemap_gets_the_slash_that_mikes_site_url_lacks():
    sitemap = ("<loc>https://example.org/sns/1.0/policy/</loc>"
               '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/sns/1.0en/policy/"/>'
               '<xhtml:link rel="alternate" hreflang="ja" href="https://example.org/sns/1.0"/>')
    fixed = sitemap_paths_joined(sitemap, "https://example.org/sns/1.0")
    assert "https://example.org/sns/1.0en/" not in fixed
    assert 'href="https://example.org/sns/1.0/en/policy/"' in fixed
    assert "<loc>https://example.org/sns/1.0/policy/</loc>" in fixed
    assert 'hreflang="ja" href="https://example.org/sns/1.0/"' in fixed
    assert sitemap_paths_joined(sitemap, "https://example.org/sns/") == sitemap  # nothing to do


def test_page_addresses_and_their_files(tmp_path):
    from wakesite import pagepath
    assert pagepath.file_of(tmp_path, "") == tmp_path / "index.html"
    assert pagepath.file_of(tmp_path, "en/policy/") == tmp_path / "en" / "policy" / "index.html"
    assert pagepath.file_of(tmp_path, "404.html") == tmp_path / "404.html"
    assert [pagepath.page_of(f) for f in ("index.html", "en/policy/index.html", "404.html", "xindex.html")] == \
        ["", "en/policy/", "404.html", "xindex.html"]


# ---- SITE_URL: checked once, first, by the build and the release (versions.site_url_problem) ----

@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8000/", "https://www.town.wake.lg.jp/sns/",
                                      "https://sns.town.wake.lg.jp/", "https://example.org/sns/1.0",
                                      "https://host.example.jp:8443/a/b/"])
def test_an_address_a_build_may_use(site_url):
    assert site_url_problem(site_url) is None


@pytest.mark.parametrize("site_url, expected", [
    ("", "SITE_URL is empty"),
    ('https://example.org/"><script>alert(1)</script>/', "holds '\"': an address has no spaces, quotes, markup"),
    ("https://example.org/<b>/", "holds '<'"),
    ("https://example.org/a b/", "holds ' '"),
    ("https://examp\u0142e.org/", "holds 'ł'"),
    ("https://example.org/sns/../x/", "has a '.', '..' or empty segment in its path"),
    ("https://example.org/./", "has a '.', '..' or empty segment"),
    ("https://example.org//", "has a '.', '..' or empty segment"),
    ("https://example.org/?a=1", "has a query or a fragment"),
    ("https://example.org/#top", "has a query or a fragment"),
    ("https://example.org", "has no path"),
    ("http://example.org/", "is not an https:// address"),
    ("ftp://example.org/", "is not an https:// address with a host"),
    ("https:///sns/", "is not an https:// address with a host"),
    ("https://example.org:port/", "is not an address (Port could not be cast"),
])
def test_an_address_no_build_may_use(site_url, expected):
    problem = site_url_problem(site_url)
    assert problem and expected in problem, problem
    assert site_url_problem(site_url, release=True)


def test_a_password_in_the_address_is_refused_and_never_repeated():
    problem = site_url_problem("https://user:secret@example.org/sns/a b/")
    assert problem == ("SITE_URL has a user name or password before '@': it would be published in every page's links; "
                       "give the address without it (https://example.org/sns/a b/)")
    assert "secret" not in problem and "user" not in problem.split("before")[1]


@pytest.mark.parametrize("site_url", ["https://example.org/sns/", "https://www.example.com/", "https://docs.example.net/x/",
                                      "https://town.test/", "https://site.example/", "https://a.invalid/",
                                      "https://localhost/", "https://127.0.0.1/", "http://127.0.0.1:8000/",
                                      "https://EXAMPLE.ORG/"])
def test_a_release_refuses_the_addresses_reserved_for_examples(site_url):
    """RFC 2606: example.com, .net, .org and the top-level names test, example, invalid, localhost."""
    assert site_url_problem(site_url) is None or site_url.startswith("http://127.")
    problem = site_url_problem(site_url, release=True)
    assert problem and ("RFC 2606" in problem or "https" in problem), problem
    assert site_url_problem("https://notexample.org/", release=True) is None
    assert site_url_problem("https://example.org.jp/", release=True) is None


def test_mkdocs_serve_may_use_its_own_http_address():
    """`mkdocs serve -a 0.0.0.0:8000` builds for http://0.0.0.0:8000/ (pages never published)."""
    assert site_url_problem("http://0.0.0.0:8000/", serving=True) is None
    assert site_url_problem("http://0.0.0.0:8000/")
    assert site_url_problem("http://0.0.0.0:8000/<b>/", serving=True)
