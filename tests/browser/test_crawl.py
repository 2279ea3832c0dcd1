"""One crawl of every page of the built site, both languages (wakesite.a11y.crawl), three findings:

- accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds nothing at 1280 × 720, 768
  and 390 px, nor with search results or every conditional checklist item shown;
- page health: no request fails, no HTTP error, nothing logged as an error (a guard on what
  Lighthouse's "best practices" checks, on every page rather than one: relative hreflang links
  once made Material fetch sitemap.xml beside each of them, two 404s in every console);
- privacy: viewing any page, and searching on it, requests nothing from any other host.
"""
from __future__ import annotations

from wakesite import a11y


def test_the_crawl_covers_every_page_width_and_state(crawl, built_site):
    assert len(crawl.pages) >= 30 and crawl.pages == a11y.page_paths(built_site)
    seen = {(r["path"], r["width"]) for r in crawl.results if r["state"] == "page"}
    assert seen == {(path, v["width"]) for path in crawl.pages for v in a11y.WIDTHS}
    assert {r["state"] for r in crawl.results} == {"page", "search-results", "checklist-filled"}


def test_every_page_passes_axe_at_every_width(crawl):
    problems = a11y.failures(crawl.report())
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_no_page_has_a_failed_request_or_a_console_error(crawl):
    assert not crawl.broken, "\n".join(crawl.broken)


def test_no_page_requests_another_host(crawl):
    assert not crawl.foreign, "requests to other hosts:\n" + "\n".join(crawl.foreign)
