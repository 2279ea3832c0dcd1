"""overrides/assets/javascripts/search-on-demand.js, the most fragile code of the site: it patches
XMLHttpRequest to hold back Material's request for the search index. These tests fail when the
installed Material is not the version the script was written against, or when Material no longer
asks for the index the way the script expects (then the index would load with every page, or the
page's language would be ignored, silently)."""
from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from playwright.sync_api import expect

from support import ROOT


@pytest.fixture
def page(fresh_page):
    """A tab in a browser context of its own, nothing cached (what a first visit requests is counted)."""
    return fresh_page


SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "search-on-demand.js"
INDEX = re.compile(r"/search/search_index(\.\w+)?\.json$")
WORKER = re.compile(r"/workers/search\.\w+\.min\.js$")


def index_requests(page, what=INDEX) -> list:
    requests = []
    page.on("request", lambda request: requests.append(request) if what.search(request.url.split("?")[0]) else None)
    return requests


def test_written_for_the_installed_material():
    written_for = re.search(r"Written against Material for MkDocs (\S+) ", SCRIPT.read_text(encoding="utf-8")).group(1)
    installed = version("mkdocs-material")
    assert installed == written_for, (
        f"Material for MkDocs is {installed}; search-on-demand.js was written against {written_for}. "
        "Check that Material still requests search/search_index.json with XMLHttpRequest at page load "
        "(this file's other tests), then update the version in the script's comment.")


def test_material_requests_the_index_at_page_load_with_xhr(page, site_url):
    """What the script relies on: without it, Material's bundle asks for search/search_index.json
    with an XMLHttpRequest while the page loads."""
    page.route("**/search-on-demand.js", lambda route: route.abort())
    requests = index_requests(page)
    # Waited for, not looked for once the page has loaded: the bundle may ask just after the load
    # event (on a loaded machine the list was once still empty).
    with page.expect_request(INDEX) as asked, page.expect_request(WORKER):
        page.goto(site_url + "policy/")
    assert (asked.value.url.rsplit("/", 2)[-2:], asked.value.resource_type) == (["search", "search_index.json"], "xhr")
    assert requests == [asked.value]


@pytest.mark.parametrize("path", ["policy/", "en/policy/"])
def test_the_search_worker_starts_on_first_use(page, site_url, path):
    """Material starts its worker as the page loads (the test above waits for it); here it starts
    when search is first used, and search works as before."""
    workers = index_requests(page, WORKER)
    page.goto(site_url + path)
    expect(page.locator(".md-search__input")).to_have_count(1)
    assert workers == [], "the search worker was fetched before search was used"
    with page.expect_request(WORKER):
        page.click(".md-search__input")
    page.keyboard.type("Instagram")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert len(workers) == 1


@pytest.mark.parametrize("path, lang", [("policy/", "ja"), ("en/policy/", "en")])
def test_index_of_the_page_language_is_fetched_on_first_use(page, site_url, path, lang):
    requests = index_requests(page)
    page.goto(site_url + path)
    expect(page.locator(".md-search__input")).to_have_count(1)
    assert requests == [], "the search index was fetched before search was used"
    with page.expect_request(INDEX) as asked:
        page.click(".md-search__input")
    assert asked.value.url.endswith(f"/search/search_index.{lang}.json")
    page.keyboard.type("免責" if lang == "ja" else "disclaimer")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert len(requests) == 1


def test_a_page_opened_from_a_search_result_fetches_the_index_at_once(page, site_url):
    """?h= asks Material to highlight the search words on the page: it needs the index."""
    with page.expect_request(INDEX) as asked:
        page.goto(site_url + "policy/?h=%E5%85%8D%E8%B2%AC")
    assert asked.value.url.endswith("/search/search_index.ja.json")
