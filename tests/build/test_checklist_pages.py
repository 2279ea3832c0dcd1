"""The built checklist pages and their blank PDFs: every PDF link in the built site points to a
PDF that is there and opens; every checklist has its page and PDF in both languages."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from support import ROOT
from wakesite.site import load_project


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def pdf_links(site_dir: Path) -> list[tuple[str, Path]]:
    found = []
    for page in site_dir.rglob("*.html"):
        parser = _Hrefs()
        parser.feed(page.read_text(encoding="utf-8"))
        page_url = "/" + page.relative_to(site_dir).as_posix()
        for href in parser.hrefs:
            split = urlsplit(href)
            if split.scheme or split.netloc or not split.path.lower().endswith(".pdf"):
                continue
            target = unquote(urlsplit(urljoin(page_url, split.path)).path).lstrip("/")
            found.append((page_url, site_dir / target))
    return found


def test_every_pdf_link_points_to_a_pdf_that_opens(built_site):
    links = pdf_links(built_site)
    assert links, "no PDF links found in the built site"
    for page_url, target in links:
        assert target.is_file(), f"{page_url} links to {target.relative_to(built_site)}, which was not built"
        assert target.read_bytes()[:5] == b"%PDF-", f"{target} is not a PDF"
    for target in {t for _, t in links}:
        result = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True)
        assert result.returncode == 0, f"{target} does not open: {result.stderr}"


def test_each_checklist_has_page_and_pdf_in_both_languages(built_site):
    for checklist in load_project(ROOT).checklists:
        for prefix, lang in (("", "ja"), ("en/", "en")):
            folder = built_site / f"{prefix}checklists/{checklist.id}"
            html = (folder / "index.html").read_text(encoding="utf-8")
            assert f'href="{checklist.id}-blank-{lang}.pdf"' in html
            assert (folder / f"{checklist.id}-blank-{lang}.pdf").is_file()
            assert f'data-wk-storage-key="wakesite:checklist:{checklist.id}:' in html
            for item in checklist.items:
                assert f'id="item-{item.id}"' in html


APPROVAL_WORDS = {"ja": ("<legend>決裁欄</legend>", ">決裁日</label>", "報告（まち経営課）", "合議（所轄課）"),
                  "en": ("<legend>Approval</legend>", ">Date approved</label>", "Reported to: Town Management Division",
                         "Consulted: division in charge")}


def test_every_sheet_has_its_approval_box_in_both_languages(built_site):
    """決裁欄 on every sheet: the stamp boxes as the data lists them (所属長 on the left), the date, the
    box for one person in both roles, the approval status where approval may be omitted (and how to
    fill the box then), 報告（まち経営課） right of 担当者 where the guideline has the unit report to
    it (a report, not an approval), and on the pre-post sheet the 所轄課's approval (合議) of a reply."""
    for checklist in load_project(ROOT).checklists:
        approval = checklist.approval
        for prefix, lang in (("", "ja"), ("en/", "en")):
            html = (built_site / f"{prefix}checklists/{checklist.id}/index.html").read_text(encoding="utf-8")
            start = html.index('<fieldset class="wk-cl-approval"')
            box = html[start:html.index("</form>", start)]
            legend, date, report, consult = APPROVAL_WORDS[lang]
            assert legend in box and date in box and "押印欄" not in html, checklist.id
            assert re.findall(r'data-wk-stamp="([\w-]+)"', box) == [s.id for s in approval.stamps + approval.report + approval.consult]
            row = re.search(r'<div class="wk-cl-stamps__row">(.*?)\n</div>', box, re.S).group(1)
            assert re.findall(r'data-wk-stamp="([\w-]+)"', row)[-1] == (approval.report[0].id if approval.report else "staff")
            assert [s.id for s in approval.stamps][:2] == ["head", "manager"]
            assert ">Person responsible for operation (deputy division head or above)<" in box or lang == "ja"
            assert 'id="wk-a-combined"' in box and box.count('class="wk-cl-stamp__mark"') == 1
            assert box.count('name="field:approval.route"') == len(approval.route)
            assert (report in box) == bool(approval.report), checklist.id
            assert (consult in box) == bool(approval.consult), checklist.id
            assert ('class="wk-cl-approval__omitted"' in box) == bool(approval.route), checklist.id
            assert "合議（まち経営課）" not in box and "Consulted: Town Management Division" not in box
    by_id = {c.id: c for c in load_project(ROOT).checklists}
    assert {c.id for c in by_id.values() if c.approval.report} == {"account-setup", "incident-password-leak"}
    assert [c.id for c in by_id["account-setup"].approval.report[0].refs] == ["report-to-management-division"]
    assert [c.id for c in by_id["incident-password-leak"].approval.report[0].refs] == ["security-3", "impersonation-3"]
    # A reply's content is approved by the division in charge (5(2) comment handling 1): its box
    # is there only when "this is a reply" is set.
    (division,) = by_id["pre-post"].approval.consult
    assert division.when.field.id == "reply" and [c.id for c in division.refs] == ["policy-comments-1"]
    assert {c.id for c in by_id.values() if c.approval.consult} == {"pre-post"}
    assert [o.id for o in by_id["pre-post"].approval.route] == [
        "approved", "omitted-urgent", "omitted-simple-reply", "omitted-routine"]
    assert [c.id for o in by_id["pre-post"].approval.route for c in o.refs] == [
        "approval-required", "approval-exception-1", "approval-exception-2", "approval-exception-3"]


