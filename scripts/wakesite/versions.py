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
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from .lang import lang_root

ALIAS = "latest"  # mike's alias of the edition in force: the stable address of every page
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by `mike deploy` for the builds it makes
LOCAL_PREVIEW = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set


@dataclass(frozen=True)
class SiteAddress:
    """Where the pages being built will be read.

    `edition` is this build's own address: the SITE_URL, or under mike the SITE_URL with the
    edition appended (mike sets site_url to <SITE_URL>1.0 while it builds edition 1.0).
    `root` is the SITE_URL itself, the base of the stable addresses under `latest/` that the
    account profiles carry. Both end in '/'; both are '' when the address is unknown."""

    edition: str = ""
    root: str = ""

    @classmethod
    def of_build(cls, site_url: str | None, version: str | None) -> "SiteAddress":
        """From MkDocs's site_url and the edition mike is building (None outside mike)."""
        if not site_url:
            return cls()
        edition = site_url.rstrip("/")
        root = edition[: -len(version) - 1] if version and edition.endswith("/" + version) else edition
        return cls(edition + "/", root + "/")

    def stable(self, lang: str, page: str = "") -> str:
        """The address of `page` (e.g. 'policy/') in the edition in force, which never changes:
        <root>latest/policy/, <root>latest/en/policy/."""
        return f"{self.root}{ALIAS}/{lang_root(lang)}{page}" if self.root else ""

    @property
    def is_local_preview(self) -> bool:
        host = urlsplit(self.root).hostname or ""
        return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")

# Names reserved for examples and tests (RFC 2606): a release for one of them would publish
# profile links that lead nowhere the town controls.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TOP_LEVEL = ("test", "example", "invalid", "localhost")
# What an address of the site never holds: markup (a SITE_URL with "><script> ran on every page
# through the canonical link), quotes, spaces and controls.
_NOT_IN_SITE_URL = set('<>"\'`\\{}|^[] ')


def _is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def site_url_problem(site_url: str | None, *, release: bool = False, serving: bool = False) -> str | None:
    """Why `site_url` (SITE_URL, MkDocs's site_url) may not be the address the site is built for,
    or None. It is checked once, before anything is built: an https address (http only for the
    local preview on a loopback host, and never for a release) with a host and a path, in
    printable ASCII, without user name or password (a release once published them in 61 files),
    query, fragment, '.' or '..' segments, spaces or markup. A release may not use a domain
    reserved for examples (RFC 2606). `serving`: `mkdocs serve`, whose address is its own
    (http://<dev_addr>/, also 0.0.0.0 or a LAN address) and whose pages are never published."""
    if not site_url:
        return ("SITE_URL is empty: give the address the site is published at "
                "(or leave SITE_URL unset for the local preview address)")
    scheme, separator, rest = site_url.partition("://")
    authority, slash, path = rest.partition("/")
    if "@" in authority:  # said first, and never repeated: a password must not reach a log either
        return ("SITE_URL has a user name or password before '@': it would be published in every page's "
                f"links; give the address without it ({scheme}{separator}{authority.rsplit('@', 1)[1]}{slash}{path[:100]})")
    shown = repr(site_url[:100])
    foreign = next((c for c in site_url if not " " < c < "\x7f" or c in _NOT_IN_SITE_URL), None)
    if foreign is not None:
        return f"SITE_URL {shown} holds {foreign!r}: an address has no spaces, quotes, markup or non-ASCII characters"
    try:
        parts = urlsplit(site_url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError as error:
        return f"SITE_URL {shown} is not an address ({error})"
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        return f"SITE_URL {shown} is not an https:// address with a host"
    if parts.query or parts.fragment or "?" in site_url or "#" in site_url:
        return f"SITE_URL {shown} has a query or a fragment ('?', '#'): the site's address is a folder"
    if not parts.path.startswith("/"):
        return f"SITE_URL {shown} has no path: end it with '/' (https://example.org/ or https://example.org/sns/)"
    if any(segment in (".", "..") for segment in parts.path.split("/")) or "//" in parts.path:
        return f"SITE_URL {shown} has a '.', '..' or empty segment in its path: write the folder's own address"
    if parts.scheme == "http" and (release or not (serving or _is_loopback(host))):
        return (f"SITE_URL {shown} is not an https:// address: a published profile link must be https "
                "(a local build may use http://127.0.0.1:8000/, a release may not)")
    if release:
        labels = host.rstrip(".").split(".")
        if (_is_loopback(host) or labels[-1] in RESERVED_TOP_LEVEL
                or any(host.rstrip(".") == d or host.rstrip(".").endswith("." + d) for d in RESERVED_DOMAINS)):
            return (f"SITE_URL {shown}: {host} is reserved for examples and tests (RFC 2606) or is this "
                    "machine: a release publishes the address the site is really published at")
    return None


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


def sitemap_paths_joined(sitemap: str, site_url: str | None) -> str:
    """A sitemap whose addresses are site_url + page path, with the '/' between them.

    mike sets site_url to <SITE_URL>1.0 (no slash) while it builds edition 1.0; static-i18n's
    sitemap writes the other language's pages as `site_url ~ path`: …/1.0en/policy/, a 404."""
    if not site_url or site_url.endswith("/"):
        return sitemap
    return re.sub(re.escape(site_url) + r"(?!/)", site_url + "/", sitemap)
