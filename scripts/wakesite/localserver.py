"""A built site served on 127.0.0.1 (a free port) for the length of a `with` block.

The build's PDF printer, the accessibility report, the benchmark and the browser tests all use
this one server, so they see the site the same way a browser would (never over file://).
"""
from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser dropping a connection it no longer needs is not a failure


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Yield the base URL ('http://127.0.0.1:PORT/') of `directory` served over HTTP."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
