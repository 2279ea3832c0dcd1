"""Plain mike, as the README shows it (section "Editions"), run exactly as written.

The README once said `.venv/bin/mike deploy --update-aliases 1.1 latest` works: it stopped with
"No such file or directory: 'properdocs'" (mike 2.2 builds with ProperDocs whenever it is
installed, and runs `properdocs` from PATH). The commands are read from the README's code block
and run, line by line, in one shell, in a copy of the project committed in a new repository, whose
`.venv` is this checkout's; PYTHONPATH names the copy's scripts/ (what the copy's own .venv would
give it; without it the build refuses to run another checkout's generator, tests/build/test_inputs.py).
"""
from __future__ import annotations

import os
import subprocess

from support import RELEASE_SITE_URL, ROOT, project_repository, readme_block, shell

import devenv


def test_plain_mike_works_as_the_readme_shows(tmp_path):
    commands = readme_block(". .venv/bin/activate\n")
    assert "mike deploy --update-aliases 1.1 latest" in commands and "mike set-default latest" in commands
    repo = project_repository(tmp_path / "repo")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    venv_bin = str(ROOT / ".venv" / "bin")
    env = devenv.build_env(repo, {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "VIRTUAL_ENV")})
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env["SITE_URL"] = RELEASE_SITE_URL
    env["WAKESITE_CACHE_DIR"] = "off"
    result = shell(commands, repo, env)
    assert result.returncode == 0, result.stdout + result.stderr
    tree = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", "gh-pages"], capture_output=True,
                          text=True, check=True).stdout.split()
    assert {"1.1", "latest", "index.html", "versions.json"} <= set(tree), tree
