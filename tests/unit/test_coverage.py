"""Every duty of the guideline is covered by a checklist item or says why it cannot be."""
from __future__ import annotations


import pytest

from support import CHECKLIST_SCHEMAS, ROOT
from wakesite import coverage, site
from wakesite.datafile import DataErrors

COVERAGE = ROOT / "checklists" / "coverage.yml"


@pytest.fixture(scope="module")
def real():
    return site.load_project(ROOT)


def test_every_duty_is_mapped(real):
    mappings = coverage.load(COVERAGE, real.guideline, real.checklists, schema_dir=CHECKLIST_SCHEMAS)
    gaps = coverage.unmapped(coverage.duty_clauses(real.guideline), mappings)
    assert not gaps, "duties not in checklists/coverage.yml: " + ", ".join(f"{c.id} ({c.ref.ja})" for c in gaps)


def test_duties_are_found_from_the_wording(real):
    duties = {c.id for c in coverage.duty_clauses(real.guideline)}
    # A sample across the kinds of wording: してください, いけません (with its items ア–カ), 厳禁, する.
    assert {"accurate-information", "prohibited-content", "prohibited-untrue", "security-1", "common-rule"} <= duties
    assert "policy-content-4" not in duties  # 防災情報: a kind of content, not an obligation


def test_every_checklist_item_cites_clauses_that_exist(real):
    for checklist in real.checklists:
        for item in checklist.duties:
            assert item.refs, f"{checklist.id}/{item.id} cites no clause"


def test_reference_items_are_never_mixed_with_duties(real):
    for checklist in real.checklists:
        for group in checklist.groups:
            kinds = {item.reference for item in group.items}
            assert len(kinds) == 1, f"{checklist.id}: group {group.id!r} mixes duties and 参考 items"


def test_a_gap_and_a_wrong_mapping_are_reported(real, tmp_path):
    broken = tmp_path / "coverage.yml"
    text = COVERAGE.read_text(encoding="utf-8")
    text = text.replace("  - clause: sincere-conduct", "  - clause: sincere-conduct-gone", 1)
    text = text.replace("      - pre-post/laws-and-rules", "      - pre-post/copyright", 1)
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        coverage.load(broken, real.guideline, real.checklists, schema_dir=CHECKLIST_SCHEMAS)
    message = str(raised.value)
    assert "duty 'sincere-conduct-gone': clause 'sincere-conduct-gone' does not exist" in message
    assert "duty 'legal-compliance-laws': item 'pre-post/copyright' does not cite clause 'legal-compliance-laws'" in message
