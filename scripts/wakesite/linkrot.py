"""Link-rot guard: a page address that was published in an earlier edition keeps working.

Every page path of every edition already published with mike (the version directories on the
gh-pages branch, listed in its versions.json) must exist in the new build, either as a page or
as a redirect declared in docs/_data/redirects.yml (loaded by wakesite.redirects). The MkDocs hook writes those redirects as
small HTML pages (`write_redirects`), in both languages, so a moved page keeps its old address.

Run by scripts/release.py before it publishes; on its own:

    .venv/bin/python scripts/wakesite/linkrot.py site/            # after `mkdocs build`
"""
from __future__ import annotations

import argparse
import json
import posixpath
import sys
from pathlib import Path

from . import gitrepo, pagepath
from .redirects import Redirect
from .render import environment

BRANCH = "gh-pages"


def redirect_page(target: str) -> str:
    """A small HTML page sending the browser to `target` (a relative URL): redirect.html.j2."""
    return environment().get_template("redirect.html.j2").render(target=target)


def _html_file(site_dir: Path, page_path: str) -> Path:
    return pagepath.file_of(site_dir, page_path)


def write_redirects(site_dir: Path, prefix: str, redirects: list[Redirect], source: str = "redirects.yml") -> list[Path]:
    """Write the redirect pages of one language (`prefix` '' or 'en/') into a built site."""
    written = []
    root = Path(site_dir).resolve()
    for r in redirects:
        old, new = prefix + r.old, prefix + r.new
        for path in (old, new):  # the schema allows no '..'; this holds even if it did
            if not _html_file(site_dir, path).resolve().is_relative_to(root):
                raise ValueError(f"{source}:{r.line}: redirect path {path!r} leads outside the site")
        target_file = _html_file(site_dir, new)
        if not target_file.exists():
            raise ValueError(f"{source}:{r.line}: redirect from {old!r} goes to {new!r}, which is not a page of this build")
        page = _html_file(site_dir, old)
        if page.exists():
            raise ValueError(f"{source}:{r.line}: redirect from {old!r}, but that page exists in this build: "
                             f"remove the redirect or the page")
        page.parent.mkdir(parents=True, exist_ok=True)
        relative = posixpath.relpath("/" + new, "/" + (old if old.endswith("/") else posixpath.dirname(old) + "/"))
        if new.endswith("/") and not relative.endswith("/"):
            relative += "/"
        page.write_text(redirect_page(relative), encoding="utf-8")
        written.append(page)
    return written


def published_versions(repo: Path, branch: str = BRANCH) -> dict[str, set[str]]:
    """version → its page paths, for every version in versions.json on `branch` ({} if no branch)."""
    if not gitrepo.has_ref(repo, f"refs/heads/{branch}"):
        return {}
    versions = json.loads(gitrepo.run(repo, "show", f"{branch}:versions.json"))
    listing = gitrepo.run(repo, "ls-tree", "-r", "--name-only", branch).splitlines()
    result = {}
    for entry in versions:
        version = entry["version"]
        prefix = version + "/"
        files = [name[len(prefix):] for name in listing if name.startswith(prefix) and name.endswith(".html")]
        result[version] = {pagepath.page_of(f) for f in files}
    return result


def vanished(published: dict[str, set[str]], new_paths: set[str]) -> list[str]:
    """One message per page path of an earlier edition that the new build lacks."""
    seen_in: dict[str, list[str]] = {}
    for version, paths in published.items():
        for path in paths:
            seen_in.setdefault(path, []).append(version)
    return [f"/{path} (published in edition {', '.join(seen_in[path])}) is not in the new build and has no "
            f"redirect in docs/_data/redirects.yml" for path in sorted(seen_in) if path not in new_paths]


def check(site_dir: Path, repo: Path, branch: str = BRANCH) -> list[str]:
    return vanished(published_versions(repo, branch), set(pagepath.pages(site_dir)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check that every page of the published editions is in a new build.")
    parser.add_argument("site_dir", type=Path, help="the new build (mkdocs build -d SITE_DIR)")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="git repository holding the branch (default: .)")
    parser.add_argument("--branch", default=BRANCH, help=f"the branch mike publishes to (default: {BRANCH})")
    args = parser.parse_args(argv)
    problems = check(args.site_dir, args.repo, args.branch)
    for problem in problems:
        print(f"link rot: {problem}", file=sys.stderr)
    if not problems:
        print(f"link rot: none (every page of the editions on {args.branch} is in {args.site_dir})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
