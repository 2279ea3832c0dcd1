"""A built site served on 127.0.0.1 (a free port) for the length of a `with` block.

The build's PDF printer, the accessibility report, the benchmark and the browser tests all use
this one server, so they see the site the same way a browser would (never over file://).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Text a production web server would send gzip-compressed (GitHub Pages, nginx, Apache all do).
_COMPRESSIBLE = ("text/html", "text/css", "text/javascript", "application/javascript",
                 "application/json", "application/xml", "text/xml", "image/svg+xml", "text/plain")


class _CompressingHandler(_QuietHandler):
    """Like production hosting: text files go out gzip-compressed when the browser accepts it.

    The benchmark uses it so that Lighthouse and the byte counts see what a visitor would download.
    HTTP/1.1 keeps connections open between requests, as any production server does.
    """

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or not self.guess_type(str(path)).startswith(_COMPRESSIBLE)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(os.stat(path).st_mtime)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser dropping a connection it no longer needs is not a failure


@contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Yield the base URL ('http://127.0.0.1:PORT/') of `directory` served over HTTP.

    compress: send text gzip-compressed, as production hosting does.
    """
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
