"""Checks of what is published, not of what was read: the built site and the released branch.

A build (wakesite.plugin) and a release (scripts/release.py) call these on their
own output and fail on any problem:

- `site_problems(site_dir)`: the site holds only the kinds of file a web site serves (no
  template, data or code from the project), every checklist PDF is exactly one A4 page, and no
  page uses an element id twice.
- `branch_problems(repo, branch, root)`: in every edition on the branch mike wrote, every link
  resolves (HTML links and anchors through wakesite.checks.linkcheck; absolute links to the site in
  JSON, XML, PDFs and the search index), nothing points at a loopback address, and every link to
  the operation policy that the profiles and machine-readable files carry is its stable address
  <root>latest/policy/ (or latest/en/policy/), which must exist.

    python -m wakesite.checks.published site/                                        # a built site
    python -m wakesite.checks.published --branch gh-pages --root https://example.org/sns/   # a release
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import posixpath
import re
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import gitrepo, pagepath
from ..lang import LANGS, lang_root
from ..versions import ALIAS, SiteAddress, site_url_problem

# What a built site may contain: pages, styles, scripts (and their source maps), images, fonts,
# the JSON and XML it serves (search index, accounts.json, sitemap), the checklist PDFs.
ALLOWED_SUFFIXES = {
    ".html", ".css", ".js", ".map", ".json", ".xml", ".xml.gz", ".txt",
    ".png", ".svg", ".ico", ".jpg", ".jpeg", ".webp", ".gif", ".webmanifest",
    ".woff", ".woff2", ".ttf", ".pdf",
}
PDF_PAGES = 1  # every checklist PDF is one sheet for the approval folder

_PAGES_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")
_PDF_URI = re.compile(rb"/URI\s*\(((?:[^()\\]|\\.)*)\)")
_LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
_LOOPBACK = re.compile(r"\bhttps?://(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d+)?[^\s\"'<>)\\]*")


def suffix_of(path: Path) -> str:
    return ".xml.gz" if path.name.endswith(".xml.gz") else path.suffix.lower()


def unexpected_files(site_dir: Path) -> list[str]:
    """Files of a built site that a web site does not serve (templates, data, code)."""
    return sorted(path.relative_to(site_dir).as_posix() for path in Path(site_dir).rglob("*")
                  if path.is_file() and suffix_of(path) not in ALLOWED_SUFFIXES)


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF as Chromium writes it (the page tree's root /Count: the largest one)."""
    counts = [int(a or b) for a, b in _PAGES_COUNT.findall(data)]
    if not counts:
        raise ValueError("no page tree found (not a PDF Chromium wrote?)")
    return max(counts)


def long_pdfs(site_dir: Path) -> list[str]:
    """Every PDF of the site that is not exactly one page, with its page count."""
    problems = []
    for path in sorted(Path(site_dir).rglob("*.pdf")):
        shown = path.relative_to(site_dir).as_posix()
        try:
            pages = pdf_page_count(path.read_bytes())
        except ValueError as error:
            problems.append(f"{shown}: pages cannot be counted: {error}")
            continue
        if pages != PDF_PAGES:
            problems.append(f"{shown}: {pages} pages; a checklist sheet must be {PDF_PAGES} A4 page "
                            "(shorten the checklist or tighten its print styles in checklist.css)")
    return problems


_ID_ATTRIBUTE = re.compile(r'<[A-Za-z][^<>]*?\sid="([^"]*)"')


def duplicate_ids(site_dir: Path) -> list[str]:
    """Element ids used more than once on a page (e.g. a clause and an account of the same id):
    a link to either would land on the first, and the strict build does not see it."""
    problems = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        counts = Counter(_ID_ATTRIBUTE.findall(path.read_text(encoding="utf-8", errors="replace")))
        problems += [f"{path.relative_to(site_dir).as_posix()}: id {name!r} is used {n} times on the page"
                     for name, n in sorted(counts.items()) if n > 1]
    return problems


def site_problems(site_dir: Path) -> list[str]:
    """What is wrong with a built site as published (empty when nothing is)."""
    problems = [f"{name}: not a kind of file the site should publish (a template, data or code?)"
                for name in unexpected_files(site_dir)]
    return problems + long_pdfs(site_dir) + duplicate_ids(site_dir)


# ---- A released branch ----

def extract_branch(repo: Path, branch: str, destination: Path) -> Path:
    """The tree of `branch` (as `git archive` gives it, symlinks kept) unpacked into `destination`."""
    with tarfile.open(fileobj=io.BytesIO(gitrepo.archive(repo, branch))) as tar:
        tar.extractall(destination, filter="data")
    return destination


def _text_of(path: Path) -> str | None:
    suffix = suffix_of(path)
    if suffix == ".pdf":  # the links of a PDF are its /URI annotations
        return "\n".join(m.decode("latin-1").replace("\\(", "(").replace("\\)", ")")
                         for m in _PDF_URI.findall(path.read_bytes()))
    if suffix == ".xml.gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    if suffix in (".html", ".json", ".xml", ".txt", ".js"):
        return path.read_text(encoding="utf-8", errors="replace")
    return None


def _resolves(tree: Path, url_path: str) -> bool:
    """Whether a path below the site's root is a file of the tree (aliases are symlinks)."""
    path = posixpath.normpath("/" + unquote(url_path)).lstrip("/")
    if path == ".":
        path = ""
    root = tree.resolve()
    for candidate in pagepath.files_for(path + "/" if path and url_path.endswith("/") else path):
        target = (tree / candidate).resolve()
        if target.is_relative_to(root) and target.is_file():
            return True
    return False


