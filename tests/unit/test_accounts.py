"""The accounts registry: validation, profile texts within limits, JSON-LD and accounts.json."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import DATA_SCHEMAS, ROOT
from wakesite import accounts, site
from wakesite.datafile import DataErrors
from wakesite.versions import SiteAddress

ACCOUNTS = ROOT / "docs" / "_data" / "accounts.yml"
TEXT = ACCOUNTS.read_text(encoding="utf-8")
# A plausible public address, longer than the default, to keep a margin in the length checks.
LONG_SITE_URL = "https://www.town.wake.example.lg.jp/sns-guideline/"


def variant(tmp_path: Path, old: str, new: str) -> Path:
    assert old in TEXT, old
    path = tmp_path / "accounts.yml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        ("    url: https://www.instagram.com/official.wake.town/", "    url: http://www.instagram.com/official.wake.town/",
         "http://www.instagram", "account 'instagram-official': URL must start with https://"),
        ("    url: https://www.instagram.com/official.wake.town/", "    url: https//www.instagram.com/official.wake.town/",
         "https//www", "account 'instagram-official': URL must start with https://"),
        ("    handle: official.wake.town", "    handle: town.wake\n    # same handle as the Facebook page, but another platform: fine",
         None, None),
        ("    platform: instagram\n", "    platform: tiktok\n",
         "platform: tiktok", "account 'instagram-official': unknown platform 'tiktok'; known: facebook, instagram, line"),
        # A profile text for a service the town has no account on (an X text, once) is refused.
        ("accounts:\n", "  - id: x\n    name: X\n    hosts: [{names: [x.com], source: {ja: 例, en: e.g.}}]\n    profile:\n      field: {ja: 自己紹介, en: bio}\n      limit: 160\n"
         "      confirmed: false\n      source: {ja: 未確認, en: unconfirmed}\n      text: {ja: 公式, en: official}\n\naccounts:\n",
         "  - id: x", "platform 'x': no account in `accounts` is on this platform: remove the platform, or add its account"),
        ("  phone: null", "  phone: 0869-99-9999x", "phone: 0869", "contact/phone: '0869-99-9999x' does not match"),
        ("  website: https://www.town.wake.lg.jp/", "  website: http://www.town.wake.lg.jp/",
         "website: http:", "contact: URL must start with https://"),
        ("  to_confirm: Q17\n", "", "  phone: null",
         None),  # no 要確認 named: checked below, on the contact entry's own line
    ],
)
def test_bad_account_data_names_file_line_and_entry(tmp_path, old, new, needle, expected):
    path = variant(tmp_path, old, new)
    if expected is None and "to_confirm" in old:
        with pytest.raises(DataErrors) as raised:
            accounts.load(path, schema_dir=DATA_SCHEMAS)
        assert f"accounts.yml:{line_of(path, '  department:')}: contact: no phone, email or form: name the 要確認 entry" \
            in str(raised.value)
        return
    if expected is None:
        accounts.load(path, schema_dir=DATA_SCHEMAS)  # a handle may repeat across platforms
        return
    with pytest.raises(DataErrors) as raised:
        accounts.load(path, schema_dir=DATA_SCHEMAS)
    message = str(raised.value)
    assert f"accounts.yml:{line_of(path, needle)}:" in message, message
    assert expected in message, message


def test_missing_url_is_named(tmp_path):
    path = variant(tmp_path, "    url: https://www.instagram.com/official.wake.town/\n", "")
    with pytest.raises(DataErrors, match=r"accounts.yml:\d+: accounts/2: 'url' is missing"):
        accounts.load(path, schema_dir=DATA_SCHEMAS)


def test_duplicate_handle_on_one_platform_is_refused(tmp_path):
    extra = ("  - id: instagram-copy\n    platform: instagram\n    name: copy\n    handle: Official.Wake.Town\n"
             "    url: https://www.instagram.com/copy/\n    status: active\n\nimpersonators: []")
    path = variant(tmp_path, "\n# Where the public reaches", extra.replace("\n\nimpersonators: []", "\n\n# Where the public reaches"))
    with pytest.raises(DataErrors) as raised:
        accounts.load(path, schema_dir=DATA_SCHEMAS)
    assert "account 'instagram-copy': duplicate handle 'Official.Wake.Town' on instagram" in str(raised.value)


@pytest.fixture(scope="module")
def registry():
    return site.load_project(ROOT).accounts


@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8000/", LONG_SITE_URL])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_profile_texts_fit_their_platform(registry, site_url, lang):
    policy_url = SiteAddress.of_build(site_url, None).stable(lang, "policy/")
    for platform in registry.platforms:
        text = registry.profile_text(platform, lang, policy_url)
        assert len(text) <= platform.limit, f"{platform.name} ({lang}): {len(text)} > {platform.limit}: {text}"
        if not platform.url_elsewhere:
            assert policy_url in text


@pytest.mark.parametrize("lang, expected", [("ja", LONG_SITE_URL + "latest/policy/"),
                                            ("en", LONG_SITE_URL + "latest/en/policy/")])
def test_profile_texts_use_the_stable_policy_url_and_no_shortener(registry, lang, expected):
    policy_url = SiteAddress.of_build(LONG_SITE_URL, None).stable(lang, "policy/")
    for platform in registry.platforms:
        text = registry.profile_text(platform, lang, policy_url)
        for url in re.findall(r"https?://\S+", text):
            assert url == expected


def test_json_ld_claims_exactly_the_active_confirmed_accounts(tmp_path):
    """Retired accounts and accounts still 要確認 (LINE's web-chat address on a domain the town may
    not control, Q2) are not claimed; accounts.json lists every account with its 要確認 id."""
    path = variant(tmp_path, "    status: active\n    since: null\n    to_confirm: Q1", "    status: retired\n    since: null\n    to_confirm: Q1")
    registry = accounts.load(path, schema_dir=DATA_SCHEMAS)
    ld = accounts.json_ld(registry)
    assert ld["@type"] == "GovernmentOrganization"
    assert ld["sameAs"] == ["https://facebook.com/town.wake/"]
    document = accounts.accounts_document(registry, "https://example.org/latest/policy/")
    assert document["policy"] == "https://example.org/latest/policy/"
    retired = [a for a in document["accounts"] if a["status"] == "retired"]
    assert [a["url"] for a in retired] == ["https://www.instagram.com/official.wake.town/"]
    assert {a["name"]: a["to_confirm"] for a in document["accounts"]} == \
        {"和気町": None, "わけまろくんの部屋": "Q2", "official.wake.town": "Q1"}


def test_an_address_in_question_names_its_question_and_is_not_linked(tmp_path):
    real = accounts.load(ROOT / "docs" / "_data" / "accounts.yml")
    assert {a.id: a.linked for a in real.accounts} == {"facebook-town": True, "line-wakemaro": False, "instagram-official": True}
    start = TEXT.index("    to_confirm: Q2", TEXT.index("  - id: line-wakemaro"))  # the account's, not its host's
    end = TEXT.index("  - id: instagram-official")
    path = variant(tmp_path, TEXT[start:end], "    url_confirmed: false\n")  # no question named, no reason
    with pytest.raises(DataErrors) as raised:
        accounts.load(path, schema_dir=DATA_SCHEMAS)
    assert "an address not confirmed names the 要確認 entry that says so (to_confirm)" in str(raised.value), str(raised.value)


def test_an_account_to_confirm_needs_a_reason_for_residents(tmp_path):
    path = variant(tmp_path, "    to_confirm_reason:\n      ja: ガイドラインのアカウントの一覧には", "    unused_reason:\n      ja: ガイドラインのアカウントの一覧には")
    with pytest.raises(DataErrors) as raised:
        accounts.load(path, schema_dir=DATA_SCHEMAS)
    assert "accounts/2" in str(raised.value) and "to_confirm_reason" in str(raised.value), str(raised.value)


def test_contact_names_the_department_and_no_detail_the_source_lacks(registry):
    """The source names まち経営課 (5(2)) and no telephone, e-mail, address or form: those stay empty
    until the town supplies them, and 要確認 Q17 says so."""
    contact = registry.contact
    clause_texts = [c.text.ja for c in site.load_project(ROOT).guideline.clause(contact.clause).walk() if c.text]
    assert any("まち経営課" in text for text in clause_texts) and "まち経営課" in contact.department.ja
    assert (contact.phone, contact.email, contact.address, contact.form) == (None, None, None, None)
    assert contact.to_confirm == "Q17" and contact.website == "https://www.town.wake.lg.jp/"


def test_every_account_named_in_the_guideline_is_in_the_registry(registry):
    """5(2) アカウント名 URL (the town's text, corrected per the errata) and the registry agree."""
    guideline = site.load_project(ROOT).guideline
    row_text = " ".join(item.text.ja for group in guideline.clause("policy-accounts").children for item in group.children)
    urls = set(re.findall(r"https://\S+?/(?=\s|$)", row_text + " "))
    assert urls == {a.url for a in registry.accounts}


def test_english_pages_show_romanised_account_names():
    """/en/policy/ and /en/accounts/ name the accounts in English (name_en), keeping the name as it
    is on the platform in brackets; the Japanese pages and the machine-readable list keep `name`."""
    from wakesite import render

    loaded = site.load_project(ROOT)
    for part in ("policy", "accounts"):
        english = render.render(part, loaded, "en", f"en/{part}/")
        japanese = render.render(part, loaded, "ja", f"{part}/")
        assert "Wake Town (和気町)</span>" in english
        assert "Wakemaro-kun&#39;s Room (わけまろくんの部屋)</span>" in english
        assert '<span class="wk-account-name">和気町</span>' in japanese
        assert "Wake Town (和気町)" not in japanese
    assert [a["name"] for a in accounts.accounts_document(loaded.accounts, "")["accounts"]][:2] == ["和気町", "わけまろくんの部屋"]
