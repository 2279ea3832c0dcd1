"""Publish an edition of the guideline with mike, into the LOCAL branch gh-pages. Never pushes.

    python3 scripts/release.py              # the edition docs/_data/edition.yml names (`label`)
    python3 scripts/release.py 1.1          # the same, saying which one you mean (must match)
    python3 scripts/release.py 1.1 --force  # publish again an edition already on gh-pages
    python3 scripts/release.py 1.1 --accept-stale-english  # publish with English still under review

Steps, stopping with a message that says what is wrong at the first problem:
  0. no other release runs in this repository (a lock in the git directory), and what a release
     that was stopped before it finished left behind is removed: its processes (mike, and the
     builds it started), its temporary branch, mike's config files in the project root;
  1. the work tree is clean (what is published is exactly a commit), and the branch is checked
     out in no worktree (moving it would leave that worktree's files out of step: git there
     would show the release as changes to undo);
  2. edition.yml names this edition as its `label` (the newest entry of `editions`); no clause's
     English is marked for review (guideline.yml en_review, written by `scripts/word.py import`)
     unless --accept-stale-english says to publish it so (the English pages then say that the
     English of those clauses is still being reviewed, and mark each);
  3. the edition's git tag (e.g. edition-1.1) does not exist, or already points at HEAD;
  4. the edition is not on gh-pages yet (--force to publish it again);
  5. `mike deploy --update-aliases <label> latest` and `mike set-default latest` into a TEMPORARY
     branch that starts where gh-pages is (wakesite-release/gh-pages-<run>), built with the
     build cache off (nothing published comes from a cache); the build must print no warning
     (as `mkdocs build --strict`);
  6. link-rot guard: every page path of the editions already published is in the new one, or
     has a redirect in docs/_data/redirects.yml (wakesite.linkrot);
  7. what the temporary branch publishes, read from the branch itself (wakesite.checks.published):
     every link of every edition resolves, none points at a loopback address, every PDF is one
     page, and the profile links (profile texts, accounts.json, JSON-LD, search index) are the
     stable policy address <SITE_URL>latest/policy/ (latest/en/policy/), which exists;
  8. publish: ONE ref update (`git update-ref --stdin`, all or nothing) moves gh-pages to the
     temporary branch's commit, creates the tag and deletes the temporary branch.
Nothing the release does is seen on gh-pages or in the tag before step 8, so a release is all or
nothing whatever happens to its process: a failure of 5–7, or SIGINT (Ctrl-C), SIGTERM or SIGHUP
(a closed terminal, a dropped SSH session), ends mike and everything it started and removes the
temporary branch and mike's config; SIGKILL, which no process can catch, leaves only the temporary
branch (and mike finishing its build into it), which the next release removes first (step 0).

Publishing is a separate step, after looking at the result (`mike serve`, or
`git archive gh-pages | tar -x -C /tmp/preview`):
    git push origin gh-pages edition-1.1
SITE_URL (or --site-url) must be the https:// address the site is published at: the profile
links, the sitemap, the PDFs' links and mike are made from it. Without one the release refuses,
and so with one that is not an address (wakesite.versions.site_url_problem: no user name, query,
fragment, '..' or markup) or one reserved for examples (example.org …, RFC 2606).
"""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from wakesite import gitrepo  # standard library only: usable before the re-exec into .venv

ROOT = Path(__file__).resolve().parents[1]
MIKE_CONFIG = "mike-mkdocs*.yml"  # mike's copy of mkdocs.yml (with its plugin added), in ROOT while it runs
# SIGHUP: a closed terminal or a dropped SSH session. mike runs in a process group of its own, so
# the hang-up reaches only this script, which ends mike before anything is published.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE = 10.0  # seconds mike's processes get to end after SIGTERM, before SIGKILL
TEMPORARY = "wakesite-release"  # refs/heads/wakesite-release/<branch>-<run>: where mike builds
RUN_VARIABLE = "WAKESITE_RELEASE_RUN"  # in the environment of everything a release starts: its run id
LOCK_FILE = "wakesite-release.lock"  # in the git directory: one release at a time
STATE_FILE = "wakesite-release.json"  # in the git directory while a release runs: what to clear if it is killed
ZERO = "0" * 40


