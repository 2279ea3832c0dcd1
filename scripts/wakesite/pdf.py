"""Blank PDFs of the checklists, printed by headless Chromium from the built pages.

The PDF is the page's own print stylesheet (overrides/assets/stylesheets/checklist.css) on A4:
the page is served from the built site on 127.0.0.1 (a throwaway server on port 0, nothing else
is contacted), opened with `?print=blank` (checklist.js then shows every item, no ticks, no
values, no printing date) and printed with Playwright's `page.pdf`.

Naming: the PDF sits beside its page, `<lang dir>/checklists/<id>/<id>-blank-<lang>.pdf`, e.g.
site/checklists/pre-post/pre-post-blank-ja.pdf and site/en/checklists/pre-post/pre-post-blank-en.pdf.
The checklist template links to exactly that name (`pdf_name`).

Chromium (Debian's /usr/bin/chromium) is a build dependency: without it `make_blank_pdfs`
raises PdfError, and the MkDocs hook turns that into a failed build. Usable without MkDocs:

    python -m wakesite.pdf site/        # (re)make every checklist's PDFs in a built site
"""
from __future__ import annotations

import argparse
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .localserver import serve

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Chromium from opening background connections to other hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
TIMEOUT_MS = 30_000


class PdfError(RuntimeError):
    """A PDF could not be made; the message says what to do."""


@dataclass(frozen=True)
class PdfPage:
    """One PDF to make: the page at `url_path` (relative to the served root) → `output` file."""

    url_path: str
    output: Path


def pdf_name(checklist_id: str, lang: str) -> str:
    return f"{checklist_id}-blank-{lang}.pdf"


def checklist_pages(served_root: Path, checklist_ids: list[str], lang: str, lang_prefix: str = "") -> list[PdfPage]:
    """The PDFs of every checklist in one language. `lang_prefix` is '' for the default
    language (built at /) and e.g. 'en/' for the others (built at /en/)."""
    pages = []
    for checklist_id in checklist_ids:
        url_path = f"{lang_prefix}checklists/{checklist_id}/"
        pages.append(PdfPage(url_path, served_root / url_path / pdf_name(checklist_id, lang)))
    return pages


def _check_chromium(chromium: Path) -> None:
    if not chromium.exists():
        raise PdfError(f"{chromium} not found: the checklist PDFs are printed by Chromium, a build dependency. "
                       "Install Debian's chromium (apt-get install chromium; python3 scripts/test.py does it as root), "
                       "or use `mkdocs serve`, which skips the PDFs.")


def _render(served_root: Path, pages: list[PdfPage], chromium: Path) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    made = []
    with serve(served_root) as base, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            raise PdfError(f"Chromium at {chromium} did not start: {error}") from None
        try:
            context = browser.new_context(locale="ja-JP", java_script_enabled=True)
            # Only the local server: anything else would be a request to another host.
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            for job in pages:
                if not (served_root / job.url_path / "index.html").exists():
                    raise PdfError(f"no page to print for {job.output.name}: {served_root / job.url_path / 'index.html'} "
                                   "is missing from the built site")
                response = page.goto(f"{base}{job.url_path}?print=blank", wait_until="load")
                if response is None or not response.ok:
                    raise PdfError(f"{job.url_path}: the built page did not load ({response.status if response else 'no response'})")
                try:
                    page.wait_for_selector("form.wk-checklist.wk-cl--blank[data-wk-ready]", state="attached",
                                           timeout=TIMEOUT_MS)
                except PlaywrightError:
                    raise PdfError(f"{job.url_path}: checklist.js did not prepare the blank sheet "
                                   "(is assets/javascripts/checklist.js in mkdocs.yml extra_javascript?)") from None
                page.evaluate("document.fonts.ready")
                page.emulate_media(media="print")
                job.output.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(job.output), format="A4", print_background=True, prefer_css_page_size=True)
                made.append(job.output)
        finally:
            browser.close()
    return made


def make_blank_pdfs(served_root: Path, pages: list[PdfPage], chromium: Path = CHROMIUM) -> list[Path]:
    """Print each page in `pages` (served from `served_root`) as a blank A4 PDF; returns the files.

    Runs Playwright in a thread of its own, so it works even when the caller already runs an
    asyncio loop or another Playwright session (a test, `mkdocs serve`)."""
    _check_chromium(chromium)
    if not pages:
        return []
    result: dict[str, object] = {}

    def run():
        try:
            result["made"] = _render(Path(served_root), list(pages), chromium)
        except BaseException as error:  # handed back to the caller's thread
            result["error"] = error

    thread = threading.Thread(target=run, name="wakesite-pdf")
    thread.start()
    thread.join()
    if "error" in result:
        error = result["error"]
        if isinstance(error, PdfError):
            raise error
        raise PdfError(f"making the checklist PDFs failed: {error}") from error
    return result["made"]  # type: ignore[return-value]


_PDF_LINK = re.compile(r'<span class="wk-cl-pdf" data-wk-serve-note="([^"]*)">.*?</span>', re.DOTALL)


def without_pdf_links(html: str) -> str:
    """A page as `mkdocs serve` shows it: no PDFs are made there, so each PDF link (rendered as
    `<span class="wk-cl-pdf" data-wk-serve-note="…">`) becomes its note instead."""
    return _PDF_LINK.sub(lambda m: f'<span class="wk-cl-pdf wk-cl-pdf--serve">{m.group(1)}</span>', html)


def main(argv: list[str] | None = None) -> int:
    """Make the blank PDFs of every checklist in both languages of an already built site."""
    from .guideline import LANGS
    from .site import load_site

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build writes site/)")
    args = parser.parse_args(argv)
    ids = [c.id for c in load_site().checklists]
    pages = [page for lang in LANGS
             for page in checklist_pages(args.site_dir, ids, lang, "" if lang == LANGS[0] else f"{lang}/")]
    started = time.monotonic()
    try:
        made = make_blank_pdfs(args.site_dir, pages)
    except PdfError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in made:
        print(path)
    print(f"{len(made)} PDFs in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