def test_index_links_every_checklist_and_pdf(built_site):
    for prefix, lang in (("", "ja"), ("en/", "en")):
        html = (built_site / f"{prefix}checklists/index.html").read_text(encoding="utf-8")
        for checklist in load_project(ROOT).checklists:
            assert f'href="{checklist.id}/"' in html
            assert f'href="{checklist.id}/{checklist.id}-blank-{lang}.pdf"' in html


CHECKLIST_JS = re.compile(r'<script defer src="[./]*assets/javascripts/checklist\.js"')
CHECKLIST_CSS = re.compile(r'<link rel="stylesheet" href="[./]*assets/stylesheets/checklist\.css"')


def test_checklist_assets_are_local_and_only_on_checklist_pages(built_site):
    for prefix in ("", "en/"):
        html = (built_site / f"{prefix}checklists/pre-post/index.html").read_text(encoding="utf-8")
        assert CHECKLIST_JS.search(html) and CHECKLIST_CSS.search(html)
        # The public reads /policy/ on a phone: it carries no checklist code.
        policy = (built_site / f"{prefix}policy/index.html").read_text(encoding="utf-8")
        assert not CHECKLIST_JS.search(policy) and not CHECKLIST_CSS.search(policy)
        assert "checklist." not in policy.split("</head>")[0]


def test_the_index_and_each_checklist_give_the_same_count(built_site):
    """One count of duties (Checklist.counts): the index once said 21 for the pre-post list while
    its page counted 16 (the conditional ones left out). Now both say the same words."""
    for prefix in ("", "en/"):
        index = (built_site / f"{prefix}checklists/index.html").read_text(encoding="utf-8")
        for checklist in load_project(ROOT).checklists:
            page = (built_site / f"{prefix}checklists/{checklist.id}/index.html").read_text(encoding="utf-8")
            on_page = re.search(r'<span class="wk-cl-counts" data-wk-counts>([^<]+)</span>', page).group(1).strip()
            entry = re.search(rf'<strong><a href="{checklist.id}/">.*?<span class="wk-cl-counts">([^<]+)</span>', index, re.S)
            assert entry and entry.group(1).strip() == on_page, f"/{prefix}checklists/: {checklist.id}"
            assert str(checklist.counts["duties"]) in on_page
