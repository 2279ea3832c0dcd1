"""要確認 marks and notes, as readers meet them in the built site.

Staff pages: every point of the 正誤表 shows its mark beside the clause it names (the paragraph, item
or row label that holds its quoted text), whether that clause sits under a chapter heading, a
section heading or in a table; the mark is never put in a heading (the table of contents and the
search titles would carry it). Public pages (home, /policy/, /accounts/, the やさしい日本語 pages):
no mark, no editing note of the errata; a plain 確認中 where it changes what a resident does, and
the errata one click away. An address still in question is text, not a link."""
from __future__ import annotations

import html
import re

import pytest

from support import ROOT
from wakesite import site

BLOCK = re.compile(r"<(p|li|dt)\b[^>]*>.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
PUBLIC = ["index.html", "policy/index.html", "accounts/index.html", "easy/index.html", "easy/policy/index.html",
          "easy/accounts/index.html", "en/index.html", "en/policy/index.html", "en/accounts/index.html"]


def article(built_site, page: str) -> str:
    text = (built_site / page).read_text(encoding="utf-8")
    return re.search(r"<article\b.*?</article>", text, re.S).group(0)


def blocks(page_html: str) -> list[str]:
    """The paragraphs, items and row labels of the guideline's text (from its first chapter), in
    order (none of them nests another)."""
    return [m.group(0) for m in BLOCK.finditer(page_html[page_html.index('id="introduction"'):])]


def words(block: str) -> str:
    return html.unescape(TAG.sub("", block))


def test_every_open_point_is_marked_beside_the_clause_it_names(built_site):
    entries = site.load_project(ROOT).errata.to_confirm
    assert len(entries) >= 18
    ja, en = blocks(article(built_site, "guideline/index.html")), blocks(article(built_site, "en/guideline/index.html"))
    assert len(ja) == len(en)  # the same clauses in the same order
    for entry in entries:
        link = f'href="../errata/#{entry.id}"'
        marked = [i for i, block in enumerate(ja) if link in block]
        assert len(marked) == 1, f"{entry.id}: marked {len(marked)} times on /guideline/"
        # Beside its clause: in the block that holds the quoted text (a visually hidden Q id aside).
        assert entry.text in words(ja[marked[0]]), (entry.id, words(ja[marked[0]]))
        assert link in en[marked[0]], f"{entry.id}: not beside the same clause on /en/guideline/"
    # Chapters and sections too (Q9 5(1), Q12 2, Q14 3, Q15 1, Q17 5(2), Q18 5(3) were once unmarked).
    on_headings = {e.id for e in entries if e.on.kind in ("chapter", "section")}
    assert {"Q9", "Q12", "Q14", "Q15", "Q17", "Q18"} <= on_headings
    for page in ("guideline/index.html", "en/guideline/index.html"):
        headings = re.findall(r"<h[1-6]\b.*?</h[1-6]>", article(built_site, page), re.S)
        assert not [h for h in headings if "wk-to-confirm" in h], page


@pytest.mark.parametrize("page", PUBLIC)
def test_public_pages_carry_no_mark_and_no_editing_note(built_site, page):
    """Residents get 確認中 in plain words, not the staff's 要確認 badge or the errata's notes."""
    full = (built_site / page).read_text(encoding="utf-8")
    text = words(article(built_site, page))
    assert "wk-to-confirm" not in full, page  # the footer included
    assert "要確認" not in text and "To be confirmed" not in text, page
    for entry in site.load_project(ROOT).errata.to_confirm:
        for lang in ("ja", "en"):
            assert entry.note[lang][:40] not in text, (page, entry.id)
    for phrase in ("確認が必要", "原文のまま掲載した", "needs to be confirmed", "kept as written"):
        assert phrase not in text, (page, phrase)


@pytest.mark.parametrize("page, pending, errata_link", [
    ("policy/index.html", "確認中", 'href="../errata/"'), ("accounts/index.html", "確認中", 'href="../errata/#to-confirm"'),
    ("en/policy/index.html", "Being confirmed", 'href="../errata/"'),
    ("en/accounts/index.html", "Being confirmed", 'href="../errata/#to-confirm"'),
])
def test_what_is_being_confirmed_is_said_plainly_with_the_details_one_click_away(built_site, page, pending, errata_link):
    text = article(built_site, page)
    registry = site.load_project(ROOT).accounts
    for account in registry.accounts:
        row = re.search(rf'<div class="wk-row" id="account-{account.id}">.*?</div>', text, re.S).group(0)
        assert (pending in row) == bool(account.to_confirm), (page, account.id)
    assert errata_link in text, page


def test_an_address_in_question_is_text_on_every_page(built_site):
    """The LINE address of 5(2) (要確認 Q2: a web chat, on a domain the town may not control) is no
    link anywhere until it is confirmed; the others are links."""
    registry = site.load_project(ROOT).accounts
    (line,) = [a for a in registry.accounts if not a.linked]
    assert line.id == "line-wakemaro" and line.to_confirm == "Q2"
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        assert f'href="{line.url}"' not in path.read_text(encoding="utf-8"), path.relative_to(built_site)
    for page in ("policy/index.html", "accounts/index.html", "easy/policy/index.html", "easy/accounts/index.html",
                 "guideline/index.html", "en/guideline/index.html"):
        assert line.url in article(built_site, page), page
    assert 'href="https://facebook.com/town.wake/"' in article(built_site, "policy/index.html")


def test_every_page_names_its_edition_and_says_it_has_no_date(built_site):
    """Municipal pages say when they were revised: the edition's dates from edition.yml, never a
    date the source does not give. Edition 1.0 has none: staff pages say so with the 要確認 mark of
    Q15, public pages say the dates are being confirmed."""
    edition = site.load_project(ROOT).edition
    assert edition.enacted is None and edition.effective is None and edition.to_confirm == "Q15"
    footer = re.compile(r'<p class="wk-edition-footer__text".*?</p>', re.S)
    for page, expected in (("guideline/index.html", "（策定日・施行日の記載なし）"), ("errata/index.html", "（策定日・施行日の記載なし）"),
                           ("checklists/pre-post/index.html", "（策定日・施行日の記載なし）"),
                           ("en/guideline/index.html", "(no date of adoption or entry into force given)")):
        text = footer.search((built_site / page).read_text(encoding="utf-8")).group(0)
        assert "1.0" in text and expected in words(text) and '#Q15"' in text, page
    for page in PUBLIC:
        text = footer.search((built_site / page).read_text(encoding="utf-8")).group(0)
        assert "1.0" in text and ("（策定日・施行日は確認中）" in text or "(dates being confirmed)" in text), page
