"""Publish an edition of the guideline with mike, into the LOCAL branch gh-pages. Never pushes.

    python3 scripts/release.py              # the edition docs/_data/edition.yml names (`label`)
    python3 scripts/release.py 1.1          # the same, saying which one you mean (must match)
    python3 scripts/release.py 1.1 --force  # publish again an edition already on gh-pages

Steps, stopping with a message that says what is wrong at the first problem:
  1. the work tree is clean (what is published is exactly a commit);
  2. edition.yml names this edition as its `label` (the newest entry of `editions`);
  3. the edition's git tag (e.g. edition-1.1) is made on HEAD (or already points at HEAD);
  4. the edition is not on gh-pages yet (--force to publish it again);
  5. `mike deploy --update-aliases <label> latest` and `mike set-default latest`, built with the
     build cache off (nothing published comes from a cache); the build must print no warning
     (as `mkdocs build --strict`);
  6. link-rot guard: every page path of the editions already published is in the new one, or
     has a redirect in docs/_data/redirects.yml (wakesite.linkrot);
  7. what the branch now publishes, read from the branch itself (wakesite.checks.published): every link
     of every edition resolves, none points at a loopback address, every PDF is one page, and the
     profile links (profile texts, accounts.json, JSON-LD, search index) are the stable policy
     address <SITE_URL>latest/policy/ (latest/en/policy/), which exists.
If 5, 6 or 7 fails, gh-pages and the tag are put back as they were: nothing half-published stays.
The same when the release is stopped by SIGINT (Ctrl-C) or SIGTERM: mike and everything it started
are ended first, and the temporary config mike writes in the project root (mike-mkdocs*.yml) is
removed, so that the next release finds a clean tree.

Publishing is a separate step, after looking at the result (`mike serve`, or
`git archive gh-pages | tar -x -C /tmp/preview`):
    git push origin gh-pages edition-1.1
SITE_URL (or --site-url) must be the https:// address the site is published at: the profile
links, the sitemap, the PDFs' links and mike are made from it. Without one the release refuses.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIKE_CONFIG = "mike-mkdocs*.yml"  # mike's copy of mkdocs.yml (with its plugin added), in ROOT while it runs
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACE = 10.0  # seconds mike's processes get to end after SIGTERM, before SIGKILL


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
    """SIGINT or SIGTERM during a release. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` on its way swallows it; the rollback catches it as it does any failure."""

    def __init__(self, signum: int):
        self.signal = signal.Signals(signum)
        super().__init__(self.signal.name)


class StopSignals:
    """SIGINT and SIGTERM handlers for the duration of a release (the previous ones are put back).

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
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                            process_group=0 if own_group else None)
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


def run_mike(args: list[str], env: dict) -> str:
    """Run mike (from the same environment as this Python); its output, or ReleaseError.

    mike runs in a process group of its own, with what it starts (mkdocs, git fast-import, the
    Playwright driver that prints the PDFs). When the release is interrupted, or fails while
    waiting, the whole group is ended before the rollback: an orphaned mike would otherwise go on
    and commit the deploy to the branch the rollback has just put back. A Ctrl-C at the terminal
    reaches only this script, which does that in order."""
    mike = Path(sys.executable).parent / "mike"
    command = [str(mike) if mike.exists() else "mike", *args]
    with subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, process_group=0) as process:
        try:
            stdout, stderr = process.communicate()
        except BaseException:
            end_process_group(process)
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


def roll_back(branch: str, before: str | None, tag: str | None, configs_before: set[Path]) -> None:
    """Put `branch` back on `before` (or delete it), delete `tag` (when this run made it), and remove
    the config files a stopped mike left in ROOT (an untracked file would make the next release refuse)."""
    if before:
        git("update-ref", f"refs/heads/{branch}", before, own_group=True)
    else:
        git("update-ref", "-d", f"refs/heads/{branch}", check=False, own_group=True)
    if tag:
        git("tag", "-d", tag, check=False, own_group=True)
    for config in set(ROOT.glob(MIKE_CONFIG)) - configs_before:
        config.unlink(missing_ok=True)


def checked_site_url(site_url: str | None) -> str:
    """The address to publish at, ending in '/': an https URL, or ReleaseError."""
    from urllib.parse import urlsplit

    if not site_url:
        raise ReleaseError("SITE_URL is not set: give the https:// address the site is published at "
                           "(SITE_URL=https://example.org/sns/ python3 scripts/release.py, or --site-url); "
                           "the profile links and the PDFs are made from it")
    parts = urlsplit(site_url)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        raise ReleaseError(f"SITE_URL {site_url!r} is not an https:// address: a published profile link "
                           "must be https (a local build may use http://127.0.0.1:8000/, a release may not)")
    return site_url.rstrip("/") + "/"


def release(label: str | None, force: bool, branch: str, site_url: str | None,
            signals: StopSignals) -> list[str]:
    from wakesite import edition as edition_module
    from wakesite import linkrot
    from wakesite.checks import published
    from wakesite.datafile import DataError, DataErrors
    from wakesite.versions import ALIAS, SiteAddress

    site_url = checked_site_url(site_url)

    # 1. a clean tree: what is published is exactly what the tag names.
    if not ref("HEAD"):
        raise ReleaseError(f"{ROOT} has no commit yet")
    dirty = git("status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    if dirty:
        raise ReleaseError("the work tree is not clean; commit or remove these first (a release is made from a commit):\n"
                           + "\n".join("  " + line for line in dirty[:20]) + ("\n  …" if len(dirty) > 20 else ""))

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

    # 4 (checked before tagging). not published yet, unless --force.
    versions = deployed_versions(branch)
    if any(v["version"] == label for v in versions) and not force:
        raise ReleaseError(f"edition {label} is already published on the local branch {branch}; "
                           f"publishing it again replaces it: use --force if that is what you want")
    for v in versions:
        if v["version"] != label and _is_newer(v["version"], label):
            raise ReleaseError(f"edition {v['version']} on {branch} is newer than {label}: `{ALIAS}` must not go back")

    # 3. the tag (made below, with the deploy, so that it is undone with it).
    head = ref("HEAD")
    existing = ref(f"refs/tags/{current.tag}^{{commit}}")
    if existing and existing != head:
        raise ReleaseError(f"tag {current.tag} already exists on commit {existing[:12]}, not on HEAD ({head[:12]}): "
                           f"edition {label} was released from another commit; bump the edition in edition.yml, "
                           f"or delete the tag (`git tag -d {current.tag}`) if it was never pushed")

    # 5. mike. 6. link rot. 7. the branch. Undo them and the tag on any failure or interruption.
    before = ref(f"refs/heads/{branch}")
    import devenv
    env = devenv.build_env(ROOT, dict(os.environ, NO_MKDOCS_2_WARNING="1"))  # this tree's hooks and code
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")  # mike runs `mkdocs`
    env["SITE_URL"] = site_url
    env["WAKESITE_CACHE_DIR"] = "off"  # what is published is built afresh: no cached PDF or template
    configs_before = set(ROOT.glob(MIKE_CONFIG))
    try:
        # SIGINT and SIGTERM raise Interrupted only in here, so the rollback below always runs in full.
        with signals.raising():
            if not existing:
                git("tag", "-a", current.tag, "-m", f"Guideline source of edition {label}")
            print(f"deploying edition {label} with mike …", flush=True)
            run_mike(["deploy", "--update-aliases", "-b", branch, label, ALIAS], env)
            run_mike(["set-default", "-b", branch, ALIAS], env)
            editions_on_branch = linkrot.published_versions(ROOT, branch)
            new_paths = editions_on_branch.pop(label)
            problems = linkrot.vanished(editions_on_branch, new_paths)
            if problems:
                raise ReleaseError("link rot: pages of earlier editions are missing from this one:\n"
                                   + "\n".join("  " + p for p in problems))
            problems = published.branch_problems(ROOT, branch, site_url)
            if problems:
                raise ReleaseError(f"what {branch} would publish is wrong (nothing was published):\n"
                                   + "\n".join("  " + p for p in problems))
    except BaseException:
        # the tag only if this run made it (an interruption may come before or after `git tag`)
        roll_back(branch, before, None if existing else current.tag, configs_before)
        raise

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
    args = parser.parse_args(argv)
    try:
        with StopSignals() as signals:
            lines = release(args.label, args.force, args.branch, args.site_url or os.environ.get("SITE_URL"),
                            signals)
    except ReleaseError as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    except Interrupted as interrupted:
        print(f"release: interrupted by {interrupted.signal.name}; nothing was published "
              f"({args.branch} and the tag are as they were)", file=sys.stderr)
        return 128 + interrupted.signal  # what a shell reports for a command ended by that signal
    for line in lines:
        print(line)
    if signals.received is not None:  # too late to stop anything: it is all published
        print(f"release: {signals.received.name} came after the release was complete; it stands", file=sys.stderr)
    return 0


if __name__ == "__main__":
    _in_venv_or_reexec()
    sys.exit(main())
