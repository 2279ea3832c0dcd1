"""The round trip a maintainer follows (README, "The town's Word document"), run as written: export →
the town's edit in Word (here python-docx) → import → review → 新旧対照表 → commit → release →
push.

In a copy of the project committed in a new repository (edition 1.0 tagged), with this checkout's
.venv first on PATH (what `python3 scripts/word.py` re-executes into) and HOME a folder of the test
(the README writes the documents to ~/). The release of the revised edition is refused while the
English of the reworded clause is under review, and published with --accept-stale-english: its
English pages then say so, beside the clause and at the top of every page; the Japanese ones do not.
"""
from __future__ import annotations

import os
import subprocess

import docx

import devenv
import word_documents as wd
from support import RELEASE_SITE_URL, ROOT, project_repository, readme_block, run_readme_lines, shell
from wakesite import gitrepo

EDITION = '''label: "1.1"
editions:
  - label: "1.1"
    enacted: null
    effective: null
    to_confirm: Q15
    tag: edition-1.1
    changes: {ja: 4(5)ウの表現を改めました。, en: Reworded 4(5)(c).}
'''


def test_the_maintainers_round_trip_as_the_readme_shows_it(tmp_path):
    repo = project_repository(tmp_path / "repo")
    (repo / ".gitignore").write_text((repo / ".gitignore").read_text(encoding="utf-8") + ".venv\n", encoding="utf-8")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    gitrepo.run(repo, "commit", "-qam", "ignore .venv")
    gitrepo.run(repo, "tag", "edition-1.0")
    home = tmp_path / "home"
    home.mkdir()
    env = devenv.build_env(repo, {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "VIRTUAL_ENV")})
    env.update(HOME=str(home), SITE_URL=RELEASE_SITE_URL, WAKESITE_CACHE_DIR="off",
               PATH=str(ROOT / ".venv" / "bin") + os.pathsep + env.get("PATH", ""))

    run_readme_lines(readme_block("python3 scripts/word.py export-guideline ~/guideline.docx\n"), repo, env)
    exported = home / "guideline.docx"
    assert docx.Document(str(exported)).paragraphs[0].text == "ソーシャルメディア運用ガイドライン"
    wd.edit(exported, exported, wd.REWORDED[0], "ウ　事実に反する内容")  # まち経営課's edit in Word

    dry_run, imported, diff, comparison = run_readme_lines(
        readme_block("python3 scripts/word.py import ~/guideline.docx --dry-run\n"), repo, env)
    assert "97 unchanged, 1 reworded, 0 moved, 0 new, 0 removed" in dry_run.stdout
    assert "reworded   4(5)ウ (prohibited-untrue)" in imported.stdout
    assert "-                    ja: 事実と異なる内容\n+                    ja: 事実に反する内容\n" in diff.stdout
    assert "+                  en_review: changed\n" in diff.stdout
    assert "1 change(s) in 3 row(s)" in comparison.stdout
    assert (home / "新旧対照表.docx").exists() and (home / "新旧対照表.pdf").exists()

    (repo / "docs" / "_data" / "edition.yml").write_text(_with_edition(repo), encoding="utf-8")
    commit, release = readme_block('git commit -am "Edition 1.1: the town\'s revision"\n').strip().splitlines()
    run_readme_lines(commit, repo, env)
    # The README's one-command release, copied with its placeholder left in: refused before anything.
    placeholder = readme_block('SITE_URL="https://<the site\'s address>/" python3 scripts/release.py 1.1\n').strip()
    unaddressed = shell(placeholder, repo, env)
    assert unaddressed.returncode == 1 and unaddressed.stdout == "", unaddressed.stdout + unaddressed.stderr
    assert unaddressed.stderr == ("release: SITE_URL \"https://<the site's address>/\" holds '<': an address has no "
                                  "spaces, quotes, markup or non-ASCII characters\n"), unaddressed.stderr
    assert not gitrepo.has_ref(repo, "refs/heads/gh-pages") and not gitrepo.has_ref(repo, "refs/tags/edition-1.1")
    refused = shell("python3 scripts/release.py 1.1", repo, env)
    assert refused.returncode == 1
    assert ("the English of 1 clause(s) is marked for review in docs/_data/guideline.yml (en_review): 4(5)ウ "
            "(prohibited-untrue: changed)") in refused.stderr
    assert not gitrepo.has_ref(repo, "refs/heads/gh-pages") and not gitrepo.has_ref(repo, "refs/tags/edition-1.1")
    run_readme_lines(release, repo, env)

    english = gitrepo.run(repo, "show", "gh-pages:1.1/en/guideline/index.html")
    japanese = gitrepo.run(repo, "show", "gh-pages:1.1/guideline/index.html")
    assert "The Japanese of this edition was revised and the English of 1 clause(s) is still being reviewed" in english
    item = english[english.index('<li id="prohibited-untrue">'):]
    assert item[:item.index("</li>")].count("(The Japanese was revised: this English is being reviewed.)") == 1
    assert "wk-en-review" not in japanese and "wk-stale-english" not in japanese
    assert "wk-stale-english" in gitrepo.run(repo, "show", "gh-pages:1.1/en/policy/index.html")

    # The README's check of a branch on its own, as written (its root a placeholder: refused before the
    # branch is read), then with the address the branch was released for: nothing wrong.
    check = ".venv/bin/python -m wakesite.checks.published --branch gh-pages --root \"https://<the site's address>/\""
    assert f"`{check}`" in (ROOT / "README.md").read_text(encoding="utf-8")
    placeholder_root = shell(check, repo, env)
    assert placeholder_root.returncode == 2 and placeholder_root.stderr.endswith(
        "error: --root: SITE_URL \"https://<the site's address>/\" holds '<': an address has no spaces, quotes, "
        "markup or non-ASCII characters\n"), placeholder_root.stderr
    released_root = shell(check.replace("https://<the site's address>/", RELEASE_SITE_URL), repo, env)
    assert (released_root.returncode, released_root.stdout, released_root.stderr) == (0, "0 problems\n", "")

    # Publishing is the README's separate step, run as written: here `origin` is a bare repository
    # of the test (the town's would be on its git host).
    remote = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    gitrepo.run(repo, "remote", "add", "origin", str(remote))
    run_readme_lines(readme_block("git push origin gh-pages edition-1.1\n"), repo, env)
    for ref in ("refs/heads/gh-pages", "refs/tags/edition-1.1"):
        assert gitrepo.run(remote, "rev-parse", ref) == gitrepo.run(repo, "rev-parse", ref), ref


def _with_edition(repo) -> str:
    """edition.yml with edition 1.1 added on top (label set to it), as the README says to do by hand."""
    text = (repo / "docs" / "_data" / "edition.yml").read_text(encoding="utf-8")
    head, entries = text.split('label: "1.0"\neditions:\n', 1)
    return head + EDITION + entries
