"""Project set-up shared by scripts/serve.py and scripts/test.py (standard library only).

It makes `.venv` from requirements.lock (exact versions, hashes checked), links the project's
Python package (scripts/wakesite) into it, and installs or finds the Debian packages that the
build and the browser tests need. Every step is skipped when it is already done.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".requirements.lock.sha256"
SYSTEM_PACKAGES = ROOT / "scripts" / "system-packages.txt"
CHROMIUM = Path("/usr/bin/chromium")


class SetupError(RuntimeError):
    """A set-up step failed; the message says which and what to do."""


def _say(message: str) -> None:
    print(f"[setup] {message}", flush=True)


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_python_env() -> None:
    if sys.version_info[:2] != (3, 11):
        raise SetupError(f"Python 3.11 is required, this is {sys.version.split()[0]} ({sys.executable})")
    if not venv_python().exists():
        _say(f"creating {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        _say("installing the locked Python packages (requirements.lock, hashes checked)")
        subprocess.run(
            [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--require-hashes", "--no-deps", "-r", str(LOCK)],
            check=True,
        )
        STAMP.write_text(digest + "\n")
    # The project's own package lives in scripts/wakesite; a .pth file puts scripts/ on the
    # venv's import path so hooks, tests and scripts import the same code without an install.
    site_packages = next((VENV / "lib").glob("python3.11/site-packages"))
    pth = site_packages / "wakesite-project.pth"
    wanted = str(ROOT / "scripts") + "\n"
    if not pth.exists() or pth.read_text() != wanted:
        pth.write_text(wanted)


def _missing_system_packages() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append("chromium")
    fonts = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True) \
        if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        missing.append("fonts-noto-cjk")
    if shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None:
        missing.append("poppler-utils")
    return missing


def ensure_system_packages() -> None:
    """Chromium (build-time PDFs, browser tests), Japanese fonts and poppler (PDF checks)."""
    missing = _missing_system_packages()
    if not missing:
        return
    wanted = SYSTEM_PACKAGES.read_text().split()
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise SetupError(
            "missing system packages: " + ", ".join(missing)
            + f". Install them as root: apt-get install {' '.join(wanted)}"
        )
    _say("installing Debian packages: " + " ".join(wanted))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *wanted], check=True, env=env)
    still = _missing_system_packages()
    if still:
        raise SetupError("apt-get finished but these are still missing: " + ", ".join(still))


def run_in_venv(args: list[str]) -> int:
    """Replace this process with a command from .venv/bin (so Ctrl-C reaches it directly)."""
    exe = VENV / "bin" / args[0]
    os.chdir(ROOT)
    os.execv(str(exe), [str(exe), *args[1:]])
    return 0  # not reached
