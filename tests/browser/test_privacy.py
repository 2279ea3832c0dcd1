"""Using a checklist and its PDF requests nothing from any other host (viewing and searching every
page is checked by the crawl, test_crawl.py; every page's PDF link by the link check, test_links.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest


@pytest.fixture
def page(fresh_page):
    """A tab in a browser context of its own, nothing cached (the requests of a visit are counted)."""
    return fresh_page


def test_a_checklist_and_its_pdf_request_nothing_from_another_host(site_url, page):
    """Using a checklist (ticks, fields, print, reset, reload) and its PDF link stays on this host."""
    own_host = urlsplit(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).netloc not in (own_host, "") and not request.url.startswith("data:") else None)
    page.add_init_script("window.print = function () {}; window.confirm = function () { return true; };")
    page.goto(site_url + "checklists/pre-post/", wait_until="networkidle")
    pdf_links = page.eval_on_selector_all("a[href$='.pdf']", "links => links.map(a => a.href)")
    assert pdf_links == [site_url + "checklists/pre-post/pre-post-blank-ja.pdf"]
    response = page.request.get(pdf_links[0])
    assert response.ok and response.headers["content-type"] == "application/pdf"
    page.check("#wk-c-not-illegal")
    page.fill("#wk-f-unit", "総務課")
    page.check("#wk-f-accounts--instagram")
    for action in ("print-filled", "print-blank", "reset"):
        page.click(f"[data-wk-action='{action}']")
    page.reload(wait_until="networkidle")
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
