"""What a build reads comes from the project: no file of docs/, overrides/ or the data folders may
really be somewhere else.

MkDocs copies every file of docs/ and of the theme's custom_dir (overrides/) into the site, and
follows links to do it: docs/leak.css, a link to /etc/passwd, was published as /leak.css by a
strict build. The data folders are read by the generator (a data file linked to a secret was once
printed whole in the build's error). So before the build reads anything, every link under these
folders must lead to a file or folder of the project itself (a link between two of its own files is
fine); a link out, or one that leads nowhere, stops the build, named. Only the link's own path and
where it points are said, never what is there.
"""
from __future__ import annotations

import os
from pathlib import Path

# The folders a build reads, relative to the project (the folder of mkdocs.yml): the pages and
# data (docs/, docs/_data/ in it), the theme's changes (overrides/), the checklists. (The
# generator's templates are code: they are in its package, scripts/wakesite/templates/.)
BUILD_FOLDERS = ("docs", "overrides", "checklists")


def links_out(project: Path, folders: tuple[str, ...] | list[str] = BUILD_FOLDERS) -> list[str]:
    """Every link under `folders` (relative to `project`, or absolute) whose real path is outside
    `project`, or that leads nowhere (a missing target, a loop), as 'path: what is wrong'. Links that
    stay inside are followed (as MkDocs follows them), each real folder once."""
    root = Path(project).resolve()
    problems: list[str] = []
    seen: set[Path] = set()
    stack = [Path(project) / folder for folder in folders]
    while stack:
        path = stack.pop()
        if not (path.exists() or path.is_symlink()):
            continue
        if path.is_symlink():
            shown = _shown(path, project)
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):  # missing target, or a loop (RuntimeError before Python 3.13)
                problems.append(f"{shown}: a link that leads nowhere ({os.readlink(path)}); remove it")
                continue
            if not real.is_relative_to(root):
                problems.append(f"{shown}: a link to {real}, outside the project: a build reads and publishes only "
                                "the project's own files; copy the file in instead of linking to it")
                continue
        if path.is_dir():
            real = path.resolve()
            if real in seen:
                continue
            seen.add(real)
            try:
                stack.extend(sorted(path.iterdir(), reverse=True))
            except OSError as error:
                problems.append(f"{_shown(path, project)}: cannot be read ({error.strerror or error})")
    return problems


def _shown(path: Path, project: Path) -> str:
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return str(path)
