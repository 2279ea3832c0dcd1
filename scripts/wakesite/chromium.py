"""The one browser of the project: Debian's Chromium, driven by Playwright (no browser download).

The build's PDF printer, the page crawl (accessibility, page health, privacy), the browser tests
and the benchmark all launch it here, with the same flags.
"""
from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Chromium from opening background connections to other hosts (updates, sync,
# Google services): a build server and a test run must not phone out.
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
INSTALL_HINT = "install Debian's chromium (apt-get install chromium; python3 scripts/test.py does it as root)"


class ChromiumMissing(RuntimeError):
    pass


def launch(playwright, chromium: Path = CHROMIUM):
    """A headless Chromium browser from `playwright` (sync API); ChromiumMissing without one."""
    if not chromium.exists():
        raise ChromiumMissing(f"{chromium} not found: {INSTALL_HINT}")
    return playwright.chromium.launch(executable_path=str(chromium), args=ARGS)
