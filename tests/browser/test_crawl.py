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
from wakesite import a11y


def test_the_crawl_covers_every_page_of_the_built_site(built_site):
    assert len(site_pages()) >= 30 and a11y.page_paths(built_site) == site_pages()
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