def _real_files(tree: Path) -> list[Path]:
    """Every file of the tree once: the version directories, not the aliases (symlinks) to them."""
    return sorted(Path(directory) / name for directory, _dirs, names in os.walk(tree) for name in names
                  if not (Path(directory) / name).is_symlink())


def self_link_problems(tree: Path, root: str) -> list[str]:
    """Absolute links to the site (`root`) anywhere in the tree that do not resolve, and links to
    a loopback address (a local build's address, never a published one)."""
    self_url = re.compile(re.escape(root) + r"[^\s\"'<>)\\]*")
    problems = []
    for path in _real_files(tree):
        text = _text_of(path)
        if text is None:
            continue
        shown = path.relative_to(tree).as_posix()
        for url in sorted(set(self_url.findall(text))):
            if not _resolves(tree, urlsplit(url).path[len(urlsplit(root).path):]):
                problems.append(f"{shown}: {url} does not exist in the published site")
        for url in sorted(set(_LOOPBACK.findall(text))):
            problems.append(f"{shown}: {url} is a loopback address (the site was built for local preview)")
    return problems


_POLICY_LINK = re.compile(r"https?://[^\s\"'<>)\\]*policy/")


def _policy_links(path: Path) -> list[str]:
    """The links to a policy page that a file carries where the profile link is given: the
    `policy` of accounts.json; any link on the profile-texts page and in the search index; the
    JSON-LD blocks of a page."""
    text = path.read_text(encoding="utf-8")
    if path.name == "accounts.json":
        return [json.loads(text).get("policy", "")]
    if path.parent.name == "profile-texts" or path.name == "search_index.json":
        return _POLICY_LINK.findall(text)
    return [link for block in _LD_JSON.findall(text) for link in _POLICY_LINK.findall(block)]


def policy_link_problems(tree: Path, root: str, versions: list[str]) -> list[str]:
    """The stable policy addresses exist, and every edition's profile links go to them."""
    address = SiteAddress(root=root)
    stable = {lang: address.stable(lang, "policy/") for lang in LANGS}
    problems = [f"{url}: the stable policy address does not exist on the branch" for lang, url in stable.items()
                if not _resolves(tree, f"{ALIAS}/{lang_root(lang)}policy/")]
    for version in versions:
        # (file, the links it may carry, whether it must carry one)
        places = [(tree / version / "search" / "search_index.json", set(stable.values()), False)]
        for lang in LANGS:
            base = tree / version / lang_root(lang)
            places += [(base / "accounts.json", {stable[lang]}, True),
                       (base / "profile-texts" / "index.html", {stable[lang]}, True),
                       (base / "policy" / "index.html", {stable[lang]}, False)]
        for path, allowed, required in places:
            shown = path.relative_to(tree).as_posix()
            if not path.is_file():
                problems.append(f"{shown}: missing from edition {version}")
                continue
            links = _policy_links(path)
            expected = " or ".join(sorted(allowed))
            problems += [f"{shown}: links to the policy at {link!r}, not at its stable address {expected}"
                         for link in dict.fromkeys(links) if link not in allowed]
            if required and not links:
                problems.append(f"{shown}: no link to the policy (expected {expected})")
    return problems


def tree_problems(tree: Path, root: str) -> list[str]:
    """Everything wrong with an unpacked branch published for the address `root`."""
    root = root.rstrip("/") + "/"
    versions = [entry["version"] for entry in json.loads((tree / "versions.json").read_text(encoding="utf-8"))]
    from . import linkcheck  # the build, which imports this module too, does not need it

    problems = [f"{version}/{p}" for version in versions for p in site_problems(tree / version)]
    problems += [str(p) for p in linkcheck.check_site(tree, site_url=root)]
    problems += self_link_problems(tree, root)
    problems += policy_link_problems(tree, root, versions)
    return problems


def branch_problems(repo: Path, branch: str, root: str) -> list[str]:
    """Everything wrong with what `branch` of `repo` publishes at `root` (see tree_problems)."""
    with tempfile.TemporaryDirectory(prefix="wakesite-published-") as tmp:
        return tree_problems(extract_branch(repo, branch, Path(tmp)), root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wakesite.checks.published", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path, help="a built site (mkdocs build -d SITE_DIR)")
    parser.add_argument("--branch", help="check this branch of the repository instead (what mike wrote)")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the repository holding the branch (default: .)")
    parser.add_argument("--root", help="with --branch: the address the branch is published at (SITE_URL)")
    args = parser.parse_args(argv)
    if args.branch:
        if not args.root:
            parser.error("--branch needs --root (the SITE_URL the editions were released for)")
        # Said before anything is read: a placeholder left in (--root "https://<the site's address>/")
        # or a typo would otherwise be reported as every link of the branch being wrong.
        problem = site_url_problem(args.root)
        if problem:
            parser.error(f"--root: {problem}")
        try:
            problems = branch_problems(args.repo, args.branch, args.root)
        except gitrepo.GitError as error:
            parser.error(f"--branch {args.branch}: cannot read it in {args.repo}: {error}")
    elif args.site_dir:
        if not args.site_dir.is_dir():
            parser.error(f"{args.site_dir}: no such folder (a built site: mkdocs build -d {args.site_dir})")
        problems = site_problems(args.site_dir)
    else:
        parser.error("give a built site or --branch")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
