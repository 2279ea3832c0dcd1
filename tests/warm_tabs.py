"""Browser tabs for the tests, opened in warm browser contexts.

A new browser context for each test cost 0.8 s of CPU for its first page (a renderer process
started and warmed up: scripts compiled, fonts loaded); a new tab in a context that is kept open,
with one blank tab that keeps its renderer alive, costs 0.35 s (measured on the 2-CPU machine,
/checklists/pre-post/, 2026-12-07). The suite opens several hundred tabs. The tests' browser also
gives all tabs of a context one renderer process (wakesite.chromium.ONE_RENDERER): a new tab
started a process of its own, and a visit in a new tab took 0.51 CPU-s instead of 0.40.

What a test leaves in the context is cleared before the next one: every tab it opened is closed
(sessionStorage is a tab's own), and the storage of every origin it requested (localStorage,
IndexedDB, cookies, caches of the Cache API, service workers) and the permissions it granted are
cleared. Kept: the HTTP cache and the renderer's memory cache. A test that counts the requests of a
first visit, or changes the context itself (an init script, a route on the context), takes a
context of its own (the `fresh_page` fixture, or browser.new_context()).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

VIEWPORT = {"width": 1280, "height": 900}


@dataclass
class _Warm:
    context: object
    keeper: object  # the blank tab that keeps the renderer warm
    cdp: object  # the keeper's DevTools session: Storage.clearDataForOrigin in this context
    origins: set[str] = field(default_factory=set)


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None


class WarmTabs:
    """One warm context per kind of tab (the browser's locale, and the script every page of the
    kind runs first, such as print() answered), made when first asked for."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self._warm: dict[tuple[str, str | None], _Warm] = {}

    def _context(self, locale: str, init_script: str | None) -> _Warm:
        key = (locale, init_script)
        if key not in self._warm:
            context = self.browser.new_context(viewport=VIEWPORT, locale=locale)
            if init_script:
                context.add_init_script(init_script)
            keeper = context.new_page()
            warm = _Warm(context, keeper, context.new_cdp_session(keeper))
            context.on("request", lambda request: warm.origins.add(_origin(request.url)))
            self._warm[key] = warm
        return self._warm[key]

    @contextmanager
    def tab(self, locale: str = "ja-JP", init_script: str | None = None, viewport: dict | None = None):
        """A new tab for one test; what the test left in its context is cleared after it."""
        warm = self._context(locale, init_script)
        page = warm.context.new_page()
        if viewport and viewport != VIEWPORT:
            page.set_viewport_size(viewport)
        try:
            yield page
        finally:
            self._clear(warm)

    def _clear(self, warm: _Warm) -> None:
        for tab in warm.context.pages:
            if tab is not warm.keeper:
                tab.close()
        for origin in sorted(filter(None, warm.origins)):
            warm.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        warm.origins.clear()
        warm.context.clear_cookies()
        warm.context.clear_permissions()

    def close(self) -> None:
        for warm in self._warm.values():
            warm.context.close()
