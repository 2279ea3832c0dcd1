"""The draft check's rule file (docs/_data/draft_rules.yml): what the loader refuses, with file,
line and rule, and what the page's JSON carries. The rules' behaviour (their examples and the
corpus) is tested through the page's own checker in Chromium: tests/browser/test_draft_corpus.py."""
from __future__ import annotations

import shutil

import pytest
import yaml

from support import ROOT
from wakesite import draftcheck
from wakesite.datafile import DataErrors
from wakesite.site import load_site

SITE = load_site()


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
        draftcheck.load(path, SITE.guideline, SITE.accounts, SITE.checklists)
    return str(error.value)


def test_an_unknown_clause_stops_the_build_naming_the_rule(tmp_path):
    message = _broken(tmp_path, lambda t: t.replace("clause: legal-compliance-rights", "clause: no-such-clause", 1))
    assert "draft_rules.yml:" in message and "rule 'phone'" in message and "no-such-clause" in message


def test_a_rule_without_clause_must_name_a_source(tmp_path):
    def drop_source(text):
        data = yaml.safe_load(text)
        del next(r for r in data["rules"] if r["id"] == "length")["source"]
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
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
