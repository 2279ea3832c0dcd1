"""Addresses of a build: the edition's own address under mike, the stable `latest/` address that
profiles carry, and the sitemap's addresses of the other language's pages."""
from __future__ import annotations

import pytest

from wakesite.versions import SiteAddress, sitemap_paths_joined


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
