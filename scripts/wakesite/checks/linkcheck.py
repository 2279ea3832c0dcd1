"""Check the links of a BUILT site: internal targets, #anchors, and well-formed https URLs.

Works on MkDocs output with `use_directory_urls: true` (the page /policy/ is
policy/index.html), parses HTML with the standard library's html.parser only and never
touches the network. Each HTML file is parsed once; its element ids are kept for the
anchor checks.

    python -m wakesite.checks.linkcheck SITE_DIR [--site-url URL]

Pass --site-url (the URL the site was built for) whenever the build's site_url has a
path or the pages carry absolute links to themselves (Material's canonical <link>,
404.html's "/..." links): those are then checked as internal links instead of as
external ones.

Visible text is also scanned for malformed URLs ("https//…", "https:/…"). To show such a
URL on purpose (say, quoting a mistake on the errata page), put it in <del>/<s> or in an
element with data-linkcheck="ignore"; links inside those are still checked.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from .. import pagepath

# Attributes that hold a URL to check, by tag.
URL_ATTRS = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}
HTML_SUFFIXES = {".html", ".htm"}

# urlsplit reads "https//host/x" as a relative path, so a forgotten colon would show up
# as a confusing "broken internal link"; catch it (and "https;//", "https.//") up front.
_MISSING_COLON = re.compile(r"^https?[^\w\s/:]?//", re.IGNORECASE)
# "www.example.com/x" without a scheme is also a relative path to a browser.
_MISSING_SCHEME = re.compile(r"^www\.[^/\s]+\.[a-z]", re.IGNORECASE)
# The same mistakes published as plain text: "https//", "https:/x", "https:///x".
# The look-behind (not \b) so that a URL glued to Japanese text is still found.
_MALFORMED_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9+.-])https?(?:[^\w\s/:]?//|:/(?!/)|:///)[^\s<>\"'「」『』（）、。]*",
    re.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?)]}"
_HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Text in these elements is not scanned: script/style/template are not shown to readers,
# and <del>/<s> (or any element with data-linkcheck="ignore") show a wrong URL on purpose,
# e.g. the errata page quoting the source's mistake. Links inside are still checked.
_TEXT_IGNORED = {"script", "style", "template", "del", "s"}


@dataclass(frozen=True)
class LinkProblem:
    """One bad link: where it is (page relative to the site root, line) and what is wrong."""

    page: str  # POSIX path of the HTML file relative to the site root, e.g. "en/policy/index.html"
    line: int  # line of the tag (or text) in that file
    href: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.href}: {self.message}"


@dataclass
class _Link:
    line: int
    url: str


@dataclass
class _TextHit:
    line: int
    text: str
    link_href: str | None  # href of the enclosing <a>, so a malformed link is not reported twice


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[_Link] = field(default_factory=list)
    text_hits: list[_TextHit] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Single pass over one file: ids, URL attributes and suspicious URLs in visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        # One ignored region at a time is enough: anything nested in it is ignored too.
        self._ignored_tag: str | None = None
        self._ignored_depth = 0
        self._open_a_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        attr = URL_ATTRS.get(tag)
        if attr is not None and attr in values:
            self.page.links.append(_Link(line, values[attr] or ""))
        if tag == "a":
            self._open_a_href = values.get("href")
        if self._ignored_tag is None:
            if tag in _TEXT_IGNORED or values.get("data-linkcheck") == "ignore":
                self._ignored_tag, self._ignored_depth = tag, 1
        elif tag == self._ignored_tag:
            self._ignored_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<x/>" has no content: open and close it at once.
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._ignored_tag:
            self._ignored_depth -= 1
            if self._ignored_depth == 0:
                self._ignored_tag = None
        if tag == "a":
            self._open_a_href = None

    def handle_data(self, data: str) -> None:
        if self._ignored_tag is not None:
            return
        start_line = self.getpos()[0]
        for match in _MALFORMED_IN_TEXT.finditer(data):
            text = match.group(0).rstrip(_TRAILING_PUNCT)
            line = start_line + data.count("\n", 0, match.start())
            self.page.text_hits.append(_TextHit(line, text, self._open_a_href))


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


class _Site:
    """The site's files and parsed pages; ids of other HTML files are parsed on demand."""

    def __init__(self, site_dir: Path, site_url: str | None) -> None:
        self.root = site_dir
        # A set of relative paths rather than Path.exists(): the check must be
        # case-sensitive like the web server even on a case-insensitive disk. Directories that
        # are symlinks (mike's alias `latest` on a published branch) are links' targets too, but
        # their pages are parsed once, where they really are.
        self.files = _files(site_dir, follow_links=True)
        self.pages: dict[str, _Page] = {
            rel: _parse(site_dir / rel)
            for rel in sorted(_files(site_dir, follow_links=False))
            if posixpath.splitext(rel)[1].lower() in HTML_SUFFIXES
            and "assets" not in rel.split("/")[:-1]
        }
        self._extra_ids: dict[str, set[str]] = {}
        self.base = _parse_site_url(site_url) if site_url else None
        self.base_path = self.base[2] if self.base else "/"

    def ids(self, rel: str) -> set[str]:
        if rel in self.pages:
            return self.pages[rel].ids
        if rel not in self._extra_ids:
            self._extra_ids[rel] = _parse(self.root / rel).ids
        return self._extra_ids[rel]

    def target_file(self, site_path: str) -> str | None:
        """Map a site-relative URL path ("policy/", "x.css", "") to an existing file."""
        return next((c for c in pagepath.files_for(site_path) if c in self.files), None)


def _files(site_dir: Path, follow_links: bool) -> set[str]:
    return {(Path(directory) / name).relative_to(site_dir).as_posix()
            for directory, _dirs, names in os.walk(site_dir, followlinks=follow_links) for name in names}


