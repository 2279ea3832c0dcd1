"""A release is all or nothing whatever happens to its process.

The project's files are copied into a throw-away git repository (as tests/browser/test_release.py
does) and `scripts/release.py 1.0` is started in a session of its own. At one of several moments
(it says it deploys; mike is building, its temporary config `mike-mkdocs*.yml` written in the
project root; mike is done and the release checks the temporary branch) it is sent a signal:

- SIGTERM, SIGINT and SIGHUP (a closed terminal, a dropped SSH session) it catches: it fails and
  says so, and leaves the repository exactly as before (no gh-pages, no tag edition-1.0, no
  temporary branch, a clean work tree, no process it started);
- SIGKILL it cannot catch. Once what it had started (mike, finishing its build) has ended on its
  own, gh-pages and the tag are still not there: mike wrote only into the temporary branch (before,
  it committed an unchecked edition to gh-pages 25 s later, without the root index.html, and the
  tag stayed). The next release removes what is left and says so; one full release after a kill
  then publishes the edition whole.

Every wait is for a condition (a line of output, a file, the end of a process), never for a time;
TIMEOUT only keeps a broken release from hanging the run.
"""
from __future__ import annotations

import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from support import RELEASE_SITE_URL as SITE_URL, project_repository

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


class Release:
    """`scripts/release.py ARGS` in a session of its own, its output read as it comes."""

    def __init__(self, repo: Path, *args: str):
        self.repo, self.token = repo, uuid.uuid4().hex
        self.deadline = time.monotonic() + TIMEOUT
        self.process = subprocess.Popen([sys.executable, "scripts/release.py", *args], cwd=repo,
                                        env=_environment(self.token), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.stdout, self.stderr = queue.Queue(), queue.Queue()
        self.readers = [threading.Thread(target=_lines_into, args=(self.process.stdout, self.stdout), daemon=True),
                        threading.Thread(target=_lines_into, args=(self.process.stderr, self.stderr), daemon=True)]
        for reader in self.readers:
            reader.start()
        self.seen: list[str] = []

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def wait_for_line(self, start: str) -> None:
        while not (self.seen and self.seen[-1].startswith(start)):
            line = self.stdout.get(timeout=self.left())
            assert line is not None, f"the release ended before it said {start!r}:\n" + "".join(self.seen)
            self.seen.append(line)

    def wait_for_mike_config(self) -> None:
        while not list(self.repo.glob("mike-mkdocs*.yml")):
            try:  # yields to the release for a moment; returns only if it ended
                self.process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                assert time.monotonic() < self.deadline, "mike did not start"
                continue
            pytest.fail("the release ended before mike wrote its config:\n" + "".join(self.seen))

    def finish(self) -> tuple[str, str]:
        """Wait for the end of the release; what it printed (stdout, stderr)."""
        self.process.wait(timeout=self.left())
        for reader in self.readers:
            reader.join(timeout=self.left())
        return "".join(self.seen + list(iter(self.stdout.get_nowait, None))), "".join(iter(self.stderr.get_nowait, None))

    def wait_for_what_it_started(self) -> None:
        """Wait until every process the release started has ended on its own (after a SIGKILL they
        go on as orphans): each is waited for through a pidfd, which becomes readable when it ends."""
        while processes := processes_of(self.process, self.token):
            for line in processes:
                try:
                    descriptor = os.pidfd_open(int(line.split(":")[0]))
                except ProcessLookupError:
                    continue
                try:
                    ready, _, _ = select.select([descriptor], [], [], self.left())
                    assert ready, f"still running at the deadline: {line}"
                finally:
                    os.close(descriptor)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        _kill_leftovers(self.process, self.token)


MOMENTS = {
    "deploying": "it says it deploys (mike starts)",
    "building": "mike builds (its config is written)",
    "checking": "mike is done; the temporary branch is being checked",
}


def _reach(release: Release, moment: str) -> None:
    if moment == "checking":
        release.wait_for_line("checking what wakesite-release/gh-pages-")
        return
    release.wait_for_line("deploying edition 1.0 with mike")
    if moment == "building":
        release.wait_for_mike_config()


def _repository_state(repo: Path) -> dict:
    return {
        "gh-pages": _ref(repo, "refs/heads/gh-pages"),
        "tag edition-1.0": _ref(repo, "refs/tags/edition-1.0"),
        "temporary branches": _git(repo, "for-each-ref", "--format=%(refname)", "refs/heads/wakesite-release/").stdout.split(),
        "git status": _git(repo, "status", "--porcelain", "--untracked-files=all").stdout.splitlines(),
    }


AS_BEFORE = {"gh-pages": None, "tag edition-1.0": None, "temporary branches": [], "git status": []}

CAUGHT = [(signal.SIGTERM, "building"), (signal.SIGINT, "building"),
          (signal.SIGHUP, "deploying"), (signal.SIGHUP, "building"), (signal.SIGHUP, "checking")]


@pytest.mark.parametrize("signum, moment", CAUGHT, ids=[f"{s.name}-{m}" for s, m in CAUGHT])
def test_a_caught_signal_leaves_the_repository_as_it_was(repo, signum, moment):
    release = Release(repo, "1.0")
    try:
        _reach(release, moment)
        release.process.send_signal(signum)  # `kill -TERM <pid>`, `kill -INT …`, `kill -HUP …`
        _, errors = release.finish()
        name = signal.Signals(signum).name
        after = {
            "exit status": release.process.returncode,
            "says it was interrupted and rolled back":
                f"release: interrupted by {name}; nothing was published (gh-pages and the tag are as they were)"
                in errors,
            **_repository_state(repo),
            "processes left": processes_of(release.process, release.token),
        }
        assert after == {"exit status": 128 + signum, "says it was interrupted and rolled back": True,
                         **AS_BEFORE, "processes left": []}, f"stderr:\n{errors}"
    finally:
        release.stop()


# Killed while mike builds: test_a_release_after_a_killed_one_publishes_the_edition_whole (the
# orphan's full build is waited for once, not twice). Killed while the release checks what mike
# built: the same state as there once the orphan has finished (mike's deploy on the temporary
# branch, nothing running, nothing published), which that test holds and has the next release
# clear; so not run again here (a full build each).
KILLED_AT = [moment for moment in MOMENTS if moment not in ("building", "checking")]


@pytest.mark.parametrize("moment", KILLED_AT, ids=KILLED_AT)
def test_a_killed_release_publishes_nothing_and_the_next_one_clears_what_it_left(repo, moment):
    killed = Release(repo, "1.0")
    try:
        _reach(killed, moment)
        killed.process.kill()  # SIGKILL: no handler runs
        killed.process.wait(timeout=killed.left())
        killed.wait_for_what_it_started()  # mike, left running, finishes (into the temporary branch)
        state = _repository_state(repo)
        assert (state["gh-pages"], state["tag edition-1.0"]) == (None, None), state

        # The next release (here one that then stops at a wrong label) removes what was left.
        nxt = Release(repo, "9.9")
        output, errors = nxt.finish()
        if state["temporary branches"]:
            assert f"the temporary branch {state['temporary branches'][0].removeprefix('refs/heads/')}" in output
        assert "label is '1.0', not '9.9'" in errors, errors
        assert _repository_state(repo) == AS_BEFORE, output + errors
        assert processes_of(killed.process, killed.token) == []
    finally:
        killed.stop()


def test_a_release_after_a_killed_one_publishes_the_edition_whole(repo):
    """The issue's case: SIGKILL while mike builds; its orphan once committed 1.0 and latest to
    gh-pages without the root index.html and left the tag, so the next release said "already
    published". Now the orphan publishes nothing, and the next release clears what it left and
    publishes the edition whole."""
    killed = Release(repo, "1.0")
    try:
        _reach(killed, "building")
        killed.process.kill()
        killed.process.wait(timeout=killed.left())
        killed.wait_for_what_it_started()  # mike, left running, finishes (into the temporary branch)
        state = _repository_state(repo)
        assert (state["gh-pages"], state["tag edition-1.0"]) == (None, None), state
        assert len(state["temporary branches"]) == 1, state  # mike's deploy: there and nowhere else
        assert processes_of(killed.process, killed.token) == []

        nxt = Release(repo, "1.0")
        output, errors = nxt.finish()
        assert nxt.process.returncode == 0, output + errors
        # What the orphan left is removed, and said so.
        assert f"the temporary branch {state['temporary branches'][0].removeprefix('refs/heads/')}" in output
        tree = _git(repo, "ls-tree", "--name-only", "gh-pages").stdout.split()
        assert {"1.0", "latest", "index.html", "versions.json"} <= set(tree), tree
        assert _ref(repo, "refs/tags/edition-1.0^{commit}") == _ref(repo, "HEAD")
        assert _repository_state(repo)["temporary branches"] == []
    finally:
        killed.stop()


def test_a_release_refuses_a_branch_checked_out_in_another_worktree(repo, tmp_path):
    """git would move the branch under that worktree's files: it then showed 16 staged changes
    that would undo the release."""
    _git(repo, "branch", "gh-pages", "main")
    _git(repo, "worktree", "add", str(tmp_path / "pages"), "gh-pages")
    release = Release(repo, "1.0")
    output, errors = release.finish()
    assert release.process.returncode == 1
    assert f"release: gh-pages is checked out in the worktree {tmp_path / 'pages'}: the release would move it" in errors
    assert _ref(repo, "refs/heads/gh-pages") == _ref(repo, "main") and _ref(repo, "refs/tags/edition-1.0") is None
