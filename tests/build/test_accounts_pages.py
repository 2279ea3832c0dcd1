"""The accounts registry on the built site: policy table, JSON-LD, rel="me", /accounts.json,
official-accounts page and profile texts all come from docs/_data/accounts.yml."""
from __future__ import annotations

import json

from support import ROOT, account_claims as collect
from wakesite import site


def test_policy_page_claims_the_active_confirmed_accounts(built_site):
    active = [a.url for a in site.load_project(ROOT).accounts.claimed]
    assert active == ["https://facebook.com/town.wake/"]  # LINE (Q2) and Instagram (Q1) wait for the town
    for page in ("policy/index.html", "en/policy/index.html"):
        found = collect(built_site / page)
        assert len(found.json_ld) == 1, page
        data = json.loads(found.json_ld[0])
        assert data["@type"] == "GovernmentOrganization" and data["sameAs"] == active, page
        assert found.rel_me == active, page


def test_accounts_json_in_both_languages(built_site):
    registry = site.load_project(ROOT).accounts
    for path, policy in (("accounts.json", "latest/policy/"), ("en/accounts.json", "latest/en/policy/")):
        document = json.loads((built_site / path).read_text(encoding="utf-8"))
        assert [a["url"] for a in document["accounts"]] == [a.url for a in registry.accounts]
        assert document["policy"] == "http://127.0.0.1:8000/" + policy  # the build's SITE_URL + the stable path


def test_official_accounts_page_and_profile_texts_exist(built_site):
    accounts_page = (built_site / "accounts" / "index.html").read_text(encoding="utf-8")
    assert "このページに掲載しているなりすましアカウントはありません" in accounts_page
    texts = (built_site / "profile-texts" / "index.html").read_text(encoding="utf-8")
    assert texts.count("<textarea") == len(site.load_project(ROOT).accounts.platforms)
