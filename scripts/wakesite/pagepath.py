"""Page addresses and the files that hold them, in a built site: 'policy/' is policy/index.html,
'' the home page, '404.html' itself. One definition for the generator, the checks and the tests."""
from __future__ import annotations

from pathlib import Path

INDEX = "index.html"


def file_of(site_dir: Path, page: str) -> Path:
    """'en/policy/' → site_dir/en/policy/index.html; '' → site_dir/index.html; '404.html' as it is."""
    if page and not page.endswith("/"):
        return Path(site_dir) / page
    return Path(site_dir) / page / INDEX


def page_of(file: str) -> str:
    """'policy/index.html' → 'policy/', 'index.html' → '', '404.html' stays (a path inside the site)."""
    return file[: -len(INDEX)] if file == INDEX or file.endswith("/" + INDEX) else file
