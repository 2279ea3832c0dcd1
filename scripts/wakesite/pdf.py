"""Pages of a built site printed to PDF by headless Chromium: the checklists' blank sheets.

A part says which pages print, to which files, opened how and when they are ready (`PdfPage`; the
checklists': wakesite.checklists.sheets, e.g. site/checklists/pre-post/pre-post-blank-ja.pdf
beside its page). The PDF is the page's own print stylesheet on A4: the page is served from the
built site on 127.0.0.1 (a throwaway server on port 0, nothing else is contacted), opened with the
part's query, and printed with Playwright's `page.pdf` once the part's script has marked it ready.

Chromium (Debian's headless shell, wakesite.chromium) is a build dependency: without it `make_blank_pdfs`
raises PdfError, and the MkDocs hook turns that into a failed build.

Printing is the slowest part of a build (two sheets at a time, one per core, about a third of a
second a sheet), so each PDF is kept in
the build cache (wakesite.buildcache, `.cache/pdf/`) under a key made of everything that decides
what it looks like: the page's HTML, every local stylesheet and script it links, this module's
code (the print settings), and the printer (Chromium's files, its launch flags and the font
directories). A later build reuses it only when all of them are byte for byte the same;
otherwise it prints.
Chromium starts only when at least one PDF has to be printed.

Usable without MkDocs:

    python -m wakesite.pdf site/ [--site-url URL] [--project DIR]   # (re)make every checklist's PDFs in a built site
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import buildcache, pagepath
from .chromium import ARGS as LAUNCH_FLAGS
from .chromium import BINARY as CHROMIUM_BINARY
from .chromium import CHROMIUM, INSTALL_HINT
from .chromium import launch as launch_chromium

TIMEOUT_MS = 30_000
PRINTERS = 2  # pages printing side by side
# What else decides how a sheet prints (part of the cache key): Debian's wrapper script runs
# chromium.BINARY; fonts are found in these directories.
_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path("/etc/fonts"))
_LOCAL_ASSET = re.compile(rb'(?:href|src)="([^"#?:]+\.(?:css|js))"')
# Material's generator line names the engine and its version (MkDocs: `mkdocs-1.6.1, …`,
# ProperDocs: `mkdocs-ProperDocs 1.6.7, …`). It is not printed, so it is left out of the key: a
# build with the other engine (scripts/devenv.py ENGINE) reuses the PDFs.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"<>]*">')


class PdfError(RuntimeError):
    """A PDF could not be made; the message says what to do."""


@dataclass(frozen=True)
class PdfPage:
    """One PDF to make: the page at `url_path` (relative to the served root), opened with `query`,
    printed to `output` once an element matching `ready` is in it (its script has prepared it)."""

    url_path: str
    output: Path
    query: str = ""
    ready: str = "body"


@dataclass
class PdfRun:
    """The PDFs of one call: all files, and how many were printed or taken from the cache."""

    files: list[Path] = field(default_factory=list)
    printed: int = 0
    reused: int = 0


def _stat_line(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return f"{path} missing"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}"


def printer_identity(chromium: Path) -> bytes:
    """Chromium's files, the flags it is launched with (e.g. how it hints glyphs) and the font
    directories (a font package installed or upgraded changes a directory's time): a new browser,
    new flags or new fonts print every PDF again."""
    lines = [_stat_line(path) for path in (chromium, Path(os.path.realpath(chromium)), CHROMIUM_BINARY)]
    lines.append(" ".join(LAUNCH_FLAGS))
    for root in _FONT_DIRS:
        for directory, _dirs, _files in sorted(os.walk(root)):
            lines.append(_stat_line(Path(directory)))
    lines.append(hashlib.sha256(Path(__file__).read_bytes()).hexdigest())  # print settings and code
    return "\n".join(lines).encode()


def cache_key(served_root: Path, job: PdfPage, printer: bytes) -> str:
    """A digest of everything the printed sheet depends on (see the module docstring)."""
    page_file = pagepath.file_of(served_root, job.url_path)
    html = page_file.read_bytes()
    digest = hashlib.sha256(printer)
    digest.update(job.url_path.encode() + job.query.encode() + b"\0" + _GENERATOR.sub(b"", html))
    root = served_root.resolve()
    for ref in sorted(set(_LOCAL_ASSET.findall(html))):
        asset = (page_file.parent / ref.decode()).resolve()
        if asset.is_file() and asset.is_relative_to(root):
            digest.update(b"\0" + ref + b"\0" + asset.read_bytes())
    return digest.hexdigest()


def _check_chromium(chromium: Path) -> None:
    if not chromium.exists():
        raise PdfError(f"{chromium} not found: the checklist PDFs are printed by Chromium, a build dependency: "
                       f"{INSTALL_HINT}; or use `mkdocs serve`, which skips the PDFs.")


# The page is served from a throwaway local address: a PDF's links must go to where the edition
# is published (its address under mike, e.g. https://example.org/sns/1.0/), never to that
# server; with no address known, the links are left out (the sheet still names every clause).
_LINKS_TO_EDITION = """(edition) => {
  const here = edition ? new URL(location.pathname.slice(1), edition) : null;
  for (const a of document.querySelectorAll("a[href]")) {
    if (here) { a.href = new URL(a.getAttribute("href"), here).href; } else { a.removeAttribute("href"); }
  }
}"""


async def _print_sheet(page, base: str, served_root: Path, job: PdfPage, edition_url: str) -> None:
    """Open one page as its part prints it and print it to `job.output`."""
    from playwright.async_api import Error as PlaywrightError

    if not pagepath.file_of(served_root, job.url_path).exists():
        raise PdfError(f"no page to print for {job.output.name}: {served_root / job.url_path / 'index.html'} "
                       "is missing from the built site")
    response = await page.goto(f"{base}{job.url_path}{job.query}", wait_until="load")
    if response is None or not response.ok:
        raise PdfError(f"{job.url_path}: the built page did not load ({response.status if response else 'no response'})")
    try:
        await page.wait_for_selector(job.ready, state="attached", timeout=TIMEOUT_MS)
    except PlaywrightError:
        raise PdfError(f"{job.url_path}: the page's script did not prepare it for printing ({job.ready} never "
                       "appeared: is the part's script linked on the page?)") from None
    await page.evaluate(_LINKS_TO_EDITION, edition_url)
    await page.evaluate("document.fonts.ready")
    await page.emulate_media(media="print")
    job.output.parent.mkdir(parents=True, exist_ok=True)
    await page.pdf(path=str(job.output), format="A4", print_background=True, prefer_css_page_size=True)


async def _render(served_root: Path, pages: list[PdfPage], chromium: Path, edition_url: str,
                  netlog: Path | None) -> None:
    """Print every sheet with one browser and PRINTERS pages side by side (each page has a
    renderer process of its own: two pages use two cores)."""
    import asyncio

    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    from .localserver import serve

    with serve(served_root) as base:
        async with async_playwright() as playwright:
            try:
                browser = await launch_chromium(playwright, chromium, netlog)
            except PlaywrightError as error:
                raise PdfError(f"Chromium at {chromium} did not start: {error}") from None
            try:
                context = await browser.new_context(locale="ja-JP", java_script_enabled=True)
                # Only the local server: Chromium's host-resolver rules (chromium.ARGS) leave every
                # other host, IP addresses included, unresolved, and a sheet that asks for one fails
                # the build. (A Playwright route aborted such requests before: routing turns the
                # browser's cache off and passes every request through Python, 1.8 s of CPU a build.)
                elsewhere: list[str] = []
                context.on("request", lambda request: None if request.url.startswith((base, "data:", "blob:"))
                           else elsewhere.append(request.url))
                queue = list(pages)

                async def printer():
                    page = await context.new_page()
                    page.set_default_timeout(TIMEOUT_MS)
                    while queue:
                        await _print_sheet(page, base, served_root, queue.pop(0), edition_url)

                await asyncio.gather(*(printer() for _ in range(min(PRINTERS, len(pages)))))
                if elsewhere:
                    raise PdfError("a sheet asked for addresses outside the built site (nothing was fetched): "
                                   + ", ".join(sorted(set(elsewhere))[:5]))
            finally:
                await browser.close()


def make_blank_pdfs(served_root: Path, pages: list[PdfPage], chromium: Path = CHROMIUM,
                    cache: Path | None = None, edition_url: str = "", netlog: Path | None = None) -> PdfRun:
    """Make each page in `pages` (served from `served_root`) as a blank A4 PDF whose links go to
    `edition_url` (the address the built site is published at; '' leaves links out). `netlog`:
    where the browser records every host it contacts (tests).

    With `cache` (a directory), a PDF whose inputs are unchanged is copied from there and new
    ones are stored there. Playwright runs in a thread of its own, so this works even when the
    caller already runs an asyncio loop or another Playwright session (a test, `mkdocs serve`)."""
    served_root = Path(served_root)
    run = PdfRun()
    to_print: list[tuple[PdfPage, str | None]] = []
    printer = printer_identity(chromium) if cache else b""
    for job in pages:
        key = cache_key(served_root, job, printer + edition_url.encode()) if cache and pagepath.file_of(served_root, job.url_path).exists() else None
        cached = cache / f"{key}.pdf" if key else None
        if cached and cached.is_file():
            job.output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, job.output)
            os.utime(cached)  # recently used: kept by _prune
            run.reused += 1
        else:
            to_print.append((job, key))
    if to_print:
        _check_chromium(chromium)
        _print_in_thread(served_root, [job for job, _ in to_print], chromium, edition_url, netlog)
        run.printed = len(to_print)
        if cache:
            for job, key in to_print:
                if key:
                    buildcache.store_atomically(cache, f"{key}.pdf", job.output.read_bytes())
    if cache:
        buildcache.prune(cache, "*.pdf")
    run.files = [job.output for job in pages]
    return run


def _print_in_thread(served_root: Path, pages: list[PdfPage], chromium: Path, edition_url: str,
                     netlog: Path | None) -> None:
    result: dict[str, object] = {}

    def work():
        try:
            asyncio.run(_render(served_root, pages, chromium, edition_url, netlog))
        except BaseException as error:  # handed back to the caller's thread
            result["error"] = error

    thread = threading.Thread(target=work, name="wakesite-pdf")
    thread.start()
    thread.join()
    if "error" in result:
        error = result["error"]
        if isinstance(error, PdfError):
            raise error
        raise PdfError(f"making the checklist PDFs failed: {error}") from error


def main(argv: list[str] | None = None) -> int:
    """Make the blank PDFs of every checklist in both languages of an already built site."""
    from .checklists import sheets
    from .checks.published import long_pdfs
    from .site import load_project

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build writes site/)")
    parser.add_argument("--site-url", default="", help="the address the site is published at (the PDFs' links)")
    parser.add_argument("--project", type=Path, default=Path.cwd(),
                        help="the project the site was built from, whose checklists to print (default: here)")
    args = parser.parse_args(argv)
    ids = [c.id for c in load_project(args.project).checklists]
    pages = sheets(args.site_dir, ids)
    started = time.monotonic()
    try:
        run = make_blank_pdfs(args.site_dir, pages, edition_url=args.site_url)
    except PdfError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in run.files:
        print(path)
    print(f"{len(run.files)} PDFs in {time.monotonic() - started:.1f} s", file=sys.stderr)
    problems = long_pdfs(args.site_dir)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
