"""Regenerate requirements.lock (every package, exact version, sha256 hashes) from pyproject.toml.

Run after changing a pin in pyproject.toml:  python3 scripts/lock.py
Uses the uv that set-up installs into .venv (uv==0.13.8 is pinned in the lock itself: set-up
installs the lock with it), or one on PATH.

The lock is resolved once for all the supported Python versions (`--universal`, with the lowest
one as the lower bound), so the same file installs on each of them: a package that only some
versions need carries an environment marker (`; python_full_version < '3.13'`), and every
package lists the hashes of all its published files (each version's wheels and the sdist).
uv keeps the versions already in requirements.lock unless a pin in pyproject.toml asks otherwise.
The supported versions are devenv.SUPPORTED_PYTHONS; this script stops when pyproject.toml's
requires-python says something else.
"""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import devenv

ROOT = Path(__file__).resolve().parent.parent


def uv_command(uv: str) -> list[str]:
    """The exact command that made the committed requirements.lock."""
    return [uv, "pip", "compile", "pyproject.toml", "--universal", "--generate-hashes",
            "--python-version", devenv.version_text(devenv.SUPPORTED_PYTHONS[0]),
            "--no-header", "--quiet", "-o", "requirements.lock"]


def main() -> int:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # The uv that wrote the lock is the one pinned in it (one place for the version).
    uv_version = next(d.split("==", 1)[1] for d in pyproject["project"]["dependencies"] if d.startswith("uv=="))
    declared = pyproject["project"]["requires-python"]
    if declared != devenv.requires_python():
        print(f"scripts/lock.py: pyproject.toml has requires-python = {declared!r} but scripts/devenv.py "
              f"supports Python {devenv.supported_text()} ({devenv.requires_python()!r}); make them agree",
              file=sys.stderr)
        return 2
    # The project's own uv (set-up installs the pinned one into .venv), else one on PATH.
    uv = str(devenv.VENV / "bin" / "uv") if (devenv.VENV / "bin" / "uv").exists() else shutil.which("uv")
    if uv is None:
        print(f"scripts/lock.py: no uv: run `python3 scripts/test.py` once (it installs uv=={uv_version} "
              f"into .venv), or pip install uv=={uv_version}", file=sys.stderr)
        return 2
    found = subprocess.run([uv, "--version"], capture_output=True, text=True).stdout.split()
    if found[1:2] != [uv_version]:
        print(f"scripts/lock.py: warning: this is {' '.join(found) or uv}, the lock was made with "
              f"uv {uv_version}; another version may write it differently", file=sys.stderr)
    return subprocess.call(uv_command(uv), cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
