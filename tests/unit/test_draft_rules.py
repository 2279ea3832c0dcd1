"""The draft check's rule file (docs/_data/draft_rules.yml): what the loader refuses, with file,
line and rule, and what the page's JSON carries. The rules' behaviour (their examples and the
corpus) is tested through the page's own checker in Chromium: tests/browser/test_draft_corpus.py."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from support import DATA_SCHEMAS, ROOT, dump_data
from wakesite import checklists, draftcheck
from wakesite.datafile import DataErrors
from wakesite.site import load_project

SITE = load_project(ROOT)


def test_every_rule_cites_a_clause_of_the_guideline_or_names_its_source():
    for rule in SITE.draft_rules.rules:
        assert rule.clause is not None or rule.source is not None, rule.id
        if rule.clause is not None:
            assert rule.clause.id in SITE.guideline.clauses


def test_the_pages_json_has_the_registry_platforms_and_the_towns_domain():
    config = SITE.draft_rules.config("ja", {p.id: p.name for p in SITE.accounts.platforms})
    assert config["ownDomains"] == ["town.wake.lg.jp"]
    assert set(config["limits"]) == {p.id for p in SITE.accounts.platforms}
    assert {rule["id"] for rule in config["rules"]} >= {"phone", "weekday", "hours", "length", "link-shortener"}


def _broken(tmp_path, change) -> str:
    tmp_path = tmp_path / f"copy{len(list(tmp_path.iterdir()))}"
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    path = tmp_path / "docs" / "_data" / "draft_rules.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(change(text), encoding="utf-8")
    with pytest.raises(DataErrors) as error:
        draftcheck.load(path, SITE.guideline, SITE.accounts, SITE.checklists, schema_dir=DATA_SCHEMAS)
    return str(error.value)


def test_an_unknown_clause_stops_the_build_naming_the_rule(tmp_path):
    message = _broken(tmp_path, lambda t: t.replace("clause: legal-compliance-rights", "clause: no-such-clause", 1))
    assert "draft_rules.yml:" in message and "rule 'phone'" in message and "no-such-clause" in message


def test_a_rule_without_clause_must_name_a_source(tmp_path):
    def drop_source(text):
        data = yaml.safe_load(text)
        del next(r for r in data["rules"] if r["id"] == "length")["source"]
        return dump_data("draft_rules.yml", data)
    assert "must name its `source`" in _broken(tmp_path, drop_source)


def test_an_unknown_platform_or_checklist_is_refused(tmp_path):
    assert "unknown platform" in _broken(tmp_path, lambda t: t.replace("  - platform: facebook", "  - platform: x", 1))
    assert "no checklist 'nothing'" in _broken(tmp_path, lambda t: t.replace("carry_to: pre-post", "carry_to: nothing"))


def test_working_hours_are_empty_until_the_town_gives_them():
    """The guideline gives no working hours: none are published, and none are made up."""
    hours = SITE.draft_rules.hours
    assert not hours.known and hours.start is None and hours.days == ()


def test_working_hours_are_given_whole_and_in_order(tmp_path):
    half = _broken(tmp_path, lambda t: t.replace('  start: null', '  start: "08:30"', 1))
    assert "days, start and end of working hours are given together" in half
    backwards = _broken(tmp_path, lambda t: t.replace("  days: null\n  start: null\n  end: null",
                                                      '  days: [1]\n  start: "17:00"\n  end: "08:30"', 1))
    assert "the end of working hours must come after the start" in backwards


def test_a_rule_names_an_item_of_the_checklist_it_is_carried_to(tmp_path):
    """The sheet marks a tick that a standing finding contradicts: the item must exist."""
    message = _broken(tmp_path, lambda t: t.replace("    item: privacy\n", "    item: no-such-item\n", 1))
    assert "draft_rules.yml:" in message and "rule 'phone'" in message
    assert "no item 'no-such-item' in checklist 'pre-post'" in message


def test_the_pages_json_says_which_item_each_finding_bears_on():
    config = SITE.draft_rules.config("ja", {p.id: p.name for p in SITE.accounts.platforms})
    items = {rule["id"]: rule["item"] for rule in config["rules"]}
    assert items["link-shortener"] == "links-open" and items["phone"] == "privacy" and items["length"] is None
    pre_post = next(c for c in SITE.checklists if c.id == SITE.draft_rules.carry_to)
    assert {item for item in items.values() if item} <= {item.id for item in pre_post.items}


# ---- No rule is stronger than its source (issue 24) ----

# Every prohibiting or requiring word of the guideline, as read: (clause, words) → what it imposes.
# `MANDATORY_WORDING` must find exactly these; a word that imposes nothing is listed apart.
MANDATES = {
    ("prohibited-content", "禁止事項"): "the heading of 4(5): what follows is prohibited",
    ("approval-required", "受ける必要があります"): "posts need approval",
    ("security-1", "厳禁"): "no posting from private devices",
    ("security-2", "厳禁"): "no posting from shared places",
    ("security-4", "厳禁"): "no hashtags of names not for public use",
    ("reposts-1", "必ず事実確認"): "facts are checked before reposting",
}
NOT_MANDATES = {("impersonation-2", "必要に応じて"): "a warning where needed: the need is judged"}


def test_the_mandatory_wording_is_every_prohibition_and_requirement_of_the_guideline():
    candidates = re.compile(r"いけません|厳禁|禁止|ならない|必要|必ず|しなければ")
    found, free = set(), set()
    for clause in SITE.guideline.clauses.values():
        for text in [node.ja for node in (clause.title, clause.text) if node]:
            for match in candidates.finditer(text):
                around = text[max(0, match.start() - 6):match.end() + 6]
                key = next((k for k in {**MANDATES, **NOT_MANDATES} if k[0] == clause.id and k[1] in around), None)
                assert key, f"{clause.id}: {around!r} is neither listed as a mandate nor as not one"
                (found if draftcheck.MANDATORY_WORDING.search(around) and key in MANDATES else free).add(key)
    assert found == set(MANDATES) and free == set(NOT_MANDATES)
    # The lead of 4(5) prohibits each of its items (ア–カ): 「…掲載してはいけません。」
    untrue = SITE.guideline.clauses["prohibited-untrue"]
    assert any("掲載してはいけません" in text for text in draftcheck.clause_wording(untrue))


def test_no_rule_is_stronger_than_its_clause_or_its_source():
    """A finding never says more than its source: 直してください only where the guideline prohibits or
    requires in so many words (or a confirmed limit is passed); 確認してください where it asks for care;
    参考 where the source is practice or guidance."""
    rules = SITE.draft_rules
    for rule in rules.rules:
        if rule.clause is not None:
            wording = " ".join(draftcheck.clause_wording(rule.clause))
            permits = checklists.permissive_wording(rule.clause)
            strongest = ("reference" if permits and rule.permissive_reason is None else
                         "must-fix" if re.search(r"いけません|厳禁|禁止|必要があります|必ず", wording) else "confirm")
        elif rule.source_kind == "platform-limit":
            unit = {"length": "characters", "hashtag-count": "hashtags"}[rule.check]
            confirmed = all(limit.confirmed for limits in rules.limits.values() for limit in limits if limit.unit == unit)
            strongest = "must-fix" if confirmed else "confirm"
        else:
            assert rule.source_kind == "practice" and rule.source is not None, rule.id
            strongest = "reference"
        assert draftcheck.RANK[rule.severity] >= draftcheck.RANK[strongest], f"{rule.id}: {rule.severity} > {strongest}"
        assert draftcheck.strongest(rule, rules.limits)[0] == strongest, rule.id


def test_the_points_of_issue_24_are_no_longer_duties():
    rules = SITE.draft_rules
    # The guideline does not forbid URL shorteners: a short link is to be opened and checked.
    assert rules.rule("link-shortener").severity == "confirm"
    assert "原則として使用しない" in rules.rule("link-shortener").source.ja
    assert "lin.ee" not in rules.shorteners  # LINE's own address for adding the town's account
    # The platforms' limits are unconfirmed third-party figures.
    assert not any(limit.confirmed for limits in rules.limits.values() for limit in limits)
    assert rules.rule("length").severity == rules.rule("hashtag-count").severity == "confirm"
    # 4(3) asks for care (心掛け, 留意): an address that does not work is confirmed, not a must.
    assert rules.rule("link-malformed").severity == "confirm"
    # What 公共に供しない名称 covers is 要確認 Q5: the message says so, for both languages.
    hashtag = rules.rule("instagram-hashtag")
    assert "Q5" in hashtag.message.ja and "Q5" in hashtag.message.en and "和気町" in rules.public_hashtags
    # A wrong weekday is untrue (4(5)ウ, prohibited), not merely careless.
    assert rules.rule("weekday").clause.id == "prohibited-untrue" and rules.rule("weekday").severity == "must-fix"


@pytest.mark.parametrize("change, words", [
    (lambda t: t.replace("  - id: link-malformed\n    topic: links\n    severity: confirm", "  - id: link-malformed\n    topic: links\n    severity: must-fix"),
     "rule 'link-malformed': severity 'must-fix' is stronger than its source allows ('confirm')"),
    (lambda t: t.replace("  - id: length\n    topic: length\n    severity: confirm", "  - id: length\n    topic: length\n    severity: must-fix"),
     "rule 'length': severity 'must-fix' is stronger than its source allows ('confirm'): a limit it reads is not confirmed"),
    (lambda t: t.replace("  - id: emoji-run\n    topic: accessibility\n    severity: reference", "  - id: emoji-run\n    topic: accessibility\n    severity: confirm"),
     "rule 'emoji-run': severity 'confirm' is stronger than its source allows ('reference')"),
    (lambda t: t.replace("    source_kind: practice\n    patterns: ['[０-９]+']", "    patterns: ['[０-９]+']"),
     "rule 'fullwidth-digits': a rule without a clause must say what kind of source it has"),
    (lambda t: t.replace("  - id: phone\n    topic: personal-data\n    severity: confirm", "  - id: phone\n    topic: personal-data\n    severity: reference\n    show: summary"),
     "rule 'phone': only a 参考 (reference) rule with the words of its `summary` line"),
    (lambda t: t.replace("  - named: Twitter", "  - named: Mastodon"), "'Mastodon' is not in the text of clause 'definition'"),
])
def test_a_rule_stronger_than_its_source_stops_the_build(tmp_path, change, words):
    assert words in _broken(tmp_path, change)


def test_a_rule_without_its_permissive_reason_on_a_permissive_clause_is_refused(tmp_path):
    def drop(text):
        start = text.index("    permissive_reason:\n      ja: 就業時間内")
        end = text.index("    check: hours")
        return text[:start] + text[end:]
    message = _broken(tmp_path, drop)
    assert "rule 'hours': severity 'confirm' is stronger than its source allows ('reference'): its clause permits ('可とする')" in message


def test_a_confirmed_limit_may_make_a_length_a_must_fix(tmp_path):
    tmp_path = tmp_path / "confirmed"
    shutil.copytree(ROOT / "docs" / "_data", tmp_path / "docs" / "_data")
    path = tmp_path / "docs" / "_data" / "draft_rules.yml"
    text = path.read_text(encoding="utf-8").replace("confirmed: false", "confirmed: true")
    text = text.replace("  - id: length\n    topic: length\n    severity: confirm", "  - id: length\n    topic: length\n    severity: must-fix")
    path.write_text(text, encoding="utf-8")
    assert draftcheck.load(path, SITE.guideline, SITE.accounts, SITE.checklists, schema_dir=DATA_SCHEMAS).rule("length").severity == "must-fix"


# ---- What the page's checker is told about the town (issue 24) ----

def test_the_towns_accounts_are_its_own_links():
    config = SITE.draft_rules.config("en", {p.id: p.name for p in SITE.accounts.platforms})
    accounts = {(a["host"], a["path"]) for a in config["ownAccounts"]}
    assert ("facebook.com", "/town.wake") in accounts and ("instagram.com", "/official.wake.town") in accounts
    assert len(accounts) == len(SITE.accounts.active)
    assert any("being confirmed, Q2" in a["label"] for a in config["ownAccounts"])  # said, not hidden
    assert config["publicHashtags"] == ["和気町"]


def test_the_towns_contact_details_come_from_the_registry():
    from dataclasses import replace

    from wakesite.lang import Bilingual

    assert draftcheck.own_contacts(SITE.accounts) == {"phones": [], "emails": [], "postcodes": [], "addresses": []}  # Q17
    contact = replace(SITE.accounts.contact, phone="０８６９－００－１１１１", email=" Machi@Example.jp ",
                      address=Bilingual("〒709-0001 岡山県和気郡和気町和気100番地", "100 Wake, Wake Town, Okayama 709-0001"))
    own = draftcheck.own_contacts(replace(SITE.accounts, contact=contact))
    assert own == {"phones": ["0869001111"], "emails": ["machi@example.jp"], "postcodes": ["7090001"],
                   "addresses": ["〒709-0001岡山県和気郡和気町和気100番地", "100Wake,WakeTown,Okayama709-0001"]}


def test_adversarial_drafts_cover_every_rule_with_its_own_examples():
    for rule in SITE.draft_rules.rules:
        drafts = draftcheck.adversarial_inputs(rule)
        units = {d["unit"] for d in drafts}
        assert {"町", "1-", "a@", "🎄\u200d"} <= units
        texts = [e if isinstance(e, str) else e["text"] for e in rule.examples["match"]]
        assert all(t in units for t in texts if len(t) > 1), rule.id
        assert all(10_000 <= len(d["unit"]) * d["times"] + len(d["end"]) <= 100_000 + len(d["unit"]) for d in drafts)
