"""Publishing editions with mike: what the pages need to stay inside their version.

mike builds every edition under its own prefix (/1.0/, with the alias /latest/ pointing at the
edition in force) and sets `site_url` to <site_url>1.0 while it builds. static-i18n writes the
language switcher's links on a language's home page as absolute paths made from `site_url`
("/en/" without mike, "/1.0/en/" with it): from /latest/ that leaves the alias, and from any
copy served elsewhere it leaves the copy. Other pages get relative links. `relative_alternates`
makes the home pages' links relative too, so the switcher always stays in the edition the
reader is looking at.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

_HEAD_LANGUAGE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def site_path(link: str, site_url: str | None) -> str | None:
    """An absolute link inside the site ('/1.0/en/' with site_url …/1.0) → site-relative ('en/');
    None for links that are already relative or point elsewhere."""
    if not link.startswith("/") or link.startswith("//"):
        return None
    base = urlsplit(site_url or "").path.rstrip("/") + "/"
    if not (link + "/").startswith(base) and link != base.rstrip("/"):
        return None
    return link[len(base):] if link.startswith(base) else ""


def relative_alternates(alternates: list[dict], site_url: str | None) -> list[dict]:
    """The language switcher's entries with site-absolute links made site-relative ('' → './').

    Material renders each link with the `url` filter, which makes a site-relative link relative
    to the page, so '/en/' on the home page becomes 'en/', and '../' from /en/."""
    result = []
    for alternate in alternates:
        path = site_path(alternate.get("link", ""), site_url)
        result.append(alternate if path is None else {**alternate, "link": path or "./"})
    return result


def without_language_links(head_html: str) -> Markup:
    """Material's <head> metadata without its `<link rel="alternate" hreflang>` language links.

    Relative (see above), they are invalid as hreflang for search engines and Lighthouse, and
    Material's script fetches `sitemap.xml` beside each of them: two 404s in the console of every
    page. Each page's language versions are declared in sitemap.xml instead (absolute URLs from
    site_url, written by static-i18n), which search engines read the same way; the visible
    language switcher is unchanged.
    """
    return Markup(_HEAD_LANGUAGE_LINK.sub("", str(head_html)))
