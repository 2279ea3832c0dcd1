"""Build caches kept between builds on disk, and why each exists (scripts/benchmark.py measures
what they save):

- compiled templates (`jinja/`): every language build makes a new Jinja environment, and without
  it each one compiled Material's templates again, a third of the build's own time;
- printed checklist PDFs (`pdf/`): printing the 16 sheets with Chromium takes 6–11 s; a rebuild
  prints only the sheets whose page, styles, scripts or printer changed.

Each entry is keyed by the content of everything it depends on (a template's source; a PDF's
page, stylesheets, scripts and printer), so it is used only when it would come out the same.
Deleting the directory only makes the next build slower. What is published never depends on it:
scripts/release.py builds with caching off.

Not kept on disk: the site's data. It is checked on every build (0.14 s) and kept only in the
process (site.load_site, on the files' modification times, for `mkdocs serve`): a data file
loaded back from a cache directory would be trusted to say what is published.

Where: `.cache/` in the project, or the directory in $WAKESITE_CACHE_DIR (the tests and the
benchmark's cold build start from an empty one of their own); WAKESITE_CACHE_DIR=off turns
caching off.
"""
from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path

import jinja2

VARIABLE = "WAKESITE_CACHE_DIR"


def cache_dir(kind: str, project: Path) -> Path | None:
    """The directory for one kind of cached thing ('jinja', 'pdf') of the project at `project`
    (its .cache/, or $WAKESITE_CACHE_DIR), created; None when off."""
    setting = os.environ.get(VARIABLE, "")
    if setting.lower() == "off":
        return None
    path = (Path(setting) if setting else Path(project) / ".cache") / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=None)
def _bytecode_cache(directory: Path | None) -> jinja2.BytecodeCache | None:
    return jinja2.FileSystemBytecodeCache(str(directory)) if directory else None


def template_bytecode_cache(project: Path) -> jinja2.BytecodeCache | None:
    """Jinja's bytecode cache (keyed by each template's name and source checksum): Material's
    templates compile once, not once per language and build."""
    return _bytecode_cache(cache_dir("jinja", project))


class BuildBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for one build, when the disk cache is off (a release):
    each language's environment would compile Material's templates again. Jinja checks each
    entry against its template's source checksum, as it does the disk cache's; nothing outlives
    the build."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def build_bytecode_cache(project: Path) -> jinja2.BytecodeCache:
    """The bytecode cache of one build: the project's on disk, or, with caching off, one in memory."""
    return template_bytecode_cache(project) or BuildBytecodeCache()


def prune(directory: Path, pattern: str, days: int = 30) -> None:
    """Delete the entries of one cache not used (their time is refreshed on use) for `days`."""
    too_old = time.time() - days * 86400
    for entry in directory.glob(pattern):
        try:
            if entry.stat().st_mtime < too_old:
                entry.unlink()
        except OSError:
            pass  # another build got there first


def store_atomically(directory: Path, name: str, data: bytes) -> None:
    """Write an entry so that no reader ever sees it half-written."""
    partial = directory / f"{name}.{os.getpid()}.tmp"
    partial.write_bytes(data)
    os.replace(partial, directory / name)
