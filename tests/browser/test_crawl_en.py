"""The crawl of the English pages (see test_crawl.py, which has the Japanese ones)."""
from __future__ import annotations

import pytest

from support import check_visit, site_pages
from wakesite import a11y


@pytest.mark.parametrize("path", site_pages("en"))
def test_page_is_accessible_healthy_and_private_at_every_width(crawler, site_url, path):
    watch, axe = crawler
    searched = path in a11y.searched_pages(site_pages())
    check_visit(a11y.visit_page(watch, axe, site_url, path, search=searched), len(a11y.WIDTHS))
