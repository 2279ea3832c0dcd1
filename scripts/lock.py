"""Regenerate requirements.lock (every package, exact version, sha256 hashes) from pyproject.toml.

Run after changing a pin in pyproject.toml:  python3 scripts/lock.py
Needs `uv` (a developer tool, not a project dependency): pip install uv==0.13.8
"""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    uv = shutil.which("uv")
    if uv is None:
        print("scripts/lock.py: `uv` is not on PATH; install it with: pip install uv==0.13.8", file=sys.stderr)
        return 2
    return subprocess.call(
        [uv, "pip", "compile", "pyproject.toml", "--generate-hashes", "--python-version", "3.11",
         "--python-platform", "x86_64-unknown-linux-gnu", "--no-header", "--quiet",
         "-o", "requirements.lock"],
        cwd=ROOT,
    )


if __name__ == "__main__":
    sys.exit(main())
