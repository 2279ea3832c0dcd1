"""The one way the project runs git: the generator (the 新旧対照表 reads earlier editions at their
tags; the link-rot guard and the checks of a release read the published branch) and
scripts/release.py (which writes the branch and the tag) call it here."""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(RuntimeError):
    pass


def completed(repo: Path, *args: str, input: str | None = None, own_group: bool = False,
              text: bool = True) -> subprocess.CompletedProcess:
    """`git -C repo ARGS`, finished, whatever its exit status. `own_group`: in a process group of
    its own, so that a Ctrl-C or a hang-up sent to the terminal's group does not stop it half-way."""
    return subprocess.run(["git", "-C", str(repo), *args], input=input, capture_output=True, text=text,
                          process_group=0 if own_group else None)


def run(repo: Path, *args: str, error: type[Exception] = GitError, input: str | None = None,
        own_group: bool = False) -> str:
    """`git -C repo ARGS`'s output; on failure `error` with git's own message."""
    result = completed(repo, *args, input=input, own_group=own_group)
    if result.returncode != 0:
        raise error(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def archive(repo: Path, ref: str) -> bytes:
    """The tree of `ref` as a tar archive (`git archive`: symlinks kept)."""
    result = completed(repo, "archive", "--format=tar", ref, text=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git archive {ref} failed")
    return result.stdout


def has_ref(repo: Path, ref: str) -> bool:
    return completed(repo, "rev-parse", "--verify", "--quiet", ref).returncode == 0
