"""The pages the public reads (home, /policy/, /accounts/, both languages), as a resident arriving
from an account's profile reads them: a way to reach the town, accounts that are not settled shown
as such, no staff links, no repository paths; and the 正誤表 declaring what the site adds."""
from __future__ import annotations

import html
import re

import pytest

from support import ROOT
from wakesite import site

PUBLIC_PAGES = ["index.html", "policy/index.html", "accounts/index.html",
                "en/index.html", "en/policy/index.html", "en/accounts/index.html"]


def article(built_site, page: str) -> str:
    """The page's main content as HTML with character references resolved (so that data text
    compares as written; attributes and tags stay visible to the patterns)."""
    text = html.unescape((built_site / page).read_text(encoding="utf-8"))
    match = re.search(r"<article\b.*?</article>", text, re.S)
    assert match, f"{page}: no <article>"
    return match.group(0)


def section(html: str, heading_id: str) -> str:
    """From the heading with `heading_id` to the next h2 (or the end)."""
    start = html.index(f'id="{heading_id}"')
    following = html.find("<h2", start)
    return html[start:following if following > 0 else len(html)]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_says_how_to_reach_the_town(built_site, page):
    contact = site.load_project(ROOT).accounts.contact
    lang = "en" if page.startswith("en/") else "ja"
    block = section(article(built_site, page), "contact")
    assert contact.department[lang] in block, page
    assert f'href="{contact.website}"' in block, page
    # Nothing the source does not give: no telephone or e-mail link until the town supplies one,
    # and the block says, in plain words, that they are being confirmed (no 要確認 badge: Q17 is the
    # errata's, one click away at the foot of the page).
    assert "tel:" not in block and "mailto:" not in block, page
    assert {"ja": "確認中です", "en": "are being confirmed"}[lang] in block and "wk-to-confirm" not in block, page
    for topic in contact.topics:
        assert topic.text[lang] in block, (page, topic.text[lang])


@pytest.mark.parametrize("page", ["policy/index.html", "accounts/index.html", "index.html",
                                  "en/policy/index.html", "en/accounts/index.html", "en/index.html"])
def test_public_pages_carry_no_staff_links_to_checklists(built_site, page):
    text = article(built_site, page)
    assert not re.search(r'href="[^"]*checklists/', text), f"{page} links to a checklist"
    assert "確認するチェックリスト" not in text and "Checked in" not in text, page


def test_the_guideline_keeps_its_links_to_the_checklists(built_site):
    for page in ("guideline/index.html", "en/guideline/index.html"):
        assert re.search(r'href="[^"]*checklists/pre-post/#item-', article(built_site, page)), page


@pytest.mark.parametrize("lang, page", [("ja", "accounts/index.html"), ("en", "en/accounts/index.html")])
def test_accounts_still_to_confirm_are_shown_as_such_with_a_reason(built_site, lang, page):
    text = article(built_site, page)
    registry = site.load_project(ROOT).accounts
    unsettled = [a for a in registry.accounts if a.to_confirm]
    assert {a.id for a in unsettled} == {"line-wakemaro", "instagram-official"}
    status = {"ja": "確認中", "en": "Being confirmed"}[lang]
    for account in registry.accounts:
        row = re.search(rf'<div class="wk-row" id="account-{account.id}">.*?</div>', text, re.S).group(0)
        if account.to_confirm:
            assert status in row and account.to_confirm_reason[lang] in row, account.id
            assert "errata/" not in row and 'rel="me"' not in row, account.id
        else:
            assert status not in row and 'rel="me"' in row, account.id


@pytest.mark.parametrize("lang, page", [("ja", "accounts/index.html"), ("en", "en/accounts/index.html")])
def test_the_accounts_page_promises_no_more_than_the_source(built_site, lang, page):
    text = article(built_site, page)
    # Units may run accounts of their own (6 なりすまし対策 2): the list cannot say that every other
    # account is not the town's.
    assert "ここにないアカウントは、町の公式アカウントではありません" not in text
    assert "is not an official town account" not in text
    # 5(3) and 6 なりすまし対策 1: official, with a link to the town's website.
    recognise = section(text, "recognise")
    assert {"ja": "町ホームページへのリンク", "en": "link to the town's website"}[lang] in recognise


@pytest.mark.parametrize("page", ["profile-texts/index.html", "en/profile-texts/index.html"])
def test_profile_texts_only_for_services_with_an_account_and_no_repository_paths(built_site, page):
    registry = site.load_project(ROOT).accounts
    text = article(built_site, page)
    on_registry = {a.platform.id for a in registry.accounts}
    shown = set(re.findall(r'<textarea id="profile-([a-z-]+)"', text))
    assert shown == on_registry and "x" not in shown
    assert "docs/_data" not in text and ".yml" not in text
    assert "参考）" not in text and "reference)" not in text  # 5(3) is a duty, not good practice


@pytest.mark.parametrize("page", ["errata/index.html", "en/errata/index.html"])
def test_the_errata_declare_every_editorial_addition_and_open_point(built_site, page):
    errata = site.load_project(ROOT).errata
    text = article(built_site, page)
    assert 'id="editorial"' in text
    for entry in errata.editorial + errata.to_confirm:
        assert f'id="{entry.id}"' in text, entry.id
    assert "No other change has been made" not in text and "掲載しています。訂正はこの表にあるものだけです。" not in text


def test_the_errata_declare_the_edition_label_the_statuses_and_the_easy_pages():
    """What the site shows that the source does not have is declared: the edition label and its
    dates (every page and sheet), the account statuses, the やさしい日本語 pages, the checklists."""
    import yaml
    strings = yaml.safe_load((ROOT / "scripts" / "wakesite" / "templates" / "strings.yml").read_text(encoding="utf-8"))
    declared = " ".join(entry.where.ja + entry.what.ja for entry in site.load_project(ROOT).errata.editorial)
    assert strings["cl_edition"]["ja"].replace("{label}", "1.0") in declared  # 第1.0版
    for key in ("status_active", "status_to_confirm", "status_retired"):
        assert f"「{strings[key]['ja']}」" in declared, key
    assert "やさしい日本語のページ" in declared and "決裁欄" in declared
