"""One crawl of every page of the built site, both languages: each page is visited once
(wakesite.a11y.visit_page) and three things are checked on it:

- accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds nothing at 1280 × 720, 768
  and 390 px; nor with search results, or every conditional checklist item, shown;
- page health: no request fails, no HTTP error, nothing logged as an error (a guard on what
  Lighthouse's "best practices" checks, on every page rather than one: relative hreflang links
  once made Material fetch sitemap.xml beside each of them, two 404s in every console);
- privacy: viewing the page requests nothing from any other host.
Search is used, as a visitor does, on the first page of each language and folder depth (what it
loads differs between pages only by its relative address; wakesite.a11y.searched_pages).
One test per page. The Japanese pages are here, the English ones in test_crawl_en.py: the test
workers take a file each.
"""
from __future__ import annotations

import pytest

from support import check_visit, site_pages
from wakesite import a11y, pagepath


def test_the_crawl_covers_every_page_of_the_built_site(built_site):
    assert len(site_pages()) >= 30 and pagepath.reading_pages(built_site) == site_pages()
    assert site_pages() == site_pages("ja") + site_pages("en")
    assert a11y.searched_pages(site_pages()) == {"", "accessibility/", "checklists/account-setup/",
                                                 "en/", "en/accessibility/", "en/checklists/account-setup/"}


@pytest.mark.parametrize("path", site_pages("ja"))
def test_page_is_accessible_healthy_and_private_at_every_width(crawler, site_url, path):
    watch, axe = crawler
    searched = path in a11y.searched_pages(site_pages())
    check_visit(a11y.visit_page(watch, axe, site_url, path, search=searched), len(a11y.WIDTHS))


@pytest.mark.parametrize("name, path, action", a11y.STATES, ids=[f"{n}:{p}" for n, p, _ in a11y.STATES])
def test_state_after_interaction_is_accessible(crawler, site_url, name, path, action):
    watch, axe = crawler
    check_visit(a11y.visit_state(watch, axe, site_url, name, path, action), 1)


def test_a_failed_request_is_noted_unless_the_visitor_was_leaving_the_page(browser, site_url):
    """The crawl's page-health watch: a request that fails on a page is a fault of the page; one
    the browser drops because the visitor goes on to another page is not."""
    context = browser.new_context()
    page = context.new_page()
    try:
        watch = a11y.Watch(page, site_url)
        page.route("**/planted-failure.js", lambda route: route.abort("failed"))
        page.route("**/planted-drop.js", lambda route: route.abort("aborted"))
        page.goto(site_url + "policy/", wait_until="load")
        page.evaluate("""() => Promise.all(["planted-failure.js", "planted-drop.js"].map(
            name => fetch(name).catch(() => null)))""")
        broken = watch.take().broken
        assert any("planted-failure.js" in line and "ERR_FAILED" in line for line in broken), broken
        assert any("planted-drop.js" in line and "ERR_ABORTED" in line for line in broken), broken
        # Held back until the visitor has gone on: dropped then, and not the page's fault.
        page.route("**/planted-slow.js", lambda route: None)
        page.evaluate("() => { fetch('planted-slow.js').catch(() => null); }")
        page.goto(site_url + "accounts/", wait_until="load")
        assert not [line for line in watch.take().broken if "planted-slow" in line]
    finally:
        context.close()
