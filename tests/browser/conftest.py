"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright launches Debian's Chromium headless shell
(wakesite.chromium). A missing Chromium fails the run with a message (scripts/test.py installs
it); it is never a skip.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from support import launch_browser
from wakesite import a11y
from wakesite.localserver import serve
from warm_tabs import VIEWPORT, WarmTabs


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site, served from a thread for the whole session."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright():
    """The worker's one Playwright driver (its sync API allows one per thread)."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    browser = launch_browser(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def tabs(browser):
    """Warm browser contexts for the tests' tabs (tests/warm_tabs.py)."""
    pool = WarmTabs(browser)
    yield pool
    pool.close()


@pytest.fixture
def page(tabs):
    """A new tab, 1280 × 900, the browser set to Japanese; nothing kept from an earlier test. A test
    that changes its context (init scripts, routes on the context) or counts the requests a first
    visit makes takes `fresh_page`."""
    with tabs.tab() as page:
        yield page


@pytest.fixture
def fresh_page(browser):
    """A tab in a browser context of its own, made for this test (what `page` was before it was
    warm: a first visit, nothing in any cache)."""
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def crawler(browser, site_url):
    """One browser page that visits page after page (wakesite.a11y.visit_page), recording every
    request and console message, and axe-core to test each page with."""
    context = browser.new_context(viewport=a11y.DESKTOP, locale="ja-JP")
    yield a11y.Watch(context.new_page(), site_url), a11y.load_axe()
    context.close()
