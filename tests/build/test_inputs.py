"""A build checks what it reads before it reads it (wakesite.plugin, on_config): the address it
builds for, and that no file of docs/, overrides/ or checklists/ is a link
out of the project. Each case is the real `mkdocs build --strict`, which must stop at once, say why,
print nothing of what a link points to, and write nothing: of a copy of the project with a link
planted in it, or of the project itself, in this process, for the site's address.

Before: docs/leak.css, a link to a file outside, was published as /leak.css by a strict build; a
data file linked outside was printed whole in the build's error; a SITE_URL with markup ran script
on every page (the canonical link), and one with a password published it in every page."""
from __future__ import annotations

import pytest

from support import build_in_process, build_site, copy_project

SECRET = "wk-secret-content"


@pytest.fixture
def project(tmp_path):
    config = copy_project(tmp_path / "project")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}: first line\n{SECRET}: second line\n", encoding="utf-8")
    return config


def _failed_before_writing(result, site_dir) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert not site_dir.exists(), "the build wrote a site"
    assert "Aborted with a BuildError" in output and "nothing was built" in output, output
    return output


@pytest.mark.parametrize("planted", ["docs/leak.css", "docs/_data/guideline.yml", "overrides/main.html",
                                     "checklists/pre-post.yml"])
def test_a_link_out_of_the_project_stops_the_build_naming_it(project, tmp_path, planted):
    link = project.parent / planted
    link.unlink(missing_ok=True)
    link.symlink_to(tmp_path / "outside" / "secret.txt")
    site_dir = tmp_path / "site"
    output = _failed_before_writing(build_site(project, site_dir), site_dir)
    assert f"{planted}: a link to {tmp_path / 'outside' / 'secret.txt'}, outside the project" in output, output
    assert SECRET not in output


@pytest.mark.parametrize("site_url, expected", [
    ('https://example.org/"><script>alert(1)</script>/', "holds '\"'"),
    ("https://user:secret@example.org/sns/", "has a user name or password before '@'"),
    ("https://example.org/sns/../x/", "has a '.', '..' or empty segment"),
    ("https://example.org/sns/?x=1", "has a query or a fragment"),
    ("http://example.org/sns/", "is not an https:// address"),
])
def test_a_site_url_that_is_not_an_address_stops_the_build_first(tmp_path, monkeypatch, site_url, expected):
    """Built in this process from the project itself: nothing of it needs changing."""
    monkeypatch.setenv("SITE_URL", site_url)
    site_dir = tmp_path / "site"
    built = build_in_process(site_dir)
    assert not built.ok and not site_dir.exists(), built.log
    assert "Aborted with a BuildError" in built.log and "nothing was built" in built.log, built.log
    assert expected in built.log and "secret" not in built.log, built.log
