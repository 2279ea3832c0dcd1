"""Page addresses and the files that hold them, in a built site: 'policy/' is policy/index.html,
'' the home page, '404.html' itself. One definition for the generator, the checks and the tests."""
from __future__ import annotations

from pathlib import Path

from .lang import LANGS

INDEX = "index.html"


def file_of(site_dir: Path, page: str) -> Path:
    """'en/policy/' → site_dir/en/policy/index.html; '' → site_dir/index.html; '404.html' as it is."""
    if page and not page.endswith("/"):
        return Path(site_dir) / page
    return Path(site_dir) / page / INDEX


def page_of(file: str) -> str:
    """'policy/index.html' → 'policy/', 'index.html' → '', '404.html' stays (a path inside the site)."""
    return file[: -len(INDEX)] if file == INDEX or file.endswith("/" + INDEX) else file


def files_for(url_path: str) -> list[str]:
    """The files that may hold a path below the site's root, in the order a web server tries them:
    'policy/' → ['policy/index.html'], '' → ['index.html'], 'x.css' → ['x.css', 'x.css/index.html']."""
    if url_path == "" or url_path.endswith("/"):
        return [url_path + INDEX]
    return [url_path, f"{url_path}/{INDEX}"]


def is_redirect(html_file: Path) -> bool:
    """A redirect page (wakesite.linkrot writes them for pages that moved), not a page to read."""
    return 'http-equiv="refresh"' in Path(html_file).read_text(encoding="utf-8", errors="replace")[:2000]


def _language_order(page: str) -> tuple[bool, str]:
    return page.startswith("en/"), page


def pages(site_dir: Path) -> list[str]:
    """Every page address of a built site, redirect pages and 404.html included ('policy/' for
    policy/index.html, '404.html' as it is), Japanese first: what must never vanish from an edition."""
    return sorted({page_of(file.relative_to(site_dir).as_posix()) for file in Path(site_dir).rglob("*.html")},
                  key=_language_order)


def reading_pages(site_dir: Path) -> list[str]:
    """The pages a reader opens: every index.html that is not a redirect ('' for the home page,
    'en/policy/'), Japanese first (the crawl and the accessibility report visit these)."""
    return sorted((page_of(file.relative_to(site_dir).as_posix()) for file in Path(site_dir).rglob(INDEX)
                   if not is_redirect(file)), key=_language_order)


def root_prefix(page_url: str, lang: str) -> str:
    """Relative URL from a page to its language's home ('' → './', 'en/errata/' → '../')."""
    path = page_url.strip("/")
    if lang != LANGS[0] and (path == lang or path.startswith(lang + "/")):
        path = path[len(lang):].strip("/")
    depth = len([part for part in path.split("/") if part])
    return "../" * depth or "./"
