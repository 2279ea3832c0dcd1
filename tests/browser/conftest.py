"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium. A missing Chromium fails the
run with a message (scripts/test.py installs it); it is never a skip.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from wakesite.localserver import serve
# The build's PDF printer and the tests launch the same browser with the same flags.
from wakesite.pdf import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site, served from a thread for the whole session."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (python3 scripts/test.py does this as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    yield page
    context.close()
