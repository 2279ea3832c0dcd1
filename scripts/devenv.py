"""Project set-up shared by scripts/serve.py and scripts/test.py (standard library only).

It makes `.venv` from requirements.lock (exact versions, hashes checked), installs the project's
own Python package (the generator, scripts/wakesite) into it in editable mode, and installs or
finds the Debian packages that the build and the browser tests need. Every step is skipped when it
is already done.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from wakesite import printfonts  # the fonts everything printed names (set-up checks they are installed)
from wakesite.chromium import CHROMIUM, WHOLE_BROWSER  # Debian's two Chromium programs (set-up checks both)

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".requirements.lock.sha256"
PYPROJECT = ROOT / "pyproject.toml"
PROJECT_STAMP = VENV / ".project.sha256"  # the editable install: of which checkout, with which pyproject.toml
SYSTEM_PACKAGES = ROOT / "scripts" / "system-packages.txt"
# The Python versions (major, minor) the project runs on; pyproject.toml's requires-python
# must say the same (scripts/lock.py checks it, and resolves requirements.lock for all of them).
SUPPORTED_PYTHONS = ((3, 11), (3, 12), (3, 13))


class SetupError(RuntimeError):
    """A set-up step failed; the message says which and what to do."""


# The engine that builds and serves the site: the one setting used by the tests, scripts/serve.py,
# scripts/benchmark.py and scripts/accessibility_report.py. Both are in requirements.lock and read
# the same mkdocs.yml: MkDocs 1.6.1 (frozen: its last 1.x release) and ProperDocs, the MkDocs 1.6
# fork kept by MkDocs' former maintainers (tests/build/test_engines.py builds the site with the
# other one and checks that it comes out the same). WAKESITE_ENGINE=properdocs picks it for a run.
# mike (scripts/release.py) reads mkdocs.yml with MkDocs (mike 2.2.0 imports `mkdocs`) and builds with
# `properdocs` from PATH whenever ProperDocs is installed, as it is here.
ENGINE = "mkdocs"
ENGINES = ("mkdocs", "properdocs")
ENGINE_VARIABLE = "WAKESITE_ENGINE"


def engine() -> str:
    """The engine of this run: WAKESITE_ENGINE if it is set (and not empty), else ENGINE."""
    name = os.environ.get(ENGINE_VARIABLE, "").strip() or ENGINE
    if name not in ENGINES:
        raise SetupError(f"{ENGINE_VARIABLE}={name!r} is not an engine this project builds with: "
                         f"set it to {' or '.join(ENGINES)}, or unset it (default: {ENGINE})")
    return name


def engine_command(python: str | os.PathLike | None = None, name: str | None = None) -> list[str]:
    """The command prefix that runs the engine, e.g. [python, '-m', 'mkdocs']: add 'build' or
    'serve' and their options. `python` defaults to the running one (sys.executable)."""
    if name is None:
        name = engine()
    elif name not in ENGINES:
        raise SetupError(f"unknown engine {name!r}: {' or '.join(ENGINES)}")
    return [str(python or sys.executable), "-m", name]


def build_env(project: str | os.PathLike, base: dict | None = None) -> dict:
    """The environment for a build of the project at `project` with its own generator: its
    scripts/ first on the import path. The .venv's editable install is of one checkout; a release
    of a tree (its working tree, a test's copy of the project) publishes what that tree's own
    generator makes, not what the checkout that made the .venv would make of its data."""
    env = dict(os.environ if base is None else base)
    scripts = str(Path(project).resolve() / "scripts")
    env["PYTHONPATH"] = os.pathsep.join([scripts, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _say(message: str) -> None:
    print(f"[setup] {message}", flush=True)


def venv_python() -> Path:
    return VENV / "bin" / "python"


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def supported_text() -> str:
    """'3.11, 3.12 and 3.13'"""
    names = [version_text(version) for version in SUPPORTED_PYTHONS]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def requires_python() -> str:
    """pyproject.toml's requires-python for SUPPORTED_PYTHONS (scripts/lock.py checks that they agree)."""
    (major, lowest), (_, highest) = SUPPORTED_PYTHONS[0], SUPPORTED_PYTHONS[-1]
    assert SUPPORTED_PYTHONS == tuple((major, minor) for minor in range(lowest, highest + 1))
    return f">={major}.{lowest},<{major}.{highest + 1}"


def _venv_version() -> tuple[int, int] | None:
    """The Python version (major, minor) that made .venv, or None when that cannot be told
    (no venv, no usable interpreter in it): from pyvenv.cfg's version_info or version, else
    by asking the venv's own python."""
    if not venv_python().exists():  # also false for a dangling link to a removed interpreter
        return None
    config = VENV / "pyvenv.cfg"
    if config.exists():
        values = {}
        for line in config.read_text(encoding="utf-8", errors="replace").splitlines():
            key, sep, value = line.partition("=")
            if sep:
                values[key.strip()] = value.strip()
        for key in ("version_info", "version"):
            parts = values.get(key, "").split(".")
            if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
                return int(parts[0]), int(parts[1])
    try:
        answer = subprocess.run(
            [str(venv_python()), "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True, text=True, timeout=60,
        )
        major, minor = answer.stdout.split()
        return int(major), int(minor)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def _create_venv(why: str) -> None:
    """Make .venv afresh (clear=True) with the Python running this script."""
    _say(f"{why} {VENV.relative_to(ROOT)} with Python {sys.version.split()[0]} ({sys.executable})")
    STAMP.unlink(missing_ok=True)  # clear=True removes it too; this also covers a failed creation
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    except (OSError, subprocess.CalledProcessError) as error:
        shutil.rmtree(VENV, ignore_errors=True)  # a half-made .venv would be taken as ready next time
        raise SetupError(
            f"could not create {VENV.relative_to(ROOT)} with {sys.executable} ({error}); on Debian, "
            f"install Python's venv module first: apt-get install python3-venv "
            f"(or python{version_text(sys.version_info[:2])}-venv)"
        ) from error


def lock_entry(name: str) -> str:
    """The lines of requirements.lock that pin `name`: its version and every hash."""
    lines, taking = [], False
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            taking = line.split("==", 1)[0].strip().lower() == name
        if taking and not line.lstrip().startswith("#"):
            lines.append(line)
    if not lines:
        raise SetupError(f"{LOCK.name} has no entry for {name}")
    return "\n".join(lines) + "\n"


def _install_lock() -> None:
    """Install requirements.lock into .venv with uv, which the lock pins too: pip installs only
    uv (from its entry in the lock, hashes checked), uv the rest (several times faster than pip,
    which installs one package after another). The packages are compiled to bytecode as they are
    installed (`--compile-bytecode`): uv does not otherwise write .pyc files, and where
    PYTHONDONTWRITEBYTECODE is set (as on the machine this was measured on) every build, serve and test process
    compiled every module it imported again, about a fifth of a rebuild's time (scripts/benchmark.py's
    profile)."""
    pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
           "--require-hashes", "--no-deps"]
    with tempfile.TemporaryDirectory(prefix="wakesite-setup-") as tmp:
        uv_only = Path(tmp) / "uv.txt"
        uv_only.write_text(lock_entry("uv"), encoding="utf-8")
        subprocess.run([*pip, "-r", str(uv_only)], check=True)
    subprocess.run([str(VENV / "bin" / "uv"), "pip", "install", "--quiet", "--python", str(venv_python()),
                    "--require-hashes", "--no-deps", "--compile-bytecode", "-r", str(LOCK)], check=True)


def ensure_python_env() -> None:
    running = sys.version_info[:2]
    if running not in SUPPORTED_PYTHONS:
        raise SetupError(
            f"this is Python {sys.version.split()[0]} ({sys.executable}); the project supports Python "
            f"{supported_text()}: run the command with one of those (e.g. python3.13 instead of python3)"
        )
    # The venv must come from the Python that runs this script: one made by another version has
    # that version's site-packages and compiled wheels, so it is made again, empty.
    made_by = _venv_version()
    if made_by is None:
        _create_venv("creating" if not VENV.exists()
                     else f"{VENV.relative_to(ROOT)} has no working python: recreating")
    elif made_by != running:
        _create_venv(f"{VENV.relative_to(ROOT)} was made by Python {version_text(made_by)}, this is "
                     f"Python {version_text(running)}: recreating")
    made_by = _venv_version()
    if made_by != running:
        raise SetupError(f"{VENV} should now be a Python {version_text(running)} environment but is not; "
                         f"delete it and run the command again")
    # The stamp names the lock's content and the venv's Python version, so a venv remade by hand
    # with another Python never counts as installed.
    stamp = hashlib.sha256(LOCK.read_bytes()).hexdigest() + f" python{version_text(made_by)}"
    if not STAMP.exists() or STAMP.read_text().strip() != stamp:
        _say("installing the locked Python packages (requirements.lock, hashes checked)")
        _install_lock()
        STAMP.write_text(stamp + "\n")
    _install_project(version_text(made_by))


def _install_project(python_version: str) -> None:
    """The project's own package (scripts/wakesite) installed into .venv in editable mode, with its
    metadata and entry points (the MkDocs plugin): made again when pyproject.toml changes or the
    checkout moves. Built by setuptools from the lock, without build isolation and offline, so
    nothing unpinned is fetched."""
    site_packages = VENV / "lib" / f"python{python_version}" / "site-packages"
    if not site_packages.is_dir():
        raise SetupError(f"{site_packages} is missing; delete {VENV} and run the command again")
    # Before the editable install, a hand-written .pth put scripts/ on the path: it would shadow nothing
    # now, but it named a checkout of its own.
    (site_packages / "wakesite-project.pth").unlink(missing_ok=True)
    stamp = hashlib.sha256(PYPROJECT.read_bytes()).hexdigest() + f" {ROOT}"
    if PROJECT_STAMP.exists() and PROJECT_STAMP.read_text().strip() == stamp:
        return
    _say("installing the project's package (scripts/wakesite) in editable mode")
    subprocess.run([str(VENV / "bin" / "uv"), "pip", "install", "--quiet", "--offline", "--python", str(venv_python()),
                    "--no-deps", "--no-build-isolation", "--editable", str(ROOT)], check=True)
    PROJECT_STAMP.write_text(stamp + "\n")


def _missing_system_packages() -> list[str]:
    missing = []
    if not WHOLE_BROWSER.exists():
        missing.append("chromium")
    if not CHROMIUM.exists():
        missing.append("chromium-headless-shell")
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout \
        if shutil.which("fc-list") else ""
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    if "Noto Sans CJK JP" not in families:  # what fontconfig sets Japanese in on screen (browser tests)
        missing.append("fonts-noto-cjk")
    for family, package in printfonts.PACKAGES.items():
        if family not in families and package not in missing:
            missing.append(package)
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
