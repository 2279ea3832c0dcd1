"""Using the checklists and their PDFs requests nothing from any other host (viewing and searching
every page is checked by the crawl: test_crawl.py)."""
from __future__ import annotations

from urllib.parse import urlsplit


def test_checklists_and_their_pdfs_request_nothing_from_another_host(built_site, site_url, page):
    """Using a checklist (ticks, fields, print, reset) and its PDF link stays on this host."""
    own_host = urlsplit(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).netloc not in (own_host, "") and not request.url.startswith("data:") else None)
    page.add_init_script("window.print = function () {}; window.confirm = function () { return true; };")
    checklists = sorted(p.parent.relative_to(built_site).as_posix() + "/"
                        for p in built_site.rglob("checklists/*/index.html"))
    assert len(checklists) >= 16, checklists
    for path in checklists:
        page.goto(site_url + path, wait_until="load")
        pdf_links = page.eval_on_selector_all("a[href$='.pdf']", "links => links.map(a => a.href)")
        assert pdf_links, f"/{path}: no PDF link"
        for href in pdf_links:
            assert urlsplit(href).netloc == own_host, f"/{path}: PDF link to another host: {href}"
            response = page.request.get(href)
            assert response.ok and response.headers["content-type"] == "application/pdf", f"{href}: {response.status}"
    page.goto(site_url + "checklists/pre-post/", wait_until="networkidle")
    page.check("#wk-c-not-illegal")
    page.fill("#wk-f-unit", "総務課")
    page.check("#wk-f-accounts--instagram")
    for action in ("print-filled", "print-blank", "reset"):
        page.click(f"[data-wk-action='{action}']")
    page.reload(wait_until="networkidle")
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
