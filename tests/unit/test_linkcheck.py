"""wakesite.checks.linkcheck against tiny hand-written built sites in tests/fixtures/sites/."""
from __future__ import annotations

from pathlib import Path

import pytest

from wakesite.checks import linkcheck
from wakesite.checks.linkcheck import LinkProblem

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
FACEBOOK_TYPO = "https//facebook.com/town.wake/"


def only_problem(site: str, **kwargs) -> LinkProblem:
    problems = linkcheck.check_site(SITES / site, **kwargs)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def write_site(root: Path, body: str) -> Path:
    """A two-page site whose policy page holds `body`; returns the site directory."""
    (root / "policy").mkdir(parents=True)
    (root / "index.html").write_text('<h1 id="home">home</h1>\n', encoding="utf-8")
    (root / "policy" / "index.html").write_text(f'<h1 id="purpose">p</h1>\n{body}\n', encoding="utf-8")
    return root


def test_good_site_has_no_problems():
    assert linkcheck.check_site(SITES / "good") == []


def test_broken_link():
    problem = only_problem("broken-link")
    assert (problem.page, problem.line, problem.href) == ("policy/index.html", 6, "../missing/")
    assert problem.message == "broken internal link: /missing/ does not exist"


def test_missing_anchor():
    problem = only_problem("missing-anchor")
    assert (problem.page, problem.line, problem.href) == ("policy/index.html", 6, "../#nowhere")
    assert problem.message == "missing anchor #nowhere in index.html"


def test_malformed_href_is_not_reported_as_a_broken_internal_link():
    # Only one problem: the link's own text repeats the URL but is not reported again.
    problem = only_problem("malformed-url")
    assert (problem.page, problem.line, problem.href) == ("policy/index.html", 6, FACEBOOK_TYPO)
    assert problem.message.startswith("malformed URL:")


def test_malformed_url_in_plain_text():
    expected = LinkProblem("policy/index.html", 6, FACEBOOK_TYPO, "malformed URL in text")
    assert linkcheck.check_site(SITES / "malformed-url-text") == [expected]


def test_http_external_link():
    problem = only_problem("http-external")
    assert (problem.page, problem.line, problem.href) == ("policy/index.html", 6, "http://www.example.com/town/")
    assert problem.message == "external link is not https"


def test_problem_str():
    problem = LinkProblem("en/policy/index.html", 12, "../x/", "broken internal link: /x/ does not exist")
    assert str(problem) == "en/policy/index.html:12: ../x/: broken internal link: /x/ does not exist"


@pytest.mark.parametrize(
    "href",
    [
        FACEBOOK_TYPO,
        "https;//facebook.com/",
        "https:/facebook.com/",
        "https:///facebook.com/",
        "https://",
        "https://facebook .com/",
        "https://-bad-.com/",
        "https://bad_host.com/",
        "https://facebook/",
        "https://example.com:99999/",
        "https://example.com:port/",
        "https://[not-an-ip]/",
        "htps://example.com/",
        "www.example.com/town/",
    ],
)
def test_malformed_urls(tmp_path, href):
    site = write_site(tmp_path, f'<a href="{href}">x</a>')
    [problem] = linkcheck.check_site(site)
    assert problem.href == href
    assert problem.message.startswith("malformed URL:"), problem.message


@pytest.mark.parametrize(
    "href",
    [
        "",
        "#",
        "#top",  # browsers scroll to the top without such an id
        "#purpose",
        "mailto:info@example.jp",
        "tel:0869-93-1121",
        "javascript:void(0)",
        "data:image/png;base64,AAAA",
        " ../#home ",  # browsers strip surrounding whitespace
        "..",
        "../index.html?q=1#home",
        "https://例え.jp/path",
        "https://example.com:8443/x?q=a b#f".replace(" ", "%20"),
        "https://[2001:db8::1]/",
    ],
)
def test_acceptable_urls(tmp_path, href):
    site = write_site(tmp_path, f'<a href="{href}">x</a>')
    assert linkcheck.check_site(site) == []


def test_protocol_relative_external_link_is_not_https(tmp_path):
    site = write_site(tmp_path, '<a href="//www.example.com/">x</a>')
    [problem] = linkcheck.check_site(site)
    assert problem.message.startswith("external link is not https")


def test_internal_links_are_case_sensitive(tmp_path):
    # GitHub Pages is case-sensitive even when the disk the test runs on is not.
    site = write_site(tmp_path, '<a href="../Policy/">x</a>')
    [problem] = linkcheck.check_site(site)
    assert problem.message == "broken internal link: /Policy/ does not exist"


def test_img_script_and_link_are_checked(tmp_path):
    body = '<img src="a.png">\n<script src="/b.js"></script>\n<link rel="icon" href="../c.ico">'
    problems = linkcheck.check_site(write_site(tmp_path, body))
    assert [(p.line, p.href) for p in problems] == [(2, "a.png"), (3, "/b.js"), (4, "../c.ico")]


def test_404_page_is_checked(tmp_path):
    site = write_site(tmp_path, "")
    (site / "404.html").write_text('<a href="/gone/">x</a>', encoding="utf-8")
    [problem] = linkcheck.check_site(site)
    assert (problem.page, problem.href) == ("404.html", "/gone/")


def test_text_in_scripts_and_marked_elements_is_not_scanned(tmp_path):
    body = (
        f'<script>var u = "{FACEBOOK_TYPO}";</script>\n'
        f"<p><del>{FACEBOOK_TYPO}</del></p>\n"
        f'<dl data-linkcheck="ignore"><dd><span>{FACEBOOK_TYPO}</span></dd></dl>\n'
        f"<p>原文は{FACEBOOK_TYPO}。</p>"
    )
    problems = linkcheck.check_site(write_site(tmp_path, body))
    # The last one is glued to Japanese text and still found, without the "。".
    assert [(p.line, p.href, p.message) for p in problems] == [(5, FACEBOOK_TYPO, "malformed URL in text")]


def test_site_url_makes_own_absolute_links_internal():
    site = SITES / "site-url"
    problem = only_problem("site-url", site_url="https://example.org/site/")
    assert (problem.page, problem.line, problem.href) == ("index.html", 9, "https://example.org/site/missing/")
    assert problem.message == "broken internal link: /site/missing/ does not exist"
    # Without site_url those are external (and well-formed), while "/site/policy/" now
    # points at a folder the site does not have.
    [problem] = linkcheck.check_site(site)
    assert (problem.line, problem.href) == (8, "/site/policy/")
    assert problem.message.startswith("broken internal link:")


def test_site_url_anchor_is_checked(tmp_path):
    site = write_site(tmp_path, "")
    (site / "index.html").write_text('<a href="https://example.org/site/policy/#nope">x</a>', encoding="utf-8")
    [problem] = linkcheck.check_site(site, site_url="https://example.org/site")
    assert problem.message == "missing anchor #nope in policy/index.html"


def test_main_exit_codes(capsys):
    assert linkcheck.main([str(SITES / "good")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4 pages, 20 links checked, 0 problems"

    assert linkcheck.main([str(SITES / "broken-link")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "policy/index.html:6: ../missing/: broken internal link: /missing/ does not exist",
        "2 pages, 3 links checked, 1 problems",
    ]


def test_main_site_url_option():
    assert linkcheck.main([str(SITES / "site-url"), "--site-url", "https://example.org/site/"]) == 1
