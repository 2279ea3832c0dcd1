"""The one browser of the project: Debian's Chromium, driven by Playwright (no browser download).

The build's PDF printer, the page crawl (accessibility, page health, privacy), the browser tests
and the benchmark all launch it here, with the same flags.

Which of Debian's two Chromium programs (one source package, one version): the headless shell
(package chromium-headless-shell), the browser without the desktop browser's shell around it, as
Playwright's own headless Chromium is. Its pages are the same Blink, fonts and print code:
the 16 checklist sheets printed by either are the same pixels (pdftoppm at 100 dpi), and pages
lay out box for box the same (tests/browser/test_whole_browser.py holds both). It costs far less
CPU: the whole suite took 430 CPU-s with it against 627 with /usr/bin/chromium, a first build
10.1 against 13.9 (2-CPU machine, 2026-12-07). The whole browser (WHOLE_BROWSER) stays for what
needs it: Lighthouse, and that comparison.
"""
from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium-headless-shell")  # Debian's launcher script
BINARY = Path("/usr/lib/chromium/chromium-headless-shell")  # the binary it runs (part of the PDF cache key)
WHOLE_BROWSER = Path("/usr/bin/chromium")  # Debian's desktop Chromium, run headless
# A build server and a test run must not phone out. The first flags turn off most background
# services (updates, sync, autofill, metrics), but Chromium 156 still tries a few Google hosts
# (component updates, the account list); the host-resolver rule makes every name but the loopback
# unresolvable inside the browser, so no DNS query and no connection leaves the machine
# (tests/browser/test_printer_network.py reads the browser's NetLog to prove it).
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--no-pings", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--metrics-recording-only", "--no-proxy-server",
    "--disable-features=AutofillServerCommunication,OptimizationHintsFetching,MediaRouter,Translate",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
    # Glyphs hinted as the desktop browser hints them here (fontconfig's default, hintslight); the
    # headless shell's own default (full) set text up to half a pixel narrower or wider.
    "--font-render-hinting=slight",
]
# One renderer process for every tab of a browser context (by default each new tab starts its own:
# about 0.1 s of CPU a tab, measured on the 2-CPU machine). For a driver that works in one tab at
# a time, such as a test; not for the PDF printer, whose pages print side by side.
ONE_RENDERER = ["--renderer-process-limit=1", "--disable-site-isolation-trials"]
INSTALL_HINT = ("install Debian's chromium (apt-get install chromium chromium-headless-shell; "
                "python3 scripts/test.py does it as root)")


class ChromiumMissing(RuntimeError):
    pass


def launch(playwright, chromium: Path = CHROMIUM, netlog: Path | None = None, one_renderer: bool = False):
    """A headless Chromium browser from `playwright` (sync or async API: await the result of the
    latter); ChromiumMissing without one. `netlog`: Chromium writes there every host it looks up
    or connects to (NetLog), for tests that prove it talks to no one. `one_renderer`: tabs share
    one renderer process (ONE_RENDERER)."""
    if not chromium.exists():
        raise ChromiumMissing(f"{chromium} not found: {INSTALL_HINT}")
    args = ARGS + (ONE_RENDERER if one_renderer else []) + ([f"--log-net-log={netlog}"] if netlog else [])
    return playwright.chromium.launch(executable_path=str(chromium), args=args)
