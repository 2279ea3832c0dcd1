"""The one way the generator reads git: the 新旧対照表 (earlier editions at their tags) and the
link-rot guard (the pages already published on the gh-pages branch) read a repository here."""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(RuntimeError):
    pass


def run(repo: Path, *args: str, error: type[Exception] = GitError) -> str:
    """`git -C repo ARGS`'s output; on failure `error` with git's own message."""
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise error(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def has_ref(repo: Path, ref: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", ref],
                          capture_output=True).returncode == 0