def _in_venv_or_reexec() -> None:
    """Run under the project's .venv (which has mkdocs and mike), set it up if needed."""
    try:
        import mike  # noqa: F401
        import mkdocs  # noqa: F401
        return
    except ImportError:
        pass
    import devenv  # scripts/ is on the path: Python puts a script's own directory there

    devenv.ensure_python_env()
    python = str(devenv.venv_python())
    os.execv(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]])


class ReleaseError(Exception):
    pass


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP during a release. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` on its way swallows it; the rollback catches it as it does any failure."""

    def __init__(self, signum: int):
        self.signal = signal.Signals(signum)
        super().__init__(self.signal.name)


class StopSignals:
    """SIGINT, SIGTERM and SIGHUP handlers for the duration of a release (the previous ones are put back).

    A signal raises Interrupted only inside `raising()`, which release() keeps inside the `try`
    whose `except` rolls back, and only once: anywhere else, and after the first, a signal is just
    noted in `received`. So nothing cuts a rollback short, and a signal that comes while the
    release is still checking stops it as soon as it would start to change anything."""

    def __init__(self) -> None:
        self.received: signal.Signals | None = None
        self._armed = False
        self._previous: dict = {}

    def __enter__(self) -> "StopSignals":
        for signum in STOP_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, frame) -> None:
        if self.received is None:
            self.received = signal.Signals(signum)
        if self._armed:
            self._armed = False
            raise Interrupted(signum)

    @contextmanager
    def held(self):
        """Inside `raising()`: a signal that comes in here is raised only on leaving it, so that what
        is done in here (starting mike, writing a ref) is never cut short half-way."""
        armed, self._armed = self._armed, False
        try:
            yield
        finally:
            self._armed = armed
        if armed and self.received is not None:
            self._armed = False
            raise Interrupted(self.received)

    @contextmanager
    def raising(self):
        self._armed = True  # before looking at `received`: a signal in between is not missed
        try:
            if self.received is not None:
                self._armed = False
                raise Interrupted(self.received)
            yield
        finally:
            self._armed = False


def git(*args: str, check: bool = True, own_group: bool = False) -> subprocess.CompletedProcess:
    # own_group: a Ctrl-C at the terminal, sent to the whole foreground process group, then reaches
    # only this script and not git (the rollback uses it: nothing may kill it half-way). Not for
    # every command: in a background group, git could not ask for a passphrase (e.g. to sign a tag).
    result = gitrepo.completed(ROOT, *args, own_group=own_group)
    if check and result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def ref(name: str) -> str | None:
    result = git("rev-parse", "--verify", "--quiet", name, check=False)
    return result.stdout.strip() or None


def deployed_versions(branch: str) -> list[dict]:
    """versions.json on the branch ([] when nothing was published yet)."""
    if not ref(f"refs/heads/{branch}"):
        return []
    result = git("show", f"{branch}:versions.json", check=False)
    return json.loads(result.stdout) if result.returncode == 0 else []


def run_mike(args: list[str], env: dict, signals: StopSignals) -> str:
    """Run mike (from the same environment as this Python); its output, or ReleaseError.

    mike runs in a process group of its own, with what it starts (ProperDocs, git fast-import, the
    Playwright driver that prints the PDFs). When the release is interrupted, or fails while
    waiting, the whole group is ended before the rollback: an orphaned mike would otherwise go on
    building into the temporary branch and site/. A Ctrl-C at the terminal or a hang-up reaches
    only this script, which does that in order. A signal that comes while mike is being started
    waits until it has started, so that it is never left running unseen."""
    mike = Path(sys.executable).parent / "mike"
    command = [str(mike) if mike.exists() else "mike", *args]
    process = None
    try:
        with signals.held():
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, process_group=0)
        stdout, stderr = process.communicate()
    except BaseException:
        if process is not None:
            end_process_group(process)
            process.stdout.close()
            process.stderr.close()
        raise
    output = stdout + stderr
    if process.returncode != 0:
        raise ReleaseError(f"`mike {' '.join(args)}` failed:\n{output.strip()}")
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    if warnings:
        raise ReleaseError("the build printed warnings (a release is built as strictly as "
                           "`mkdocs build --strict`):\n" + "\n".join(warnings))
    return output


def end_process_group(process: subprocess.Popen) -> None:
    """End the process group `process` leads: SIGTERM, then SIGKILL for what is left after GRACE
    seconds. Returns once no process of the group is left (or after a second GRACE), so that none
    of them can still write to the repository after the rollback."""
    group = process.pid  # started with process_group=0: the group has the leader's id
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(group, signum)
        except ProcessLookupError:
            pass  # nothing of the group is left
        if _group_ended(process, group, GRACE):
            return


def _group_ended(process: subprocess.Popen, group: int, timeout: float) -> bool:
    """Whether the leader and every other process of `group` ended within `timeout` seconds. The
    others (mkdocs and what it started) are not this script's children, so they cannot be waited
    for: the group is looked at until it is empty."""
    deadline = time.monotonic() + timeout
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        return False
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def git_directory() -> Path:
    """The repository's git directory shared by all its worktrees (where the lock and state live)."""
    return (ROOT / git("rev-parse", "--git-common-dir").stdout.strip()).resolve()


@contextmanager
def one_release_at_a_time():
    """Hold the repository's release lock (flock: the kernel lets it go when the process ends, even
    by SIGKILL; mike and the builds do not inherit it). Another release running: ReleaseError."""
    with open(git_directory() / LOCK_FILE, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReleaseError("another release is running in this repository; wait for it to end") from None
        yield


def processes_of_run(run: str) -> list[int]:
    """The living processes a release run started (they carry its id in their environment); read
    from /proc (empty where there is none)."""
    marker = f"{RUN_VARIABLE}={run}".encode()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc") if os.path.isdir("/proc") else []):
        try:
            if marker in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                state = Path(f"/proc/{pid}/stat").read_text()
                if state[state.rindex(")") + 2] not in "ZX":  # a zombie is dead, only not yet reaped
                    found.append(int(pid))
        except (OSError, ValueError):
            continue  # gone, or not ours to read
    return found


def end_processes_of_run(run: str) -> int:
    """End what a stopped release left running (mike finishing its build into the temporary branch
    and site/): SIGTERM, then SIGKILL after GRACE seconds; returns how many there were."""
    first = processes_of_run(run)
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for pid in processes_of_run(run):
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + GRACE
        while processes_of_run(run) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not processes_of_run(run):
            break
    return len(first)


def temporary_branches() -> list[str]:
    listed = git("for-each-ref", "--format=%(refname)", f"refs/heads/{TEMPORARY}/").stdout.split()
    return [name.removeprefix("refs/heads/") for name in listed]


def clear_leftovers() -> list[str]:
    """What a release stopped before it finished left (it can only be one that is no longer
    running: the caller holds the lock): its processes, its temporary branches, mike's config files
    in ROOT and its state file. Returns what was removed, to be said."""
    state_file = git_directory() / STATE_FILE
    removed = []
    if state_file.exists():
        try:
            state = json.loads(state_file.read_text(encoding="utf-8"))
        except ValueError:
            state = {}
        if state.get("run") and (count := end_processes_of_run(str(state["run"]))):
            removed.append(f"{count} process(es) it had started (pid {state.get('pid')}'s mike and builds)")
    for name in temporary_branches():
        git("update-ref", "-d", f"refs/heads/{name}", own_group=True)
        removed.append(f"the temporary branch {name}")
    untracked = set(git("ls-files", "--others", "--", MIKE_CONFIG).stdout.split())
    for config in sorted(untracked):
        (ROOT / config).unlink(missing_ok=True)
        removed.append(f"mike's config {config}")
    state_file.unlink(missing_ok=True)
    return removed


def roll_back(temporary: str, configs_before: set[Path]) -> None:
    """Undo a release that did not publish: delete its temporary branch and the config files a
    stopped mike left in ROOT (an untracked file would make the next release refuse). gh-pages and
    the tag were never touched."""
    git("update-ref", "-d", f"refs/heads/{temporary}", check=False, own_group=True)
    for config in set(ROOT.glob(MIKE_CONFIG)) - configs_before:
        config.unlink(missing_ok=True)
    (git_directory() / STATE_FILE).unlink(missing_ok=True)


def checked_out_in(branch: str) -> list[str]:
    """The worktrees of the repository that have `branch` checked out."""
    paths, current = [], None
    for line in git("worktree", "list", "--porcelain").stdout.splitlines():
        if line.startswith("worktree "):
            current = line[len("worktree "):]
        elif line == f"branch refs/heads/{branch}":
            paths.append(current)
    return paths


def starting_point(branch: str, remote: str = "origin") -> str | None:
    """The commit the temporary branch starts from: `branch`, or what it is behind on `remote` (as
    mike itself would bring it up to date); None when neither exists. A branch that has diverged
    from the remote's is refused (mike's own rule)."""
    local, upstream = ref(f"refs/heads/{branch}"), ref(f"refs/remotes/{remote}/{branch}")
    if not upstream or upstream == local:
        return local
    if not local or git("merge-base", "--is-ancestor", local, upstream, check=False).returncode == 0:
        return upstream
    if git("merge-base", "--is-ancestor", upstream, local, check=False).returncode == 0:
        return local
    raise ReleaseError(f"{branch} has diverged from {remote}/{branch}: bring them together first "
                       f"(the release would otherwise publish beside what is already pushed)")


def tag_object(tag: str, commit: str, message: str) -> str:
    """An annotated tag object for `commit`, not yet named by any ref (the publishing ref update
    creates refs/tags/<tag> together with the branch)."""
    tagger = git("var", "GIT_COMMITTER_IDENT").stdout.strip()
    content = f"object {commit}\ntype commit\ntag {tag}\ntagger {tagger}\n\n{message}\n"
    result = gitrepo.completed(ROOT, "mktag", input=content)
    if result.returncode != 0:
        raise ReleaseError(f"git mktag failed: {result.stderr.strip()}")
    return result.stdout.strip()


def publish(branch: str, before: str | None, temporary: str, new: str, tag: str, tag_id: str | None) -> None:
    """Move `branch` from `before` to `new`, create the tag and delete the temporary branch in one
    ref update: git applies all of it or none (and refuses if `branch` moved meanwhile). git runs
    in a process group of its own: a Ctrl-C or a hang-up cannot stop it half-way, and a SIGKILL
    of this script does not reach it."""
    commands = [f"update refs/heads/{branch} {new} {before or ZERO}"]
    if tag_id:
        commands.append(f"create refs/tags/{tag} {tag_id}")
    commands.append(f"delete refs/heads/{temporary} {new}")
    result = gitrepo.completed(ROOT, "update-ref", "--stdin", input="\n".join(commands) + "\n", own_group=True)
    if result.returncode != 0:
        raise ReleaseError(f"publishing failed, nothing was published: {result.stderr.strip()}")


def checked_site_url(site_url: str | None) -> str:
    """The address to publish at, ending in '/' (versions.site_url_problem, as a release), or ReleaseError."""
    from wakesite.versions import site_url_problem

    if not site_url:
        raise ReleaseError("SITE_URL is not set: give the https:// address the site is published at "
                           "(SITE_URL=https://<address>/ python3 scripts/release.py, or --site-url); "
                           "the profile links and the PDFs are made from it")
    problem = site_url_problem(site_url, release=True)
    if problem:
        raise ReleaseError(problem)
    return site_url.rstrip("/") + "/"


def stale_english_problem(accept: bool) -> str | None:
    """Why the edition cannot be published while the English of some clauses is marked for review
    (None when none is, or when the release was told to accept it)."""
    from wakesite import guideline as guideline_module
    from wakesite.datafile import DataError, DataErrors

    try:
        stale = guideline_module.load(ROOT / "docs" / "_data" / "guideline.yml").stale_english()
    except (DataError, DataErrors) as error:
        return f"bad guideline data:\n{error}"
    if not stale or accept:
        return None
    named = ", ".join(f"{c.describe('ja')} ({c.id or 'a paragraph'}: {c.en_review})" for c in stale[:8])
    more = f" and {len(stale) - 8} more" if len(stale) > 8 else ""
    return (f"the English of {len(stale)} clause(s) is marked for review in docs/_data/guideline.yml (en_review): "
            f"{named}{more}. Review the English and remove en_review (then commit), or publish it as it is with "
            "--accept-stale-english: the English pages then say that it is still being reviewed")


def release(label: str | None, force: bool, branch: str, site_url: str | None,
            signals: StopSignals, accept_stale_english: bool = False) -> list[str]:
    from wakesite import edition as edition_module
    from wakesite import linkrot
    from wakesite.checks import published
    from wakesite.datafile import DataError, DataErrors
    from wakesite.versions import ALIAS, SiteAddress

    site_url = checked_site_url(site_url)

    # 0. what a stopped release left.
    removed = clear_leftovers()
    if removed:
        _say("release: a release stopped before it finished had left " + "; ".join(removed)
             + ": removed (nothing of it was published)", sys.stdout)

    # 1. a clean tree: what is published is exactly what the tag names; the branch checked out nowhere.
    if not ref("HEAD"):
        raise ReleaseError(f"{ROOT} has no commit yet")
    dirty = git("status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    if dirty:
        raise ReleaseError("the work tree is not clean; commit or remove these first (a release is made from a commit):\n"
                           + "\n".join("  " + line for line in dirty[:20]) + ("\n  …" if len(dirty) > 20 else ""))
    worktrees = checked_out_in(branch)
    if worktrees:
        raise ReleaseError(f"{branch} is checked out in the worktree {worktrees[0]}: the release would move it under "
                           "that worktree's files, which would then show it as changes to undo; check out another "
                           f"branch there first (git -C {worktrees[0]} switch --detach)")

    # 2. edition.yml names the edition.
    edition_file = ROOT / "docs" / "_data" / "edition.yml"
    try:
        editions = edition_module.load_all(edition_file)
    except (DataError, DataErrors) as error:
        raise ReleaseError(f"bad edition data:\n{error}") from None
    current = editions.current
    if label is not None and label != current.label:
        known = editions.get(label)
        hint = ("it is an earlier edition; only the edition in force is published from the current tree"
                if known else f"add it at the top of `editions` and set `label: \"{label}\"` (and commit)")
        raise ReleaseError(f"docs/_data/edition.yml: label is {current.label!r}, not {label!r}: {hint}")
    label = current.label
    problem = stale_english_problem(accept_stale_english)
    if problem:
        raise ReleaseError(problem)

    # 4 (checked before the tag). not published yet, unless --force.
    versions = deployed_versions(branch)
    if any(v["version"] == label for v in versions) and not force:
        raise ReleaseError(f"edition {label} is already published on the local branch {branch}; "
                           f"publishing it again replaces it: use --force if that is what you want")
    for v in versions:
        if v["version"] != label and _is_newer(v["version"], label):
            raise ReleaseError(f"edition {v['version']} on {branch} is newer than {label}: `{ALIAS}` must not go back")

    # 3. the tag: made with the branch in step 8.
    head = ref("HEAD")
    existing = ref(f"refs/tags/{current.tag}^{{commit}}")
    if existing and existing != head:
        raise ReleaseError(f"tag {current.tag} already exists on commit {existing[:12]}, not on HEAD ({head[:12]}): "
                           f"edition {label} was released from another commit; bump the edition in edition.yml, "
                           f"or delete the tag (`git tag -d {current.tag}`) if it was never pushed")

    # 5. mike, into the temporary branch. 6. link rot. 7. the branch. Undone on any failure or interruption.
    before = ref(f"refs/heads/{branch}")
    start = starting_point(branch)
    run = f"{os.getpid()}-{int(time.time())}"
    temporary = f"{TEMPORARY}/{branch}-{run}"
    import devenv
    env = devenv.build_env(ROOT, dict(os.environ, NO_MKDOCS_2_WARNING="1"))  # this tree's own generator
    # mike builds with `properdocs` (or `mkdocs`), found on PATH: this environment's.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["SITE_URL"] = site_url
    env["WAKESITE_CACHE_DIR"] = "off"  # what is published is built afresh: no cached PDF or template
    env[RUN_VARIABLE] = run  # how the next release finds what this one left running if it is killed
    configs_before = set(ROOT.glob(MIKE_CONFIG))
    (git_directory() / STATE_FILE).write_text(json.dumps({"run": run, "pid": os.getpid(), "temporary": temporary}),
                                              encoding="utf-8")
    try:
        # SIGINT, SIGTERM and SIGHUP raise Interrupted only in here, so the rollback below always runs in full.
        with signals.raising():
            with signals.held():  # a git killed while it writes a ref would leave the ref locked
                if start:
                    git("update-ref", f"refs/heads/{temporary}", start, ZERO)
                tag_id = None if existing else tag_object(current.tag, head, f"Guideline source of edition {label}")
            _say(f"deploying edition {label} with mike into the temporary branch {temporary} …", sys.stdout)
            run_mike(["deploy", "--update-aliases", "-b", temporary, label, ALIAS], env, signals)
            run_mike(["set-default", "-b", temporary, ALIAS], env, signals)
            _say(f"checking what {temporary} would publish …", sys.stdout)
            editions_on_branch = linkrot.published_versions(ROOT, temporary)
            new_paths = editions_on_branch.pop(label)
            problems = linkrot.vanished(editions_on_branch, new_paths)
            if problems:
                raise ReleaseError("link rot: pages of earlier editions are missing from this one:\n"
                                   + "\n".join("  " + p for p in problems))
            problems = published.branch_problems(ROOT, temporary, site_url)
            if problems:
                raise ReleaseError(f"what {branch} would publish is wrong (nothing was published):\n"
                                   + "\n".join("  " + p for p in problems))
            new = ref(f"refs/heads/{temporary}")
        # 8. Outside `raising()`: from here a signal is only noted (main() says it came too late).
        _say(f"publishing: {branch} and tag {current.tag} in one ref update …", sys.stdout)
        publish(branch, before, temporary, new, current.tag, tag_id)
    except BaseException:
        roll_back(temporary, configs_before)
        raise
    (git_directory() / STATE_FILE).unlink(missing_ok=True)

    address = SiteAddress(root=site_url)
    return [
        f"Published edition {label} to the local branch {branch} (alias {ALIAS}, the default), tag {current.tag}.",
        f"Policy (stable profile link): {address.stable('ja', 'policy/')}  and  {address.stable('en', 'policy/')}",
        f"Look at it: mike serve -b {branch}   (or: git archive {branch} | tar -x -C /tmp/preview)",
        f"Then publish: git push origin {branch} {current.tag}",
    ]


