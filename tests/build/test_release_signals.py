"""A release stopped by SIGTERM or SIGINT while mike builds is all or nothing.

The project's files are copied into a throw-away git repository (as tests/browser/test_release.py
does) and `scripts/release.py 1.0` is started in a session of its own. Once it says it is deploying
and mike has written its temporary config (`mike-mkdocs*.yml`, in the project root), the release
is sent the signal. Afterwards: it failed and said so, gh-pages and the tag edition-1.0 are not
there, the work tree is clean (no config file of mike's left), and no process it started is
alive. That is the repository exactly as before the release, so the next release finds what the
first found (a clean tree, no tag, nothing published) and goes ahead; a full release is not run
again here (tests/browser/test_release.py runs two).

Every wait is for a condition (a line of output, a file, the end of a process), never for a time;
TIMEOUT only keeps a broken release from hanging the run.
"""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from support import project_repository

SITE_URL = "https://example.org/sns/"  # no request goes there
TIMEOUT = 600  # s: a guard against hanging, not an expectation
MARKER = "WAKESITE_RELEASE_SIGNAL_TEST"  # in the environment of the release and of all it starts


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)


def _ref(repo: Path, name: str) -> str | None:
    return _git(repo, "rev-parse", "--verify", "--quiet", name).stdout.strip() or None


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """The project committed in a new repository, made once (each case works on a copy)."""
    return project_repository(tmp_path_factory.mktemp("signal-release-pristine"))


@pytest.fixture
def repo(pristine, tmp_path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(pristine, copy, symlinks=True)
    return copy


# ---- Processes, read from /proc ----

def _stat(pid: str) -> tuple[str, int, int] | None:
    """(state, process group, session) of a process; None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) "
    return fields[0], int(fields[2]), int(fields[3])


def _has_marker(pid: str, token: str) -> bool:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return False
    return f"{MARKER}={token}".encode() in environ.split(b"\0")


def _command(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def processes_of(release: subprocess.Popen, token: str) -> list[str]:
    """The living processes of the release: those of its session or process group (it was started
    in a new session), and any process it started that left them (they carry its marker)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        stat = _stat(pid)
        if stat is None or stat[0] in "ZX":  # gone, or dead and only waiting to be reaped
            continue
        if release.pid in stat[1:] or _has_marker(pid, token):
            found.append(f"{pid}: {_command(pid)[:160]}")
    return found


def _kill_leftovers(release: subprocess.Popen, token: str) -> None:
    """After a failed case: stop what the release left running (by pid: only its own processes)."""
    for line in processes_of(release, token):
        try:
            os.kill(int(line.split(":")[0]), signal.SIGKILL)
        except ProcessLookupError:
            pass


# ---- Running a release and interrupting it ----

def _environment(token: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return dict(env, SITE_URL=SITE_URL, **{MARKER: token})


def _lines_into(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)  # end of output


def _wait_for_mike(release: subprocess.Popen, repo: Path, stdout: queue.Queue, deadline: float) -> None:
    """Wait until the release says it deploys and mike has written its config (mike is running)."""
    seen = []
    while not (seen and seen[-1].startswith("deploying edition 1.0")):
        line = stdout.get(timeout=max(0.0, deadline - time.monotonic()))
        assert line is not None, "the release ended before it deployed:\n" + "".join(seen)
        seen.append(line)
    while not list(repo.glob("mike-mkdocs*.yml")):
        try:  # yields to the release for a moment; returns only if it ended
            release.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            assert time.monotonic() < deadline, "mike did not start"
            continue
        pytest.fail("the release ended before mike wrote its config:\n" + "".join(seen))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_mike_leaves_nothing_published_and_nothing_behind(repo, signum):
    token = uuid.uuid4().hex
    deadline = time.monotonic() + TIMEOUT
    release = subprocess.Popen([sys.executable, "scripts/release.py", "1.0"], cwd=repo, env=_environment(token),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    stdout, stderr = queue.Queue(), queue.Queue()
    readers = [threading.Thread(target=_lines_into, args=(release.stdout, stdout), daemon=True),
               threading.Thread(target=_lines_into, args=(release.stderr, stderr), daemon=True)]
    for reader in readers:
        reader.start()
    try:
        _wait_for_mike(release, repo, stdout, deadline)
        release.send_signal(signum)  # `kill -TERM <pid>` / `kill -INT <pid>`
        release.wait(timeout=max(0.0, deadline - time.monotonic()))
        for reader in readers:
            reader.join(timeout=max(0.0, deadline - time.monotonic()))
        errors = "".join(iter(stderr.get_nowait, None))

        name = signal.Signals(signum).name
        after = {
            "exit status": "0" if release.returncode == 0 else "non-zero",
            "says it was interrupted and rolled back":
                f"release: interrupted by {name}; nothing was published (gh-pages and the tag are as they were)"
                in errors,
            "gh-pages": _ref(repo, "refs/heads/gh-pages"),
            "tag edition-1.0": _ref(repo, "refs/tags/edition-1.0"),
            "git status": _git(repo, "status", "--porcelain", "--untracked-files=all").stdout.splitlines(),
            "processes left": processes_of(release, token),
        }
        assert after == {
            "exit status": "non-zero",
            "says it was interrupted and rolled back": True,
            "gh-pages": None,
            "tag edition-1.0": None,
            "git status": [],
            "processes left": [],
        }, f"exit status {release.returncode}, stderr:\n{errors}"
    finally:
        if release.poll() is None:
            release.kill()
            release.wait()
        _kill_leftovers(release, token)