def _parse_site_url(site_url: str) -> tuple[str, str, str]:
    split = urlsplit(site_url.strip())
    if not split.scheme or not split.netloc:
        raise ValueError(f"site_url must be an absolute URL, got {site_url!r}")
    path = split.path if split.path.endswith("/") else split.path + "/"
    return split.scheme.lower(), split.netloc.lower(), path


def _host_problem(split: SplitResult) -> str | None:
    """Why the host/port of an absolute URL is not well-formed, or None."""
    if not split.netloc:
        return "empty host"
    try:
        split.port  # raises on a non-numeric or out-of-range port
    except ValueError:
        return "bad port"
    host = split.hostname
    if not host:
        return "empty host"
    if "[" in split.netloc:
        try:
            ipaddress.IPv6Address(host)
            return None
        except ValueError:
            return f"bad host {host!r}"
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"bad host {host!r}"
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2:
        return f"host {host!r} has no dot"
    if not all(_HOST_LABEL.match(label) for label in labels):
        return f"bad host {host!r}"
    return None


def _external_problem(url: str, split: SplitResult) -> str | None:
    """Message for an external URL that is not a well-formed https URL, or None."""
    scheme = split.scheme.lower()
    if any(ch.isspace() for ch in url):
        return "malformed URL: contains whitespace"
    if scheme not in ("http", "https", ""):
        # Typos like "htps:" land here too; the site has no business with ftp: etc.
        return f"malformed URL: unsupported scheme {scheme!r}"
    host_problem = _host_problem(split)
    if host_problem:
        return f"malformed URL: {host_problem}"
    if scheme == "http":
        return "external link is not https"
    if scheme == "":
        # "//host/x" takes the page's scheme, which is not guaranteed to be https.
        return "external link is not https (protocol-relative)"
    return None


def _check_link(site: _Site, page_rel: str, url: str) -> str | None:
    """Message for one URL found on page_rel, or None if it is fine."""
    # Browsers strip surrounding whitespace from href/src; inner whitespace still counts.
    url = url.strip()
    if url in ("", "#"):
        return None
    if _MISSING_COLON.match(url):
        return "malformed URL: missing ':' after scheme"
    if _MISSING_SCHEME.match(url):
        return "malformed URL: missing 'https://'"
    try:
        split = urlsplit(url)
    except ValueError as exc:  # e.g. an unbalanced "[" in the host
        return f"malformed URL: {exc}"
    scheme = split.scheme.lower()
    if scheme in SKIPPED_SCHEMES:
        return None

    if scheme or split.netloc:
        if site.base and (scheme or site.base[0], split.netloc.lower()) == site.base[:2] and (
            (split.path or "/") + "/"
        ).startswith(site.base_path):
            url_path = split.path or "/"
        else:
            return _external_problem(url, split)
    else:
        page_url = site.base_path + page_rel
        url_path = urlsplit(urljoin(page_url, url)).path

    decoded = unquote(url_path)
    if decoded.rstrip("/") + "/" == site.base_path:
        site_path = ""
    elif decoded.startswith(site.base_path):
        site_path = decoded[len(site.base_path):]
    else:
        return f"broken internal link: {decoded} does not exist"
    target = site.target_file(site_path)
    if target is None:
        return f"broken internal link: {decoded} does not exist"

    fragment = unquote(split.fragment)
    if not fragment or posixpath.splitext(target)[1].lower() not in HTML_SUFFIXES:
        return None
    # Browsers scroll to the top for "#top" even without such an id (HTML spec).
    if fragment in site.ids(target) or fragment.lower() == "top":
        return None
    return f"missing anchor #{fragment} in {target}"


def _text_problems(site: _Site) -> list[LinkProblem]:
    return [
        LinkProblem(rel, hit.line, hit.text, "malformed URL in text")
        for rel, page in site.pages.items()
        for hit in page.text_hits
    ]


def _run(site_dir: Path, site_url: str | None) -> tuple[list[LinkProblem], int, int]:
    """Check everything; return (problems, pages parsed, URL attributes looked at)."""
    site = _Site(Path(site_dir), site_url)
    problems: list[LinkProblem] = []
    links = 0
    for rel, page in site.pages.items():
        malformed_hrefs = set()
        for link in page.links:
            links += 1
            message = _check_link(site, rel, link.url)
            if message:
                problems.append(LinkProblem(rel, link.line, link.url, message))
                if message.startswith("malformed URL"):
                    malformed_hrefs.add(link.url)
        problems.extend(
            LinkProblem(rel, hit.line, hit.text, "malformed URL in text")
            for hit in page.text_hits
            # The visible text of a link already reported as malformed adds nothing.
            if hit.link_href not in malformed_hrefs
        )
    problems.sort(key=lambda p: (p.page, p.line, p.href, p.message))
    return problems, len(site.pages), links


def check_site(site_dir: Path, site_url: str | None = None) -> list[LinkProblem]:
    """All link problems of the built site in site_dir, plus malformed URLs in its text.

    site_url (e.g. "https://example.org/site/") makes absolute links to the site itself
    internal and sets the path under which the site is served.
    """
    return _run(site_dir, site_url)[0]


def main(argv: list[str] | None = None) -> int:
    """CLI: print each problem and a summary; return 1 if there are problems, else 0."""
    parser = argparse.ArgumentParser(prog="python -m wakesite.checks.linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site, e.g. site/")
    parser.add_argument("--site-url", help="the URL the site is served at, e.g. https://example.org/site/")
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir():
        print(f"error: {args.site_dir} is not a directory", file=sys.stderr)
        return 2
    problems, pages, links = _run(args.site_dir, args.site_url)
    for problem in problems:
        print(problem)
    print(f"{pages} pages, {links} links checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