def _is_newer(a: str, b: str) -> bool:
    try:
        return tuple(map(int, a.split("."))) > tuple(map(int, b.split(".")))
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Publish the edition named in docs/_data/edition.yml with mike "
                                                 "(to a local branch; pushing is a separate step).")
    parser.add_argument("label", nargs="?", help="the edition to publish (checked against edition.yml)")
    parser.add_argument("--force", action="store_true", help="publish again an edition already on the branch")
    parser.add_argument("--branch", default="gh-pages", help="the local branch mike commits to (default: gh-pages)")
    parser.add_argument("--site-url", help="the address the site is published at (default: $SITE_URL)")
    parser.add_argument("--accept-stale-english", action="store_true",
                        help="publish although the English of some clauses is marked for review (en_review); "
                             "the English pages say so")
    args = parser.parse_args(argv)
    try:
        with StopSignals() as signals, one_release_at_a_time():
            lines = release(args.label, args.force, args.branch, args.site_url or os.environ.get("SITE_URL"),
                            signals, args.accept_stale_english)
    except ReleaseError as error:
        _say(f"release: {error}", sys.stderr)
        return 1
    except Interrupted as interrupted:
        _say(f"release: interrupted by {interrupted.signal.name}; nothing was published "
             f"({args.branch} and the tag are as they were)", sys.stderr)
        return 128 + interrupted.signal  # what a shell reports for a command ended by that signal
    for line in lines:
        _say(line, sys.stdout)
    if signals.received is not None:  # too late to stop anything: it is all published
        _say(f"release: {signals.received.name} came after the release was complete; it stands", sys.stderr)
    return 0


def _say(line: str, stream) -> None:
    """Print, where the terminal may be gone (after SIGHUP a write fails): what is done is done."""
    try:
        print(line, file=stream, flush=True)
    except OSError:
        pass


if __name__ == "__main__":
    _in_venv_or_reexec()
    sys.exit(main())
