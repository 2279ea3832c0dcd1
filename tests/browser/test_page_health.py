"""Every page loads cleanly in Chromium: no request fails and nothing is logged as an error.

A guard on what Lighthouse's "best practices" checks, on every page rather than one: e.g.
relative hreflang links in <head> once made Material fetch sitemap.xml beside each of them,
two 404s in every page's console.
"""
from __future__ import annotations


def test_no_page_has_a_failed_request_or_a_console_error(built_site, site_url, page):
    pages = [""] + [p.relative_to(built_site).parent.as_posix() + "/"
                    for p in sorted(built_site.rglob("index.html")) if p.parent != built_site]
    assert len(pages) >= 30, pages
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"{page.url}: console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: uncaught {error}"))
    page.on("requestfailed", lambda request: problems.append(f"{page.url}: failed {request.url} ({request.failure})"))
    page.on("response", lambda response: problems.append(f"{page.url}: HTTP {response.status} {response.url}")
            if response.status >= 400 else None)
    for path in pages:
        page.goto(site_url + path, wait_until="networkidle")
        # Search loads its index and worker on first use: use it, and wait for its results
        # (leaving earlier would abort the worker's own requests).
        page.keyboard.press("/")
        page.keyboard.type("approval" if path.startswith("en/") else "決裁")
        page.wait_for_selector(".md-search-result__item", state="attached")
    assert not problems, "\n".join(problems)
