"""Viewing any page requests nothing from any other host: no fonts, CDN or analytics."""
from __future__ import annotations

from urllib.parse import urlsplit




def test_no_page_requests_another_host(built_site, site_url, page):
    pages = [""] + [p.relative_to(built_site).parent.as_posix() + "/"
                    for p in sorted(built_site.rglob("index.html")) if p.parent != built_site]
    assert len(pages) >= 8, pages
    own_host = urlsplit(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(f"{page.url} → {request.url}")
            if urlsplit(request.url).netloc not in (own_host, "") and not request.url.startswith("data:") else None)
    for path in pages:
        page.goto(site_url + path, wait_until="networkidle")
        # The search index and worker load on first use of search: use it on every page too.
        page.keyboard.press("/")
        page.keyboard.type("決裁")
        page.wait_for_timeout(150)
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
